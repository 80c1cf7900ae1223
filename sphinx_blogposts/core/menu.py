"""The site's menu, read from a Jekyll data file with the line of every entry,
and what each entry's URL leads to.

minimal-mistakes and academicpages keep their menu in ``_data/navigation.yml``
under ``main:``, a list of ``title``/``url``; other themes use other files
and keys.  ``blogposts_navigation`` names one as ``<file>.<key>[.<key>...]``
(the file in ``_data/`` without its extension).  The menu is read here, once
per build, and becomes the root toctree (see :mod:`.generate.menu`);
``init``/``check`` read it with the same functions.

This module reads files (through :func:`.core.safe_paths.inside`) and imports
nothing of the build.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .permalinks import url_key

#: The data file and key of minimal-mistakes' and academicpages' menu.
MENU_FILE = "_data/navigation.yml"
MENU_KEY = "main"

from .safe_paths import inside

#: The menu minimal-mistakes and academicpages read.
DEFAULT_NAVIGATION = "navigation.main"
#: The toctree entry of a static file: a URL to Sphinx (kept as written),
#: turned into a path relative to each page when the sidebar is written.
STATIC_PREFIX = "blogposts-static://"
#: Extensions a Jekyll data file may have, in the order Jekyll prefers them.
DATA_EXTENSIONS = (".yml", ".yaml", ".json")


@dataclass(frozen=True)
class MenuEntry:
    """One entry of the menu: its title, its URL as written and its line in the file."""

    title: str
    url: str
    line: int


@dataclass
class Menu:
    """The menu found (``file`` is None when the site has none) and what was wrong."""

    file: str | None = None
    entries: list[MenuEntry] = field(default_factory=list)
    #: (message, line in ``file``)
    problems: list[tuple[str, int]] = field(default_factory=list)


def split_spec(spec: str) -> tuple[str, list[str]] | None:
    """``"navigation.main"`` -> ``("navigation", ["main"])``; None when it names no key."""
    parts = [p for p in spec.strip().split(".") if p]
    if len(parts) < 2 or any("/" in p or "\\" in p for p in parts):
        return None
    return parts[0], parts[1:]


def read_menu(srcdir: Path, spec: str) -> Menu:
    """The menu ``spec`` names, read from ``srcdir/_data``.

    A missing file or key is no menu (``Menu().file is None``); an entry
    without a ``url`` is a problem at its line, and the others are kept.
    """
    split = split_spec(spec)
    if split is None:
        return Menu()
    stem, keys = split
    data_dir = srcdir / "_data"
    path = next((data_dir / f"{stem}{ext}" for ext in DATA_EXTENSIONS if (data_dir / f"{stem}{ext}").is_file()), None)
    if path is None:
        return Menu()
    relative = path.relative_to(srcdir).as_posix()
    if not inside(path, srcdir):  # a data file that is a link out of the site is not read
        return Menu(relative, problems=[(f"{relative} leads out of the source folder; the menu is not read", 1)])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return Menu(relative, problems=[(f"the menu cannot be read: {exc}".splitlines()[0], 1)])
    return parse_menu(text, keys, relative)


def parse_menu(text: str, keys: list[str], file: str | None = None) -> Menu:
    """The menu under ``keys`` of a data file's ``text`` (``file`` names it)."""
    spec = ".".join(keys)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return Menu(file, problems=[(f"the menu cannot be read: {exc}".splitlines()[0], line)])
    for key in keys:
        node = _child(node, key)
        if node is None:
            return Menu()
    menu = Menu(file)
    if not isinstance(node, yaml.SequenceNode):
        menu.problems.append((f"{spec!r} should be a list of title/url entries", node.start_mark.line + 1))
        return menu
    for item in node.value:
        title = _scalar(_child(item, "title"))
        url_node = _child(item, "url")
        url = _scalar(url_node)
        if not url:
            menu.problems.append(
                (f"the menu entry {title or '(no title)'!r} has no url; it is left out", item.start_mark.line + 1)
            )
            continue
        # the line of the url: where a warning about where the entry leads points
        menu.entries.append(MenuEntry(title or url, url, url_node.start_mark.line + 1))
    return menu


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value of ``key`` in a YAML mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value
    return None


def _scalar(node: yaml.Node | None) -> str:
    """The text of a scalar node ('' for anything else)."""
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) and node.value is not None else ""


@dataclass(frozen=True)
class MenuTarget:
    """What an entry leads to: ``kind`` is ``page`` (``target`` the page's source),
    ``static`` (``target`` the file), ``external`` or ``none``."""

    kind: str
    target: str = ""


def menu_entries(text: str, key: str = MENU_KEY) -> tuple[list[MenuEntry], list[tuple[int, str]]]:
    """The entries under ``key`` of a YAML data file's text, and the problems
    (line, message): :func:`parse_menu` in the command line's shape."""
    menu = parse_menu(text, [key])
    return menu.entries, [(line, message) for message, line in menu.problems]


def menu_target(url: str, pages: dict[str, str], static: set[str], site_url: str = "", baseurl: str = "") -> MenuTarget:
    """What ``url`` leads to: a page (``pages`` maps :func:`.permalinks.url_key` of each
    page's URL to its source; the home is ``""``), a static file (``static``: paths
    relative to the site), another site, or nothing in this site."""
    site = site_url.rstrip("/")
    if site and (url == site or url.startswith(site + "/")):
        url = url[len(site):] or "/"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc:
        return MenuTarget("external", url)
    path = parts.path
    base = "/" + baseurl.strip("/") if baseurl.strip("/") else ""
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):] or "/"
    key = url_key(path)
    if key in pages:
        return MenuTarget("page", pages[key])
    file = urllib.parse.unquote(path).strip("/")
    if file in static:
        return MenuTarget("static", file)
    index = f"{file}/index.html" if file else "index.html"
    if index in static:
        return MenuTarget("static", index)
    return MenuTarget("none")
