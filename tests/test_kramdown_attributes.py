"""kramdown's attribute lists in a Jekyll site: block and span IALs, ALDs, {#id} headings.

Each case is (kramdown test case or source, Markdown, expected elements,
text that must not show).  The expected elements are kramdown's own output
(``test/testcases/**/*.html`` of gettalong/kramdown) normalized for Sphinx's
markup: ``(tag, attributes, text)`` where classes must be present among
Sphinx's own, a code block is Sphinx's ``div`` around ``pre``, and a heading's
id is its ``section``'s.
"""

from __future__ import annotations

import pytest
from conftest import body_elements, case_site, has_element, page_of, warnings_of
from docutils import nodes

# fmt: off
CASES = [
    # --- block IALs: block/11_ial/simple.text, one block each
    ("block/11_ial/simple: after a paragraph, classes and id run together",
     "Some paragraph.\n{:.cls1#id.cls2}",
     [("p", {"class": "cls1 cls2", "id": "id"}, "Some paragraph.")], ["{:"]),
    ("block/11_ial/simple: two IALs after a quote, the second indented",
     "> quote\n{: #id}\n  {: .class}",
     [("blockquote", {"id": "id", "class": "class"}, "quote")], ["{:"]),
    ("block/11_ial/simple: key on a list",
     '* list\n{: key="val"}',
     [("ul", {"key": "val"}, "list")], ["{:"]),
    ("block/11_ial/simple: id on a code block (Sphinx's div around the pre)",
     "    code block\n{: #other}\n\n    other code block",
     [("div", {"id": "other"}, "code block")], ["{:"]),
    ("block/11_ial/simple: after an ATX heading",
     "## A header\n{:#myid}",
     [("section", {"id": "myid"}, "A header")], ["{:"]),
    ("block/11_ial/simple: before a paragraph, after a blank line",
     "Text.\n\n{:.cls}\nSome paragraph here",
     [("p", {"class": "cls"}, "Some paragraph here"), ("p", {"class": None}, "Text.")], ["{:"]),
    ("block/11_ial/simple: two IALs before a paragraph",
     "{:.cls1}\n{:.cls2}\nSome paragraph here",
     [("p", {"class": "cls1 cls2"}, "Some paragraph here")], ["{:"]),
    ("block/11_ial/simple: between two paragraphs, the first gets it",
     "Paragraph one\n{:.cls}\nParagraph two",
     [("p", {"class": "cls"}, "Paragraph one"), ("p", {"class": None}, "Paragraph two")], ["{:"]),
    ("block/11_ial/simple: after a setext heading",
     "Another header\n==============\n{: .class #other}",
     [("section", {"class": "class", "id": "other"}, "Another header")], ["{:"]),
    ("block/11_ial/simple: ALD references, resolved depth first, own parts win",
     'Some paragraph.\n{:.class .-class id key="val"}\n\n{:id: #id key="valo"}\n{:id: #other .myclass other}\n'
     "{:other: key1=\"val\\\"\"  - ig.nored as_is#this key2='val\\'' .other-class}",
     [("p", {"class": "other-class myclass class -class", "id": "other", "key": "val", "key1": 'val"', "key2": "val'"},
       "Some paragraph.")], ["{:", "ig.nored"]),
    ("block/10_ald/simple: ALD definitions show nothing",
     "Some paragraph\n\n{:id: ref1}\n{:id: .class1}\n {:id: #id}\n  {:id: key=\"value\"}\n{:test: k ey=value}",
     [("p", {}, "Some paragraph")], ["{:", "ref1"]),
    ("block/06_codeblock/with_ial: ends the code block, the next is another",
     "    code block\n\n    continued here\n{:.cls}\n    new block here",
     [("div", {"class": "cls"}, "continued here"), ("div", {}, "new block here")], ["{:"]),
    ("block/08_list/item_ial: an IAL opening an item applies to the item",
     "*   {:.cls} IAL at first\n    continued\n* another {:.cls}",
     [("li", {"class": "cls"}, "IAL at first continued"), ("li", {}, "another {:.cls}")], []),
    ("block/11_ial/nested: before and after an HTML block",
     "{:.cls}\n<div>\ntest\n</div>\n{:#id}",
     [("div", {"class": "cls", "id": "id"}, "test")], ["{:"]),
    ("block/11_ial/nested: before and after a quote",
     "{:.cls}\n> para\n{:#id}",
     [("blockquote", {"class": "cls", "id": "id"}, "para")], ["{:"]),
    ("block/11_ial/auto_id_and_ial: id and class on a heading",
     "## A header\n{:#myid .cls}",
     [("section", {"id": "myid", "class": "cls"}, "A header")], ["{:"]),
    ("block/15_math/normal: on display math",
     "{:.cls}\n$$5+5$$",
     [("div", {"class": "cls math"}, "5+5")], ["{:", "$$"]),
    # --- what real Jekyll posts write (minimal-mistakes, the seed site)
    ("real posts: {: .notice} after a paragraph",
     "**Note:** this is a notice.\n{: .notice}",
     [("p", {"class": "notice"}, "Note: this is a notice.")], ["{:"]),
    ("real posts: {: #apt} after a heading",
     "### Install it\n{: #apt}\n\nText.",
     [("section", {"id": "apt"}, "Install it")], ["{:"]),
    ("real posts: {:target=\"_blank\"} after a link-only paragraph goes to the paragraph",
     "[Open](https://example.com/a)\n{:target=\"_blank\"}",
     [("p", {"target": "_blank"}, "Open")], ["{:"]),
    ("real posts: [x](u){:target=\"_blank\"} goes to the link",
     "Read [the docs](https://example.com/docs){:target=\"_blank\"} now.",
     [("a", {"href": "https://example.com/docs", "target": "_blank"}, "the docs")], ["{:"]),
    ("real posts: a button link",
     "[Download](https://example.com/x.zip){: .btn .btn--primary}",
     [("a", {"class": "btn btn--primary", "href": "https://example.com/x.zip"}, "Download")], ["{:"]),
    ("real posts: {: .align-center} on an image",
     "![a kitten](https://example.com/kitten.png){: .align-center}",
     [("img", {"class": "align-center", "alt": "a kitten"}, None)], ["{:"]),
    ("real posts: {: .full} after an image paragraph",
     "![wide](https://example.com/wide.png)\n{: .full}",
     [("p", {"class": "full"}, None), ("img", {"alt": "wide"}, None)], ["{:"]),
    ("real posts: a class on a table (after the table)",
     "| a | b |\n|---|---|\n| 1 | 2 |\n{: .wide}",
     [("table", {"class": "wide"}, "1")], ["{:"]),
    ("real posts: on raw HTML", "<div>raw</div>\n{: .boxed}", [("div", {"class": "boxed"}, "raw")], ["{:"]),
    # --- span IALs: span/ial/simple.text
    ("span/ial/simple: on code",
     "This is a `span`{: .hund #dog}.",
     [("code", {"class": "hund", "id": "dog"}, "span")], ["{:"]),
    ("span/ial/simple: two IALs on code",
     "This is a `span`{: .hund #dog}{: .katz key='val'}.",
     [("code", {"class": "hund katz", "id": "dog", "key": "val"}, "span")], ["{:"]),
    ("span/ial/simple: after text it stays text, escaped it is text",
     "This is an{: .ignored} span ial.\nThis is an\\{: .escaped} span ial.",
     [("p", {}, "This is an{: .ignored} span ial. This is an{: .escaped} span ial.")], []),
    ("span IAL on emphasis and strong",
     "An *emphasis*{: .c} and **strong**{: .s #st} word.",
     [("em", {"class": "c"}, "emphasis"), ("strong", {"class": "s", "id": "st"}, "strong")], ["{:"]),
    # --- headings
    ("syntax: header IDs, ## Title {#custom-id}",
     "## A title {#custom-id}\n\nSee [it](#custom-id).",
     [("section", {"id": "custom-id"}, "A title"), ("a", {"href": "#custom-id"}, "it")], ["{#", "custom-id}"]),
    ("syntax: header IDs with an IAL for the class",
     "# Main {#main}\n{: .big}",
     [("section", {"id": "main", "class": "big"}, "Main")], ["{#", "{:"]),
]
# fmt: on

