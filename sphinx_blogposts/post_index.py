"""After reading: one index of all posts, for lists, neighbours and sidebars.

Built once per build at ``env-updated`` (in the main process, after parallel
reads are merged) and stored with the records, so every list query, every
previous/next link and every sidebar reads it instead of scanning all posts:
the cost of a build grows with the number of posts, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from .queries import ListSpec, matches, ordered

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .post_record import PostRecord

#: How many posts the "recent posts" sidebar and feeds look at, at most.
RECENT = 50
#: How many of the most used tags the tags sidebar shows.
TOP_TAGS = 30


def build_index(records: dict[str, PostRecord]) -> dict[str, Any]:
    posts = [r for r in records.values() if r.kind == "post"]
    by: dict[str, dict[str, list[str]]] = {k: defaultdict(list) for k in ("collection", "tag", "category", "author", "year")}
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
    neighbours: dict[str, tuple[str | None, str | None]] = {}
    for docnames in by["collection"].values():
        chain = [r.docname for r in ordered((records[d] for d in docnames), "newest")]
        for i, docname in enumerate(chain):
            older = chain[i + 1] if i + 1 < len(chain) else None
            newer = chain[i - 1] if i > 0 else None
            neighbours[docname] = (older, newer)
    top_tags = sorted(by["tag"], key=lambda t: (-len(by["tag"][t]), t.casefold(), t))[:TOP_TAGS]
    return {
        "top_tags": sorted(top_tags, key=lambda t: (t.casefold(), t)),
        "by": {k: dict(v) for k, v in by.items()},
        "neighbours": neighbours,
        "recent": [r.docname for r in ordered(posts, "newest")[:RECENT]],
        "count": len(posts),
    }


def candidates(index: dict[str, Any], spec: ListSpec, records: dict[str, PostRecord]) -> list[PostRecord]:
    """The records a list may show, found through the index (then filtered exactly)."""
    by = index.get("by", {})
    pools: list[set[str]] = []
    for kind, names in (
        ("collection", spec.collections),
        ("tag", spec.tags),
        ("category", spec.categories),
        ("author", spec.authors),
        ("year", (str(spec.year),) if spec.year is not None else ()),
    ):
        if names:
            pools.append({d for name in names for d in by.get(kind, {}).get(name, ())})
    if pools:
        pool = set.intersection(*pools)
        chosen = (records[d] for d in pool if d in records)
    else:
        chosen = records.values()
    return [r for r in chosen if matches(r, spec)]


def select_indexed(index: dict[str, Any], spec: ListSpec, records: dict[str, PostRecord]) -> list[PostRecord]:
    chosen = ordered(candidates(index, spec, records), spec.sort)
    end = None if spec.limit is None else spec.offset + spec.limit
    return chosen[spec.offset : end]


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    from .domain import BlogpostsDomain

    domain = BlogpostsDomain.of(env)
    domain.data["index"] = build_index(domain.posts)
    return []
