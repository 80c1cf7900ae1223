"""kramdown's block rules, definition lists, footnotes, typographic symbols and
``markdown="1"`` HTML blocks (markdown/), ported from kramdown's test/testcases/.

Each case: (kramdown test case, its input, the doctree shape its expected
HTML comes to in Sphinx; see tests/kramdown_shapes.py).  Footnotes are
checked on the doctree directly (numbers, order, which are shown).
"""

from __future__ import annotations

import pytest
from docutils import nodes

from conftest import docname_of, page_of, warnings_of
from kramdown_shapes import body_shape, build_cases, case_id
from sphinx_blogposts.markdown.html_markdown import find_close, parse_mode, without_markdown_attr
from sphinx_blogposts.markdown.smart_quotes import decide, quote_chars
from sphinx_blogposts.markdown.typography import substitute

NBSP = "\u00a0"


def dl(*items: str) -> str:
    return "<definition_list>" + "".join(items) + "</definition_list>"


def term(*names: str, definitions: tuple[str, ...] = ()) -> str:
    """One item: its terms and definitions (each definition a list of paragraphs' text)."""
    inner = "".join(f"<term>{n}</term>" for n in names)
    inner += "".join(f"<definition>{d}</definition>" for d in definitions)
    return f"<definition_list_item>{inner}</definition_list_item>"


def p(text: str) -> str:
    return f"<paragraph>{text}</paragraph>"


def ul(*items: str) -> str:
    return '<bullet_list>' + "".join(f"<list_item>{p(i)}</list_item>" for i in items) + "</bullet_list>"


def code(text: str) -> str:
    return f"<literal_block>{text}</literal_block>"


