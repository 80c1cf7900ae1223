"""The site's other Liquid files: ``.xml``, ``.rss``, ``.json``, ``.txt`` with front matter.

Jekyll renders every file with front matter, not only pages: a ``search.json``
index, a ``humans.txt``, an XML feed of its own.  They are not documents (no
theme, no toctree): when an HTML build has finished, each is rendered with
Liquid (the site's ``_includes/``, ``site``, ``page``) and written at its own
path in the output folder, through the write guard.  A Liquid problem is a
located ``blogposts.liquid`` warning and the construct is written as it was.

Files the extension writes itself are skipped: ``feed.xml``, ``atom.xml``,
``rss.xml`` and ``sitemap.xml``.  Those are jekyll-feed and jekyll-sitemap
templates in most sites; the extension writes the same lists from the
posts' records (with the old site's entry ids), which a template rendered
without the plugins could not match.  The build log names what was skipped.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.matching import get_matching_files

from ..core.documents import Site, renders_liquid
from ..core.front_matter import read_front_matter
from ..core.safe_paths import UnsafePath, inside, output_file
from ..core.warnings import BlogWarning, warn
from ..store.settings import site_of
from .modes import liquid_available, mode_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The suffixes of Liquid files that are written as they are rendered.
SUFFIXES = (".xml", ".rss", ".json", ".txt")
#: Outputs the extension writes itself (feeds and sitemap): the site's templates of them are skipped.
OWN_OUTPUTS = frozenset(("feed.xml", "atom.xml", "rss.xml", "sitemap.xml"))


def liquid_files(srcdir: Path, exclude_patterns: list[str], skip: list[Path]) -> list[str]:
    """The relative paths of the files with YAML front matter and one of :data:`SUFFIXES`,
    outside the excluded folders (Jekyll's and ``exclude:``) and the build folders."""
    found: list[str] = []
    for relpath in sorted(get_matching_files(srcdir, exclude_patterns=exclude_patterns)):
        relpath = relpath.replace("\\", "/")
        if not relpath.lower().endswith(SUFFIXES) or any(part.startswith(".") for part in relpath.split("/")):
            continue
        path = srcdir / relpath
        if any(inside(path, folder) for folder in skip):
            continue  # the output itself
        if not inside(path.resolve(), srcdir.resolve()):
            warn(f"this file is a symbolic link to {path.resolve()}, outside the source folder; it is not read",
                 BlogWarning.LINK, location=f"{path}:1")  # fmt: skip
            continue
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as f:
                head = f.read(4)
        except OSError:
            continue
        if head.startswith("---"):
            found.append(relpath)
    return found


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Render and write the site's Liquid files (HTML builders, Jekyll sites)."""
    if exception is not None or app.builder.format != "html" or not app.config.blogposts_jekyll_site:
        return
    srcdir = Path(app.srcdir)
    skip = [Path(app.outdir).resolve(), Path(app.doctreedir).resolve()]
    files = liquid_files(srcdir, list(app.config.exclude_patterns), skip)
    own = [f for f in files if f in OWN_OUTPUTS]
    if own:
        logger.info(
            "sphinx_blogposts: the site's %s not rendered: the extension writes %s itself, from the posts",
            ", ".join(own), "them" if len(own) > 1 else "it",
        )
    site = site_of(app.env)
    for relpath in files:
        if relpath not in own:
            write_liquid_file(app, site, srcdir, relpath)


def write_liquid_file(app: Sphinx, site: Site, srcdir: Path, relpath: str) -> None:
    """Render one Liquid file and write it at its path (only when its bytes change)."""
    path = srcdir / relpath
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        warn(f"could not read this file: {exc}", BlogWarning.LIQUID, location=f"{path}:1")
        return
    fm = read_front_matter(text)
    body, offset = (fm.body, fm.block_lines) if fm.present else (text, 0)
    for problem in fm.problems:
        warn(problem.message, problem.subtype, location=f"{path}:{problem.line}")
    report = functools.partial(_report, path, offset)
    fields = site.fields(fm, site.source(relpath, relpath)) if fm.present else {}
    if mode_of(app.config) != "off" and liquid_available() and renders_liquid(fields):
        from .render import render_file  # here: it needs python-liquid

        try:
            body = render_file(app, site, relpath, fm.data if fm.present else {}, body, report)
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop the build
            warn(f"could not render the Liquid of this file ({type(exc).__name__}: {exc}); it is written as it is",
                 BlogWarning.LIQUID, location=f"{path}:{offset + 1}")  # fmt: skip
    if fm.present and body.startswith("\n"):
        body = body[1:]  # the line break that ends the front matter's closing ---
    try:
        target = output_file(app.outdir, relpath)
        data = body.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except (UnsafePath, OSError) as exc:
        warn(f"this file is not written: {exc}", BlogWarning.LIQUID, location=f"{path}:1")


def _report(path: Path, offset: int, message: str, line: int) -> None:
    warn(message, BlogWarning.LIQUID, location=f"{path}:{offset + line}")
