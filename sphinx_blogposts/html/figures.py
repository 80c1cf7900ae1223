"""Raw HTML in Markdown posts becomes native nodes: figures, images, links to files.

MyST keeps a post's HTML as ``raw`` nodes, and splits a ``<figure>`` with
blank lines into several sibling nodes.  This transform goes back to the
source text (which :mod:`.reading.source_reader` keeps for the document, with its
original line numbers), parses each HTML block with :mod:`.html.fragments`,
and replaces the nodes that block produced with a ``figure`` or ``image``
node.  It runs at priority 690: before Sphinx collects images (so they are
copied), labels and figure numbers (850–880), and before the post transform
looks for the excerpt.

What it does not understand is left exactly as it was, with a warning when it
is a figure or an image, so nothing vanishes silently.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.config import BlogpostsConfig
from ..core.safe_paths import outside_source
from ..core.urls import SiteAddress, expand_liquid_urls, is_image_path, repository_of
from ..core.warnings import BlogWarning, warn
from ..store.keys import SOURCE_LINES_KEY, guarded
from ..store.nodes import image_self_link, line_break
from ..store.settings import settings_of
from ..store.site_urls import source_folder
from .blocks import (
    FIGURE,
    IMAGES,
    LINKS,
    block_kind,
    expand_markdown,
    leading_lines,
    line_of_node,
    only_images,
    read_figure,
)
from .convert import Converter
from .fragments import Element, parse_fragment
from .media import contains_media, media_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def site_address(config: BlogpostsConfig) -> SiteAddress:
    return SiteAddress(
        url=config.site_url.rstrip("/"),
        baseurl=config.baseurl.rstrip("/"),
        repository=repository_of(config.site_url, config.repository),
    )


class HtmlToNodes(SphinxTransform):
    """Convert the raw HTML of a Markdown document (see the module docstring)."""

    default_priority = 690

    def apply(self, **kwargs: object) -> None:
        lines: list[str] | None = self.env.temp_data.get(SOURCE_LINES_KEY)
        if lines is None:
            return  # not a Markdown document read by MyST
        settings = settings_of(self.env)
        if not settings.convert_html:
            return
        self.lines = lines
        self.converter = Converter(
            srcdir=Path(self.env.srcdir),
            docname=self.env.docname,
            site=site_address(settings),
            report=self._report,
            # relative URLs are the source file's, wherever its page is written
            folder=source_folder(self.env, self.env.docname),
        )
        for raw in list(self.document.findall(nodes.raw)):
            if raw.parent is None or "html" not in raw.get("format", "").split():
                continue
            if isinstance(raw.parent, nodes.TextElement):
                continue  # inline HTML: handled below
            with self._guard(raw):
                self._block(raw)
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if paragraph.parent is None:
                continue
            with self._guard(paragraph):
                if self._inline_media(paragraph):
                    continue
                self._inline_links(paragraph)
                if settings.bare_image_urls:
                    self._bare_image_url(paragraph)
        with self._guard(self.document):
            self._fix_image_uris()

    @contextmanager
    def _guard(self, node: nodes.Node) -> Iterator[None]:
        """A conversion that fails leaves the HTML as it was, with a warning — never a traceback."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - the build must go on
            self._report(
                f"could not convert this HTML ({type(exc).__name__}: {exc}); it is kept as written",
                BlogWarning.HTML,
                getattr(node, "line", None) or 1,
            )

    # -- reporting ------------------------------------------------------------

    def _report(self, message: str, subtype: BlogWarning, line: int) -> None:
        warn(message, subtype, location=(self.env.docname, line))

    # -- blocks ---------------------------------------------------------------

    def _block(self, raw: nodes.raw) -> None:
        text = raw.astext()
        stripped = text.lstrip()
        if not stripped.startswith("<") or raw.line is None:
            return
        fragment = parse_fragment(text)
        kind = block_kind(fragment, self.converter)
        if kind is None:
            return
        first = fragment.elements()[0]
        start = raw.line - 1 + leading_lines(text)  # 0-based index of the first tag
        if kind == FIGURE:
            self._figure(raw, start)
        elif kind == LINKS:
            self.converter.base_line = start + 1
            paragraph = nodes.paragraph("", "", *self.converter.inline(first.children))
            paragraph.source, paragraph.line = raw.source, raw.line
            raw.replace_self(paragraph)
        elif kind == IMAGES:
            self._image_block(raw, fragment.children, start)
        else:  # MIXED
            self._report(
                f"this <{first.tag}> block holds images but also other markup; it is kept as raw HTML",
                BlogWarning.HTML,
                start + 1,
            )

    def _figure(self, raw: nodes.raw, start: int) -> None:
        block = read_figure(self.lines, start)
        if block.problem is not None:
            self._report(block.problem, BlogWarning.HTML, start + 1)
            return
        assert block.end is not None and block.element is not None
        end, figure_el = block.end, block.element
        siblings = _siblings_within(raw, end + 1)
        if contains_media(figure_el):
            self.converter.base_line = start + 1
            node = media_node([figure_el], self.converter, self._add_download)
            node.source, node.line = raw.source, raw.line
            _replace(siblings, [node])
            return
        expand_markdown(figure_el)
        self.converter.base_line = start + 1
        figure = self.converter.figure(figure_el)
        figure.source, figure.line = raw.source, raw.line
        self._label(figure)
        _replace(siblings, [figure])

    def _image_block(self, raw: nodes.raw, children: list, start: int) -> None:
        """``<img>``, alone or in ``<p>``/``<center>``/``<div>``/``<a>`` wrappers."""
        found: list[tuple[Element, Element | None, str | None]] = []
        if not only_images(children, None, None, found):
            if any(True for c in children if isinstance(c, Element) for _ in c.iter("img")):
                self._report(
                    "this HTML block holds images but also text or other markup; "
                    "it is kept as raw HTML",
                    BlogWarning.HTML,
                    start + 1,
                )
            return
        if not found:
            return
        self.converter.base_line = start + 1
        converted: list[nodes.Node] = []
        for img, link, align in found:
            node = self.converter.image(img, link)
            image = node if isinstance(node, nodes.image) else next(iter(node.findall(nodes.image)), None)
            if image is not None and align and "align" not in image:
                image["align"] = align
            converted.append(node)
        if all(isinstance(n, nodes.inline) for n in converted):
            converted = [nodes.paragraph("", "", *converted)]
        else:
            converted = [
                n if not isinstance(n, nodes.inline) else nodes.paragraph("", "", n) for n in converted
            ]
        for node in converted:
            node.source, node.line = raw.source, raw.line
        raw.replace_self(converted)

    def _add_download(self, path: str) -> str:
        """Copy a local file into the output (as Sphinx does for download links)."""
        self.env.note_dependency(path)
        return str(self.env.dlfiles.add_file(self.env.docname, path))

    def _label(self, figure: nodes.figure) -> None:
        """Figures get an id, so ``numfig`` numbers them and ``:numref:`` can name them."""
        if figure["names"]:
            self.document.note_explicit_target(figure, figure)
        else:
            self.document.set_id(figure, suggested_prefix="figure")

    # -- inline ---------------------------------------------------------------

    def _inline_links(self, paragraph: nodes.paragraph) -> None:
        """``<a href="/files/x.pdf">text</a>`` split by MyST into raw open/close nodes."""
        children = list(paragraph.children)
        index = 0
        while index < len(children):
            node = children[index]
            opening = _single_tag(node, "a")
            if opening is None or not opening.get("href"):
                index += 1
                continue
            close = next(
                (j for j in range(index + 1, len(children)) if _is_end_tag(children[j], "a")), None
            )
            if close is None:
                index += 1
                continue
            inner = children[index + 1 : close]
            self.converter.base_line = node.line or paragraph.line or 1
            for child in inner:
                paragraph.remove(child)
            result = self.converter.link(opening, inner)
            replacement = result if isinstance(result, list) else [result]
            position = paragraph.index(node)
            paragraph.remove(children[close])
            paragraph.remove(node)
            for offset, item in enumerate(replacement):
                paragraph.insert(position + offset, item)
            children = list(paragraph.children)
            index = position + len(replacement)

    def _inline_media(self, paragraph: nodes.paragraph) -> bool:
        """``<audio>``/``<video>`` on their own line: Markdown reads them as inline HTML."""
        parts = paragraph.children
        if not parts or not all(
            isinstance(c, nodes.raw) or (isinstance(c, nodes.Text) and not c.strip()) for c in parts
        ):
            return False
        text = "".join(c.astext() for c in parts)
        fragment = parse_fragment(expand_liquid_urls(text))
        elements = fragment.elements()
        if not elements or fragment.text_outside_elements().strip() or not any(
            contains_media(e) for e in elements
        ):
            return False
        self.converter.base_line = paragraph.line or 1
        node = media_node(elements, self.converter, self._add_download)
        node.source, node.line = paragraph.source, paragraph.line
        paragraph.replace_self(node)
        return True

    def _bare_image_url(self, paragraph: nodes.paragraph) -> None:
        """A paragraph that is only an image's URL shows that image."""
        if len(paragraph.children) != 1:
            return
        child = paragraph.children[0]
        if isinstance(child, nodes.reference) and child.astext() == child.get("refuri"):
            url = child.astext()
        elif isinstance(child, nodes.Text):
            url = child.astext()
        else:
            return
        url = url.strip()
        if not url or any(ch.isspace() for ch in url) or not is_image_path(url):
            return
        if "://" not in url and not url.startswith("/"):
            return
        self.converter.base_line = paragraph.line or 1
        node = self.converter.image(Element("img", {"src": url, "alt": posixpath.basename(url)}))
        if isinstance(node, nodes.image):
            node.source, node.line = paragraph.source, paragraph.line
            paragraph.replace_self(node)

    def _fix_image_uris(self) -> None:
        """Markdown images: the site's own URLs become local files; missing files are reported."""
        for image in list(self.document.findall(nodes.image)):
            if image.get("blogposts_converted"):
                continue
            original = image.get("original_uri") or image.get("uri", "")
            if "://" not in original and not original.startswith("/") and not self._outside(original):
                continue  # relative paths inside the sources: Sphinx's own handling
            self.converter.base_line = image.line or (image.parent.line if image.parent else None) or 1
            element = Element("img", {"src": original, "alt": image.get("alt", "")})
            replacement = self.converter.image(element)
            if isinstance(replacement, nodes.image):
                image["uri"] = replacement["uri"]
                image.attributes.pop("candidates", None)
            else:
                image.replace_self(replacement)


    def _outside(self, relative: str) -> bool:
        """A relative image path that leaves the source folder, in a post or a Jekyll site
        (a docs project's hand-written pages may use ``../`` on purpose)."""

        if not guarded(self.env):
            return False
        docdir = os.path.dirname(self.env.doc2path(self.env.docname))
        path = os.path.join(docdir, relative.split("?", 1)[0].split("#", 1)[0])
        return outside_source(path, os.path.realpath(self.env.srcdir))




