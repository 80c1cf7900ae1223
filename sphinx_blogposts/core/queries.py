"""Which posts a list shows: filters, order, paging — pure functions over records."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from .post_record import PostRecord

SORTS = ("newest", "oldest", "title")


@dataclass(frozen=True)
class ListSpec:
    """A post list's query (the ``postlist`` directive's options)."""

    collections: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    year: int | None = None
    month: int | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    sort: str = "newest"
    offset: int = 0
    limit: int | None = None
    excerpts: bool = True
    format: str = "list"
    #: Leave out the page the list stands on.
    exclude: tuple[str, ...] = field(default=())
    #: Entries under a heading per ``year``, ``category``, ``tag`` or ``collection``.
    group: str | None = None
    #: Only posts in these languages (:mod:`.core.languages` codes); empty: every language.
    languages: tuple[str, ...] = ()
    #: Only the posts of this blog (``es/news``); ``""``: those of no blog; ``None``: any.
    blog: str | None = None
    #: Pinned posts (:func:`is_pinned`) first, in the list's order, then the rest
    #: (collection indexes and the home list; archives stay in date order).
    pinned_first: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def matches(record: PostRecord, spec: ListSpec) -> bool:
    if record.kind != "post" or record.docname in spec.exclude:
        return False
    if spec.collections and record.collection not in spec.collections:
        return False
    if spec.tags and not set(spec.tags) & set(record.tags):
        return False
    if spec.categories and not set(spec.categories) & set(record.categories):
        return False
    if spec.authors and not set(spec.authors) & set(record.authors):
        return False
    if spec.languages and record.language not in spec.languages:
        return False
    if spec.blog is not None and record.blog != spec.blog:
        return False
    if spec.year is not None or spec.month is not None or spec.date_from or spec.date_to:
        if not record.day:
            return False
        day = dt.date.fromisoformat(record.day)
        if spec.year is not None and day.year != spec.year:
            return False
        if spec.month is not None and day.month != spec.month:
            return False
        if spec.date_from and day < dt.date.fromisoformat(spec.date_from):
            return False
        if spec.date_to and day > dt.date.fromisoformat(spec.date_to):
            return False
    return True


#: Front-matter keys that pin a post: Chirpy's ``pin``, WordPress-style ``sticky``.
PIN_KEYS = ("pin", "sticky")


def is_pinned(meta: dict) -> bool:
    """Is a post pinned (``pin: true`` or ``sticky: true``, from its front matter or
    ``defaults:``)?  Only YAML's true counts: ``pin: "no"`` pins nothing."""
    return any(meta.get(key) is True for key in PIN_KEYS)


def pinned_first(records: list[PostRecord]) -> list[PostRecord]:
    """``records`` with the pinned ones first, each part in its own order."""
    pinned = [r for r in records if is_pinned(r.meta)]
    return pinned + [r for r in records if not is_pinned(r.meta)] if pinned else records


def ordered(records: Iterable[PostRecord], sort: str = "newest") -> list[PostRecord]:
    """Newest first (undated last), oldest first, or by title; ties by docname."""
    items = list(records)
    if sort == "title":
        return sorted(items, key=lambda r: (r.title.casefold(), r.docname))
    dated = sorted((r for r in items if r.date), key=lambda r: (r.date.timestamp(), r.docname))
    undated = sorted((r for r in items if not r.date), key=lambda r: r.docname)
    if sort == "oldest":
        return dated + undated
    return list(reversed(dated)) + undated


def select(records: Iterable[PostRecord], spec: ListSpec) -> list[PostRecord]:
    """The records a list shows, in order, paged."""
    chosen = ordered((r for r in records if matches(r, spec)), spec.sort)
    if spec.pinned_first:
        chosen = pinned_first(chosen)
    end = None if spec.limit is None else spec.offset + spec.limit
    return chosen[spec.offset : end]


def digest(parts: Iterable[object]) -> str:
    """A short fingerprint of what a page shows, to tell whether it must be rewritten."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def entry_fingerprint(record: PostRecord) -> tuple:
    """Everything of a record a list entry or a neighbour link shows (not its
    reading time: only the post's own header shows it, so a body edit that
    changes it rewrites no list page)."""
    return (
        record.docname,
        record.title,
        record.date.isoformat() if record.date else "",
        record.date_text,
        record.collection,
        tuple(record.tags),
        tuple(record.categories),
        tuple(record.authors),
        record.excerpt,
        record.image_uri,
    )
