"""Markdown inside HTML blocks: ``markdown="1"`` / ``"block"`` / ``"span"``, and
kramdown's ``parse_block_html`` option.

kramdown reads the content of ``<div markdown="1">…</div>`` as Markdown
(blocks or spans, by the element's content model or the attribute's value)
and writes the element itself without the ``markdown`` attribute.  Here the
opening and closing tags become raw HTML blocks around the tokens of the
content, parsed by the same parser (so nested elements work), with the line
numbers of the source.  The HTML converter (:mod:`..html.figures`) then
handles a ``<figure>`` as it always does.  ``markdown="0"`` (and an element
kramdown reads raw) stays raw HTML, the attribute removed.

``parse_block_html`` comes from ``_config.yml`` (``kramdown:
parse_block_html: true``) or a document's ``{::options parse_block_html="true"
/}``, both in the markdown-it environment's ``kramdown_options``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore

from ..core.warnings import BlogWarning, warn
from .feature import KRAMDOWN_OPTIONS, Feature

#: kramdown's content models (``Kramdown::Parser::Html``): how an element's content is read.
BLOCK_MODEL = frozenset(
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption "
    "footer form header hgroup iframe li main map menu nav noscript object section summary td".split()
)
SPAN_MODEL = frozenset(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split()
)
#: Elements ``parse_block_html`` reads (kramdown's block elements with a Markdown content model).
BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup li main nav p section summary".split()
)
OPEN_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s=>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*>"
)
MARKDOWN_ATTR = re.compile(r"""\s+markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
#: The markdown-it environment's key of kramdown's options (``_config.yml``, ``{::options}``).


def _enabled(value: object) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def parse_mode(tag: str, attrs: str, parse_block_html: bool) -> str | None:
    """How the content of ``<tag attrs>`` is read: ``"block"``, ``"span"``, ``"raw"``,
    or ``None`` (not this feature's: plain raw HTML, as CommonMark reads it)."""
    tag = tag.lower()
    m = MARKDOWN_ATTR.search(attrs)
    if m is None:
        if not parse_block_html or tag not in BLOCK_ELEMENTS:
            return None
        value = "1"
    else:
        value = next(g for g in m.groups() if g is not None).strip().lower()
    if value in ("block", "span"):
        return value
    if value == "0":
        return "raw"
    return "block" if tag in BLOCK_MODEL else "span" if tag in SPAN_MODEL else "raw"


