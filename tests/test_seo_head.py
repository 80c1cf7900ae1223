"""The SEO head of jekyll-seo-tag (core/seo.py, output/seo_head.py): meta tags and JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOTS, SHARED, built_site, copy_tree, page_of
from sphinx_blogposts.core.authors import Author
from sphinx_blogposts.core.seo import (
    SeoPage,
    SeoSite,
    absolute_url,
    author_twitter,
    describe,
    head_tags,
    image_entry,
    json_ld,
    render_head,
    schema_type,
    script_json,
    twitter_handle,
)
from sphinx_blogposts.store.domain import BlogpostsDomain


class _Head(HTMLParser):
    """The meta tags, canonical links and JSON-LD scripts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.append((a.get("property") or a.get("name"), a.get("content") or ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a.get("href") or "")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


def head_of(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def meta(head: _Head, key: str) -> list[str]:
    return [content for name, content in head.meta if name == key]


# --- the rules, on plain values -------------------------------------------------------

BASE = "https://example.org/blog/"


@pytest.mark.parametrize(
    ("path", "page", "expected"),
    [
        ("/assets/a.png", "/2020/01/02/x/", "https://example.org/blog/assets/a.png"),
        ("a.png", "/2020/01/02/x/", "https://example.org/blog/2020/01/02/x/a.png"),
        ("a.png", "/notes/x.html", "https://example.org/blog/notes/a.png"),
        ("https://cdn.example.com/p.jpg", "/x/", "https://cdn.example.com/p.jpg"),
        ("//cdn.example.com/p.jpg", "/x/", "https://cdn.example.com/p.jpg"),
        ("/a b.png", "/", "https://example.org/blog/a%20b.png"),
        ("javascript:alert(1)", "/", ""),
        ("data:image/png;base64,xx", "/", ""),
    ],
)
def test_absolute_url(path, page, expected):
    assert absolute_url(path, BASE, page) == expected


def test_absolute_url_without_an_address_is_none():
    assert absolute_url("/a.png", "", "/") == ""
    assert absolute_url("https://x.org/a.png", "", "/") == "https://x.org/a.png"


@pytest.mark.parametrize(
    ("meta", "site", "expected"),
    [
        ({"image": "/i.png", "header": {"og_image": "/o.png"}}, "/s.png", {"path": "/i.png"}),
        (
            {"image": {"path": "/i.png", "alt": "An <i>", "width": 10}},
            "",
            {"path": "/i.png", "alt": "An <i>", "width": "10"},
        ),
        ({"image": {"twitter": "/t.png"}}, "", {"path": "/t.png"}),
        (
            {"header": {"teaser": "/t.png", "image": "/h.png", "og_image": "/o.png"}},
            "",
            {"path": "/o.png"},
        ),
        ({"header": {"teaser": "/t.png", "image": "/h.png"}}, "", {"path": "/h.png"}),
        ({"header": {"teaser": "/t.png", "overlay_image": "/ov.png"}}, "", {"path": "/ov.png"}),
        ({"header": {"teaser": "/t.png"}}, "/s.png", {"path": "/t.png"}),
        ({"header": "no"}, "/s.png", {"path": "/s.png"}),
        ({"image": ["a"]}, "", None),
        ({}, "", None),
    ],
)
def test_image_entry(meta, site, expected):
    assert image_entry(meta, site) == expected


@pytest.mark.parametrize(
    ("description", "excerpt", "site", "expected"),
    [
        ("Own <b>words</b>\n here", "ex", "site", "Own words here"),
        (None, "The excerpt &amp; more", "site", "The excerpt & more"),
        ("", "", "The site", "The site"),
        (["a"], "", "", ""),
        (" ".join(["w"] * 120), "", "", " ".join(["w"] * 100) + "\u2026"),
    ],
)
def test_describe(description, excerpt, site, expected):
    assert describe(description, excerpt, site) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("mmistakes", "mmistakes"),
        ("@x", "x"),
        ({"username": "@y", "card": "summary"}, "y"),
        ({}, ""),
        (3, ""),
        (None, ""),
    ],
)
def test_twitter_handle(value, expected):
    assert twitter_handle(value) == expected


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ((("twitter", "https://twitter.com/handle"),), "handle"),  # the twitter profile key
        (
            (("Twitter", "https://twitter.com/extravagantman"),),
            "extravagantman",
        ),  # minimal-mistakes' links:
        ((("X", "https://x.com/@someone/"),), "someone"),
        ((("Website", "https://twitter.com/notthis"),), ""),
        ((("Twitter", "https://example.org/x"),), ""),
        ((), ""),
    ],
)
def test_author_twitter(links, expected):
    assert author_twitter(Author(key="a", name="A", links=links)) == expected


