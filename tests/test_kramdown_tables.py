"""kramdown tables (markdown/tables.py), ported from kramdown's test/testcases/block/14_table/.

Each case: (kramdown test case, its input, the doctree shape kramdown's
expected HTML comes to in Sphinx: <tbody> rows, a header, alignment classes;
a second <tbody> starts with a ``kramdown-tbody`` row, <tfoot> rows are body
rows with ``kramdown-tfoot``).
"""

from __future__ import annotations

import pytest

from kramdown_shapes import body_shape, build_cases, case_id
from sphinx_blogposts.markdown.tables import code_segments, parse_table, split_row


def row(*cells: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<row{attr}>" + "".join(f"<entry>{c}</entry>" for c in cells) + "</row>"


def body(*rows: str) -> str:
    return "<table><tbody>" + "".join(rows) + "</tbody></table>"


CASES = [
    # --- block/14_table/simple
    ("block/14_table/simple", "| cell1 | cell2 |\n|cell3 | cell4|\n|cell5|cell6 \\|\t\n| cell7|cell8   \n",
     body(row("cell1", "cell2"), row("cell3", "cell4"), row("cell5", "cell6 |"), row("cell7", "cell8"))),
    ("block/14_table/simple", "| cell1 | cell2 | cell3 |\n| cell1 ||\n|| cell2 | cell3\n",
     body(row("cell1", "cell2", "cell3"), row("cell1", "", ""), row("", "cell2", "cell3"))),
    ("block/14_table/simple", "| cell1 \\| cell1 | cell2 |\n| cell1          | cell2 \\|\n| cell1 `|` con | cell2\n",
     body(row("cell1 | cell1", "cell2"), row("cell1", "cell2 |"),
          row("cell1 <literal>|</literal> con", "cell2"))),
    ("block/14_table/simple", "|a|`b`\n", body(row("a", "<literal>b</literal>"))),
    ("block/14_table/simple", "|`a`\n", body(row("<literal>a</literal>"))),
    ("block/14_table/simple", "simple | table\n", body(row("simple", "table"))),
    ("block/14_table/simple", "head1 | head2\n------|------\ncell1 | cell2\n",
     "<table><thead>" + row("head1", "head2") + "</thead><tbody>" + row("cell1", "cell2") + "</tbody></table>"),
    ("block/14_table/simple", " head1 | head2\n-------|------\n       | cell2\n",
     "<table><thead>" + row("head1", "head2") + "</thead><tbody>" + row("", "cell2") + "</tbody></table>"),
    ("block/14_table/simple", "| a | b |\n  c | d\n| e | f |\n", body(row("a", "b"), row("c", "d"), row("e", "f"))),
    ("block/14_table/simple", "| Key    | Value type             |\n|--------|------------------------|\n"
     "| `Type` | `\"GROUP\"`\\|`\"UNKNOWN\"` |\n",
     "<table><thead>" + row("Key", "Value type") + "</thead><tbody>"
     + row("<literal>Type</literal>", '<literal>"GROUP"</literal>|<literal>"UNKNOWN"</literal>') + "</tbody></table>"),
    # --- block/14_table/header
    ("block/14_table/header", "| cell1 | cell2\n|-----\n| cell3 | cell4\n",
     "<table><thead>" + row("cell1", "cell2") + "</thead><tbody>" + row("cell3", "cell4") + "</tbody></table>"),
    ("block/14_table/header", "| cell1 | cell2\n|-------|-------|\n| cell3 | cell4\n",
     "<table><thead>" + row("cell1", "cell2") + "</thead><tbody>" + row("cell3", "cell4") + "</tbody></table>"),
    ("block/14_table/header", "| default | left | center | right | default\n|-| :- |:-: | -: | - | :-: | :-\n"
     "| cell1 | cell2 | cell3 | cell4 | cell5\n",
     '<table><thead><row><entry>default</entry><entry class="text-left">left</entry>'
     '<entry class="text-center">center</entry><entry class="text-right">right</entry><entry>default</entry>'
     '</row></thead><tbody><row><entry>cell1</entry><entry class="text-left">cell2</entry>'
     '<entry class="text-center">cell3</entry><entry class="text-right">cell4</entry><entry>cell5</entry>'
     "</row></tbody></table>"),
    ("block/14_table/header", "|:-:|-:|\n| cell1 | cell2\n|-------|-------|\n| cell3 | cell4\n",
     "<table><thead>" + row("cell1", "cell2") + "</thead><tbody>" + row("cell3", "cell4") + "</tbody></table>"),
    ("block/14_table/header", "| cell1 | cell2\n+ :-: |\n| cell3 | cell4\n|----|||\n| cell5 | cell6\n",
     '<table><thead><row><entry class="text-center">cell1</entry><entry>cell2</entry></row></thead><tbody>'
     '<row><entry class="text-center">cell3</entry><entry>cell4</entry></row>'
     '<row class="kramdown-tbody"><entry class="text-center">cell5</entry><entry>cell6</entry></row>'
     "</tbody></table>"),
    ("block/14_table/header", "right | center\n---:  \t|\t:---:\ncell1 | cell2\ncell3 | cell4\n",
     '<table><thead><row><entry class="text-right">right</entry><entry class="text-center">center</entry></row>'
     '</thead><tbody><row><entry class="text-right">cell1</entry><entry class="text-center">cell2</entry></row>'
     '<row><entry class="text-right">cell3</entry><entry class="text-center">cell4</entry></row></tbody></table>'),
    # --- block/14_table/footer
    ("block/14_table/footer", "| cell1 | cell2\n|=\n| cell3 | cell4\n",
     body(row("cell1", "cell2"), row("cell3", "cell4", cls="kramdown-tfoot"))),
    ("block/14_table/footer", "| cell1 | cell2\n|=======|=======|\n| cell3 | cell4\n",
     body(row("cell1", "cell2"), row("cell3", "cell4", cls="kramdown-tfoot"))),
    ("block/14_table/footer", "| cell1 | cell2\n|=======|=======|\n| cell3 | cell4\n|---\n| cell5 | cell6\n|---\n",
     body(row("cell1", "cell2"), row("cell3", "cell4", cls="kramdown-tfoot"),
          row("cell5", "cell6", cls="kramdown-tfoot"))),
    ("block/14_table/footer", "| cell1 | cell2\n|=\n", body(row("cell1", "cell2"))),
    # --- block/14_table/escaping
    ("block/14_table/escaping", "`cell 1 | cell 2`\n", "<paragraph><literal>cell 1 | cell 2</literal></paragraph>"),
    ("block/14_table/escaping", "cell 1 \\| cell 2\n", "<paragraph>cell 1 | cell 2</paragraph>"),
    ("block/14_table/escaping", "cell 1 | cell 2 \\| continued\n", body(row("cell 1", "cell 2 | continued"))),
    ("block/14_table/escaping", "cell 1 | cell `2`\n", body(row("cell 1", "cell <literal>2</literal>"))),
    ("block/14_table/escaping", "cell 1 | `code | span`\n", body(row("cell 1", "<literal>code | span</literal>"))),
    ("block/14_table/escaping", "cell 1 `code | span`\n", "<paragraph>cell 1 <literal>code | span</literal></paragraph>"),
    ("block/14_table/escaping", "cell 1 \\| `code | span`\n",
     "<paragraph>cell 1 | <literal>code | span</literal></paragraph>"),
    ("block/14_table/escaping", "cell 1 | cell `2 | cell 3\ncell 1` | cell 2 | cell 3\n",
     body(row("cell 1", "cell `2", "cell 3"), row("cell 1`", "cell 2", "cell 3"))),
    ("block/14_table/escaping", "cell 1 \\| cell `2 | cell 3\ncell 1` | cell 2 | cell 3\n",
     "<paragraph>cell 1 | cell <literal>2 | cell 3 cell 1</literal> | cell 2 | cell 3</paragraph>"),
    # --- block/14_table/no_table
    ("block/14_table/no_table", "\\| Some \\| thing \\| here\n", "<paragraph>| Some | thing | here</paragraph>"),
    # --- block/14_table/errors: a table without a body is not a table (kramdown warns and reads a paragraph)
    ("block/14_table/errors", "|-|-|-\n", "<paragraph>|-|-|-</paragraph>"),
    ("block/14_table/errors", "[5]: test\n|no|table|here|\n", "<paragraph>|no|table|here|</paragraph>"),
    ("block/14_table/errors", "|no|table|here|\nparagraph\n", "<paragraph>|no|table|here| paragraph</paragraph>"),
    ("block/14_table/errors", "|-|-|\n|-|-|\n", "<paragraph>|-|-| |-|-|</paragraph>"),
    ("block/14_table/errors (a head and no body)", "| a | b |\n|:-|:-|\n", "<paragraph>| a | b | |:-|:-|</paragraph>"),
    # --- kramdown's block boundaries: a line without a pipe right after the rows makes it no table
    ("block/14_table (block boundary)", "| a | b |\ntext\n", "<paragraph>| a | b | text</paragraph>"),
    # --- GFM tables, as MyST made them before (thead, tbody, alignment classes)
    ("GFM table", "| a | b |\n|---|:-:|\n| c | d |\n",
     '<table><thead><row><entry>a</entry><entry class="text-center">b</entry></row></thead>'
     '<tbody><row><entry>c</entry><entry class="text-center">d</entry></row></tbody></table>'),
    ("Liquid left unrendered is no table (Jekyll renders it before kramdown)",
     "{{ page.title | no_such_filter }}\n", "<paragraph>{{ page.title | no_such_filter }}</paragraph>"),
    ("table with Markdown in cells", "| *a* | [b](https://python.org/) |\n",
     body(row("<emphasis>a</emphasis>", '<reference refuri="https://python.org/">b</reference>'))),
]

IDS = [case_id(path, index) for index, (path, _, _) in enumerate(CASES)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from build_cases(tmp_path_factory, [(name, text) for name, (_, text, _) in zip(IDS, CASES)])


@pytest.mark.parametrize(("name", "case"), list(zip(IDS, CASES)), ids=IDS)
def test_kramdown_table_case(site, name, case):
    path, _, expected = case
    assert body_shape(site, name) == expected, path


def test_tables_inside_lists_and_quotes(tmp_path_factory):
    """A kramdown table inside a block quote or a list item is a table there too."""
    cases = [("in-quote", "> | a | b |\n> | c | d |\n"), ("in-list", "* item\n\n  | a | b |\n  | c | d |\n")]
    app = next(build_cases(tmp_path_factory, cases))
    assert body_shape(app, "in-quote") == "<block_quote>" + body(row("a", "b"), row("c", "d")) + "</block_quote>"
    assert body(row("a", "b"), row("c", "d")) in body_shape(app, "in-list")


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("| a | b |", ["a", "b"]),
        ("a | b", ["a", "b"]),
        ("| a \\| b |", ["a | b"]),
        ("| `a | b` | c", ["`a | b`", "c"]),
        ("| <code>a | b</code> | c", ["<code>a | b</code>", "c"]),
        ("|| x", ["", "x"]),
        ("| a `unclosed | b", ["a `unclosed", "b"]),
    ],
)
def test_split_row(line, cells):
    assert split_row(line, leading_pipe=line.startswith("|")) == cells


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("a `b` c", [(False, "a "), (True, "`b`"), (False, " c")]),
        ("``a ` b``", [(True, "``a ` b``")]),
        ("a `b", [(False, "a `b")]),
        ("x {{ page.a | upcase }} y", [(False, "x "), (True, "{{ page.a | upcase }}"), (False, " y")]),
    ],
)
def test_code_segments(text, segments):
    assert code_segments(text) == segments


def test_parse_table_needs_a_body():
    assert parse_table(["| a |", "|---|"]) is None
    table = parse_table(["| a |", "|---|", "| b |"])
    assert table is not None and [kind for kind, _ in table.groups] == ["thead", "tbody"]
