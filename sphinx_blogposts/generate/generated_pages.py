"""Write the planned pages' sources and add them to the project (at ``env-get-outdated``).

Collection indexes, archives and — when the site has no root document — a
home page are real documents (see :mod:`.store.generated`): in the navigation, the
search index and every builder's output.  Their sources are rewritten only
when the plan changes, so unchanged pages are not read again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.i18n import _
from ..core.jekyll_site import load_jekyll_config
from ..core.listings import replaced_by
from ..core.safe_paths import UnsafePath, safe_docname
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain, published_docs
from ..store.generated import generated_dir, map_document, write_if_changed
from ..store.labels import gettext_for
from ..store.settings import site_of
from .archives import path_problems, plan_pages
from .page_source import _postlist, md_escape
from .plan import Plan, PlannedPage, PostFacts
from .blogs import plan_blogs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: Builders that put the documents of the toctree together (a PDF, one HTML page,
#: an e-book): there, every post must be in a toctree to be in the result.
ASSEMBLING_BUILDERS = frozenset(("singlehtml", "latex", "texinfo", "man", "epub", "epub3"))


def home_source(title: str, description: str, nav: list[str], pages: list[str], recent: bool) -> str:
    """MyST source of a generated home page."""
    lines = [f"# {md_escape(title)}", ""]
    if description:
        lines += [md_escape(description), ""]
    if recent:
        lines += [f"## {md_escape(_('Recent posts'))}", ""]
        lines += _postlist(limit=5, format="cards", pinned_first="true")
    for caption, docnames in ((_("Sections"), nav), (_("Pages"), pages)):
        if docnames:
            lines += ["```{toctree}", f":caption: {json.dumps(caption)[1:-1]}", ":maxdepth: 1", ""]
            lines += [f"/{d}" for d in docnames]
            lines += ["```", ""]
    return "\n".join(lines)


def inject_generated_pages(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Plan, write and map every generated page; note the root for navigation."""
    domain = BlogpostsDomain.of(env)
    facts = domain.data["sources"]
    published = published_docs(env)
    site = site_of(env)
    settings = site.settings
    posts = [
        PostFacts(
            docname=d,
            collection=f.collection or "posts",
            timestamp=f.timestamp,
            tags=f.tags,
            categories=f.categories,
            authors=f.authors,
            lines=f.lines,
            language=f.language,
            blog=f.blog,
        )
        for d, f in sorted((d, e.facts) for d, e in facts.items())
        if d in published and f.kind == "post"
    ]
    project_docs = set(env.found_docs)
    root = env.config.root_doc
    toctree_posts = settings.toctree_posts
    if toctree_posts is None:
        toctree_posts = app.builder.name in ASSEMBLING_BUILDERS
    plan = plan_pages(
        posts, settings, env.config.language, project_docs, site.tz, toctree_posts, own_listings(facts, published)
    )
    plan_blogs(plan, posts, settings, project_docs, site.tz, lambda language: gettext_for(env, language))
    # a listing page of the site at a generated page's place (its URL's docname) stands
    # in for it: kept, as every user page there, and not warned about
    plan.problems = [p for p in plan.problems if not (p[1] in facts and facts[p[1]].facts.listing)]
    nav = [p.docname for p in plan.pages if p.in_nav]
    nav += sorted(set(plan.listings.values()) - set(nav))  # the site's listing pages in their place
    if settings.home_page and root not in project_docs:
        user_pages = sorted(d for d in project_docs if not (d in facts and facts[d].facts.kind == "post"))
        title = settings.site_title or env.config.project
        # a Jekyll site's home shows its menu (generate/menu.py), never a list of every page
        sections, pages = ([], []) if settings.jekyll_site else (nav, user_pages)
        plan.pages.insert(
            0,
            PlannedPage(root, home_source(title, settings.site_description, sections, pages, bool(posts))),
        )

    generated: dict[str, str] = {}
    rewritten = False
    folder = generated_dir(env) / "pages"
    for page in plan.pages:
        path = folder / f"{page.docname}.md"
        try:
            if not safe_docname(page.docname):  # the plan makes slugs; this is the last line of defence
                raise UnsafePath(f"{page.docname!r} is not a path inside the site")
            language = plan.page_languages.get(page.docname)
            # a MyST comment: a page whose language changes is read (and written) again
            source = f"{page.source}\n% language: {language}\n" if language else page.source
            written = write_if_changed(path, source, root=folder)
        except OSError as exc:
            plan.problems.append((f"the generated page {page.docname!r} is left out: {exc}", root))
            continue
        rewritten |= written
        map_document(env, page.docname, path, written, added, changed, removed)
        generated[page.docname] = f"{page.docname}.md"
    _remove_stale_sources(folder, set(generated))
    list_pages = {}
    for page in plan.list_pages:
        if safe_docname(page.pagename):  # the plan makes slugs; this is the last line of defence
            list_pages[page.pagename] = page.as_record()
        else:
            plan.problems.append((f"the generated page {page.pagename!r} is left out: not a path inside the site", root))

    data = domain.data
    problems = [*plan.problems, *plan.config_problems]
    if rewritten or data["plan_problems"] != problems:
        _report(plan, settings, env)
    data["generated"] = generated
    data["archive_map"] = plan.archive_map
    data["page_languages"] = plan.page_languages
    data["list_pages"] = list_pages
    data["plan_problems"] = problems
    # the root document carries the navigation to the generated sections
    if data["nav_pages"] != nav and root in env.all_docs and root not in generated:
        changed.add(root)
    data["nav_pages"] = nav
    return []