def _siblings_within(raw: nodes.raw, last_line: int) -> list[nodes.Node]:
    """``raw`` and the following siblings that start no later than ``last_line`` (1-based)."""
    parent = raw.parent
    out = [raw]
    for sibling in parent.children[parent.index(raw) + 1 :]:
        line = line_of_node(sibling)
        if line is None or line > last_line:
            break
        out.append(sibling)
    return out


def _replace(old: list[nodes.Node], new: list[nodes.Node]) -> None:
    parent = old[0].parent
    position = parent.index(old[0])
    for node in old:
        parent.remove(node)
    for offset, node in enumerate(new):
        parent.insert(position + offset, node)


def _single_tag(node: nodes.Node, tag: str) -> Element | None:
    """The element of an inline raw node that is just one start tag ``<tag ...>``."""
    if not isinstance(node, nodes.raw):
        return None
    text = node.astext().strip()
    if not text.lower().startswith(f"<{tag}") or text.startswith("</"):
        return None
    fragment = parse_fragment(text)
    elements = fragment.elements()
    if len(elements) == 1 and elements[0].tag == tag and not elements[0].closed:
        return elements[0]
    return None


def _is_end_tag(node: nodes.Node, tag: str) -> bool:
    return isinstance(node, nodes.raw) and node.astext().strip().lower() == f"</{tag}>"


