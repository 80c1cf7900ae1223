"""Jekyll's front-matter ``defaults:``, scope by scope, as ``FrontmatterDefaults`` does.

A set ``{scope: {path, type}, values}`` applies to a document when

* its ``type`` (if it has one) is the document's: ``pages``, ``posts`` (drafts
  are posts, as in Jekyll 4) or a collection's label; the singular ``page``,
  ``post`` and ``draft`` are read as ``pages``, ``posts`` and ``drafts``;
* its ``path`` is empty or not text, or is a prefix of the document's path
  (a plain string prefix: ``contacts`` also covers ``contacts.html``; a leading
  ``/`` is kept, so ``/about`` covers nothing, as in Jekyll), or, with a ``*``,
  a glob that names the document's file or one of its folders.  Paths of
  collection documents are read inside ``collections_dir``.

Sets are folded in the order written: a set whose path is longer than the last
winner's (or as long, with a ``type``, or neither typed) is merged on top,
another one below.  Values are deep-merged (nested mappings merged, a ``null``
never replaces a value); the document's own front matter is deep-merged last,
and a document's ``categories`` are added to the defaults' (Jekyll's
``merge_categories!``).
"""

from __future__ import annotations

import re
from typing import Any

#: The singular scope types Jekyll still reads (``update_deprecated_types``).
TYPE_ALIASES = {"page": "pages", "post": "posts", "draft": "drafts"}


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base`` (Jekyll's ``Utils.deep_merge_hashes``): nested mappings
    are merged, and a ``None`` in ``over`` keeps the value of ``base``."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if value is None and key in out:
            continue
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = deep_merge(old, value)
        else:
            out[key] = value
    return out


def scope_type(scope: dict[str, Any]) -> str | None:
    """The document type a scope names (aliases resolved), or None when it names none."""
    value = scope.get("type")
    if value is None or value == "":
        return None
    text = str(value)
    return TYPE_ALIASES.get(text, text)


def _sanitized(path: object) -> str:
    """``sanitize_path``: the text without its leading ``/`` (``""`` for nothing)."""
    if not isinstance(path, str) or not path:
        return ""
    return path[1:] if path.startswith("/") else path


def _strip_collections_dir(path: str, collections_dir: str) -> str:
    folder = collections_dir.strip("/")
    if folder and path.startswith(folder + "/"):
        return path[len(folder) + 1 :]
    return path


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A Ruby ``Dir.glob`` pattern as a regular expression on a whole relative path
    (``*`` and ``?`` stay in one segment, ``**/`` crosses folders, ``{a,b}``, ``[...]``)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[" and "]" in pattern[i + 1 :]:
            end = pattern.index("]", i + 1)
            inner = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append("[^" + inner[1:] + "]" if inner.startswith(("!", "^")) else "[" + inner + "]")
            i = end
        elif ch == "{" and "}" in pattern[i + 1 :]:
            end = pattern.index("}", i + 1)
            out.append("(?:" + "|".join(re.escape(p) for p in pattern[i + 1 : end].split(",")) + ")")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"/?\Z")


def _applies_path(scope_path: object, path: str, source_path: str, collections_dir: str) -> bool:
    if not isinstance(scope_path, str) or not scope_path:
        return True
    sanitized = _sanitized(path)
    if "*" not in scope_path:
        return sanitized.startswith(_strip_collections_dir(scope_path, collections_dir))
    # Dir.glob finds files and folders; the document's file and folders are the ones
    # that can be a prefix of its path (relative to the source, as the glob is)
    if scope_path.startswith("/"):
        return False  # Jekyll globs it from the file system's root: nothing of the site
    regex = _glob_regex(scope_path)
    parts = source_path.split("/")
    for end in range(1, len(parts) + 1):
        found = "/".join(parts[:end])
        if regex.match(found) and sanitized.startswith(_strip_collections_dir(found, collections_dir)):
            return True
    return False


def _has_precedence(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """``has_precedence?``: a longer path wins; as long, a typed scope, or two untyped."""
    if old is None:
        return True
    new_path, old_path = _sanitized(new.get("path")), _sanitized(old.get("path"))
    if len(new_path) != len(old_path):
        return len(new_path) >= len(old_path)
    if scope_type(new) is not None:
        return True
    return scope_type(old) is None


def document_path(source_path: str, collections_dir: str, in_collection: bool) -> str:
    """The path Jekyll scopes a document by: a collection document's path inside
    ``collections_dir`` (``Document#relative_path``), a page's path in the site."""
    return _strip_collections_dir(source_path, collections_dir) if in_collection else source_path


def defaults_for(
    path: str, doc_type: str, defaults: object, collections_dir: str = "", in_collection: bool = False
) -> dict[str, Any]:
    """The ``defaults:`` values for the document at ``path`` (relative to the source,
    POSIX) of type ``doc_type`` (``pages``, ``posts``, a collection's label): Jekyll's
    ``FrontmatterDefaults#all``."""
    if not isinstance(defaults, list):
        return {}
    scoped = document_path(path, collections_dir, in_collection)
    merged: dict[str, Any] = {}
    old_scope: dict[str, Any] | None = None
    for entry in defaults:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue  # Jekyll warns "an invalid front-matter default set"; check reports it
        scope = entry.get("scope")
        scope = scope if isinstance(scope, dict) else {}
        wanted = scope_type(scope)
        if wanted is not None and wanted != doc_type:
            continue
        if not _applies_path(scope.get("path"), scoped, path, collections_dir):
            continue
        if _has_precedence(old_scope, scope):
            merged = deep_merge(merged, entry["values"])
            old_scope = scope
        else:
            merged = deep_merge(entry["values"], merged)
    return merged


def problems(defaults: object) -> list[str]:
    """What in a ``defaults:`` list Jekyll would ignore or never match, one sentence each
    (the sets stay as they are: :func:`defaults_for` skips or misses them as Jekyll does)."""
    if not isinstance(defaults, list):
        return []
    found: list[str] = []
    for number, entry in enumerate(defaults, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            found.append(f"set {number} is not a mapping with a 'values' mapping; it is ignored, as Jekyll does")
            continue
        scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
        path = scope.get("path")
        if isinstance(path, str) and path.startswith("/"):
            found.append(
                f"set {number}: the scope path {path!r} starts with '/'; Jekyll compares it with paths "
                f"that never do, so it applies to no file (write {path.lstrip('/')!r})"
            )
        if scope_type(scope) == "drafts":
            found.append(
                f"set {number}: no document has the type 'drafts' in Jekyll 4 (drafts are posts); "
                "it applies to no file (use type 'posts' and path '_drafts')"
            )
    return found


def _category_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return value.split()
    return list(value) if isinstance(value, list) else [value]


def merge_front_matter(defaults: dict[str, Any], front_matter: dict[str, Any], document: bool) -> dict[str, Any]:
    """A document's fields: its front matter deep-merged on its defaults.  A collection
    document (``document``) keeps the defaults' ``categories`` and adds its own, as
    Jekyll's ``Document#merge_categories!``; a page's replace them."""
    merged = deep_merge(defaults, front_matter)
    own, base = front_matter.get("categories"), defaults.get("categories")
    if document and own is not None and base is not None:
        union: list[Any] = []
        for item in [*_category_list(base), *_category_list(own)]:
            if item not in union:  # Ruby's Array#|, in order
                union.append(item)
        merged["categories"] = union
    return merged
