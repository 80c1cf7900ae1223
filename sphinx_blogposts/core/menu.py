"""A Jekyll site's menu: the entries of ``_data/navigation.yml``'s ``main:``
(minimal-mistakes, academicpages), with the line of each, and what each entry's
URL leads to.  Pure rules: ``init``/``check`` report with them, and the build's
navigation is meant to use the same ones (one fact, one place).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

import yaml

from .permalinks import url_key

#: The data file and key of minimal-mistakes' and academicpages' menu.
MENU_FILE = "_data/navigation.yml"
MENU_KEY = "main"


@dataclass(frozen=True)
class MenuEntry:
    """One entry of the menu, as written, with the 1-based line of its ``url``."""

    title: str
    url: str
    line: int


@dataclass(frozen=True)
class MenuTarget:
    """What an entry leads to: ``kind`` is ``page`` (``target`` the page's source),
    ``static`` (``target`` the file), ``external`` or ``none``."""

    kind: str
    target: str = ""


def menu_entries(text: str, key: str = MENU_KEY) -> tuple[list[MenuEntry], list[tuple[int, str]]]:
    """The entries under ``key`` of a YAML data file's text, and the problems
    (line, message) of entries that are not a ``title``/``url`` mapping."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [((mark.line + 1) if mark else 1, f"the menu cannot be read: {exc}")]
    if not isinstance(root, yaml.MappingNode):
        return [], []
    items = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if items is None:
        return [], []
    if not isinstance(items, yaml.SequenceNode):
        return [], [(items.start_mark.line + 1, f"{key}: is not a list of menu entries; it is not the menu")]
    entries: list[MenuEntry] = []
    problems: list[tuple[int, str]] = []
    for item in items.value:
        line = item.start_mark.line + 1
        scalars = (
            {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
            if isinstance(item, yaml.MappingNode)
            else {}
        )
        url = scalars.get("url")
        if url is None or not str(url.value).strip():
            problems.append((line, "this menu entry has no url; it is left out of the menu"))
            continue
        title = scalars.get("title")
        # the line of the url: where a warning about where it leads points
        entries.append(MenuEntry(str(title.value if title else url.value), str(url.value).strip(), url.start_mark.line + 1))
    return entries, problems


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
