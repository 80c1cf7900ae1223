"""Links to list pages: the pager of a paginated list ("← Previous page · Page 2
of 5 · Next page →") and the ``blogposts-page`` role of the archive overviews.

A generated list's first page is a document; its pages 2, 3... are written by
the HTML builders without being documents (:mod:`.output.list_pages`), so the
pager's links are made when a page is written, from the page names, for the
page being written.  Builders without pages (LaTeX, ePub, one HTML page, text)
drop the pager and show the whole list on the first page: a reader of a PDF
has no page 2 to go to.  There, a link to a list page is its label.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes, utils
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import split_explicit_title

from ..core.warnings import BlogWarning, warn
from ..store.nodes import page_link, pager_node, postlist_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: Builders that write a list's pages 2, 3... (every other shows the whole list).
PAGED_BUILDERS = frozenset(("html", "dirhtml"))


class PagerDirective(SphinxDirective):
    """``blogposts-pager``: its content is :func:`.generate.page_source.pager_info` as JSON
    (written by the generated pages; not meant for hand-written pages)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        try:
            info = json.loads("\n".join(self.content))
            pages, number = [str(p) for p in info["pages"]], int(info["number"])
        except (ValueError, KeyError, TypeError) as exc:
            warn(f"this pager cannot be read ({exc}); it is left out", BlogWarning.DIRECTIVE, location=self.get_location())
            return []
        node = pager_node(pages=pages, number=number, previous=str(info.get("previous", "")),
                          next=str(info.get("next", "")), status=str(info.get("status", "")))  # fmt: skip
        self.set_source_info(node)
        return [node]


def pager_nodes(node: pager_node, pagename: str, builder: Builder) -> nodes.container:
    """The pager of page ``pagename`` as the nodes a ``{doc}`` link makes, linked
    relative to that page."""
    pages, number = node["pages"], node["number"]

    def link(target: str, label: str) -> nodes.reference:
        ref = nodes.reference("", "", nodes.inline(label, label, classes=["doc"]), internal=True)
        ref["refuri"] = builder.get_relative_uri(pagename, target)
        return ref

    parts: list[nodes.Node] = []
    if number > 1:
        parts.append(link(pages[number - 2], node["previous"]))
    parts.append(nodes.Text(node["status"]))
    if number < len(pages):
        parts.append(link(pages[number], node["next"]))
    paragraph = nodes.paragraph()
    for index, part in enumerate(parts):
        if index:
            paragraph += nodes.Text(" \u00b7 ")
        paragraph += part
    return nodes.container("", paragraph, classes=["blogposts-pager"])


def visit_pager_html(translator: Any, node: pager_node) -> None:
    """The pager's links, relative to the page being written."""
    node[:] = [pager_nodes(node, translator.builder.current_docname, translator.builder)]


def depart_pager_html(translator: Any, node: pager_node) -> None:
    """Nothing to close: the placeholder writes no element of its own."""


def page_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None) -> Any:
    """``{blogposts-page}`label </tags/python>``: a link to a list page."""
    _explicit, title, target = split_explicit_title(utils.unescape(text))
    return [page_link(rawtext, title, target=target.strip().lstrip("/"))], []


def visit_page_link_html(translator: Any, node: page_link) -> None:
    """Written as a ``{doc}`` link is."""
    builder = translator.builder
    uri = builder.get_relative_uri(builder.current_docname, node["target"])
    translator.body.append(f'<a class="reference internal" href="{translator.attval(uri)}"><span class="doc">')


def depart_page_link_html(translator: Any, node: page_link) -> None:
    translator.body.append("</span></a>")


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders without pages: links to list pages are their labels, no pager, and
    the first page lists every post.

    Runs before the lists are filled (:func:`.output.postlist.on_doctree_resolved`)."""
    if app.builder.name in PAGED_BUILDERS:
        return
    for link in list(doctree.findall(page_link)):
        link.replace_self(nodes.inline(link.rawsource, link.astext()))
    pagers = list(doctree.findall(pager_node))
    if not pagers:
        return
    for pager in pagers:
        page = pager.parent
        while isinstance(page.parent, nodes.section):  # a month's section is part of its year's page
            page = page.parent
        pager.parent.remove(pager)
        for listed in page.findall(postlist_node):  # the lists of the pager's page
            listed["spec"] = {**listed["spec"], "limit": None}


def register_pager(app: Sphinx) -> None:
    """The pager directive and its node (which writes nothing outside HTML: it is
    removed at ``doctree-resolved`` there)."""
    app.add_directive("blogposts-pager", PagerDirective)
    app.add_node(pager_node, html=(visit_pager_html, depart_pager_html))
    app.add_role("blogposts-page", page_role)
    app.add_node(page_link, html=(visit_page_link_html, depart_page_link_html))