def _page(**kwargs) -> SeoPage:
    values = {"title": "A post", "url": BASE + "2020/x/", "path": "/2020/x/"}
    values.update(kwargs)
    return SeoPage(**values)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (_page(path="/"), "WebSite"),
        (_page(path="/index.html"), "WebSite"),
        (_page(path="/about/"), "WebSite"),
        (
            _page(is_post=True, published=dt.datetime(2020, 1, 2, tzinfo=dt.UTC)),
            "BlogPosting",
        ),
        (_page(is_post=True), "WebPage"),
        (_page(), "WebPage"),
        (_page(seo={"type": "Person"}), "Person"),
    ],
)
def test_schema_type(page, expected):
    assert schema_type(page) == expected


def test_json_ld_of_a_post():
    when = dt.datetime(2020, 1, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    page = _page(
        is_post=True,
        published=when,
        modified=dt.date(2020, 2, 3),
        description="About it",
        author=Author(key="ana", name="Ana", uri="https://ana.example"),
        image={"path": BASE + "a.png"},
        tags=("x", "y"),
    )
    data = json_ld(page, SeoSite(title="Site", author=Author(key="", name="Owner")))
    assert list(data) == sorted(data)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "A post"
    assert data["datePublished"] == "2020-01-02T10:00:00+01:00"
    assert data["dateModified"] == "2020-02-03T00:00:00"
    assert data["author"] == {"@type": "Person", "name": "Ana", "url": "https://ana.example"}
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": page.url}
    assert data["publisher"] == {"@type": "Person", "name": "Owner"}
    assert data["image"] == BASE + "a.png"
    assert "name" not in data and "sameAs" not in data
    # with a logo, jekyll-seo-tag's publisher
    logo = json_ld(page, SeoSite(title="Site", logo=BASE + "logo.png"))["publisher"]
    assert logo == {
        "@type": "Organization",
        "logo": {"@type": "ImageObject", "url": BASE + "logo.png"},
        "name": "Ana",
    }


def test_json_ld_of_the_home_and_seo_keys():
    social = {"name": "The Org", "type": "Organization", "links": ["https://a.example", 3]}
    home = json_ld(_page(path="/", title="Home"), SeoSite(title="Site", social=social))
    assert (
        home["@type"] == "WebSite"
        and home["name"] == "The Org"
        and home["sameAs"] == ["https://a.example"]
    )
    assert "mainEntityOfPage" not in home and "publisher" not in home
    own = json_ld(
        _page(seo={"type": "Person", "name": "Jo", "links": "https://jo.example"}),
        SeoSite(title="Site"),
    )
    assert (
        own["@type"] == "Person" and own["name"] == "Jo" and own["sameAs"] == ["https://jo.example"]
    )
    image = json_ld(_page(image={"path": BASE + "a.png", "alt": "A"}), SeoSite())["image"]
    assert image == {"@type": "imageObject", "url": BASE + "a.png", "alt": "A"}


def test_head_tags_of_a_post():
    page = _page(
        is_post=True,
        published=dt.datetime(2020, 1, 2, tzinfo=dt.UTC),
        modified=dt.datetime(2020, 3, 4, tzinfo=dt.UTC),
        description="D",
        tags=("t1", "t2"),
        locale="en-US",
        author=Author(key="a", name="A", links=(("twitter", "https://twitter.com/writer"),)),
        image={"path": BASE + "a.png", "alt": "Alt"},
    )
    tags = head_tags(page, SeoSite(title="Site", twitter={"username": "site"}))
    keys = [key for _, key, _ in tags]
    got = {key: value for _, key, value in tags}
    assert got["og:type"] == "article" and got["og:locale"] == "en_US"
    assert got["article:published_time"] == "2020-01-02T00:00:00+00:00"
    assert got["article:modified_time"] == "2020-03-04T00:00:00+00:00"
    assert [v for _, k, v in tags if k == "article:tag"] == ["t1", "t2"]
    assert got["twitter:card"] == "summary_large_image" and got["og:image:alt"] == "Alt"
    assert got["twitter:site"] == "@site" and got["twitter:creator"] == "@writer"
    assert keys.count("og:title") == 1 and "og:url" in keys
    plain = {key: value for _, key, value in head_tags(_page(), SeoSite(title="Site"))}
    assert plain["og:type"] == "website" and plain["twitter:card"] == "summary"
    assert (
        "twitter:site" not in plain
        and "og:image" not in plain
        and "article:published_time" not in plain
    )
    card = {
        k: v
        for _, k, v in head_tags(_page(image={"path": "x"}, twitter={"card": "summary"}), SeoSite())
    }
    assert card["twitter:card"] == "summary"


def test_everything_is_escaped():
    hostile = '</script><script>alert("x")</script> & <!-- \u2028'
    page = _page(title=hostile, description=hostile)
    html = render_head(
        head_tags(page, SeoSite(title=hostile)), json_ld(page, SeoSite(title=hostile))
    )
    assert "<script>alert" not in html and "<!--" not in html
    script = re.search(r'<script type="application/ld\+json">(.*)</script>', html, re.DOTALL)[1]
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["headline"] == hostile
    assert 'content="&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)' in html
    assert json.loads(script_json({"a": "</script>"})) == {"a": "</script>"}
    # a key already in the page's metatags is not written again
    assert "og:title" not in render_head(head_tags(page, SeoSite()), None, frozenset({"og:title"}))


# --- minimal-mistakes, zero-config ----------------------------------------------------


@pytest.fixture(scope="module")
def mm_app(tmp_path_factory):

    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it holds the minimal-mistakes corpus)")
    site = copy_tree(
        SHARED / "corpora" / "minimal-mistakes", tmp_path_factory.mktemp("mm") / "site"
    )
    (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    yield from built_site(site)


def _posts(app) -> dict[str, object]:
    return {d: r for d, r in BlogpostsDomain.of(app.env).posts.items() if r.kind == "post"}


def test_every_post_of_minimal_mistakes_has_the_seo_head(mm_app):
    posts = _posts(mm_app)
    assert len(posts) >= 60
    for docname, record in posts.items():
        head = head_of(page_of(mm_app, docname))
        assert len(head.json_ld) == 1, docname
        data = json.loads(head.json_ld[0])
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "BlogPosting", docname
        assert data["headline"] == mm_app.env.titles[docname].astext()
        assert data["datePublished"].startswith(record.date.date().isoformat())
        assert data["author"]["name"] in ("Michael Rose", "Billy Rick")
        assert len(head.canonical) == 1, docname
        assert head.canonical[0].startswith("https://mmistakes.github.io/minimal-mistakes/")
        assert meta(head, "og:url") == head.canonical
        assert meta(head, "og:title") == [data["headline"]]
        assert meta(head, "og:type") == ["article"]
        assert meta(head, "og:site_name") == ["Minimal Mistakes"]
        assert meta(head, "og:locale") and meta(head, "article:published_time")
        assert meta(head, "twitter:site") == ["@mmistakes"]
        assert meta(head, "twitter:card") == ["summary_large_image"]  # og_image at least
        assert all(m.startswith(("https://", "http://")) for m in meta(head, "og:image")), (
            docname
        )  # absolute
        assert meta(head, "article:tag") == list(record.tags)
        keys = [
            k for k, _ in head.meta if k not in ("article:tag", "viewport")
        ]  # viewport: the theme's, twice
        assert len(keys) == len(set(keys)), docname  # no tag twice


def test_the_author_override_post(mm_app):
    docname = next(d for d, r in _posts(mm_app).items() if r.meta.get("author") == "Billy Rick")
    head = head_of(page_of(mm_app, docname))
    data = json.loads(head.json_ld[0])
    assert data["author"] == {"@type": "Person", "name": "Billy Rick"}
    assert meta(head, "author") == ["Billy Rick"]
    assert meta(head, "twitter:creator") == ["@extravagantman"]  # their Twitter link
    assert (
        "dateModified" in data and data["dateModified"] != data["datePublished"]
    )  # last_modified_at
    assert meta(head, "article:modified_time") == [data["dateModified"]]


def test_the_home_is_a_website(mm_app):
    head = head_of(Path(mm_app.outdir) / "index.html")
    data = json.loads(head.json_ld[0])
    assert data["@type"] == "WebSite"
    assert data["name"] == "Minimal Mistakes"
    assert data["url"] == "https://mmistakes.github.io/minimal-mistakes/"
    assert data["sameAs"] == [
        "https://twitter.com/mmistakes",
        "https://www.facebook.com/michaelrose",
    ]
    assert head.canonical == [data["url"]]
    assert meta(head, "og:type") == ["website"]
    assert meta(head, "og:image") == [
        "https://mmistakes.github.io/minimal-mistakes/assets/images/site-logo.png"
    ]


def test_every_page_has_one_head(mm_app):
    pages = [p for p in Path(mm_app.outdir).rglob("*.html") if "_static" not in p.parts]
    written = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # a redirect page
        head = head_of(path)
        written += 1
        assert len(head.json_ld) == 1, path
        json.loads(head.json_ld[0])
        assert len(head.canonical) <= 1, path
        assert len(meta(head, "og:title")) == 1, path
    assert written > 80


# --- the head in other settings --------------------------------------------------------


HOSTILE_TITLE = '</script><script>alert(1)</script> "Q" & <b>'


@pytest.fixture
def jekyll_site(tmp_path) -> Path:
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    (site / "_posts" / "2021-07-08-hostile.md").write_text(
        "---\n"
        f"title: '{HOSTILE_TITLE}'\n"
        "description: '</script>\"d\" & <b>e</b><!-- c -->'\n"
        "image: {path: /images/p.png, alt: 'A \"p\"'}\n"
        "seo: {type: CreativeWork, name: 'Seo & Co \"N\"', links: [https://same.example]}\n"
        "---\n\nBody.\n",
        encoding="utf-8",
    )
    return site


def test_hostile_text_is_escaped(make_app, jekyll_site):
    app = make_app("html", srcdir=jekyll_site)
    app.build()
    text = page_of(app, "_posts/2021-07-08-hostile").read_text(encoding="utf-8")
    head = head_of(page_of(app, "_posts/2021-07-08-hostile"))
    assert "<script>alert(1)" not in text
    data = json.loads(head.json_ld[0])
    assert (
        data["@type"] == "CreativeWork"
        and data["name"] == 'Seo & Co "N"'
        and data["sameAs"] == ["https://same.example"]
    )
    assert data["mainEntityOfPage"]["@id"] == data["url"]
    assert data["description"] == '"d" & e'  # markup removed, as jekyll-seo-tag's strip_html
    assert meta(head, "og:image") == ["https://example.org/blog/images/p.png"]
    assert meta(head, "og:image:alt") == ['A "p"']
    assert "</" not in head.json_ld[0]


def test_seo_off_and_other_builders(make_app, jekyll_site):
    app = make_app("html", srcdir=jekyll_site, confoverrides={"blogposts_seo": False})
    app.build()
    assert "application/ld+json" not in page_of(app, "_posts/2021-03-04-first-post").read_text(
        encoding="utf-8"
    )
    epub = make_app("epub", srcdir=jekyll_site, builddir=jekyll_site / "_epub")
    epub.build()
    for path in Path(epub.outdir).rglob("*.xhtml"):
        text = path.read_text(encoding="utf-8")
        assert "application/ld+json" not in text and "og:title" not in text, path


def test_a_docs_project_without_an_address(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-docs", tmp_path / "docs")
    app = make_app("html", srcdir=site)
    app.build()
    index = Path(app.outdir) / "index.html"
    head = head_of(index)
    assert len(head.json_ld) == 1
    assert not meta(head, "og:url") and not head.canonical  # no address: none is made up


def test_with_sphinxext_opengraph_no_tag_twice(make_app, jekyll_site):
    pytest.importorskip("sphinxext.opengraph")
    (jekyll_site / "conf.py").write_text(
        'extensions = ["sphinx_blogposts", "sphinxext.opengraph"]\nogp_site_url = "https://example.org/blog/"\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=jekyll_site)
    app.build()
    head = head_of(page_of(app, "_posts/2021-03-04-first-post"))
    keys = [
        k for k, _ in head.meta if k not in ("article:tag", "viewport")
    ]  # viewport: the theme's, twice
    assert len(keys) == len(set(keys)), keys
    for key in (
        "og:title",
        "og:url",
        "og:type",
        "og:description",
        "og:locale",
        "twitter:card",
        "article:published_time",
    ):
        assert key in keys, key
    assert meta(head, "og:url") == head.canonical  # the old URL, both
    assert len(head.json_ld) == 1 and json.loads(head.json_ld[0])["@type"] == "BlogPosting"
