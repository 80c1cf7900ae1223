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
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..core.urls import is_unsafe

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

#: Elements a post's raw HTML loses with everything inside them: code, styles,
#: plug-ins and frames whose content a browser does not show as text.
DROPPED_WITH_CONTENT = frozenset(
    "script style template noscript object applet embed frame frameset noembed noframes".split()
)
#: Void elements dropped from raw HTML: they redirect or re-base the page.
DROPPED_VOID = frozenset(("base", "link"))
#: Attributes whose value is an address (checked with :func:`.core.urls.is_unsafe`).
URL_ATTRIBUTES = frozenset(
    """href src action formaction data poster background codebase cite xlink:href dynsrc
    lowsrc longdesc manifest ping profile usemap""".split()
)
#: SVG animation attributes that can set an address (``<set attributeName=href to=...>``).
ANIMATION_VALUES = frozenset(("values", "to", "from", "by"))
_NAME = re.compile(r"^[a-z][a-z0-9._:-]*$")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


def _safe_style(value: str) -> bool:
    """A ``style`` attribute without script (``expression()``, ``javascript:``) or imports."""
    lowered = "".join(value.lower().split())
    if any(bad in lowered for bad in ("expression(", "javascript:", "vbscript:", "@import", "-moz-binding", "behavior:")):
        return False
    return not any(is_unsafe(m.group(2)) for m in _CSS_URL.finditer(value))


def unsafe_attribute(tag: str, name: str, value: str) -> str | None:
    """Why ``name="value"`` of a ``<tag>`` must not be written, or ``None`` when it is safe."""
    if name.startswith("on"):
        return "script"
    if not _NAME.match(name):
        return "malformed"
    if name == "srcdoc":
        return "srcdoc"
    if name in URL_ATTRIBUTES and is_unsafe(value):
        return "url"
    if name == "srcset" and any(is_unsafe(part.split()[0]) for part in value.split(",") if part.split()):
        return "url"
    if name in ANIMATION_VALUES and any(is_unsafe(part) for part in value.split(";")):
        return "url"
    if name == "style" and not _safe_style(value):
        return "style"
    if tag == "meta" and name == "http-equiv":
        return "refresh"
    return None


def _attribute(name: str, value: str) -> str:
    return f' {name}="{html.escape(value, quote=True)}"' if value != "" else f" {name}"


def _scheme(url: str) -> str:
    """The scheme of an unsafe address, for messages (``javascript``)."""
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f").strip("'\"").lower()
    for part in re.split(r"[;,]", cleaned):
        if ":" in part and is_unsafe(part):
            return part.split(":", 1)[0][:20]
    return cleaned.split(":", 1)[0][:20] or "unsafe"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _safe_comment(text: str) -> bool:
    """A comment no browser can end early or read differently (``<!--more-->``)."""
    return not any(c in text for c in "<>") and "--" not in text and not text.endswith("-")


@dataclass
class Removal:
    """One thing :func:`sanitize` took out: a message and the 1-based line in the fragment."""

    message: str
    line: int


