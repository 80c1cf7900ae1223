"""kramdown's {:toc}, extensions, ^, abbreviations and $$ math in a Jekyll site.

Cases are (kramdown test case, Markdown, expected elements, text that must not
show), kramdown's expected HTML (gettalong/kramdown ``test/testcases``)
normalized for Sphinx: display math is Sphinx's ``div.math``, inline math
``span.math``, a comment is not written by Sphinx's HTML translator.
"""

from __future__ import annotations

import pytest
from conftest import body_elements, case_site, docname_of, has_element, page_of, warnings_of
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sphinx_blogposts.markdown.attribute_list import toc_levels
from sphinx_blogposts.markdown.dialect import use_dialect
from sphinx_blogposts.markdown.feature import KRAMDOWN_OPTIONS

HEADINGS = "# Header level 1\n\n## Header level 2\n\n### Header level 3\n\n#### Header level 4\n\n# Other header level 1\n\n## Other header level 2"

# fmt: off
CASES = [
    # --- table of contents
    ("block/16_toc/toc_levels: {::options toc_levels} wins over _config.yml",
     '{::options toc_levels="2..3" /}\n\n* Here comes the table of content\n{:toc}\n\n' + HEADINGS,
     [("ul", {"id": "markdown-toc"}, "Header level 2"),
      ("a", {"href": "#header-level-2", "id": "markdown-toc-header-level-2"}, "Header level 2"),
      ("a", {"href": "#header-level-3"}, "Header level 3")],
     ["Here comes the table", "{:toc}", "{::"]),
    ("block/16_toc/toc_exclude: .no_toc leaves a heading out",
     "# Contents\n{:.no_toc}\n\n* Here comes the table of content\n{:toc}\n\n" + HEADINGS,
     [("section", {"class": "no_toc", "id": "contents"}, "Contents"),
      ("a", {"href": "#header-level-1", "id": "markdown-toc-header-level-1"}, "Header level 1")],
     ["Here comes the table", "{:"]),
    ("minimal-mistakes: 1. TOC + {:toc} with a class",
     "1. TOC\n{:toc .toc-list}\n\n## First {#one}\n\n## Second",
     [("ul", {"id": "markdown-toc", "class": "toc-list"}, "First"),
      ("a", {"href": "#one", "id": "markdown-toc-one"}, "First"), ("a", {"href": "#second"}, "Second")],
     ["TOC", "{:"]),
    # --- extensions: block/12_extension, span/extension
    ("block/12_extension/comment: a comment is no text; unclosed, it is a paragraph",
     "This is a simple paragraph.\n\n{::comment}\nThis is a comment {:/}which is {:/comment} ignored.\n{:/comment}\n\n"
     "And another paragraph\n\n{::comment this='is' .ignore /}\n\n{::comment}\nAnother paragraph",
     [("p", {}, "And another paragraph"), ("p", {}, "{::comment} Another paragraph")],
     ["This is a comment", "ignored."]),
    ("block/12_extension/nomarkdown: raw HTML, never Markdown; latex is not HTML",
     "{::nomarkdown}  \nThis *is* not processed\n  {:/nomarkdown}\n\n{::nomarkdown type='html'}\n<em>bold</em>\n{:/}\n"
     "{::nomarkdown type=\"latex\"}\n\\begin{itemize}\n\\end{itemize}\n{:/}",
     [("em", {}, "bold")],
     ["{::", "{:/", "itemize"]),
    ("block/12_extension/ignored: an unknown extension stays text",
     "paragraph\n\n{::something}\nanotherthing\n{:/something}",
     [("p", {}, "{::something} anotherthing {:/something}")], []),
    ("span/extension/comment: inside a paragraph",
     "This is a {::comment}simple{:/} paragraph.\nThis is a {::comment/} paragraph.\nThis is a {:/comment} simple {:/} paragraph.",
     [("p", {}, "This is a paragraph. This is a paragraph. This is a {:/comment} simple {:/} paragraph.")], ["simple{"]),
    ("span/extension/nomarkdown: inside a paragraph",
     "This is {::nomarkdown}*some*{:/} text.",
     [("p", {}, "This is *some* text.")], []),
    ("span/extension/options: options show nothing",
     'This is an {::options parse_span_html="false" /} option <span>*true*</span>!',
     [("p", {}, "This is an option")], ["{::"]),
    # --- end-of-block marker: block/02_eob, block/06_codeblock/with_eob_marker
    ("block/02_eob/middle: a lone marker is nothing", "Before.\n\n^\n\nAfter.",
     [("p", {}, "Before."), ("p", {}, "After.")], ["^"]),
    ("kramdown syntax: ^ separates two lists", "* a\n* b\n^\n* c",
     [("ul", {}, "a b"), ("ul", {}, "c")], ["^"]),
    ("block/06_codeblock/with_eob_marker: ^ ends a code block",
     "    code block\n\n    continued here\n^\n    new block here",
     [("div", {}, "continued here"), ("div", {}, "new block here")], ["^"]),
    ("kramdown syntax: ^ after a list lets an indented code block follow",
     "* item\n^\n\n    code after the list",
     [("li", {}, "item"), ("pre", {}, "code after the list")], ["^"]),
    # --- abbreviations: span/abbreviations/abbrev
    ("span/abbreviations/abbrev: whole words, anywhere in the page, the last definition wins",
     "This is some text.\n\n*[is some]: Yes it is\n*[OtHeR!]: This & that\n\n*[is some]: It is, yes\n*[empty]:\n\n"
     "There *is some real* concern about OtHeR!\n\nis some Think empty about Oesterreich. CSS und CSS3\n\n"
     "no abbrev here because there is someone and kulis some\n\n*[Oesterreich]: \tVery nice country\t\n\n"
     "*[CSS]: Cascading\n*[CSS3]: Cascading 3",
     [("abbr", {"title": "It is, yes"}, "is some"), ("abbr", {"title": "This & that"}, "OtHeR!"),
      ("abbr", {"title": None}, "empty"), ("abbr", {"title": "Very nice country"}, "Oesterreich"),
      ("abbr", {"title": "Cascading"}, "CSS"), ("abbr", {"title": "Cascading 3"}, "CSS3"),
      ("p", {}, "no abbrev here because there is someone and kulis some")],
     ["*[", "]:"]),
    ("span/abbreviations/abbrev: in link text, not in the URL; IAL classes; spaces",
     "[(X)HTML](http://en.wikipedia.org/wiki/Xhtml)\n\n*[(X)HTML]: (eXtensible) HyperText Markup Language\n\n"
     "This is awesome.\n\n{:.testit}\n*[awesome]: Some text here\n{:.test}\n\n*[foo bar]: baz\n\nhello foo bar babble.",
     [("a", {"href": "http://en.wikipedia.org/wiki/Xhtml"}, "(X)HTML"),
      ("abbr", {"title": "(eXtensible) HyperText Markup Language"}, "(X)HTML"),
      ("abbr", {"class": "testit test", "title": "Some text here"}, "awesome"), ("abbr", {"title": "baz"}, "foo bar")],
     ["*[", "{:"]),
    ("abbreviations: code and raw HTML are untouched",
     "*[HTML]: Hyper Text Markup Language\n\nUse `HTML` or <b title=\"HTML\">bold</b> HTML.",
     [("code", {}, "HTML"), ("b", {"title": "HTML"}, "bold"), ("abbr", {"title": "Hyper Text Markup Language"}, "HTML")],
     ["*["]),
    # --- math: block/15_math/normal, span/math/normal
    ("block/15_math/normal: $$ alone is display math, next to text inline math",
     "This is a para.\n$$ \\text{LaTeX} \\lambda_5 $$\n\n$$\\lambda_5 = \\alpha + 4$$\n\n"
     "$$\\lambda_\\alpha > 5$$\nThis is a para.\n\n$$\\begin{align*}\n&=5 \\\\\n&=6 \\\\\n\\end{align*}$$\n\n    $$5+5$$",
     [("span", {"class": "math"}, "\\text{LaTeX} \\lambda_5"), ("div", {"class": "math"}, "\\lambda_5 = \\alpha + 4"),
      ("span", {"class": "math"}, "\\lambda_\\alpha > 5"), ("div", {"class": "math"}, "\\begin{align*}"),
      ("pre", {}, "$$5+5$$")],
     []),
    ("span/math/normal: inline, across lines; one $ is never math",
     "This is $$\\lambda_\\alpha > 5$$ some math. With $$1\n+ 1$$ new line characters in between.\n\n"
     "$$5+5$$ inline math, $5.00 \\$$no math$$\n\nIt costs $5 and $10.",
     [("span", {"class": "math"}, "\\lambda_\\alpha > 5"), ("span", {"class": "math"}, "5+5"),
      ("p", {}, "$5.00 $$no math$$"), ("p", {}, "It costs $5 and $10.")],
     []),
]
# fmt: on

