"""Related posts: which posts a post's "You may also enjoy" list shows.

The rule, decided here for the build, the templates and Liquid's
``site.related_posts`` alike: the posts in the same language that share the
most tags and categories with the post come first, then the newest, ties by
docname; when fewer than asked share any, the newest posts of its collection
fill the list.  A post is never related to itself.

Computed once per build through an inverted index (tag or category -> its
posts, newest first), never by comparing every pair of posts: the work is
bounded by posts × their names × :data:`WALK`, so a tag on every post of a
10,000-post site costs :data:`WALK` steps per post, not 10,000.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: How many of a tag's (or category's) newest posts are looked at for each
#: post: beyond that, a name is shared by too many posts to tell them apart.
WALK = 200
#: How many related posts Liquid's ``site.related_posts`` holds (Jekyll's 10).
LIQUID_COUNT = 10


def wants_related(meta: dict[str, Any]) -> bool:
    """Does a post ask for related posts (``related: true``, its own or from ``defaults:``)?"""
    return meta.get("related") is True


@dataclass(frozen=True)
class RelatedItem:
    """What the rule needs of one post."""

    docname: str
    timestamp: float | None
    language: str = ""
    collection: str = "posts"
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass
class RelatedIndex:
    """Every post by tag, category and collection (each in one language), newest first."""

    items: dict[str, RelatedItem]
    #: docname -> its place in the newest-first order (undated last, ties by docname)
    rank: dict[str, int]
    #: ("tag" | "category" | "collection", name, language) -> docnames, newest first
    postings: dict[tuple[str, str, str], list[str]]
    #: posting entries looked at so far (what tests count instead of time)
    steps: int = field(default=0)

    def related(self, docname: str, limit: int) -> list[str]:
        """The ``limit`` posts related to ``docname`` (see the module's rule)."""
        item = self.items.get(docname)
        if item is None or limit <= 0:
            return []
        shared: Counter[str] = Counter()
        for kind, names in (("tag", item.tags), ("category", item.categories)):
            for name in dict.fromkeys(names):
                posts = self.postings.get((kind, name, item.language), ())[:WALK]
                self.steps += len(posts)
                shared.update(posts)  # counted in C: the hot loop of a build's lists
        shared.pop(docname, None)
        # most shared first, then the newest: by score, each score's posts by rank
        by_score: dict[int, list[str]] = defaultdict(list)
        for other, score in shared.items():
            by_score[score].append(other)
        chosen: list[str] = []
        for score in sorted(by_score, reverse=True):
            chosen += heapq.nsmallest(limit - len(chosen), by_score[score], key=self.rank.__getitem__)
            if len(chosen) >= limit:
                break
        if len(chosen) < limit:  # the newest of its collection fill the list
            # walked no further than needed: at most limit + len(chosen) + 1 entries
            taken = {docname, *chosen}
            for other in self.postings.get(("collection", item.collection, item.language), ()):
                self.steps += 1
                if other not in taken:
                    chosen.append(other)
                    if len(chosen) >= limit:
                        break
        return chosen


def related_index(items: Iterable[RelatedItem]) -> RelatedIndex:
    """The inverted index of ``items`` (one sort, then one pass over their names)."""
    by_docname = {item.docname: item for item in items}
    order = sorted(
        by_docname.values(),
        key=lambda i: (i.timestamp is None, -(i.timestamp or 0.0), i.docname),
    )
    postings: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for item in order:
        postings[("collection", item.collection, item.language)].append(item.docname)
        for tag in dict.fromkeys(item.tags):
            postings[("tag", tag, item.language)].append(item.docname)
        for category in dict.fromkeys(item.categories):
            postings[("category", category, item.language)].append(item.docname)
    return RelatedIndex(
        items=by_docname,
        rank={item.docname: n for n, item in enumerate(order)},
        postings=dict(postings),
    )


def related_posts(items: Iterable[RelatedItem], wanted: Iterable[str], limit: int) -> tuple[dict[str, list[str]], int]:
    """The related posts of each post in ``wanted``, and the steps it took."""
    index = related_index(items)
    out = {docname: index.related(docname, limit) for docname in wanted} if limit > 0 else {}
    return {d: posts for d, posts in out.items() if posts}, index.steps
