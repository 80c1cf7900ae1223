"""Every old URL keeps working: permalinks, redirects, links between posts (tests/roots/test-links)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOTS, built_site, copy_tree, follow, serve, warnings_of
from sphinx_blogposts.core.permalinks import PermalinkError, PermalinkInput, check_path, permalink, url_key

WHEN = dt.datetime(2010, 7, 21, 14, 5, 9, tzinfo=dt.UTC)


def info(**kwargs) -> PermalinkInput:
    values = dict(
        collection="posts", path="_posts/2010-07-21-Hello-World.md", collection_path="2010-07-21-Hello-World",
        slug="Hello-World", categories=("News", "Big Things"), date=WHEN,
    )  # fmt: skip
    values.update(kwargs)
    return PermalinkInput(**values)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("date", "/news/big%20things/2010/07/21/Hello-World.html"),
        ("pretty", "/news/big%20things/2010/07/21/Hello-World/"),
        ("ordinal", "/news/big%20things/2010/202/Hello-World.html"),
        ("weekdate", "/news/big%20things/2010/W29/Wed/Hello-World.html"),
        ("none", "/news/big%20things/Hello-World.html"),
        ("/:year/:i_month/:i_day/:short_year/:hour:minute:second/:slug/", "/2010/7/21/10/140509/hello-world/"),
        ("/blog/:title:output_ext", "/blog/Hello-World.html"),
    ],
)
def test_jekyll_styles_and_placeholders(style, expected):
    assert permalink(info(), {}, style) == expected


def test_collections_and_front_matter():
    doc = info(collection="ai", path="_ai/00002_dalle.md", collection_path="00002_dalle", slug="00002_dalle", categories=())
    assert permalink(doc, {"ai": {"output": True}}, "date") == "/ai/00002_dalle.html"
    assert permalink(doc, {"ai": {"permalink": "/:collection/:path"}}, "date") == "/ai/00002_dalle"
    assert permalink(info(front_matter="/about/"), {}, "date") == "/about/"
    assert permalink(info(collection=None), {}, "date") is None  # a page without its own permalink
    for bad in ("https://evil.example/x", "//evil/x", "/a/../../b", "/a?b=1", "/a#b"):
        with pytest.raises(PermalinkError):
            check_path(bad)
    assert url_key("/a/b/") == url_key("/a/b.html") == url_key("a/b/index.html") == url_key("/a/b") == "a/b"


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def built(request, tmp_path_factory):
    # every spelling of every old URL (/x, /x/, /x.html) reaches the page: blogposts_url_spellings
    src = copy_tree(ROOTS / "test-links", tmp_path_factory.mktemp("links") / "site")
    yield from built_site(src, request.param, confoverrides={"blogposts_url_spellings": True})


OLD_URLS = {
    "/ai/00002_dalle": "Post 2: Dall-E",
    "/old/dalle/": "Post 2: Dall-E",
    "/dalle.html": "Post 2: Dall-E",
    "/2010/07/21/first/": "First post",
    "/2011/01/01/linker/": "Linker",
}


def test_every_old_url_works_under_a_prefix(built, tmp_path):
    served = tmp_path / "served"
    shutil.copytree(built.outdir, served / "en" / "latest")
    with serve(served) as base:
        for path, title in OLD_URLS.items():
            key = path.strip("/").removesuffix(".html")
            for variant in {path, f"/{key}", f"/{key}/", f"/{key}.html"}:
                url = base + "/en/latest" + urllib.parse.quote(variant)
                final, got = follow(url)
                assert got.startswith(title), (variant, final, got)
                assert "/en/latest/" in final


def test_redirect_pages_map_and_sitemap(built):
    out = built.outdir
    page = (out / "old" / "dalle" / "index.html").read_text()
    assert '<meta name="robots" content="noindex" />' in page
    # the post is written at its old URL; its canonical is that URL
    assert '<link rel="canonical" href="https://blog.example.org/ai/00002_dalle" />' in page
    assert 'content="0; url=../../ai/00002_dalle' in page  # relative: works under any prefix
    mapping = json.loads((out / "redirects.json").read_text())
    assert mapping["/old/dalle/"].startswith("ai/00002_dalle") and "/ai/00002_dalle" not in mapping
    assert "/about.html" not in mapping  # a real page is there now (the post of that permalink)
    assert (out / "about.html").is_file() and (out / "about" / "index.html").is_file()
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://blog.example.org/2011/01/01/linker/</loc>" in sitemap and "<lastmod>2011-01-01</lastmod>" in sitemap
    moved = out / "2012" / "02" / "04" / "moved" / "index.html"
    assert '<meta http-equiv="refresh" content="0; url=https://elsewhere.example/moved/" />' in moved.read_text()
    assert not (out.parent / "outside").exists() and not (out / "outside").exists()


def test_links_between_posts(built):
    html = (built.outdir / "2011/01/01/linker/index.html").read_text()  # /2011/01/01/linker/
    hrefs = re.findall(r'<a class="reference internal" href="([^"]+)">', html)
    if built.builder.name == "html":
        up = "../../../../"
        assert hrefs[:6] == [
            f"{up}ai/00002_dalle.html", f"{up}ai/00002_dalle.html#sobre-m%C3%AD", f"{up}2010/07/21/first/index.html",
            f"{up}2010/07/21/first/index.html", f"{up}ai/00002_dalle.html", "#section-two",
        ]  # fmt: skip
    assert "blog.example.org" not in html.split('<div class="body"')[1].split("</section>")[0]
    dalle = "ai/00002_dalle.html" if built.builder.name == "html" else "ai/00002_dalle/index.html"
    assert 'id="sobre-mí"' in (built.outdir / dalle).read_text()  # kramdown's id


def test_warnings_one_by_one(built):
    got = sorted(
        (m[1], int(m[2]), m[4], m[3])
        for w in warnings_of(built)
        if (m := re.search(r"/(_posts/\S+|_ai/\S+):(\d+): WARNING: (.*) \[blogposts\.(\w+)\]$", w))
    )
    # about.md is at /about/ (the site's `permalink: pretty` reaches pages): the
    # post whose permalink is /about.html takes that URL without a clash
    assert len(got) == len(warnings_of(built)) == 5
    expected = [
        ("_posts/2011-01-02-broken-links.md", 5, "link", "points at the old site but at no page"),
        ("_posts/2011-01-02-broken-links.md", 6, "link", "{% post_url 1999-01-01-nope %} names no published post"),
        ("_posts/2012-02-02-bad-permalink.md", 3, "permalink", "'https://evil.example/x' is an address of another site"),
        ("_posts/2012-02-02-bad-permalink.md", 4, "permalink", "'/../../outside/' leaves the site's root"),
        ("_posts/2012-02-03-duplicate.md", 1, "permalink", "is claimed by _ai/00002_dalle.md too"),
    ]
    for (file, line, sub, words), actual in zip(expected, got):
        assert actual[:3] == (file, line, sub), actual
        assert words in actual[3], actual


def test_minimal_mistakes_permalinks_zero_config(build, shared, minimal_mistakes, tmp_path):
    """Every post's old URL (the corpus's `/:categories/:title/`) ends on the post, under a prefix."""
    import sys

    sys.path.insert(0, str(shared / "tools"))
    try:
        import audit_site
    finally:
        sys.path.pop(0)
    site = minimal_mistakes
    app = build("mm", srcdir=site)
    posts = [p for p in audit_site.source_posts(site) if p["url"]]
    assert len(posts) == 69
    served = tmp_path / "served"
    shutil.copytree(app.outdir, served / "en" / "latest")
    with serve(served) as base:
        for post in posts:
            final, title = follow(base + "/en/latest" + urllib.parse.quote(post["url"]))
            # served at its old URL itself: no redirect on the way
            assert urllib.parse.unquote(final).endswith("/en/latest" + post["url"]), (post["url"], final)
            assert title, final


def test_opengraph_gets_post_metadata(build, tmp_path):
    pytest.importorskip("sphinxext.opengraph")
    site = copy_tree(ROOTS / "test-figures", tmp_path / "site")
    (site / "conf.py").write_text(
        'extensions = ["sphinx_blogposts", "sphinxext.opengraph"]\nogp_site_url = "https://example.github.io/"\n'
    )
    app = build("figures", srcdir=site)
    page = (app.outdir / "2024" / "01" / "01" / "seed-shapes.html").read_text()  # its Jekyll URL
    assert '<meta property="og:title" content="Seed shapes" />' in page
    assert '<meta property="og:type" content="article" />' in page
    assert '<meta property="og:description" content="Text before the pictures." />' in page
    assert '<meta property="og:image" content="https://example.github.io/_images/c.png" />' in page


# -- properties (a long run: --hypothesis-profile=fuzz) ----------------------------

_SAFE_SEGMENT = re.compile(r'^[^<>"|*\\\x00-\x1f\x7f]*$')


def _assert_safe_site_path(path: str) -> None:
    assert path.startswith("/"), path
    decoded = urllib.parse.unquote(path)
    assert ".." not in decoded.split("/"), path
    assert _SAFE_SEGMENT.match(path.replace(":", "")), path
    assert not urllib.parse.urlsplit(path).netloc, path


@given(st.text(max_size=80))
def test_front_matter_permalink_is_a_safe_path_or_refused(text):
    try:
        url = permalink(info(front_matter=text), {}, "date")
    except PermalinkError as exc:
        assert str(exc)
        return
    _assert_safe_site_path(url)


@given(st.lists(st.text(max_size=20), max_size=4), st.text(max_size=20))
def test_categories_and_slugs_never_leave_the_site(categories, slug):
    url = permalink(info(categories=tuple(categories), slug=slug or "x"), {}, "date")
    _assert_safe_site_path(url)
    for segment in url.split("/"):
        assert segment not in (".", ".."), url


def test_undeclared_folder_of_a_docs_project_has_jekylls_url(build, tmp_path):
    """``_blog/gears.md`` in a docs project is the collection ``blog``: ``/blog/gears``."""
    site = copy_tree(ROOTS / "test-docs", tmp_path / "docs")
    (site / "_blog").mkdir()
    (site / "_blog" / "gears.md").write_text("---\ntitle: Gears\ndate: 2024-05-01\n---\n\nTeeth.\n")
    app = build("docs", srcdir=site)
    from sphinx_blogposts.store.domain import BlogpostsDomain

    assert BlogpostsDomain.of(app.env).data["old_urls"]["_blog/gears"] == ["/blog/gears.html"]


def test_placeholder_links_stay_links_without_a_warning(build, tmp_path):
    """``[text](#)``, common in real posts, is ``href="#"`` as in Jekyll, not a MyST warning."""
    site = copy_tree(ROOTS / "test-links", tmp_path / "links")
    (site / "_posts" / "2024-02-02-placeholder.md").write_text(
        "---\ntitle: Placeholder\n---\n\nRead our [privacy policy](#) soon.\n"
    )
    app = build("links", srcdir=site)
    assert not [w for w in warnings_of(app) if "2024-02-02-placeholder.md" in w], warnings_of(app)
    html = (app.outdir / "2024" / "02" / "02" / "placeholder" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*href="#"[^>]*>privacy policy</a>', html)
