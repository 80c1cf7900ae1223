"""Footnotes as kramdown numbers and places them.

MyST already moves footnotes to the end of the document in the order of their
first reference (``myst_footnote_sort``, on by default).  kramdown differs in
four ways, handled here:

* every footnote is numbered by the order of its first reference, whatever
  its label (MyST keeps ``[^2]`` as the number 2);
* a definition no shown text refers to is not shown (neither is one only an
  unshown footnote refers to); the shown ones are moved to the end in the
  order kramdown numbers them (the text's references, then those inside
  each note), so docutils numbers them the same way;
* a reference to a label that has no definition stays as text, with a warning;
* a label defined twice: the last definition wins, with a warning.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..core.warnings import BlogWarning, warn
from .feature import Feature

DEF_OPEN, DEF_CLOSE, REF = "footnote_reference_open", "footnote_reference_close", "footnote_ref"


def _report(state: StateCore, message: str, line: int | None) -> None:
    """A located warning; the document's name comes from the Sphinx environment."""
    document = state.md.options.get("document")
    env = getattr(getattr(document, "settings", None), "env", None)
    if env is None:
        return
    warn(message, BlogWarning.KRAMDOWN, location=(env.docname, line or 1))


def _definitions(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """``(open index, close index, label)`` of each top-level footnote definition."""
    found: list[tuple[int, int, str]] = []
    depth, opened, label = 0, 0, ""
    for index, token in enumerate(tokens):
        if token.type == DEF_OPEN:
            if depth == 0:
                opened, label = index, token.meta.get("label", "")
            depth += 1
        elif token.type == DEF_CLOSE:
            depth -= 1
            if depth == 0:
                found.append((opened, index, label))
    return found


def _refs(tokens: list[Token]) -> list[tuple[str, Token, int | None]]:
    """``(label, inline token, line)`` of every reference in ``tokens``, in order."""
    out: list[tuple[str, Token, int | None]] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            line = token.map[0] + 1 if token.map else None
            out.extend((child.meta.get("label", ""), token, line) for child in token.children if child.type == REF)
    return out


def kramdown_footnotes(state: StateCore) -> None:
    """Drop unreferenced and overwritten definitions; missing ones leave text."""
    tokens = state.tokens
    definitions = _definitions(tokens)
    if not definitions and not any(t.type == "inline" and t.children for t in tokens):
        return
    last: dict[str, tuple[int, int]] = {}
    for start, end, label in definitions:
        if label in last:
            _report(
                state,
                f"the footnote [^{label}] is defined twice; the last definition is used",
                tokens[start].map[0] + 1 if tokens[start].map else None,
            )
        last[label] = (start, end)
    inside = {i for start, end in last.values() for i in range(start, end + 1)}
    dropped = {i for start, end, _ in definitions for i in range(start, end + 1)} - inside
    outside = [t for i, t in enumerate(tokens) if i not in inside and i not in dropped]
    # which definitions are shown, in kramdown's numbering order: the text's
    # references first, then those of each shown note in turn
    shown: list[str] = []
    pending = [label for label, _, _ in _refs(outside)]
    while pending:
        label = pending.pop(0)
        if label in shown or label not in last:
            continue
        shown.append(label)
        start, end = last[label]
        pending.extend(lbl for lbl, _, _ in _refs(tokens[start : end + 1]))
    body = [t for i, t in enumerate(tokens) if i not in dropped and i not in inside]
    # the shown notes go to the end in that order, so that docutils, which numbers
    # references in document order, gives each note kramdown's number
    notes = [t for label in shown for t in tokens[last[label][0] : last[label][1] + 1]]
    kept = body + notes
    for label, _inline, line in _refs(kept):
        if label not in last:
            _report(state, f"no definition of the footnote [^{label}]; it is kept as text", line)
    for inline in kept:
        if inline.type == "inline" and inline.children:
            inline.children = [_as_text(c) if c.type == REF and c.meta.get("label") not in last else c
                               for c in inline.children]  # fmt: skip
    state.tokens[:] = kept


def _as_text(ref: Token) -> Token:
    text = Token("text", "", 0)
    text.content = f"[^{ref.meta.get('label', '')}]"
    return text


def footnotes_plugin(md: MarkdownIt) -> None:
    """The core rule that makes MyST's footnote tokens kramdown's."""
    md.core.ruler.push("kramdown_footnotes", kramdown_footnotes)


def footnote_name(label: str) -> str:
    """The docutils name of a footnote: a number is not a name of its own, because
    docutils would then skip that number when it numbers the others."""
    return f"fn:{label}" if label.isdigit() else label


def render_footnote_ref(renderer: Any, token: Any) -> None:
    """``[^x]`` as an auto-numbered reference, whatever the label (kramdown numbers all)."""
    label = token.meta["label"]
    ref = nodes.footnote_reference(f"[^{label}]")
    renderer.add_line_and_source_path(ref, token)
    ref["auto"] = 1
    ref["refname"] = footnote_name(label)
    renderer.document.note_autofootnote_ref(ref)
    renderer.document.note_footnote_ref(ref)
    renderer.current_node.append(ref)


def render_footnote_reference(renderer: Any, token: Any) -> None:
    """A footnote definition, auto-numbered (``[^2]`` is numbered by its first reference)."""
    label = footnote_name(token.meta["label"])
    if renderer.document.nametypes.get(label):
        renderer.create_warning(
            f"Duplicate footnote definition found for label: '{label}'",
            "footnote",
            wtype="ref",
            line=token.map[0] + 1 if token.map else 1,
            append_to=renderer.current_node,
        )
        return
    footnote = nodes.footnote()
    renderer.add_line_and_source_path(footnote, token)
    footnote["names"].append(label)
    footnote["auto"] = 1
    renderer.document.note_autofootnote(footnote)
    renderer.document.note_explicit_target(footnote, footnote)
    with renderer.current_node_context(footnote, append=True):
        renderer.render_children(token)


FOOTNOTES = Feature(
    "footnotes",
    footnotes_plugin,
    {"render_footnote_ref": render_footnote_ref, "render_footnote_reference": render_footnote_reference},
)