BAD = {
    "toc_without_headings": "* TOC\n{:toc}\n\nNo heading here.",
    "unknown_extension": "Text {::frobnicate} more.",
    "unclosed_comment": "{::comment}\nnever closed",
    "options_for_others": '{::options parse_block_html="true" auto_ids="false" /}\n\nText.',
    "soup": "{: .a}\n\n{:\n* TOC\n{:toc}\n^\n$$\n{::nomarkdown}\n<div>\n{: #x}\n{:/}\n`x`{: onclick=\"a\"}{:}\n"
            "## {#}\n*[]: x\n{:a: b}\n> {: .q}\n> ^\n\n$$ $$\n\n| a {: .t} |\n|---|\n| $$x$$ |\n{: .tab}",
    "nomarkdown_script": "{::nomarkdown}\n<b onclick=\"steal()\">bold</b><script>alert(1)</script>\n{:/}",
}


def _key(index: int) -> str:
    return f"ext{index:02d}"


def _key_of(case: str) -> str:
    """The page of the case whose name starts with ``case``."""
    return _key(next(i for i, c in enumerate(CASES) if c[0].startswith(case)))


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # noqa: ANN001, ANN201
    cases = {_key(i): text for i, (_, text, _, _) in enumerate(CASES)}
    cases.update({f"bad_{name}": text for name, text in BAD.items()})
    yield from case_site("kramdown", cases, tmp_path_factory)