CASES = [
    # --- definition lists: block/13_definition_list/
    ("block/13_definition_list/simple", "kram\n: down\n\nnovalue\n: \n\nkram\n:   down\nkram\n: down\n",
     dl(term("kram", definitions=(p("down"),)), term("novalue", definitions=("",)),
        term("kram", definitions=(p("down kram"), p("down"))))),
    ("block/13_definition_list/multiple_terms",
     "kram\n*down*\nnow\n: definition 1\n: definition 2\n\n: definition 3\n\n\n: definition 4\n",
     # several terms: one item per <dt>, as MyST makes them (the HTML is kramdown's dt, dt, dt, dd...)
     dl(term("kram"), term("<emphasis>down</emphasis>"),
        term("now", definitions=(p("definition 1"), p("definition 2"), p("definition 3"), p("definition 4"))))),
    ("block/13_definition_list/para_wrapping", "term\n\n: definition\n: definition\n\n: definition\n",
     dl(term("term", definitions=(p("definition"), p("definition"), p("definition"))))),
    ("block/13_definition_list/too_much_space", "para\n\n\n: no definition\n", p("para") + p(": no definition")),
    ("block/13_definition_list/no_def_list", "This is a para\n\\: and not a definition list\n",
     p("This is a para : and not a definition list")),
    ("block/13_definition_list/definition_at_beginning", ": no definition\n", p(": no definition")),
    ("block/13_definition_list/with_blocks", "kram\n: this is some\n  text\n\n :   this is some\n     more text\n",
     dl(term("kram", definitions=(p("this is some text"), p("this is some more text"))))),
    ("block/13_definition_list/with_blocks", "kram\n: > blockquote\n",
     dl(term("kram", definitions=("<block_quote>" + p("blockquote") + "</block_quote>",)))),
    ("block/13_definition_list/with_blocks", "kram\n: \n        code\n",
     dl(term("kram", definitions=(code("code"),)))),
    ("block/13_definition_list/with_blocks", "kram\n: kram\n  : down\n",
     dl(term("kram", definitions=(dl(term("kram", definitions=(p("down"),))),)))),
    ("block/13_definition_list/with_blocks", "kram\n: * list\n  * items\n",
     dl(term("kram", definitions=(ul("list", "items"),)))),
    # --- indented code: block/06_codeblock/
    ("block/06_codeblock/lazy", "    This is some\ncode\n\n    This is some\n other code\n",
     code("This is some code This is some other code")),
    ("block/06_codeblock/with_blank_line",
     "paragraph\n\n    code block\n\n    continued here\n    \n\nended\n\n    next blank line has 4 spaces\n    \nparagraph\n",
     p("paragraph") + code("code block continued here") + p("ended") + code("next blank line has 4 spaces")
     + p("paragraph")),
    ("block/06_codeblock/normal", "    starting code\n\nparagraph\n\n      ending code\n",
     code("starting code") + p("paragraph") + code(" ending code")),
    # --- lists whose marker changes: block/08_list/mixed
    ("block/08_list/mixed", "*\titem1\n+   item2\n-\titem3\n", ul("item1", "item2", "item3")),
    ("block/08_list/mixed", "-\titem1\n\n*   item2\n\n+\titem3\n", ul("item1", "item2", "item3")),
    ("block/08_list/mixed (an ordered list stays apart)", "1. one\n\n* two\n",
     '<enumerated_list>' + "<list_item>" + p("one") + "</list_item></enumerated_list>" + ul("two")),
    # --- empty links: span/01_link/empty
    ("span/01_link/empty", "This is [] empty.\n\nThis is [][] empty.\n",
     p("This is [] empty.") + p("This is [][] empty.")),
    ("span/01_link/empty", "This is [](https://python.org/test.html) empty.\n",
     p('This is <reference refuri="https://python.org/test.html"></reference> empty.')),
    # --- typographic symbols: span/text_substitutions/typography
    ("span/text_substitutions/typography", "This is... something---this too--!\n",
     p("This is\u2026 something\u2014this too\u2013!")),
    ("span/text_substitutions/typography", "This <<is>> some text, << this >> too!\n",
     p(f"This \u00abis\u00bb some text, \u00ab{NBSP}this{NBSP}\u00bb too!")),
    ("span/text_substitutions/typography", "\"...some Text\"\n\nThis: \"... some Text\"\n",
     p("\u201c\u2026some Text\u201d") + p("This: \u201c\u2026 some Text\u201d")),
    ("span/text_substitutions/typography", "\"_Single underscores_ should work.\"\n",
     p("\u201c<emphasis>Single underscores</emphasis> should work.\u201d")),
    ("span/text_substitutions/typography", "'__Double underscores__ should work.'\n",
     p("\u2018<strong>Double underscores</strong> should work.\u2019")),
    ("span/text_substitutions/typography", "\"'Nested' quotes are 'possible'\", too!\n",
     p("\u201c\u2018Nested\u2019 quotes are \u2018possible\u2019\u201d, too!")),
    ("span/text_substitutions/typography (not in code, URLs, raw HTML)",
     "`a--b` <https://python.org/a--b> <span title=\"x--y\">c--d</span>\n",
     p('<literal>a--b</literal> <reference refuri="https://python.org/a--b">https://python.org/a--b</reference> '
       '<raw format="html"><span title="x--y"></raw>c\u2013d<raw format="html"></span></raw>')),
    ("span/text_substitutions/typography (escaped)", "\\<< not a guillemet \\>>\n", p("<< not a guillemet >>")),
    # --- markdown="1": block/09_html/markdown_attr
    ("block/09_html/markdown_attr", '<div markdown="block">\n*para*\n</div>\n',
     '<raw format="html"><div></raw>' + p("<emphasis>para</emphasis>") + '<raw format="html"></div></raw>'),
    ("block/09_html/markdown_attr", '<div markdown="span">\n*para*\n</div>\n',
     '<raw format="html"><div></raw>' + p("<emphasis>para</emphasis>") + '<raw format="html"></div></raw>'),
    ("block/09_html/markdown_attr", '<div markdown="1">\n*para*\n</div>\n',
     '<raw format="html"><div></raw>' + p("<emphasis>para</emphasis>") + '<raw format="html"></div></raw>'),
    ("block/09_html/markdown_attr", '<div markdown="0">\n*para*\n</div>\n', '<raw format="html"><div> *para* </div></raw>'),
    ("block/09_html/markdown_attr", '<p markdown="1">\n*para*\n</p>\n', p("<emphasis>para</emphasis>")),
    ("block/09_html/markdown_attr", '<p markdown="0">\n*para*\n</p>\n', '<raw format="html"><p> *para* </p></raw>'),
    ("markdown=\"1\" nested (minimal-mistakes notices)",
     '<div class="notice" markdown="1">\n**Note** [x](#).\n<div markdown="1">\n`inner`\n</div>\n</div>\n',
     '<raw format="html"><div class="notice"></raw><paragraph><strong>Note</strong> <reference refuri="#">x</reference>.'
     '</paragraph><raw format="html"><div></raw>' + p("<literal>inner</literal>")
     + '<raw format="html"></div></raw><raw format="html"></div></raw>'),
    ("markdown=\"1\" on one line", '<div class="x" markdown="1">*a*</div>\n',
     '<raw format="html"><div class="x"></raw>' + p("<emphasis>a</emphasis>") + '<raw format="html"></div></raw>'),
]

