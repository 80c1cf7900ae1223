"""The site's own pages: ``.html`` pages with front matter, listing pages, other Liquid files.

On tests/roots/test-academic (academicpages-shaped: ``_pages/ai.html`` loops
over ``site.ai`` with a theme include the site does not have) and on
minimal-mistakes with its listing pages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOTS, copy_tree, edit_then_build_fresh, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain

PAGES = {
    "_pages/ai.html": ("Inteligencia artificial", "Notas sobre modelos que generan imágenes y texto."),
    "_pages/teaching.html": ("Docencia", None),
    "_pages/year-archive.html": ("Entradas por año", None),
}


def docname_of(app, relpath: str) -> str:
    docname = app.env.path2doc(str(Path(app.srcdir) / relpath))
    assert docname is not None, relpath
    return docname


def output_of(app, docname: str) -> str:
    return (Path(app.outdir) / app.builder.get_outfilename(docname)).read_text(encoding="utf-8")


def body_of(html: str) -> str:
    """The page's main text (no sidebar, no head)."""
    return html.split('role="main"', 1)[1].split('<div class="sphinxsidebar"', 1)[0]


def entry_links(app, docname: str) -> list[str]:
    return re.findall(r'class="blogposts-entry-link reference internal" href="([^"]+)"', body_of(output_of(app, docname)))


def link_to(app, fromdoc: str, relpath: str) -> str:
    return app.builder.get_relative_uri(fromdoc, docname_of(app, relpath))


@pytest.fixture
def academic(build, tmp_path):
    site = copy_tree(ROOTS / "test-academic", tmp_path / "academic")
    (site / "_posts" / "2023-05-01-viejo.md").write_text("---\ntitle: Una entrada vieja\n---\n\nDe 2023.\n", encoding="utf-8")
    return build("academic", srcdir=site)


def test_html_pages_have_their_title_text_and_native_lists(academic):
    app = academic
    for relpath, (title, text) in PAGES.items():
        docname = docname_of(app, relpath)
        assert app.env.titles[docname].astext() == title
        html = output_of(app, docname)
        body = body_of(html)
        assert f"<title>{title} &#8212;" in html
        if text:
            assert text in body  # the HTML around the loop is kept
        assert "{%" not in body and "{{" not in body, relpath  # no Liquid left
        assert "blogposts-postlist" in body
    warnings = warnings_of(app)
    # the theme's per-item include and base_path are not the site's: no "not found"
    assert not any("[blogposts.liquid]" in w for w in warnings), warnings

    ai = docname_of(app, "_pages/ai.html")
    assert entry_links(app, ai) == [link_to(app, ai, "_ai/00002_redes.md"), link_to(app, ai, "_ai/00001_intro.md")]
    teaching = docname_of(app, "_pages/teaching.html")
    assert entry_links(app, teaching) == [link_to(app, teaching, "_teaching/2023-curso-python.md")]


def test_year_archive_lists_posts_under_year_headings(academic):
    app = academic
    docname = docname_of(app, "_pages/year-archive.html")
    body = body_of(output_of(app, docname))
    years = re.findall(r'<p class="blogposts-group rubric">(\d{4})</p>', body)
    assert years == ["2024", "2023"]
    assert entry_links(app, docname) == [
        link_to(app, docname, "_posts/2024-12-28-post-839.md"),
        link_to(app, docname, "_posts/2024-06-02-congreso.md"),
        link_to(app, docname, "_posts/2023-05-01-viejo.md"),
    ]
    assert body.index("2023") > body.index("Notas del congreso")  # each post under its year


def test_generated_index_is_not_a_second_list(academic):
    app = academic
    data = BlogpostsDomain.of(app.env).data
    ai, teaching = docname_of(app, "_pages/ai.html"), docname_of(app, "_pages/teaching.html")
    year_archive = docname_of(app, "_pages/year-archive.html")
    # the collections' indexes and the year overview are the site's own pages
    assert "ai/index" not in data["generated"] and "teaching/index" not in data["generated"]
    assert "archive/index" not in data["generated"]
    assert data["archive_map"]["collection"]["ai"] == ai
    assert data["archive_map"]["collection"]["teaching"] == teaching
    assert data["archive_map"]["index"]["year"] == year_archive
    assert "archive/2024" in data["list_pages"]  # the years' own pages stay (post headers link them)
    assert {ai, teaching, year_archive} <= set(data["nav_pages"])


def test_a_page_whose_liquid_fails_is_kept_with_a_located_warning(build, tmp_path):
    site = copy_tree(ROOTS / "test-academic", tmp_path / "academic")
    (site / "_pages" / "roto.html").write_text(
        "---\ntitle: Página rota\npermalink: /roto/\n---\n\n<p>Antes.</p>\n\n{{ page.title | no_such_filter }}\n\n"
        "<p>Después.</p>\n",
        encoding="utf-8",
    )
    app = build("academic", srcdir=site)
    docname = docname_of(app, "_pages/roto.html")
    body = body_of(output_of(app, docname))
    assert "Antes." in body and "Después." in body
    assert app.env.titles[docname].astext() == "Página rota"
    assert any("_pages/roto.html:8: WARNING:" in w and "[blogposts.liquid]" in w for w in warnings_of(app))


