"""Hostile input, second round: ``_config.yml`` is text, raw HTML in bodies is sanitized.

Each case is a small site written into ``tmp_path``.  Every output file a
browser or a feed reader reads (pages, redirect pages, feeds,
``redirects.json``, ``sitemap.xml``) is scanned with ``html.parser`` for what
would run code: script elements the build did not add itself, ``on…``
handlers, ``javascript:``/``vbscript:`` addresses, meta refreshes to them,
``<base>``, ``srcdoc``, plug-ins.  The markup that is allowed is kept, titles
with ``&`` and ``<`` show as text, and every removal is one located warning.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import by_source, page_of, warnings_of
from defusedxml import ElementTree
from hypothesis import given
from hypothesis import strategies as st

from sphinx_blogposts.html.fragments import sanitize
from sphinx_blogposts.store.domain import BlogpostsDomain

LINE = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<msg>.*) \[blogposts\.(?P<sub>\w+)\]$")
_BAD_SCHEMES = ("javascript:", "vbscript:")


class _Danger(HTMLParser):
    """What would run code or leave the page, in one HTML document or fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None
        self._data = False  # in the SEO head's JSON-LD: data, which must not close its element

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        a = {name: value or "" for name, value in attrs}
        for name, value in a.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            cleaned = "".join(value.split()).strip("'\"").lower()
            if cleaned.startswith(_BAD_SCHEMES) or f"url={_BAD_SCHEMES[0]}" in cleaned:
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if "url='javascript" in cleaned or 'url="javascript' in cleaned:
                self.found.append(f"<{tag} {name}={value[:40]}>")
        if tag in ("base", "object", "embed", "applet") or "srcdoc" in a:
            self.found.append(f"<{tag}>")
        if tag == "script":
            src = a.get("src", "")
            # Sphinx's and the themes' own scripts are files of the build (_static/, searchindex.js)
            self._script = "" if not src or (":" not in src and not src.startswith("//")) else src
            if self._script:
                self.found.append(f"<script src={src}>")
            self._data = a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "script":
            self._script = None

    def handle_data(self, data):  # noqa: ANN001
        if self._script is not None and self._data:
            if "<" in data:
                self.found.append(f"<script type=application/ld+json>{data[:40]}")
        elif self._script is not None and "alert" in data:
            self.found.append(f"<script>{data[:40]}")


def danger(text: str) -> list[str]:
    scan = _Danger()
    scan.feed(text)
    scan.close()
    return scan.found


def test_the_scan_sees_markup():
    found = danger(
        '<p onclick="x()">a</p><a href=" JavaScript:x()">b</a><script>alert(1)</script>'
        '<meta http-equiv="refresh" content="0; url=\'javascript:alert(1)\'"><base href="/"><iframe srcdoc="x">'
        '<a href="vbscript:y">'
    )
    assert found == [
        "<p onclick>",
        "<a href= JavaScript:x()>",
        "<script>alert(1)",
        "<meta content=0; url='javascript:alert(1)'>",
        "<base>",
        "<iframe>",
        "<a href=vbscript:y>",
    ]


def assert_no_markup(outdir: Path) -> None:
    """No page, feed, redirect map or sitemap of the build carries anything that runs."""
    for page in outdir.rglob("*.html"):
        found = danger(page.read_text(encoding="utf-8"))
        assert not found, (page, found)
    for feed in outdir.rglob("*.xml"):
        tree = ElementTree.parse(feed)  # well-formed, no entities
        root = tree.getroot().tag.rsplit("}", 1)[-1]
        for element in tree.iter():
            name = element.tag.rsplit("}", 1)[-1]
            # what a reader takes as HTML: RSS titles and descriptions, Atom's type="html"
            is_html = name in ("title", "description", "encoded") if root == "rss" else (
                element.get("type") in ("html", "xhtml")
            )
            if is_html and element.text:
                assert not danger(element.text), (feed, element.tag, danger(element.text))
            for text in (element.text or "", *element.attrib.values()):
                assert not text.strip().lower().startswith(_BAD_SCHEMES), (feed, element.tag, text)
    redirects = outdir / "redirects.json"
    if redirects.exists():
        for old, new in json.loads(redirects.read_text(encoding="utf-8")).items():
            assert not any(s in (old + new).lower() for s in _BAD_SCHEMES), (old, new)