IDS = [case_id(path, index) for index, (path, _, _) in enumerate(CASES)]

FOOTNOTES = {
    # span/04_footnote/markers: numbered by first reference, whatever the label
    "markers": (
        "This is some *ref.[^fn]\n\n[^fn]: Some foot note text\n\n> a blockquote [^3]\n\n"
        "* and a list item [^1]\n\n# And a header[^now]\n\n[^1]:some *text*\n[^3]: other text\n"
        "    with more lines\n\n    > and a quote\n\nA marker without a definition [^without].\n\n"
        "A marker [^empty] used twice[^fn] and thrice[^fn].\n\n[^now]:\n\n    \tcode block\n"
        "        continued here\n\n[^empty]:\n"
    ),
    # span/04_footnote/inside_footnote
    "inside": (
        "Lorem ipsum[^first] dolor sit amet.\n\nLorem ipsum[^second] dolor sit amet.\n\n"
        "[^first]: Consecutur adisping.[^third]\n\n[^second]: Sed ut perspiciatis unde omnis.\n\n[^third]: Sed ut.\n"
    ),
    # span/04_footnote/definitions: no reference, nothing shown; a label defined twice: the last wins
    "definitions": "Some para.\n\n[^footnote]: ignored definition\n[^footnote]: Some footnote text\n\n> blockquote\n",
    "twice": "A[^a].\n\n[^a]: first\n[^a]: second\n",
    # bad input: a footnote that refers to itself, one only an unshown footnote refers to
    "loop": "Text[^a].\n\n[^a]: See[^a] and[^b].\n[^b]: B.\n[^c]: only [^d].\n[^d]: D.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cases = [(name, text) for name, (_, text, _) in zip(IDS, CASES)]
    cases += [(f"footnotes-{key}", text) for key, text in FOOTNOTES.items()]
    yield from build_cases(tmp_path_factory, cases)


@pytest.mark.parametrize(("name", "case"), list(zip(IDS, CASES)), ids=IDS)
def test_kramdown_block_case(site, name, case):
    path, _, expected = case
    assert body_shape(site, name) == expected, path


def _footnotes(app, key: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The numbers of the references in text order, and (number, text) of each footnote shown."""
    doctree = app.env.get_doctree(docname_of(app, f"cases/footnotes-{key}"))
    refs = [r.astext() for r in doctree.findall(nodes.footnote_reference)]
    shown = []
    for footnote in doctree.findall(nodes.footnote):
        label = footnote.children[0].astext()
        shown.append((label, " ".join(" ".join(c.astext() for c in footnote.children[1:]).split())))
    return refs, shown


def test_footnotes_numbered_by_first_reference(site):
    """span/04_footnote/markers: [^fn] 1, [^3] 2, [^1] 3, [^now] 4, [^empty] 5; repeats keep the number."""
    refs, shown = _footnotes(site, "markers")
    assert refs == ["1", "2", "3", "4", "5", "1", "1"]
    assert [label for label, _ in shown] == ["1", "2", "3", "4", "5"]
    assert shown[0][1] == "Some foot note text"
    assert shown[1][1].startswith("other text with more lines")
    assert shown[2][1] == "some text"
    assert "code block" in shown[3][1]
    html = page_of(site, "cases/footnotes-markers").read_text(encoding="utf-8")
    assert "A marker without a definition [^without]." in html  # no definition: kept as text


def test_footnotes_placed_at_the_end_in_reference_order(site):
    """span/04_footnote/inside_footnote: a reference inside a footnote is numbered after the text's."""
    refs, shown = _footnotes(site, "inside")
    assert refs == ["1", "2", "3"]
    assert shown == [("1", "Consecutur adisping.3"), ("2", "Sed ut perspiciatis unde omnis."), ("3", "Sed ut.")]
    doctree = site.env.get_doctree(docname_of(site, "cases/footnotes-inside"))
    section = next(iter(doctree.findall(nodes.section)))
    assert all(isinstance(n, (nodes.footnote, nodes.transition)) for n in section.children[-4:])


def test_unreferenced_and_overwritten_footnotes(site):
    """span/04_footnote/definitions: definitions nothing refers to are not shown; the last of two wins."""
    assert _footnotes(site, "definitions") == ([], [])
    assert _footnotes(site, "twice") == (["1"], [("1", "second")])


def test_footnote_loop_and_unshown_chain(site):
    """A footnote that refers to itself is shown once; one referred to only by an unshown one is not."""
    refs, shown = _footnotes(site, "loop")
    assert [label for label, _ in shown] == ["1", "2"]
    assert shown[1][1] == "B."
    assert refs == ["1", "1", "2"]


def test_footnote_warnings(site):
    warnings = warnings_of(site)
    assert any("footnotes-markers.md" in w and "[^without]" in w and "blogposts.kramdown" in w for w in warnings)
    assert any("footnotes-twice.md:9" in w and "defined twice" in w for w in warnings)
    assert not any("Traceback" in w for w in warnings)


def test_parse_block_html_option(tmp_path_factory):
    """block/09_html/parse_block_html (kramdown: parse_block_html: true in _config.yml)."""
    cases = [
        ("plain", "<DIV>\n  test\n</diV>\n"),
        ("nested", "<div>\n    test\n  <div>\n    test\n  </div>\n</div>\n"),
        ("code", "<div>\n    code block with </div>\n</div>\n"),
        ("unclosed", "<div>\nNo matching end tag\n"),
    ]
    app = next(build_cases(tmp_path_factory, cases, "kramdown:\n  parse_block_html: true\n"))
    # MyST writes the tags of raw HTML in lower case
    assert body_shape(app, "plain") == '<raw format="html"><div></raw>' + p("test") + '<raw format="html"></div></raw>'
    assert body_shape(app, "nested") == (
        '<raw format="html"><div></raw>' + code("test") + '<raw format="html"><div></raw>' + code("test")
        + '<raw format="html"></div></raw><raw format="html"></div></raw>'
    )
    assert body_shape(app, "code") == (
        '<raw format="html"><div></raw>' + code("code block with </div>") + '<raw format="html"></div></raw>'
    )
    assert body_shape(app, "unclosed").startswith('<raw format="html"><div></raw>' + p("No matching end tag"))
    assert any("unclosed.md:6" in w and "never closed" in w for w in warnings_of(app))


def test_markdown_attribute_keeps_images_and_figures(tmp_path_factory):
    """Inside <div markdown="1">, a Markdown image is an image node; a <figure markdown="1"> is a figure."""
    cases = [
        ("image", '<div class="wrap" markdown="1">\n![alt](/assets/img.png)\n</div>\n'),
        ("figure", '<figure markdown="1">\n![Fig](/assets/img.png)\n<figcaption>A caption</figcaption>\n</figure>\n'),
    ]
    gen = build_cases(tmp_path_factory, cases)
    app = next(gen)
    image_tree = app.env.get_doctree(docname_of(app, "cases/image"))
    assert len(list(image_tree.findall(nodes.image))) == 1
    figure_tree = app.env.get_doctree(docname_of(app, "cases/figure"))
    (figure,) = figure_tree.findall(nodes.figure)
    assert figure.next_node(nodes.caption).astext() == "A caption"
    html = page_of(app, "cases/image").read_text(encoding="utf-8")
    assert 'markdown="' not in html and '<div class="wrap">' in html


@pytest.mark.parametrize(
    ("tag", "attrs", "option", "mode"),
    [
        ("div", ' markdown="1"', False, "block"),
        ("p", ' markdown="1"', False, "span"),
        ("div", ' markdown="span"', False, "span"),
        ("p", ' markdown="block"', False, "block"),
        ("div", ' markdown="0"', False, "raw"),
        ("pre", ' markdown="1"', False, "raw"),
        ("table", " markdown='1'", False, "raw"),
        ("div", ' class="x"', False, None),
        ("div", ' class="x"', True, "block"),
        ("span", "", True, None),
    ],
)
def test_parse_mode(tag, attrs, option, mode):
    """kramdown's content models (Kramdown::Parser::Html) and the markdown attribute."""
    assert parse_mode(tag, attrs, option) == mode


def test_find_close_and_attribute():
    text = '<div markdown="1">\n<div>\nx\n</div>\n    y </div>\n</div>\nafter'
    start = text.index(">") + 1
    close = find_close(text, "div", start, "block")
    assert close is not None and text[close[1]:] == "\nafter"
    assert without_markdown_attr('<div class="a" markdown="1" id="b">') == '<div class="a" id="b">'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a---b", "a\u2014b"),
        ("a--b", "a\u2013b"),
        ("wait...", "wait\u2026"),
        ("x >> y", f"x{NBSP}\u00bb y"),
        ("x>>y", "x\u00bby"),
        ("a ---- b", "a \u2014- b"),
        ("text {: .notice--info} -- x", "text {: .notice--info} \u2013 x"),
        ("# Title {#my--id}", "# Title {#my--id}"),
    ],
)
def test_substitute(text, expected):
    """kramdown's TYPOGRAPHIC_SYMS, longest first."""
    assert substitute(text) == expected



