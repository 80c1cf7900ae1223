"""Listing pages: a page of the site that lists posts, recognised from its Liquid or its layout.

A Jekyll theme lists posts with a loop over ``site.posts``, ``site.<collection>``,
``site.categories``, ``site.tags`` or ``site.collections`` that includes a
per-item template (``{% include archive-single.html %}``), or with a layout
that does it (minimal-mistakes' and academicpages' ``posts``, ``categories``,
``tags``, ``collection``, ``home``).  Those templates belong to the theme, not
the site, so they are recognised by shape, never by opening the include.

A listing is described by a short text (``"collection ai"``, ``"posts by
year"``, ``"categories"``...), plain and picklable: it is kept with the
discovery facts, read by the planning of generated pages (which then does
not write the same list a second time) and turned into the page's native post
list when it is read.  Pure functions, no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Layouts that are a list of posts by themselves (minimal-mistakes, academicpages).
LISTING_LAYOUTS = {"posts": "posts by year", "categories": "categories", "tags": "tags", "home": "posts"}

#: ``{% for x in site.NAME ... %}`` (with whitespace control and ``reversed``/``limit:``).
_FOR = re.compile(r"\{%-?\s*for\s+(\w+)\s+in\s+site\.(\w+)([^%]*)-?%\}")
_TAG = re.compile(r"\{%-?\s*(for|endfor)\b[^%]*-?%\}")
_INCLUDE = re.compile(r"\{%-?\s*include\s")
#: A year taken from each item's date inside the loop (a year-grouped archive).
_YEAR = re.compile(r"""date\s*:\s*["']%Y["']""")


@dataclass(frozen=True)
class Listing:
    """One recognised list: what it lists (``source``), how it groups, and where the
    loop stands in the text (character offsets; ``None`` when the layout lists)."""

    description: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class ListQuery:
    """The post list a listing description asks for (the ``postlist`` options)."""

    collections: tuple[str, ...] = ()
    group: str | None = None
    excerpts: bool = True


def find_listing(
    body: str, layout: object, collections: Iterable[str], page_collection: object = None
) -> Listing | None:
    """The listing of a page's ``body`` (its text after the front matter), or None.

    A loop over the site's posts that includes a per-item template wins over
    the layout; ``collections`` are the site's collection names (``posts``
    included or not)."""
    names = set(collections) | {"posts"}
    for match in _FOR.finditer(body):
        source = match.group(2)
        if source not in names and source not in ("categories", "tags", "collections"):
            continue
        end = _loop_end(body, match.start())
        if end is None or not _INCLUDE.search(body, match.end(), end):
            continue
        inner = body[match.end() : end]
        if source == "posts":
            description = "posts by year" if _YEAR.search(inner) else "posts"
        elif source in ("categories", "tags", "collections"):
            description = source
        else:
            description = f"collection {source}"
        return Listing(description, match.start(), end)
    if isinstance(layout, str):
        if layout in LISTING_LAYOUTS:
            return Listing(LISTING_LAYOUTS[layout])
        if layout == "collection" and isinstance(page_collection, str) and page_collection in names:
            return Listing(f"collection {page_collection}")
    return None


def _loop_end(body: str, start: int) -> int | None:
    """The offset just after the ``endfor`` that closes the loop opening at ``start``."""
    depth = 0
    for tag in _TAG.finditer(body, start):
        depth += 1 if tag.group(1) == "for" else -1
        if depth == 0:
            return tag.end()
    return None


def query_of(description: str, output_collections: Iterable[str]) -> ListQuery | None:
    """The post list of a listing description (``None`` for one this version does not know).

    ``output_collections`` are the collections written as pages, for
    ``collections`` (every one but ``posts``, grouped by collection)."""
    if description == "posts":
        return ListQuery(collections=("posts",))
    if description == "posts by year":
        return ListQuery(collections=("posts",), group="year", excerpts=False)
    if description in ("categories", "tags"):
        return ListQuery(group=description[:-1] if description == "tags" else "category", excerpts=False)
    if description == "collections":
        names = tuple(sorted(c for c in output_collections if c != "posts"))
        # no other collection: a query that matches nothing, not every post
        return ListQuery(collections=names or ("",), group="collection", excerpts=False)
    kind, _, name = description.partition(" ")
    if kind == "collection" and name:
        return ListQuery(collections=(name,))
    return None


def replaced_by(description: str) -> tuple[str, str] | None:
    """Which generated page shows the same list, as an ``archive_map`` entry:
    ``("collection", name)`` for a collection's index, ``("index", kind)`` for the
    overview of an archive kind (``year``, ``category``, ``tag``)."""
    if description == "posts":
        return ("collection", "posts")
    if description == "posts by year":
        return ("index", "year")
    if description == "categories":
        return ("index", "category")
    if description == "tags":
        return ("index", "tag")
    kind, _, name = description.partition(" ")
    if kind == "collection" and name:
        return ("collection", name)
    return None
