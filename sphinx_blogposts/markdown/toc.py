"""kramdown's table of contents: a list with the IAL ``{:toc}`` (``* TOC`` + ``{:toc}``).

The parse replaces the list by a :class:`kramdown_toc` placeholder that
knows the heading levels to show (``toc_levels`` of ``{::options}``, else of
``_config.yml``'s ``kramdown:``, else 1..6).  Once the page is read, its
headings are known: :func:`build_toc` (run by
:class:`..reading.kramdown_toc.KramdownToc`) makes the placeholder a bullet
list of links to them, ``id="markdown-toc"`` as kramdown writes it, leaving
out headings with the class ``no_toc``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .attribute_list import AttributeList, toc_levels
from .attributes import ATTRIBUTES, CUSTOM_ID, LEVEL, closing
from .feature import KRAMDOWN_OPTIONS, Feature

#: kramdown's id of the table of contents, and the prefix of its links' ids.
TOC_ID = "markdown-toc"


class kramdown_toc(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Where a table of contents goes; replaced while the page is read."""


def toc_lists(state: StateCore) -> None:
    """A list whose attribute list refers to ``toc`` becomes a ``kramdown_toc`` token."""
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        attributes: AttributeList | None = token.meta.get(ATTRIBUTES)
        if token.type in ("bullet_list_open", "ordered_list_open") and attributes and "toc" in attributes.refs:
            close = closing(tokens, index)
            toc = Token("kramdown_toc", "", 0)
            toc.map, toc.level, toc.block = token.map, token.level, True
            attributes.refs = [r for r in attributes.refs if r != "toc"]
            toc.meta[ATTRIBUTES] = attributes
            tokens[index : close + 1] = [toc]
        index += 1


def render_toc(renderer: Any, token: Any) -> None:
    """The placeholder, with the levels to list (the page's options: the site's, then ``{::options}``)."""
    levels = toc_levels(renderer.md_env.get(KRAMDOWN_OPTIONS, {}).get("toc_levels"))
    node = kramdown_toc(levels=list(levels))
    renderer.add_line_and_source_path(node, token)
    renderer.current_node.append(node)


def _entry(section: nodes.section, document: nodes.document) -> nodes.list_item:
    target = section["ids"][0]
    title = section.next_node(nodes.title)
    children = [child.deepcopy() for child in title.children] if title else [nodes.Text(target)]
    # links inside a heading are text in its entry (one link per entry); notes are left out
    for child in list(children):
        for inner in list(child.findall(nodes.reference)) if isinstance(child, nodes.Element) else []:
            inner.replace_self(inner.children)
    children = [c for c in children if not isinstance(c, (nodes.reference, nodes.footnote_reference, nodes.target))] or [
        nodes.Text(title.astext() if title else target)
    ]
    reference = nodes.reference("", "", *children, refid=target, internal=True)
    # kramdown: the heading's id ({#id} or its auto id, which is MyST's slug)
    own = f"{TOC_ID}-{target if section.get(CUSTOM_ID) else section.get('slug') or target}"
    if own not in document.ids:
        reference["ids"].append(own)
        document.ids[own] = reference
    return nodes.list_item("", nodes.paragraph("", "", reference))


def build_toc(document: nodes.document, placeholder: kramdown_toc) -> bool:
    """Replace ``placeholder`` by the list of the page's headings; False when there are none."""
    levels = set(placeholder.get("levels") or range(1, 7))
    root = nodes.bullet_list(classes=list(placeholder["classes"]))
    if placeholder["ids"]:
        root["ids"] = list(placeholder["ids"])
        document.ids.update(dict.fromkeys(root["ids"], root))
    elif TOC_ID not in document.ids:
        root["ids"] = [TOC_ID]
        document.ids[TOC_ID] = root
    stack: list[tuple[int, nodes.list_item]] = []
    for section in document.findall(nodes.section):
        level = section.get(LEVEL)
        if level not in levels or "no_toc" in section["classes"] or not section["ids"]:
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        container = root
        if stack:
            parent = stack[-1][1]
            if not isinstance(parent.children[-1], nodes.bullet_list):
                parent.append(nodes.bullet_list())
            container = parent.children[-1]
        item = _entry(section, document)
        container.append(item)
        stack.append((level, item))
    if not root.children:
        placeholder.parent.remove(placeholder)
        return False
    placeholder.replace_self(root)
    return True


def toc_plugin(md: MarkdownIt) -> None:
    """Lists marked ``{:toc}`` become placeholders, once block IALs are applied."""
    md.core.ruler.after("kramdown_block_ial", "kramdown_toc", toc_lists)


RENDERERS: dict[str, Callable[[Any, Any], None]] = {"render_kramdown_toc": render_toc}


#: kramdown's table of contents, for :data:`.dialect.DIALECT`.
TABLE_OF_CONTENTS = Feature("table of contents", toc_plugin, RENDERERS)