#: span/text_substitutions/typography, the whole case: input, and the text of each
#: paragraph of kramdown's expected HTML (entities as characters, tags left out).
TYPOGRAPHY_TEXT = """\
This is... something---this too--!

This <<is>> some text, << this >> too!

"Fancy quotes" are 'cool', even in the '80s!
Je t' aime. You're a funny one! Thomas' name
Mark's name. "...you"
"'Nested' quotes are 'possible'", too!
'"Otherway" is "round"'!

'Opening now!'

'80s are really cool.

<em>Cluster</em>'s Last Stand.

Nam liber tempor
"...At vero eos et accusam"

"_Single underscores_ should work."

"*Single asterisks* should work."

'__Double underscores__ should work.'

'**Double asterisks** should work.'

"_Hurrah!_"

'__Absolutely__.'

"...some Text"

"... some Text"

This: "...some Text"

This: "... some Text"

"\\[foo]" "\\[foo]" d "\\[foo]"
"""
TYPOGRAPHY_HTML = [
    "This is… something—this too–!",
    f"This «is» some text, «{NBSP}this{NBSP}» too!",
    "“Fancy quotes” are ‘cool’, even in the ’80s! Je t’ aime. You’re a funny one! Thomas’ name "
    "Mark’s name. “…you” “‘Nested’ quotes are ‘possible’”, too! ‘“Otherway” is “round”’!",
    "‘Opening now!’",
    "’80s are really cool.",
    "Cluster’s Last Stand.",
    "Nam liber tempor “…At vero eos et accusam”",
    "“Single underscores should work.”",
    "“Single asterisks should work.”",
    "‘Double underscores should work.’",
    "‘Double asterisks should work.’",
    "“Hurrah!”",
    "‘Absolutely.’",
    "“…some Text”",
    "“… some Text”",
    "This: “…some Text”",
    "This: “… some Text”",
    "”[foo]” “[foo]” d “[foo]”",
]