HOSTILE = {
    "handler": 'A paragraph.\n{: onclick="alert(1)" .x}',
    "script_url": '[x](https://example.com/){: data-x="1" formaction="javascript:alert(1)"}',
    "style": 'Styled.\n{: style="background: url(javascript:alert(1))" .y}',
    "unused": "Text.\n\n{: .lonely}\n\nMore.",
    "unbalanced": "Text {: .open and more\n\n{: .never-closed",
    "duplicate_id": "First\n{: #same}\n\nSecond\n{: #same}",
}


def _key(index: int) -> str:
    return f"case{index:02d}"


def _key_of(case: str) -> str:
    """The page of the case whose name starts with ``case``."""
    return _key(next(i for i, c in enumerate(CASES) if c[0].startswith(case)))


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # noqa: ANN001, ANN201
    cases = {_key(i): text for i, (_, text, _, _) in enumerate(CASES)}
    cases.update({f"hostile_{name}": text for name, text in HOSTILE.items()})
    yield from case_site("kramdown", cases, tmp_path_factory)


def _body(app, key: str) -> list[dict]:  # noqa: ANN001
    return body_elements(page_of(app, key).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("case", "markdown", "expected", "absent"), CASES, ids=[c[0] for c in CASES])
def test_kramdown_attribute_lists(built, case, markdown, expected, absent):  # noqa: ANN001
    key = _key_of(case)
    elements = _body(built, key)
    for tag, attrs, text in expected:
        assert has_element(elements, tag, attrs, text), f"{case}: no <{tag} {attrs}> with {text!r} in {key}"
    text = elements[0]["text"]
    for marker in absent:
        assert marker not in text, f"{case}: {marker!r} shows as text"


