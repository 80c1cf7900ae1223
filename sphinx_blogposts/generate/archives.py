"""Plan the generated pages: collection indexes, archives, the home page.

Planning happens before reading (at ``env-get-outdated``), from the facts
discovery read from front matter: which collections, years, months, tags,
categories and authors exist, and how many posts each has.  Each planned page
is a short MyST source — a title, maybe month headings, a ``postlist`` query,
a pager — so its *structure* is fixed before reading while its *entries* are
filled in when it is written (see :mod:`.output.postlist`).  A source changes only
when the structure does, and Sphinx re-reads just those pages.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_skeleton

from ..core.config import BlogpostsConfig
from ..core.i18n import Gettext, _, load_translations, locale_of
from ..core.jekyll_site import collection_settings
from ..core.languages import normalize_language
from ..core.safe_paths import relative_problem, safe_segment
from ..core.slugs import archive_slug

ARCHIVE_KINDS = ("year", "tag", "category", "author")


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


@dataclass
class Plan:
    pages: list[PlannedPage] = field(default_factory=list)
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

    def add(self, page: PlannedPage, taken: set[str]) -> bool:
        """Add ``page`` unless a document of the project is already there (never overwritten)."""
        if page.docname in taken:
            self.problems.append(
                (
                    f"this page is where sphinx_blogposts would generate {page.docname!r}; "
                    "yours is kept and the generated page is left out",
                    page.docname,
                )
            )
            return False
        taken.add(page.docname)
        self.pages.append(page)
        return True


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


#: Characters Python's ``str.splitlines`` (and so docutils) ends a line at.
LINE_BREAKS = "\r\n\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def md_escape(text: str) -> str:
    """Escape Markdown punctuation so names are shown as written (on one line)."""
    out = []
    for ch in str(text):
        if ch in "\\`*_{}[]<>()#+-.!|~:$&\"'=":
            out.append("\\" + ch)
        elif ch in LINE_BREAKS:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def doc_role(label: str, docname: str) -> str:
    """A MyST ``{doc}`` link labelled ``label``.

    A label the role syntax cannot carry (``<``, ``>``, a backtick) is left
    out: the link then shows the page's own title, which names it too.
    """
    if any(ch in label for ch in "<>`\\" + LINE_BREAKS) or not label.strip():
        return f"{{doc}}`/{docname}`"
    return f"{{doc}}`{label} </{docname}>`"


def _postlist(**options: object) -> list[str]:
    lines = ["```{postlist}"]
    for key, value in options.items():
        if value is None or value == () or value == "":
            continue
        if isinstance(value, tuple):
            # ASCII: a name with U+2028 (a line break to docutils) stays on the option's line
            value = json.dumps(list(value), ensure_ascii=True)
        lines.append(f":{key.replace('_', '-')}: {value}")
    lines += ["```", ""]
    return lines


def _page(title: str, body: list[str], orphan: bool) -> str:
    head = ["---", "orphan: true", "---", ""] if orphan else []
    return "\n".join([*head, f"# {md_escape(title)}", "", *body])


def _month_name(year: int, month: int, language: str | None, heading: bool = True) -> str:
    """The month as ``language`` writes it ("mayo de 2021"), capitalized for a heading."""
    locale = locale_of(language)
    text = format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale)
    return text[:1].upper() + text[1:] if heading else text


def collection_title(settings: BlogpostsConfig, name: str, gettext: Gettext = _) -> str:
    value = collection_settings(settings.collections, name).get("title")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return gettext("Posts") if name == "posts" else name.replace("_", " ").replace("-", " ").title()


def _own_language(members: list[PostFacts], site_language: str | None) -> str | None:
    """The one language all ``members`` are in, when it is not the site's."""
    found = {p.language for p in members if p.language}
    if len(found) != 1:
        return None
    code = found.pop()
    return code if code != (normalize_language(site_language) or "en") else None