def test_typography_case_whole(tmp_path_factory):
    """span/text_substitutions/typography: symbols and kramdown's smart quotes, paragraph by paragraph."""
    app = next(build_cases(tmp_path_factory, [("typography", TYPOGRAPHY_TEXT)]))
    doctree = app.env.get_doctree(docname_of(app, "cases/typography"))
    section = next(iter(doctree.findall(nodes.section)))
    texts = [
        "".join(t.astext() for t in n.findall(nodes.Text) if not isinstance(t.parent, nodes.raw)).replace("\n", " ")
        for n in section.children
        if isinstance(n, nodes.paragraph)
    ]
    assert texts == TYPOGRAPHY_HTML


@pytest.mark.parametrize(
    ("option", "quotes"),
    [
        ("lsquo,rsquo,ldquo,rdquo", ("\u2018", "\u2019", "\u201c", "\u201d")),
        ("sbquo,lsquo,bdquo,ldquo", ("\u201a", "\u2018", "\u201e", "\u201c")),
        ("laquo,raquo,laquo,raquo", ("\u00ab", "\u00bb", "\u00ab", "\u00bb")),
        ("nonsense", ("\u2018", "\u2019", "\u201c", "\u201d")),
        (None, ("\u2018", "\u2019", "\u201c", "\u201d")),
    ],
)
def test_smart_quotes_option(option, quotes):
    """kramdown's smart_quotes option (_config.yml kramdown: smart_quotes: ...)."""
    assert quote_chars(option) == quotes
    # an attribute list keeps its quotes (it is read as syntax, not text)
    assert decide('x {:target="_blank"}', "", quote_chars(option)) == 'x {:target="_blank"}'
    assert decide('"a" \'b\'', "", quote_chars(option)) == f"{quotes[2]}a{quotes[3]} {quotes[0]}b{quotes[1]}"


