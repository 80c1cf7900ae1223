"""One guard for every path the extension writes, and one for every path it reads.

Names in a site come from people who did not think of file systems: a
collection called ``../..``, a ``redirect_from`` of ``/search/``, a Markdown
link to ``../../secret.txt``, a ``_data`` file that is a symbolic link to
``/etc``.  Every writer (pages, generated sources, feeds, redirects,
``redirects.json``, ``sitemap.xml``, the command line) asks :func:`output_file`
before it writes, and every reader of the user's files asks :func:`inside`
before it reads.  Both follow symbolic links, so a link out of the folder is
caught as surely as a ``..``.

This module imports nothing else of the package (but :mod:`.core.warnings`), so
the build and the command line share it without pulling each other in.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

#: Files at the root of the output that Sphinx or this extension writes: no
#: redirect or permalink may claim them (or turn them into folders).
RESERVED_FILES = frozenset(
    (
        "genindex",
        "search",
        "py-modindex",
        "searchindex.js",
        "objects.inv",
        ".buildinfo",
        "redirects.json",
        "sitemap.xml",
        ".blogposts-redirects",
        ".blogposts-feeds",
        "feed.xml",
        "rss.xml",
    )
)
#: Folders of the output that belong to Sphinx: nothing may be written inside them by a redirect.
RESERVED_FOLDERS = frozenset(("_static", "_sources", "_images", "_downloads", ".doctrees"))

#: Characters no file name may hold on some system, or that are markup.
_UNSAFE_CHARS = re.compile(r'[<>:"|?*\\\x00-\x1f\x7f\x85\u2028\u2029]')


class UnsafePath(OSError):
    """A path the extension refuses to write to (or to read from); the message says why."""


def inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Does ``path`` lie in ``root`` (or is it ``root``) once every symbolic link is followed?"""
    try:
        real = os.path.realpath(path)
        real_root = os.path.realpath(root)
    except (OSError, ValueError):  # a NUL byte, a loop of links
        return False
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def outside_source(path: str | os.PathLike[str], real_srcdir: str) -> bool:
    """Does the input ``path`` lie outside the source folder, links followed?"""
    return not inside(path, real_srcdir)


def relative_problem(relative: str) -> str | None:
    """Why ``relative`` (POSIX) cannot be a path inside a folder, or None."""
    if "\x00" in relative:
        return "it holds a NUL byte"
    if relative.startswith("/") or re.match(r"^[A-Za-z]:", relative):
        return "it is an absolute path"
    normal = posixpath.normpath(relative or ".")
    if normal == ".." or normal.startswith("../"):
        return "it leads out of the folder"
    return None


def output_file(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> Path:
    """The file ``path`` (absolute, or relative to ``root``) if it is inside ``root``.

    Raises :class:`UnsafePath` when it is not: a ``..``, an absolute name, a NUL
    byte, or a folder on the way that is a symbolic link out of ``root``.
    """
    text = os.fspath(path)
    root_text = os.fspath(root)
    if "\x00" in text:
        raise UnsafePath(f"{text!r} holds a NUL byte")
    if not os.path.isabs(text):
        problem = relative_problem(text.replace(os.sep, "/"))
        if problem:
            raise UnsafePath(f"{text!r} is not written: {problem}")
        text = os.path.join(root_text, text)
    if not inside(text, root_text):
        raise UnsafePath(f"{text!r} is outside {root_text}; it is not written")
    return Path(text)


def remove_output(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """Delete the output file ``path`` (a link itself, never what it points to) and
    the folders it leaves empty, as a fresh build would not have them; nothing
    outside ``root`` is touched.  True when a file was deleted."""
    try:
        real_root = Path(root).resolve()
        given = Path(path) if os.path.isabs(os.fspath(path)) else real_root / path
        target = given.parent.resolve() / given.name
        target.relative_to(real_root)
    except (ValueError, OSError, TypeError):
        return False
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    except OSError:  # a folder in the way
        return False
    folder = target.parent
    while folder != real_root and folder.is_relative_to(real_root):
        try:
            folder.rmdir()  # only when empty
        except OSError:
            break
        folder = folder.parent
    return True


def safe_segment(name: str) -> bool:
    """Can ``name`` be one path segment as written (no ``/``, no ``..``, no control or
    reserved characters, no leading dot)?"""
    return bool(name) and not name.startswith(".") and name.strip() == name and not _UNSAFE_CHARS.search(name) and "/" not in name


def safe_docname(docname: str) -> bool:
    """Is ``docname`` a document name whose output stays in the output folder?"""
    return all(safe_segment(seg) for seg in docname.split("/"))


def reserved(key: str, extra: frozenset[str] = frozenset()) -> str | None:
    """The reserved name an output path (a URL key: no slashes at the ends, no
    ``.html``) would claim, or None.  ``extra``: the feed files whose paths come
    from settings (:func:`.core.feeds.configured_outputs`)."""
    segments = [s for s in key.split("/") if s]
    if not segments:
        return None
    if key.strip("/") in extra:
        return key.strip("/")
    if segments[0] == "feed" and len(segments) > 1 and segments[-1].endswith(".xml"):
        return "/".join(segments)  # jekyll-feed's folder: feed/<category>.xml, feed/by_tag/<tag>.xml
    if segments[0] in RESERVED_FOLDERS:
        return segments[0]
    if len(segments) == 1 and (segments[0] in RESERVED_FILES or segments[0].startswith("genindex-")):
        return segments[0]
    last = segments[-1]
    if last in ("feed.xml", "rss.xml") or last.endswith((".feed.xml", ".rss.xml")):
        return last
    return None


def is_input_symlink_out(path: Path, root: Path) -> bool:
    """Is ``path`` a symbolic link that is dangling or leads out of ``root``?"""
    return path.is_symlink() and (not path.exists() or not inside(path, root))
