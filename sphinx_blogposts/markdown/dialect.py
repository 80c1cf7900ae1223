"""The kramdown features added to MyST's parser, in the order they are applied.

Each feature is a markdown-it plugin (``plugin(md)``) and the render methods
for the token types it makes (``render_<type>(renderer, token)``), so one
module owns the syntax and the nodes of one kramdown construct.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt

from .abbreviations import ABBREVIATIONS
from .attributes import ATTRIBUTE_LISTS
from .block_rules import BLOCK_RULES
from .definition_lists import DEFINITION_LISTS
from .emoji import EMOJI
from .end_of_block import END_OF_BLOCK
from .extensions import EXTENSIONS
from .feature import Feature
from .footnotes import FOOTNOTES
from .html_markdown import HTML_MARKDOWN
from .math import MATH
from .smart_quotes import SMART_QUOTES
from .tables import TABLES
from .toc import TABLE_OF_CONTENTS
from .typography import TYPOGRAPHY

__all__ = ["DIALECT", "Feature", "dialect_renderers", "use_dialect"]


#: Every kramdown feature, in the order the plugins are applied to the parser.
DIALECT: tuple[Feature, ...] = (
    ATTRIBUTE_LISTS,
    EXTENSIONS,
    TABLE_OF_CONTENTS,
    END_OF_BLOCK,
    ABBREVIATIONS,
    MATH,
    TABLES,
    FOOTNOTES,
    TYPOGRAPHY,
    HTML_MARKDOWN,
    DEFINITION_LISTS,
    BLOCK_RULES,
    SMART_QUOTES,
    EMOJI,
)


def use_dialect(md: MarkdownIt) -> MarkdownIt:
    """Add every feature of :data:`DIALECT` to ``md`` (MyST's parser)."""
    for feature in DIALECT:
        feature.plugin(md)
    return md


def dialect_renderers() -> dict[str, Callable[[Any, Any], None]]:
    """``render_<token type>`` → function, for :class:`.renderer.KramdownRenderer`."""
    rules: dict[str, Callable[[Any, Any], None]] = {}
    for feature in DIALECT:
        rules.update(feature.renderers)
    return rules
