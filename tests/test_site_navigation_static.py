"""A Jekyll site's menu is its navigation; its static files are copied (issue 16, items 4 and 5)."""

from __future__ import annotations

import importlib.util
import json
import posixpath
import re
from pathlib import Path

import pytest

from conftest import ROOTS, copy_tree, warnings_of

ACADEMIC = ROOTS / "test-academic"
STATIC = ["favicon.ico", "robots.txt", "security.asc", "files/cv.pdf", "files/temario.pdf",
          "images/ai/red.png", "images/ai/sin-usar.png"]
MENU = [("Inteligencia artificial", "/ai/"), ("Docencia", "/teaching/"), ("Archivo", "/year-archive/"),
        ("Instalación", "/docs/install/"), ("CV", "/files/cv.pdf"), ("Código", "https://codeberg.example.net/ana")]
#: the first link of each first-level toctree entry, in alabaster's and furo's sidebars alike
SIDEBAR_LINK = re.compile(r'<li class="toctree-l1[^"]*"><a class="([^"]*)" href="([^"]*)">([^<]*)</a>')


def _site(tmp_path: Path) -> Path:
    return copy_tree(ACADEMIC, tmp_path / "site")


def _docname(app, url: str) -> str | None:  # noqa: ANN001 - SphinxTestApp
    """The document that answers ``url`` (the URL map, then the generated pages' own paths)."""
    key = url.strip("/")
    found = app.env.domaindata["blogposts"]["url_map"].get(key)
    return found or next((d for d in (key, f"{key}/index") if d in app.env.found_docs), None)


def _expected_menu(app) -> list[tuple[str, str]]:  # noqa: ANN001
    """The menu entries that have a page or file in this build: /year-archive/ is an
    .html listing page, a page only where .html pages are read (issue 16 item 3)."""
    return [(t, u) for t, u in MENU if u != "/year-archive/" or _docname(app, u)]


def _sidebar(app, docname: str) -> list[tuple[str, str, str]]:  # noqa: ANN001
    """(title, href, href resolved against the output folder) of the sidebar's first level."""
    page = Path(app.builder.get_outfilename(docname))
    html = page.read_text(encoding="utf-8")
    folder = page.parent.relative_to(app.outdir).as_posix()
    links = []
    for _cls, href, title in SIDEBAR_LINK.findall(html):
        resolved = href if "://" in href else posixpath.normpath(posixpath.join(folder, href.split("#")[0] or page.name))
        links.append((title, href, resolved))
    return links


@pytest.mark.parametrize("theme", ["alabaster", "furo"])
def test_menu_is_the_sidebar_in_order(build, tmp_path, theme):
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"the theme {theme} is not installed")
    app = build("academic", srcdir=_site(tmp_path), confoverrides={"html_theme": theme})
    warnings = warnings_of(app)
    assert not [w for w in warnings if "isn't included in any toctree" in w]
    expected = _expected_menu(app)
    page = _docname(app, "/teaching/2023-curso-python/")
    links = _sidebar(app, page)
    assert [title for title, _href, _resolved in links] == [title for title, _url in expected]
    for (title, href, resolved), (_title, url) in zip(links, expected):
        if url.startswith("https://"):
            assert href == url
        elif url == "/files/cv.pdf":
            assert not href.startswith(("/", "blogposts-static:")), href  # relative: works under /en/latest/
            assert resolved == "files/cv.pdf" and (app.outdir / resolved).is_file()
        else:
            target = Path(app.builder.get_outfilename(_docname(app, url))).relative_to(app.outdir).as_posix()
            assert resolved == target, (title, href)
    if len(expected) < len(MENU):  # the entry without a page is a located warning
        assert any("navigation.yml:7:" in w and "/year-archive/" in w for w in warnings)


