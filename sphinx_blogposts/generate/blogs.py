"""One blog per language: the pages of each blog, in its folder and its language.

The posts of ``es/news/_posts/`` (or, in a polyglot site, the Spanish posts of
a collection) form the blog ``es/news`` (:meth:`.core.languages.Languages.blog_of`).
It gets what the site gets, under its folder and written in its language:

* its index ``es/news/`` (paginated: ``es/news/page/2``),
* year and month pages ``es/news/2024/`` and ``es/news/2024/12/``, and an
  overview of the years (``es/news/archive/``),
* tag, category and author pages (``es/news/tags/<tag>``...),

and its feeds (:mod:`.output.feeds`).  The category that names the blog itself
(``news``, which Jekyll takes from the folder) has no page of its own: it is
the blog's index.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

from ..core.config import BlogpostsConfig
from ..core.i18n import Gettext, load_translations
from ..core.languages import archive_key, blog_name
from .archive_pages import Scope, _plan_names, _plan_years
from .archives import ARCHIVE_KINDS, collection_title
from .page_source import page_docnames
from .plan import Plan, PostFacts, paged


def _default_translate(language: str) -> Gettext:
    return load_translations(language).gettext


def blog_language(posts: list[PostFacts]) -> str:
    """A blog's language: that of most of its posts (the first code on a tie)."""
    counts = Counter(p.language for p in posts)
    return min(counts, key=lambda code: (-counts[code], code))


def blog_title(settings: BlogpostsConfig, blog: str, posts: list[PostFacts], gettext: Gettext) -> str:
    """``es/news`` -> "News"; a blog that is a whole language folder or a polyglot
    collection takes the collection's title ("Entradas")."""
    name = blog_name(blog)
    collection = posts[0].collection
    if "/" not in blog or name == collection:
        return collection_title(settings, collection, gettext)
    return name.replace("_", " ").replace("-", " ").title()


def plan_blogs(
    plan: Plan,
    posts: list[PostFacts],
    settings: BlogpostsConfig,
    project_docs: set[str],
    tz: dt.tzinfo,
    translate: Callable[[str], Gettext] | None = None,
) -> None:
    """Add every blog's pages to ``plan`` (the site's own, from
    :func:`.generate.archives.plan_pages`), see the module docstring; ``posts`` may
    hold every post, those of no blog are left out."""
    translate = translate or _default_translate
    taken = set(project_docs) | {page.docname for page in plan.pages} | {page.pagename for page in plan.list_pages}
    by_blog: dict[str, list[PostFacts]] = defaultdict(list)
    for post in posts:
        if post.blog:
            by_blog[post.blog].append(post)
    for blog in sorted(by_blog):
        members = by_blog[blog]
        language = blog_language(members)
        before, listed_before = len(plan.pages), len(plan.list_pages)
        _plan_blog(plan, blog, members, settings, language, translate(language), taken, tz)
        for name in [p.docname for p in plan.pages[before:]] + [p.pagename for p in plan.list_pages[listed_before:]]:
            plan.page_languages[name] = language
    # a bad archive path is the same problem in every blog: said once
    plan.config_problems = list(dict.fromkeys(plan.config_problems))


def _plan_blog(
    plan: Plan,
    blog: str,
    members: list[PostFacts],
    settings: BlogpostsConfig,
    language: str,
    gettext: Gettext,
    taken: set[str],
    tz: dt.tzinfo,
) -> None:
    if f"{blog}/index" in taken:
        # the site's own page at the blog's address (es/index.md for es/_posts/) is its
        # index, as it was in Jekyll: kept without a warning; the archives are still made
        plan.archive_map.setdefault("blog", {})[blog] = f"{blog}/index"
        _plan_archives(plan, blog, members, settings, language, gettext, taken, tz)
        return
    size = max(1, settings.paginate)
    members = sorted(members, key=lambda p: (-(p.timestamp or float("-inf")), p.docname))
    docnames = page_docnames(f"{blog}/index", len(members), size)
    title = blog_title(settings, blog, members, gettext)
    # a blog lists all of its posts, whatever language one of them names
    options = (("blog", blog), ("language", "all"))
    for number, docname in enumerate(docnames, 1):
        list_options = dict(**dict(options), offset=(number - 1) * size, limit=size, format=settings.index_format,
                            pinned_first="true")  # fmt: skip
        if plan.add(paged(docnames, number, title, list_options, gettext), taken) and number == 1:
            plan.archive_map.setdefault("blog", {})[blog] = docname
    _plan_archives(plan, blog, members, settings, language, gettext, taken, tz)


def _plan_archives(
    plan: Plan,
    blog: str,
    members: list[PostFacts],
    settings: BlogpostsConfig,
    language: str,
    gettext: Gettext,
    taken: set[str],
    tz: dt.tzinfo,
) -> None:
    """The blog's year, month, tag, category and author pages."""
    options = (("blog", blog), ("language", "all"))
    scope = Scope(
        key=lambda kind: archive_key(kind, blog),
        year_base=blog,
        prefix=f"{blog}/",
        month_pages=True,
        options=options,
        gettext=gettext,
    )
    enabled = [k for k in ARCHIVE_KINDS if k in settings.archives]
    if "year" in enabled:
        _plan_years(plan, members, settings, language, taken, tz, scope)
    # the blog's own name is its index, not a category page of its own
    own = blog_name(blog)
    named = [replace(p, categories=tuple(c for c in p.categories if c != own)) for p in members]
    for kind, attr in (("tag", "tags"), ("category", "categories"), ("author", "authors")):
        if kind in enabled:
            _plan_names(plan, named, settings, kind, attr, taken, scope)
