"""Jekyll's site rules, case by case from Jekyll's own tests (issue 17, item 3).

Each case names the Jekyll test it comes from (``test/test_url.rb``,
``test/test_page.rb``, ``test/test_document.rb``, ``features/*.feature``): URLs
(percent-encoding, trailing dots, the site's style on pages and collections,
``:slugified_categories``), dates in the site's time zone, ``render_with_liquid``
and ``excerpt_separator: ""``.  Then one small site built with them, asserting
the written files, ``page.url`` in Liquid, the shown date and the feed.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOTS, copy_tree, edit_then_build_fresh, module_site, warnings_of
from sphinx_blogposts.core.config import BlogpostsConfig
from sphinx_blogposts.core.dates import get_timezone
from sphinx_blogposts.core.documents import Site, renders_liquid
from sphinx_blogposts.core.permalinks import escape_path, page_url, sanitize_url, url_docname
from sphinx_blogposts.core.post_record import excerpt_separator, post_date
from sphinx_blogposts.core.site_pages import default_url
from sphinx_blogposts.reading.discovery import old_urls


def make_site(**settings) -> Site:
    return Site.from_settings(BlogpostsConfig(**{"jekyll_site": True, **settings}))


def url_of(path: str, front_matter: str = "", **settings) -> str | None:
    """The URL the build gives the file at ``path`` with this front matter."""
    site = make_site(**settings)
    text = f"---\n{front_matter}\n---\nbody\n"
    made = site.judge(posixpath.splitext(path)[0], path, text)
    date, _ = post_date(made.fields, made.source, site.tz)
    url, _ = old_urls(site, made.fields, made.source, made.kind, date.value.timestamp() if date else None)
    return url


# -- URL.escape_path and sanitize_url (test/test_url.rb) ---------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("foo bar:foobar", "foo%20bar:foobar", id="test_url: not treat colons in placeholders as uri delimiters"),
        pytest.param("/a b", "/a%20b", id="url.rb escape_path example"),
        pytest.param("escape-+ #%20[]", "escape-+%20%23%2520%5B%5D", id="test_document: non-alphabetic file name (:path)"),
        pytest.param("sci-fi movi3s", "sci-fi%20movi3s", id="post_data.feature: composite category"),
        pytest.param("sobre-mí", "sobre-m%C3%AD", id="non-ASCII bytes percent-encoded"),
        pytest.param("a!$&'()*+,;=@b", "a!$&'()*+,;=@b", id="sub-delims, ':' and '@' kept"),
        pytest.param("", "", id="empty"),
    ],
)
def test_escape_path(value, expected):
    assert escape_path(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("a//b/", "/a/b/", id="url.rb: the beginning / ensured, multiples squeezed"),
        pytest.param("/a/../b", "/a/b", id="url.rb: ../ stripped"),
        pytest.param("/a/./b", "/a/b", id="url.rb: ./ dropped"),
    ],
)
def test_sanitize_url(url, expected):
    assert sanitize_url(url) == expected


@given(st.text(max_size=40))
def test_escape_path_is_undone_by_the_destination(value):
    """Document#destination: URL.unescape_path(escape_path(x)) is x; the result is ASCII."""
    escaped = escape_path(value)
    assert urllib.parse.unquote(escaped) == value
    assert escaped.isascii() and " " not in escaped and "#" not in escaped and "?" not in escaped


def test_unescaped_destination():
    # test_url: "unescape urls with colons"; Document#destination writes the URL unescaped
    assert url_docname("/foo/foo%20bar:foobar/") is None  # ':' cannot be in a file name on every system
    assert url_docname("/methods/escape-+%20%23%2520%5B%5D.html") == "methods/escape-+ #%20[]"
    assert url_docname("/sci-fi%20movi3s/vintage/2020/04/03/star-wars.html") == "sci-fi movi3s/vintage/2020/04/03/star-wars"


# -- Pages: Page#template and the site's style (test/test_page.rb) -----------------------


