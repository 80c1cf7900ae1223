"""kramdown's typographic symbols: ``---`` —, ``--`` –, ``...`` …, ``<<`` «,
``>>`` », and ``<< x >>`` with no-break spaces inside the guillemets.

Only text is changed: code spans, raw HTML, math and the text of autolinks
(a URL) are other token types or are skipped, and so are kramdown's
attribute lists (``{: .notice--info}``), whatever reads them later.  ``\\<<`` stays ``<<`` (the
backslash escapes the first ``<``).  ``<<`` is an inline rule that runs before
markdown-it's raw HTML rule, because kramdown reads ``<<is>>`` as «is», never
as the tag ``<is>``; the other symbols are replaced in text tokens once the
inline content is parsed, before MyST's smart quotes see them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

from .feature import Feature

NBSP = "\u00a0"
#: kramdown's symbols, longest first (its ``TYPOGRAPHIC_SYMS``, less the ``<<`` ones).
SYMBOLS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", " >>": NBSP + "\u00bb", ">>": "\u00bb"}
SYMBOL_RE = re.compile("|".join(re.escape(k) for k in SYMBOLS))
#: kramdown's attribute lists and extensions (``{: .notice--info}``, ``{:target="_blank"}``,
#: ``{#id}``, ``{::comment}``): their text is syntax, never typography.
IAL_SPAN = re.compile(r"\{:[^}\n]*\}|\{#[^}\s]*\}")
#: Links whose text is their address: never changed.
URL_LINKS = frozenset(("autolink", "linkify"))


def outside_ials(text: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the parts of ``text`` that are not attribute lists."""
    out, pos = [], 0
    for m in IAL_SPAN.finditer(text):
        out += [change(text[pos : m.start()]), m.group(0)]
        pos = m.end()
    out.append(change(text[pos:]))
    return "".join(out)


def substitute(text: str) -> str:
    """``text`` with kramdown's typographic symbols (``<<`` aside: :func:`guillemet_rule`)."""
    return outside_ials(text, lambda part: SYMBOL_RE.sub(lambda m: SYMBOLS[m.group(0)], part))


def guillemet_rule(state: StateInline, silent: bool) -> bool:
    """``<<`` (and ``<< ``) as an opening guillemet, before raw HTML is tried."""
    pos = state.pos
    if not state.src.startswith("<<", pos):
        return False
    spaced = state.src.startswith(" ", pos + 2)
    if not silent:
        token = state.push("text", "", 0)
        token.content = "\u00ab" + (NBSP if spaced else "")
    state.pos = pos + (3 if spaced else 2)
    return True


def typography_rule(state: StateCore) -> None:
    """Replace the symbols in the text tokens of every inline token but headings'
    (their ids are made from the text as written: :func:`render_heading`)."""
    for index, token in enumerate(state.tokens):
        if token.type != "inline" or not token.children:
            continue
        if index and state.tokens[index - 1].type == "heading_open":
            continue
        in_url = 0
        for child in token.children:
            if child.type == "link_open" and child.markup in URL_LINKS:
                in_url += 1
            elif child.type == "link_close" and child.markup in URL_LINKS:
                in_url -= 1
            elif child.type == "text" and not in_url:
                child.content = substitute(child.content)


#: Nodes whose text is never typography.
VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.reference)


def render_heading(renderer: Any, token: Any) -> None:
    """MyST's heading, its id made from the text as written (kramdown: ``## A -- B`` is
    ``#a----b``), then the symbols in its text."""
    SphinxRenderer.render_heading(renderer, token)
    current = renderer.current_node
    if isinstance(current, nodes.section) and current.children and isinstance(current[0], nodes.title):
        heading: nodes.Element = current[0]
    elif current.children and isinstance(current[-1], nodes.rubric):
        heading = current[-1]
    else:
        return
    for text in list(heading.findall(nodes.Text)):
        if isinstance(text.parent, VERBATIM) or text.parent is None:
            continue
        changed = substitute(text.astext())
        if changed != text.astext():
            text.parent.replace(text, nodes.Text(changed))


def typography_plugin(md: MarkdownIt) -> None:
    """kramdown's ``typographic_syms``: an inline rule and a core rule."""
    md.inline.ruler.before("html_inline", "kramdown_guillemets", guillemet_rule)
    md.core.ruler.after("inline", "kramdown_typography", typography_rule)


TYPOGRAPHY = Feature("typography", typography_plugin, {"render_heading": render_heading})
