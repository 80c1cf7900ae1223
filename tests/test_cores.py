"""Unit tests of the pure cores, without a build: page planning, the post index
and its selections, URL claiming, fact reading, record building, settings
resolution, page fingerprints, and the pipeline table."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from types import SimpleNamespace

import pytest

from sphinx_blogposts.core.config import BlogpostsConfig, conf_py_line, resolve_config
from sphinx_blogposts.core.documents import Site
from sphinx_blogposts.core.facts import CachedFacts, SourceFacts
from sphinx_blogposts.core.permalinks import claim_urls
from sphinx_blogposts.core.post_index import KINDS, PostIndex, build_index, select_indexed
from sphinx_blogposts.core.post_record import PostRecord, PostSource, build_record
from sphinx_blogposts.core.queries import ListSpec, digest, entry_fingerprint, select
from sphinx_blogposts.generate.archives import PostFacts, plan_pages
from sphinx_blogposts.reading.discovery import read_facts, why_not_a_page

UTC = dt.UTC


def _record(docname: str, day: str | None, tags=(), collection="posts", title=None) -> PostRecord:  # noqa: ANN001
    date = dt.datetime.fromisoformat(day).replace(tzinfo=UTC) if day else None
    return PostRecord(
        docname=docname, title=title or docname, date=date, day=day or "", collection=collection, tags=list(tags)
    )


def _facts(kind="post", **changes) -> SourceFacts:  # noqa: ANN001, ANN003
    base = dict(
        has_front_matter=True, kind=kind, collection="posts", published=True, draft=False,
        timestamp=dt.datetime(2021, 5, 1, tzinfo=UTC).timestamp(), undated_post=False,
    )  # fmt: skip
    return SourceFacts(**{**base, **changes})


# -- page planning ----------------------------------------------------------------


def test_plan_pages_one_page_per_year_and_tag_from_the_facts():
    ts = lambda y, m: dt.datetime(y, m, 1, tzinfo=UTC).timestamp()  # noqa: E731
    posts = [
        PostFacts("_posts/a", "posts", ts(2021, 5), ("tea",), (), ("ana",)),
        PostFacts("_posts/b", "posts", ts(2021, 3), ("tea", "jam"), (), ()),
        PostFacts("_posts/c", "posts", ts(2019, 1), (), (), ()),
        PostFacts("_posts/d", "posts", None, ("jam",), (), ()),
    ]
    plan = plan_pages(posts, BlogpostsConfig(), "en", set(), UTC)
    assert set(plan.archive_map["year"]) == {"2021", "2019"}  # an undated post has no year
    assert set(plan.archive_map["tag"]) == {"tea", "jam"}
    # year and tag pages are list pages (no documents); the overviews link them
    year_page = next(p for p in plan.list_pages if p.pagename == plan.archive_map["year"]["2021"])
    assert [heading for heading, _options in year_page.lists] == ["May 2021", "March 2021"]
    assert year_page.pager is None  # one page
    tags = next(p for p in plan.pages if p.docname == "tags/index")
    assert "{blogposts-page}`tea </tags/tea>` (2)" in tags.source
    # a page of the project at a planned path is never replaced
    taken = plan.archive_map["year"]["2019"]
    again = plan_pages(posts, BlogpostsConfig(), "en", {taken}, UTC)
    assert taken not in {p.pagename for p in again.list_pages} and again.problems


# -- the post index and its selections -------------------------------------------------


@pytest.fixture
def records() -> dict[str, PostRecord]:
    out = [
        _record("a", "2021-05-01", ["tea"]),
        _record("b", "2021-03-01", ["tea", "jam"]),
        _record("c", "2019-01-01", ["jam"], collection="notes"),
        _record("d", None, ["tea"]),
        _record("e", "2020-07-07"),
    ]
    page = PostRecord(docname="about", kind="page", title="About")
    return {r.docname: r for r in [*out, page]}


def test_index_lists_every_post_by_kind_newest_first(records):
    index = build_index(records)
    assert isinstance(index, PostIndex) and index.count == 5
    assert set(index.by) == set(KINDS)
    assert index.named("tag", "tea") == ["a", "b", "d"]  # undated last
    assert index.named("year", "2021") == ["a", "b"]
    assert index.named("tag", "nothing") == []
    assert index.newest[:2] == ["a", "b"] and "about" not in index.newest
    assert index.neighbours["b"] == ("e", "a")  # (older, newer) in its collection
    assert index.neighbours["c"] == (None, None)  # alone in "notes"


@pytest.mark.parametrize(
    "spec",
    [
        ListSpec(),
        ListSpec(tags=("tea",)),
        ListSpec(tags=("tea", "jam")),
        ListSpec(tags=("tea",), sort="oldest"),
        ListSpec(collections=("posts",), offset=1, limit=2),
        ListSpec(year=2021, sort="title"),
        ListSpec(tags=("jam",), collections=("notes",)),
    ],
)
def test_indexed_selection_equals_scanning_every_record(records, spec):
    index = build_index(records)
    assert select_indexed(index, spec, records) == select(records.values(), spec)


def test_an_empty_index_selects_nothing():
    assert select_indexed(PostIndex(), ListSpec(), {}) == []


# -- URL claiming -----------------------------------------------------------------------


def test_the_first_document_keeps_an_old_url_claimed_twice():
    one = _facts(permalink="/old/", redirect_from=("/older/",))
    two = _facts(permalink="/old/")
    url_map, old_urls, post_files, problems = claim_urls(
        [("_posts/2021-05-01-one", "_posts/2021-05-01-one.md", one), ("two", "two.md", two)]
    )
    assert url_map == {"old": "_posts/2021-05-01-one", "older": "_posts/2021-05-01-one"}
    assert old_urls == {"_posts/2021-05-01-one": ["/old/", "/older/"]}
    assert post_files["2021-05-01-one"] == "_posts/2021-05-01-one.md"
    assert problems == [
        ("the old URL '/old/' is claimed by _posts/2021-05-01-one.md too; that one keeps it", "two")
    ]


# -- fact reading and why a file is not a page -----------------------------------------


def _site(**settings) -> Site:  # noqa: ANN003
    return Site.from_settings(BlogpostsConfig(jekyll_site=True, **settings))


def test_read_facts_judges_one_file(tmp_path: Path):
    path = tmp_path / "_posts/2021-05-01-tea.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Tea\ntags: [tea, jam]\npermalink: /tea/\n---\n\nBody.\n", encoding="utf-8")
    facts = read_facts(_site(), "_posts/2021-05-01-tea", "_posts/2021-05-01-tea.md", str(path), 0.0)
    assert (facts.kind, facts.collection, facts.tags, facts.permalink) == ("post", "posts", ("tea", "jam"), "/tea/")
    assert facts.timestamp == dt.datetime(2021, 5, 1, tzinfo=UTC).timestamp()
    cached = CachedFacts(1, 2, facts)
    assert cached.fresh_for(1, 2) and not cached.fresh_for(1, 3)


@pytest.mark.parametrize(
    ("facts", "settings", "reason"),
    [
        (_facts(has_front_matter=False, kind=None), {}, "no front matter"),
        (_facts(published=False), {}, "published: false"),
        (_facts(draft=True), {}, "draft"),
        (_facts(draft=True), {"drafts": True}, None),
        (_facts(undated_post=True), {}, "no date in file name"),
        (_facts(timestamp=4102444800.0), {}, "dated in the future"),
        (_facts(timestamp=4102444800.0), {"future": True}, None),
        (_facts(collection="hidden"), {"collections": {"hidden": {"output": False}}}, "collection not output"),
        (_facts(kind="page", collection=None), {}, None),
    ],
)
def test_why_not_a_page(facts, settings, reason):
    now = dt.datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    assert why_not_a_page(_site(**settings), facts, True, now) == reason


# -- record building ----------------------------------------------------------------------


def test_a_record_from_front_matter_with_its_problems_located_by_key():
    source = PostSource(docname="_posts/2021-05-01-tea", path="_posts/2021-05-01-tea.md", collection="posts")
    record, problems = build_record(
        {"title": "Tea", "tags": "tea jam", "date": "2021-02-31", "permalink": "/../x"}, source, UTC, "post"
    )
    assert (record.title, record.collection, record.tags, record.slug) == ("Tea", "posts", ["tea", "jam"], "tea")
    assert record.day == "2021-05-01"  # the bad date falls back to the file name's
    assert {p.key for p in problems} == {"date", "permalink"}
    assert record.permalink is None


# -- settings resolution ------------------------------------------------------------------


def test_conf_py_then_config_yml_then_the_default(tmp_path: Path, monkeypatch):
    warned: list[tuple[str, object]] = []
    monkeypatch.setattr(
        "sphinx_blogposts.core.config.warn", lambda message, subtype, location: warned.append((message, location))
    )
    conf_py = tmp_path / "conf.py"
    conf_py.write_text("extensions = []\nblogposts_words_per_minute = 'fast'\n", encoding="utf-8")
    names = [f"blogposts_{name}" for name in BlogpostsConfig.__dataclass_fields__]
    config = SimpleNamespace(**dict.fromkeys(names))
    config.blogposts_site_title = "From conf.py"
    config.blogposts_words_per_minute = "fast"  # not a number: the site's value is used
    jekyll = {"site_title": "From _config.yml", "words_per_minute": 120, "timezone": "Europe/Madrid"}
    settings = resolve_config(config, jekyll, lambda name: "_config.yml:1", lambda name: conf_py_line(conf_py, name))
    assert settings.site_title == "From conf.py"
    assert settings.timezone == "Europe/Madrid"
    assert settings.words_per_minute == 120
    assert settings.permalink == "date"  # the default
    assert warned == [
        ("blogposts_words_per_minute should be int, not str ('fast'); using the default 120", f"{conf_py}:2")
    ]
    assert conf_py_line(conf_py, "blogposts_words_per_minute") == f"{conf_py}:2"
    assert conf_py_line(conf_py, "html_theme") == f"{conf_py}:1"


# -- page fingerprints --------------------------------------------------------------------


def test_a_fingerprint_changes_with_what_an_entry_shows_and_nothing_else(records):
    one = records["a"]
    base = digest([entry_fingerprint(one)])
    assert digest([entry_fingerprint(_record("a", "2021-05-01", ["tea"]))]) == base
    one.meta["unshown"] = "x"
    assert digest([entry_fingerprint(one)]) == base
    one.reading_minutes += 3  # a longer body: only the post's own header shows it
    assert digest([entry_fingerprint(one)]) == base
    for change in ({"title": "New"}, {"tags": ["tea", "new"]}, {"excerpt": "More"}):
        changed = _record("a", "2021-05-01", ["tea"])
        for key, value in change.items():
            setattr(changed, key, value)
        assert digest([entry_fingerprint(changed)]) != base


# -- the pipeline table --------------------------------------------------------------------


def test_the_pipeline_table_is_the_one_the_architecture_page_shows():
    from sphinx_blogposts.pipeline import PIPELINE, pipeline_table

    page = Path(__file__).resolve().parent.parent / "docs/explanation/architecture.md"
    if not page.exists():
        pytest.skip("docs/ is not part of this checkout")
    assert pipeline_table() in page.read_text(encoding="utf-8")
    for hook in PIPELINE:
        if hook.event == "transform":
            assert hook.handler.default_priority == hook.priority, hook
    handlers = [(hook.event, hook.handler) for hook in PIPELINE]
    assert len(handlers) == len(set(handlers))


def test_rows_of_one_event_are_in_priority_order():
    from sphinx_blogposts.pipeline import PIPELINE

    for event, rows in itertools.groupby(sorted(PIPELINE, key=lambda h: h.event), key=lambda h: h.event):
        in_table = [h.priority for h in PIPELINE if h.event == event]
        assert in_table == sorted(in_table), event