def plan_pages(
    posts: list[PostFacts],
    settings: BlogpostsConfig,
    language: str | None,
    project_docs: set[str],
    tz: dt.tzinfo,
    toctree_posts: bool = False,
    listings: dict[tuple[str, str], str] | None = None,
) -> Plan:
    """Every generated page of the site, from the published posts' facts; ``listings``
    are the site's own pages that show a list that would be generated (see :class:`Plan`).

    The posts of a language's blog (:attr:`PostFacts.blog`) are left to
    :func:`.generate.blogs.plan_blogs`; the site's own pages list the others."""
    plan = Plan(listings=dict(listings or {}))
    taken = set(project_docs)
    posts = [p for p in posts if not p.blog]
    by_collection: dict[str, list[PostFacts]] = defaultdict(list)
    for post in posts:
        by_collection[post.collection].append(post)
    declared = [
        c
        for c in settings.collections
        if c not in by_collection and collection_settings(settings.collections, c).get("output")
    ]
    size = max(1, settings.paginate)
    fmt = settings.index_format

    collections_map: dict[str, str] = {}
    for name in sorted(by_collection, key=lambda n: (n != "posts", n)):
        own = plan.listings.get(("collection", name))
        if own is not None:  # the site's page lists this collection: its index
            collections_map[name] = own
            continue
        members = sorted(by_collection[name], key=lambda p: (-(p.timestamp or float("-inf")), p.docname))
        base = _collection_base(plan, settings, name, members)
        pages = max(1, math.ceil(len(members) / size))
        docnames = [f"{base}/index"] + [f"{base}/page/{n}" for n in range(2, pages + 1)]
        # a collection all in another language than the site's (Spanish notes) is indexed in it
        own_language = _own_language(members, language)
        t = load_translations(own_language).gettext if own_language else _
        title = collection_title(settings, name, t)
        description = collection_settings(settings.collections, name).get("description")
        for number, docname in enumerate(docnames, 1):
            body: list[str] = []
            if number == 1 and isinstance(description, str) and description.strip():
                body += [md_escape(description.strip()), ""]
            body += _postlist(collection=(name,), offset=(number - 1) * size, limit=size, format=fmt, language="all", blog="/")
            if pages > 1:
                body += _pager(docnames, number, t)
            if number == 1 and toctree_posts:
                body += ["```{toctree}", ":hidden:", "", *[f"/{p.docname}" for p in members], "```", ""]
            page_title = title if number == 1 else t("%(title)s, page %(page)d") % {"title": title, "page": number}
            if plan.add(PlannedPage(docname, _page(page_title, body, orphan=number > 1), in_nav=number == 1), taken):
                if own_language:
                    plan.page_languages[docname] = own_language
                if number == 1:
                    collections_map[name] = docname
    plan.archive_map["collection"] = collections_map
    plan.empty_collections = declared
    _check_collections_dir(plan, settings)

    enabled = [k for k in ARCHIVE_KINDS if k in settings.archives]
    if "year" in enabled:
        _plan_years(plan, posts, settings, language, taken, tz)
    for kind, attr in (("tag", "tags"), ("category", "categories"), ("author", "authors")):
        if kind in enabled:
            _plan_names(plan, posts, settings, kind, attr, taken)
    return plan


def path_problems(posts: list[PostFacts], settings: BlogpostsConfig) -> Plan:
    """Only the problems of names that cannot be folders as written (collections,
    ``index_path``, archive paths, ``collections_dir``): what ``check`` can tell
    without building."""
    plan = Plan()
    by_collection: dict[str, list[PostFacts]] = defaultdict(list)
    for post in posts:
        by_collection[post.collection].append(post)
    for name in sorted(by_collection):
        _collection_base(plan, settings, name, by_collection[name])
    for kind, default in (("year", "archive"), ("tag", "tags"), ("category", "categories"), ("author", "authors")):
        if kind in settings.archives and kind in settings.archive_paths:
            _archive_base(plan, settings, kind, default)
    _check_collections_dir(plan, settings)
    return plan


def _check_collections_dir(plan: Plan, settings: BlogpostsConfig) -> None:
    value = settings.collections_dir.strip()
    if value and relative_problem(value.rstrip("/")):
        plan.config_problems.append(
            (f"collections_dir {value!r} is not a folder inside the site; no collection is read from it",
             "collections_dir")  # fmt: skip
        )


