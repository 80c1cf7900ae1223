"""A small element tree for HTML fragments, built on the standard ``html.parser``.

Posts carry HTML snippets, not documents: a ``<figure>`` split by blank lines,
an ``<img>`` in a ``<center>``, a stray ``</a>``.  This module turns such a
fragment into :class:`Element` and text children, remembering the line of
every element, which elements were never closed and which end tags had no
start, so the converters can decide what they understand and report the rest.
It also serialises elements back to safe HTML (for media kept as HTML).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements that never have content or an end tag.
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


@dataclass
class Comment:
    text: str


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str | Comment] = field(default_factory=list)
    #: 1-based line of the start tag within the fragment.
    line: int = 1
    closed: bool = False

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> list[str]:
        return self.get("class").split()

    def iter(self, tag: str | None = None):  # noqa: ANN201 - a generator
        """This element and every descendant element (of ``tag``), in order."""
        # iterative: a post may nest tens of thousands of elements
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            if tag is None or element.tag == tag:
                yield element
            stack.extend(c for c in reversed(element.children) if isinstance(c, Element))

    def text(self) -> str:
        """The text content, entity references decoded."""
        parts: list[str] = []
        stack: list[Element | str | Comment] = list(reversed(self.children))
        while stack:
            child = stack.pop()
            if isinstance(child, str):
                parts.append(child)
            elif isinstance(child, Element):
                stack.extend(reversed(child.children))
        return "".join(parts)


@dataclass
class Fragment:
    """The top-level children of a parsed fragment and what was wrong with it."""

    children: list[Element | str | Comment]
    #: Elements still open at the end of the fragment.
    unclosed: list[Element]
    #: End tags with no matching start tag: (tag, line).
    stray_end_tags: list[tuple[str, int]]

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]

    def text_outside_elements(self) -> str:
        return "".join(c for c in self.children if isinstance(c, str))


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", closed=True)
        self.stack: list[Element] = [self.root]
        self.stray: list[tuple[str, int]] = []
        #: Set to the line where the first top-level element closed.
        self.first_closed_at: int | None = None

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name.lower(), value if value is not None else "")
        element = Element(tag.lower(), values, line=self.getpos()[0])
        self.stack[-1].children.append(element)
        if void or element.tag in VOID:
            element.closed = True
            self._note_top_closed(element)
        else:
            self.stack.append(element)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, void=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, void=True)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                for element in self.stack[depth:]:
                    element.closed = element is self.stack[depth]
                closed = self.stack[depth]
                del self.stack[depth:]
                self._note_top_closed(closed)
                return
        self.stray.append((tag, self.getpos()[0]))

    def _note_top_closed(self, element: Element) -> None:
        # by identity: == on elements compares whole subtrees, recursively
        if self.first_closed_at is None and len(self.stack) == 1 and any(c is element for c in self.root.children):
            self.first_closed_at = self.getpos()[0]

    def handle_data(self, data: str) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(Comment(data))


def parse_fragment(text: str) -> Fragment:
    """Parse ``text``; never raises."""
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError):  # html.parser's rare internal errors
        pass
    unclosed = [e for e in builder.stack[1:] if not e.closed]
    return Fragment(builder.root.children, unclosed, builder.stray)


def first_element_extent(lines: list[str], start: int, limit: int = 400) -> int | None:
    """The index of the line where the element opening at ``lines[start]`` closes.

    ``None`` when it is still open after ``limit`` lines or at the end.
    """
    builder = _TreeBuilder()
    end = min(len(lines), start + limit)
    for index in range(start, end):
        try:
            builder.feed(lines[index] + "\n")
        except (AssertionError, ValueError):
            return None
        if builder.first_closed_at is not None:
            return index
    return None


#: Attributes kept when media HTML is written back (event handlers never are).
SAFE_ATTRIBUTES = frozenset(
    """src href alt title width height class id style controls autoplay loop muted
    playsinline preload poster type allow allowfullscreen frameborder loading
    referrerpolicy sandbox kind srclang label default name align""".split()
)


#: Elements never written back: they run code or change the page around them.
UNSAFE_ELEMENTS = frozenset(
    "script style object embed applet template noscript base link meta form input button".split()
)


def _safe_style(value: str) -> bool:
    lowered = value.lower().replace(" ", "")
    return not any(bad in lowered for bad in ("expression(", "javascript:", "url(", "@import"))


def serialize(node: Element | str | Comment) -> str:
    """Safe HTML for an element: known elements and attributes only, values escaped.

    URL attributes are expected to be checked by the caller (see :mod:`.media`).
    """
    if isinstance(node, str):
        return html.escape(node, quote=False)
    if isinstance(node, Comment) or node.tag in UNSAFE_ELEMENTS:
        return ""
    attrs = "".join(
        f' {name}="{html.escape(value, quote=True)}"' if value != "" else f" {name}"
        for name, value in node.attrs.items()
        if name in SAFE_ATTRIBUTES and (name != "style" or _safe_style(value))
    )
    if node.tag in VOID:
        return f"<{node.tag}{attrs} />"
    inner = "".join(serialize(child) for child in node.children)
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"