@pytest.mark.parametrize(
    ("path", "style", "expected"),
    [
        pytest.param("contacts.html", "date", "/contacts.html", id="test_page: create URL based on filename"),
        pytest.param("trailing-dots...md", "date", "/trailing-dots.html", id="test_page: create proper URL from filename"),
        pytest.param("+/%# +.md", "date", "/+/%25%23%20+.html", id="test_page: create URL with non-alphabetic characters"),
        pytest.param("contacts/bar.html", "date", "/contacts/bar.html", id="test_page: in a directory hierarchy, URL based on filename"),
        pytest.param("contacts/index.html", "date", "/contacts/", id="test_page: in a directory hierarchy, index URL"),
        pytest.param("deal.with.dots.html", "date", "/deal.with.dots.html", id="test_page: deal properly with dots"),
        pytest.param("contacts.html", "pretty", "/contacts/", id="test_page: pretty permalink style"),
        pytest.param("index.html", "pretty", "/", id="test_page: pretty, index page"),
        pytest.param("contacts/bar.html", "pretty", "/contacts/bar/", id="test_page: pretty, in a directory hierarchy"),
        pytest.param("contacts/index.html", "pretty", "/contacts/", id="test_page: pretty, index URL in a hierarchy"),
        pytest.param("contacts.html", "/:title/", "/contacts/", id="test_page: custom permalink style with trailing slash"),
        pytest.param("contacts.html", "/:title:output_ext", "/contacts.html", id="test_page: custom permalink style with file extension"),
        pytest.param("contacts.html", "/:title", "/contacts", id="test_page: custom permalink style with no extension"),
        pytest.param("contacts.html", "ordinal", "/contacts.html", id="utils.rb add_permalink_suffix: ordinal"),
        pytest.param("contacts.html", "none", "/contacts.html", id="utils.rb add_permalink_suffix: none"),
        pytest.param("contacts.html", "weekdate", "/contacts", id="utils.rb add_permalink_suffix: weekdate adds nothing"),
    ],
)
def test_page_urls(path, style, expected):
    assert page_url(path, style) == expected
    # the build and check/init decide it with the same rule
    assert url_of(path, "title: x", permalink=style) == expected
    assert default_url(path, True, style) == expected


def test_page_non_html_and_front_matter_permalink():
    # test_page: "deal properly with non-html extensions", "respect permalink in YAML front matter"
    assert page_url("dynamic_page.php", "pretty", ".php") == "/dynamic_page.php"
    assert default_url("sitemap.xml", False, "pretty") == "/sitemap.xml"
    assert url_of("about.html", "permalink: /about/", permalink="pretty") == "/about/"
    # a docs project's page keeps Sphinx's path: no URL of its own
    assert url_of("about.md", "title: x", jekyll_site=False) is None


# -- Collections and posts (test/test_document.rb, test/test_url.rb, features) ------------


METHODS = {"methods": {"output": True}}


