"""kramdown's abbreviations: ``*[HTML]: Hyper Text Markup Language``.

A definition line shows nothing; every whole-word occurrence of the
abbreviation in the page's text (not in code, addresses or raw HTML) becomes
an ``abbreviation`` node with the ``explanation`` (``<abbr title>`` in HTML).
Definitions hold for the whole page, wherever they are; a later one wins, and
an IAL next to a definition gives its classes to every occurrence (kramdown's
test ``span/abbreviations/abbrev``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .attribute_list import AttributeList
from .attributes import ATTRIBUTES, line_text
from .feature import Feature

#: markdown-it env key: abbreviation → (explanation, definition token).
ABBREVIATIONS_KEY = "kramdown_abbreviations"
_DEFINITION = re.compile(r"^\*\[(?P<abbr>[^\]\n]+)\]:[ \t]*(?P<title>.*?)\s*$")


def definition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``*[abbr]: explanation`` on a line of its own (noted in the env for the whole page)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    match = _DEFINITION.match(line_text(state, start))
    if match is None or not match["abbr"].strip():
        return False
    if not silent:
        token = state.push("kramdown_abbreviation", "", 0)
        token.map = [start, start + 1]
        token.hidden = True
        abbr = " ".join(match["abbr"].split())
        state.env.setdefault(ABBREVIATIONS_KEY, {})[abbr] = (match["title"], token)
    state.line = start + 1
    return True


def _pattern(abbreviations: list[str]) -> re.Pattern[str]:
    # longest first, so "CSS3" is not read as "CSS" + "3"; inner spaces match any run
    parts = [r"\s+".join(re.escape(word) for word in abbr.split()) for abbr in sorted(abbreviations, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def mark_abbreviations(state: StateCore) -> None:
    """Split the text tokens of the page where an abbreviation occurs."""
    found: dict[str, tuple[str, Token]] = state.env.get(ABBREVIATIONS_KEY, {})
    if not found:
        return
    pattern = _pattern(list(found))
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for child in block.children:
            if child.type != "text" or not pattern.search(child.content):
                children.append(child)
                continue
            pos = 0
            for match in pattern.finditer(child.content):
                if match.start() > pos:
                    children.append(_text(child, child.content[pos : match.start()]))
                title, source = found[" ".join(match[0].split())]
                abbr = Token("kramdown_abbr", "abbr", 0)
                abbr.content, abbr.map, abbr.level = match[0], child.map, child.level
                abbr.meta["title"] = title
                attributes: AttributeList | None = source.meta.get(ATTRIBUTES)
                if attributes is not None:
                    abbr.meta["classes"] = list(attributes.classes)
                children.append(abbr)
                pos = match.end()
            if pos < len(child.content):
                children.append(_text(child, child.content[pos:]))
        block.children = children


def _text(model: Token, content: str) -> Token:
    token = Token("text", "", 0)
    token.content, token.map, token.level = content, model.map, model.level
    return token


def render_abbreviation(renderer: Any, token: Any) -> None:
    """An ``abbreviation`` node with its ``explanation`` (none for an empty definition)."""
    node = nodes.abbreviation(token.content, token.content)
    if token.meta.get("title"):
        node["explanation"] = token.meta["title"]
    node["classes"].extend(token.meta.get("classes", ()))
    renderer.add_line_and_source_path(node, token)
    renderer.current_node.append(node)


def render_definition(renderer: Any, token: Any) -> None:
    """A definition shows nothing."""


def abbreviations_plugin(md: MarkdownIt) -> None:
    """Definitions while blocks are read; occurrences once all text is final."""
    md.block.ruler.before("paragraph", "kramdown_abbreviation", definition, {"alt": ["paragraph"]})
    md.core.ruler.push("kramdown_abbreviations", mark_abbreviations)


RENDERERS: dict[str, Callable[[Any, Any], None]] = {
    "render_kramdown_abbr": render_abbreviation,
    "render_kramdown_abbreviation": render_definition,
}


#: kramdown's abbreviations, for :data:`.dialect.DIALECT`.
ABBREVIATIONS = Feature("abbreviations", abbreviations_plugin, RENDERERS)
