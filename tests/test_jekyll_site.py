"""Zero-config Jekyll site mode on a small site the tests own (tests/roots/test-jekyll)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOTS, by_source, copy_tree, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain


@pytest.fixture
def built(build):
    return lambda **kwargs: build("jekyll", **kwargs)


def records(app):
    """The records by the docname of their source (documents take their URL's docname)."""
    return by_source(app, BlogpostsDomain.of(app.env).posts)


def test_pages_follow_jekylls_rules(built):
    app = built()
    generated = set(BlogpostsDomain.of(app.env).data["generated"])
    assert "index" in generated  # the site has no home page of its own: one is generated
    docs = set(by_source(app, dict.fromkeys(set(app.env.all_docs) - generated)))
    assert {
        "_posts/2021-03-04-first-post",
        "_posts/2021-05-06-second-post",
        "_posts/2022-01-02-more-marker",
        "_posts/2020-1-5-short-date",
        "_notes/lab-one",
        "_notes/lab-two",
        "_notes/handwritten",
        "news/_posts/2020-08-09-categorised",
        "about",
        "lists",
    } == docs
    out = app.outdir
    for gone in ("README.html", "_drafts/a-draft.html", "_posts/2999-01-01-far-future.html",
                 "_posts/2021-02-02-unpublished.html", "_posts/no-date-in-name.html",
                 "_includes/note.html", "docs_extra/page.html", "_hidden/secret.html"):
        assert not (out / gone).exists(), gone


def test_titles_dates_and_taxonomies(built):
    app = built()
    posts = records(app)
    first = posts["_posts/2021-03-04-first-post"]
    assert first.kind == "post"
    assert first.title == "First *post*"
    assert by_source(app, app.env.titles)["_posts/2021-03-04-first-post"].astext() == "First post"
    assert first.date == dt.datetime(2021, 3, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert first.date_has_time
    assert first.collection == "posts"
    assert first.tags == ["alpha", "two words"]
    assert first.categories == ["journal"]
    assert first.authors == ["Ana"]  # from defaults:
    assert first.meta["custom_key"] == "kept"  # unknown keys are kept
    assert first.meta["layout"] == "single"
    assert first.meta["comments"] is True  # from defaults:
    assert first.excerpt == "The first paragraph of the first post is the excerpt."

    second = posts["_posts/2021-05-06-second-post"]
    assert second.tags == ["beta", "gamma"]  # a string is split on spaces, as in Jekyll
    assert second.categories == ["journal", "misc"]
    assert second.excerpt == "A hand-written excerpt."
    assert second.last_modified == dt.datetime(2021, 6, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    # a date-only post is midnight in the site's time zone
    madrid = posts["_posts/2022-01-02-more-marker"].date
    assert madrid.utcoffset() == dt.timedelta(hours=1)
    assert not posts["_posts/2022-01-02-more-marker"].date_has_time
    assert posts["_posts/2022-01-02-more-marker"].excerpt == (
        "Before the marker, part one.\n\nBefore the marker, part two."
    )

    short = posts["_posts/2020-1-5-short-date"]
    assert short.title == "Short Date"  # Jekyll's title from the file name
    assert short.date.date() == dt.date(2020, 1, 5)
    assert posts["news/_posts/2020-08-09-categorised"].categories == ["news"]


def test_collections_and_other_front_matter_formats(built):
    posts = records(built())
    one, two = posts["_notes/lab-one"], posts["_notes/lab-two"]
    assert (one.collection, one.title, one.tags, one.authors) == ("notes", "Lab one", ["lab"], ["Bruno"])
    assert one.date.date() == dt.date(2023, 7, 8)
    assert (two.title, two.authors) == ("Lab two", ["Carla"])  # front matter beats defaults:
    assert two.date.hour == 8 and two.date.minute == 30
    about = posts["about"]
    assert about.kind == "page" and about.title == "About this site" and about.permalink == "/about/"


def test_handwritten_rst_post_is_the_same_thing(built):
    app = built()
    rec = records(app)["_notes/handwritten"]
    assert rec.kind == "post"
    assert rec.title == "Handwritten in rST" and rec.title_source == "heading"
    assert rec.collection == "notes"
    assert rec.tags == ["lab", "rst"]
    assert rec.authors == ["Dora"]
    assert rec.excerpt == "The excerpt given as directive content."
    html = (app.outdir / "notes/handwritten/index.html").read_text()  # /notes/handwritten/
    # not shown in the page (the SEO head's description has it: the excerpt)
    assert "The excerpt given as directive content." not in html.split("</head>", 1)[1]
    assert 'class="blogposts-post-header"' in html


def test_post_page_html(built):
    app = built()
    html = (app.outdir / "journal/2021/03/04/first-post.html").read_text()  # its Jekyll URL
    assert "<title>First post &#8212; Field Notes &amp; Trials</title>" in html
    assert "<h1>First <em>post</em>" in html
    assert '<time datetime="2021-03-04T10:00:00+01:00">March 4, 2021</time>' in html
    assert '<a class="blogposts-tag" href="../../../../tags/two-words.html">two words</a>' in html
    assert '<a class="blogposts-collection"' not in html  # the default collection goes without saying
    assert "min read" in html
    # about: a page, so no post header; search: false keeps it out of the search index
    about = (app.outdir / "about/index.html").read_text()  # permalink: /about/
    assert "blogposts-post-header" not in about
    assert app.env.metadata["about/index"].get("nosearch") is True


def test_generated_home_shows_recent_posts_and_sections(built):
    app = built()
    html = (app.outdir / "index.html").read_text()
    assert "<h1>Field Notes &amp; Trials" in html
    recent = html.split("Recent posts", 1)[1]
    order = [recent.index(t) for t in ("Handwritten in rST", "Lab two", "Lab one", "More marker", "Second post")]
    assert order == sorted(order)
    assert "First <em>post</em>" not in recent.split("Sections")[0]  # five newest only
    assert "Lab notes" in html  # the collection's title from _config.yml
    assert "About this site" in html
    assert not any("isn't included in any toctree" in w for w in warnings_of(app))


def test_warnings_are_located_and_typed(built):
    app = built()
    warnings = warnings_of(app)
    assert len(warnings) == 2, warnings
    assert any("_posts/2020-1-5-short-date.md:1: WARNING: this post has no title" in w
               and w.endswith("[blogposts.title]") for w in warnings)
    assert any("_posts/no-date-in-name.md:1: WARNING:" in w and w.endswith("[blogposts.date]")
               for w in warnings)


def test_suppress_warnings_silences_them(built):
    app = built(confoverrides={"suppress_warnings": ["blogposts.title", "blogposts.date"]})
    assert warnings_of(app) == []


def test_drafts_and_future_can_be_enabled(built):
    app = built(confoverrides={"blogposts_drafts": True, "blogposts_future": True})
    posts = records(app)
    assert posts["_drafts/a-draft"].draft
    assert posts["_drafts/a-draft"].date is not None  # dated by its file time
    assert "_posts/2999-01-01-far-future" in posts
    assert "_posts/2021-02-02-unpublished" not in posts


def test_post_facts_reach_the_page_context(make_app, tmp_path):
    """``blogposts_post`` is in the context of a post's page, and only there."""
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    app = make_app("html", srcdir=site)
    seen: dict[str, object] = {}
    app.connect("html-page-context", lambda a, page, t, ctx, d: seen.__setitem__(page, ctx.get("blogposts_post")), priority=900)
    app.build()
    posts = BlogpostsDomain.of(app.env).posts
    first = next(iter(sorted(d for d in posts if posts[d].date and posts[d].tags)))
    facts = seen[first]
    assert facts["title"] == posts[first].title and facts["tags"] == posts[first].tags
    assert facts["date"] == posts[first].date.isoformat() and facts["date_text"]
    assert seen["about/index"]["kind"] == "page" and seen["about/index"]["title"] == "About this site"
    assert seen["genindex"] is None and seen["search"] is None