class _Sanitizer(HTMLParser):
    """Writes raw HTML back token by token, keeping what is safe and as it was written.

    Every tag and attribute written is one this class emits itself, with text
    and values escaped, so no markup the browser could read differently from
    ``html.parser`` (comments, raw-text elements, broken attributes) survives.
    Unclosed elements stay unclosed and stray end tags stay: a fragment is
    often one piece of a block that MyST split around Markdown.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.removals: list[Removal] = []
        #: The dropped element being skipped and how deep in it we are.
        self.skipping: str | None = None
        self.depth = 0

    def _remove(self, message: str) -> None:
        self.removals.append(Removal(message, self.getpos()[0]))

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        tag = tag.lower()
        if self.skipping is not None:
            if tag == self.skipping and not self_closing and tag not in VOID:
                self.depth += 1
            return
        if not _NAME.match(tag):
            self._remove(f"removed a malformed <{tag[:40]}> tag")
            return
        if tag in DROPPED_WITH_CONTENT or tag in DROPPED_VOID:
            self._remove(f"removed {_article(tag)} <{tag}> element")
            if tag not in VOID and not self_closing and tag in DROPPED_WITH_CONTENT:
                self.skipping, self.depth = tag, 1
            return
        if tag == "meta" and any(n.lower() == "http-equiv" for n, _ in attrs):
            self._remove("removed a <meta http-equiv> element (it can redirect or reload the page)")
            return
        kept: list[str] = []
        dropped: dict[str, list[str]] = {}
        seen: set[str] = set()
        for name, value in attrs:
            name, value = name.lower(), value if value is not None else ""
            if name in seen:
                continue  # the browser keeps the first one
            seen.add(name)
            problem = unsafe_attribute(tag, name, value)
            if problem is None:
                kept.append(_attribute(name, value))
            elif problem == "url":
                self._remove(f"removed a {_scheme(value)}: URL ({name}) from the <{tag}> element")
            else:
                dropped.setdefault(problem, []).append(name)
        for problem, names in dropped.items():
            self._remove(_ATTRIBUTE_MESSAGES[problem].format(names=", ".join(names), tag=tag))
        self.out.append(f"<{tag}{''.join(kept)}{' /' if self_closing else ''}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.skipping is not None:
            if tag == self.skipping:
                self.depth -= 1
                if self.depth == 0:
                    self.skipping = None
            return
        if tag in DROPPED_WITH_CONTENT or tag in DROPPED_VOID or not _NAME.match(tag):
            return  # the end of something already removed (or never opened)
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        if self.skipping is not None:
            return
        if _safe_comment(data):
            self.out.append(f"<!--{data}-->")
        elif "<" in data or ">" in data:
            self._remove("removed a comment that a browser could end early and read as markup")

    # declarations, processing instructions and CDATA sections are left out:
    # they show nothing in a page body
    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


_ATTRIBUTE_MESSAGES = {
    "script": "removed the script attribute(s) {names} of the <{tag}> element",
    "malformed": "removed the malformed attribute(s) {names} of the <{tag}> element",
    "srcdoc": "removed the srcdoc attribute of the <{tag}> element (an embedded page)",
    "style": "removed the style attribute of the <{tag}> element (script or imports in CSS)",
    "refresh": "removed the http-equiv attribute of the <{tag}> element",
}


def sanitize(text: str) -> tuple[str, list[Removal]]:
    """Raw HTML as safe HTML, and what was removed (never raises).

    Kept as written: every element and attribute that cannot run code or
    redirect the page (tables, ``<div>``, ``<details>``, SVG shapes...).
    Removed: ``<script>``, ``<style>``, plug-ins and frames with their content,
    ``<base>``, ``<link>``, ``<meta http-equiv>``, ``on…`` handlers, ``srcdoc``,
    script and data addresses (also in SVG animations and CSS), comments a
    browser could end early.
    """
    sanitizer = _Sanitizer()
    try:
        sanitizer.feed(text)
        sanitizer.close()
    except (AssertionError, ValueError):  # html.parser's rare internal errors
        sanitizer.removals.append(Removal("removed HTML that could not be read", sanitizer.getpos()[0]))
    return "".join(sanitizer.out), sanitizer.removals


def serialize(node: Element | str | Comment) -> str:
    """Safe HTML for an element: known elements and attributes only, values escaped.

    URL attributes are expected to be checked by the caller (see :mod:`.html.media`).
    """
    if isinstance(node, str):
        return html.escape(node, quote=False)
    if isinstance(node, Comment) or node.tag in UNSAFE_ELEMENTS:
        return ""
    attrs = "".join(
        f' {name}="{html.escape(value, quote=True)}"' if value != "" else f" {name}"
        for name, value in node.attrs.items()
        # addresses are the caller's (it puts placeholders for copied files there)
        if name in SAFE_ATTRIBUTES and unsafe_attribute(node.tag, name, value) in (None, "url")
    )
    if node.tag in VOID:
        return f"<{node.tag}{attrs} />"
    inner = "".join(serialize(child) for child in node.children)
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"
