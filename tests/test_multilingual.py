"""A site in three languages (tests/roots/test-multilingual): one blog per language
folder, pages and dates in each page's language, translations linked (issue 19)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOTS, copy_tree, edit_then_build_fresh, module_site, page_outputs, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain

REPO = Path(__file__).resolve().parent.parent
HREFLANG = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />')
ENTRY = re.compile(r'class="blogposts-entry-link reference internal" href="[^"]*">([^<]+)</a>')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from module_site("multilingual", tmp_path_factory)


def read(app, path: str) -> str:
    return (app.outdir / path).read_text(encoding="utf-8")


def html_lang(text: str) -> str:
    return re.search(r'<html[^>]* lang="([^"]+)"', text)[1]


def test_no_warnings(site):
    assert warnings_of(site) == []


#: Where each blog's pages are (the Jekyll URL layout of jekyll-archives under the blog).
BLOG_PAGES = {
    "en": ["index.html", "page/2.html", "2024/index.html", "2024/11/index.html", "2024/12/index.html",
           "tags/intro.html", "tags/release.html", "feed.xml", "rss.xml"],
    "es": ["index.html", "page/2.html", "2024/index.html", "2024/12/index.html", "tags/versión.html",
           "feed.xml", "rss.xml"],
    "de": ["index.html", "2024/index.html", "2024/11/index.html", "tags/release.html", "feed.xml", "rss.xml"],
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(BLOG_PAGES))
def test_each_language_has_its_blog(site, language):
    for path in BLOG_PAGES[language]:
        assert (site.outdir / language / "news" / path).is_file(), path
    # two posts in German: one index page, no page 2
    assert (site.outdir / "de" / "news" / "page" / "2.html").exists() is False
    # the language folder is not a category (nor the blog's own name a page of its own)
    assert not (site.outdir / "categories").exists()
    assert not (site.outdir / language / "news" / "categories" / "news.html").exists()


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("es/news/2024/12/05/release.html", "es"),
        ("de/news/2024/12/05/release.html", "de"),  # no lang: in front matter, the folder says
        ("en/news/2024/12/05/release.html", "en"),
        ("es/news/index.html", "es"),
        ("de/news/tags/release.html", "de"),
        ("es/about/index.html", "es"),
        ("svenska/index.html", "sv"),
        ("index.html", "en"),
    ],
)
def test_every_page_has_its_own_lang_attribute(site, path, lang):
    assert html_lang(read(site, path)) == lang


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        ("es/news/2024/12/05/release.html",
         ["Publicado el", "5 de diciembre de 2024", "Etiquetas:", "1 min de lectura", "Entrada anterior"]),
        ("de/news/2024/12/05/release.html",
         ["Veröffentlicht am", "5. Dezember 2024", "Schlagwörter:", "Vorheriger Beitrag"]),
        ("en/news/2024/12/05/release.html", ["Posted on", "December 5, 2024", "Previous post", "Next post"]),
        ("es/news/2024/12/index.html", ["<h1>Entradas de diciembre de 2024"]),
        ("es/news/2024/index.html", ["<h1>Entradas de 2024", "Diciembre de 2024"]),
        ("de/news/tags/release.html", ["<h1>Beiträge mit dem Schlagwort „release“"]),
        ("es/news/page/2.html", ["News, página 2", "Página 2 de 2"]),
    ],
)  # fmt: skip
def test_dates_and_labels_in_the_page_language(site, path, texts):
    text = read(site, path)
    for expected in texts:
        assert expected in text, expected
    if not path.startswith("en/"):
        assert "Posted on" not in text and "Previous post" not in text


def _nav(text: str) -> dict[str, str]:
    found = re.findall(r'<span class="blogposts-(prev|next)"><a class="reference internal" href="([^"]+)"', text)
    return dict(found)


def test_previous_and_next_stay_in_the_language(site):
    english = _nav(read(site, "en/news/2024/12/05/release.html"))
    assert english == {"prev": "../../11/20/hello.html", "next": "../18/winter.html"}
    german = _nav(read(site, "de/news/2024/12/05/release.html"))
    assert german == {"prev": "../../11/20/hello.html"}  # no German winter post: nothing newer


def test_translations_link_each_other_both_ways_with_x_default(site):
    english = dict(HREFLANG.findall(read(site, "en/news/2024/12/05/release.html")))
    assert english == {
        "de": "https://example.org/de/news/2024/12/05/release.html",
        "en": "https://example.org/en/news/2024/12/05/release.html",
        "es": "https://example.org/es/news/2024/12/05/release.html",
        "x-default": "https://example.org/en/news/2024/12/05/release.html",
    }
    spanish = dict(HREFLANG.findall(read(site, "es/news/2024/12/05/release.html")))
    assert spanish == english
    # the post missing in German: only the two that exist
    winter = dict(HREFLANG.findall(read(site, "es/news/2024/12/18/winter.html")))
    assert set(winter) == {"en", "es", "x-default"}
    # pages too
    about = dict(HREFLANG.findall(read(site, "de/about/index.html")))
    assert about["es"] == "https://example.org/es/about/" and about["x-default"] == "https://example.org/en/about/"
    # a page without translations has none
    assert not HREFLANG.findall(read(site, "svenska/index.html"))


def test_the_post_header_has_a_language_switcher(site):
    text = read(site, "es/news/2024/12/05/release.html")
    switcher = re.search(r'<span class="blogposts-translations">(.*?)</span>\n', text)[1]
    assert "Otros idiomas:" in switcher
    links = re.findall(r'href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>', switcher)
    assert links == [
        ("../../../../../de/news/2024/12/05/release.html", "de", "Deutsch"),
        ("../../../../../en/news/2024/12/05/release.html", "en", "English"),
    ]


def test_templates_get_the_translations(site):
    domain = BlogpostsDomain.of(site.env)
    translations = domain.data["translations"]
    post = next(d for d in translations if d.startswith("es/news/2024/12/05/"))
    assert [code for code, _ in translations[post]] == ["de", "en", "es"]


def test_the_language_folder_is_not_a_category_but_the_blog_name_is(site):
    records = BlogpostsDomain.of(site.env).posts
    spanish = next(r for d, r in records.items() if d.startswith("es/news/2024/12/05/"))
    assert spanish.categories == ["news"] and spanish.language == "es" and spanish.blog == "es/news"
    text = read(site, "es/news/2024/12/05/release.html")
    # the blog's own name leads to its index, and no "es" pill is shown
    assert '<a class="blogposts-category" href="../../../index.html">news</a>' in text
    assert ">es</a>" not in text
    # the URL is still Jekyll's, language folder included
    assert (site.outdir / "es" / "news" / "2024" / "12" / "05" / "release.html").is_file()


def test_each_blog_lists_only_its_posts(site):
    assert ENTRY.findall(read(site, "de/news/index.html")) == ["Version 2 ist da", "Hallo"]
    assert ENTRY.findall(read(site, "es/news/index.html")) == ["Vacaciones de invierno", "Ya está aquí la versión 2"]
    assert ENTRY.findall(read(site, "en/news/2024/12/index.html")) == ["Winter break", "Version 2 is out"]


def test_each_blog_has_its_feeds_in_its_language(site):
    import feedparser

    for language, count in (("en", 3), ("es", 3), ("de", 2)):
        atom = (site.outdir / language / "news" / "feed.xml").read_text(encoding="utf-8")
        assert f'xml:lang="{language}"' in atom
        feed = feedparser.parse(atom.encode())
        assert not feed.bozo and len(feed.entries) == count
        assert all(f"/{language}/news/" in e.link for e in feed.entries)
        rss = (site.outdir / language / "news" / "rss.xml").read_text(encoding="utf-8")
        assert f"<language>{language}</language>" in rss
    # a blog's pages link its feeds
    head = read(site, "es/news/2024/12/05/release.html").split("</head>")[0]
    assert 'type="application/atom+xml" title="News (Atom)" href="../../../../../es/news/feed.xml"' in head


def test_postlist_defaults_to_the_page_language(site):
    text = read(site, "es/recientes/index.html")
    spanish, everything, german = text.split("<h2>")[1:4]
    assert ENTRY.findall(spanish) == ["Vacaciones de invierno", "Ya está aquí la versión 2", "Hola"]
    assert len(ENTRY.findall(everything)) == 8
    assert ENTRY.findall(german) == ["Version 2 ist da", "Hallo"]


def test_liquid_page_lang_is_the_document_language(site):
    assert "Sprache: de." in read(site, "de/about/index.html")


def test_one_info_line_for_a_language_without_labels(site):
    lines = [line for line in site.status.getvalue().splitlines() if "no labels in" in line]
    assert len(lines) == 1 and "sv" in lines[0]


def _add_german_winter(site: Path) -> None:
    (site / "de" / "news" / "_posts" / "2024-12-18-winter.md").write_text(
        "---\ntitle: Winterpause\ntags: [team]\n---\nDas Team macht bis Januar Pause.\n", encoding="utf-8"
    )


@pytest.mark.parametrize("parallel", [1, 2])
def test_incremental_after_adding_a_translation_equals_fresh(make_app, tmp_path, parallel):
    site = copy_tree(ROOTS / "test-multilingual", tmp_path / "site")
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _add_german_winter, parallel, site=site)
    assert page_outputs(again.outdir, (".html", ".xml")) == page_outputs(fresh.outdir, (".html", ".xml"))
    # the English post now links the German one, which is the newest German post
    english = dict(HREFLANG.findall(read(again, "en/news/2024/12/18/winter.html")))
    assert english["de"] == "https://example.org/de/news/2024/12/18/winter.html"
    assert _nav(read(again, "de/news/2024/12/05/release.html")) == {
        "prev": "../../11/20/hello.html", "next": "../18/winter.html"
    }
    assert (again.outdir / "de" / "news" / "page" / "2.html").is_file()


def test_parallel_build_equals_serial(make_app, tmp_path):
    serial = make_app("html", srcdir=copy_tree(ROOTS / "test-multilingual", tmp_path / "serial"))
    serial.build()
    parallel = make_app("html", srcdir=copy_tree(ROOTS / "test-multilingual", tmp_path / "parallel"), parallel=2)
    parallel.build()
    assert page_outputs(parallel.outdir, (".html", ".xml")) == page_outputs(serial.outdir, (".html", ".xml"))


def test_language_folders_off_is_one_blog(make_app, tmp_path):
    """``blogposts_language_folders = False``: the folders are plain folders again (Jekyll's
    categories), every post in one blog."""
    site = copy_tree(ROOTS / "test-multilingual", tmp_path / "site")
    app = make_app("html", srcdir=site, confoverrides={"blogposts_language_folders": False})
    app.build()
    domain = BlogpostsDomain.of(app.env)
    assert "blog" not in domain.data["archive_map"] and not (app.outdir / "es" / "news" / "index.html").exists()
    spanish = next(r for d, r in domain.posts.items() if d.startswith("es/news/2024/12/05/"))
    assert spanish.categories == ["es", "news"] and spanish.language == "es"  # its lang: still counts


def test_the_example_site_notes_are_in_spanish(build, tmp_path):
    source = REPO / "examples"
    if not (source / "conf.py").exists():
        pytest.skip("examples/ is not part of this checkout")
    app = build("examples", srcdir=copy_tree(source, tmp_path / "examples"))
    domain = BlogpostsDomain.of(app.env)
    notes = [r for r in domain.posts.values() if r.collection == "notas"]
    assert notes and all(r.language == "es" for r in notes)
    note = min(notes, key=lambda r: r.docname)
    text = read(app, f"{note.docname}.html")
    assert html_lang(text) == "es"
    assert "Publicado el" in text and "8 de marzo de 2026" in text and "Posted on" not in text
    index = read(app, f"{domain.data['archive_map']['collection']['notas']}.html")
    assert html_lang(index) == "es" and "Leer más" in index
    # the English posts stay English
    post = next(r for r in domain.posts.values() if r.collection == "posts")
    assert "Posted on" in read(app, f"{post.docname}.html")
    shutil.rmtree(tmp_path / "examples", ignore_errors=True)


def test_sidebars_show_the_page_language_blog(make_app, tmp_path):
    sidebars = ["blogposts/recent.html", "blogposts/tags.html", "blogposts/archives.html"]
    site = copy_tree(ROOTS / "test-multilingual", tmp_path / "site")
    app = make_app("html", srcdir=site, confoverrides={"html_sidebars": {"**": sidebars}})
    app.build()
    for path in ("es/news/2024/12/05/release.html", "es/about/index.html"):
        text = read(app, path)
        recent = text.split('blogposts-recent">')[1].split("</div>")[0]
        assert "Vacaciones de invierno" in recent and "Winter break" not in recent and "Hallo" not in recent, path
        assert "Entradas recientes" in recent
        tags = text.split('blogposts-tag-cloud">')[1].split("</div>")[0]
        assert ">versión</a>" in tags and ">release</a>" not in tags, path
    german = read(app, "de/news/index.html").split('blogposts-archives">')[1].split("</div>")[0]
    assert "2024" in german and "(2)" in german


def _polyglot_site(root: Path) -> Path:
    """A jekyll-polyglot site: languages in _config.yml, lang: on the Spanish files,
    the same permalink for both versions."""
    (root / "_posts").mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n')
    (root / "_config.yml").write_text('title: Poly\nurl: https://example.org\nlanguages: ["en", "es"]\ndefault_lang: "en"\n')
    files = {
        "about.md": "title: About\npermalink: /about/",
        "about-es.md": "title: Acerca\nlang: es\npermalink: /about/",
        "_posts/2024-01-01-hello.md": "title: Hello\npermalink: /hello/",
        "_posts/2024-01-01-hola.md": "title: Hola\nlang: es\npermalink: /hello/",
        "_posts/2024-02-01-more.md": "title: More",
    }
    for name, front in files.items():
        (root / name).write_text(f"---\n{front}\n---\nText.\n", encoding="utf-8")
    return root


def test_a_polyglot_site_has_a_blog_per_language_under_its_prefix(make_app, tmp_path):
    app = make_app("html", srcdir=_polyglot_site(tmp_path / "poly"))
    app.build()
    assert warnings_of(app) == []
    # the Spanish versions live under /es/, as polyglot writes them
    spanish = read(app, "es/hello/index.html")
    assert html_lang(spanish) == "es" and "Publicado el" in spanish
    assert dict(HREFLANG.findall(spanish)) == {
        "en": "https://example.org/hello/",
        "es": "https://example.org/es/hello/",
        "x-default": "https://example.org/hello/",
    }
    assert dict(HREFLANG.findall(read(app, "about/index.html")))["es"] == "https://example.org/es/about/"
    # the Spanish blog under /es/posts/, the default language's at /posts/
    assert ENTRY.findall(read(app, "es/posts/index.html")) == ["Hola"]
    assert ENTRY.findall(read(app, "posts/index.html")) == ["More", "Hello"]
    assert 'xml:lang="es"' in read(app, "es/posts/feed.xml")


def test_init_reports_the_languages_with_the_build_rule(tmp_path):
    from click.testing import CliRunner

    from sphinx_blogposts.cli.commands import main

    site = copy_tree(ROOTS / "test-multilingual", tmp_path / "site")
    result = CliRunner().invoke(main, ["init", "--dry-run", str(site)], catch_exceptions=False)
    assert "Languages: de 3, en 4, es 5, sv 1 (a blog each: de/news, en/news, es/news)" in result.output


def test_og_locale_is_the_page_language(make_app, tmp_path):
    pytest.importorskip("sphinxext.opengraph")
    site = copy_tree(ROOTS / "test-multilingual", tmp_path / "site")
    overrides = {"extensions": ["sphinx_blogposts", "sphinxext.opengraph"], "ogp_site_url": "https://example.org/"}
    app = make_app("html", srcdir=site, confoverrides=overrides)
    app.build()
    assert '<meta property="og:locale" content="es" />' in read(app, "es/news/2024/12/05/release.html")
    assert '<meta property="og:locale" content="de" />' in read(app, "de/news/index.html")


def test_the_site_own_page_at_a_blog_address_is_its_index(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-multilingual", tmp_path / "site")
    (site / "es" / "news" / "index.md").write_text("---\ntitle: Noticias\n---\nNuestras noticias.\n", encoding="utf-8")
    app = make_app("html", srcdir=site)
    app.build()
    assert warnings_of(app) == []
    data = BlogpostsDomain.of(app.env).data
    assert data["archive_map"]["blog"]["es/news"] == "es/news/index" and "es/news/index" not in data["generated"]
    assert "Nuestras noticias." in read(app, "es/news/index.html")
    assert not (app.outdir / "es" / "news" / "page" / "2.html").exists()
    assert (app.outdir / "es" / "news" / "2024" / "index.html").is_file()


def test_a_lang_that_is_not_a_language_is_warned_at_its_line(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-multilingual", tmp_path / "site")
    (site / "es" / "raro.md").write_text("---\ntitle: Raro\nlang: elvish\n---\nTexto.\n", encoding="utf-8")
    app = make_app("html", srcdir=site)
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 1 and "raro.md:3" in warnings[0] and "[blogposts.field]" in warnings[0]
    assert html_lang(read(app, "es/raro.html")) == "es"
