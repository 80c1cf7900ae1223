"""Related posts: the rule (core/related.py), the list at the end of each post,
the template variable, Liquid's site.related_posts, incremental builds, and the
minimal-mistakes corpus (every post with related: true has them)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, copy_tree, edit_then_build_fresh, page_of, page_outputs, warnings_of

from sphinx_blogposts.core.related import WALK, RelatedItem, related_index, related_posts, wants_related

DAY = 86400.0


def item(name: str, day: float | None, tags: tuple[str, ...] = (), categories: tuple[str, ...] = (),
         language: str = "en", collection: str = "posts") -> RelatedItem:  # fmt: skip
    return RelatedItem(name, None if day is None else day * DAY, language, collection, tags, categories)


SITE = [
    item("a", 1, ("py", "sphinx")),
    item("b", 2, ("py", "sphinx", "docs")),
    item("c", 3, ("py",)),
    item("d", 4, ("cook",)),
    item("e", 5, ("py", "docs"), ("notes",)),
    item("f", 6, (), ("notes",)),
    item("g", 7, ("py", "sphinx"), language="es"),
    item("h", None, ("py",)),
]


@pytest.mark.parametrize(
    ("post", "limit", "expected"),
    [
        # most shared first (b: py+sphinx), then the newest of those sharing one
        ("a", 4, ["b", "e", "c", "h"]),
        # a (py, sphinx) and e (py, docs) both share two names with b: the newer first
        ("b", 2, ["e", "a"]),
        # a category counts as a shared name too
        ("f", 1, ["e"]),
        # nothing shared: the newest of the collection fill the list (never itself)
        ("d", 3, ["f", "e", "c"]),
        # only posts in the same language (g is Spanish: the only one)
        ("g", 4, []),
        # an undated post shares as much as any, but comes after the dated ones
        ("h", 3, ["e", "c", "b"]),
        ("a", 0, []),
    ],
)
def test_related_rule(post, limit, expected):
    assert related_index(SITE).related(post, limit) == expected


def test_ties_are_broken_by_docname():
    same_day = [item("x2", 1, ("t",)), item("x1", 1, ("t",)), item("x3", 1, ("t",)), item("me", 2, ("t",))]
    assert related_index(same_day).related("me", 3) == ["x1", "x2", "x3"]


def test_never_the_post_itself_even_when_alone():
    assert related_index([item("only", 1, ("t",))]).related("only", 4) == []
    lists, _ = related_posts([item("only", 1, ("t",))], ["only"], 4)
    assert lists == {}  # an empty list is no list


def test_unknown_post_and_duplicate_names():
    index = related_index([item("a", 1, ("t", "t")), item("b", 2, ("t", "t"))])
    assert index.related("nope", 4) == []
    assert index.related("a", 4) == ["b"]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [({"related": True}, True), ({"related": False}, False), ({"related": "true"}, False), ({}, False)],
)
def test_wants_related(meta, expected):
    assert wants_related(meta) is expected


def _synthetic(n: int) -> list[RelatedItem]:
    """n posts, each with the tag every post has, a topic of 20 posts, its own tag
    and one of 7 categories (each larger than WALK)."""
    topics = n // 20
    return [item(f"p{i:06d}", i, ("all", f"topic{i % topics}", f"own{i}"), (f"cat{i % 7}",)) for i in range(n)]


def test_work_is_linear_in_posts_times_names():
    """Counted steps, not time: doubling the posts doubles the work, and a tag on
    every post is walked only WALK deep (an inverted index, not all pairs)."""
    small, large = 2_000, 4_000
    _, steps_small = related_posts(_synthetic(small), [f"p{i:06d}" for i in range(small)], 4)
    lists, steps_large = related_posts(_synthetic(large), [f"p{i:06d}" for i in range(large)], 4)
    names = 4  # three tags and a category per post
    assert steps_large <= large * (names * WALK + 4 + 1)
    assert steps_large <= 2.05 * steps_small
    assert steps_large / large == steps_small / small  # the same work per post at any size
    assert steps_large < large * large / 4  # far from all pairs
    assert all(len(v) == 4 and f"p{i:06d}" not in v for i, v in enumerate(lists.values()))


# -- the built site ------------------------------------------------------------


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _related_titles(html: str) -> list[str]:
    match = re.search(r'<div class="blogposts-related[^"]*">(.*?)</div>', html, re.S)
    if match is None:
        return []
    return re.findall(r'class="blogposts-entry-link[^"]*"[^>]*>(.*?)</a>', match[1])


@pytest.fixture(scope="module")
def related_site(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    src = copy_tree(ROOTS / "test-related", tmp_path_factory.mktemp("related") / "site")
    seen: dict[str, list] = {}
    app = SphinxTestApp("html", srcdir=src)

    def keep(app, pagename, templatename, context, doctree):  # noqa: ANN001
        if "blogposts_related" in context:
            seen[pagename] = [context["blogposts_related"], context["blogposts_related_label"]]

    app.connect("html-page-context", keep)
    try:
        app.build()
        app.seen = seen
        yield app
    finally:
        app.cleanup()


def _page(app, name: str) -> str:  # noqa: ANN001
    return page_of(app, f"_posts/{name}").read_text(encoding="utf-8")


def test_each_post_ends_with_its_related_posts(related_site):
    assert warnings_of(related_site) == []
    html = _page(related_site, "2024-01-01-alpha")
    assert _related_titles(html) == ["Beta", "Epsilon", "Gamma", "Zeta"]
    assert "You may also enjoy" in html
    # after the previous/next links, at the end of the post's section
    assert html.index("blogposts-post-nav") < html.index("blogposts-related") < html.index("</section>")
    assert _related_titles(_page(related_site, "2024-02-04-delta"))[0] == "Zeta"  # the one sharing "cooking"


def test_related_false_and_other_languages(related_site):
    assert _related_titles(_page(related_site, "2024-03-06-zeta")) == []  # related: false
    eta = _page(related_site, "2024-03-07-eta")
    assert _related_titles(eta) == ["Theta"]  # Spanish posts relate to Spanish posts only
    assert "Puede que también te interese" in eta  # the label in the post's language
    assert "Eta" not in _related_titles(_page(related_site, "2024-01-02-beta"))


def test_templates_get_the_list(related_site):
    pages = {name.rsplit("/", 1)[-1]: value for name, value in related_site.seen.items()}
    entries, label = pages["alpha"]
    assert [e["title"] for e in entries] == ["Beta", "Epsilon", "Gamma", "Zeta"]
    assert entries[0]["url"].endswith("beta.html") and entries[0]["date"]
    assert label == "You may also enjoy"
    assert "zeta" not in pages


def test_other_builders_get_the_list(build):
    app = build("related", buildername="text")
    text = (Path(app.outdir) / "2024/01/01/alpha.txt").read_text(encoding="utf-8")
    assert "You may also enjoy" in text and "Beta" in text


def test_setting_zero_turns_it_off(build):
    app = build("related", confoverrides={"blogposts_related": 0})
    assert "blogposts-related" not in _page(app, "2024-01-01-alpha")


def test_liquid_sees_site_related_posts(build, tmp_path):
    site = copy_tree(ROOTS / "test-related", tmp_path / "liquid")
    post = site / "_posts" / "2024-01-01-alpha.md"
    post.write_text(post.read_text() + "\n{% for p in site.related_posts limit:2 %}[{{ p.title }}]{% endfor %}\n")
    app = build("related", srcdir=site)
    assert "[Beta][Epsilon]" in _text(_page(app, "2024-01-01-alpha"))


def _retag(site: Path) -> None:
    delta = site / "_posts" / "2024-02-04-delta.md"
    delta.write_text(delta.read_text().replace("tags: [cooking]", "tags: [python, sphinx]"))
    (site / "_posts" / "2024-01-04-iota.md").write_text("---\ntitle: Iota\ntags: [cooking]\n---\n\nIota.\n")


@pytest.mark.parametrize("parallel", [1, 2])
def test_incremental_equals_fresh_after_retagging(make_app, tmp_path, parallel):
    site = copy_tree(ROOTS / "test-related", tmp_path / "site")
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _retag, parallel=parallel, site=site)
    got, want = page_outputs(again.outdir), page_outputs(fresh.outdir)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []
    # alpha was not edited, yet its list now opens with Delta (two shared tags, newer than Beta)
    assert _related_titles(_page(again, "2024-01-01-alpha"))[:2] == ["Delta", "Beta"]


def test_no_change_writes_nothing_more(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-related", tmp_path / "site")
    make_app("html", srcdir=site).build()
    again = make_app("html", srcdir=site)
    again.build()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    assert "writing output... [" not in again.status.getvalue()


def test_minimal_mistakes_posts_with_related_true_have_related_posts(minimal_mistakes, make_app):
    app = make_app("html", srcdir=minimal_mistakes)
    app.build()
    records = app.env.domains["blogposts"].posts
    wanting = [r for r in records.values() if r.kind == "post" and r.meta.get("related") is True]
    assert len(wanting) > 50  # the corpus' defaults ask for them
    missing = []
    for record in wanting:
        path = Path(app.builder.get_outfilename(record.docname))
        titles = _related_titles(path.read_text(encoding="utf-8"))
        if not (1 <= len(titles) <= 4):
            missing.append(record.docname)
    assert missing == []
    shutil.rmtree(app.outdir, ignore_errors=True)
