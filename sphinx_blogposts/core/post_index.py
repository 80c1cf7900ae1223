"""After reading: one index of all posts, for lists, neighbours and sidebars.

Built once per build at ``env-updated`` (in the main process, after parallel
reads are merged) and stored with the records, so every list query, every
previous/next link and every sidebar reads it instead of scanning all posts:
the cost of a build grows with the number of posts, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import chain
from dataclasses import dataclass, field

from .post_record import PostRecord
from .queries import ListSpec, is_pinned, matches, ordered, pinned_first

#: How many posts the "recent posts" sidebar and feeds look at, at most.
RECENT = 50
#: How many of the most used tags the tags sidebar shows.
TOP_TAGS = 30


#: The kinds of names the index lists posts by (``ListSpec`` filters by the same).
KINDS = ("collection", "tag", "category", "author", "year", "language", "blog")


@dataclass(frozen=True)
class PostIndex:
    """Every post, looked up by name and in order (all lists newest first)."""

    #: kind (:data:`KINDS`) -> name -> docnames
    by: dict[str, dict[str, list[str]]] = field(default_factory=lambda: {k: {} for k in KINDS})
    #: docname -> (older, newer) in its collection, blog and language
    neighbours: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    #: every post, newest first
    newest: list[str] = field(default_factory=list)
    #: the newest :data:`RECENT` posts
    recent: list[str] = field(default_factory=list)
    #: the :data:`TOP_TAGS` most used tags, by name
    top_tags: list[str] = field(default_factory=list)
    count: int = 0
    #: blog -> its :data:`TOP_TAGS` most used tags with their counts, by name
    blog_tags: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: blog -> (year, number of posts), newest year first
    blog_years: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: the pinned posts (:func:`.core.queries.is_pinned`), newest first
    pinned: list[str] = field(default_factory=list)

    def named(self, kind: str, name: str) -> list[str]:
        """The posts of one collection, tag, category, author or year, newest first."""
        return self.by[kind].get(name, [])


def build_index(records: dict[str, PostRecord]) -> PostIndex:
    posts = [r for r in records.values() if r.kind == "post"]
    by: dict[str, dict[str, list[str]]] = {k: defaultdict(list) for k in KINDS}
    for record in posts:
        by["collection"][record.collection or "posts"].append(record.docname)
        for tag in record.tags:
            by["tag"][tag].append(record.docname)
        for category in record.categories:
            by["category"][category].append(record.docname)
        for author in record.authors:
            by["author"][author].append(record.docname)
        if record.day:
            by["year"][record.day[:4]].append(record.docname)
        by["language"][record.language].append(record.docname)
        by["blog"][record.blog].append(record.docname)
    # previous/next stay within one collection, one blog and one language
    chains: dict[tuple[str, str, str], list[PostRecord]] = defaultdict(list)
    for record in posts:
        chains[(record.collection or "posts", record.blog, record.language)].append(record)
    neighbours: dict[str, tuple[str | None, str | None]] = {}
    for members in chains.values():
        chain = [r.docname for r in ordered(members, "newest")]
        for i, docname in enumerate(chain):
            older = chain[i + 1] if i + 1 < len(chain) else None
            newer = chain[i - 1] if i > 0 else None
            neighbours[docname] = (older, newer)
    top_tags = sorted(by["tag"], key=lambda t: (-len(by["tag"][t]), t.casefold(), t))[:TOP_TAGS]
    # every list of the index newest first, once: a list page then walks it
    # instead of sorting (a 10,000-post collection has 1,000 index pages)
    rank = {r.docname: i for i, r in enumerate(ordered(posts, "newest"))}
    for kind in by.values():
        for docnames in kind.values():
            docnames.sort(key=rank.__getitem__)
    # each language's blog has its own sidebars
    blog_tags: dict[str, list[tuple[str, int]]] = {}
    blog_years: dict[str, list[tuple[str, int]]] = {}
    for blog, docnames in by["blog"].items():
        if not blog:
            continue
        tags: dict[str, int] = defaultdict(int)
        years: dict[str, int] = defaultdict(int)
        for docname in docnames:
            for tag in records[docname].tags:
                tags[tag] += 1
            if records[docname].day:
                years[records[docname].day[:4]] += 1
        top = sorted(tags, key=lambda t: (-tags[t], t.casefold(), t))[:TOP_TAGS]
        blog_tags[blog] = [(t, tags[t]) for t in sorted(top, key=lambda t: (t.casefold(), t))]
        blog_years[blog] = sorted(years.items(), reverse=True)
    return PostIndex(
        blog_tags=blog_tags,
        blog_years=blog_years,
        top_tags=sorted(top_tags, key=lambda t: (t.casefold(), t)),
        newest=sorted(rank, key=rank.__getitem__),
        by={k: dict(v) for k, v in by.items()},
        neighbours=neighbours,
        recent=[r.docname for r in ordered(posts, "newest")[:RECENT]],
        count=len(posts),
        pinned=[d for d in sorted(rank, key=rank.__getitem__) if is_pinned(records[d].meta)],
    )


def _dimensions(spec: ListSpec) -> list[tuple[str, tuple[str, ...]]]:
    """The index lists a query names: (kind, names)."""
    return [
        ("collection", spec.collections),
        ("tag", spec.tags),
        ("category", spec.categories),
        ("author", spec.authors),
        ("year", (str(spec.year),) if spec.year is not None else ()),
        ("language", spec.languages),
        ("blog", (spec.blog,) if spec.blog is not None else ()),
    ]


def candidates(index: PostIndex, spec: ListSpec, records: dict[str, PostRecord]) -> list[PostRecord]:
    """The records a list may show, found through the index (then filtered exactly)."""
    pools: list[set[str]] = []
    for kind, names in _dimensions(spec):
        if names:
            pools.append({d for name in names for d in index.named(kind, name)})
    if pools:
        pool = set.intersection(*pools)
        chosen = (records[d] for d in pool if d in records)
    else:
        chosen = records.values()
    return [r for r in chosen if matches(r, spec)]


def select_indexed(index: PostIndex, spec: ListSpec, records: dict[str, PostRecord]) -> list[PostRecord]:
    """The records a list shows, in order, paged — walking the index's presorted lists
    when the order is by date, so a page costs its offset plus its length, not a sort."""
    if spec.sort in ("newest", "oldest"):
        pool = _presorted_pool(index, spec)
        if pool is not None:
            if spec.sort == "newest":
                walk: Iterable[str] = pool
                if spec.pinned_first and index.pinned:
                    # the few pinned posts first (matches() keeps those of this list)
                    pins = set(index.pinned)
                    walk = chain(index.pinned, (d for d in pool if d not in pins))
            else:  # oldest first, and undated posts still last
                dated = [d for d in pool if d in records and records[d].date]
                walk = [*reversed(dated), *(d for d in pool if d in records and not records[d].date)]
            out: list[PostRecord] = []
            skip = spec.offset
            for docname in walk:
                record = records.get(docname)
                if record is None or not matches(record, spec):
                    continue
                if skip:
                    skip -= 1
                    continue
                out.append(record)
                if spec.limit is not None and len(out) >= spec.limit:
                    break
            return out
    chosen = ordered(candidates(index, spec, records), spec.sort)
    if spec.pinned_first:
        chosen = pinned_first(chosen)
    end = None if spec.limit is None else spec.offset + spec.limit
    return chosen[spec.offset : end]


def _presorted_pool(index: PostIndex, spec: ListSpec) -> list[str] | None:
    """The index list to walk: the smallest single-name pool, or all posts."""
    pools = []
    for kind, names in _dimensions(spec):
        if len(names) > 1:
            return None  # a union of lists: fall back to sorting
        if names:
            pools.append(index.named(kind, names[0]))
    if not pools:
        return index.newest
    return min(pools, key=len)


