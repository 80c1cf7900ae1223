"""Which files of a Jekyll site are static files, copied as they are.

Jekyll copies every file without front matter to the same path of the site
(``favicon.ico``, ``robots.txt``, ``files/cv.pdf``, ``images/``), except
what it does not publish at all: ``_``-folders and dot-files (unless
``include:`` names them), ``exclude:`` patterns and its tool folders.  Here
also the build's own files are left out: ``conf.py``, the sources Sphinx reads
as documents, and Sphinx's output and doctree folders when they lie inside
the sources.

Reading goes through the read guard: a file or folder that is a symbolic
link out of the site is a problem, never copied; a folder that links inside
the site is not followed (its files are already found at their own paths).
"""

from __future__ import annotations

import os
from stat import S_ISLNK, S_ISREG
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.util.matching import Matcher

from .safe_paths import inside, is_input_symlink_out

#: Jekyll's own test (``Utils.has_yaml_header?``): the file starts with ``---`` and a line end.
_FRONT_MATTER = re.compile(rb"\A---[ \t]*\r?\n")
#: Files at the top of the sources that belong to the Sphinx build, not to the site.
BUILD_FILES = frozenset(("conf.py",))


@dataclass(frozen=True)
class StaticRules:
    """What decides whether a file is static (plain data, picklable)."""

    srcdir: str
    #: ``include:`` of ``_config.yml``: ``_``/dot names that are published after all
    include: frozenset[str]
    #: suffixes Sphinx reads as documents (``.md``, ``.rst``...)
    source_suffixes: frozenset[str]
    #: real paths of folders that are never sources (the output, the doctrees)
    skip_dirs: tuple[str, ...] = ()

    @classmethod
    def for_build(
        cls, srcdir: str, outdir: str, doctreedir: str, include: Iterable[str], source_suffixes: Iterable[str]
    ) -> StaticRules:
        """The rules of one build: its folders, ``include:`` and Sphinx's source suffixes."""
        return cls(
            srcdir=os.path.realpath(srcdir),
            include=frozenset(str(i).strip("/") for i in include),
            source_suffixes=frozenset(s.lower() for s in source_suffixes),
            skip_dirs=(os.path.realpath(outdir), os.path.realpath(doctreedir)),
        )


@dataclass
class StaticScan:
    """The static files found (relative POSIX path -> (size, mtime in ns)) and the problems."""

    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: (message, relative path)
    problems: list[tuple[str, str]] = field(default_factory=list)


def has_front_matter(path: Path) -> bool:
    """Does the file start as Jekyll's front matter does?  (Unreadable: no.)"""
    try:
        with open(path, "rb") as f:
            return bool(_FRONT_MATTER.match(f.read(64)))
    except OSError:
        return False


def _hidden(segment: str, include: frozenset[str]) -> bool:
    return segment.startswith(("_", ".")) and segment not in include


def published(rel: str, include: frozenset[str]) -> bool:
    """Does Jekyll publish the file at ``rel`` (POSIX) by its name: no ``_``/dot
    segment that ``include:`` does not name, not the Sphinx build's own file?
    The command line asks the same question (``init``/``check``)."""
    segments = rel.split("/")
    # an included name (``.htaccess``, ``_pages``) is published, and so is what it holds
    rest = segments[1:] if segments[0] in include else segments
    return not any(_hidden(s, include) for s in rest) and rel not in BUILD_FILES


def _static_by_name(rel: str, rules: StaticRules, excluded: Callable[[str], bool]) -> bool:
    """Could the file at ``rel`` be static by its name: published, not a source, not excluded?"""
    if not published(rel, rules.include):
        return False
    return os.path.splitext(rel)[1].lower() not in rules.source_suffixes and not excluded(rel)


def is_static(rel: str, rules: StaticRules, excluded: Callable[[str], bool]) -> bool:
    """Is the file at ``rel`` (POSIX, inside the sources) a static file of the site?"""
    if not _static_by_name(rel, rules, excluded):
        return False
    path = Path(rules.srcdir, rel)
    if not path.is_file() or not inside(path, rules.srcdir):
        return False
    real = os.path.realpath(path)
    if any(real.startswith(d + os.sep) for d in rules.skip_dirs):
        return False
    return not has_front_matter(path)


def scan_static(rules: StaticRules, excluded: Callable[[str], bool]) -> StaticScan:
    """Every static file of the site, once: a walk that never follows a link out."""
    scan = StaticScan()
    root = Path(rules.srcdir)
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        kept = []
        for name in sorted(dirnames):
            rel = prefix + name
            path = here / name
            if _pruned(rel, name, path, rules, excluded, top=not prefix):
                continue
            if path.is_symlink():
                if is_input_symlink_out(path, root):
                    scan.problems.append((f"the folder {rel} is a symbolic link out of the site; its files are not copied", rel))
                continue  # a link inside the site: its files are found at their own paths
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            rel = prefix + name
            path = here / name
            try:
                stat = path.lstat()
            except OSError:
                continue
            if S_ISLNK(stat.st_mode):
                if is_input_symlink_out(path, root):
                    if not _hidden(name, rules.include) and os.path.splitext(name)[1].lower() not in rules.source_suffixes:
                        scan.problems.append((f"{rel} is a symbolic link out of the site; it is not copied", rel))
                    continue
                if is_static(rel, rules, excluded):  # a link inside the site: every check
                    try:
                        stat = path.stat()
                    except OSError:
                        continue
                    scan.files[rel] = (stat.st_size, stat.st_mtime_ns)
                continue
            # a file of a folder the walk kept (no link on the way, no skipped folder):
            # inside the site, where it is; only its name and first bytes are left to ask
            if S_ISREG(stat.st_mode) and _static_by_name(rel, rules, excluded) and not has_front_matter(path):
                scan.files[rel] = (stat.st_size, stat.st_mtime_ns)
    return scan


def _pruned(rel: str, name: str, path: Path, rules: StaticRules, excluded: Callable[[str], bool], top: bool) -> bool:
    """A folder none of whose files can be static."""
    if top and name in rules.include:
        return False
    if _hidden(name, rules.include) or excluded(rel) or excluded(f"{rel}/-"):
        return True
    real = os.path.realpath(path)
    return any(real == d or real.startswith(d + os.sep) for d in rules.skip_dirs)


def matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A test of relative paths against Sphinx-style ``exclude_patterns``."""
    match = Matcher(list(patterns))
    return lambda rel: bool(match(rel))