def _body(app, key: str) -> list[dict]:  # noqa: ANN001
    return body_elements(page_of(app, key).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("case", "markdown", "expected", "absent"), CASES, ids=[c[0] for c in CASES])
def test_kramdown_extensions(built, case, markdown, expected, absent):  # noqa: ANN001
    key = _key_of(case)
    elements = _body(built, key)
    for tag, attrs, text in expected:
        assert has_element(elements, tag, attrs, text), f"{case}: no <{tag} {attrs}> with {text!r} in {key}"
    body = elements[0]["text"]
    for marker in absent:
        assert marker not in body, f"{case}: {marker!r} shows as text"


def test_toc_levels_and_nesting_in_the_doctree(built):  # noqa: ANN001
    """block/16_toc/toc_levels: levels 2..3 only, level 3 nested in level 2."""
    doctree = built.env.get_doctree(docname_of(built, _key_of("block/16_toc/toc_levels")))
    toc = next(b for b in doctree.findall(nodes.bullet_list) if "markdown-toc" in b["ids"])
    top = [item.children[0].astext() for item in toc.children]
    assert top == ["Header level 2", "Other header level 2"]
    nested = toc.children[0].children[1]
    assert isinstance(nested, nodes.bullet_list) and nested.astext() == "Header level 3"
    # _config.yml's toc_levels (1..3) when the page sets none: no level 4
    exclude = built.env.get_doctree(docname_of(built, _key_of("block/16_toc/toc_exclude")))
    listed = next(b for b in exclude.findall(nodes.bullet_list) if "markdown-toc" in b["ids"]).astext()
    assert "Header level 3" in listed and "Header level 4" not in listed and "Contents" not in listed


def test_abbreviations_and_math_are_sphinx_nodes(built):  # noqa: ANN001
    doctree = built.env.get_doctree(docname_of(built, _key_of("span/abbreviations/abbrev: whole words")))
    abbrs = {a.astext(): a.get("explanation") for a in doctree.findall(nodes.abbreviation)}
    assert abbrs["is some"] == "It is, yes" and abbrs["empty"] is None
    math = built.env.get_doctree(docname_of(built, _key_of("block/15_math/normal")))
    assert [m.astext() for m in math.findall(nodes.math_block)][0] == "\\lambda_5 = \\alpha + 4"
    assert any(m.astext() == "\\text{LaTeX} \\lambda_5" for m in math.findall(nodes.math))
    comments = built.env.get_doctree(docname_of(built, _key_of("block/12_extension/comment")))
    assert any("This is a comment" in c.astext() for c in comments.findall(nodes.comment))
    raw = built.env.get_doctree(docname_of(built, _key_of("block/12_extension/nomarkdown")))
    formats = sorted(r["format"] for r in raw.findall(nodes.raw))
    assert formats == ["html", "html", "latex"]


def test_bad_input_is_reported_and_kept(built):  # noqa: ANN001
    warnings = warnings_of(built)
    assert any("bad_toc_without_headings.md:5:" in w and "no heading" in w and "[blogposts.kramdown]" in w for w in warnings)
    assert "TOC" not in _body(built, "bad_toc_without_headings")[0]["text"]
    assert any("bad_unknown_extension.md:5:" in w and "{::frobnicate}" in w for w in warnings)
    assert "Text {::frobnicate} more." in _body(built, "bad_unknown_extension")[0]["text"]
    assert any("bad_unclosed_comment.md:5:" in w and "unclosed" in w for w in warnings)
    assert "never closed" in _body(built, "bad_unclosed_comment")[0]["text"]
    assert not [w for w in warnings if "options_for_others" in w]
    assert page_of(built, "bad_soup").is_file()  # stray, nested and unbalanced markers: a page, warnings
    # nomarkdown is raw HTML like any other: sanitized in a Jekyll site (blogposts_raw_html)
    raw = page_of(built, "bad_nomarkdown_script").read_text(encoding="utf-8")
    assert "<b>bold</b>" in raw and "steal()" not in raw and "alert(1)" not in raw
    assert any("bad_nomarkdown_script.md:" in w and "[blogposts.html]" in w for w in warnings)