@pytest.mark.parametrize(
    ("path", "front_matter", "settings", "expected"),
    [
        pytest.param("_methods/escape-+ #%20[].md", "", {"collections": METHODS},
                     "/methods/escape-+%20%23%2520%5B%5D.html", id="test_document: non-alphabetic file name"),
        pytest.param("_methods/trailing-dots...md", "", {"collections": METHODS},
                     "/methods/trailing-dots.html", id="test_document: basename ending with dots (collection)"),
        pytest.param("_posts/2018-10-12-trailing-dots...markdown", "", {"markdown_ext": ["md", "markdown"]},
                     "/2018/10/12/trailing-dots.html", id="test_document: basename ending with dots (post)"),
        pytest.param("_posts/2018-10-12-foo..md", "", {}, "/2018/10/12/foo.html", id="brief: foo..md"),
        pytest.param("_methods/3940394-21-9393050-fifif1323-test.md", "", {"collections": METHODS},
                     "/methods/3940394-21-9393050-fifif1323-test.html", id="test_document: dash-separated numeric file name"),
        pytest.param("_methods/escape-+ #%20[].md", "", {"collections": {"methods": {"output": True, "permalink": "/methods/:title/:name:output_ext"}}},
                     "/methods/escape-+-20/escape-20.html", id="test_url: handle UrlDrop as a placeholder"),
        pytest.param("_methods/configuration.md", "", {"collections": {"methods": {"output": True, "permalink": "/methods/:name-:slug_:collection_:title"}}},
                     "/methods/configuration-configuration_methods_configuration", id="test_url: check for key without trailing underscore"),
        pytest.param("_slides/example-slide-1.html", "", {"collections": {"slides": {"output": True}}, "permalink": "pretty"},
                     "/slides/example-slide-1/", id="test_document: a document in a collection with pretty permalink style"),
        pytest.param("_slides/example-slide-1.html", "", {"collections": {"slides": {"output": True, "permalink": "/slides/test/:name"}}, "permalink": "pretty"},
                     "/slides/test/example-slide-1", id="test_document: custom filename permalinks"),
        pytest.param("_slides/example-slide-Upper-Cased.html", "", {"collections": {"slides": {"output": True}}, "permalink": "pretty"},
                     "/slides/example-slide-Upper-Cased/", id="test_document: cased file name"),
        pytest.param("_slides/example-slide-4.html", "slug: so-what-is-jekyll-exactly", {"collections": {"slides": {"output": True, "permalink": "/slides/:title"}}},
                     "/slides/so-what-is-jekyll-exactly", id="test_document: custom title permalinks, with a slug"),
        pytest.param("_slides/example-slide-6.html", "slug: Well, so what is Jekyll, then?", {"collections": {"slides": {"output": True, "permalink": "/slides/:title"}}},
                     "/slides/Well,-so-what-is-Jekyll,-then", id="test_document: custom title permalinks, a wild slug"),
        pytest.param("_slides/x.md", "", {"collections": {"slides": {"output": True}}, "permalink": "/:year/:title/"},
                     "/slides/x/", id="collection.rb url_template: a custom style ending in /"),
        pytest.param("_posts/2009-03-27-custom-permalink-schema.md", "category: stuff", {"permalink": "/:month-:day-:year/:title.html"},
                     "/03-27-2009/custom-permalink-schema.html", id="permalinks.feature: custom permalink schema with squished date"),
        pytest.param("_posts/2009-03-27-custom-permalink-schema.md", "date: 2009-03-27 22:31:07", {"permalink": "/:year:month:day:hour:minute:second.html", "timezone": "UTC"},
                     "/20090327223107.html", id="permalinks.feature: custom permalink schema with date and time"),
        pytest.param("Sci-Fi Movi3s/_posts/2020-04-03-star-wars.md", "category: vintage", {},
                     "/sci-fi%20movi3s/vintage/2020/04/03/star-wars.html", id="post_data.feature: post.categories when category is a composite of multiple words"),
        pytest.param("Sci-Fi Movi3s/_posts/2020-04-03-star-wars.md", "category: vintage",
                     {"collections": {"posts": {"permalink": "/:slugified_categories/:year/:month/:day/:title:output_ext"}}},
                     "/sci-fi-movi3s/vintage/2020/04/03/star-wars.html", id="post_data.feature: post.slugified_categories in the URL"),
        pytest.param("_posts/2020-04-03-x.md", "categories: [A B, A B, c]", {"permalink": "/:slugified_categories/:w_day/:title/"},
                     "/a-b/c/5/x/", id="url_drop.rb: slugified_categories as a set; w_day"),
    ],
)
def test_document_urls(path, front_matter, settings, expected):
    assert url_of(path, front_matter, **settings) == expected


# -- Dates in the site's time zone (features/site_configuration.feature) ------------------