def test_html_becomes_native_nodes_and_internal_links(build, tmp_path):
    site = copy_tree(ROOTS / "test-academic", tmp_path / "academic")
    (site / "enlaces.html").write_text(
        '---\ntitle: Enlaces\n---\n\n<p>Ver <a href="/ai/">IA</a> y el <a href="/files/cv.pdf">CV</a>.</p>\n\n'
        '<figure>\n  <img src="/images/ai/red.png" alt="Red">\n  <figcaption>Una red</figcaption>\n</figure>\n\n'
        '<div class="nota">\n  <p>Texto <em>dentro</em>.</p>\n<script>alert(1)</script>\n</div>\n',
        encoding="utf-8",
    )
    app = build("academic", srcdir=site)
    body = body_of(output_of(app, "enlaces"))
    assert f'href="{link_to(app, "enlaces", "_pages/ai.html")}"' in body  # a page of the site: internal
    assert 'class="reference download internal"' in body and "cv.pdf" in body  # the file is copied
    assert '<figure class="blogposts-figure' in body and "_images/red.png" in body  # a native figure
    assert '<div class="nota">' in body and "<em>dentro</em>" in body  # the rest: raw HTML, sanitized
    assert "<script" not in body
    assert any("enlaces.html:14: WARNING: removed a <script> element" in w for w in warnings_of(app))
    assert docname_of(app, "_pages/docs/install.md") in app.env.all_docs  # Markdown pages of include:d folders too


def test_html_without_front_matter_is_not_a_page(build, tmp_path):
    site = copy_tree(ROOTS / "test-academic", tmp_path / "academic")
    (site / "google1234.html").write_text("google-site-verification: google1234.html\n", encoding="utf-8")
    app = build("academic", srcdir=site)
    assert "google1234" not in app.env.all_docs


def test_other_liquid_files_are_rendered_at_their_path(build, tmp_path):
    site = copy_tree(ROOTS / "test-academic", tmp_path / "academic")
    (site / "search.json").write_text(
        '---\nlayout: null\n---\n[{% for post in site.posts %}{{ post.title | jsonify }}'
        "{% unless forloop.last %},{% endunless %}{% endfor %}]\n",
        encoding="utf-8",
    )
    (site / "notes").mkdir()
    (site / "notes" / "humans.txt").write_text("---\n---\nSitio: {{ site.title }}\n{% nope %}\n", encoding="utf-8")
    (site / "feed.xml").write_text("---\nlayout: null\n---\n<feed>{{ site.title }}</feed>\n", encoding="utf-8")
    (site / "plain.json").write_text('{"no": "front matter"}\n', encoding="utf-8")
    (tmp_path / "outside.json").write_text("---\n---\nSECRETO\n", encoding="utf-8")
    (site / "leak.json").symlink_to(tmp_path / "outside.json")
    app = build("academic", srcdir=site)
    assert not (Path(app.outdir) / "leak.json").exists()  # a link out of the site: never read
    assert any("leak.json:1: WARNING:" in w and "outside the source folder" in w for w in warnings_of(app))
    out = Path(app.outdir)
    assert (out / "search.json").read_text(encoding="utf-8") == '["Balance del año","Notas del congreso"]\n'
    assert (out / "notes" / "humans.txt").read_text(encoding="utf-8").startswith("Sitio: Cuaderno de laboratorio\n")
    assert any("notes/humans.txt:4: WARNING:" in w and "[blogposts.liquid]" in w for w in warnings_of(app))
    assert "<entry>" in (out / "feed.xml").read_text(encoding="utf-8")  # ours, not the site's template
    assert not (out / "plain.json").exists() or "front matter" in (out / "plain.json").read_text()


def test_minimal_mistakes_listing_pages_list_natively(shared, minimal_mistakes, build):
    shutil.copytree(shared / "corpora" / "minimal-mistakes-pages" / "_pages", minimal_mistakes / "_pages")
    for path in [minimal_mistakes / "_pages", *(minimal_mistakes / "_pages").iterdir()]:
        path.chmod(path.stat().st_mode | 0o200)
    app = build("mm", srcdir=minimal_mistakes)
    data = BlogpostsDomain.of(app.env).data
    pages = {
        "_pages/year-archive.md": "year",
        "_pages/category-archive.md": "category",
        "_pages/tag-archive.md": "tag",
        "_pages/collection-archive.html": "collection",
    }
    for relpath, kind in pages.items():
        docname = docname_of(app, relpath)
        body = body_of(output_of(app, docname))
        assert "{%" not in body and "{{" not in body, relpath
        if kind == "collection":  # the corpus' collections have no documents
            assert "blogposts-empty" in body
            continue
        assert "blogposts-group rubric" in body and entry_links(app, docname), relpath
        assert data["archive_map"]["index"][kind] == docname
    year = docname_of(app, "_pages/year-archive.md")
    headings = re.findall(r'<p class="blogposts-group rubric">(\d{4})</p>', body_of(output_of(app, year)))
    assert headings == sorted(headings, reverse=True) and "2009" in headings
    assert not {"archive/index", "categories/index", "tags/index"} & set(data["generated"])


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_new_post_updates_its_listing_page(make_app, tmp_path, parallel):
    site = copy_tree(ROOTS / "test-academic", tmp_path / "site")

    def add_post(site: Path) -> None:
        (site / "_ai" / "00003_nuevo.md").write_text(
            "---\ntitle: \"Post 3: Modelos nuevos\"\ndate: 2023-01-10\n---\n\nNuevo.\n", encoding="utf-8"
        )

    again, fresh = edit_then_build_fresh(make_app, tmp_path, add_post, parallel, site=site)
    ai = docname_of(again, "_pages/ai.html")
    assert "Modelos nuevos" in body_of(output_of(again, ai))
    assert output_of(again, ai) == output_of(fresh, ai)
    assert entry_links(again, ai)[0] == link_to(again, ai, "_ai/00003_nuevo.md")