def _parse(text: str) -> tuple[list, dict]:
    md = use_dialect(MarkdownIt("commonmark"))
    env: dict = {}
    return md.parse(text, env), env


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{::options parse_block_html="true" /}', {"parse_block_html": True}),
        ('{::options auto_ids="false" toc_levels="2..3" /}', {"auto_ids": False, "toc_levels": "2..3"}),
        ('Text {::options parse_block_html="1" /} here.', {"parse_block_html": "1"}),
    ],
)
def test_options_reach_the_markdown_env(source, expected):  # noqa: ANN001
    """``{::options}`` is recorded where other features (``markdown="1"`` blocks) read it."""
    _, env = _parse(source)
    assert env[KRAMDOWN_OPTIONS] == expected


@pytest.mark.parametrize(
    ("value", "levels"),
    [("2..3", (2, 3)), ("1..6", (1, 2, 3, 4, 5, 6)), ("1,3", (1, 3)), ([2, 4], (2, 4)), (3, (3,)),
     ("nonsense", (1, 2, 3, 4, 5, 6)), (None, (1, 2, 3, 4, 5, 6)), ("0..9", (1, 2, 3, 4, 5, 6))],
)
def test_toc_levels(value, levels):  # noqa: ANN001
    assert toc_levels(value) == levels


def test_parallel_and_incremental_builds_equal_a_serial_fresh_one(make_app, tmp_path):  # noqa: ANN001
    """The dialect keeps nothing outside the doctree: -j 2 and a rebuild write the same pages."""
    from conftest import ROOTS, copy_tree

    pages = {
        "toc": "* TOC\n{:toc}\n\n## One {#one}\n\n## Two\n{:.no_toc}\n\n*[HTML]: Hyper Text\n\nHTML $$x$$ [a](https://e.org){:target=\"_blank\"}",
        "other": "Para.\n{: .notice #apt}\n\n{::comment}\nx\n{:/}\n\n* a\n^\n* b",
    }
    outputs = []
    for name, parallel in (("serial", 1), ("parallel", 2)):
        site = copy_tree(ROOTS / "test-kramdown", tmp_path / name)
        for key, text in pages.items():
            (site / f"{key}.md").write_text(f"---\ntitle: {key}\n---\n\n{text}\n", encoding="utf-8")
        app = make_app("html", srcdir=site, parallel=parallel)
        app.build()
        if parallel == 2:  # and once more, incrementally, after touching one page
            (site / "other.md").write_text((site / "other.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
            (site / "other.md").write_text((site / "other.md").read_text(encoding="utf-8").removesuffix("\nMore.\n"), encoding="utf-8")
            app = make_app("html", srcdir=site, parallel=parallel)
            app.build()
        outputs.append({key: page_of(app, key).read_text(encoding="utf-8") for key in pages})
    assert outputs[0] == outputs[1]
    assert 'id="markdown-toc"' in outputs[0]["toc"] and 'target="_blank"' in outputs[0]["toc"]


PIECES = ["{:", "{::", "{:/}", "}", "{: .c}", "{:toc}", "* TOC", "{#i}", "^", "$$", "$", "*[A]: a", "A", "\n", "\n\n",
          "    ", "> ", "* ", "1. ", "## ", "`x`", "*e*", "[l](u)", "<div>", "</div>", "{::comment}", "{::nomarkdown}",
          "{::options toc_levels=\"2..3\" /}", "{:a: .b}", "|", "\\"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_mix_of_kramdown_markers_parses(pieces):  # noqa: ANN001
    """Unbalanced, nested or stray markers never make the dialect's rules fail."""
    tokens, _ = _parse("".join(pieces))
    assert all(t.type for t in tokens)


def test_one_dialect_parser_per_settings_and_a_fresh_one_while_busy():
    """The kramdown parser is made once per MyST settings object (not per document);
    another settings object (a document's own MyST keys) gets its own, and a
    document parsed while another renders never shares the busy one."""
    from myst_parser.config.main import MdParserConfig

    from sphinx_blogposts.markdown.parser import dialect_parser

    config, other = MdParserConfig(), MdParserConfig()
    parser = dialect_parser(config)
    assert dialect_parser(config) is parser
    assert dialect_parser(other) is not parser
    parser.options["document"] = object()  # rendering now
    try:
        assert dialect_parser(config) is not parser
    finally:
        parser.options.pop("document", None)
    assert dialect_parser(config) is parser
