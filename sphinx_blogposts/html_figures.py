"""Raw HTML in Markdown posts becomes native nodes: figures, images, links to files.

MyST keeps a post's HTML as ``raw`` nodes, and splits a ``<figure>`` with
blank lines into several sibling nodes.  This transform goes back to the
source text (which :mod:`.source_reader` keeps for the document, with its
original line numbers), parses each HTML block with :mod:`.html_fragments`,
and replaces the nodes that block produced with a ``figure`` or ``image``
node.  It runs at priority 690: before Sphinx collects images (so they are
copied), labels and figure numbers (850–880), and before the post transform
looks for the excerpt.

What it does not understand is left exactly as it was, with a warning when it
is a figure or an image, so nothing vanishes silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import os
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .config import BlogpostsConfig
from .html_convert import Converter, image_self_link, line_break, render_markdown_inline
from .html_fragments import Element, first_element_extent, parse_fragment, sanitize
from .media import MEDIA_TAGS, contains_media, media_node
from .urls import SiteAddress, expand_liquid_urls, has_liquid, is_image_path, repository_of
from .warnings import BlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: The per-document key in ``env.temp_data`` holding the source lines.
SOURCE_LINES_KEY = "blogposts_source_lines"

#: Block wrappers an ``<img>`` may sit in and still be just an image.
IMAGE_WRAPPERS = frozenset(("p", "center", "div", "a", "span", "picture"))


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
        settings = BlogpostsConfig.from_config(self.config)
        if not settings.convert_html:
            return
        self.lines = lines
        self.converter = Converter(
            srcdir=Path(self.env.srcdir),
            docname=self.env.docname,
            site=site_address(settings),
            report=self._report,
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
        elements = fragment.elements()
        if not elements:
            return
        first = elements[0]
        start = raw.line - 1 + leading_lines(text)  # 0-based index of the first tag
        if first.tag == "figure" or first.tag in MEDIA_TAGS:
            self._figure(raw, start)
        elif first.tag in IMAGE_WRAPPERS and contains_media(first):
            self._figure(raw, start)
        elif first.tag in ("p", "div") and links_local_files(first, self.converter) and inline_only(
            fragment
        ):
            self.converter.base_line = start + 1
            paragraph = nodes.paragraph("", "", *self.converter.inline(first.children))
            paragraph.source, paragraph.line = raw.source, raw.line
            raw.replace_self(paragraph)
        elif first.tag in IMAGE_WRAPPERS or first.tag == "img":
            self._image_block(raw, fragment.children, start)
        elif any(True for e in elements for _ in e.iter("img")) or any(
            True for e in elements for _ in e.iter("figure")
        ):
            self._report(
                f"this <{first.tag}> block holds images but also other markup; it is kept as raw HTML",
                BlogWarning.HTML,
                start + 1,
            )

    def _figure(self, raw: nodes.raw, start: int) -> None:
        end = first_element_extent(self.lines, start)
        if end is None:
            self._report(
                "this <figure> is never closed; it is kept as raw HTML", BlogWarning.HTML, start + 1
            )
            return
        block = "\n".join(self.lines[start : end + 1])
        fragment = parse_fragment(expand_liquid_urls(block))
        figure_el = fragment.elements()[0]
        where = start + 1
        if has_liquid(expand_liquid_urls(block)):
            self._report(
                "this <figure> uses Liquid that is not rendered here; it is kept as raw HTML",
                BlogWarning.HTML,
                where,
            )
            return
        if figure_el.tag == "figure" and any(e is not figure_el for e in figure_el.iter("figure")):
            self._report(
                "a <figure> inside a <figure>; the outer one is kept as raw HTML", BlogWarning.HTML, where
            )
            return
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
        from .file_access import guarded, outside_source  # here: it imports the directive module

        if not guarded(self.env):
            return False
        docdir = os.path.dirname(self.env.doc2path(self.env.docname))
        path = os.path.join(docdir, relative.split("?", 1)[0].split("#", 1)[0])
        return outside_source(path, os.path.realpath(self.env.srcdir))


class RawHtmlSanitizer(SphinxTransform):
    """Raw HTML left after the conversion goes through :func:`.html_fragments.sanitize`.

    It runs at priority 705: after :class:`HtmlToNodes` (so a figure's problems
    are reported once, by the converter) and after the post transform has found
    the ``<!--more-->`` separator, before Sphinx collects anything (850).  Each
    removal is a ``blogposts.html`` warning at its line.
    """

    default_priority = 705

    def apply(self, **kwargs: object) -> None:
        if not sanitizes(self.env, self.config):
            return
        docname = self.env.docname
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            text = raw.astext()
            safe, removals = sanitize(text)
            line = raw.line or _line_of(raw.parent) or 1
            for removal in removals:
                warn(removal.message, BlogWarning.HTML, location=(docname, line + removal.line - 1))
            if safe != text:
                raw.rawsource = safe
                raw.children = []
                raw += nodes.Text(safe)


def sanitizes(env: BuildEnvironment, config: Config) -> bool:
    """Whether the raw HTML of the document being read is sanitized.

    ``blogposts_raw_html`` decides when set; unset, a Jekyll site sanitizes
    every document and a docs project only its posts (its hand-written pages
    may rely on raw HTML; posts are content, often imported).
    """
    from .domain import BlogpostsDomain  # here: domain imports the directive module

    choice = config.blogposts_raw_html
    if choice in ("sanitize", "keep"):
        return choice == "sanitize"
    if config.blogposts_jekyll_site:
        return True
    record = BlogpostsDomain.of(env).posts.get(env.docname)
    return record is not None and record.kind == "post"


def leading_lines(text: str) -> int:
    """Blank lines before the first tag of a raw block."""
    head = text[: len(text) - len(text.lstrip())]
    return head.count("\n")


def _siblings_within(raw: nodes.raw, last_line: int) -> list[nodes.Node]:
    """``raw`` and the following siblings that start no later than ``last_line`` (1-based)."""
    parent = raw.parent
    out = [raw]
    for sibling in parent.children[parent.index(raw) + 1 :]:
        line = _line_of(sibling)
        if line is None or line > last_line:
            break
        out.append(sibling)
    return out


def _line_of(node: nodes.Node) -> int | None:
    if getattr(node, "line", None):
        return node.line
    if isinstance(node, nodes.Element):
        for child in node.findall():
            if getattr(child, "line", None):
                return child.line
    return None


def _replace(old: list[nodes.Node], new: list[nodes.Node]) -> None:
    parent = old[0].parent
    position = parent.index(old[0])
    for node in old:
        parent.remove(node)
    for offset, node in enumerate(new):
        parent.insert(position + offset, node)


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
    """Whether a block links a file of the site (which would break if left raw)."""
    return any(converter.resolve(a.get("href")).kind == "local" for a in element.iter("a") if a.get("href"))


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


def setup_html_figures(app: Sphinx) -> None:
    """Register this module's part of the extension with Sphinx."""
    from .html_convert import image_self_link, line_break

    app.add_transform(HtmlToNodes)
    app.add_transform(RawHtmlSanitizer)
    app.add_node(image_self_link, html=(visit_image_self_link_html, depart_image_self_link_html))
    app.add_node(line_break, html=(visit_line_break_html, None))
    app.connect("doctree-resolved", on_doctree_resolved)