def test_static_files_are_copied_byte_identical(build, tmp_path):
    site = _site(tmp_path)
    app = build("academic", srcdir=site)
    for rel in STATIC:
        assert (app.outdir / rel).read_bytes() == (site / rel).read_bytes(), rel
    for rel in ("_data/navigation.yml", "_config.yml", "conf.py", "_pages/about.md", "_pages/ai.html"):
        assert not (app.outdir / rel).exists(), rel
    manifest = json.loads((app.outdir / ".blogposts-static.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == sorted(STATIC)


def test_docs_project_copies_nothing(build):
    app = build("docs")
    assert not (app.outdir / ".blogposts-static.json").exists()


def test_static_symlink_out_of_the_site_is_not_copied(build, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site\n", encoding="utf-8")
    site = _site(tmp_path)
    (site / "files" / "leak.txt").symlink_to(secret)
    outside = tmp_path / "fuera"
    outside.mkdir()
    (outside / "foto.png").write_bytes(b"\x89PNG not ours")
    (site / "images" / "fuera").symlink_to(outside, target_is_directory=True)
    app = build("academic", srcdir=site)
    assert not (app.outdir / "files" / "leak.txt").exists()
    assert not (app.outdir / "images" / "fuera").exists()
    warnings = warnings_of(app)
    assert any("files/leak.txt:1:" in w and "symbolic link out of the site" in w for w in warnings)
    assert any("images/fuera:1:" in w and "symbolic link out of the site" in w for w in warnings)
    assert (app.outdir / "files" / "cv.pdf").is_file()  # the rest is copied


def test_rebuilds_copy_what_changed_and_delete_what_was_removed(make_app, tmp_path):
    site = _site(tmp_path)
    make_app("html", srcdir=site).build()
    again = make_app("html", srcdir=site)
    again.build()
    assert "static file(s) copied" not in again.status.getvalue()  # no change: nothing copied
    (site / "files" / "temario.pdf").unlink()
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /borradores/\n", encoding="utf-8")
    third = make_app("html", srcdir=site)
    third.build()
    assert "1 static file(s) copied, 1 removed" in third.status.getvalue()
    assert not (third.outdir / "files" / "temario.pdf").exists()
    assert (third.outdir / "robots.txt").read_bytes() == (site / "robots.txt").read_bytes()
    assert (third.outdir / "files" / "cv.pdf").is_file()
    manifest = json.loads((third.outdir / ".blogposts-static.json").read_text(encoding="utf-8"))
    assert "files/temario.pdf" not in manifest


def test_menu_entry_to_a_missing_page_warns_at_its_line(build, tmp_path):
    site = _site(tmp_path)
    menu = site / "_data" / "navigation.yml"
    menu.write_text(menu.read_text(encoding="utf-8") + '  - title: "Charlas"\n    url: /talks/\n', encoding="utf-8")
    app = build("academic", srcdir=site, confoverrides={"html_theme": "alabaster"})  # its sidebar has the toctree
    warnings = warnings_of(app)
    assert any("navigation.yml:15:" in w and "/talks/" in w and "blogposts.link" in w for w in warnings)
    titles = [t for t, _h, _r in _sidebar(app, _docname(app, "/teaching/2023-curso-python/"))]
    assert "Charlas" not in titles and "Docencia" in titles


def test_site_without_a_menu_gets_a_short_default(build, tmp_path):
    site = _site(tmp_path)
    (site / "_data" / "navigation.yml").unlink()
    app = build("academic", srcdir=site)
    assert not [w for w in warnings_of(app) if "isn't included in any toctree" in w]
    entries = app.env.toctree_includes[app.config.root_doc]
    assert _docname(app, "/ai/") in entries and _docname(app, "/teaching/") in entries
    # the archive overview: the site's own year-archive page lists it, so that page stands for it
    assert _docname(app, "/year-archive/") in entries
    posts = {d for d, r in app.env.domaindata["blogposts"]["posts"].items() if r.kind == "post"}
    assert not posts & set(entries)  # never every page
    assert _docname(app, "/docs/install/") not in entries  # not a top-level page


def test_navigation_setting_names_another_data_file(build, tmp_path):
    site = _site(tmp_path)
    (site / "_data" / "menu.yml").write_text(
        "items:\n  - title: Cursos\n    url: /teaching/\n  - title: Inicio\n    url: /\n", encoding="utf-8"
    )
    app = build("academic", srcdir=site, confoverrides={"blogposts_navigation": "menu.items", "html_theme": "alabaster"})
    page = _docname(app, "/teaching/2023-curso-python/")
    assert [t for t, _h, _r in _sidebar(app, page)] == ["Cursos", "Inicio"]


def test_minimal_mistakes_has_no_toctree_warnings(minimal_mistakes, build):
    app = build("mm", srcdir=minimal_mistakes)
    assert not [w for w in warnings_of(app) if "toc.not_included" in w or "isn't included in any toctree" in w]


def test_parallel_and_incremental_give_the_same_menu_and_files(make_app, tmp_path):
    """``-j 2`` == ``-j 1``, and an incremental build after a menu edit == a fresh one."""
    outputs = []
    for name, parallel in (("one", 1), ("two", 2)):
        app = make_app("html", srcdir=copy_tree(ACADEMIC, tmp_path / name), parallel=parallel,
                       confoverrides={"html_theme": "alabaster"})
        app.build()
        page = _docname(app, "/teaching/2023-curso-python/")
        outputs.append((_sidebar(app, page), sorted(json.loads((app.outdir / ".blogposts-static.json").read_text()))))
    assert outputs[0] == outputs[1]
    site = tmp_path / "one"
    menu = site / "_data" / "navigation.yml"
    menu.write_text(menu.read_text(encoding="utf-8").replace('"Docencia"', '"Cursos"'), encoding="utf-8")
    again = make_app("html", srcdir=site, confoverrides={"html_theme": "alabaster"})
    again.build()
    fresh = make_app("html", srcdir=copy_tree(site, tmp_path / "fresh"), freshenv=True,
                     confoverrides={"html_theme": "alabaster"})
    fresh.build()
    page = _docname(again, "/teaching/2023-curso-python/")
    titles = [t for t, _h, _r in _sidebar(again, page)]
    assert "Cursos" in titles and "Docencia" not in titles
    assert titles == [t for t, _h, _r in _sidebar(fresh, page)]


def test_dirhtml_copies_the_files_and_links_them_relatively(build, tmp_path):
    app = build("academic", buildername="dirhtml", srcdir=_site(tmp_path), confoverrides={"html_theme": "alabaster"})
    for rel in STATIC:
        assert (app.outdir / rel).is_file(), rel
    page = Path(app.builder.get_outfilename(_docname(app, "/teaching/2023-curso-python/")))
    hrefs = {title: href for _cls, href, title in SIDEBAR_LINK.findall(page.read_text(encoding="utf-8"))}
    assert (page.parent / hrefs["CV"]).resolve() == (app.outdir / "files" / "cv.pdf").resolve()


@pytest.mark.parametrize("theme", ["pydata_sphinx_theme", "sphinx_book_theme"])
def test_menu_static_link_is_relative_in_pydata_and_book(build, tmp_path, theme):
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"the theme {theme} is not installed")
    app = build("academic", srcdir=_site(tmp_path), confoverrides={"html_theme": theme})
    page = Path(app.builder.get_outfilename(_docname(app, "/teaching/2023-curso-python/")))
    html = page.read_text(encoding="utf-8")
    assert "blogposts-static:" not in html
    # relative to the page's own folder, so it works under /en/latest/ too
    rel = posixpath.relpath("files/cv.pdf", posixpath.dirname(page.relative_to(app.outdir).as_posix()))
    assert f'href="{rel}"' in html and "Inteligencia artificial" in html


def test_included_dot_files_are_copied_and_reserved_names_are_not(build, tmp_path):
    site = _site(tmp_path)
    config = site / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - _pages\n", "  - _pages\n  - .htaccess\n"),
                      encoding="utf-8")
    (site / ".htaccess").write_text("ErrorDocument 404 /404.html\n", encoding="utf-8")
    (site / ".oculto").write_text("never published\n", encoding="utf-8")
    (site / "objects.inv").write_bytes(b"not Sphinx's inventory")
    (site / "con-frontmatter.txt").write_text("---\ntitle: x\n---\nLiquid\n", encoding="utf-8")
    app = build("academic", srcdir=site)
    assert (app.outdir / ".htaccess").read_bytes() == (site / ".htaccess").read_bytes()
    assert not (app.outdir / ".oculto").exists()
    # a .txt with front matter is not a static copy: it is rendered with Liquid at its path
    assert (app.outdir / "con-frontmatter.txt").read_text(encoding="utf-8").strip() == "Liquid"
    assert (app.outdir / "objects.inv").read_bytes() != b"not Sphinx's inventory"
    assert any("objects.inv:1:" in w and "not copied" in w for w in warnings_of(app))


def test_an_unwritable_static_manifest_is_a_located_warning(make_app, tmp_path):
    from sphinx_blogposts.output.static_files import MANIFEST

    site = copy_tree(ROOTS / "test-academic", tmp_path / "site")
    outdir = site / "_build" / "html"
    (outdir / MANIFEST).mkdir(parents=True)  # a folder where the manifest goes
    app = make_app("html", srcdir=site)
    app.build()
    found = [w for w in warnings_of(app) if MANIFEST in w]
    assert len(found) == 1 and "[blogposts.output]" in found[0] and "_config.yml:1" in found[0]
    assert (outdir / "files" / "cv.pdf").is_file()  # the files are copied all the same
