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
from collections import defaultdict

from ..core.config import BlogpostsConfig
from ..core.i18n import Gettext, _, load_translations
from ..core.jekyll_site import collection_settings
from ..core.languages import normalize_language
from ..core.safe_paths import relative_problem, safe_segment
from ..core.slugs import archive_slug
from .archive_pages import Scope, _archive_base, _plan_names, _plan_years
from .page_source import md_escape, page_docnames
from .plan import Plan, PlannedPage, PostFacts, paged, path_of

__all__ = ["ARCHIVE_KINDS", "Plan", "PlannedPage", "PostFacts", "Scope", "collection_title", "path_problems", "plan_pages"]

ARCHIVE_KINDS = ("year", "tag", "category", "author")


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
        docnames = page_docnames(f"{base}/index", len(members), size)
        # a collection all in another language than the site's (Spanish notes) is indexed in it
        own_language = _own_language(members, language)
        t = load_translations(own_language).gettext if own_language else _
        title = collection_title(settings, name, t)
        description = collection_settings(settings.collections, name).get("description")
        before = [md_escape(description.strip()), ""] if isinstance(description, str) and description.strip() else []
        after = ["```{toctree}", ":hidden:", "", *[f"/{p.docname}" for p in members], "```", ""] if toctree_posts else []
        for number, docname in enumerate(docnames, 1):
            options = dict(collection=(name,), offset=(number - 1) * size, limit=size, format=fmt, language="all",
                           blog="/", pinned_first="true")  # fmt: skip
            page = paged(docnames, number, title, options, t, before=before, after=after, orphan=False, in_nav=True)
            if plan.add(page, taken):
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