@pytest.mark.parametrize(
    ("zone", "path", "date", "xmlschema", "url"),
    [
        pytest.param("America/New_York", "_posts/2013-04-09-entry1.md", "2013-04-09 23:22 -0400", "2013-04-09T23:22:00-04:00",
                     "/2013/04/09/entry1.html", id="site_configuration.feature: explicitly set timezone (same as posts' time) entry1"),
        pytest.param("America/New_York", "_posts/2013-04-10-entry2.md", "2013-04-10 03:14 -0400", "2013-04-10T03:14:00-04:00",
                     "/2013/04/10/entry2.html", id="site_configuration.feature: explicitly set timezone (same as posts' time) entry2"),
        pytest.param("Pacific/Honolulu", "_posts/2013-04-09-entry1.md", "2013-04-09 23:22 +0400", "2013-04-09T09:22:00-10:00",
                     "/2013/04/09/entry1.html", id="site_configuration.feature: explicitly set timezone (different than posts' time) entry1"),
        pytest.param("Pacific/Honolulu", "_posts/2013-04-10-entry2.md", "2013-04-10 03:14 +0400", "2013-04-09T13:14:00-10:00",
                     "/2013/04/09/entry2.html", id="site_configuration.feature: explicitly set timezone (different than posts' time) entry2"),
        pytest.param("Australia/Eucla", "_posts/2013-04-09-entry1.md", "2013-04-09 23:22 +0400", "2013-04-10T04:07:00+08:45",
                     "/2013/04/10/entry1.html", id="site_configuration.feature: explicitly set timezone (non-half hour offset) entry1"),
        pytest.param("Australia/Eucla", "_posts/2013-04-10-entry2.md", "2013-04-10 03:14 +0400", "2013-04-10T07:59:00+08:45",
                     "/2013/04/10/entry2.html", id="site_configuration.feature: explicitly set timezone (non-half hour offset) entry2"),
        pytest.param("America/New_York", "_posts/2008-12-03-x.md", "2008-12-03 14:00:00 +0800", "2008-12-03T01:00:00-05:00",
                     "/2008/12/03/x.html", id="brief: +0800 in New York"),
        pytest.param("America/New_York", "_posts/2008-12-03-x.md", "2008-12-03 02:00:00 +0800", "2008-12-02T13:00:00-05:00",
                     "/2008/12/02/x.html", id="brief: +0800 in New York, the day before"),
    ],
)
def test_dates_in_the_site_zone(zone, path, date, xmlschema, url):
    site = make_site(timezone=zone)
    made = site.judge(posixpath.splitext(path)[0], path, f"---\ndate: {date}\n---\n")
    decided, problem = post_date(made.fields, made.source, site.tz)
    assert problem is None and decided is not None
    assert decided.value.isoformat() == xmlschema
    assert url_of(path, f"date: {date}", timezone=zone) == url


def test_a_date_without_offset_is_read_in_the_site_zone():
    # test_document: "a document with a date with time but without timezone"
    site = make_site(timezone="America/New_York")
    made = site.judge("x", "_posts/2015-10-01-x.md", "---\ndate: 2015-10-01 23:00:00\n---\n")
    decided, _ = post_date(made.fields, made.source, site.tz)
    assert decided.value.strftime("%Y/%m/%d %z") == "2015/10/01 -0400"
    assert decided.value.tzinfo is get_timezone("America/New_York")


# -- render_with_liquid and excerpt_separator (document.rb, page.rb) ----------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"render_with_liquid": False}, False, id="post_data.feature: Unrendered Post"),
        pytest.param({"render_with_liquid": True}, True, id="post_data.feature: Rendered Post"),
        pytest.param({}, True, id="document.rb render_with_liquid?: unset"),
        pytest.param({"render_with_liquid": "false"}, True, id="document.rb render_with_liquid?: only the boolean false"),
    ],
)
def test_renders_liquid(fields, expected):
    assert renders_liquid(fields) is expected


@pytest.mark.parametrize(
    ("fields", "site_value", "expected"),
    [
        pytest.param({}, "", "", id="test_excerpt: With extraction disabled (site)"),
        pytest.param({"excerpt_separator": ""}, "\n\n", "", id="document.rb generate_excerpt?: front matter \"\""),
        pytest.param({"excerpt_separator": "\n---\n"}, "\n\n", "\n---\n", id="test_post: post-excerpt-separator"),
        pytest.param({"excerpt_separator": None}, "<!--more-->", "<!--more-->", id="document.rb: nil falls back to the site's"),
        pytest.param({"excerpt_separator": False}, "\n\n", "\n\n", id="document.rb: false falls back to the site's"),
    ],
)
def test_excerpt_separator(fields, site_value, expected):
    assert excerpt_separator(fields, site_value) == expected


# -- One site with all of it --------------------------------------------------------------

@pytest.fixture(scope="module")
def rules_site(tmp_path_factory):  # noqa: ANN001
    """tests/roots/test-site-rules, built once: pretty permalinks, New York, defaults."""
    yield from module_site("site-rules", tmp_path_factory)


def _page(app, path: str) -> str:
    return (Path(app.outdir) / path).read_text(encoding="utf-8")


