"""Turn parsed HTML elements (figures, images, captions) into docutils nodes.

The functions here know nothing about where the HTML came from; the
transform in :mod:`.html.figures` finds the HTML in a document, and this
module converts one piece of it, reporting problems through ``report``.
Nothing the author wrote as text is dropped: a caption keeps its text, an
image that cannot be shown leaves its alt text behind.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from ..core.inline_markdown import markdown_inline_html
from ..core.urls import Resolved, SiteAddress, resolve
from ..core.warnings import BlogWarning
from ..store.nodes import image_self_link, line_break
from .fragments import Comment, Element, parse_fragment

#: Tags whose content is code or an embedded document, never caption text.
DROPPED_TAGS = frozenset(("script", "style", "iframe", "object", "embed", "template", "noscript"))
_CLASS_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|%|em|rem|pt|cm|mm|in|vw)?\s*$")
ALIGN_CLASSES = {"align-left": "left", "align-right": "right", "align-center": "center",
                 "alignleft": "left", "alignright": "right", "aligncenter": "center"}  # fmt: skip

Report = Callable[[str, BlogWarning, int], None]


@dataclass
class Converter:
    """Converts HTML elements of one document; ``line`` offsets are 1-based."""

    srcdir: Path
    docname: str
    site: SiteAddress
    report: Report
    #: Line in the source file of the fragment's first line.
    base_line: int = 1
    figures: int = field(default=0)
    #: The source file's folder (relative, POSIX), when it is not the docname's:
    #: a document of a Jekyll site has the docname of its URL.
    folder: str | None = None

    @property
    def docdir(self) -> str:
        return posixpath.dirname(self.docname) if self.folder is None else self.folder

    def at(self, element: Element | None) -> int:
        return self.base_line + ((element.line if element else 1) - 1)

    def resolve(self, url: str) -> Resolved:
        return resolve(url, self.srcdir, self.docdir, self.site)

    def check_handlers(self, el: Element) -> None:
        """Report ``on…=`` attributes; they are never written out."""
        handlers = [name for name in el.attrs if name.startswith("on")]
        if handlers:
            self.report(
                f"ignored the script attribute(s) {', '.join(handlers)} of the <{el.tag}> element",
                BlogWarning.HTML,
                self.at(el),
            )

    # -- images ---------------------------------------------------------------

    def image(self, img: Element, link: Element | None = None) -> nodes.Node:
        """An ``<img>`` (and the ``<a>`` around it) as an image node, or its alt text."""
        src = img.get("src")
        alt = img.get("alt")
        target = self.resolve(src)
        self.check_handlers(img)
        if target.kind not in ("local", "remote"):
            self.report(_image_problem(target), BlogWarning.IMAGE, self.at(img))
            placeholder = nodes.inline("", alt or src or "", classes=["blogposts-missing-image"])
            return placeholder
        uri = "/" + target.path if target.kind == "local" else target.url
        image = nodes.image(uri=uri, alt=alt or "")
        image["blogposts_converted"] = True
        for attr in ("width", "height"):
            length = _length(img.get(attr))
            if length:
                image[attr] = length
        style_width = _style(img.get("style")).get("width")
        if style_width and _length(style_width):
            image["width"] = _length(style_width)
        image["classes"] += _classes(img.get("class"))
        align = _align(img)
        if align:
            image["align"] = align
        if link is None:
            return image
        return self.link(link, [image], image_target=target)

    def link(
        self,
        anchor: Element,
        children: list[nodes.Node],
        image_target: Resolved | None = None,
    ) -> nodes.Node | list[nodes.Node]:
        """An ``<a href>`` around ``children``: a reference, a download link, or just the children."""
        href = anchor.get("href")
        if not href.strip():
            return children if len(children) != 1 else children[0]
        target = self.resolve(href)
        if target.kind == "unsafe":
            self.report(f"removed a {href.split(':', 1)[0].strip()}: link", BlogWarning.HTML, self.at(anchor))
            return children if len(children) != 1 else children[0]
        if target.kind == "local":
            if image_target is not None and image_target.kind == "local" and image_target.path == target.path:
                ref: nodes.Element = image_self_link("", "", imageuri="/" + target.path)
            else:
                ref = addnodes.download_reference(
                    "", "", reftarget="/" + target.path, refdoc=self.docname, refexplicit=True
                )
        elif target.kind in ("missing", "folder") and page_url(href):
            # a page of the old site (``/ai/``): the link transform makes it internal
            ref = nodes.reference("", "", refuri=href.strip())
        elif target.kind in ("missing", "folder", "outside"):
            self.report(_link_problem(target), BlogWarning.LINK, self.at(anchor))
            return children if len(children) != 1 else children[0]
        else:
            # remote, anchors, pages of the site: links between posts are issue #5
            ref = nodes.reference("", "", refuri=target.url if target.kind != "document" else href)
        title = anchor.get("title")
        if title:
            ref["reftitle"] = title
        ref.extend(children)
        return ref

    # -- captions and other inline text ---------------------------------------

    def inline(self, children: list[Element | str | Comment]) -> list[nodes.Node]:
        """HTML inline content as inline nodes; text is kept, scripts are not."""
        out: list[nodes.Node] = []
        for child in children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, str):
                text = re.sub(r"\s+", " ", child)
                if text:
                    out.append(nodes.Text(text))
                continue
            out.extend(self._inline_element(child))
        return _merge_text(out)

    def _inline_element(self, el: Element) -> list[nodes.Node]:
        tag = el.tag
        if tag in DROPPED_TAGS:
            self.report(f"removed a <{tag}> element from the text", BlogWarning.HTML, self.at(el))
            return []
        if tag == "img":
            return [self.image(el)]  # reports its own handlers
        self.check_handlers(el)
        if tag == "br":
            return [line_break(), nodes.Text(" ")]
        inner = self.inline(el.children)
        if tag == "a":
            result = self.link(el, inner)
            return result if isinstance(result, list) else [result]
        wrappers: dict[str, type[nodes.Element]] = {
            "em": nodes.emphasis, "i": nodes.emphasis, "cite": nodes.emphasis, "var": nodes.emphasis,
            "strong": nodes.strong, "b": nodes.strong,
            "code": nodes.literal, "kbd": nodes.literal, "samp": nodes.literal, "tt": nodes.literal,
            "sub": nodes.subscript, "sup": nodes.superscript,
        }  # fmt: skip
        if tag in wrappers:
            node = wrappers[tag]("", "", *inner)
        else:
            node = nodes.inline("", "", *inner)
        node["classes"] += _classes(el.get("class"))
        return [node]

    # -- figures --------------------------------------------------------------

    def figure(self, fig: Element) -> nodes.figure:
        """A ``<figure>`` as a figure node: its images, caption and any other text."""
        pictures: list[nodes.Node] = []
        legend: list[nodes.Node] = []
        caption_el: Element | None = None
        for child, link in _walk_figure(fig):
            if isinstance(child, Element) and child.tag == "figcaption":
                if caption_el is None:
                    caption_el = child
                else:
                    legend.extend(self.inline(child.children))
            elif isinstance(child, Element) and child.tag == "img":
                pictures.append(self.image(child, link))
            elif isinstance(child, str) and child.strip():
                legend.extend(self.inline([child]))
            elif isinstance(child, Element) and child.tag in DROPPED_TAGS:
                self.report(f"removed a <{child.tag}> element from a figure", BlogWarning.HTML, self.at(child))
        figure = nodes.figure()
        figure["classes"] += ["blogposts-figure", *_classes(fig.get("class"))]
        if len(pictures) > 1:
            figure["classes"].append("blogposts-gallery")
        align = _align(fig)
        if align:
            figure["align"] = align
        width = _style(fig.get("style")).get("width") or fig.get("width")
        if width and _length(width):
            figure["width"] = _length(width)
        figure.extend(
            nodes.paragraph("", "", p) if isinstance(p, nodes.inline) else p for p in pictures
        )
        caption_nodes = self.inline(caption_el.children) if caption_el is not None else []
        _strip_edges(caption_nodes)
        if caption_nodes:
            figure += nodes.caption("", "", *caption_nodes)
        _strip_edges(legend)
        if legend:
            figure += nodes.legend("", nodes.paragraph("", "", *legend))
        label = fig.get("id")
        if label and _CLASS_NAME.match(label):
            figure["names"].append(label.lower())
        return figure


def _walk_figure(el: Element, link: Element | None = None):  # noqa: ANN202 - generator
    """The images (with their enclosing ``<a>``), captions and loose text of a figure."""
    for child in el.children:
        if isinstance(child, Element):
            if child.tag in ("img", "figcaption") or child.tag in DROPPED_TAGS:
                yield child, link
            elif child.tag == "a" and child.get("href"):
                yield from _walk_figure(child, child)
            else:
                yield from _walk_figure(child, link)
        elif isinstance(child, str):
            yield child, link


def _merge_text(inline: list[nodes.Node]) -> list[nodes.Node]:
    """Join neighbouring text (left apart where an element was dropped), one space at most."""
    out: list[nodes.Node] = []
    for node in inline:
        if isinstance(node, nodes.Text) and out and isinstance(out[-1], nodes.Text):
            out[-1] = nodes.Text(re.sub(r" {2,}", " ", out[-1] + node))
        else:
            out.append(node)
    return out


def _strip_edges(inline: list[nodes.Node]) -> None:
    while inline and isinstance(inline[0], nodes.Text) and not inline[0].strip():
        inline.pop(0)
    while inline and isinstance(inline[-1], nodes.Text) and not inline[-1].strip():
        inline.pop()
    if inline and isinstance(inline[0], nodes.Text):
        inline[0] = nodes.Text(inline[0].lstrip())
    if inline and isinstance(inline[-1], nodes.Text):
        inline[-1] = nodes.Text(inline[-1].rstrip())


def page_url(href: str) -> bool:
    """A root-relative address that names a page, not a file: ``/ai/``, ``/cv.html``, ``/about``."""
    path = urllib.parse.urlsplit(href.strip()).path
    last = path.rsplit("/", 1)[-1]
    return path.startswith("/") and (not last or last.endswith(".html") or "." not in last)


def _classes(value: str) -> list[str]:
    return [c for c in value.split() if _CLASS_NAME.match(c)]


def _style(value: str) -> dict[str, str]:
    """``style="width: 150px; float: left"`` as a mapping of properties."""
    out: dict[str, str] = {}
    for declaration in value.split(";"):
        name, sep, val = declaration.partition(":")
        if sep:
            out[name.strip().lower()] = val.strip()
    return out


def _length(value: str) -> str | None:
    m = _LENGTH.match(value or "")
    if not m:
        return None
    return m.group(1) + (m.group(2) or "px")


def _align(el: Element) -> str | None:
    for cls in el.classes:
        if cls in ALIGN_CLASSES:
            return ALIGN_CLASSES[cls]
    align = el.get("align").lower()
    return align if align in ("left", "right", "center") else None


def _image_problem(target: Resolved) -> str:
    if target.kind == "empty":
        return "an <img> with an empty src; its alt text is kept"
    if target.kind == "folder":
        return f"the image src {target.url!r} is a folder, not an image (a template leftover?); its alt text is kept"
    if target.kind == "outside":
        return f"the image {target.url!r} is outside the source folder and is not used"
    if target.kind == "unsafe":
        return "removed an image with a script URL"
    return f"image file not found: {target.path or target.url}; its alt text is kept"


def _link_problem(target: Resolved) -> str:
    if target.kind == "outside":
        return f"the link {target.url!r} points outside the source folder; the link is dropped, its text kept"
    return f"linked file not found: {target.path or target.url}; the link is dropped, its text kept"


def render_markdown_inline(text: str) -> list[Element | str | Comment]:
    """Markdown text (inside an HTML block, kramdown-style; an author's bio) as HTML elements."""
    return parse_fragment(markdown_inline_html(text)).children
