"""Which already written pages must be written again (``env-get-updated``).

Sphinx rewrites the pages it read again; but a collection index must also be
rewritten when a post *it lists* changes, and a post when its neighbour is
retitled.  After reading, we fingerprint what each such page would show —
its lists' entries, its previous/next links, the sidebars' recent posts and
tags — and return the pages whose fingerprint changed since they were last
written.  A no-change build returns nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.languages import archive_key
from ..core.post_index import select_indexed
from ..core.queries import ListSpec, digest, entry_fingerprint
from ..store.domain import BlogpostsDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.post_record import PostRecord
    from sphinx.environment import BuildEnvironment

#: Sidebar templates whose content depends on all posts.
SIDEBAR_TEMPLATES = ("blogposts/recent.html", "blogposts/tags.html", "blogposts/archives.html")


def spec_from_dict(data: dict) -> ListSpec:
    return ListSpec(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


class EntryParts:
    """What a list entry shows of a post (its fingerprint and the tag pages it links
    to), made once per post however many lists show it."""

    def __init__(self, domain: BlogpostsDomain) -> None:
        self.archive = domain.data["archive_map"]
        self.made: dict[str, tuple[tuple, tuple]] = {}

    def __call__(self, record: PostRecord) -> tuple[tuple, tuple]:
        parts = self.made.get(record.docname)
        if parts is None:
            tag_pages = self.archive.get(archive_key("tag", record.blog), {})  # its blog's tag pages
            parts = self.made[record.docname] = (entry_fingerprint(record), tuple(tag_pages.get(t) for t in record.tags))
        return parts


def list_fingerprint(domain: BlogpostsDomain, spec: ListSpec, entry: EntryParts | None = None) -> list[object]:
    """What one list shows: its entries and the tag pages they link to."""
    entry = entry or EntryParts(domain)
    parts: list[object] = []
    for record in select_indexed(domain.index, spec, domain.posts):
        parts.extend(entry(record))
    return parts


def page_fingerprints(env: BuildEnvironment) -> dict[str, str]:
    domain = BlogpostsDomain.of(env)
    records = domain.posts
    index = domain.index
    out: dict[str, str] = {}
    entry = EntryParts(domain)  # a post is in many lists
    for docname, specs in domain.data["lists"].items():
        parts: list[object] = []
        for spec in specs:
            parts += list_fingerprint(domain, spec_from_dict(spec), entry)
        out[docname] = digest(parts)
    for docname, (older, newer) in index.neighbours.items():
        parts = [
            (d, records[d].title) if d in records else None for d in (older, newer)
        ]
        out[docname] = digest([out.get(docname, ""), *parts])
    return out


#: The key of :data:`digests` that holds :func:`inputs_key` of the last build.
RECORDS_KEY = "\x00records"
#: Record fields no list, neighbour link or sidebar shows (only the post's own header).
UNSHOWN_FIELDS = ("words", "reading_minutes")


def inputs_key(env: BuildEnvironment) -> str:
    """A digest of everything :func:`page_fingerprints` reads: every record (but its
    reading time), every page's list queries, the archive pages.  When it is the last
    build's, so is every page's fingerprint, and they are not made again."""
    domain = BlogpostsDomain.of(env)
    records = [
        (d, [(k, v) for k, v in vars(r).items() if k not in UNSHOWN_FIELDS]) for d, r in sorted(domain.posts.items())
    ]
    lists = sorted(domain.data["lists"].items())
    archive = sorted((k, sorted(v.items())) for k, v in domain.data["archive_map"].items())
    return digest([records, lists, archive])


def sidebar_fingerprint(env: BuildEnvironment) -> str:
    domain = BlogpostsDomain.of(env)
    index = domain.index
    recent = [entry_fingerprint(domain.posts[d]) for d in index.recent[:10] if d in domain.posts]
    tags = sorted((k, len(v)) for k, v in index.by["tag"].items())
    years = sorted((k, len(v)) for k, v in index.by["year"].items())
    # each blog's sidebars (output/translations.py): its newest posts, tags and years
    blogs = [
        (blog, [entry_fingerprint(domain.posts[d]) for d in docs[:10] if d in domain.posts])
        for blog, docs in sorted(index.by["blog"].items())
        if blog
    ]
    blogs += [sorted(index.blog_tags.items()), sorted(index.blog_years.items())]
    archive = domain.data["archive_map"]
    pages = sorted((k, sorted(v.items())) for k, v in archive.items() if k.startswith(("tag", "year", "blog")))
    return digest([recent, tags, years, sorted(archive.get("tag", {}).items()), blogs, pages])


def uses_our_sidebars(app: Sphinx) -> bool:
    sidebars = getattr(app.config, "html_sidebars", {}) or {}
    return any(t in SIDEBAR_TEMPLATES for templates in sidebars.values() for t in (templates or ()))


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = BlogpostsDomain.of(env)
    data = domain.data
    old = data["digests"]
    if old and not domain.records_changed:
        # nothing was read or removed: every fingerprint is the one stored (the
        # records, titles, archive and menu change only by reading); a no-change
        # build does not make them again
        return []
    key = inputs_key(env)
    if old.get(RECORDS_KEY) == key:
        # what the lists and links show is made of the same records (a body edit
        # changes only the reading time, which no list shows): the stored ones
        new = {d: h for d, h in old.items() if not d.startswith("\x00")}
        stale = []
    else:
        new = page_fingerprints(env)
        stale = [d for d, h in new.items() if old.get(d) != h and d in env.all_docs]
    new[RECORDS_KEY] = key
    # every page's sidebar shows the generated sections: a new, gone or retitled
    # section means every page is written again
    nav = [(d, env.titles[d].astext() if d in env.titles else "") for d in data["nav_pages"]]
    # ...and so does a Jekyll site's menu (the root toctree: generate/menu.py)
    nav += [(ref, title or (env.titles[ref].astext() if ref in env.titles else "")) for title, ref in data["nav_entries"]]
    new["\x00nav"] = digest(nav)
    if "\x00nav" in old and old["\x00nav"] != new["\x00nav"]:
        stale = sorted(env.all_docs)
    if uses_our_sidebars(app):
        fingerprint = sidebar_fingerprint(env)
        new["\x00sidebars"] = fingerprint
        if old.get("\x00sidebars") != fingerprint:
            stale = sorted(env.all_docs)
    data["digests"] = new
    return stale