def test_note_inside_a_note_defined_mid_text(tmp_path_factory):
    """kramdown numbers the text's references first, then those inside the notes, wherever
    the definitions stand (here the note with a reference is defined before more text)."""
    text = "A[^x].\n\n[^x]: X refers to[^y].\n\nB[^z].\n\n[^y]: Y.\n[^z]: Z.\n"
    app = next(build_cases(tmp_path_factory, [("mid", text)]))
    doctree = app.env.get_doctree(docname_of(app, "cases/mid"))
    shown = [(f.children[0].astext(), f.children[1].astext()) for f in doctree.findall(nodes.footnote)]
    assert shown == [("1", "X refers to3."), ("2", "Z."), ("3", "Y.")]


def test_fenced_code_inside_markdown_div():
    """A tag inside fenced code neither opens nor closes the element (minimal-mistakes'
    layout-header-overlay-css post: a ```liquid block with a <div> in a notice)."""
    text = '<div markdown="1">\n**Note**:\n\n```liquid\n<div style="x">\n</div>\n```\n</div>\nafter'
    close = find_close(text, "div", text.index(">") + 1, "block")
    assert close is not None and text[close[1]:] == "\nafter"


def test_minimal_mistakes_kramdown_blocks(build, minimal_mistakes):
    """The real corpus: its markdown="1" notices are read as Markdown (a fenced block and
    all inside, the attribute gone), its tables, definition list and footnotes are nodes."""
    app = build("mm", srcdir=minimal_mistakes)
    counts = {"table": 0, "definition_list": 0, "footnote": 0}
    for docname in app.env.found_docs:
        doctree = app.env.get_doctree(docname)
        for name in counts:
            counts[name] += len(list(doctree.findall(getattr(nodes, name))))
        for raw in doctree.findall(nodes.raw):
            assert 'markdown="' not in raw.astext(), docname
        for paragraph in doctree.findall(nodes.paragraph):
            assert "[^" not in paragraph.astext(), docname
    assert counts == {"table": 6, "definition_list": 1, "footnote": 3}
    notice = page_of(app, "_posts/2012-03-15-layout-header-overlay-css").read_text(encoding="utf-8")
    start = notice.index('<div class="notice--primary">')
    assert "highlight-liquid" in notice[start : start + 1500]  # the fenced block inside the notice
    assert not [w for w in warnings_of(app) if "blogposts.kramdown" in w]


def test_empty_link_to_a_heading_stays_empty(tmp_path_factory):
    """span/01_link/empty: kramdown writes [](target) as an empty link, even to a heading
    of the page (MyST would fill in the heading's title)."""
    app = next(build_cases(tmp_path_factory, [("empty-anchor", "## Part\n\n[](#part) and [x](#part)\n")]))
    html = page_of(app, "cases/empty-anchor").read_text(encoding="utf-8")
    assert '<a class="reference internal" href="#part"></a> and' in html
    assert '<a class="reference internal" href="#part">x</a>' in html


def test_heading_ids_from_the_text_as_written(tmp_path_factory):
    """kramdown (GFM) makes a heading's id from its text as written: ``## A -- B`` is
    ``#a----b``; the heading still shows the dash."""
    app = next(build_cases(tmp_path_factory, [("heading", '## A -- B... "q"\n\n[to it](#a----b-q)\n')]))
    doctree = app.env.get_doctree(docname_of(app, "cases/heading"))
    section = next(s for s in doctree.findall(nodes.section) if "a----b-q" in s["ids"])
    assert section[0].astext() == "A \u2013 B\u2026 \u201cq\u201d"
    assert not [w for w in warnings_of(app) if "a----b-q" in w]
