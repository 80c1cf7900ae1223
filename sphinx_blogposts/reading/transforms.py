"""Read-time transforms: the title, the excerpt and the reading time of a post.

They run at priority 700, after parsing and before Sphinx collects titles and
domain data (850–880), so the title they set is the document's title in
toctrees, links and ``<title>``.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.guards import document_guard, guarded_handler
from ..core.i18n import localized_date
from ..core.post_record import PostRecord, titleize
from ..core.seo import describe
from ..core.urls import resolve
from ..core.warnings import BlogWarning, warn
from ..html.figures import site_address
from ..store.domain import BlogpostsDomain
from ..store.nodes import post_excerpt, post_nav_node, post_node, post_title
from ..store.settings import settings_of
from ..store.site_urls import source_folder
from .source_reader import MORE_MARKER

if TYPE_CHECKING:
    pass

#: Longest excerpt kept on the record (lists show excerpts, not whole posts).
EXCERPT_LIMIT = 600


def untitled_message(title: str) -> str:
    """The warning for a post without a title (also used by the CLI's ``check``)."""
    return f"this post has no title; using {title!r}, made from its file name"


class PostTransform(SphinxTransform):
    """Give a post its title section, excerpt and reading time."""

    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        with document_guard(
            (self.env.docname, 1), "finding the post's title and excerpt", BlogWarning.TITLE,
            "the post keeps the title and excerpt it had",
        ):
            self._apply()

    def _apply(self) -> None:
        docname = self.env.docname
        record = BlogpostsDomain.of(self.env).posts.get(docname)
        node = next(self.document.findall(post_node), None)
        if record is None or node is None:
            return
        title = next((c for c in node.children if isinstance(c, post_title)), None)
        if title is not None:
            node.remove(title)
            section = self._wrap(list(title.children), record.title)
        else:
            section = self._existing_section()
            if section is not None:
                record.title = section[0].astext()
                record.title_source = "heading"
            else:
                record.title = titleize(record.slug) or docname
                record.title_source = "file name"
                # Jekyll pages need no title (layouts show the site's); posts do
                if record.kind == "post" and not node.get("title_reported"):
                    warn(
                        untitled_message(record.title),
                        BlogWarning.TITLE,
                        location=node,
                    )
                section = self._wrap([nodes.Text(record.title)], record.title)
        excerpt = next((c for c in node.children if isinstance(c, post_excerpt)), None)
        if excerpt is not None:
            node.remove(excerpt)
        self._measure(record, section)
        record.date_text = localized_date(record.date, record.language or self.config.language)
        if record.kind == "post":
            nav = post_nav_node(docname=docname)
            section += nav
        # an excerpt written out (front matter, the directive's content) is kept
        # when excerpts are off, as Jekyll keeps ``excerpt:``
        if not record.excerpt and (excerpt is not None or not node.get("no_excerpt")):
            record.excerpt = _clip(self._excerpt(section, excerpt, node.get("excerpt_line")))

    def _existing_section(self) -> nodes.section | None:
        for child in self.document.children:
            if isinstance(child, nodes.section):
                return child
        return None

    def _wrap(self, title_children: list[nodes.Node], text: str) -> nodes.section:
        """Put the whole body in a section titled by the post's title."""
        document = self.document
        section = nodes.section()
        section.source, section.line = document.get("source"), 1
        section += nodes.title(text, "", *title_children)
        keep = [c for c in document.children if isinstance(c, (nodes.decoration, nodes.docinfo))]
        moved = [c for c in document.children if c not in keep]
        document.children = []
        document.extend(keep)
        section.extend(moved)
        document += section
        section["names"].append(nodes.fully_normalize_name(section[0].astext()))
        document.note_implicit_target(section, section)
        return section

    def _measure(self, record: PostRecord, section: nodes.section) -> None:
        words = sum(len(t.astext().split()) for t in section.findall(nodes.Text))
        words -= len(section[0].astext().split())
        record.words = max(0, words)
        wpm = settings_of(self.env).words_per_minute or 200
        record.reading_minutes = max(1, math.ceil(record.words / max(1, wpm)))

    @staticmethod
    def _excerpt(section: nodes.section, excerpt: nodes.Element | None, stop: int | None) -> str:
        if excerpt is not None:
            return excerpt.astext()
        paragraphs = [p for p in section.findall(nodes.paragraph) if _text(p)]
        more = next((r for r in section.findall(nodes.raw) if r.astext().strip() == MORE_MARKER), None)
        if more is not None and more.line is not None:
            stop = more.line if not stop else min(stop, more.line)
        if stop:
            before = [p for p in paragraphs if p.line is not None and p.line < stop]
            if before:
                return "\n\n".join(_text(p) for p in before)
        return _text(paragraphs[0]) if paragraphs else ""


def _text(node: nodes.Node) -> str:
    return " ".join(node.astext().replace("\xa0", " ").split())


def _clip(text: str) -> str:
    if len(text) <= EXCERPT_LIMIT:
        return text
    cut = text[:EXCERPT_LIMIT].rsplit(" ", 1)[0]
    return cut + "\u2026"


@guarded_handler("choosing the post's picture", BlogWarning.IMAGE, "the post has no picture in lists")
def on_doctree_read(app, doctree: nodes.document) -> None:  # noqa: ANN001 - Sphinx
    """The post's picture for lists: its front-matter image, else its first image.

    Runs after Sphinx's image collector, so image URIs are final; a front-matter
    image that the post does not show is registered so it is copied too.
    """
    env = app.env
    record = BlogpostsDomain.of(env).posts.get(env.docname)
    if record is None or record.kind != "post":
        return
    _find_picture(env, record, doctree)
    if "sphinxext.opengraph" in app.config.extensions:
        _opengraph_fields(env, record)


def _opengraph_fields(env, record: PostRecord) -> None:  # noqa: ANN001
    """sphinxext-opengraph reads ``og:*`` fields of a page's metadata."""
    metadata = env.metadata[record.docname]
    # the SEO head's rule (jekyll-seo-tag's): the front matter's description, else the excerpt
    text = describe(record.meta.get("description"), record.excerpt, "")
    if text:
        # sphinxext-opengraph escapes only '"' when it writes the meta tag
        metadata.setdefault("og:description", html.escape(_clip(text)[:200], quote=False))
    metadata.setdefault("og:type", "article")
    uri = record.image_uri
    if uri and "://" in uri:
        metadata.setdefault("og:image", uri)
    elif uri and uri in env.images:
        metadata.setdefault("og:image", f"_images/{env.images[uri][1]}")


def _find_picture(env, record: PostRecord, doctree: nodes.document) -> None:  # noqa: ANN001
    if record.image:
        settings = settings_of(env)
        target = resolve(record.image, Path(env.srcdir), source_folder(env, env.docname), site_address(settings))
        if target.kind == "local":
            env.images.add_file(env.docname, target.path)
            env.note_dependency(target.path)
            record.image_uri = target.path
            return
        if target.kind == "remote":
            record.image_uri = target.url
            return
    for image in doctree.findall(nodes.image):
        candidates = image.get("candidates", {})
        uri = candidates.get("*") or candidates.get("?") or image.get("uri")
        if uri and (uri in env.images or "://" in uri):
            record.image_uri = uri
            return
