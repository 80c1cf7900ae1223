"""What planning makes: the facts it reads of each post, the pages it plans, the plan.

Plain data shared by :mod:`.generate.archives` (collection indexes),
:mod:`.generate.archive_pages` (year, tag, category and author pages) and
:mod:`.generate.blogs` (each language's blog).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.i18n import Gettext
from ..core.safe_paths import safe_segment
from ..core.slugs import archive_slug
from .page_source import _page, _postlist, paged_title, pager, pager_info, postlist_options


@dataclass(frozen=True)
class PostFacts:
    """What planning needs of one published post."""

    docname: str
    collection: str
    timestamp: float | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    authors: tuple[str, ...]
    #: (front-matter key, line) of the keys a name comes from, for warnings.
    lines: tuple[tuple[str, int], ...] = ()
    #: The post's language and blog (:mod:`.core.languages`; ``""``: the site's own lists).
    language: str = ""
    blog: str = ""

    def line(self, *keys: str) -> int:
        """The front-matter line of the first of ``keys`` the post has (1 if none)."""
        found = dict(self.lines)
        return next((found[k] for k in keys if k in found), 1)


@dataclass
class PlannedPage:
    docname: str
    source: str
    #: Shown in the site navigation (the root's toctree), or reached by links.
    in_nav: bool = False


@dataclass(frozen=True)
class ListPage:
    """Page 2, 3... of a paginated list.  The HTML builders write it from this
    build's posts (:mod:`.output.list_pages`); it is never read as a document, so
    it costs no reading, no doctree and no search words, and other builders,
    which have no pages, show the whole list on its first page."""

    pagename: str
    title: str
    #: (heading or None, the ``postlist`` options as its directive reads them) of each list
    lists: tuple[tuple[str | None, dict[str, str]], ...]
    #: :func:`.generate.page_source.pager_info` (None: the list has one page)
    pager: dict[str, Any] | None

    def as_record(self) -> dict[str, Any]:
        """Plain data for the environment."""
        return {"title": self.title, "lists": [list(part) for part in self.lists], "pager": self.pager}


@dataclass
class Plan:
    pages: list[PlannedPage] = field(default_factory=list)
    #: pages 2, 3... of paginated lists (not documents)
    list_pages: list[ListPage] = field(default_factory=list)
    #: declared collections without a published post
    empty_collections: list[str] = field(default_factory=list)
    #: kind -> name -> docname ("collection", "tag", "category", "author", "year"; "index" kinds too)
    archive_map: dict[str, dict[str, str]] = field(default_factory=dict)
    #: (message, docname of the file concerned[, line]) problems worth a warning
    problems: list[tuple[Any, ...]] = field(default_factory=list)
    #: (message, setting) problems of a name from ``_config.yml`` or ``conf.py``
    #: (the setting: ``collections``, or an ``archive_paths`` kind)
    config_problems: list[tuple[str, str]] = field(default_factory=list)
    #: The site's own listing pages that stand where a generated list would
    #: (``archive_map`` entry -> docname, from :func:`.core.listings.replaced_by`):
    #: that list is not generated a second time, and links to it lead there.
    listings: dict[tuple[str, str], str] = field(default_factory=dict)
    #: generated page -> its language, when it is not the site's (a blog's pages)
    page_languages: dict[str, str] = field(default_factory=dict)

    def add(self, page: PlannedPage | ListPage, taken: set[str]) -> bool:
        """Add ``page`` unless a document of the project is already there (never overwritten)."""
        name = page.docname if isinstance(page, PlannedPage) else page.pagename
        if name in taken:
            self.problems.append(
                (
                    f"this page is where sphinx_blogposts would generate {name!r}; "
                    "yours is kept and the generated page is left out",
                    name,
                )
            )
            return False
        taken.add(name)
        if isinstance(page, PlannedPage):
            self.pages.append(page)
        else:
            self.list_pages.append(page)
        return True


def paged(
    docnames: list[str],
    number: int,
    title: str,
    options: dict[str, object],
    gettext: Gettext,
    *,
    document: bool = True,
    before: Iterable[str] = (),
    after: Iterable[str] = (),
    orphan: bool = True,
    in_nav: bool = False,
) -> PlannedPage | ListPage:
    """Page ``number`` of one list shown on the pages ``docnames``: the first is a
    document (``before`` and ``after`` around its list) unless ``document`` is
    false, the others are list pages; a pager when there are several."""
    shown = paged_title(title, number, gettext)
    several = len(docnames) > 1
    if number > 1 or not document:
        info = pager_info(docnames, number, gettext) if several else None
        return ListPage(docnames[number - 1], shown, ((None, postlist_options(**options)),), info)
    body = [*before, *_postlist(**options), *(pager(docnames, number, gettext) if several else []), *after]
    return PlannedPage(docnames[0], _page(shown, body, orphan=orphan), in_nav=in_nav)


def path_of(value: str) -> tuple[str, bool]:
    """``value`` (a name or a folder path from the site's settings or front matter)
    as a path of generated pages: segments that could not be a folder as written
    (``..``, ``/abs``, control characters) become slugs.  Returns the path and
    whether it differs from what was written."""
    segments = [seg for seg in str(value).strip().strip("/").split("/") if seg]
    safe = [seg if safe_segment(seg) else archive_slug(seg) for seg in segments]
    safe = [seg for seg in safe if seg]
    path = "/".join(safe)
    return path, path != str(value).strip().strip("/")



def unique_slugs(names: Iterable[str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """A distinct slug for every name (deterministic: by sorted name); and (name, problem)s."""
    slugs: dict[str, str] = {}
    used: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        base = archive_slug(name) or "item"
        slug = base
        number = 2
        while slug in used:
            slug = f"{base}-{number}"
            number += 1
        if slug != base or not archive_slug(name):
            other = used.get(base)
            why = f"also gives {base!r} for {other!r}" if other else "has no letters or digits"
            problems.append((name, f"{name!r} {why}; its page is at {slug!r}"))
        used[slug] = name
        slugs[name] = slug
    return slugs, problems