def test_built_pages_at_their_jekyll_urls(rules_site):
    out = Path(rules_site.outdir)
    for written in (
        "about/index.html",  # permalink: pretty reaches pages
        "notes/first/index.html",  # and collections without a permalink of their own
        "2008/12/02/tz/index.html",  # the URL's day is the site's (New York), not the post's +0800
        "2018/10/12/trailing-dots/index.html",  # trailing dots dropped
        "sci-fi movi3s/vintage/2020/04/03/star-wars/index.html",  # the URL unescaped on disk
    ):
        assert (out / written).is_file(), written
    assert "About URL: /about/" in _page(rules_site, "about/index.html")
    assert "Note URL: /notes/first/" in _page(rules_site, "notes/first/index.html")
    assert "Dots URL: /2018/10/12/trailing-dots/" in _page(rules_site, "2018/10/12/trailing-dots/index.html")
    # page.url is percent-encoded as Jekyll's (post_data.feature)
    star = _page(rules_site, "sci-fi movi3s/vintage/2020/04/03/star-wars/index.html")
    assert "Post URL: /sci-fi%20movi3s/vintage/2020/04/03/star-wars/" in star
    # the same URL is the canonical link, the sitemap's and the feed's (one rule)
    escaped = "https://rules.example.org/sci-fi%20movi3s/vintage/2020/04/03/star-wars"
    assert f'<link rel="canonical" href="{escaped}/" />' in star
    assert f"<loc>{escaped}/</loc>" in _page(rules_site, "sitemap.xml")
    assert f"<id>{escaped}</id>" in _page(rules_site, "feed.xml")  # jekyll-feed's post.id


def test_built_date_in_the_site_zone(rules_site):
    html = _page(rules_site, "2008/12/02/tz/index.html")
    assert "When: 2008-12-02T13:00:00-05:00" in html  # page.date, moved to New York
    assert re.search(r"December\s+2,\s+2008", html), "the date shown is the site's"


def test_built_render_with_liquid_false(rules_site):
    html = _page(rules_site, "2017/07/06/unrendered-post/index.html")
    assert "Hello {{ page.title }}" in html and "Hello Unrendered Post" not in html


def test_built_defaults_deep_merged(rules_site):
    # frontmatter_defaults.feature: "Deep merge frontmatter defaults"
    assert "Fruits: 3" in _page(rules_site, "fruit/index.html")


def test_built_excerpt_separator_empty(rules_site):
    from sphinx_blogposts.store.domain import BlogpostsDomain

    posts = BlogpostsDomain.of(rules_site.env).posts
    record = next(r for r in posts.values() if r.title == "No excerpt")
    assert record.excerpt == ""
    other = next(r for r in posts.values() if r.title == "Zoned")
    assert other.excerpt.startswith("When:")
    feed = (Path(rules_site.outdir) / "feed.xml").read_text(encoding="utf-8")
    entry = feed.split("No excerpt", 1)[1].split("</entry>", 1)[0]
    assert "<summary" not in entry  # jekyll-feed: no summary for an empty excerpt
    listing = _page(rules_site, "posts/index.html")
    assert "No excerpt" in listing and "First paragraph, no excerpt" not in listing
    assert not [w for w in warnings_of(rules_site) if "blogposts" in w], warnings_of(rules_site)


def _outputs(outdir: Path, srcdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes().replace(bytes(srcdir), b"<src>")
        for p in sorted(outdir.rglob("*"))
        if p.is_file()
    }


def _restyle(site: Path) -> None:
    """The site's style changes (every page and collection moves) and a zoned date too."""
    config = site / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("permalink: pretty", "permalink: date"), encoding="utf-8")
    post = site / "_posts" / "2008-12-03-tz.md"
    post.write_text(post.read_text(encoding="utf-8").replace("02:00:00 +0800", "14:00:00 +0800"), encoding="utf-8")


@pytest.mark.parametrize("parallel", [1, 2])
def test_incremental_restyle_equals_fresh(make_app, tmp_path, parallel):
    site = copy_tree(ROOTS / "test-site-rules", tmp_path / "site")
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _restyle, parallel, site=site)
    got, want = _outputs(Path(again.outdir), site), _outputs(Path(fresh.outdir), Path(fresh.srcdir))
    assert sorted(got) == sorted(want)
    assert [path for path in want if got[path] != want[path]] == []
    # pages follow the new style; the old page is gone (its spelling redirect only when asked)
    assert b"About URL: /about.html" in got["about.html"]
    assert "about/index.html" not in got
    assert b"When: 2008-12-03T01:00:00-05:00" in got["2008/12/03/tz.html"]  # the new date's day, in New York
