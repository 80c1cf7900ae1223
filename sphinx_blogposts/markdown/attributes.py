"""kramdown's attribute lists: block IALs, ALDs, span IALs and ``{#id}`` headings.

* A block IAL ``{: ...}`` on a line of its own applies to the block it
  directly follows; after a blank line, to the block directly after it; with
  neither, it is dropped with a warning (kramdown drops it silently).
* An ALD ``{:name: ...}`` names a list that IALs refer to, anywhere in the page.
* A span IAL ``{: ...}`` directly after a span element (link, image, code,
  emphasis) applies to it; after plain text it stays text, as in kramdown.
* ``## Title {#id}`` gives the heading that id.

The parse marks the tokens (``token.meta[ATTRIBUTES]``); :func:`with_attributes`
copies the marks to the node MyST made of the token: the id (a target) and the
classes for every builder, the other attributes in ``blogposts_attrs`` for the
HTML translator (:mod:`..output.kramdown_attributes`), after the same safety
rule as raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from html import escape as html_escape

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..core.warnings import BlogWarning, warn
from .attribute_list import BLOCK_LINE, SPAN, AttributeList, parse_attribute_list, resolve, safe_attributes
from .feature import Feature

#: ``token.meta`` key: the :class:`AttributeList` that applies to the token's node.
ATTRIBUTES = "kramdown_attributes"
#: ``token.meta`` key: messages to report at the token's line when it is rendered.
PROBLEMS = "kramdown_problems"
#: markdown-it env key: the page's ALDs by name.
ALDS = "kramdown_alds"
#: The node attribute with the attributes written in HTML only (``target``, ``rel``...).
HTML_ATTRIBUTES = "blogposts_attrs"
#: The section attribute with the Markdown heading level (``toc_levels`` counts it).
LEVEL = "blogposts_level"
#: The section attribute that says its id was written (``{#id}``), not made from its title.
CUSTOM_ID = "blogposts_custom_id"

_HEADER_ID = re.compile(r"[\t ]\{#(?P<id>[A-Za-z][\w:-]*)\}[\t ]*$")
_SPAN_TARGETS = ("code_inline", "image", "math_inline", "kramdown_abbr")
_HIDDEN = ("kramdown_ial", "kramdown_ald", "kramdown_eob", "kramdown_options")


def problem(token: Token, message: str) -> None:
    """Note a problem, reported (with its line) when the token is rendered."""
    token.meta.setdefault(PROBLEMS, []).append(message)


# --- parsing ---------------------------------------------------------------


def line_text(state: StateBlock, line: int) -> str:
    """Line ``line`` of the source, without its indentation."""
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def block_attribute_line(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``{: ...}`` or ``{:name: ...}`` alone on a line (it also ends a paragraph)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    match = BLOCK_LINE.match(" " * min(3, max(0, state.sCount[start] - state.blkIndent)) + line_text(state, start))
    if match is None:
        return False
    if silent:
        return True
    parsed = parse_attribute_list(match["body"])
    if match["ald"]:
        token = state.push("kramdown_ald", "", 0)
        alds: dict[str, AttributeList] = state.env.setdefault(ALDS, {})
        alds.setdefault(match["ald"], AttributeList()).merge(parsed)
    else:
        token = state.push("kramdown_ial", "", 0)
        token.meta["ial"] = parsed
    token.map = [start, start + 1]
    token.hidden = True
    if parsed.invalid:
        problem(token, f"kramdown attribute list: ignored {', '.join(repr(p) for p in parsed.invalid)}")
    state.line = start + 1
    return True


def span_attribute_list(state: StateInline, silent: bool) -> bool:
    """``{: ...}`` inside a paragraph: a span IAL (its target is found after emphasis is paired)."""
    if not state.src.startswith("{:", state.pos):
        return False
    match = SPAN.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("kramdown_span_ial", "", 0)
        token.content = match[0]
        token.meta["ial"] = parse_attribute_list(match["body"])
    state.pos = match.end()
    return True


# --- applying --------------------------------------------------------------


def _merge_into(token: Token, ial: AttributeList) -> None:
    current: AttributeList | None = token.meta.get(ATTRIBUTES)
    if current is None:
        current = token.meta[ATTRIBUTES] = AttributeList()
    current.merge(ial)


def opening(tokens: list[Token], close: int) -> int:
    """The index of the ``_open`` token that ``tokens[close]`` closes."""
    depth = 0
    for index in range(close, -1, -1):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return close


def closing(tokens: list[Token], open_: int) -> int:
    """The index of the ``_close`` token of ``tokens[open_]``."""
    depth = 0
    for index in range(open_, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return open_


def _block_end(tokens: list[Token], index: int) -> int | None:
    """The line after the block that ends at ``tokens[index]`` (None: not a block)."""
    token = tokens[index]
    if token.nesting == -1:
        start = tokens[opening(tokens, index)]
        return start.map[1] if start.map else None
    if token.nesting == 0 and token.block and token.type not in _HIDDEN and token.map:
        return token.map[1]
    return None


def apply_block_attributes(state: StateCore) -> None:
    """Every block IAL to the block before it (no blank line) or after it."""
    tokens = state.tokens
    alds: dict[str, AttributeList] = state.env.get(ALDS, {})
    _list_item_attributes(tokens)
    _html_block_attributes(tokens)
    for index, token in enumerate(tokens):
        if token.type != "kramdown_ial":
            continue
        ial = resolve(token.meta["ial"], alds)
        target = _preceding_block(tokens, index)
        if target is None:
            target = _following_block(tokens, index)
        if target is None:
            problem(token, "kramdown attribute list applies to no block (a blank line on both sides); it is ignored")
            continue
        _merge_into(tokens[target], ial)


def _preceding_block(tokens: list[Token], index: int) -> int | None:
    line = tokens[index].map[0]
    before = index - 1
    while before >= 0 and tokens[before].type == "kramdown_ial":
        line = tokens[before].map[0]
        before -= 1
    if before < 0 or tokens[before].level != tokens[index].level:
        return None
    end = _block_end(tokens, before)
    if end is None or end != line:
        return None
    return opening(tokens, before) if tokens[before].nesting == -1 else before


def _following_block(tokens: list[Token], index: int) -> int | None:
    line = tokens[index].map[1]
    after = index + 1
    while after < len(tokens) and tokens[after].type == "kramdown_ial":
        line = tokens[after].map[1]
        after += 1
    if after >= len(tokens):
        return None
    token = tokens[after]
    if token.level != tokens[index].level or token.nesting == -1 or not token.map or token.map[0] != line:
        return None
    if token.type in _HIDDEN or token.type == "kramdown_ald":
        return None
    return after


def _html_block_attributes(tokens: list[Token]) -> None:
    """CommonMark runs an HTML block to the next blank line; a last line ``{: ...}`` is an IAL."""
    for token in tokens:
        if token.type != "html_block":
            continue
        lines = token.content.rstrip("\n").split("\n")
        if len(lines) < 2:
            continue
        match = BLOCK_LINE.match(lines[-1])
        if match is None or match["ald"]:
            continue
        token.content = "\n".join(lines[:-1]) + "\n"
        _merge_into(token, parse_attribute_list(match["body"]))


def _list_item_attributes(tokens: list[Token]) -> None:
    """``* {:.cls} text``: an IAL that opens a list item applies to the item."""
    for index, token in enumerate(tokens[:-2]):
        if token.type != "list_item_open" or tokens[index + 1].type != "paragraph_open":
            continue
        inline = tokens[index + 2]
        match = SPAN.match(inline.content)
        if inline.type == "inline" and match and match.start() == 0:
            _merge_into(token, parse_attribute_list(match["body"]))
            inline.content = inline.content[match.end() :].lstrip()


def heading_ids(state: StateCore) -> None:
    """``## Title {#id}``: the marker leaves the title, the id goes to the heading."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open" or tokens[index + 1].type != "inline":
            continue
        inline = tokens[index + 1]
        match = _HEADER_ID.search(inline.content)
        if match:
            inline.content = inline.content[: match.start()].rstrip()
            _merge_into(token, AttributeList(id=match["id"]))


