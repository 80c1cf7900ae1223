"""The header under a post's title: date, collection, tags, author, reading time.

HTML builders render the Jinja template ``blogposts/post_header.html``
(override it in your ``templates_path``); other builders (LaTeX, text, man...)
get the same facts as ordinary docutils nodes, replaced at ``doctree-resolved``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.guards import document_guard
from ..core.i18n import localized_date
from ..core.jekyll_site import collection_settings
from ..core.languages import archive_key, blog_name
from ..core.post_record import PostRecord
from ..core.warnings import BlogWarning
from ..store.domain import BlogpostsDomain
from ..store.labels import gettext_for
from ..store.nodes import post_node
from ..store.settings import settings_of
from .translations import translation_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

TEMPLATE = "blogposts/post_header.html"


def archive_links(record: PostRecord, env: BuildEnvironment, uri: Callable[[str], str] | None) -> dict[str, Any]:
    """Links from a post to its collection's index and its archive pages (when generated)."""
    archive = BlogpostsDomain.of(env).data["archive_map"]
    blog = record.blog  # a blog's post links to its blog's pages

    def link(kind: str, name: str | None) -> str:
        target = archive.get(archive_key(kind, blog), {}).get(name) if name else None
        if target is None and blog and (kind == "collection" or (kind == "category" and name == blog_name(blog))):
            target = archive.get("blog", {}).get(blog)  # the blog's own name is its index
        return uri(target) if uri and target else ""

    year = record.day[:4] if record.day else None
    return {
        "collection_url": link("collection", record.collection),
        "year_url": link("year", year),
        "tag_links": [(t, link("tag", t)) for t in record.tags],
        "category_links": [(c, link("category", c)) for c in record.categories],
        "author_links": [(a, link("author", a)) for a in record.authors],
    }


def header_context(
    record: PostRecord, env: BuildEnvironment, uri: Callable[[str], str] | None = None
) -> dict[str, Any]:
    """Everything the header template gets (also documented for theme authors).

    ``uri(docname)`` gives the address of another page from this one.
    """
    settings = settings_of(env)
    language = record.language or env.config.language  # the post's own language
    _ = gettext_for(env, language)
    collection_title = None
    if record.collection:
        collection_title = collection_settings(settings.collections, record.collection).get("title")
    return {
        "post": record.as_context(),
        "date_text": record.date_text or localized_date(record.date, language),
        "date_iso": record.date.isoformat() if record.date else "",
        "updated_text": localized_date(record.last_modified, language),
        "updated_iso": record.last_modified.isoformat() if record.last_modified else "",
        # the default "posts" collection goes without saying
        "collection_title": collection_title or (record.collection if record.collection != "posts" else ""),
        "datetime_text": localized_date(record.date, language, with_time=True) if record.date_has_time else "",
        "reading_time_text": _("%(minutes)d min read") % {"minutes": record.reading_minutes},
        **archive_links(record, env, uri),
        "labels": {
            "posted": _("Posted on"),
            "updated": _("Updated"),
            "collection": _("Collection"),
            "tags": _("Tags"),
            "categories": _("Categories"),
            "author": _("By"),
            "reading_time": _("Reading time"),
            "translations": _("Other languages"),
        },
        # this post in other languages (:mod:`.output.translations`), itself included
        "translations": translation_entries(env, record.docname, uri) if uri else [],
    }


def visit_post_node_html(self: HTML5Translator, node: post_node) -> None:
    record = BlogpostsDomain.of(self.builder.env).posts.get(node["docname"])
    if record is not None and record.kind == "post":
        with document_guard(node, "writing the post's header", BlogWarning.DIRECTIVE, "the post has no header"):
            builder = self.builder
            current = builder.current_docname if hasattr(builder, "current_docname") else node["docname"]
            context = header_context(record, builder.env, lambda target: builder.get_relative_uri(current, target))
            self.body.append(self.builder.templates.render(TEMPLATE, context))
    raise nodes.SkipNode


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Render the header as plain nodes for builders without HTML templates."""
    settings = settings_of(app.env)
    html = app.builder.format == "html" and hasattr(app.builder, "templates")
    for node in list(doctree.findall(post_node)):
        record = BlogpostsDomain.of(app.env).posts.get(node["docname"])
        if not settings.post_header or record is None or record.kind != "post":
            node.parent.remove(node)
        elif not html:
            done = False
            with document_guard(node, "writing the post's header", BlogWarning.DIRECTIVE, "the post has no header"):
                node.replace_self(header_nodes(record, app.env))
                done = True
            if not done:
                node.parent.remove(node)  # a builder without templates cannot write it


def header_nodes(record: PostRecord, env: BuildEnvironment) -> nodes.Element:
    """The header as a paragraph: "22 de abril de 2022 · ai · Tags: a, b · 3 min read"."""
    context = header_context(record, env)
    parts: list[str] = []
    if context["date_text"]:
        parts.append(context["date_text"])
    if context["collection_title"]:
        parts.append(context["collection_title"])
    if record.authors:
        parts.append(f"{context['labels']['author']} {', '.join(record.authors)}")
    if record.tags:
        parts.append(f"{context['labels']['tags']}: {', '.join(record.tags)}")
    parts.append(context["reading_time_text"])
    para = nodes.paragraph("", "", nodes.emphasis(text=" \u00b7 ".join(parts)))
    para["classes"].append("blogposts-post-header")
    return para


def register_post_header(app: Sphinx) -> None:
    """The header node, rendered by a template in HTML."""
    app.add_node(post_node, html=(visit_post_node_html, None))
