"""What a Markdown source holds, found from its text alone: raw HTML images and Liquid.

The build converts raw HTML while it reads a document (:mod:`.html.figures`,
on the doctree MyST made).  The command line must say the same thing without
building, so this module parses the text with markdown-it (the parser MyST
is built on) to find the HTML blocks MyST would find, and hands each block
to the build's own decisions and converter (:class:`.html.convert.Converter`):
a figure or an image block counted here as native is one the build converts,
and the warnings it gives are the build's.  Inline ``<img>`` tags are turned
into images by MyST's ``html_image`` extension, which Jekyll site mode turns
on.

Liquid is counted with a small tokenizer, after the rewrites the build makes
before parsing (:func:`.liquid.rewrites.rewrite_source`: figure and video
includes, ``post_url``, ``link``, the site's own URL), and outside code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..core.urls import SiteAddress
from ..core.warnings import BlogWarning
from ..html.blocks import (
    FIGURE,
    IMAGES,
    LINKS,
    MIXED,
    NEVER_CLOSED,
    USES_LIQUID,
    block_kind,
    expand_markdown,
    leading_lines,
    only_images,
    read_figure,
)
from ..html.convert import Converter
from ..html.fragments import Element, parse_fragment
from ..html.media import contains_media
from ..liquid.rewrites import THEME_INCLUDES, rewrite_source

#: ``report(message, subtype, line)``, with ``line`` 1-based in the file.
Report = Callable[[str, BlogWarning, int], None]

_TAG = re.compile(r"\{%-?\s*([A-Za-z_][\w.-]*)")
_OUTPUT = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_IMG = re.compile(r"<img\b", re.IGNORECASE)
_FIGURE = re.compile(r"<figure\b", re.IGNORECASE)
_INCLUDE = re.compile(r"\{%-?\s*include\s+([^\s%]+)")
#: The name :func:`liquid_constructs` gives an include whose file is missing.
MISSING_INCLUDE = "include (file missing)"
#: Tags that only close or continue a block opened by another tag.
_CLOSING = frozenset(("else", "elsif", "when", "break", "continue"))


@dataclass
class HtmlCounts:
    """Raw ``<figure>``/``<img>`` elements and how many of them become native nodes."""

    figures: int = 0
    images: int = 0
    native_figures: int = 0
    native_images: int = 0

    def add(self, other: HtmlCounts) -> None:
        self.figures += other.figures
        self.images += other.images
        self.native_figures += other.native_figures
        self.native_images += other.native_images


@dataclass
class SourceScan:
    """The result of :func:`scan_source` for one file."""

    html: HtmlCounts = field(default_factory=HtmlCounts)
    #: Liquid constructs by name: ``include``, ``highlight``, ``{{ }}`` for output.
    liquid: Counter[str] = field(default_factory=Counter)


def markdown_parser() -> MarkdownIt:
    """The CommonMark parser used for every file of one scan (make it once)."""
    return MarkdownIt("commonmark")


def scan_source(
    text: str,
    *,
    parser: MarkdownIt,
    srcdir: Path,
    docname: str,
    site: SiteAddress,
    report: Report,
    convert_html: bool = True,
    html_image: bool = True,
    liquid_rendered: bool = False,
) -> SourceScan:
    """Scan ``text`` (the whole file, front matter blanked out so lines keep their numbers).

    ``html_image`` says whether MyST turns inline ``<img>`` tags into images;
    ``liquid_rendered`` whether the build renders Liquid first (then a figure
    with Liquid in it is judged only after rendering, which needs a build: it
    is counted as raw, without a warning).
    """
    text = rewrite_source(text)
    lines = text.split("\n")
    tokens = parser.parse(text)
    scan = SourceScan()
    converter = Converter(srcdir=srcdir, docname=docname, site=site, report=report)
    consumed = -1  # 0-based index of the last line taken by a figure that spans blocks
    liquid_text: list[str] = []
    for token in tokens:
        if token.type in ("fence", "code_block"):
            continue
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "code_inline":
                    continue
                liquid_text.append(child.content)
                line = (token.map[0] + 1) if token.map else 1
                if child.type == "html_inline":
                    src = _inline_html(child.content, scan.html, convert_html and html_image)
                    if src is not None:
                        _site_image(converter, src, "", line)
                elif child.type == "image" and convert_html:
                    _site_image(converter, str(child.attrs.get("src", "")), child.content, line)
            continue
        liquid_text.append(token.content)
        if token.type != "html_block" or token.map is None:
            continue
        if token.map[0] <= consumed:
            continue
        try:
            counts, consumed_to = _html_block(
                token, lines, converter, report, convert_html, liquid_rendered
            )
        except Exception as exc:  # noqa: BLE001 - as the build's converter guard does
            report(
                f"could not convert this HTML ({type(exc).__name__}: {exc}); it is kept as written",
                BlogWarning.HTML,
                token.map[0] + 1 + leading_lines(token.content),
            )
            continue
        scan.html.add(counts)
        consumed = max(consumed, consumed_to)
    scan.liquid = liquid_constructs("\n".join(liquid_text), srcdir / "_includes")
    return scan


def liquid_constructs(text: str, includes: Path | None = None) -> Counter[str]:
    """Liquid tags by name (``{{ }}`` for output), ``{% raw %}`` regions left out.

    An include whose file is not in the ``includes`` folder counts as
    :data:`MISSING_INCLUDE`, unless it is a theme include the build maps itself.
    """
    found: Counter[str] = Counter()
    if "{%" not in text and "{{" not in text:
        return found
    text = _RAW.sub("", text)
    for match in _TAG.finditer(text):
        name = match.group(1)
        if name.startswith("end") or name in _CLOSING:
            continue
        if name == "include" and includes is not None:
            target = _INCLUDE.match(text, match.start())
            file = target.group(1).strip("\"'") if target else ""
            if file and "{{" not in file and file not in THEME_INCLUDES and not (includes / file).is_file():
                name = MISSING_INCLUDE
        found[name] += 1
    outputs = len(_OUTPUT.findall(text))
    if outputs:
        found["{{ }}"] += outputs
    return found


def _inline_html(content: str, counts: HtmlCounts, html_image: bool) -> str | None:
    """Count an inline HTML tag; the ``src`` of an ``<img>`` that becomes an image, else None."""
    images = len(_IMG.findall(content))
    counts.images += images
    counts.figures += len(_FIGURE.findall(content))
    # MyST's html_image reads an inline tag that is one <img> as an image
    if images == 1 and html_image and content.strip().lower().startswith("<img"):
        counts.native_images += 1
        elements = parse_fragment(content).elements()
        return elements[0].get("src") if elements else None
    return None


def _site_image(converter: Converter, src: str, alt: str, line: int) -> None:
    """An image node's URL as the build checks it: the site's own URLs and root paths."""
    if "://" not in src and not src.startswith("/"):
        return  # relative paths: Sphinx's own handling
    converter.base_line = line
    converter.image(Element("img", {"src": src, "alt": alt}))


def _count_raw(elements: list[Element], counts: HtmlCounts) -> None:
    for element in elements:
        counts.figures += sum(1 for _ in element.iter("figure"))
        counts.images += sum(1 for _ in element.iter("img"))


def _html_block(
    token: Token,
    lines: list[str],
    converter: Converter,
    report: Report,
    convert: bool,
    liquid_rendered: bool = False,
) -> tuple[HtmlCounts, int]:
    """Count and convert one HTML block as :class:`.html.figures.HtmlToNodes` does.

    Returns the counts and the last line (0-based) the block took.
    """
    assert token.map is not None
    counts = HtmlCounts()
    text = token.content
    last = token.map[1] - 1
    fragment = parse_fragment(text)
    elements = fragment.elements()
    if not text.lstrip().startswith("<") or not elements:
        return counts, last
    first = elements[0]
    start = token.map[0] + leading_lines(text)
    kind = block_kind(fragment, converter)  # the build's own decision
    if kind == FIGURE:
        return _figure(lines, start, converter, report, convert, counts, last, liquid_rendered)
    _count_raw(elements, counts)
    if not convert or kind == LINKS:
        return counts, last
    if kind == IMAGES:
        found: list = []
        if not only_images(fragment.children, None, None, found):
            if counts.images:
                report(
                    "this HTML block holds images but also text or other markup; it is kept as raw HTML",
                    BlogWarning.HTML,
                    start + 1,
                )
            return counts, last
        converter.base_line = start + 1
        for img, link, _align in found:
            node = converter.image(img, link)
            if isinstance(node, nodes.image) or any(True for _ in node.findall(nodes.image)):
                counts.native_images += 1
        return counts, last
    if kind == MIXED:
        report(
            f"this <{first.tag}> block holds images but also other markup; it is kept as raw HTML",
            BlogWarning.HTML,
            start + 1,
        )
    return counts, last


def _figure(
    lines: list[str],
    start: int,
    converter: Converter,
    report: Report,
    convert: bool,
    counts: HtmlCounts,
    last: int,
    liquid_rendered: bool = False,
) -> tuple[HtmlCounts, int]:
    block = read_figure(lines, start)  # as the build reads it
    if block.end is None:
        _count_raw(parse_fragment("\n".join(lines[start : last + 1])).elements(), counts)
        if convert:
            report(NEVER_CLOSED, BlogWarning.HTML, start + 1)
        return counts, last
    end, figure_el = block.end, block.element
    assert figure_el is not None
    _count_raw([figure_el], counts)
    if not convert:
        return counts, end
    where = start + 1
    if block.problem is not None:
        if block.problem == USES_LIQUID and liquid_rendered:
            return counts, end  # what it becomes is known after rendering
        report(block.problem, BlogWarning.HTML, where)
        return counts, end
    converter.base_line = where
    if contains_media(figure_el):
        return counts, end  # media stay HTML (files copied); not counted as figures
    expand_markdown(figure_el)
    figure = converter.figure(figure_el)
    if figure_el.tag == "figure":
        counts.native_figures += 1
    counts.native_images += sum(1 for _ in figure.findall(nodes.image))
    return counts, end
