"""What a raw HTML block of Markdown is: the one classification that the build's
converter (:mod:`.figures`) and ``sphinx-blogposts check`` (:mod:`..cli.source_scan`)
both act on, so they never disagree about a block."""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ..core.urls import expand_liquid_urls, has_liquid
from .convert import Converter, page_url, render_markdown_inline
from .fragments import Element, Fragment, first_element_extent, parse_fragment
from .media import MEDIA_TAGS, contains_media

#: What the build does with one raw HTML block (:func:`block_kind`).
FIGURE, LINKS, IMAGES, MIXED = "figure", "links", "images", "mixed"
#: Block wrappers an ``<img>`` may sit in and still be just an image.
IMAGE_WRAPPERS = frozenset(("p", "center", "div", "a", "span", "picture"))


def block_kind(fragment: Fragment, converter: Converter) -> str | None:
    """What one raw HTML block is, for the build and ``check`` alike: :data:`FIGURE`
    (a figure, or media), :data:`LINKS` (a paragraph that links files of the
    site), :data:`IMAGES` (images, maybe in wrappers), :data:`MIXED` (images
    among other markup: kept as raw HTML, with a warning) or ``None`` (left alone)."""
    elements = fragment.elements()
    if not elements:
        return None
    first = elements[0]
    if first.tag == "figure" or first.tag in MEDIA_TAGS or (first.tag in IMAGE_WRAPPERS and contains_media(first)):
        return FIGURE
    if first.tag in ("p", "div") and links_local_files(first, converter) and inline_only(fragment):
        return LINKS
    if first.tag in IMAGE_WRAPPERS or first.tag == "img":
        return IMAGES
    if any(True for e in elements for _ in e.iter("img")) or any(True for e in elements for _ in e.iter("figure")):
        return MIXED
    return None


def leading_lines(text: str) -> int:
    """Blank lines before the first tag of a raw block."""
    head = text[: len(text) - len(text.lstrip())]
    return head.count("\n")


def expand_markdown(figure: Element) -> None:
    """Markdown between the tags of a figure (kramdown reads it): ``![a](x.png)``."""
    for index, child in enumerate(list(figure.children)):
        if isinstance(child, str) and ("![" in child or "](" in child):
            rendered = render_markdown_inline(child.strip())
            figure.children[index : index + 1] = rendered
        elif isinstance(child, Element) and child.tag not in ("figcaption",):
            expand_markdown(child)


def only_images(children: list, link: Element | None, align: str | None, found: list) -> bool:
    """True when ``children`` hold only images in wrappers (and whitespace)."""
    for child in children:
        if isinstance(child, str):
            if child.strip():
                return False
        elif isinstance(child, Element):
            if child.tag == "img":
                found.append((child, link, align))
            elif child.tag in IMAGE_WRAPPERS:
                inner_align = align
                if child.tag == "center" or "center" in child.get("style").replace(" ", "") or child.get(
                    "align"
                ) == "center":
                    inner_align = "center"
                inner_link = child if child.tag == "a" and child.get("href") else link
                if not only_images(child.children, inner_link, inner_align, found):
                    return False
            elif child.tag == "br":
                continue
            else:
                return False
    return True


#: Elements a ``<p>`` may hold and still become a plain paragraph.
INLINE_TAGS = frozenset("a em i strong b code kbd samp sub sup span small br abbr cite mark u s".split())


def inline_only(fragment) -> bool:  # noqa: ANN001
    """One ``<p>``/``<div>`` of text and inline elements only."""
    elements = fragment.elements()
    if len(elements) != 1 or fragment.text_outside_elements().strip() or fragment.unclosed:
        return False
    return all(e.tag in INLINE_TAGS for e in elements[0].iter() if e is not elements[0])


def links_local_files(element: Element, converter: Converter) -> bool:
    """Whether a block links a file or a page of the site (which would break if left raw)."""
    for a in element.iter("a"):
        href = a.get("href")
        kind = converter.resolve(href).kind if href else ""
        if kind == "local" or (kind in ("missing", "folder") and page_url(href)):
            return True
    return False


#: Why a figure block stays raw HTML (the messages of :func:`read_figure`).
NEVER_CLOSED = "this <figure> is never closed; it is kept as raw HTML"
USES_LIQUID = "this <figure> uses Liquid that is not rendered here; it is kept as raw HTML"
NESTED = "a <figure> inside a <figure>; the outer one is kept as raw HTML"


@dataclass
class FigureBlock:
    """A figure (or media) block read from the source lines, for the build and ``check``."""

    #: 0-based index of its last line (``None``: the element is never closed).
    end: int | None
    #: The parsed element, site-URL Liquid expanded (``None`` when never closed).
    element: Element | None = None
    #: Why it stays raw HTML (:data:`NEVER_CLOSED`, :data:`USES_LIQUID`, :data:`NESTED`), or ``None``.
    problem: str | None = None


def read_figure(lines: list[str], start: int) -> FigureBlock:
    """The figure block whose first tag is at ``lines[start]``, and whether it converts."""
    end = first_element_extent(lines, start)
    if end is None:
        return FigureBlock(None, problem=NEVER_CLOSED)
    expanded = expand_liquid_urls("\n".join(lines[start : end + 1]))
    element = parse_fragment(expanded).elements()[0]
    if has_liquid(expanded):
        return FigureBlock(end, element, USES_LIQUID)
    if element.tag == "figure" and any(e is not element for e in element.iter("figure")):
        return FigureBlock(end, element, NESTED)
    return FigureBlock(end, element)


def line_of_node(node: nodes.Node) -> int | None:
    """The source line of ``node``, else of the first of its descendants that has one."""
    if getattr(node, "line", None):
        return node.line
    if isinstance(node, nodes.Element):
        for child in node.findall():
            if getattr(child, "line", None):
                return child.line
    return None
