"""The site's menu, read from a Jekyll data file with the line of every entry.

minimal-mistakes and academicpages keep their menu in ``_data/navigation.yml``
under ``main:``, a list of ``title``/``url``; other themes use other files
and keys.  ``blogposts_navigation`` names one as ``<file>.<key>[.<key>...]``
(the file in ``_data/`` without its extension).  The menu is read here, once
per build, and becomes the root toctree (see :mod:`.generate.menu`).

This module reads files (through :func:`.core.safe_paths.inside`) and imports
nothing of the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

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
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return Menu(relative, problems=[(f"the menu cannot be read: {exc}".splitlines()[0], line)])
    for key in keys:
        node = _child(node, key)
        if node is None:
            return Menu()
    menu = Menu(relative)
    if not isinstance(node, yaml.SequenceNode):
        menu.problems.append((f"{spec!r} should be a list of title/url entries", node.start_mark.line + 1))
        return menu
    for item in node.value:
        line = item.start_mark.line + 1
        title = _scalar(_child(item, "title"))
        url = _scalar(_child(item, "url"))
        if not url:
            menu.problems.append((f"the menu entry {title or '(no title)'!r} has no url; it is left out", line))
            continue
        menu.entries.append(MenuEntry(title or url, url, line))
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
