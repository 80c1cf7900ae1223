"""A Jekyll site as Sphinx sees it: ``_config.yml``, collections, defaults.

This module only reads; :mod:`.reading.site_setup` applies what it finds to the
Sphinx configuration.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .front_matter import Problem, _yaml_mapping
from .safe_paths import inside
from .warnings import BlogWarning, warn

#: Folders Jekyll never renders (besides every other ``_``/``.`` folder).
NON_CONTENT_DIRS = (
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "_site",
    "_plugins",
    "_build",
    ".jekyll-cache",
    ".sass-cache",
    ".bundle",
    "vendor",
    "node_modules",
    "Gemfile",
    "Gemfile.lock",
)

#: ``_config.yml`` keys that map one-to-one onto ``blogposts_*`` values.
_KEYS = {
    "collections": "collections",
    "collections_dir": "collections_dir",
    "defaults": "defaults",
    "exclude": "exclude",
    "include": "include",
    "future": "future",
    "show_drafts": "drafts",
    "title": "site_title",
    "description": "site_description",
    "url": "site_url",
    "baseurl": "baseurl",
    "timezone": "timezone",
    "permalink": "permalink",
    "excerpt_separator": "excerpt_separator",
    "words_per_minute": "words_per_minute",
    "markdown_ext": "markdown_ext",
    "repository": "repository",
    "paginate": "paginate",
    "languages": "languages",
    "default_lang": "default_lang",
    "kramdown": "kramdown_options",
    "author": "author",
    "gems": "plugins",
    "plugins": "plugins",
    "twitter": "twitter",
    "social": "social",
    "og_image": "og_image",
    "logo": "logo",
    "comments": "comments",
}


@dataclass
class JekyllConfig:
    """What ``_config.yml`` says, with the line of each top-level key."""

    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def location(self, key: str) -> str:
        return f"{self.path}:{self.key_lines.get(key, 1)}"

    def settings(self) -> dict[str, Any]:
        """The ``blogposts_*`` field values this file provides."""
        out = {field_name: self.data[key] for key, field_name in _KEYS.items() if key in self.data}
        out = {k: v for k, v in out.items() if v is not None}
        paths = self.archive_paths()
        if paths:
            out["archive_paths"] = paths
        return out

    def archive_paths(self) -> dict[str, str]:
        """Where the theme or jekyll-archives put archive pages (``/tags/``, ``/categories/``)."""
        paths: dict[str, str] = {}
        for kind, key in (("tag", "tag_archive"), ("category", "category_archive")):
            value = self.data.get(key)
            if isinstance(value, dict) and isinstance(value.get("path"), str) and value["path"].strip("/"):
                paths[kind] = value["path"].strip("/")
        archives = self.data.get("jekyll-archives")
        permalinks = archives.get("permalinks") if isinstance(archives, dict) else None
        if isinstance(permalinks, dict):
            for kind, key in (("tag", "tag"), ("category", "category"), ("year", "year")):
                value = permalinks.get(key)
                if isinstance(value, str):
                    folder = value.split(":", 1)[0].strip("/")
                    if folder:
                        paths.setdefault(kind, folder)
        if paths:
            defaults = {"year": "archive", "tag": "tags", "category": "categories", "author": "authors"}
            return {**defaults, **paths}
        return {}


def load_jekyll_config(path: Path) -> JekyllConfig:
    """Read ``_config.yml``; problems (invalid YAML, not a mapping) are returned, not raised."""
    result = JekyllConfig(path=path)
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        result.problems.append(Problem(f"cannot read {path.name}: {exc}", 1))
        return result
    try:
        data, key_lines, _ = _yaml_mapping(text)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        result.problems.append(
            Problem(f"invalid YAML in {path.name}: {str(exc).splitlines()[0]}", (mark.line + 1) if mark else 1)
        )
        return result
    if data is None:
        return result
    if not isinstance(data, dict):
        result.problems.append(Problem(f"{path.name} is not a mapping of settings; it is ignored", 1))
        return result
    result.data = data
    result.key_lines = {k: v + 1 for k, v in key_lines.items()}
    return result


def load_data_file(path: Path, root: Path | None = None) -> Any:
    """A file of ``_data/`` (YAML), or ``None`` when missing or unreadable.

    With ``root`` (the site), a file that is a symbolic link out of it is not
    read: a ``blogposts.link`` warning says so."""
    if root is not None and path.exists() and not inside(path, root):
        warn(
            f"the data file {path.name} is a symbolic link to {os.path.realpath(path)}, outside the source folder; "
            "it is not read",
            BlogWarning.LINK,
            location=f"{path}:1",
            once=True,  # site.data reads it too: one warning
        )
        return None
    try:
        data, _, _ = _yaml_mapping(path.read_text(encoding="utf-8-sig", errors="replace"))
    except (OSError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
    return data


def collection_dirs(collections: dict[str, Any], collections_dir: str) -> dict[str, str]:
    """Map each collection's folder (``_posts``, ``dir/_ai``) to its name.

    ``posts`` always exists; drafts are posts that live in ``_drafts``.
    """
    base = collections_dir.strip("/")
    out: dict[str, str] = {}
    for name in ["posts", *collections]:
        out[posixpath.join(base, f"_{name}") if base else f"_{name}"] = str(name)
    out[posixpath.join(base, "_drafts") if base else "_drafts"] = "posts"
    return out


def collection_of(docpath: str, dirs: dict[str, str]) -> tuple[str | None, list[str], bool]:
    """Which collection a source path (POSIX, relative) belongs to.

    Returns ``(collection, folder_categories, is_draft)``.  Jekyll also finds
    ``_posts`` below other folders (``news/_posts/x.md``); the folders above
    become categories.
    """
    parts = docpath.split("/")
    for i in range(len(parts) - 1):
        folder = "/".join(parts[: i + 1])
        if folder in dirs:
            return dirs[folder], [], parts[i] == "_drafts"
        if parts[i] in ("_posts", "_drafts"):
            return "posts", parts[:i], parts[i] == "_drafts"
    return None, [], False


def collection_settings(collections: dict[str, Any], name: str) -> dict[str, Any]:
    value = collections.get(name)
    return value if isinstance(value, dict) else {}


def excluded_patterns(srcdir: Path, collection_folders: list[str], include: list[str], exclude: list[str]) -> list[str]:
    """``exclude_patterns`` for what Jekyll does not render.

    Every top-level folder whose name starts with ``_`` or ``.`` is excluded
    unless it holds a collection or is in ``include:``; so are Jekyll's tool
    folders and the paths in ``exclude:``.
    """
    keep = {f.split("/")[0] for f in collection_folders} | {str(i).strip("/") for i in include}
    patterns: set[str] = set()
    try:
        entries = sorted(srcdir.iterdir())
    except OSError:
        entries = []
    for entry in entries:
        name = entry.name
        if name in keep:
            continue
        if entry.is_dir() and (name.startswith(("_", ".")) or name in NON_CONTENT_DIRS):
            patterns.add(f"{name}/**")
        elif name in NON_CONTENT_DIRS or (name.startswith(".") and name not in keep):
            patterns.add(name)
    for item in exclude:
        pat = str(item).strip("/")
        if pat:
            patterns.add(pat)
            if "*" not in pat:
                patterns.add(f"{pat}/**")
    return sorted(patterns)
