"""A Jekyll site's ``.html`` pages with front matter become documents.

Jekyll renders the Liquid of an ``.html`` page and uses the result as the
page's body, without Markdown.  In Jekyll site mode ``.html`` is a source
suffix read by :class:`JekyllHtmlParser`: at ``source-read`` the front matter
becomes the ``post`` directive and the Liquid is rendered, as for Markdown
(:mod:`.source_reader`); a listing loop has become a ``postlist`` directive
(:mod:`.listing_pages`).  The parser hands those directive lines to MyST and
keeps everything else as raw HTML blocks at their own lines, so the HTML
converter makes native nodes of what it understands (figures, images, links
to files) and the sanitizer makes the rest inert, with warnings at the right
line.  Markdown inside the HTML stays as written, as in Jekyll.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ..core.documents import Site
from ..store.keys import SOURCE_LINES_KEY

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The file type of Jekyll ``.html`` pages (``source_suffix``'s value).
FILE_TYPE = "jekyll-html"
#: Directive fences the reading step writes into an ``.html`` page's text.
_FENCES = ("```{post}", "```{postlist}")
#: The target of a Markdown link to a file: ``](/files/x.html)``, ``](LICENSE.md)``.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+\.\w+(?:#[^)\s>]*)?)")


def rendered_by_jekyll(site: Site, path: str) -> bool:
    """A file Jekyll renders when it has front matter: Markdown, and ``.html`` in a Jekyll site."""
    return site.is_markdown(path) or (site.settings.jekyll_site and is_html_page(path))


def is_html_page(path: str) -> bool:
    """Is this source path an ``.html`` page (in a Jekyll site)?"""
    return path.lower().endswith(".html")


def split_html(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The directive lines of ``text`` for MyST (every other line blank, so each keeps
    its number) and the HTML blocks, as ``(first line, text)``, split at blank lines."""
    lines = text.split("\n")
    markdown: list[str] = []
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    in_fence = False

    def flush() -> None:
        if current and any(line.strip() for line in current):
            blocks.append((start, "\n".join(current)))
        current.clear()

    for number, line in enumerate(lines, 1):
        if in_fence or line.startswith(_FENCES):
            flush()
            markdown.append(line)
            in_fence = not (in_fence and line.strip() == "```")
            continue
        markdown.append("")
        if not line.strip():
            flush()
            continue
        if not current:
            start = number
        current.append(line)
    flush()
    return "\n".join(markdown), blocks


class JekyllHtmlParser(MystParser):
    """Reads a Jekyll ``.html`` page: its directives with MyST, the rest as raw HTML."""

    supported: tuple[str, ...] = (FILE_TYPE,)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        markdown, blocks = split_html(inputstring)
        super().parse(markdown, document)
        source = document.get("source", "")
        raws: list[nodes.Node] = []
        for line, text in blocks:
            raw = nodes.raw(text, text, format="html")
            raw.source, raw.line = source, line
            raws.append(raw)
        _interleave(document, raws)


def _interleave(document: nodes.document, raws: list[nodes.Node]) -> None:
    """Put the raw blocks among the nodes MyST made, in the order of their lines."""
    made = list(document.children)
    document.children = []
    ordered: list[tuple[int, int, nodes.Node]] = []
    last = 0
    for index, node in enumerate(made):
        line = node.line if isinstance(node.line, int) else last  # e.g. the post directive's targets
        last = line
        ordered.append((line, index, node))
    ordered += [(raw.line, len(made) + i, raw) for i, raw in enumerate(raws)]
    for _line, _index, node in sorted(ordered, key=lambda item: (item[0], item[1])):
        document.append(node)


class HtmlFileLinks(SphinxTransform):
    """A Markdown link to an ``.html`` or Markdown file that is not a page (no front
    matter, or a link out of the site) stays a link to the file (priority 694).

    With ``.html`` a source suffix, MyST takes every link to an existing
    ``.html`` file for a link to a document; the files discovery left out of
    the project are files again, as they were before ``.html`` was a suffix
    (a download link, which is checked like every other).
    """

    default_priority = 694

    def apply(self, **kwargs: object) -> None:
        if not self.config.blogposts_jekyll_site:
            return
        srcdir = self.env.srcdir
        lines: list[str] = self.env.temp_data.get(SOURCE_LINES_KEY) or []
        # Markdown files that are not pages too (LICENSE.md beside GitHub Pages' pages)
        suffixes = (".html", *(f".{e}" for e in self.config.blogposts_markdown_ext))
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = node.get("reftarget", "")
            if node.get("reftype") != "myst" or node.get("refdomain") != "doc" or target in self.env.found_docs:
                continue
            base = Path(target) if os.path.isabs(target) else srcdir / target
            file = next((f for f in (base.with_name(base.name + s) for s in suffixes) if f.is_file()), None)
            if file is None:
                continue
            line = lines[node.line - 1] if isinstance(node.line, int) and 0 < node.line <= len(lines) else ""
            written = self._written(line, file) or "/" + file.relative_to(srcdir).as_posix()
            link = addnodes.download_reference(
                "", "", *node.children, reftarget=written, refdoc=self.env.docname,
                refexplicit=node.get("refexplicit", False), reftype="myst",
            )  # fmt: skip
            link.source, link.line = node.source, node.line
            node.replace_self(link)

    def _written(self, line: str, file: Path) -> str | None:
        """The link target as the line writes it (``/files/x.html``), found by where it leads."""
        real = os.path.realpath(file)
        for match in _LINK_TARGET.finditer(line):
            written = match.group(1)
            _, path = self.env.relfn2path(written.split("#", 1)[0], self.env.docname)
            if os.path.realpath(path) == real:
                return written
        return None


def register_html_pages(app: Sphinx) -> None:
    """The parser of ``.html`` pages (the suffix is added in Jekyll site mode only)."""
    app.add_source_parser(JekyllHtmlParser)


def add_html_suffix(app: Sphinx) -> None:
    """In a Jekyll site, ``.html`` files are sources; those without front matter are
    left out by discovery, as Jekyll copies them as they are."""
    if ".html" not in app.registry.source_suffix:
        app.add_source_suffix(".html", FILE_TYPE)
