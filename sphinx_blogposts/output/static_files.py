"""Copy a Jekyll site's static files to the same paths of the output (at ``build-finished``).

``favicon.ico``, ``robots.txt``, ``files/cv.pdf``, ``images/``: every file
Jekyll would copy (see :mod:`.core.static_files`) is copied for the ``html``
and ``dirhtml`` builders, once per build, after the pages are written.

Why not ``html_extra_path``: it copies whole folders or files by name, cannot
leave out the documents and front-matter files that share a folder with
static files, and never deletes a file removed from the sources.  Here a
manifest in the output (:data:`MANIFEST`, size and modification time of each
copy's source) makes a rebuild copy only what changed and delete what was
removed; a rebuild with no change copies nothing (one walk of the sources,
one ``stat`` per file).  Every file is written through the write guard and
read only from inside the site.  Docs projects (no ``_config.yml``) copy
nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..core.feeds import configured_outputs
from ..core.permalinks import url_key
from ..core.safe_paths import UnsafePath, inside, output_file, remove_output, reserved
from ..core.static_files import StaticRules, matcher, scan_static
from ..core.warnings import BlogWarning, warn
from ..store.settings import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The copies this extension made in the output: relative path -> [size, mtime_ns] of the source.
MANIFEST = ".blogposts-static.json"
#: The builders whose output is the site's folder.
SITE_BUILDERS = frozenset(("html", "dirhtml"))


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Copy the static files that changed, delete those removed from the sources."""
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    settings = site_of(app.env).settings
    if not settings.jekyll_site:
        return
    feed_files = configured_outputs(settings)  # feed: path and the like are ours
    rules = StaticRules.for_build(app.srcdir, app.outdir, app.doctreedir, settings.include, app.config.source_suffix)
    scan = scan_static(rules, matcher(app.config.exclude_patterns))
    for message, rel in scan.problems:
        warn(message, BlogWarning.LINK, location=f"{Path(app.srcdir) / rel}:1")
    outdir = Path(app.outdir)
    before = _load_manifest(outdir)
    pages = _page_outputs(app) if any(rel.endswith((".html", ".htm")) for rel in scan.files) else set()
    after: dict[str, list[int]] = {}
    copied = 0
    for rel, (size, mtime) in scan.files.items():
        if reserved(url_key(rel), feed_files):
            warn(f"the static file {rel} has the name of a file Sphinx or sphinx_blogposts writes; it is not copied",
                 BlogWarning.LINK, location=f"{Path(app.srcdir) / rel}:1")
            continue
        if rel in pages:
            warn(f"the static file {rel} has the path of a page of the site; the page is kept",
                 BlogWarning.LINK, location=f"{Path(app.srcdir) / rel}:1")
            continue
        stamp = [size, mtime]
        try:
            # unchanged and still there: only looked at (the write guard is for writing)
            if before.get(rel) == stamp and _same_size(outdir / rel, size):
                after[rel] = stamp
                continue
            _copy(Path(rules.srcdir) / rel, output_file(outdir, rel), rules.srcdir)
        except OSError as exc:
            warn(f"the static file {rel} is not copied: {exc}", BlogWarning.LINK, location=f"{Path(app.srcdir) / rel}:1")
            continue
        after[rel] = stamp
        copied += 1
    gone = [rel for rel in before if rel not in after and rel not in scan.files]
    for rel in gone:
        remove_output(outdir, rel)
    if after != before:
        try:
            output_file(outdir, MANIFEST).write_text(json.dumps(after, sort_keys=True, indent=0), encoding="utf-8")
        except OSError as exc:
            # the next build copies every static file again; nothing is lost
            warn(f"{MANIFEST} is not written ({exc}); the next build copies every static file again",
                 BlogWarning.OUTPUT, location=f"{Path(app.srcdir) / settings.jekyll_config}:1")  # fmt: skip
    if copied or gone:
        logger.info("sphinx_blogposts: %d static file(s) copied, %d removed", copied, len(gone))


def _same_size(target: Path, size: int) -> bool:
    """``target`` is a file of ``size`` bytes (the copy the last build made)."""
    try:
        return target.stat().st_size == size and target.is_file()
    except OSError:
        return False


def _copy(source: Path, target: Path, srcdir: str) -> None:
    """Copy one file (its bytes and times) to a path the write guard allowed."""
    if not inside(source, srcdir):  # changed since the scan: the read guard again
        raise UnsafePath(f"{source} leads out of the source folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    output_file(target.parent, target.name)  # a folder made just now is still inside
    if target.is_symlink():
        target.unlink()  # never write through a link left in the output
    shutil.copyfile(source, target)
    shutil.copystat(source, target)


def _load_manifest(outdir: Path) -> dict[str, list[int]]:
    """The copies of the last build ({} when there is no readable manifest)."""
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, list)}


def _page_outputs(app: Sphinx) -> set[str]:
    """The output paths of the documents (relative POSIX): a static file never replaces one."""
    outdir = Path(app.outdir)
    found: set[str] = set()
    for docname in app.env.found_docs:
        try:
            found.add(Path(app.builder.get_outfilename(docname)).relative_to(outdir).as_posix())
        except (AttributeError, ValueError):
            continue
    return found
