"""List pages (pages 2, 3... of paginated lists; year, month, tag and category pages): written by the HTML builders, not documents.

The root ``test-related`` has eight posts and ``paginate: 2``: ``posts/``
has four pages, ``tags/python`` two, ``archive/2024`` four.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOTS, copy_tree, warnings_of

from sphinx_blogposts.output.list_pages import MANIFEST


def _read(app, name: str) -> str:  # noqa: ANN001 - SphinxTestApp
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def _titles(html: str) -> list[str]:
    return re.findall(r'class="blogposts-entry-link[^"]*"[^>]*>(.*?)</a>', html)


@pytest.fixture
def site(tmp_path):
    return copy_tree(ROOTS / "test-related", tmp_path / "site")


def _mtimes(outdir: Path) -> dict[str, int]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in outdir.rglob("page/*.html")}


def test_list_pages_are_written_but_are_no_documents(make_app, site):
    app = make_app("html", srcdir=site)
    app.build()
    assert warnings_of(app) == []
    assert "posts/index" in app.env.all_docs and "tags/index" in app.env.all_docs  # an index and an overview are
    # documents; archive pages and an index's further pages are not
    for name in ("tags/python", "tags/python/page/2", "posts/page/2", "archive/2024", "archive/2024/page/4"):
        assert name not in app.env.all_docs
        assert (Path(app.outdir) / f"{name}.html").is_file()
        assert not (Path(app.outdir) / "_sources" / f"{name}.md.txt").exists()
    second = _read(app, "tags/python/page/2.html")
    assert _titles(second) == ["Beta", "Alpha"]
    # the theme's page, with the site's title and the list page's own title
    assert "<title>Posts tagged \u201cpython\u201d, page 2" in second
    assert '<h1>Posts tagged \u201cpython\u201d, page 2<a class="headerlink"' in second
    assert "Related and pinned" in second
    # not searched: its entries lead to the posts, which are
    assert "tags/python/page/2" not in _read(app, "searchindex.js")
    # in the sitemap, at its URL
    assert "<loc>https://example.org/tags/python/page/2.html</loc>" in _read(app, "sitemap.xml")
    listed = dict(line.split("\t") for line in _read(app, MANIFEST).splitlines())
    assert "tags/python/page/2" in listed and "posts/page/4" in listed


def test_a_rebuild_writes_only_the_list_pages_that_change(make_app, site):
    make_app("html", srcdir=site).build()
    outdir = site / "_build" / "html"
    before = _mtimes(outdir)
    assert len(before) == 7  # posts 2-4, archive/2024 2-4, tags/python 2
    make_app("html", srcdir=site).build()  # nothing changed: nothing is written
    assert _mtimes(outdir) == before
    beta = site / "_posts" / "2024-01-02-beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("title: Beta", "title: Bravo"), encoding="utf-8")
    again = make_app("html", srcdir=site)
    again.build()
    after = _mtimes(outdir)
    changed = sorted(name for name in before if after[name] != before[name])
    assert "tags/python/page/2.html" in changed and "posts/page/4.html" in changed
    assert "archive/2024/page/2.html" not in changed  # it does not show Beta
    assert _titles(_read(again, "tags/python/page/2.html")) == ["Bravo", "Alpha"]


def test_a_deleted_list_page_file_is_written_again(make_app, site):
    make_app("html", srcdir=site).build()
    page = site / "_build" / "html" / "tags" / "python" / "page" / "2.html"
    page.unlink()
    make_app("html", srcdir=site).build()
    assert page.is_file()


def test_parallel_writes_the_same_list_pages(make_app, tmp_path, site, monkeypatch):
    from sphinx_blogposts.output import list_pages

    monkeypatch.setattr(list_pages, "PARALLEL_FROM", 1)  # the seven pages are written by two processes
    serial = make_app("html", srcdir=site)
    serial.build()
    other = copy_tree(ROOTS / "test-related", tmp_path / "other")
    parallel = make_app("html", srcdir=other, parallel=2)
    parallel.build()
    for name in sorted(_mtimes(Path(serial.outdir))):
        assert _read(parallel, name) == _read(serial, name), name


def test_builders_without_pages_show_the_whole_list(make_app, site):
    app = make_app("text", srcdir=site)
    app.build()
    assert warnings_of(app) == []
    text = _read(app, "posts/index.txt")
    for title in ("Theta", "Eta", "Zeta", "Epsilon", "Delta", "Gamma", "Beta", "Alpha"):  # every post
        assert title in text
    assert "Page 1 of" not in text and "Next page" not in text
    assert not list(Path(app.outdir).rglob("page"))
    assert not (Path(app.outdir) / "tags" / "python.txt").exists()  # no archive pages: no pages
    tags = _read(app, "tags/index.txt")
    assert "python (4)" in tags  # the overview names the tags, without links


def test_a_pager_that_cannot_be_read_is_a_located_warning(make_app, tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_blogposts"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n```{blogposts-pager}\nnot json\n```\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    found = [w for w in warnings_of(app) if "pager cannot be read" in w]
    assert len(found) == 1 and "index.md:3" in found[0] and "[blogposts.directive]" in found[0]


def test_a_list_page_whose_folder_leads_out_of_the_output_is_not_written(make_app, site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    outdir = site / "_build" / "html"
    (outdir / "posts").mkdir(parents=True)
    (outdir / "posts" / "page").symlink_to(outside)  # posts/page/2.html would land outside
    app = make_app("html", srcdir=site)
    app.build()
    assert list(outside.iterdir()) == []
    found = [w for w in warnings_of(app) if "could not be written" in w]
    assert found and all("[blogposts.output]" in w and "index" in w.split(":")[0] for w in found)
    assert (outdir / "tags" / "python" / "page" / "2.html").is_file()  # the others are written