# -- writing ------------------------------------------------------------------


def visit_image_self_link_html(self, node: image_self_link) -> None:  # noqa: ANN001 - translator
    """Point the link at the copied image (known now that images are named)."""
    uri = node["imageuri"]
    images = getattr(self.builder, "images", {})
    key = uri.lstrip("/")
    if key in images:
        node["refuri"] = posixpath.join(self.builder.imgpath, images[key])
    else:
        node["refuri"] = ""
    if node["refuri"]:
        self.visit_reference(node)


def depart_image_self_link_html(self, node: image_self_link) -> None:  # noqa: ANN001
    if node["refuri"]:
        self.depart_reference(node)


def visit_line_break_html(self, node: line_break) -> None:  # noqa: ANN001
    self.body.append("<br />")
    raise nodes.SkipNode


def on_doctree_resolved(app, doctree: nodes.document, docname: str) -> None:  # noqa: ANN001
    """Builders without HTML writers get the image without its self-link, and no ``<br>``."""
    if app.builder.format == "html":
        return
    for link in list(doctree.findall(image_self_link)):
        link.replace_self(link.children)
    for br in list(doctree.findall(line_break)):
        br.parent.remove(br)


def register_html_figures(app: Sphinx) -> None:
    """The nodes of image self-links and line breaks, with their HTML visitors."""
    app.add_node(image_self_link, html=(visit_image_self_link_html, depart_image_self_link_html))
    app.add_node(line_break, html=(visit_line_break_html, None))
