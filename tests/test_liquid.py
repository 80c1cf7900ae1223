"""Liquid in posts and pages: rendered as Jekyll would, kept and reported when it cannot be."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOTS, by_source, copy_tree, module_site, page_of, warnings_of

LINE = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<msg>.*) \[blogposts\.(?P<sub>\w+)\]$")

#: (file, line, subtype, words of the message), in the order Sphinx reads them.
EXPECTED = [
    ("2021-01-05-problems.md", 5, "liquid", "unknown Liquid tag {% instagram %}"),
    ("2021-01-05-problems.md", 7, "liquid", "unknown filter 'shout'"),
    ("2021-01-05-problems.md", 9, "liquid", "include file 'nowhere.html' not found in _includes/"),
    ("2021-01-05-problems.md", 11, "liquid", "'{% if %}broken{% endif %}' is kept as written"),
    ("2021-01-05-problems.md", 13, "liquid", "includes nest deeper than 10"),
    ("2021-01-05-problems.md", 15, "liquid", "include name '../conf.py' is not a file inside _includes/"),
    ("2021-01-05-problems.md", 17, "liquid", "include name '/etc/passwd' is not a file inside _includes/"),
    ("2021-01-05-problems.md", 19, "liquid", "loop iteration limit reached"),
    ("2021-01-05-problems.md", 21, "liquid", "'{{' is never closed with '}}'"),
    ("2021-01-05-problems.md", 24, "liquid", "unknown Liquid tag {% tweet %}"),
    ("2021-01-05-problems.md", 29, "liquid", "include name '../conf.py' is not a file inside _posts/"),
    # after multi-line captures, loops, an if, a highlight, an include and a toc
    ("2021-01-06-lines.md", 22, "image", "image file not found: images/nope.png"),
    ("2021-01-06-lines.md", 30, "image", "image file not found: images/gone.png"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from module_site("liquid", tmp_path_factory)


def page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def located(app) -> list[tuple[str, int, str, str]]:
    out = []
    for warning in warnings_of(app):
        m = LINE.match(warning)
        assert m, f"not a located blogposts warning: {warning}"
        out.append((m["path"].rsplit("/", 1)[-1], int(m["line"]), m["sub"], m["msg"]))
    return out


def test_each_problem_is_one_located_warning(site):
    seen = located(site)
    assert [s[:3] for s in seen] == [e[:3] for e in EXPECTED]
    for (name, line, _, msg), (_, _, _, words) in zip(seen, EXPECTED):
        assert words in msg, (name, line, msg)


def test_site_and_page_variables_and_jekyll_filters(site):
    html = page(site, "lab/2021/01/01/basics.html")
    for text in (
        "Site title: Liquid Lab. Greeting: Hello from the config.",
        "Page title: LIQUID BASICS; tags: alpha and beta.",
        "Relative URL /notes/about/ and absolute URL https://lab.example.org/notes/about/.",
        "Slug: tea-cakes-jam.",
        "Dated 01 Jan 2021, in XML 2021-01-01T00:00:00+00:00.",
        "Assigned: kettle.",
        "<p>a <strong>strong</strong> word</p>",  # capture + markdownify
        "Sorted: Code samples|Includes|Keeping lines|",  # site.posts | sort: "title"
        "Tagged alpha: 1 post.",  # where: "tags", "alpha"
        "Found by expression: Code samples and Includes.",  # where_exp
        "Found one: Includes.",  # find (Jekyll's)
        "First with code: Code samples.",  # find_exp
    ):
        assert text in html, text
    assert 'As JSON ["alpha","beta"].' in _text_of(html)  # jsonify is compact, as Ruby's to_json
    about = page(site, "about/index.html")  # permalink: /about/
    assert "This page is rendered too: about the lab lives at /about/." in about


def test_raw_is_literal_and_highlight_is_a_numbered_code_block(site):
    html = page(site, "2021/01/02/code.html")
    text = _text_of(html)
    assert "{{ not_rendered }}" in text  # {% raw %} in inline code
    assert "{% if user %}Hi {{ user.name }}{% endif %}" in text  # {% raw %} in a code fence
    assert "Rendered inside code: Hello from the config" in text  # Jekyll renders code fences too
    assert '<div class="highlight-python notranslate">' in html
    python = html.split('<div class="highlight-python notranslate">', 1)[1].split("</pre>", 1)[0]
    assert '<span class="linenos">1</span>' in python and '<span class="linenos">2</span>' in python
    ruby = html.split('<div class="highlight-ruby notranslate">', 1)[1].split("</pre>", 1)[0]
    assert "linenos" not in ruby and "plain ruby" in ruby


def test_includes_site_files_and_theme_includes(site):
    from docutils import nodes

    html = page(site, "2021/01/03/includes.html")
    assert '<div class="note"><p>Remember the milk</p></div>' in html
    assert "<h3>A card</h3>" in html and "<p>Some <em>emphasis</em></p>" in html
    assert "https://www.youtube-nocookie.com/embed/abc123" in html
    assert "An aside kept beside the posts, for <em>Includes</em>." in html  # include_relative
    tree = site.env.get_doctree("2021/01/03/includes")  # the docname of its URL
    figures = [f for f in tree.findall(nodes.figure) if "blogposts-figure" in f["classes"]]
    assert len(figures) == 2  # the figure include (its path from a variable) and the gallery
    assert figures[0].next_node(nodes.caption).astext() == "Picked by Liquid"
    gallery = figures[1]
    assert "gallery" in gallery["classes"]
    assert [i["alt"] for i in gallery.findall(nodes.image)] == ["first shot", "second shot"]
    assert gallery.next_node(nodes.caption).astext() == "Two shots"
    # {% include toc %} is a table of contents of the post's own headings
    (topic,) = list(tree.findall(nodes.topic))
    assert "contents" in topic["classes"]
    assert "First heading" in topic.astext() and "Second heading" in topic.astext()
    assert "Includes" not in topic.astext()


def test_post_url_and_link(site):
    html = page(site, "2021/01/04/links.html")
    assert 'href="../../../lab/2021/01/01/basics.html"' in html  # each post at its Jekyll URL
    assert 'href="../../../about/index.html"' in html
    # inside code, post_url gives the post's URL, as Jekyll would
    assert "/lab/2021/01/01/basics.html" in _text_of(html)
    # jekyll-gist's tag: a link to the gist, never the script that would load it
    assert 'href="https://gist.github.com/octocat/6cad326836d38bd3a7ae#file-hello-rb"' in html
    assert "Gist octocat/6cad326836d38bd3a7ae (hello.rb)" in html and "<script src=\"https://gist" not in html


def test_what_cannot_be_rendered_stays_as_written(site):
    text = _text_of(page(site, "2021/01/05/problems.html"))
    assert "Unknown tag: {% instagram BxYz12 %} and the rest renders: OK." in text
    assert "| shout }}." in text  # (MyST's smart quotes curl the quotes)
    assert "{% include nowhere.html %}" in text
    assert "{% include ../conf.py %}" in text and "root:" not in text
    assert "Unclosed {{ here" in text
    assert "inside {% tweet 99 %} block" in text  # the rest of the block rendered
    assert "The end." in text
    assert "again again" not in text  # the self-include was cut, not rendered ten times


def test_strict_mode_fails_the_build(build):
    from sphinx.errors import SphinxError

    with pytest.raises(SphinxError, match=r"2021-01-05-problems\.md:5: unknown Liquid tag"):
        build("liquid", confoverrides={"blogposts_liquid": "strict"})


def test_off_leaves_liquid_to_the_source_rewrites(build):
    app = build("liquid", confoverrides={"blogposts_liquid": "off"})
    assert not [w for w in located(app) if w[2] == "liquid"]
    text = _text_of(page(app, "lab/2021/01/01/basics.html"))
    assert "Site title: {{ site.title }}." in text


def test_an_unknown_mode_is_a_config_warning(build):
    app = build("liquid", confoverrides={"blogposts_liquid": "loud"})
    assert any("blogposts_liquid should be one of off, on, strict, not 'loud'; using 'on'" in w for w in warnings_of(app))
    assert app.config.blogposts_liquid == "on"  # a Jekyll site's own mode, not the docs default


def test_without_python_liquid_one_message(build, monkeypatch):
    monkeypatch.setitem(sys.modules, "liquid", None)  # ``import liquid`` fails
    app = build("liquid")
    liquid = [w for w in located(app) if w[2] == "liquid"]
    assert len(liquid) == 1, liquid
    name, line, _, message = liquid[0]
    # the first file read (by docname, the URL's: /2021/01/02/code.html), at its first Liquid
    assert (name, line) == ("2021-01-02-code.md", 5)
    assert "pip install python-liquid" in message
    assert "Liquid found in 7 post(s)/page(s)" in message
    # the existing behaviour stays: theme includes and links are still rewritten
    html = page(app, "2021/01/04/links.html")
    assert 'href="../../../lab/2021/01/01/basics.html"' in html
    assert "{{ site.title }}" in _text_of(page(app, "lab/2021/01/01/basics.html"))


def test_parallel_build_gives_the_same_warnings(build):
    app = build("liquid", parallel=2)
    assert sorted(w[:3] for w in located(app)) == sorted(e[:3] for e in EXPECTED)


def test_minimal_mistakes_corpus_leaves_no_liquid_unreported(build, minimal_mistakes, tmp_path):
    """Outside code, no ``{%`` is left in the corpus' pages but what a warning names."""
    site = minimal_mistakes
    app = build("mm", srcdir=site)
    reported: dict[str, set[str]] = {}
    for warning in warnings_of(app):
        m = re.match(r"^\S+/(_posts/\S+)\.md:\d+: WARNING: (.*) \[blogposts\.liquid\]$", warning)
        if m:
            reported.setdefault(m[1], set()).update(_liquid_names(m[2]))
    rendered = 0
    sources = by_source(app, dict.fromkeys(app.env.all_docs))  # posts are at their URLs
    for docname in sorted(d for d in sources if d.startswith("_posts/")):
        path = page_of(app, docname)
        # the page's body: the SEO head's description is the excerpt as text, code included
        for fragment in _outside_code(path.read_text(encoding="utf-8").split("</head>", 1)[1]):
            left = _liquid_names(fragment)
            assert left <= reported.get(docname, set()), (docname, fragment)
        rendered += 1
    assert rendered >= 69


def _liquid_names(text: str) -> set[str]:
    """The tags (``{% name``) and ``{{`` statements in a text."""
    names = set(re.findall(r"\{%-?\s*(\w+)", text))
    return names | ({"{{"} if "{{" in text else set())


class _Text(HTMLParser):
    """The text of a page; ``code`` counts how deep we are in <pre>/<code>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.outside: list[str] = []
        self.code = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("pre", "code"):
            self.code += 1

    def handle_endtag(self, tag):
        if tag in ("pre", "code") and self.code:
            self.code -= 1

    def handle_data(self, data):
        self.parts.append(data)
        if not self.code:
            self.outside.append(data)


def _text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def _outside_code(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.outside


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_page_listing_site_posts_is_never_stale(make_app, tmp_path, parallel):
    """A page that loops over ``site.posts`` is read again when a post is added,
    retitled or removed, and then equals a fresh build."""
    import shutil

    site = copy_tree(ROOTS / "test-liquid", tmp_path / "site")
    (site / "recent.md").write_text(
        "---\ntitle: Recent\n---\n\n{% for post in site.posts %}- {{ post.title }}\n{% endfor %}\n"
    )
    make_app("html", srcdir=site, parallel=parallel).build()
    page = site / "_build" / "html" / "recent.html"
    assert "Basics" in page.read_text() or "basics" in page.read_text().lower()
    (site / "_posts" / "2021-02-01-fresh.md").write_text("---\ntitle: A fresh arrival\n---\n\nNew.\n")
    (site / "_posts" / "2021-01-06-lines.md").unlink()
    make_app("html", srcdir=site, parallel=parallel).build()
    text = page.read_text()
    assert "A fresh arrival" in text
    fresh_site = tmp_path / "fresh"
    shutil.copytree(site, fresh_site, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_site, freshenv=True)
    fresh.build()
    items = re.findall(r"<li><p>(.*?)</p></li>", text)
    assert items and items == re.findall(r"<li><p>(.*?)</p></li>", (fresh.outdir / "recent.html").read_text())


# -- properties (a long run: --hypothesis-profile=fuzz) ----------------------------

_PIECES = [
    "{{ page.title }}", "{{ page.tags | join: ', ' }}", "{{ x | nosuchfilter }}", "{{ site.posts | size }}",
    "{% assign x = 'a' %}", "{% if x %}", "{% endif %}", "{% for t in page.tags %}", "{% endfor %}",
    "{% raw %}", "{% endraw %}", "{% capture c %}", "{% endcapture %}", "{% include nowhere.html %}",
    "{% include note.html text='hi' %}", "{% unknowntag 1 %}", "{%", "}}", "{{", "%}", "{% comment %}",
    "{% endcomment %}", "<figure>", "</figure>", "```", "`{{ code }}`", "word", " ", "\n", "\n\n", "- item",
    "{% highlight python %}", "{% endhighlight %}", "{%- assign y = 2 -%}", "{{- page.url -}}",
]


def _handoff():
    from sphinx_blogposts.core.post_record import PostSource
    from sphinx_blogposts.store.keys import FrontMatterHandoff

    source = PostSource(docname="_posts/2021-01-01-basics", path="_posts/2021-01-01-basics.md", collection="posts")
    return FrontMatterHandoff(fields={"title": "T", "tags": ["a", "b"]}, key_lines={}, source=source, kind="post")


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_rendering_never_raises_and_keeps_lines(site, pieces):
    from sphinx_blogposts.liquid.render import render_document

    text = "".join(pieces)
    site.env.temp_data["docname"] = "_posts/2021-01-01-basics"
    out = render_document(site, "_posts/2021-01-01-basics", text, _handoff(), set())
    if "highlight" not in text and "```" not in text:  # code blocks may borrow a blank line (documented)
        assert out.count("\n") == text.count("\n"), (text, out)


def test_highlight_with_options_and_no_blank_lines_keeps_lines(build, tmp_path):
    """``linenos`` and ``mark_lines`` take no line of their own, so the warning about
    the image right after the block is at its own line."""
    site = copy_tree(ROOTS / "test-liquid", tmp_path / "tight")
    (site / "_posts" / "2021-03-01-tight.md").write_text(
        "---\ntitle: Tight\n---\nCode follows:\n"
        '{% highlight python linenos mark_lines="2" %}\na = 1\nb = 2\n{% endhighlight %}\n'
        "![gone](/images/none.png)\n",
        encoding="utf-8",
    )
    app = build("liquid", srcdir=site)
    tight = [w for w in warnings_of(app) if "2021-03-01-tight.md" in w]
    assert len(tight) == 1 and "2021-03-01-tight.md:9: WARNING: image file not found" in tight[0], tight
    html = (app.outdir / "2021" / "03" / "01" / "tight.html").read_text(encoding="utf-8")
    assert "highlight-python" in html and "linenos" in html and '<span class="hll">' in html
