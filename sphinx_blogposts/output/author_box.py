"""The author box, written: the template ``blogposts/author_box.html`` in HTML,
plain paragraphs elsewhere.

Reading made the box (:mod:`.reading.author_profile`) of native nodes.  HTML
builders render the template (override it in your ``templates_path``) with
the author's fields and the avatar and bio already written as HTML by the
page's own translator (so the copied avatar's address and the bio's links are
the page's).  Other builders (LaTeX, text, man...) get the name, location,
bio and links as paragraphs, without the avatar, at ``doctree-resolved``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.guards import document_guard
from ..core.warnings import BlogWarning
from ..store.nodes import author_box

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

TEMPLATE = "blogposts/author_box.html"


def box_context(node: author_box, avatar_html: str = "", bio_html: str = "") -> dict[str, Any]:
    """What the template gets (documented in ``docs/reference/templates.md``)."""
    author = dict(node["author"])
    return {
        "author": author,
        "place": node["place"],
        "avatar_url": node.get("avatar_url", ""),
        "avatar_html": avatar_html,
        "bio_html": bio_html,
        "links": [{"label": label, "url": url} for label, url in author.get("links", ())],
    }


def _as_html(translator: HTML5Translator, node: nodes.Node) -> str:
    """``node`` written by the page's translator, on the side."""
    saved, translator.body = translator.body, []
    try:
        node.walkabout(translator)
        return "".join(translator.body)
    finally:
        translator.body = saved


def visit_author_box_html(self: HTML5Translator, node: author_box) -> None:
    with document_guard(node, "writing the author box", BlogWarning.DIRECTIVE, "the page has no author box"):
        avatar = next((c for c in node.children if isinstance(c, nodes.image)), None)
        bio = next((c for c in node.children if "blogposts-author-bio" in c.get("classes", ())), None)
        avatar_html = _as_html(self, avatar) if avatar is not None else ""
        bio_html = "".join(_as_html(self, c) for c in bio.children) if bio is not None else ""
        self.body.append(self.builder.templates.render(TEMPLATE, box_context(node, avatar_html, bio_html)))
    raise nodes.SkipNode


def box_paragraphs(node: author_box) -> list[nodes.Node]:
    """The box for builders without HTML: name (and location), bio, links."""
    author = node["author"]
    head = nodes.paragraph("", "", nodes.strong(text=author["name"]))
    if author.get("location"):
        head += nodes.Text(f" \u00b7 {author['location']}")
    out: list[nodes.Node] = [head]
    bio = next((c for c in node.children if "blogposts-author-bio" in c.get("classes", ())), None)
    if bio is not None:
        out.append(nodes.paragraph("", "", *[c.deepcopy() for c in bio.children]))
    links = [f"{label}: {url.removeprefix('mailto:')}" for label, url in author.get("links", ())]
    if links:
        out.append(nodes.paragraph("", " \u00b7 ".join(links)))
    container = nodes.container("", *out, classes=["blogposts-author-box"])
    return [container]


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders without HTML templates get the box as paragraphs (no avatar to copy)."""
    if app.builder.format == "html" and hasattr(app.builder, "templates"):
        return
    for node in list(doctree.findall(author_box)):
        done = False
        with document_guard(node, "writing the author box", BlogWarning.DIRECTIVE, "the page has no author box"):
            node.replace_self(box_paragraphs(node))
            done = True
        if not done:
            node.parent.remove(node)


def register_author_box(app: Sphinx) -> None:
    """The box node, rendered by a template in HTML."""
    app.add_node(author_box, html=(visit_author_box_html, None))
