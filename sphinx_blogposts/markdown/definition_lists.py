"""kramdown definition lists: every line of the paragraph before a ``:`` line is
a term, a term may have several definitions, definitions may be separated by
blank lines, and a list continues after one blank line and another paragraph
of terms.

kramdown's rule (``parse_definition_list``): a line ``:`` (indented up to
three spaces) followed by a space or a tab starts a definition when the block
before is a paragraph, directly or after one blank line; the definition's
content is the rest of the line and the lines indented like it, or lazy
lines (unindented, right after a non-blank one).  Its content is read as
blocks.  This rule replaces MyST's ``deflist`` plugin in kramdown mode; the
tokens are the same (``dl``/``dt``/``dd``), so MyST renders them.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from .feature import Feature

#: ``:`` and a space or tab (or a pipe, as kramdown's pattern allows), or nothing after it.
DEF_START = re.compile(r"^( {0,3}:)([\t| ].*|)$")


def _text(state: StateBlock, line: int) -> str:
    return state.getLines(line, line + 1, state.blkIndent, False).rstrip("\n")


def _expand_tabs(text: str) -> str:
    return text.expandtabs(4)


def _definition(state: StateBlock, line: int, end: int, indent: int | None) -> tuple[int, int, list[str], int] | None:
    """One definition from ``line``: ``(next line, content indentation, content lines, def_indent)``."""
    m = DEF_START.match(_expand_tabs(_text(state, line)))
    if m is None:
        return None
    marker = m.group(1)
    if indent is not None and len(marker) - 1 > max(0, min(indent - 1, 3)):
        return None
    rest = m.group(2)
    spaces = len(rest) - len(rest.lstrip(" "))
    # an empty first line: the content is indented by four (kramdown's parse_first_list_line)
    content_indent = len(marker) + spaces if rest.strip() else 4
    lines = [rest.strip(" ")]
    line += 1
    last_blank = False
    while line < end:
        raw = _expand_tabs(_text(state, line))
        if DEF_START.match(raw) and len(raw) - len(raw.lstrip(" ")) < content_indent:
            break
        if not raw.strip():
            lines.append("")
            last_blank = True
        elif raw.startswith(" " * content_indent):
            lines.append(raw[content_indent:])
            last_blank = False
        elif not last_blank and raw.strip() != "^":
            lines.append(raw.lstrip(" "))  # a lazy line
        else:
            break
        line += 1
    while lines and not lines[-1].strip() and len(lines) > 1:
        lines.pop()
        line -= 1
    return line, content_indent, lines, len(marker)


def _trailing_blank(state: StateBlock, line: int, end: int) -> int:
    while line < end and state.isEmpty(line):
        line += 1
    return line


def deflist_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it block rule for kramdown's definition lists."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    if not DEF_START.match(_expand_tabs(_text(state, start))):
        return False
    if silent:
        return True  # a ``:`` line ends the paragraph before it: that paragraph is the terms
    tokens = state.tokens
    if len(tokens) < 3 or [t.type for t in tokens[-3:]] != ["paragraph_open", "inline", "paragraph_close"]:
        return False
    para_open, inline = tokens[-3], tokens[-2]
    if para_open.level != state.level or not para_open.map:
        return False
    gap = start - para_open.map[1]
    if gap > 1:
        return False
    del tokens[-3:]
    merge = len(tokens) >= 1 and tokens[-1].type == "dl_close" and tokens[-1].level == state.level
    dl_open = None
    if merge:
        # the list just before, when at most one blank line lies between: it goes on
        dl_open = next(
            (t for t in reversed(tokens) if t.type == "dl_open" and t.level == state.level), None
        )
        merge = dl_open is not None and bool(dl_open.map) and para_open.map[0] - dl_open.map[1] <= 1
    if merge and dl_open is not None:
        tokens.pop()
        state.level += 1
    else:
        dl_open = state.push("dl_open", "dl", 1)
        dl_open.map = [para_open.map[0], start]
    for offset, term in enumerate(inline.content.split("\n")):
        dt = state.push("dt_open", "dt", 1)
        dt.map = [para_open.map[0] + offset, para_open.map[0] + offset + 1]
        term_inline = state.push("inline", "", 0)
        term_inline.content = term.strip()
        term_inline.map = list(dt.map)
        term_inline.children = []
        state.push("dt_close", "dt", -1)
    line = start
    indent: int | None = None
    while line < end:
        found = _definition(state, line, end, indent)
        if found is None:
            break
        next_line, indent, lines, _ = found
        dd = state.push("dd_open", "dd", 1)
        dd.map = [line, next_line]
        content = "\n".join(lines)
        if content.strip():
            first = len(state.tokens)
            state.md.block.parse(content + "\n", state.md, state.env, state.tokens)
            for token in state.tokens[first:]:
                if token.map:
                    token.map = [token.map[0] + line, token.map[1] + line]
        state.push("dd_close", "dd", -1)
        line = next_line
        after = _trailing_blank(state, line, end)
        if after < end and DEF_START.match(_expand_tabs(_text(state, after))):
            line = after
            continue
        break
    dl_open.map = [dl_open.map[0], line]
    state.push("dl_close", "dl", -1)
    state.line = line
    return True


def deflist_plugin(md: MarkdownIt) -> None:
    """kramdown's definition lists in place of MyST's ``deflist``."""
    if "deflist" in [rule.name for rule in md.block.ruler.__rules__]:
        md.block.ruler.disable("deflist")
    md.block.ruler.before("paragraph", "kramdown_deflist", deflist_rule, {"alt": ["paragraph"]})


DEFINITION_LISTS = Feature("definition_lists", deflist_plugin)
