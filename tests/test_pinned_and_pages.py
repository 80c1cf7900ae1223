"""Pinned posts (pin: true / sticky: true) first in indexes and the home list;
tag, category, author and year pages paginated like the collection indexes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import ROOTS, copy_tree, edit_then_build_fresh, module_site, page_outputs, warnings_of

from sphinx_blogposts.core.post_index import build_index, select_indexed
from sphinx_blogposts.core.post_record import PostRecord
from sphinx_blogposts.core.queries import ListSpec, is_pinned, select
from sphinx_blogposts.generate.archive_pages import _month_slices
from sphinx_blogposts.generate.page_source import page_docnames


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"pin": True}, True),
        ({"sticky": True}, True),
        ({"pin": False, "sticky": True}, True),
        ({"pin": "yes"}, False),  # only YAML's true pins
        ({"pin": 1}, False),
        ({}, False),
    ],
)
def test_is_pinned(meta, expected):
    assert is_pinned(meta) is expected


def _record(name: str, day: int, **meta) -> PostRecord:  # noqa: ANN003
    date = dt.datetime(2024, 1, day, tzinfo=dt.UTC)
    return PostRecord(docname=name, date=date, day=date.date().isoformat(), collection="posts", meta=meta,
                      tags=["t"] if day % 2 else [])  # fmt: skip


RECORDS = {r.docname: r for r in [
    _record("a", 1), _record("b", 2, pin=True), _record("c", 3), _record("d", 4, sticky=True), _record("e", 5),
]}  # fmt: skip


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (ListSpec(pinned_first=True), ["d", "b", "e", "c", "a"]),  # pinned first, in their own date order
        (ListSpec(pinned_first=True, offset=1, limit=2), ["b", "e"]),  # paging counts the pinned posts
        (ListSpec(pinned_first=True, offset=2), ["e", "c", "a"]),
        (ListSpec(), ["e", "d", "c", "b", "a"]),  # archives and other lists: by date
        (ListSpec(pinned_first=True, tags=("t",)), ["e", "c", "a"]),  # a pinned post outside the list stays out
        (ListSpec(pinned_first=True, sort="title"), ["b", "d", "a", "c", "e"]),  # untitled: by docname
    ],
)
def test_pinned_first_in_both_selections(spec, expected):
    index = build_index(RECORDS)
    assert [r.docname for r in select(RECORDS.values(), spec)] == expected
    assert [r.docname for r in select_indexed(index, spec, RECORDS)] == expected
    assert index.pinned == ["d", "b"]


@pytest.mark.parametrize(
    ("first", "count", "size", "expected"),
    [
        ("ai/index", 5, 10, ["ai/index"]),
        ("ai/index", 0, 10, ["ai/index"]),
        ("ai/index", 21, 10, ["ai/index", "ai/page/2", "ai/page/3"]),
        ("tags/python", 3, 2, ["tags/python", "tags/python/page/2"]),
        ("archive/2024", 4, 2, ["archive/2024", "archive/2024/page/2"]),
        ("es/news/2024/index", 3, 1, ["es/news/2024/index", "es/news/2024/page/2", "es/news/2024/page/3"]),
        ("tags/x", 3, 0, ["tags/x", "tags/x/page/2", "tags/x/page/3"]),  # a size under 1 is 1
    ],
)
def test_one_pagination_rule(first, count, size, expected):
    assert page_docnames(first, count, size) == expected


def test_month_slices_of_a_year_page():
    posts = [(-9.0, "a", 3), (-8.0, "b", 3), (-7.0, "c", 3), (-6.0, "d", 2), (-5.0, "e", 1)]
    assert _month_slices(posts[:2], [], True) == [(3, 0, 2)]
    assert _month_slices(posts[2:4], posts[:2], True) == [(3, 2, 1), (2, 0, 1)]
    assert _month_slices(posts, [], False) == [(3, None, None), (2, None, None), (1, None, None)]


# -- the built site ------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from module_site("related", tmp_path_factory)


def _read(app, path: str) -> str:  # noqa: ANN001
    return (Path(app.outdir) / path).read_text(encoding="utf-8")


def _titles(html: str) -> list[str]:
    return re.findall(r'class="blogposts-entry-link[^"]*"[^>]*>(.*?)</a>', html.split("blogposts-related")[0])


def _pager_links(html: str) -> list[str]:
    match = re.search(r'<div class="blogposts-pager[^"]*">(.*?)</div>', html, re.S)
    return re.findall(r'href="([^"]+)"', match[1]) if match else []


def test_pinned_posts_open_the_collection_index_and_the_home(site):
    assert warnings_of(site) == []
    # Epsilon (sticky) and Gamma (pin), newest first, then the rest by date
    assert _titles(_read(site, "posts/index.html")) == ["Epsilon", "Gamma"]
    assert _titles(_read(site, "posts/page/2.html")) == ["Theta", "Eta"]
    assert _titles(_read(site, "index.html"))[:3] == ["Epsilon", "Gamma", "Theta"]


def test_archives_keep_date_order(site):
    year = _read(site, "archive/2024.html")
    assert _titles(year) == ["Theta", "Eta"]  # the newest; the pinned posts are not lifted
    assert "Epsilon" not in _titles(year)


def test_tag_pages_are_paginated_with_prev_and_next(site):
    first, second = _read(site, "tags/python.html"), _read(site, "tags/python/page/2.html")
    assert _titles(first) == ["Epsilon", "Gamma"]  # by date: a tag page is an archive
    assert _titles(second) == ["Beta", "Alpha"]
    assert _pager_links(first) == ["python/page/2.html"]
    assert _pager_links(second) == ["../../python.html"]
    assert "Page 2 of 2" in second and "Posts tagged \u201cpython\u201d, page 2" in second
    # a tag with fewer posts than a page has one page, without a pager
    assert _pager_links(_read(site, "tags/cooking.html")) == []
    assert not (Path(site.outdir) / "tags/cooking/page/2.html").exists()
    # the overview counts every post of the tag
    assert "python</span></a> (4)" in _read(site, "tags/index.html")


def test_year_pages_are_paginated_across_months(site):
    pages = ["archive/2024.html"] + [f"archive/2024/page/{n}.html" for n in (2, 3, 4)]
    shown = [_titles(_read(site, page)) for page in pages]
    assert shown == [["Theta", "Eta"], ["Zeta", "Epsilon"], ["Delta", "Gamma"], ["Beta", "Alpha"]]
    third = _read(site, pages[2])
    assert "February 2024" in third and "January 2024" in third  # the months it shows, headed
    assert len(_pager_links(third)) == 2


def test_dirhtml_pages(build):
    app = build("related", buildername="dirhtml")
    assert (Path(app.outdir) / "tags/python/page/2/index.html").is_file()
    assert (Path(app.outdir) / "archive/2024/page/4/index.html").is_file()


def _pin_and_retag(site: Path) -> None:
    alpha = site / "_posts" / "2024-01-01-alpha.md"
    alpha.write_text(alpha.read_text().replace("tags: [python, sphinx]", "tags: [cooking]\npin: true"))
    gamma = site / "_posts" / "2024-01-03-gamma.md"
    gamma.write_text(gamma.read_text().replace("pin: true\n", ""))


def test_incremental_equals_fresh_after_pinning_and_retagging(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-related", tmp_path / "site")
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _pin_and_retag, site=site)
    got, want = page_outputs(again.outdir), page_outputs(fresh.outdir)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []
    assert _titles(_read(again, "posts/index.html")) == ["Epsilon", "Alpha"]
    assert _titles(_read(again, "tags/python/page/2.html")) == ["Beta"]  # python has 3 posts left


def _untag(site: Path) -> None:
    for name in ("2024-01-01-alpha", "2024-01-02-beta"):
        post = site / "_posts" / f"{name}.md"
        post.write_text(re.sub(r"tags: \[python, ", "tags: [", post.read_text()))


def test_incremental_a_tag_that_fits_one_page_again_loses_its_second(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-related", tmp_path / "site")
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _untag, site=site)
    got, want = page_outputs(again.outdir), page_outputs(fresh.outdir)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []
    assert not (Path(again.outdir) / "tags/python/page/2.html").exists()
    assert _pager_links(_read(again, "tags/python.html")) == []
