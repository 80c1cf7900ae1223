"""The hostile corpus (``tests/roots/test-hostile``): the build finishes, every
problem is exactly one located ``blogposts.*`` warning, every post is built and
listed, no markup from front matter or HTML gets through, and nothing is read
from outside the source folder or written outside the output folder.

The parts that are too large, binary or system-specific to keep in the
repository (a 10 MB post, 10,000 tags, a 100 KB title, symbolic links out of
the site) are made by :func:`add_generated_posts`.
"""

from __future__ import annotations

import urllib.parse

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from defusedxml import ElementTree

from conftest import ROOTS, by_source, copy_tree, page_of, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain

#: (file, line, subtype, words of the message) — every warning of the build, in no order.
EXPECTED = [
    ("2022-01-01-invalid-yaml.md", 5, "front_matter", "invalid YAML front matter"),
    ("2022-01-02-invalid-toml.md", 1, "front_matter", "invalid TOML front matter"),
    ("2022-01-03-list.md", 1, "front_matter", "front matter is a list"),
    ("2022-01-04-scalar.md", 1, "front_matter", "front matter is a string"),
    ("2022-01-05-unterminated.md", 1, "front_matter", "never closed"),
    ("2022-01-08-tabs.md", 4, "front_matter", "invalid YAML front matter"),
    ("2022-01-09-latin1.md", 2, "encoding", "not valid UTF-8"),
    ("2022-01-10-nul.md", 5, "encoding", "1 NUL byte(s)"),
    ("2022-01-11-year-only.md", 3, "date", "'2023' is not a date"),
    ("2022-01-12-no-such-day.md", 3, "date", "'2020-02-31' is not a valid date"),
    ("2022-01-15-no-title.md", 1, "title", "using 'No Title'"),
    ("2022-01-16-empty-title.md", 1, "title", "using 'Empty Title'"),
    ("2022-01-17-markup-title.md", 6, "permalink", "the post's URL uses 'title-script-c-script'"),
    ("2022-01-20-many-tags.md", 1, "archive", "only the 1000 most used get a page"),
    ("2022-01-22-same-permalink-b.md", 1, "permalink", "'/shared-address/' is claimed by"),
    ("2022-01-23-dotdot.md", 3, "permalink", "leaves the site's root"),
    ("2022-01-24-other-host.md", 3, "permalink", "an address of another site"),
    ("2022-01-25-script-url.md", 3, "permalink", "an address of another site"),
    ("2022-01-26-file-path.md", 3, "permalink", "'file:///etc/passwd' is an address of another site"),
    ("2022-01-26-file-path.md", 4, "permalink", "redirect_from: 'C:"),
    ("2022-01-27-query.md", 3, "permalink", "has a query or fragment"),
    ("2022-02-01-unclosed-figure.md", 7, "html", "this <figure> is never closed"),
    ("2022-02-02-nested-figures.md", 5, "html", "a <figure> inside a <figure>"),
    ("2022-02-03-script-figure.md", 6, "html", "script attribute(s) onerror of the <img>"),
    ("2022-02-03-script-figure.md", 7, "html", "removed a <script> element"),
    ("2022-02-03-script-figure.md", 8, "html", "removed a javascript: link"),
    ("2022-02-03-script-figure.md", 8, "html", "script attribute(s) onerror of the <img>"),
    ("2022-02-03-script-figure.md", 8, "image", "image file not found: _posts/x"),
    ("2022-02-03-script-figure.md", 11, "html", "removed a javascript: link"),
    ("2022-02-04-outside-image.md", 6, "image", "'../../etc/passwd' is outside the source folder"),
    ("2022-02-04-outside-image.md", 10, "image", "'../../../etc/hostname' is outside the source folder"),
    ("2022-02-05-self-include.md", 7, "include", "is included in itself"),
    ("2022-02-07-symlink-image.md", 5, "image", "'/images/out.png' is outside the source folder"),
    # issue 16: the same link, as a static file of the site, is not copied either
    ("out.png", 1, "link", "images/out.png is a symbolic link out of the site; it is not copied"),
    ("2022-02-08-symlinked-post.md", 1, "link", "symbolic link to /etc/passwd"),
    ("2022-02-09-file-directives.md", 5, "link", "literalinclude of '../../../../../../../etc/hostname'"),
    ("2022-02-09-file-directives.md", 8, "link", "include of '/etc/hostname'"),
    ("2022-02-09-file-directives.md", 11, "link", "raw of '../../../../../../../etc/hostname'"),
    ("2022-02-09-file-directives.md", 15, "link", "csv-table reads the URL"),
]