def located(app, srcdir: Path) -> list[tuple[str, int, str, str]]:  # noqa: ANN001
    """Every warning as (file relative to the site, line, subtype, message); all must be ours."""
    out = []
    for warning in warnings_of(app):
        m = LINE.match(warning)
        assert m, f"not a located blogposts warning: {warning}"
        out.append((Path(m["path"]).relative_to(srcdir).as_posix(), int(m["line"]), m["sub"], m["msg"]))
    return out


def assert_warnings(seen: list[tuple[str, int, str, str]], expected: list[tuple[str, int, str, str]]) -> None:
    """``expected`` (file, line, subtype, words of the message) matches ``seen`` one to one."""
    unmatched = list(seen)
    for name, line, sub, words in expected:
        hit = next((w for w in unmatched if w[:3] == (name, line, sub) and words in w[3]), None)
        assert hit, f"missing: {name}:{line} blogposts.{sub} {words!r}\nseen: {seen}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected warnings: {unmatched}"


def write_site(root: Path, config: str | None, files: dict[str, str], conf: str = "") -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n' + conf, encoding="utf-8")
    if config is not None:
        (root / "_config.yml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class _Tags(HTMLParser):
    """Elements with their attributes, and the text of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.elements.append((tag, {n: v or "" for n, v in attrs}))

    def handle_data(self, data):  # noqa: ANN001
        self.text.append(data)


def tags_of(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


# -- configuration is text ----------------------------------------------------

HOSTILE_CONFIG = """\
title: 'Tom & Jerry <script>alert(1)</script>'
author: '<img src=x onerror=alert(2)>'
description: '<script>alert(3)</script> & more'
locale: 'en"><script>alert(4)</script>'
url: 'javascript://%0aalert(5)'
timezone: Mars/Olympus
"""

CONFIG_POSTS = {
    "_posts/2020-01-01-first.md": "---\ntitle: First\ndate: 2020-01-01 10:00:00\n---\n\nHello.\n",
    "_posts/2020-01-02-moved.md": "---\ntitle: Moved\nredirect_to: \"'javascript:alert(6)'\"\n---\n\nMoved.\n",
    "_posts/2020-01-03-spaced.md": "---\ntitle: Spaced\nredirect_to: '  vbscript:msgbox(7)'\n---\n\nSpaced.\n",
    "_posts/2020-01-04-fine.md": "---\ntitle: Fine\nredirect_to: ' \"https://elsewhere.example/fine/\" '\n---\n\nOk.\n",
}

CONFIG_WARNINGS = [
    ("_config.yml", 4, "config", "locale: 'en\"><script>alert(4)</script>' is not a locale"),
    ("_config.yml", 5, "config", "blogposts_site_url: 'javascript://%0aalert(5)' is not an http:// or https://"),
    ("_config.yml", 6, "config", "unknown time zone 'Mars/Olympus'; dates without an offset are read in UTC"),
    ("_posts/2020-01-02-moved.md", 3, "permalink", "redirect_to \"'javascript:alert(6)'\" is not an http(s)"),
    ("_posts/2020-01-03-spaced.md", 3, "permalink", "redirect_to '  vbscript:msgbox(7)' is not an http(s)"),
]


@pytest.mark.parametrize("theme", ["alabaster", "furo"])
def test_config_values_reach_pages_as_text(make_app, tmp_path, theme):
    site = write_site(tmp_path / "site", HOSTILE_CONFIG, CONFIG_POSTS)
    app = make_app("html", srcdir=site, confoverrides={"html_theme": theme})
    app.build()
    assert_warnings(located(app, site), CONFIG_WARNINGS)
    out = app.outdir
    assert_no_markup(out)
    # no valid address: no feed, no sitemap, no canonical link built on javascript:
    assert not (out / "feed.xml").exists() and not (out / "sitemap.xml").exists()
    assert app.config.blogposts_site_url == "" and app.config.blogposts_timezone == ""
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ("html", "en") in [(t, a.get("lang")) for t, a in tags_of(index).elements]
    assert "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;" in index  # title, logo/brand
    assert "&amp;amp;" not in index  # escaped once, by us or by the theme, never twice
    assert "&lt;img src=x onerror=alert(2)&gt;" in index  # the author, in the footer
    page = tags_of(index)
    assert "".join(page.text).count("Tom & Jerry <script>alert(1)</script>") >= 2  # <title> and the theme's name
    # the unknown zone is UTC: 10:00 without an offset is 10:00 UTC
    first = by_source(app, BlogpostsDomain.of(app.env).posts)["_posts/2020-01-01-first"]
    assert first.date.utcoffset().total_seconds() == 0 and first.date.hour == 10
    # a refused redirect_to writes no refresh; a quoted https one is followed, unquoted
    for name in ("2020-01-02-moved", "2020-01-03-spaced"):
        assert "refresh" not in page_of(app, f"_posts/{name}").read_text(encoding="utf-8")
    fine = (out / "2020" / "01" / "04" / "fine.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=https://elsewhere.example/fine/" />' in fine
    # Sphinx's configuration keeps the plain text (LaTeX, text and ePub show it as written)
    assert app.config.project == "Tom & Jerry <script>alert(1)</script>"


def test_config_text_in_feeds_and_sitemap(make_app, tmp_path):
    """With a valid address the feeds and the sitemap exist; the hostile title is text there too."""
    config = HOSTILE_CONFIG.replace("url: 'javascript://%0aalert(5)'", "url: https://ok.example.org")
    site = write_site(tmp_path / "site", config, CONFIG_POSTS)
    app = make_app("html", srcdir=site, confoverrides={"html_theme": "furo"})
    app.build()
    assert_warnings(located(app, site), [w for w in CONFIG_WARNINGS if "site_url" not in w[3]])
    out = app.outdir
    assert (out / "feed.xml").is_file() and (out / "rss.xml").is_file() and (out / "sitemap.xml").is_file()
    assert_no_markup(out)
    atom = ElementTree.parse(out / "feed.xml").getroot()
    assert atom.find("{http://www.w3.org/2005/Atom}title").text == "Tom & Jerry <script>alert(1)</script>"
    for line in (out / "sitemap.xml").read_text(encoding="utf-8").splitlines():
        if "<loc>" in line:
            assert line.strip().startswith("<url><loc>https://ok.example.org/"), line


def test_a_plain_ampersand_title_is_shown_once_escaped(make_app, tmp_path):
    site = write_site(
        tmp_path / "site",
        "title: Tom & Jerry\nauthor: Hanna & Barbera\nurl: https://tom.example.org\nlocale: es-MX\n",
        {"_posts/2021-05-01-cat.md": "---\ntitle: Cat & mouse\n---\n\nChase.\n"},
    )
    app = make_app("html", srcdir=site)
    app.build()
    assert located(app, site) == []
    out = app.outdir
    post = (out / "2021" / "05" / "01" / "cat.html").read_text(encoding="utf-8")
    assert "<title>Cat &amp; mouse &#8212; Tom &amp; Jerry</title>" in post
    assert ("html", "es") in [(t, a.get("lang")) for t, a in tags_of(post).elements] and "Hanna &amp; Barbera" in post and "&amp;amp;" not in post
    assert_no_markup(out)
    atom = ElementTree.parse(out / "feed.xml").getroot()
    assert atom.find("{http://www.w3.org/2005/Atom}title").text == "Tom & Jerry"
    assert "<loc>https://tom.example.org/" in (out / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("'https://evil.example\"><script>alert(1)</script>'", "is not an http:// or https://"),
        ("data:text/html,x", "is not an http:// or https://"),
        ("ftp://files.example.org", "is not an http:// or https://"),
        ("https://user@evil.example", "is not an http:// or https://"),
    ],
)
def test_a_site_url_that_is_not_http_is_refused(make_app, tmp_path, url, words):
    site = write_site(
        tmp_path / "site", f"title: T\nurl: {url}\n", {"_posts/2021-05-01-a.md": "---\ntitle: A\n---\n\nA.\n"}
    )
    app = make_app("html", srcdir=site)
    app.build()
    assert_warnings(located(app, site), [("_config.yml", 2, "config", words)])
    assert not (app.outdir / "feed.xml").exists()
    assert_no_markup(app.outdir)


def test_a_baseurl_that_is_not_a_path_is_refused(make_app, tmp_path):
    site = write_site(
        tmp_path / "site",
        "title: T\nurl: https://ok.example.org\nbaseurl: '//evil.example/\"><script>alert(1)</script>'\n",
        {"_posts/2021-05-01-a.md": "---\ntitle: A\n---\n\nA.\n"},
    )
    app = make_app("html", srcdir=site)
    app.build()
    assert_warnings(located(app, site), [("_config.yml", 3, "config", "is not a path such as /blog")])
    assert "<loc>https://ok.example.org/index.html</loc>" in (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert_no_markup(app.outdir)


# -- raw HTML in bodies ---------------------------------------------------------

BODY = """\
---
title: Body
---

Text before.

<script>alert(7)</script>

<svg onload="alert(8)"><circle r="3"></circle></svg>

<details ontoggle="alert(9)" open><summary>More</summary>Hidden text</details>

<object data="javascript:alert(10)"><param name="a" value="b"></object>

<embed src="javascript:alert(11)">

<form action="javascript:alert(12)"><button formaction="javascript:alert(13)">Send</button></form>

<meta http-equiv="refresh" content="0; url=javascript:alert(14)">

<table class="data"><tr><td colspan="2">Cell &amp; more</td></tr></table>

A <span onclick="alert(15)" class="note">span</span> inline and <a href="vbscript:msgbox(16)">a link</a>.

<div class="box">
<iframe srcdoc="&lt;script&gt;alert(17)&lt;/script&gt;" src="https://player.example/v/1"></iframe>
</div>

<base href="https://evil.example/">

<div class="card" data-id="7" style="color: red">
<p title="keep me">Kept <em>as written</em></p>
<svg viewBox="0 0 10 10"><a xlink:href="javascript:alert(18)"><text>t</text></a><set attributeName="href" to="javascript:alert(19)"/></svg>
<math href="javascript:alert(20)"><mi>x</mi></math>
</div>

<div style="background: url(javascript:alert(21))">Styled text</div>

<!-- a note for editors -->

Text after.
"""

BODY_WARNINGS = [
    ("_posts/2020-02-01-body.md", 7, "html", "removed a <script> element"),
    ("_posts/2020-02-01-body.md", 9, "html", "removed the script attribute(s) onload of the <svg> element"),
    ("_posts/2020-02-01-body.md", 11, "html", "removed the script attribute(s) ontoggle of the <details> element"),
    ("_posts/2020-02-01-body.md", 13, "html", "removed an <object> element"),
    ("_posts/2020-02-01-body.md", 15, "html", "removed an <embed> element"),
    ("_posts/2020-02-01-body.md", 17, "html", "removed a javascript: URL (action) from the <form> element"),
    ("_posts/2020-02-01-body.md", 17, "html", "removed a javascript: URL (formaction) from the <button> element"),
    ("_posts/2020-02-01-body.md", 19, "html", "removed a <meta http-equiv> element"),
    ("_posts/2020-02-01-body.md", 23, "html", "removed the script attribute(s) onclick of the <span> element"),
    ("_posts/2020-02-01-body.md", 23, "html", "removed a vbscript: link"),
    ("_posts/2020-02-01-body.md", 26, "html", "removed the srcdoc attribute of the <iframe> element"),
    ("_posts/2020-02-01-body.md", 29, "html", "removed a <base> element"),
    ("_posts/2020-02-01-body.md", 33, "html", "removed a javascript: URL (xlink:href) from the <a> element"),
    ("_posts/2020-02-01-body.md", 33, "html", "removed a javascript: URL (to) from the <set> element"),
    ("_posts/2020-02-01-body.md", 34, "html", "removed a javascript: URL (href) from the <math> element"),
    ("_posts/2020-02-01-body.md", 37, "html", "removed the style attribute of the <div> element"),
]


def body_site(tmp_path: Path, conf: str = "") -> Path:
    return write_site(
        tmp_path / "site",
        "title: Raw\nurl: https://raw.example.org\n",
        {"_posts/2020-02-01-body.md": BODY, "about.md": "---\ntitle: About\n---\n\n<p onclick=\"alert(22)\">Hi</p>\n"},
        conf,
    )


@pytest.mark.parametrize("theme", ["alabaster", "furo"])
def test_raw_html_in_a_post_is_sanitized(make_app, tmp_path, theme):
    site = body_site(tmp_path)
    app = make_app("html", srcdir=site, confoverrides={"html_theme": theme, "blogposts_feed_full_text": True})
    app.build()
    assert_warnings(
        located(app, site),
        [*BODY_WARNINGS, ("about.md", 5, "html", "removed the script attribute(s) onclick of the <p> element")],
    )
    out = app.outdir
    assert_no_markup(out)
    html = (out / "2020" / "02" / "01" / "body.html").read_text(encoding="utf-8")
    page = tags_of(html)
    text = "".join(page.text)
    # what is allowed stays, with its attributes and text
    assert ("td", {"colspan": "2"}) in page.elements and "Cell & more" in text
    assert ("details", {"open": ""}) in page.elements and "Hidden text" in text
    assert ("span", {"class": "note"}) in page.elements and "a link" in text
    assert ("div", {"class": "card", "data-id": "7", "style": "color: red"}) in page.elements
    assert ("p", {"title": "keep me"}) in page.elements and "as written" in text
    assert ("svg", {"viewbox": "0 0 10 10"}) in page.elements and ("circle", {"r": "3"}) in page.elements
    assert ("button", {}) in page.elements and "Send" in text and "Styled text" in text
    assert "Text before." in text and "Text after." in text and "<!-- a note for editors -->" in html
    # the iframe keeps its player, not its embedded page
    assert any(t == "iframe" and a.get("src") == "https://player.example/v/1" for t, a in page.elements)
    # the full-text feed carries the sanitized body
    assert "Cell &amp;amp; more" in (out / "feed.xml").read_text(encoding="utf-8")


def test_keep_leaves_raw_html_as_written(make_app, tmp_path):
    site = body_site(tmp_path, conf='blogposts_raw_html = "keep"\n')
    app = make_app("html", srcdir=site)
    app.build()
    # only the figure converter's own findings (links and media it turns into nodes)
    assert {w[3] for w in located(app, site)} <= {
        "removed a vbscript: link",
        "removed the srcdoc attribute of the <iframe> element (an embedded page)",
    }
    html = (app.outdir / "2020" / "02" / "01" / "body.html").read_text(encoding="utf-8")
    assert "<script>alert(7)</script>" in html
    assert '<svg onload="alert(8)"><circle r="3"></circle></svg>' in html
    assert '<details ontoggle="alert(9)" open>' in html
    assert '<p onclick="alert(22)">Hi</p>' in (app.outdir / "about.html").read_text(encoding="utf-8")


def test_a_bad_raw_html_setting_is_reported(make_app, tmp_path):
    site = body_site(tmp_path, conf='blogposts_raw_html = "allow"\n')
    app = make_app("html", srcdir=site)
    app.build()
    seen = located(app, site)
    assert ("conf.py", 2, "config") in [w[:3] for w in seen]
    assert_no_markup(app.outdir)  # the default, sanitize, is used


def test_a_docs_project_sanitizes_posts_and_keeps_its_pages(make_app, tmp_path):
    site = write_site(
        tmp_path / "docs",
        None,
        {
            "index.md": "# Docs\n\n```{toctree}\npage\n```\n",
            "page.md": "# Page\n\n<div onclick=\"track()\">A widget</div>\n",
            "blog/post.md": "---\ndate: 2024-03-01\n---\n\n# Post\n\n<div onclick=\"alert(1)\">Imported</div>\n",
        },
    )
    app = make_app("html", srcdir=site)
    app.build()
    assert_warnings(
        located(app, site), [("blog/post.md", 7, "html", "removed the script attribute(s) onclick of the <div>")]
    )
    assert '<div onclick="track()">A widget</div>' in (app.outdir / "page.html").read_text(encoding="utf-8")
    post = (app.outdir / "blog" / "post.html").read_text(encoding="utf-8")
    assert "<div>Imported</div>" in post and "onclick" not in post


@pytest.mark.parametrize(
    "fragment",
    [
        "<!-- --!><img src=x onerror=alert(1)> -->",
        '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        '<svg><style><img src=x onerror=alert(1)></style></svg>',
        '<a href="&#106;avascript:alert(1)">x</a><a href="java\tscript:alert(1)">y</a>',
        '<img srcset="javascript:alert(1) 1x, /ok.png 2x"><iframe src="data:text/html,<script>alert(1)</script>">',
        '<div/onclick="alert(1)">x</div><p ONCLICK=alert(1)>y</p>',
        '<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="Refresh" content="0;url=/">',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">z</a>',
    ],
)
def test_the_sanitizer_leaves_nothing_a_browser_would_run(fragment):
    """Parser differentials: what ``html.parser`` reads as text, a browser may read as a tag."""
    safe, removals = sanitize(fragment)
    assert not danger(safe), safe
    assert "<img src=x" not in safe and "<link" not in safe and "refresh" not in safe.lower()


@given(st.text(alphabet=st.sampled_from(list("<>/=\"' -!:abcdefghijklmnopqrstuvwxyz&#;")), max_size=80))
def test_sanitized_html_is_stable_and_inert(text):
    """Whatever goes in, what comes out has nothing that runs and sanitizes to itself."""
    safe, _ = sanitize(text)
    assert not danger(safe)
    again, removals = sanitize(safe)
    assert again == safe and not removals


@given(
    st.sampled_from(["div", "span", "svg", "a", "details", "iframe", "form", "math", "img", "p"]),
    st.sampled_from(["onclick", "ONLOAD", "href", "src", "action", "xlink:href", "srcdoc", "style", "formaction"]),
    st.sampled_from(["javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "vbscript:x", "data:text/html,x",
                     "&#106;avascript:x", "'javascript:x'", "url(javascript:x)", "alert(1)"]),  # fmt: skip
)
def test_no_attribute_carries_script(tag, name, value):
    safe, removals = sanitize(f'<{tag} {name}="{value}">text</{tag}>')
    assert not danger(safe) and "text" in safe
    harmless = value == "alert(1)" or (name == "style" and value == "data:text/html,x") or (
        name != "style" and value == "url(javascript:x)"
    )
    if name.lower().startswith("on") or name == "srcdoc" or not harmless:
        assert removals, safe


# -- the stylesheet link ------------------------------------------------------


def test_rewritten_pages_link_the_stylesheet_as_fresh_ones(make_app, tmp_path):
    site = write_site(
        tmp_path / "site",
        "title: Css\n",
        {
            "_posts/2020-03-01-a.md": "---\ntitle: A\n---\n\nA.\n",
            "_posts/2020-03-02-b.md": "---\ntitle: B\n---\n\nB.\n",
        },
    )
    make_app("html", srcdir=site).build()
    page = site / "_build" / "html" / "2020" / "03" / "01" / "a.html"

    def css_link() -> str:
        return next(line for line in page.read_text(encoding="utf-8").splitlines() if "blogposts.css" in line)

    fresh = css_link()
    assert "?v=" in fresh  # the file was there when the page was written
    (site / "_posts" / "2020-03-01-a.md").write_text("---\ntitle: A again\n---\n\nA.\n", encoding="utf-8")
    make_app("html", srcdir=site).build()
    assert "A again" in page.read_text(encoding="utf-8")
    assert css_link() == fresh
