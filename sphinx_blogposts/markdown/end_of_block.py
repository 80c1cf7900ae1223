"""kramdown's end-of-block marker: ``^`` alone on a line ends the block before it.

Two lists separated by ``^`` are two lists; after a list, ``^`` lets an
indented code block follow instead of continuing the list.  The marker
shows nothing (kramdown's tests ``block/02_eob``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from .attributes import line_text
from .feature import Feature

_MARKER = re.compile(r"^\^[ \t]*$")


def end_of_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``^`` alone on a line (it also ends a paragraph, a list or a quote)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    if not _MARKER.match(line_text(state, start)):
        return False
    if not silent:
        token = state.push("kramdown_eob", "", 0)
        token.map = [start, start + 1]
        token.hidden = True
    state.line = start + 1
    return True


def render_end_of_block(renderer: Any, token: Any) -> None:
    """The marker shows nothing."""


def end_of_block_plugin(md: MarkdownIt) -> None:
    """The marker as a block rule that ends the blocks before it."""
    md.block.ruler.before(
        "paragraph", "kramdown_eob", end_of_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )


RENDERERS: dict[str, Callable[[Any, Any], None]] = {"render_kramdown_eob": render_end_of_block}


#: kramdown's end of block, for :data:`.dialect.DIALECT`.
END_OF_BLOCK = Feature("end of block", end_of_block_plugin, RENDERERS)
