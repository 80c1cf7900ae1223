"""kramdown's block rules where CommonMark's differ: indented code with lazy
lines, and bullet lists whose marker changes.

* **Indented code** (kramdown's ``CODEBLOCK_MATCH``): after an indented line,
  a non-blank line that is not indented still belongs to the code block (a
  lazy line), joined to the line before it by a space; blank lines followed
  by more indented lines continue it.  CommonMark ends the block there.
* **Bullet lists**: kramdown's list continues when the marker changes
  (``*``, ``+``, ``-``), with or without a blank line between the items;
  CommonMark starts a new list.  Adjacent bullet lists are merged into one.
  (An end-of-block marker ``^`` between them keeps them apart: it is a token
  of its own between the two lists.)
* **Empty links**: ``[](#part)`` stays an empty link, as kramdown writes it;
  MyST would fill a link without text with the title of its target.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .feature import Feature

#: Lines that end a lazy code line run (kramdown: an IAL, an end-of-block marker, an HTML tag).
LAZY_STOP = re.compile(r"^ {0,3}(?:\{:(?!:|/)|\^\s*$|</?[A-Za-z])")


def _indent(state: StateBlock, line: int) -> int:
    return state.sCount[line] - state.blkIndent


def _strip_indent(text: str, columns: int = 4) -> str:
    """``text`` less ``columns`` columns of leading spaces or a tab."""
    expanded = text.expandtabs(4) if text.startswith("\t") or text.startswith(" \t") else text
    removed = 0
    while removed < columns and expanded[removed : removed + 1] == " ":
        removed += 1
    return expanded[removed:]


def code_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """An indented code block, with kramdown's lazy lines."""
    if _indent(state, start) < 4 or state.isEmpty(start):
        return False
    if silent:
        return True
    lines: list[str] = []
    line = start
    last = start
    keep = 0  # how many of ``lines`` end at ``last`` (trailing blank lines are not code)
    lazy_allowed = False
    while line < end:
        text = state.getLines(line, line + 1, state.blkIndent, False).rstrip("\n")
        if state.isEmpty(line):
            lines.append("")
            lazy_allowed = False
        elif _indent(state, line) >= 4:
            lines.append(_strip_indent(text))
            last, keep = line, len(lines)
            lazy_allowed = True
        elif lazy_allowed and state.sCount[line] >= state.blkIndent and not LAZY_STOP.match(text):
            # kramdown joins a lazy line to the line before it with a space
            lines[-1] = lines[-1] + " " + text
            last, keep = line, len(lines)
        else:
            break
        line += 1
    del lines[keep:]
    token = state.push("code_block", "code", 0)
    token.content = "\n".join(lines) + "\n"
    token.map = [start, last + 1]
    state.line = last + 1
    return True


def merge_bullet_lists(state: StateCore) -> None:
    """One list where kramdown sees one: adjacent bullet lists, whatever their markers."""
    tokens = state.tokens
    index = 1
    while index < len(tokens):
        previous, token = tokens[index - 1], tokens[index]
        if (
            previous.type == "bullet_list_close"
            and token.type == "bullet_list_open"
            and previous.level == token.level
        ):
            opening = _opening(tokens, index - 1)
            if opening is not None and opening.map and token.map:
                opening.map = [opening.map[0], token.map[1]]
            del tokens[index - 1 : index + 1]
            index -= 1
            continue
        index += 1


def _opening(tokens: list, close_index: int):  # noqa: ANN202 - a Token or None
    level = tokens[close_index].level
    for i in range(close_index - 1, -1, -1):
        if tokens[i].type == "bullet_list_open" and tokens[i].level == level:
            return tokens[i]
    return None


def keep_empty_links(state: StateCore) -> None:
    """An empty text inside each link without text, so that it stays empty."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children = token.children
        for index in range(len(children) - 1, 0, -1):
            if children[index].type == "link_close" and children[index - 1].type == "link_open":
                children.insert(index, Token("text", "", 0))


def block_rules_plugin(md: MarkdownIt) -> None:
    """kramdown's code blocks in place of CommonMark's; lists merged after parsing;
    empty links kept empty."""
    md.block.ruler.at("code", code_rule)
    md.core.ruler.after("block", "kramdown_bullet_lists", merge_bullet_lists)
    md.core.ruler.push("kramdown_empty_links", keep_empty_links)


BLOCK_RULES = Feature("block_rules", block_rules_plugin)