def apply_span_attributes(state: StateCore) -> None:
    """Every span IAL to the span element directly before it; else it stays text."""
    alds: dict[str, AttributeList] = state.env.get(ALDS, {})
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        target: int | None = None
        for index, child in enumerate(children):
            if child.type != "kramdown_span_ial":
                target = None
                continue
            before = index - 1
            while before >= 0 and children[before].type == "text" and not children[before].content:
                before -= 1  # what is left of a delimiter run (``**``) once emphasis is paired
            previous = children[before] if before >= 0 else None
            if target is None and previous is not None:
                if previous.nesting == -1 and previous.type != "kramdown_span_ial":
                    target = opening(children, before)
                elif previous.type in _SPAN_TARGETS:
                    target = before
            if target is None:
                child.type = "text"  # kramdown: after text, the IAL is text
                continue
            _merge_into(children[target], resolve(child.meta["ial"], alds))
            child.hidden = True


# --- rendering -------------------------------------------------------------


def render_nothing(renderer: Any, token: Any) -> None:
    """IALs, ALDs and hidden span IALs show nothing (their problems are reported)."""


def report(renderer: Any, token: Any) -> None:
    """Report the problems noted on ``token`` at its line."""
    for message in token.meta.get(PROBLEMS, ()) if token.meta else ():
        warn(message, BlogWarning.KRAMDOWN, location=(renderer.document.settings.env.docname, _token_line(token)))


def _token_line(token: Any) -> int:
    return token.map[0] if token.map else 1