def without_markdown_attr(tag_text: str) -> str:
    """An opening tag without its ``markdown`` attribute (kramdown never writes it)."""
    return MARKDOWN_ATTR.sub("", tag_text)


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def code_spans(text: str, start: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of fenced code blocks after ``start``: a tag there
    is code, not the element's content."""
    spans: list[tuple[int, int]] = []
    fence, opened = "", 0
    offset = text.rfind("\n", 0, start) + 1
    for line in text[offset:].splitlines(keepends=True):
        m = FENCE.match(line)
        if fence and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            spans.append((opened, offset + len(line)))
            fence = ""
        elif not fence and m:
            fence, opened = m.group(1), offset
        offset += len(line)
    if fence:
        spans.append((opened, len(text)))
    return spans


def find_close(text: str, tag: str, start: int, mode: str) -> tuple[int, int] | None:
    """``(start, end)`` of the tag that closes the element whose content starts at
    ``start``.  In block mode a tag counts only at the start of a line or on the
    opening line, and never inside fenced code (``</div>`` in code does not close)."""
    pattern = re.compile(rf"<(/?){re.escape(tag)}(?=[\s>/])[^>]*>", re.IGNORECASE)
    first_line_end = text.find("\n", start)
    skipped = code_spans(text, start) if mode == "block" else []
    depth = 1
    for m in pattern.finditer(text, start):
        if mode == "block":
            line_start = text.rfind("\n", 0, m.start()) + 1
            at_line_start = not text[line_start : m.start()].strip()
            on_open_line = first_line_end == -1 or m.start() < first_line_end
            in_code = any(a <= m.start() < b for a, b in skipped)
            if in_code or not (at_line_start or on_open_line):
                continue
        if not m.group(1):
            if not m.group(0).endswith("/>"):
                depth += 1
            continue
        depth -= 1
        if depth == 0:
            return m.start(), m.end()
    return None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _classes(attrs: str) -> str | None:
    m = CLASS_ATTR.search(attrs or "")
    return next((g for g in m.groups() if g is not None), None) if m else None


def _parse_into(state: StateBlock, content: str, line: int, mode: str, classes: str | None = None) -> None:
    """Parse ``content`` (whose first line is ``line`` of the source) into ``state.tokens``;
    ``classes``: those of a ``<p>`` that is the paragraph made of its spans."""
    if not content.strip():
        return
    first = len(state.tokens)
    if mode == "span":
        token = state.push("paragraph_open", "p", 1)
        if classes:
            token.attrs["class"] = classes
        token.map = [line, line + content.count("\n") + 1]
        inline = state.push("inline", "", 0)
        inline.content = content.strip()
        inline.map = list(token.map)
        inline.children = []
        state.push("paragraph_close", "p", -1)
        return
    state.md.block.parse(content, state.md, state.env, state.tokens)
    for token in state.tokens[first:]:
        if token.map:
            token.map = [token.map[0] + line, token.map[1] + line]


def _raw(state: StateBlock, html: str, line: int) -> None:
    token = state.push("html_block", "", 0)
    token.content = html + "\n"
    token.map = [line, line + html.count("\n") + 1]


def _report(state: StateBlock, message: str, line: int) -> None:
    document = state.md.options.get("document")
    env = getattr(getattr(document, "settings", None), "env", None)
    if env is not None:
        warn(message, BlogWarning.KRAMDOWN, location=(env.docname, line + 1))


def html_markdown_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """An HTML block element whose content kramdown reads as Markdown."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    head = state.getLines(start, start + 1, state.blkIndent, False).lstrip(" ")
    if not head.startswith("<") or head.startswith("</"):
        return False
    text = state.getLines(start, end, state.blkIndent, False)
    text = text[len(text) - len(text.lstrip(" ")) :]
    opening = OPEN_TAG.match(text)
    if opening is None:
        return False
    tag = opening.group(1)
    options = state.env.get(KRAMDOWN_OPTIONS) if isinstance(state.env, dict) else None
    parse_block_html = _enabled((options or {}).get("parse_block_html", False))
    mode = parse_mode(tag, opening.group(2) or "", parse_block_html)
    if mode is None or mode == "raw":
        return False  # raw HTML: markdown-it's own rule (the attribute is removed later)
    if silent:
        return True
    close = find_close(text, tag, opening.end(), mode)
    open_html = without_markdown_attr(opening.group(0))
    content_start = opening.end()
    if text.startswith("\n", content_start):
        content_start += 1
    content_line = start + _line_of(text, content_start)
    # a <p> read as spans is the paragraph itself (not a paragraph in a <p>)
    paragraph = tag.lower() == "p" and mode == "span"
    if close is None:
        _report(state, f"<{tag}> is never closed; its content is read as Markdown to the end", start)
        if not paragraph:
            _raw(state, open_html, start)
        _parse_into(state, text[content_start:], content_line, mode, _classes(opening.group(2)) if paragraph else None)
        if not paragraph:
            _raw(state, f"</{tag}>", end - 1)  # closed where kramdown closes it, at the end
        state.line = end
        return True
    if not paragraph:
        _raw(state, open_html, start)
    _parse_into(state, text[content_start : close[0]], content_line, mode, _classes(opening.group(2)) if paragraph else None)
    close_line = start + _line_of(text, close[0])
    if not paragraph:
        _raw(state, text[close[0] : close[1]], close_line)
    line_end = text.find("\n", close[1])
    trailing = text[close[1] : line_end if line_end != -1 else len(text)]
    if trailing.strip():
        _parse_into(state, trailing.strip(), close_line, "block")
    state.line = close_line + 1
    return True


def strip_markdown_attrs(state: StateCore) -> None:
    """Raw HTML blocks left to markdown-it (``markdown="0"``) lose the attribute too."""
    for token in state.tokens:
        if token.type == "html_block" and "markdown" in token.content.lower():
            token.content = OPEN_TAG.sub(lambda m: without_markdown_attr(m.group(0)), token.content)


def html_markdown_plugin(md: MarkdownIt) -> None:
    """The block rule, before markdown-it's raw HTML rule (which it may interrupt too)."""
    md.block.ruler.before(
        "html_block", "kramdown_html_markdown", html_markdown_rule, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    md.core.ruler.after("block", "kramdown_html_markdown_attrs", strip_markdown_attrs)


HTML_MARKDOWN = Feature("html_markdown", html_markdown_plugin)
