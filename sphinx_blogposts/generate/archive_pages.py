"""The archive pages: one page per year (with its months) and per tag, category
and author, paginated like the collection indexes once they hold more posts
than ``blogposts_paginate`` (:func:`.generate.page_source.page_docnames`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..core.config import BlogpostsConfig
from ..core.i18n import Gettext, _
from .page_source import (
    _month_name,
    _page,
    doc_role,
    page_role,
    page_docnames,
    paged_title,
    pager_info,
    postlist_options,
)
from .plan import ListPage, Plan, PlannedPage, PostFacts, paged, path_of, unique_slugs


def _archive_base(plan: Plan, settings: BlogpostsConfig, kind: str, default: str) -> str:
    """The folder of one kind of archive (``archive_paths``), as slugs when it is not a plain path."""
    value = settings.archive_paths.get(kind, default)
    base, changed = path_of(value) if isinstance(value, str) else ("", True)
    if changed:
        plan.config_problems.append(
            (f"the {kind} archive path {value!r} is not a folder of the site; its pages are at {(base or default) + '/'!r}",
             kind)  # fmt: skip
        )
    return base or default



@dataclass(frozen=True)
class Scope:
    """Where one set of archives goes: the site's own (the defaults) or a blog's."""

    #: ``archive_map`` key of a kind (``tag`` -> ``tag@es/news`` for a blog)
    key: Callable[[str], str] = str
    #: the folder of the year pages (``None``: ``archive_paths``), of the other kinds
    year_base: str | None = None
    prefix: str = ""
    #: year pages as folders with a page per month (``es/news/2024/12/``)
    month_pages: bool = False
    #: options every list of these pages adds (``blog``, ``language``): a generated
    #: page lists what its query says, in every language; the site's own pages list
    #: the posts of no language blog (``/``)
    options: tuple[tuple[str, str], ...] = (("language", "all"), ("blog", "/"))
    gettext: Gettext = _


def _plan_years(
    plan: Plan,
    posts: list[PostFacts],
    settings: BlogpostsConfig,
    language: str | None,
    taken: set[str],
    tz: dt.tzinfo,
    scope: Scope = Scope(),
) -> None:
    t = scope.gettext
    archive = _archive_base(plan, settings, "year", "archive")
    base = scope.year_base if scope.year_base is not None else archive
    overview_doc = f"{scope.prefix}{archive}/index"
    extra = dict(scope.options)
    size = max(1, settings.paginate)
    by_year: dict[int, list[tuple[float, str, int]]] = defaultdict(list)
    for post in posts:
        if post.timestamp is None:
            continue
        day = dt.datetime.fromtimestamp(post.timestamp, tz)
        by_year[day.year].append((-post.timestamp, post.docname, day.month))
    years_map: dict[str, str] = {}
    overview: list[str] = []
    for year in sorted(by_year, reverse=True):
        members = sorted(by_year[year])  # newest first, as the lists show them
        months: dict[int, int] = defaultdict(int)
        for *_when, month in members:
            months[month] += 1
        docname = f"{base}/{year}/index" if scope.month_pages else f"{base}/{year}"
        docnames = page_docnames(docname, len(members), size)
        year_title = t("Posts from %(year)s") % {"year": year}
        for number, page_doc in enumerate(docnames, 1):
            chunk = members[(number - 1) * size : number * size]
            lists = tuple(
                (_month_name(year, month, language), postlist_options(year=year, month=month, offset=offset, limit=limit,
                                                                      excerpts="false", **extra))
                for month, offset, limit in _month_slices(chunk, members[: (number - 1) * size], len(docnames) > 1)
            )  # fmt: skip
            paging = pager_info(docnames, number, t) if len(docnames) > 1 else None
            page = ListPage(page_doc, paged_title(year_title, number, t), lists, paging)
            if plan.add(page, taken) and number == 1:
                years_map[str(year)] = docname
                overview.append(f"- {page_role(str(year), docname)} ({len(members)})")
        if scope.month_pages:
            for month in sorted(months, reverse=True):
                month_doc = f"{base}/{year}/{month:02d}/index"
                title = t("Posts from %(month)s") % {"month": _month_name(year, month, language, heading=False)}
                month_list = ((None, postlist_options(year=year, month=month, **extra)),)
                plan.add(ListPage(month_doc, title, month_list, None), taken)
    plan.archive_map[scope.key("year")] = years_map
    own = plan.listings.get(("index", "year")) if not scope.prefix else None
    if own is not None:  # the site's year archive is the overview
        plan.archive_map.setdefault("index", {})["year"] = own
    elif overview:
        page = PlannedPage(overview_doc, _page(t("Archive"), [*overview, ""], orphan=bool(scope.prefix)), in_nav=not scope.prefix)
        if plan.add(page, taken):
            plan.archive_map.setdefault(scope.key("index"), {})["year"] = overview_doc


def _month_slices(
    chunk: list[tuple[float, str, int]], before: list[tuple[float, str, int]], paged: bool
) -> list[tuple[int, int | None, int | None]]:
    """(month, offset, limit) of each month a page of a year shows, newest first: the
    posts of that month on earlier pages are skipped (no offset or limit when the
    year has one page, so its source stays as it was)."""
    out: list[tuple[int, int | None, int | None]] = []
    for *_when, month in chunk:
        if out and out[-1][0] == month:
            out[-1] = (month, out[-1][1], (out[-1][2] or 0) + 1)
        else:
            out.append((month, sum(1 for *_, m in before if m == month), 1))
    if not paged:
        return [(month, None, None) for month, *_counts in out]
    return out


#: Archives written as list pages, never documents (:class:`.generate.plan.ListPage`):
#: their words are their title, they are in no toctree (so in no PDF), and a site
#: in several languages has hundreds of them.  Year and month pages are too; an
#: author's page stays a document, which shows the author's box.
LIST_PAGE_KINDS = ("tag", "category")

_TITLES = {
    "tag": ("Tags", "Posts tagged \u201c%(name)s\u201d"),
    "category": ("Categories", "Posts in \u201c%(name)s\u201d"),
    "author": ("Authors", "Posts by %(name)s"),
}


def _plan_names(
    plan: Plan,
    posts: list[PostFacts],
    settings: BlogpostsConfig,
    kind: str,
    attr: str,
    taken: set[str],
    scope: Scope = Scope(),
) -> None:
    t = scope.gettext
    counts: dict[str, int] = defaultdict(int)
    for post in posts:
        for name in getattr(post, attr):
            counts[name] += 1
    if not counts:
        plan.archive_map[scope.key(kind)] = {}
        return
    base = scope.prefix + _archive_base(
        plan, settings, kind, {"tag": "tags", "category": "categories", "author": "authors"}[kind]
    )
    limit = max(0, settings.archive_limit)
    if len(counts) > limit:
        ranked = sorted(counts, key=lambda n: (-counts[n], n.casefold(), n))
        dropped = ranked[limit:]
        left_out = set(dropped)
        # the post that brings the most names is where the warning points
        first = min(posts, key=lambda p: (-len(set(getattr(p, attr)) & left_out), p.docname))
        plan.problems.append(
            (
                f"{len(counts)} {attr}: only the {limit} most used get a page "
                f"(blogposts_archive_limit); {len(dropped)} do not",
                first.docname,
            )
        )
        counts = {n: counts[n] for n in ranked[:limit]}
    slugs, problems = unique_slugs(counts)
    first_with: dict[str, str] = {}
    for post in sorted(posts, key=lambda p: p.docname):
        for name in getattr(post, attr):
            if name in counts:
                first_with.setdefault(name, post.docname)
    keys = {"tag": ("tags", "tag"), "category": ("categories", "category"), "author": ("author", "authors")}[kind]
    line_of = {p.docname: p.line(*keys) for p in posts}
    plan.problems += [(f"the {kind} {message}", first_with[name], line_of[first_with[name]]) for name, message in problems]
    overview_title, page_title = _TITLES[kind]
    size = max(1, settings.paginate)
    pages: dict[str, str] = {}
    overview: list[str] = []
    for name in sorted(counts, key=lambda n: (n.casefold(), n)):
        docname = f"{base}/{slugs[name]}"
        option = {"tag": "tag", "category": "category", "author": "author"}[kind]
        # like Jekyll's archive pages: titles and dates; the excerpts are on the indexes
        docnames = page_docnames(docname, counts[name], size)
        title = t(page_title) % {"name": name}
        for number, page_doc in enumerate(docnames, 1):
            paging = {"offset": (number - 1) * size, "limit": size} if len(docnames) > 1 else {}
            options = dict(**{option: (name,)}, **paging, excerpts="false", **dict(scope.options))
            page = paged(docnames, number, title, options, t, document=kind not in LIST_PAGE_KINDS)
            if plan.add(page, taken) and number == 1:
                pages[name] = docname
                link = page_role if kind in LIST_PAGE_KINDS else doc_role
                overview.append(f"- {link(name, docname)} ({counts[name]})")
    plan.archive_map[scope.key(kind)] = pages
    own = plan.listings.get(("index", kind)) if not scope.prefix else None
    if own is not None:  # the site's page lists them all
        plan.archive_map.setdefault("index", {})[kind] = own
    elif overview:
        page = PlannedPage(f"{base}/index", _page(t(overview_title), [*overview, ""], orphan=bool(scope.prefix)), in_nav=not scope.prefix)
        if plan.add(page, taken):
            plan.archive_map.setdefault(scope.key("index"), {})[kind] = f"{base}/index"
