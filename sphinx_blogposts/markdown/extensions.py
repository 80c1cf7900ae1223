"""kramdown's extensions: ``{::comment}``, ``{::nomarkdown}``, ``{::options}``.

As blocks (the start tag on a line of its own, the end tag ``{:/name}`` or
``{:/}`` at the start of a later line) and inside paragraphs.  A comment
becomes a comment node; ``nomarkdown`` is raw output for its ``type``
(``html`` unless told, never read as Markdown, sanitized like the page's other
raw HTML); ``options`` sets the page's kramdown options (markdown-it env key
:data:`KRAMDOWN_OPTIONS`).  An unknown or unclosed extension stays text, with a warning
(kramdown keeps it as text silently).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from .attribute_list import parse_attribute_list
from .attributes import line_text, problem
from .feature import KRAMDOWN_OPTIONS, Feature

#: markdown-it env key: the page's kramdown options: the site's (``kramdown:`` in
#: ``_config.yml``, ``blogposts_kramdown_options``), then what ``{::options key="v" /}``
#: sets (``auto_ids``, ``toc_levels``, ``parse_block_html``...; ``"true"``/``"false"``
#: as booleans).  Read by the table of contents and by ``markdown="1"`` blocks.
KNOWN = ("comment", "nomarkdown", "options")

_START = re.compile(r"\{::(?P<name>[A-Za-z_][\w-]*)(?P<attrs>(?:\\.|[^\\}/])*)(?P<end>/)?\}")


def _end_tag(name: str) -> re.Pattern[str]:
    return re.compile(r"\{:/(?:" + re.escape(name) + r")?\}")


def _set_options(env: dict, text: str) -> None:
    parsed = parse_attribute_list(text)
    options: dict[str, Any] = env.setdefault(KRAMDOWN_OPTIONS, {})
    for key, value in parsed.attrs.items():
        options[key] = {"true": True, "false": False}.get(value.lower(), value)


def block_extension(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A known extension whose start tag fills its line (an unknown one is read as text)."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    text = line_text(state, start)
    match = _START.match(text)
    if match is None or match["name"] not in KNOWN or text[match.end() :].strip():
        return False
    name = match["name"]
    if match["end"]:
        if silent:
            return True
        token = state.push(f"kramdown_{name}", "", 0)
        token.map = [start, start + 1]
        if name == "options":
            _set_options(state.env, match["attrs"])
        state.line = start + 1
        return True
    closing = _end_tag(name)
    line = start + 1
    while line < end:
        if state.sCount[line] - state.blkIndent < 4 and closing.match(line_text(state, line)):
            break
        line += 1
    else:
        return False  # unclosed: a paragraph (the inline rule reports it)
    if silent:
        return True
    body = "".join(
        state.src[state.bMarks[n] + min(state.tShift[n], state.blkIndent) : state.eMarks[n]] + "\n"
        for n in range(start + 1, line)
    )
    token = state.push(f"kramdown_{name}", "", 0)
    token.map = [start, line + 1]
    token.content = body
    token.info = parse_attribute_list(match["attrs"]).attrs.get("type", "html")
    if name == "options":
        _set_options(state.env, match["attrs"])
    state.line = line + 1
    return True


def span_extension(state: StateInline, silent: bool) -> bool:
    """``{::name ...}...{:/}`` or ``{::name ... /}`` inside a paragraph."""
    if not state.src.startswith("{::", state.pos):
        return False
    match = _START.match(state.src, state.pos)
    if match is None:
        return False
    name = match["name"]
    body = ""
    stop = match.end()
    known = name in KNOWN
    if known and not match["end"]:
        closing = _end_tag(name).search(state.src, match.end())
        if closing is None:
            known = False
        else:
            body, stop = state.src[match.end() : closing.start()], closing.end()
    if silent:
        return True
    if not known:
        token = state.push("kramdown_kept", "", 0)
        token.content = match[0]
        what = "unknown" if name not in KNOWN else "unclosed"
        problem(token, f"{what} kramdown extension {{::{name}}}: it is kept as text")
        state.pos = match.end()
        return True
    token = state.push(f"kramdown_{name}", "", 0)
    token.content = body
    token.info = parse_attribute_list(match["attrs"]).attrs.get("type", "html")
    if name == "options":
        _set_options(state.env, match["attrs"])
    state.pos = stop
    return True


def render_kept(renderer: Any, token: Any) -> None:
    """Markup kramdown does not know, kept as the text it was."""
    renderer.current_node.append(nodes.Text(token.content))


def render_comment(renderer: Any, token: Any) -> None:
    """A comment node (no builder shows it)."""
    if token.content.strip():
        renderer.current_node.append(nodes.comment(token.content, token.content.strip("\n")))


def render_nomarkdown(renderer: Any, token: Any) -> None:
    """Raw output for the builders of its ``type`` (``html``, ``latex``...)."""
    if token.content:
        node = nodes.raw(token.content, token.content, format=(token.info or "html").lower())
        renderer.add_line_and_source_path(node, token)
        renderer.current_node.append(node)


def render_options(renderer: Any, token: Any) -> None:
    """Options show nothing (they were read while parsing)."""


def extensions_plugin(md: MarkdownIt) -> None:
    """Extensions as blocks (ending a paragraph) and inside paragraphs."""
    md.block.ruler.before("paragraph", "kramdown_extension", block_extension, {"alt": ["paragraph"]})
    md.inline.ruler.before("text", "kramdown_span_extension", span_extension)


RENDERERS: dict[str, Callable[[Any, Any], None]] = {
    "render_kramdown_comment": render_comment,
    "render_kramdown_nomarkdown": render_nomarkdown,
    "render_kramdown_options": render_options,
    "render_kramdown_kept": render_kept,
}


#: kramdown's extensions, for :data:`.dialect.DIALECT`.
EXTENSIONS = Feature("extensions", extensions_plugin, RENDERERS)
