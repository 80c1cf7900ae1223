"""kramdown tables: rows of ``|`` with or without a header, ``|-`` body
separators, ``|=`` footers, escaped pipes and pipes inside code spans.

kramdown's table rule replaces markdown-it's GFM table rule in kramdown mode
(a GFM table is a kramdown table with a header line, and gives the same nodes
as before).  The rule follows kramdown's: a table starts after a block
boundary, every line holds an unescaped pipe outside code, it ends before a
blank line (or an IAL line, an end-of-block marker, the end), and it needs at
least one body row.  Docutils tables have one body and no footer: the rows of
a second body start with the class ``kramdown-tbody``, footer rows carry
``kramdown-tfoot``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from .feature import Feature

#: A separator line: only ``+ | : - space tab``, at least one ``-``.
SEP_LINE = re.compile(r"^[+|: \t-]*-[+|: \t-]*$")
#: A footer separator: only ``+ | : = space tab``, at least one ``=``.
FOOTER_LINE = re.compile(r"^[+|: \t=]*=[+|: \t=]*$")
#: One column's alignment in a separator line.
ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
#: A line that can be a table line: starts with a pipe or holds an unescaped one.
TABLE_LINE = re.compile(r"^(?:\||.*?[^\\]\|)")
#: Lines that end a table without breaking it (kramdown's block boundaries).
IAL_LINE = re.compile(r"^ {0,3}\{:(?!:|/)")
EOB_LINE = re.compile(r"^\^\s*$")
CODE_HTML = re.compile(r"(<code.*?>.*?</code>)")
OPENERS = re.compile(r"`+|\{\{|\{%")
LIQUID_CLOSE = {"{{": "}}", "{%": "%}"}
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@dataclass
class Table:
    """The parsed table: groups of ``(kind, rows)``; a row is a list of cell texts."""

    groups: list[tuple[str, list[list[str]]]] = field(default_factory=list)
    alignment: list[str] = field(default_factory=list)
    columns: int = 0


def code_segments(text: str) -> list[tuple[bool, str]]:
    """``text`` split into ``(is_code, part)``: backtick code spans (matched runs)
    and the text between them, as CommonMark and kramdown read code spans.
    Liquid left unrendered (``{{ x | f }}``, ``{% … %}``) counts as code too:
    kramdown never sees it (Jekyll renders it first), so its pipes split nothing."""
    out: list[tuple[bool, str]] = []
    pos = 0
    plain_from = 0
    while True:
        m = OPENERS.search(text, pos)
        if m is None:
            break
        run = m.group(0)
        if run in LIQUID_CLOSE:
            close = re.compile(re.escape(LIQUID_CLOSE[run])).search(text, m.end())
        else:
            close = re.compile(r"(?<!`)" + re.escape(run) + r"(?!`)").search(text, m.end())
        if close is None:
            pos = m.end()  # an unmatched run is text
            continue
        if m.start() > 0 and text[m.start() - 1] == "\\":
            pos = m.end()  # an escaped backtick opens nothing
            continue
        if plain_from < m.start():
            out.append((False, text[plain_from : m.start()]))
        out.append((True, text[m.start() : close.end()]))
        pos = plain_from = close.end()
    if plain_from < len(text):
        out.append((False, text[plain_from:]))
    return out


def split_row(line: str, leading_pipe: bool) -> list[str]:
    """The cells of one row: unescaped pipes outside code split it, ``\\|`` is a pipe."""
    cells: list[str] = []

    def add(part: str, new_cell: bool) -> None:
        if new_cell or not cells:
            cells.append(part)
        else:
            cells[-1] += part

    for index, chunk in enumerate(CODE_HTML.split(line)):
        if index % 2:  # a <code> element: never split
            add(chunk, False)
            continue
        for is_code, part in code_segments(chunk):
            if is_code:
                add(part, False)
                continue
            first, *rest = UNESCAPED_PIPE.split(part)
            add(first.replace("\\|", "|"), False)
            for piece in rest:
                add(piece.replace("\\|", "|"), True)
    if leading_pipe and cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return [cell.strip() for cell in cells]


def pipes_outside_code(lines: list[str]) -> bool:
    """kramdown's check: every line has an unescaped pipe outside code spans; a code
    span may run over two lines only when the line it starts on already had one."""
    pipe_on_line = False
    for is_code, part in code_segments("\n".join(lines)):
        parts = part.split("\n")
        if is_code:
            if len(parts) > 2 or (len(parts) == 2 and not pipe_on_line):
                return False
            if len(parts) == 2:
                pipe_on_line = False
        else:
            if len(parts) > 1 and not pipe_on_line and not TABLE_LINE.match(parts[0]):
                return False
            last = bool(TABLE_LINE.match(parts[-1]))
            pipe_on_line = (False if len(parts) > 1 else pipe_on_line) or last
            # every full line in between must hold a pipe itself
            if any(not TABLE_LINE.match(p) for p in parts[1:-1]):
                return False
    return pipe_on_line


def parse_table(lines: list[str]) -> Table | None:
    """kramdown's table from its lines (the caller found where the lines end), or
    ``None`` when they are not a table (no pipe outside code on a line, no body)."""
    if not pipes_outside_code(lines):
        return None
    table = Table()
    leading_pipe = lines[0].lstrip().startswith("|")
    rows: list[list[str]] = []
    has_footer = False

    def close_group(kind: str, force: bool = False) -> None:
        nonlocal rows
        if not has_footer or kind != "tbody" or force:
            table.groups.append((kind, rows))
            rows = []

    body = lines
    if body and SEP_LINE.match(body[0].strip()):
        body = body[1:]  # a separator before any row is ignored
    for line in body:
        text = line.strip()
        if SEP_LINE.match(text):
            if not rows:
                continue
            if not table.alignment and not has_footer:
                close_group("thead")
                table.alignment = [_align(left, right) for left, right in ALIGN.findall(text)]
            else:
                close_group("tbody")
        elif FOOTER_LINE.match(text):
            if rows:
                close_group("tbody", force=True)
            has_footer = True
        else:
            row = split_row(line.rstrip(), leading_pipe)
            table.columns = max(table.columns, len(row))
            rows.append(row)
    if rows:
        close_group("tfoot" if has_footer else "tbody")
    if not any(kind == "tbody" for kind, _ in table.groups) or table.columns == 0:
        return None
    for _, group in table.groups:
        for row in group:
            row.extend([""] * (table.columns - len(row)))
    table.alignment = (table.alignment + ["default"] * table.columns)[: table.columns]
    table.groups = [(kind, group) for kind, group in table.groups if group]
    return table


def _align(left: str, right: str) -> str:
    if left and right:
        return "center"
    if left:
        return "left"
    if right:
        return "right"
    return "default"


# -- the markdown-it rule ------------------------------------------------------


def _line(state: StateBlock, line: int) -> str:
    return state.getLines(line, line + 1, state.blkIndent, False).rstrip("\n")


def _boundary(state: StateBlock, line: int, end: int) -> bool:
    """Whether ``line`` is where a block may end (kramdown's ``before_block_boundary?``)."""
    if line >= end or state.isEmpty(line):
        return True
    text = _line(state, line)
    return bool(IAL_LINE.match(text) or EOB_LINE.match(text))


def _after_boundary(state: StateBlock, start: int) -> bool:
    """Whether a block may start at ``start`` (kramdown's ``after_block_boundary?``): the
    first line of the text or of a container, or after a blank, IAL or end-of-block line."""
    if start == 0 or (state.tokens and state.tokens[-1].nesting == 1):
        return True
    if state.isEmpty(start - 1):
        return True
    previous = _line(state, start - 1)
    return bool(IAL_LINE.match(previous) or EOB_LINE.match(previous))


def table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it block rule for kramdown tables."""
    if state.sCount[start] - state.blkIndent >= 4 or not _after_boundary(state, start):
        return False
    first = _line(state, start)
    if not first.strip() or not TABLE_LINE.match(first.lstrip(" ")):
        return False
    line = start
    lines: list[str] = []
    while line < end and not state.isEmpty(line):
        if state.sCount[line] < state.blkIndent:
            break
        text = _line(state, line)
        if not TABLE_LINE.match(text.lstrip(" ")):
            break
        lines.append(text)
        line += 1
    if not _boundary(state, line, end):
        return False
    table = parse_table(lines)
    if table is None:
        return False
    if silent:
        return True
    _emit(state, table, start, line)
    state.line = line
    return True


def _emit(state: StateBlock, table: Table, start: int, end: int) -> None:
    """The table as markdown-it's table tokens (``tfoot`` besides ``thead``/``tbody``)."""
    token = state.push("table_open", "table", 1)
    token.map = [start, end]
    line = start
    for kind, rows in table.groups:
        state.push(f"{kind}_open", kind, 1)
        cell_tag = "th" if kind == "thead" else "td"
        for row in rows:
            tr = state.push("tr_open", "tr", 1)
            tr.map = [line, line + 1]
            for index, cell in enumerate(row):
                open_cell = state.push(f"{cell_tag}_open", cell_tag, 1)
                if table.alignment[index] != "default":
                    open_cell.attrs["style"] = f"text-align:{table.alignment[index]}"
                inline = state.push("inline", "", 0)
                inline.content = cell
                inline.map = [line, line + 1]
                inline.children = []
                state.push(f"{cell_tag}_close", cell_tag, -1)
            state.push("tr_close", "tr", -1)
            line += 1
        state.push(f"{kind}_close", kind, -1)
    state.push("table_close", "table", -1)


def table_plugin(md: MarkdownIt) -> None:
    """kramdown's tables in place of markdown-it's GFM tables."""
    if "table" in [rule.name for rule in md.block.ruler.__rules__]:
        md.disable("table")
    md.block.ruler.before("lheading", "kramdown_table", table_rule)


# -- rendering -----------------------------------------------------------------


def render_table(renderer: Any, token: Any) -> None:
    """A table node: an optional head, one body; later bodies and the footer are
    body rows with a class (docutils has neither)."""
    groups = [child for child in token.children or [] if child.type in ("thead", "tbody", "tfoot")]
    rows = [row for group in groups for row in group.children or []]
    columns = max((len(row.children or []) for row in rows), default=1) or 1
    table = nodes.table()
    table["classes"] += ["colwidths-auto"]
    renderer.copy_attributes(token, table, ("class", "id"))
    renderer.add_line_and_source_path(table, token)
    renderer.current_node.append(table)
    tgroup = nodes.tgroup(cols=columns)
    table += tgroup
    for _ in range(columns):
        tgroup += nodes.colspec(colwidth=100 // columns)
    head = [g for g in groups if g.type == "thead"]
    if head:
        thead = nodes.thead()
        tgroup += thead
        with renderer.current_node_context(thead):
            for row in head[0].children or []:
                renderer.render_table_row(row)
    bodies = [g for g in groups if g.type != "thead"]
    if not bodies:
        return
    tbody = nodes.tbody()
    tgroup += tbody
    seen_body = False
    with renderer.current_node_context(tbody):
        for group in bodies:
            for index, row in enumerate(group.children or []):
                renderer.render_table_row(row)
                node = tbody.children[-1]
                renderer.add_line_and_source_path(node, row)
                if group.type == "tfoot":
                    node["classes"].append("kramdown-tfoot")
                elif seen_body and index == 0:
                    node["classes"].append("kramdown-tbody")
            if group.type == "tbody":
                seen_body = True


TABLES = Feature("tables", table_plugin, {"render_table": render_table})
