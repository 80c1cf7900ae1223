"""kramdown's math: ``$$...$$`` alone in a block is display math, inside a paragraph inline math.

A single ``$`` is never math, so amounts in prose (``$5 and $10``) stay text.
The tokens are MyST's own ``math_block`` and ``math_inline`` (its render
methods make Sphinx's ``math_block`` and ``math`` nodes: MathJax in HTML,
LaTeX in PDF).  kramdown's tests ``block/15_math/normal`` and
``span/math/normal`` are the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from .attributes import line_text
from .feature import Feature


def _ends_block(state: StateBlock, line: int, end: int) -> bool:
    """The line after display math: the end, a blank line, an IAL or ``^``."""
    if line >= end or state.isEmpty(line) or state.sCount[line] < state.blkIndent:
        return True
    text = line_text(state, line).strip()
    return text == "^" or (text.startswith("{:") and text.endswith("}"))


def math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``$$`` at a block's start up to the first ``$$`` after it, which must end its line and the block."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("$$", begin):
        return False
    close = state.src.find("$$", begin + 2)
    if close == -1:
        return False
    line = start
    while line < end and state.eMarks[line] < close:
        if line > start and state.isEmpty(line):
            return False  # a blank line before the closing $$: a paragraph
        line += 1
    if line >= end or state.src[close + 2 : state.eMarks[line]].strip():
        return False  # text after the closing $$: inline math in a paragraph
    if not _ends_block(state, line + 1, end):
        return False  # text on the next line: a paragraph with inline math
    body = state.src[begin + 2 : close].strip()
    if not body:
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = body
    token.map = [start, line + 1]
    token.markup = "$$"
    state.line = line + 1
    return True


def math_inline(state: StateInline, silent: bool) -> bool:
    """``$$...$$`` inside a paragraph, up to the next unescaped ``$$``."""
    if not state.src.startswith("$$", state.pos):
        return False
    close = state.src.find("$$", state.pos + 2)
    while close != -1 and state.src[close - 1] == "\\":
        close = state.src.find("$$", close + 2)
    if close == -1 or not state.src[state.pos + 2 : close].strip():
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = state.src[state.pos + 2 : close].strip()
        token.markup = "$$"
    state.pos = close + 2
    return True


def math_plugin(md: MarkdownIt) -> None:
    """Display math before paragraphs; inline math before escapes are read."""
    md.block.ruler.before("paragraph", "kramdown_math_block", math_block)
    md.inline.ruler.before("escape", "kramdown_math_inline", math_inline)


#: MyST renders ``math_block`` and ``math_inline`` itself.
RENDERERS: dict[str, Callable[[Any, Any], None]] = {}


#: kramdown's math, for :data:`.dialect.DIALECT`.
MATH = Feature("math", math_plugin, RENDERERS)