LINE = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<msg>.*) \[blogposts\.(?P<sub>\w+)\]$")

#: Every post of the corpus but the symbolic link to /etc/passwd, which is not read.
POSTS = 35


def add_generated_posts(site: Path) -> None:
    """The posts too big, binary or system-bound for the repository."""
    posts = site / "_posts"
    title = "Long title words " * 6000  # ~100 KB
    (posts / "2022-01-19-huge-title.md").write_text(f'---\ntitle: "{title}"\n---\n\nA title of about 100 KB.\n')
    tags = ", ".join(f"tag{i}" for i in range(10_000))
    (posts / "2022-01-20-many-tags.md").write_text(f"---\ntitle: Ten thousand tags\ntags: [{tags}]\n---\n\nMany tags.\n")
    paragraph = "A paragraph of a very long post, repeated until the file is large. " * 15 + "\n\n"
    body = paragraph * (10_000_000 // len(paragraph))
    (posts / "2022-02-06-ten-megabytes.md").write_text(f"---\ntitle: Ten megabytes\n---\n\n{body}")
    (posts / "2022-02-07-symlink-image.md").write_text("---\ntitle: Symlinked image\n---\n\n![x](/images/out.png)\n")
    os.symlink("/etc/hostname", site / "images" / "out.png")
    os.symlink("/etc/passwd", posts / "2022-02-08-symlinked-post.md")


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    if not (Path("/etc/hostname").exists() and Path("/etc/passwd").exists()):
        pytest.skip("the symbolic links of this corpus point at /etc/hostname and /etc/passwd")
    workdir = tmp_path_factory.mktemp("hostile")
    site = copy_tree(ROOTS / "test-hostile", workdir / "site")
    add_generated_posts(site)
    before = _files(workdir)
    app = SphinxTestApp("html", srcdir=site)
    try:
        app.build()  # no exception: the build finishes
        app.files_before = before
        app.workdir = workdir
        yield app
    finally:
        app.cleanup()


def test_exactly_the_expected_warnings(hostile):
    seen = []
    for warning in warnings_of(hostile):
        m = LINE.match(warning)
        assert m, f"not a located blogposts warning: {warning}"
        seen.append((m["path"].rsplit("/", 1)[-1], int(m["line"]), m["sub"], m["msg"]))
    unmatched = list(seen)
    for name, line, sub, words in EXPECTED:
        hit = next((w for w in unmatched if w[:3] == (name, line, sub) and words in w[3]), None)
        assert hit, f"missing: {name}:{line} blogposts.{sub} {words!r}\nseen: {seen}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected warnings: {unmatched}"
    assert "Traceback" not in hostile.status.getvalue() + hostile.warning.getvalue()


def test_every_post_is_built_and_listed(hostile):
    posts = by_source(hostile, BlogpostsDomain.of(hostile.env).posts)  # by source: they are at their URLs
    assert sum(1 for d in posts if d.startswith("_posts/")) == POSTS
    assert {d for d in posts if d.startswith("_notes/")} == {"_notes/mixed-zones", "_notes/naive"}
    out = hostile.outdir
    # the 2022 archive, paged (archive/2022.html links ../<its URL>, archive/2022/page/2.html ../../../)
    year = (out / "archive" / "2022.html").read_text(encoding="utf-8")
    later = [p.read_text(encoding="utf-8") for p in sorted((out / "archive" / "2022" / "page").glob("*.html"))]
    for docname in posts:
        page = page_of(hostile, docname)
        assert page.is_file(), docname
        link = urllib.parse.quote(page.relative_to(out).as_posix())
        listed = f'href="../{link}"' in year or any(f'href="../../../{link}"' in html for html in later)
        assert listed, f"{docname} missing from the 2022 archive"
    # what could not be understood is still there, as text
    assert "This body follows a front matter block" in (out / "2022/01/05/unterminated.html").read_text()
    assert "Caf\u00e9 cr\u00e8me" in (out / "2022/01/09/latin1.html").read_text()
    assert "Before\ufffdafter" in (out / "2022/01/10/nul.html").read_text()
    rtl = (out / "2022/01/18/emoji-rtl.html").read_text()
    assert "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \U0001f680" in rtl
    # dates with and without a zone sort together, in the notes collection too
    notes = [posts["_notes/mixed-zones"].date, posts["_notes/naive"].date]
    assert all(d.tzinfo is not None for d in notes)
    assert posts["_posts/2022-01-14-without-zone"].date.utcoffset().total_seconds() == -5 * 3600


class _MarkupScan(HTMLParser):
    """Elements and attributes that would run code, in a page or a feed's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False
        self._in_data = False

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script"
        # the SEO head's JSON-LD is data, not code: a title's text may be in it, but it
        # must not be able to close the element ("<" is written \u003c)
        self._in_data = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_endtag(self, tag):  # noqa: ANN001
        self._in_script = False

    def handle_data(self, data):  # noqa: ANN001
        if self._in_script and self._in_data:
            if "<" in data:
                self.found.append(f"<script type=application/ld+json>{data[:40]}")
        elif self._in_script and "alert" in data:
            self.found.append(f"<script>{data[:40]}")


def _scan(html: str) -> list[str]:
    scan = _MarkupScan()
    scan.feed(html)
    scan.close()
    return scan.found


def test_the_scan_sees_markup():
    found = _scan('<p onclick="x()">a</p><a href=" JavaScript:x()">b</a><script>alert(1)</script><svg onload=y>')
    assert found == ["<p onclick>", "<a href= JavaScript:x()>", "<script>alert(1)", "<svg onload>"]


def test_no_markup_gets_through(hostile):
    out = hostile.outdir
    for page in out.rglob("*.html"):
        found = _scan(page.read_text(encoding="utf-8"))
        assert not found, (page, found)
    # the markup in the title is shown as text
    page = page_of(hostile, "_posts/2022-01-17-markup-title").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;Bold&lt;/b&gt;" in page


def _html_content(element, root_tag: str) -> bool:  # noqa: ANN001 - an XML element
    """Does a feed reader take this element's text as HTML?"""
    name = element.tag.rsplit("}", 1)[-1]
    if root_tag == "rss":  # RSS: titles and descriptions are HTML to most readers
        return name in ("title", "description", "encoded")
    return element.get("type") in ("html", "xhtml")  # Atom: untyped text is text


def test_no_markup_in_a_theme_with_our_sidebars_and_opengraph(make_app, tmp_path):
    """Tag, author and post names also land in sidebars and meta tags."""
    site = copy_tree(ROOTS / "test-hostile", tmp_path / "themed")
    app = make_app(
        "html",
        srcdir=site,
        confoverrides={
            "extensions": ["sphinx_blogposts", "sphinxext.opengraph"],
            "ogp_site_url": "https://hostile.example.org/blog/",
            "html_theme": "furo",
            "html_sidebars": {"**": ["sidebar/search.html", "blogposts/recent.html", "blogposts/tags.html"]},
        },
    )
    app.build()
    for page in app.outdir.rglob("*.html"):
        found = _scan(page.read_text(encoding="utf-8"))
        assert not found, (page, found)
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;tag&lt;/script&gt;" in index  # the tag, in the tags sidebar, as text
    markup = page_of(app, "_posts/2022-01-17-markup-title").read_text(encoding="utf-8")
    # the front matter's description is the page's og:description, its markup removed
    # (jekyll-seo-tag's strip_html): a lone <img onerror> leaves the excerpt
    descriptions = re.findall(r'<meta property="og:description" content="([^"]*)"', markup)
    assert len(descriptions) == 1 and "onerror" not in descriptions[0] and "<" not in descriptions[0]


def test_feeds_are_well_formed_and_carry_no_markup(hostile):
    feeds = list(hostile.outdir.rglob("*.xml"))
    assert len(feeds) >= 4
    for feed in feeds:
        tree = ElementTree.parse(feed)  # well-formed, no entities
        root = tree.getroot().tag.rsplit("}", 1)[-1]
        if root == "urlset":
            continue  # the sitemap: addresses only
        for element in tree.iter():
            if element.text and _html_content(element, root):
                assert not _scan(element.text), (feed, element.tag, _scan(element.text))


def test_redirects_and_json_are_escaped(hostile):
    text = (hostile.outdir / "redirects.json").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text
    mapping = json.loads(text)
    # the post is written at its URL itself: no redirect for it
    assert "/title-script-c-script/2022/01/17/markup-title.html" not in mapping
    assert (hostile.outdir / "title-script-c-script/2022/01/17/markup-title.html").is_file()
    for redirect in hostile.outdir.rglob("*.html"):
        if "refresh" in redirect.read_text(encoding="utf-8")[:2000]:
            assert not _scan(redirect.read_text(encoding="utf-8")), redirect


def test_nothing_read_from_outside_or_written_outside(hostile):
    out = Path(hostile.outdir).resolve()
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out), path
        assert path.name not in ("passwd", "hostname", "out.png"), path
    doctrees = Path(hostile.doctreedir).resolve()
    new = _files(hostile.workdir) - hostile.files_before
    for path in new:
        if path.is_dir():
            continue
        resolved = path.resolve()
        assert resolved.is_relative_to(out) or resolved.is_relative_to(doctrees), path
    assert not (hostile.srcdir / "outside").exists()
    passwd = Path("/etc/passwd").read_text(errors="replace").splitlines()[0]
    for page in out.rglob("*.html"):
        assert passwd not in page.read_text(encoding="utf-8"), page
    # files inside the source folder may still be included by a post
    assert "extensions" in (out / "2022/02/09/file-directives.html").read_text(encoding="utf-8")