def with_attributes(renderer: Any, rule: Callable[[Any], None]) -> Callable[[Any], None]:
    """``rule`` (a render method), then the token's attributes on the node it made."""

    def render(token: Any) -> None:
        meta = token.meta or {}
        if PROBLEMS in meta:
            report(renderer, token)
        attributes: AttributeList | None = meta.get(ATTRIBUTES)
        if attributes is None and token.type != "heading":
            rule(token)
            return
        parent = renderer.current_node
        count = len(parent.children)
        rule(token)
        target: nodes.Element | None
        if token.type == "heading" and isinstance(renderer.current_node, nodes.section) and renderer.current_node is not parent:
            target = renderer.current_node
            target[LEVEL] = int(token.tag[1])
        else:
            target = next((c for c in parent.children[count:] if isinstance(c, nodes.Element)), None)
        if attributes is not None and target is not None:
            apply_to_node(renderer, target, attributes, token)

    return render


def apply_to_node(renderer: Any, node: nodes.Element, attributes: AttributeList, token: Any) -> None:
    """Classes and id on ``node`` (every builder); other attributes for HTML."""
    document: nodes.document = renderer.document
    location = (document.settings.env.docname, _token_line(token))
    if isinstance(node, nodes.raw):
        _into_first_tag(node, attributes, location)
        return
    node["classes"].extend(c for c in attributes.classes if c not in node["classes"])
    if attributes.id:
        owner = document.ids.get(attributes.id)
        if owner is not None and owner is not node:
            warn(f"kramdown id {attributes.id!r} is used twice in the page; the second one is ignored",
                 BlogWarning.KRAMDOWN, location=location)
        elif owner is None:
            node["ids"].insert(0, attributes.id)
            document.ids[attributes.id] = node
            if isinstance(node, nodes.section):
                node[CUSTOM_ID] = True
                # MyST resolves ``[x](#id)`` with its heading slugs
                slugs = getattr(renderer, "_heading_slugs", None)
                if isinstance(slugs, dict) and attributes.id not in slugs:
                    title = node.next_node(nodes.title)
                    slugs[attributes.id] = (node.line, attributes.id, title.astext() if title else "")
    kept, refused = safe_attributes(node.tagname, attributes.attrs)
    for why in refused:
        warn(f"kramdown attribute {why} is not written (it could run script or restyle the site)",
             BlogWarning.KRAMDOWN, location=location)
    if kept:
        node[HTML_ATTRIBUTES] = {**node.get(HTML_ATTRIBUTES, {}), **kept}


_FIRST_TAG = re.compile(r"^(?P<open>\s*<[A-Za-z][\w:-]*)(?P<attrs>(?:\s+[^\s>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)")


def _into_first_tag(node: nodes.raw, attributes: AttributeList, location: tuple[str, int]) -> None:
    """An IAL after an HTML block goes on its first element, as kramdown parses it."""
    text = node.astext()
    match = _FIRST_TAG.match(text)
    if match is None:
        warn("kramdown attribute list after HTML that starts with no element; it is ignored",
             BlogWarning.KRAMDOWN, location=location)
        return
    own = match["attrs"]
    added = ""
    if attributes.classes:
        classes = " ".join(attributes.classes)
        existing = re.search(r"""(\sclass\s*=\s*)(["'])(.*?)\2""", own, re.IGNORECASE)
        if existing:
            own = own[: existing.start(3)] + f"{existing[3]} {html_escape(classes)}" + own[existing.end(3) :]
        else:
            added += f' class="{html_escape(classes)}"'
    kept, refused = safe_attributes("div", attributes.attrs)
    for why in refused:
        warn(f"kramdown attribute {why} is not written (it could run script or restyle the site)",
             BlogWarning.KRAMDOWN, location=location)
    if attributes.id:
        kept = {"id": attributes.id, **kept}
    for name, value in kept.items():
        if not re.search(rf"\s{re.escape(name)}(\s*=|\s|$)", own, re.IGNORECASE):
            added += f' {name}="{html_escape(value)}"'
    text = match["open"] + own + added + text[match.end() :]
    node.rawsource = text
    node.children = []
    node += nodes.Text(text)


def attributes_plugin(md: MarkdownIt) -> None:
    """Block IALs and ALDs, span IALs and ``{#id}`` headings."""
    md.block.ruler.before(
        "paragraph", "kramdown_ial", block_attribute_line, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.inline.ruler.before("text", "kramdown_span_ial", span_attribute_list)
    md.core.ruler.after("block", "kramdown_heading_ids", heading_ids)
    md.core.ruler.after("kramdown_heading_ids", "kramdown_block_ial", apply_block_attributes)
    md.core.ruler.after("inline", "kramdown_span_ial", apply_span_attributes)


RENDERERS: dict[str, Callable[[Any, Any], None]] = {
    "render_kramdown_ial": render_nothing,
    "render_kramdown_ald": render_nothing,
    "render_kramdown_span_ial": render_nothing,
}


#: kramdown's attribute lists, for :data:`.dialect.DIALECT`.
ATTRIBUTE_LISTS = Feature("attribute lists", attributes_plugin, RENDERERS)
