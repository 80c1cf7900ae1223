"""Embedded media (``<video>``, ``<audio>``, ``<iframe>``): kept as HTML, files copied.

A browser needs the HTML of a video player, so HTML builders keep it — but
rewritten: only known attributes survive (no ``on*`` handlers, no
``javascript:`` URLs), and every local file it plays (``src``, ``<source>``,
``poster``, ``<track>``) is registered as a download, copied into the output
and addressed relatively, so it plays under any URL prefix.  Builders without
HTML (LaTeX, ePub readers aside, text) get a paragraph linking to the media.
"""

from __future__ import annotations

import html
import posixpath
import urllib.parse
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from ..core.urls import is_unsafe
from ..core.warnings import BlogWarning
from ..store.nodes import media_html
from .fragments import Element, serialize, unsafe_attribute

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .convert import Converter

MEDIA_TAGS = frozenset(("video", "audio", "iframe"))
_URL_ATTRIBUTES = ("src", "poster", "href")
_PLACEHOLDER = "blogposts-download:{}"
_WHY = {"srcdoc": "an embedded page", "style": "script or imports in CSS", "malformed": "a malformed name"}


def contains_media(element: Element) -> bool:
    return any(True for tag in MEDIA_TAGS for _ in element.iter(tag))


def media_node(elements: list[Element], converter: Converter, add_download) -> media_html:  # noqa: ANN001
    """Sanitise the media ``elements`` and register their local files.

    ``add_download(path)`` registers a file (relative to srcdir) for copying
    and returns its destination name.
    """
    downloads: list[str] = []
    links: list[tuple[str, str]] = []
    for element in elements:
        for el in element.iter():
            converter.check_handlers(el)
            for name, value in el.attrs.items():
                problem = unsafe_attribute(el.tag, name, value)
                if problem in ("srcdoc", "style", "malformed"):  # handlers and URLs: here and below
                    converter.report(
                        f"removed the {name[:40]} attribute of the <{el.tag}> element ({_WHY[problem]})",
                        BlogWarning.HTML,
                        converter.at(el),
                    )
            for attr in _URL_ATTRIBUTES:
                url = el.attrs.get(attr)
                if url is None:
                    continue
                target = converter.resolve(url)
                if target.kind == "local":
                    downloads.append(add_download(target.path))
                    el.attrs[attr] = _PLACEHOLDER.format(len(downloads) - 1)
                    if attr == "src":
                        links.append((posixpath.basename(target.path), _PLACEHOLDER.format(len(downloads) - 1)))
                elif target.kind == "remote":
                    if attr == "src":
                        links.append((_title(el), watch_url(target.url)))
                elif target.kind in ("anchor", "document"):
                    continue
                else:
                    del el.attrs[attr]
                    problem = (
                        "removed a script URL from"
                        if is_unsafe(url)
                        else f"media file not found ({url!r}) in"
                    )
                    converter.report(f"{problem} the <{el.tag}> element", BlogWarning.IMAGE, converter.at(el))
    html_text = "".join(serialize(e) for e in elements)
    caption = " ".join(
        " ".join(c.text().split()) for e in elements for c in e.iter("figcaption")
    )
    return media_html(html=html_text, downloads=downloads, links=links, caption=caption)


def _title(el: Element) -> str:
    return el.get("title") or posixpath.basename(urllib.parse.urlsplit(el.get("src")).path) or el.tag


def watch_url(url: str) -> str:
    """A YouTube/Vimeo embed address as the page a reader can open."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.lower()
    segments = [s for s in parts.path.split("/") if s]
    if "youtube" in host and len(segments) >= 2 and segments[0] == "embed":
        return f"https://www.youtube.com/watch?v={segments[1]}"
    if host == "player.vimeo.com" and len(segments) >= 2 and segments[0] == "video":
        return f"https://vimeo.com/{segments[1]}"
    return url


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in the copied files' addresses (HTML) or put links in place (others)."""
    html_builder = app.builder.format == "html"
    for node in list(doctree.findall(media_html)):
        addresses = [
            relative_uri(app.builder.get_target_uri(docname), f"_downloads/{dest}")
            for dest in node["downloads"]
        ]

        def fill(text: str, escape: bool) -> str:
            for index, address in enumerate(addresses):
                value = html.escape(address, quote=True) if escape else address
                text = text.replace(_PLACEHOLDER.format(index), value)
            return text

        if html_builder:
            node.replace_self(nodes.raw("", fill(node["html"], True), format="html"))
            continue
        paragraph = nodes.paragraph(classes=["blogposts-media-link"])
        if node.get("caption"):
            paragraph += nodes.Text(node["caption"] + " ")
        for label, url in node["links"]:
            if paragraph.children:
                paragraph += nodes.Text(", ")
            url = fill(url, False)
            if url.startswith("blogposts-download:") or not url:
                paragraph += nodes.Text(label)
            elif "://" in url:
                paragraph += nodes.reference("", label, refuri=url)
            else:
                paragraph += nodes.Text(label)
        node.replace_self(paragraph if paragraph.children else [])


def register_media(app: Sphinx) -> None:
    """The node of converted media HTML."""
    app.add_node(media_html)