def test_the_command_line_build_exits_0(hostile):
    """``sphinx-build`` without ``-W`` succeeds on the same sources (incrementally here)."""
    from sphinx.cmd.build import build_main

    outdir, doctrees = str(hostile.outdir), str(hostile.doctreedir)
    assert build_main(["-q", "-b", "html", "-d", doctrees, str(hostile.srcdir), outdir]) == 0


def test_a_parallel_build_gives_the_same_warnings(make_app, tmp_path):
    """``-j 2`` on the corpus kept in the repository: the same warnings, once each."""
    site = copy_tree(ROOTS / "test-hostile", tmp_path / "parallel")
    app = make_app("html", srcdir=site, parallel=2)
    app.build()
    generated = {"2022-01-19-huge-title.md", "2022-01-20-many-tags.md", "2022-02-06-ten-megabytes.md",
                 "2022-02-07-symlink-image.md", "2022-02-08-symlinked-post.md", "out.png"}  # fmt: skip
    expected = [(n, line, sub) for n, line, sub, _ in EXPECTED if n not in generated]
    # without the 10,000 tags the emoji tag gets a page of its own, at a made-up slug
    expected = sorted([*expected, ("2022-01-18-emoji-rtl.md", 3, "archive")])
    seen = []
    for warning in warnings_of(app):
        m = LINE.match(warning)
        assert m, warning
        seen.append((m["path"].rsplit("/", 1)[-1], int(m["line"]), m["sub"]))
    assert sorted(seen) == expected


def test_docs_pages_keep_sphinx_file_access_but_posts_do_not(build, tmp_path):
    """In a docs project a hand-written page may ``literalinclude`` ``../src``; a post may not."""
    (tmp_path / "outside.py").write_text("SECRET = 'outside the docs'\n")
    site = copy_tree(ROOTS / "test-docs", tmp_path / "docs")
    (site / "plain.md").write_text("# Plain\n\n```{literalinclude} ../outside.py\n```\n")
    with (site / "blog" / "front.md").open("a") as post:
        post.write("\n```{literalinclude} ../../outside.py\n```\n")
    app = build("docs", srcdir=site)
    assert "outside the docs" in (app.outdir / "plain.html").read_text(encoding="utf-8")
    assert "outside the docs" not in (app.outdir / "blog" / "front.html").read_text(encoding="utf-8")
    refused = [w for w in warnings_of(app) if "[blogposts.link]" in w]
    assert len(refused) == 1 and "front.md" in refused[0] and "literalinclude of '../../outside.py'" in refused[0]
