"""Related posts ("You may also enjoy") at the end of each post that asks for them.

The lists are made once per build, after reading (``env-updated``), from the
records by :func:`.core.related.related_posts`, and kept in the domain; each
post's list is added when its page is written (``doctree-resolved``), so it
is never stale.  A post whose list now shows something else (a post retagged,
added, retitled or removed) is written again (``env-get-updated``, by a
fingerprint of its list), as :mod:`.output.freshness` does for post lists.
Templates get the same list as ``blogposts_related``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.post_record import PostRecord
from ..core.queries import digest, entry_fingerprint
from ..core.related import RelatedItem, related_posts, wants_related
from ..store.domain import BlogpostsDomain
from ..store.labels import page_gettext
from ..store.settings import settings_of
from .postlist import doc_link, title_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The list's heading (minimal-mistakes' ``related_label``), in the page's language.
LABEL = "You may also enjoy"


def related_item(record: PostRecord) -> RelatedItem:
    """What the related-posts rule needs of a post's record."""
    return RelatedItem(
        docname=record.docname,
        timestamp=record.date.timestamp() if record.date else None,
        language=record.language,
        collection=record.collection or "posts",
        tags=tuple(record.tags),
        categories=tuple(record.categories),
    )


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every post's related posts, once, in the main process (after parallel reads)."""
    domain = BlogpostsDomain.of(env)
    posts = [r for r in domain.posts.values() if r.kind == "post"]
    wanted = sorted(r.docname for r in posts if wants_related(r.meta))
    lists, _ = related_posts((related_item(r) for r in posts), wanted, settings_of(env).related)
    domain.data["related"] = lists
    return []


def fingerprints(env: BuildEnvironment) -> dict[str, str]:
    """post -> a fingerprint of what its related list shows."""
    domain = BlogpostsDomain.of(env)
    records = domain.posts
    return {
        docname: digest([entry_fingerprint(records[d]) for d in related if d in records])
        for docname, related in domain.data["related"].items()
    }


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The posts whose related list changed since they were written (also those that lost it)."""
    data = BlogpostsDomain.of(env).data
    old, new = data["related_digests"], fingerprints(env)
    data["related_digests"] = new
    return sorted(d for d in set(old) | set(new) if old.get(d) != new.get(d) and d in env.all_docs)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The titled list at the end of the post (after the author box and the
    previous/next links), for every builder."""
    domain = BlogpostsDomain.of(app.env)
    related = [d for d in domain.data["related"].get(docname, ()) if d in domain.posts]
    if not related:
        return
    gettext = page_gettext(app.env, docname)
    items = []
    for other in related:
        record = domain.posts[other]
        link = doc_link(docname, other, app.builder, title_nodes(record, app.env), classes=["blogposts-entry-link"])
        item = nodes.list_item(classes=["blogposts-entry"])
        paragraph = nodes.paragraph("", "", link)
        if record.date_text:
            paragraph += [nodes.Text(" "), nodes.inline("", record.date_text, classes=["blogposts-date"])]
        item += paragraph
        items.append(item)
    box = nodes.container(classes=["blogposts-related"])
    box += nodes.rubric("", gettext(LABEL), classes=["blogposts-related-title"])
    box += nodes.bullet_list("", *items, classes=["blogposts-postlist"])
    # the post's own section (the page's first): the list ends the post
    section = next((child for child in doctree.children if isinstance(child, nodes.section)), doctree)
    section += box


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``blogposts_related`` (title, url, date of each) and its label, for theme layouts."""
    domain = BlogpostsDomain.of(app.env)
    related = [d for d in domain.data["related"].get(pagename, ()) if d in domain.posts]
    if not related:
        return
    entries = []
    for other in related:
        record = domain.posts[other]
        try:
            url = app.builder.get_relative_uri(pagename, other)
        except Exception:  # noqa: BLE001 - builders without pages
            url = ""
        title = app.env.titles[other].astext() if other in app.env.titles else record.title
        entries.append({"title": title, "url": url, "date": record.date_text, "docname": other})
    context["blogposts_related"] = entries
    context["blogposts_related_label"] = page_gettext(app.env, pagename)(LABEL)
