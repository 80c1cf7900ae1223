"""Plan the root toctree of a Jekyll site: its menu, or a short default (at ``env-get-outdated``).

The menu (``blogposts_navigation``, by default ``_data/navigation.yml``
``main:``) becomes the entries of the root document's toctree, in order, so
every theme's sidebar shows it.  Each URL is looked up in the site's URL map
(the old URL of every document, and the generated pages' own paths): a page
of the site is a document entry, an address of another site an external
entry, a static file of the site a link to its copy.  An entry that leads
nowhere is a warning at its line of the data file, and is left out.

A site without a menu gets a short default: its collection indexes and
archive overviews, then at most :data:`TOP_PAGES` pages at the top of the
site.  Never every page: Sphinx resolves the root toctree for every page it
writes, so a toctree of every page costs pages x pages.

Docs projects (no ``_config.yml``) keep their own toctrees.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.config import conf_py_line
from ..core.menu import DEFAULT_NAVIGATION, STATIC_PREFIX, Menu, MenuEntry, menu_target, read_menu
from ..core.permalinks import url_key
from ..core.static_files import StaticRules, is_static, matcher
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.settings import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: At most this many top-level pages in the default navigation.
TOP_PAGES = 10

Entry = tuple[str | None, str]


def plan_navigation(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Work out the root toctree's entries; the root is read again when they change."""
    settings = site_of(env).settings
    data = BlogpostsDomain.of(env).data
    if not settings.jekyll_site:
        return []
    srcdir = Path(env.srcdir)
    spec = settings.navigation.strip()
    menu = read_menu(srcdir, spec) if spec else Menu()
    # (message, file, line, subtype): plain data, compared with the last build's
    problems = [(message, menu.file or "", line, BlogWarning.CONFIG.value) for message, line in menu.problems]
    if spec and spec != DEFAULT_NAVIGATION and menu.file is None:
        conf_line = conf_py_line(Path(app.confdir) / "conf.py", "blogposts_navigation")
        problems.append((f"blogposts_navigation = {spec!r} names no list in _data/; the default navigation is used",
                         conf_line, 0, BlogWarning.CONFIG.value))
    if menu.entries:
        entries = _menu_entries(app, env, menu, problems)
    else:
        entries = _default_entries(env)
    if problems != data["nav_problems"]:
        for message, file, line, subtype in problems:
            warn(message, BlogWarning(subtype), location=f"{srcdir / file}:{line}" if line else file)
    data["nav_problems"] = problems
    root = env.config.root_doc
    if entries != data["nav_entries"] and root in env.all_docs:
        changed.add(root)
    data["nav_entries"] = entries
    return []


def _menu_entries(app: Sphinx, env: BuildEnvironment, menu: Menu, problems: list) -> list[Entry]:
    """The menu's entries as toctree entries; the others are problems at their lines."""
    settings = site_of(env).settings
    rules = StaticRules.for_build(env.srcdir, app.outdir, env.doctreedir, settings.include, env.config.source_suffix)
    excluded = matcher(env.config.exclude_patterns)
    url_map = BlogpostsDomain.of(env).data["url_map"]
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in menu.entries:
        ref = _target(item, env, url_map, settings.baseurl, rules, excluded, settings.site_url or "")
        if ref is None:
            problems.append((f"the menu entry {item.title!r} points at {item.url!r}, which is no page or "
                             "file of this site; it is left out of the navigation", menu.file, item.line,
                             BlogWarning.LINK.value))
        elif ref in seen:
            problems.append((f"the menu entry {item.title!r} repeats {item.url!r}; the first one is kept",
                             menu.file, item.line, BlogWarning.LINK.value))
        else:
            seen.add(ref)
            entries.append((item.title, ref))
    return entries


class _DocumentsByKey(Mapping[str, str]):
    """URL key -> docname, as :func:`.core.menu.menu_target` asks: the site's URL
    map, then a document at that path (generated pages), the home at ``""``."""

    def __init__(self, env: BuildEnvironment, url_map: dict[str, str]) -> None:
        self._env, self._url_map = env, url_map

    def _find(self, key: str) -> str | None:
        if not key:
            return self._env.config.root_doc
        return self._url_map.get(key) or next((d for d in (key, f"{key}/index") if d in self._env.found_docs), None)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __getitem__(self, key: str) -> str:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._url_map)

    def __len__(self) -> int:
        return len(self._url_map)


class _StaticFiles(Container[str]):
    """The site's static files, tested one path at a time (the build's own rule)."""

    def __init__(self, rules: StaticRules, excluded: Callable[[str], bool]) -> None:
        self._rules, self._excluded = rules, excluded

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and bool(rel) and is_static(rel, self._rules, self._excluded)


def _target(item: MenuEntry, env: BuildEnvironment, url_map: dict[str, str], baseurl: str,
            rules: StaticRules, excluded: Callable[[str], bool], site_url: str = "") -> str | None:
    """The toctree reference of one menu URL: ``self``, a docname, a URL or a static
    file; what the URL leads to is :func:`.core.menu.menu_target`'s answer, as in
    ``init``/``check``."""
    found = menu_target(item.url, _DocumentsByKey(env, url_map), _StaticFiles(rules, excluded), site_url, baseurl)
    if found.kind == "external":
        # Sphinx keeps an entry as a URL only when it has "://" (mailto: would be a docname)
        return item.url if "://" in item.url else None
    if found.kind == "page":
        return "self" if found.target == env.config.root_doc else found.target
    if found.kind == "static":
        return STATIC_PREFIX + found.target
    return None


def _default_entries(env: BuildEnvironment) -> list[Entry]:
    """Collection indexes and archives, then a few top-level pages (by URL)."""
    data = BlogpostsDomain.of(env).data
    root = env.config.root_doc
    entries: list[Entry] = [(None, d) for d in data["nav_pages"] if d in env.found_docs and d != root]
    listed = {d for _, d in entries}
    top: list[str] = []
    for docname, entry in sorted(data["sources"].items()):
        facts = entry.facts
        if docname not in env.found_docs or docname in listed or docname == root or facts.kind == "post":
            continue
        key = url_key(facts.permalink) if facts.permalink else docname
        if key and "/" not in key:
            top.append(docname)
    entries += [(None, d) for d in top[:TOP_PAGES]]
    return entries