def own_listings(facts: dict[str, Any], published: set[str]) -> dict[tuple[str, str], str]:
    """The site's listing pages by the generated list each stands for (the first by
    docname when two list the same)."""
    found: dict[tuple[str, str], str] = {}
    for docname in sorted(published):
        entry = facts.get(docname)
        listing = entry.facts.listing if entry is not None else None
        key = replaced_by(listing) if listing else None
        if key is not None:
            found.setdefault(key, docname)
    return found


def _report(plan: Plan, settings: Any, env: BuildEnvironment) -> None:
    for message, docname, *line in plan.problems:
        warn(message, BlogWarning.ARCHIVE, location=(docname, line[0] if line else 1))
    site = site_of(env)
    config_file = Path(env.srcdir) / settings.jekyll_config
    for message, setting in plan.config_problems:
        warn(message, BlogWarning.CONFIG, location=_setting_location(env, settings, setting))
    for name in plan.empty_collections:
        folder = next((f for f, c in site.folders.items() if c == name and not f.endswith("_drafts")), None)
        if folder and (Path(env.srcdir) / folder).is_dir():
            warn(
                f"the collection {name!r} has no published posts in {folder}/; it gets no index page",
                BlogWarning.ARCHIVE,
                location=f"{config_file}:1",
            )


#: Where each setting a generated path comes from is written in ``_config.yml``.
_JEKYLL_KEYS = {
    "collections": ("collections",),
    "tag": ("tag_archive", "jekyll-archives"),
    "category": ("category_archive", "jekyll-archives"),
    "year": ("jekyll-archives",),
    "collections_dir": ("collections_dir",),
}


def _setting_location(env: BuildEnvironment, settings: Any, setting: str) -> str:
    # conf.py lives beside the sources (sphinx-build's -c is rare; line 1 of it then)
    path, line = setting_location(Path(env.srcdir), Path(env.srcdir), settings, setting)
    return f"{path}:{line}"


def setting_location(srcdir: Path, confdir: Path, settings: Any, setting: str) -> tuple[Path, int]:
    """The file and line of the setting that named a generated folder: its key in
    ``_config.yml`` when that file sets it, else its ``blogposts_*`` line in ``conf.py``."""
    config_file = srcdir / settings.jekyll_config
    if config_file.is_file():
        loaded = load_jekyll_config(config_file)
        for key in _JEKYLL_KEYS.get(setting, ()):
            if key in loaded.data:
                return config_file, loaded.key_lines.get(key, 1)
    conf_py = confdir / "conf.py"
    names = {"collections": "blogposts_collections", "collections_dir": "blogposts_collections_dir"}
    name = names.get(setting, "blogposts_archive_paths")
    try:
        lines = conf_py.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith(name)), 1)
    return conf_py, line


def path_issues(srcdir: Path, settings: Any, entries: list[tuple[str, str, Any]]) -> list[tuple[str, int, BlogWarning, str]]:
    """What ``check`` reports of names that cannot be folders as written, from
    ``(docname, path, SourceFacts)``: ``(docname or file, line, subtype, message)``."""
    posts = [
        PostFacts(d, f.collection or "posts", f.timestamp, f.tags, f.categories, f.authors, f.lines)
        for d, _path, f in entries
        if f.kind == "post" and f.published
    ]
    plan = path_problems(posts, settings)
    issues = [(docname, line, BlogWarning.ARCHIVE, message) for message, docname, line in plan.problems]
    for message, setting in plan.config_problems:
        path, line = setting_location(srcdir, srcdir, settings, setting)
        issues.append((str(path), line, BlogWarning.CONFIG, message))
    return issues


def _remove_stale_sources(folder, keep: set[str]) -> None:  # noqa: ANN001 - a Path
    """Sources of pages no longer planned (a tag that is gone) are deleted."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*.md"):
        docname = path.relative_to(folder).with_suffix("").as_posix()
        if docname not in keep:
            path.unlink(missing_ok=True)
