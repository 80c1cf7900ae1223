"""Parallel builds give what serial builds give; incremental builds what fresh builds give."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import ROOTS, by_source, copy_tree, edit_then_build_fresh
from sphinx_blogposts.store.domain import BlogpostsDomain


def records(app) -> dict[str, dict]:
    # by the source's docname: a post has the docname of its URL
    return by_source(app, {d: dataclasses.asdict(r) for d, r in BlogpostsDomain.of(app.env).posts.items()})


def pages(outdir: Path) -> dict[str, str]:
    """Every HTML page of the build, by path (search index and assets aside)."""
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
        for p in sorted(outdir.rglob("*.html"))
        if p.name not in ("search.html", "genindex.html")
    }


def test_parallel_build_equals_serial(make_app, tmp_path):
    serial = make_app("html", srcdir=copy_tree(ROOTS / "test-jekyll", tmp_path / "serial"))
    serial.build()
    parallel = make_app("html", srcdir=copy_tree(ROOTS / "test-jekyll", tmp_path / "parallel"), parallel=2)
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    parallel.build()
    assert records(parallel) == records(serial)
    generated = set(BlogpostsDomain.of(parallel.env).data["generated"])
    assert set(records(parallel)) == set(by_source(parallel, dict.fromkeys(set(parallel.env.all_docs) - generated)))
    assert pages(parallel.outdir) == pages(serial.outdir)


def _edit(site: Path) -> None:
    posts = site / "_posts"
    first = posts / "2021-03-04-first-post.md"
    first.write_text(first.read_text().replace("is the excerpt.", "is the new excerpt."))
    second = posts / "2021-05-06-second-post.md"
    second.write_text(second.read_text().replace("title: Second post", "title: Second post, retitled"))
    (posts / "2022-01-02-more-marker.md").unlink()
    (posts / "2023-03-03-brand-new.md").write_text("---\ntitle: Brand new\n---\n\nFresh text.\n")


@pytest.mark.parametrize("parallel", [1, 2])
def test_incremental_build_equals_fresh_build(make_app, tmp_path, parallel):
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _edit, parallel)

    assert records(again) == records(fresh)
    assert "_posts/2022-01-02-more-marker" not in records(again)
    assert records(again)["_posts/2021-03-04-first-post"]["excerpt"].endswith("is the new excerpt.")
    home = (again.outdir / "index.html").read_text()
    assert home == (fresh.outdir / "index.html").read_text()
    assert "Brand new" in home and "Second post, retitled" in home and "More marker" not in home


def test_no_change_rebuild_reads_nothing(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    make_app("html", srcdir=site).build()
    again = make_app("html", srcdir=site)
    again.build()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