def _collection_base(plan: Plan, settings: BlogpostsConfig, name: str, members: list[PostFacts]) -> str:
    """The folder of a collection's index: its ``index_path``, else its name; as slugs
    when either is not a plain path (never ``..`` or an absolute path)."""
    value = collection_settings(settings.collections, name).get("index_path")
    if isinstance(value, str) and value.strip("/ "):
        base, changed = path_of(value)
        if changed:
            plan.config_problems.append(
                (f"the index_path {value!r} of the collection {name!r} is not a folder of the site; "
                 f"its index is at {base or name!r}", "collections")  # fmt: skip
            )
        if base:
            return base
    base = name if safe_segment(name) else archive_slug(name) or "collection"
    if base != name:
        message = f"the collection name {name!r} cannot be a folder as written; its index is at {base + '/'!r}"
        if name in settings.collections:
            plan.config_problems.append((message, "collections"))
        else:  # named by a post's front matter
            first = min(members, key=lambda p: p.docname)
            plan.problems.append((message, first.docname, first.line("collection")))
    return base


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


def _pager(docnames: list[str], number: int, gettext: Gettext = _) -> list[str]:
    parts = []
    if number > 1:
        parts.append(doc_role("\u2190 " + gettext("Previous page"), docnames[number - 2]))
    parts.append(gettext("Page %(page)d of %(pages)d") % {"page": number, "pages": len(docnames)})
    if number < len(docnames):
        parts.append(doc_role(gettext("Next page") + " \u2192", docnames[number]))
    return ["```{container} blogposts-pager", " \u00b7 ".join(parts), "```", ""]


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
    months: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for post in posts:
        if post.timestamp is None:
            continue
        day = dt.datetime.fromtimestamp(post.timestamp, tz)
        months[day.year][day.month] += 1
    years_map: dict[str, str] = {}
    overview: list[str] = []
    for year in sorted(months, reverse=True):
        docname = f"{base}/{year}/index" if scope.month_pages else f"{base}/{year}"
        body: list[str] = []
        for month in sorted(months[year], reverse=True):
            name = _month_name(year, month, language)
            body += [f"## {md_escape(name)}", ""]
            body += _postlist(year=year, month=month, excerpts="false", **extra)
            if scope.month_pages:
                month_doc = f"{base}/{year}/{month:02d}/index"
                title = t("Posts from %(month)s") % {"month": _month_name(year, month, language, heading=False)}
                month_body = _postlist(year=year, month=month, **extra)
                plan.add(PlannedPage(month_doc, _page(title, month_body, orphan=True)), taken)
        if plan.add(PlannedPage(docname, _page(t("Posts from %(year)s") % {"year": year}, body, orphan=True)), taken):
            years_map[str(year)] = docname
            count = sum(months[year].values())
            overview.append(f"- {doc_role(str(year), docname)} ({count})")
    plan.archive_map[scope.key("year")] = years_map
    own = plan.listings.get(("index", "year")) if not scope.prefix else None
    if own is not None:  # the site's year archive is the overview
        plan.archive_map.setdefault("index", {})["year"] = own
    elif overview:
        page = PlannedPage(overview_doc, _page(t("Archive"), [*overview, ""], orphan=bool(scope.prefix)), in_nav=not scope.prefix)
        if plan.add(page, taken):
            plan.archive_map.setdefault(scope.key("index"), {})["year"] = overview_doc


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
    pages: dict[str, str] = {}
    overview: list[str] = []
    for name in sorted(counts, key=lambda n: (n.casefold(), n)):
        docname = f"{base}/{slugs[name]}"
        option = {"tag": "tag", "category": "category", "author": "author"}[kind]
        # like Jekyll's archive pages: titles and dates; the excerpts are on the indexes
        body = _postlist(**{option: (name,)}, excerpts="false", **dict(scope.options))
        if plan.add(PlannedPage(docname, _page(t(page_title) % {"name": name}, body, orphan=True)), taken):
            pages[name] = docname
            overview.append(f"- {doc_role(name, docname)} ({counts[name]})")
    plan.archive_map[scope.key(kind)] = pages
    own = plan.listings.get(("index", kind)) if not scope.prefix else None
    if own is not None:  # the site's page lists them all
        plan.archive_map.setdefault("index", {})[kind] = own
    elif overview:
        page = PlannedPage(f"{base}/index", _page(t(overview_title), [*overview, ""], orphan=bool(scope.prefix)), in_nav=not scope.prefix)
        if plan.add(page, taken):
            plan.archive_map.setdefault(scope.key("index"), {})[kind] = f"{base}/index"
