"""What a rendered file of a Jekyll site becomes: a page at its URL, a listing page,
or a file written at its path.  The rules, pure (no I/O): ``init``/``check`` use
them, and which page is a listing is decided by the build's own rule
(:mod:`.listings`), so the two never disagree.

A *listing page* is a page whose Liquid loops over ``site.posts``,
``site.<collection>``, ``site.collections``, ``site.categories`` or ``site.tags``
with a per-item ``{% include %}`` inside the loop, or whose ``layout:`` is one of a
theme's listing layouts (minimal-mistakes/academicpages: ``posts``, ``home``,
``categories``, ``tags``, ``collection``).  Jekyll renders every file with front
matter: Markdown and ``.html`` become pages; others (``.xml``, ``.json``, ``.txt``
...) are rendered with Liquid and written at their path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .listings import find_listing
from .permalinks import page_url

#: Suffixes Jekyll renders into an HTML page (besides the site's Markdown).
HTML_SUFFIXES = frozenset((".html", ".htm"))



@dataclass(frozen=True)
class Listing:
    """What a listing page lists: ``kind`` is ``posts``, ``collection`` (of ``name``),
    ``collections`` (every collection), ``categories`` or ``tags``."""

    kind: str
    name: str | None = None
    #: 1-based line of the loop in the text given (0: found from the layout).
    line: int = 0

    def describe(self) -> str:
        """``the posts``, ``the collection 'ai'``... for a sentence."""
        if self.kind == "collection":
            return f"the collection {self.name!r}" if self.name else "a collection (no collection: key)"
        if self.kind == "collections":
            return "every collection"
        return f"the {self.kind}"


@dataclass(frozen=True)
class PageFate:
    """What one rendered file becomes: ``kind`` is ``page``, ``listing`` or ``file``."""

    kind: str
    url: str
    listing: Listing | None = None

    def describe(self) -> str:
        """A sentence: ``a listing page at /ai/ with a native list of the collection 'ai'``."""
        if self.kind == "listing" and self.listing is not None:
            return f"a listing page at {self.url} with a native list of {self.listing.describe()}"
        if self.kind == "file":
            return f"rendered with Liquid and written at {self.url}"
        return f"a page at {self.url}"


def listing_of(body: str, fields: dict, collections: frozenset[str] | set[str]) -> Listing | None:
    """The listing ``body`` (a page's text after its front matter) makes, or ``None``.

    The build's own rule (:func:`.listings.find_listing`) decides; this only
    says it in the command line's words, with the loop's line.
    """
    found = find_listing(body, fields.get("layout"), collections, fields.get("collection"))
    if found is None:
        return None
    line = _line(body, found.start) if found.start is not None else 0
    description = found.description
    if description.startswith("posts"):
        return Listing("posts", None, line)
    if description in ("categories", "tags", "collections"):
        return Listing(description, None, line)
    return Listing("collection", description.partition(" ")[2] or None, line)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def default_url(relpath: str, markdown: bool, style: object = "date") -> str:
    """Jekyll's URL of a page without a permalink, in a site of permalink ``style``:
    the build's rule (:func:`.permalinks.page_url`), ``.html`` for Markdown and HTML
    (``about.md`` -> ``/about.html``, ``pretty``: ``/about/``), ``index`` dropped
    (``docs/index.md`` -> ``/docs/``), other files at their path."""
    suffix = posixpath.splitext(relpath)[1]
    output_ext = ".html" if markdown or suffix.lower() in HTML_SUFFIXES else suffix
    return page_url(relpath, style, output_ext)


def page_fate(
    relpath: str,
    url: str | None,
    body: str,
    fields: dict,
    markdown: bool,
    collections: frozenset[str] | set[str],
    style: object = "date",
) -> PageFate:
    """What the rendered file at ``relpath`` becomes; ``url`` is its permalink (the
    build's :func:`.core.permalinks.permalink`), ``None`` for its path (in a site of
    permalink ``style``)."""
    where = url or default_url(relpath, markdown, style)
    if not markdown and posixpath.splitext(relpath)[1].lower() not in HTML_SUFFIXES:
        return PageFate("file", where)
    listing = listing_of(body, fields, collections)
    return PageFate("listing" if listing else "page", where, listing)