def test_ids_and_classes_reach_the_doctree(built):  # noqa: ANN001
    """Ids and classes are node attributes (every builder); other keys wait for HTML."""
    from conftest import docname_of

    doctree = built.env.get_doctree(docname_of(built, _key_of("block/11_ial/simple: after a paragraph")))
    para = next(p for p in doctree.findall(nodes.paragraph) if p.astext() == "Some paragraph.")
    assert para["classes"] == ["cls1", "cls2"] and "id" in para["ids"]
    links = built.env.get_doctree(docname_of(built, _key_of("real posts: [x](u)")))
    ref = next(r for r in links.findall(nodes.reference) if r.astext() == "the docs")
    assert ref["blogposts_attrs"] == {"target": "_blank"}


def test_unsafe_attributes_are_left_out_with_a_warning(built):  # noqa: ANN001
    warnings = warnings_of(built)
    text = {name: page_of(built, f"hostile_{name}").read_text(encoding="utf-8") for name in HOSTILE}
    assert "onclick" not in text["handler"] and 'class="x"' in text["handler"]
    assert "javascript:" not in text["script_url"] and 'data-x="1"' in text["script_url"]
    assert "javascript:" not in text["style"] and 'class="y"' in text["style"]
    for name, line in (("handler", 5), ("script_url", 5), ("style", 5)):
        assert any(f"hostile_{name}.md:{line}:" in w and "[blogposts.kramdown]" in w for w in warnings), name


def test_bad_attribute_lists_are_reported_and_the_text_is_kept(built):  # noqa: ANN001
    warnings = warnings_of(built)
    assert any("hostile_unused.md:7:" in w and "applies to no block" in w for w in warnings)
    assert "lonely" not in _body(built, "hostile_unused")[0]["text"]
    unbalanced = _body(built, "hostile_unbalanced")[0]["text"]
    assert "Text {: .open and more" in unbalanced and "{: .never-closed" in unbalanced
    duplicate = page_of(built, "hostile_duplicate_id").read_text(encoding="utf-8")
    assert duplicate.count('id="same"') == 1
    assert any("hostile_duplicate_id.md:8:" in w and "used twice" in w for w in warnings)


def test_docs_project_reads_commonmark_unless_asked(make_app, tmp_path):  # noqa: ANN001
    """Without a _config.yml, kramdown's syntax is MyST's plain text; blogposts_kramdown turns it on."""
    for flag, expected in ((False, True), (True, False)):
        src = tmp_path / f"docs{flag}"
        src.mkdir()
        (src / "conf.py").write_text(f'extensions = ["sphinx_blogposts"]\nblogposts_kramdown = {flag}\n', encoding="utf-8")
        (src / "index.md").write_text("# Home\n\nA notice.\n{: .notice}\n", encoding="utf-8")
        app = make_app("html", srcdir=src)
        app.build()
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
        assert ("{: .notice}" in html) is expected
        assert ('class="notice"' in html) is not expected
