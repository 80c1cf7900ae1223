"""Documents whose source the extension writes: generated pages and re-encoded files.

Their sources live in a folder of the doctree directory (never in the user's
sources) and are mapped into Sphinx's project at ``env-get-outdated``, so they
are read, searched, linked and written by every builder like any other page.
A source is rewritten only when its text changes, so Sphinx's own change
detection keeps rebuilds small.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.safe_paths import output_file
from .domain import BlogpostsDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

GENERATED_DIR = "_blogposts_generated"


def generated_dir(env: BuildEnvironment) -> Path:
    return Path(env.doctreedir) / GENERATED_DIR


def write_if_changed(path: Path, content: str | bytes, folders: set[Path] | None = None, *, root: Path) -> bool:
    """Write ``content`` (text as UTF-8) unless the file already holds it; True when written.

    ``root`` is the folder the file must stay in (the output or the doctree
    folder): a path that leaves it raises :class:`.core.safe_paths.UnsafePath` (an
    ``OSError``) when it is to be written.  ``folders`` remembers the folders already made, for callers
    writing many files.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        # the same bytes are there already: nothing is written, so the write guard
        # (which follows the links of every folder on the way) is not asked; a rebuild
        # of a large site compares thousands of generated sources and redirect pages
        if (Path(root) / path).read_bytes() == data:
            return False
    except (OSError, ValueError):  # missing, a folder, a NUL byte
        pass
    path = output_file(root, path)
    if folders is None or path.parent not in folders:
        path.parent.mkdir(parents=True, exist_ok=True)
        if folders is not None:
            folders.add(path.parent)
    path.write_bytes(data)
    return True


def map_document(
    env: BuildEnvironment,
    docname: str,
    path: Path,
    written: bool,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> None:
    """Make ``docname`` a document read from ``path`` (a generated source outside
    srcdir, or a source of the site given the docname of its URL); ``written``:
    it must be read again."""
    project = env.project
    old = project._docname_to_path.pop(docname, None)
    if old is not None:
        project._path_to_docname.pop(old, None)
    project.docnames.add(docname)
    project._docname_to_path[docname] = path
    project._path_to_docname[path] = docname
    removed.discard(docname)
    if docname not in env.all_docs:
        added.add(docname)
    elif written:
        changed.add(docname)


def decode_leniently(raw: bytes) -> tuple[str, int | None]:
    """Decode UTF-8, reading any invalid byte run as Windows-1252 (Latin-1 as a last resort).

    Returns the text and the 1-based line of the first invalid byte (or None).
    Nothing is dropped: every byte becomes a character.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    parts: list[str] = []
    first_bad: int | None = None
    pos = 0
    while True:
        try:
            parts.append(raw[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + exc.end
            if first_bad is None:
                first_bad = raw.count(b"\n", 0, start) + 1
            parts.append(raw[pos:start].decode("utf-8"))
            bad = raw[start:end]
            try:
                parts.append(bad.decode("cp1252"))
            except UnicodeDecodeError:
                parts.append(bad.decode("latin-1"))
            pos = end
    return "".join(parts), first_bad


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give documents read from our copies, and documents at their URL's docname,
    a proper ``_sources/`` name (``<docname>.md.txt``).

    Sphinx derives it from the source path, which for our copies is an absolute
    path in the doctree folder: the "Show source" link would break and the copy
    would be written outside the output folder.
    """
    data = BlogpostsDomain.of(app.env).data
    shown = data["generated"].get(pagename) or data["reencoded"].get(pagename)
    if not shown and pagename in data["moved"]:
        # a document at its URL's docname: Sphinx cuts the suffix off the source path
        # by the docname's length, which no longer starts it
        shown = app.env.doc2path(pagename, False).as_posix()
    if not shown:
        return
    suffix = posixpath.splitext(shown)[1]
    context["page_source_suffix"] = suffix
    if context.get("sourcename"):
        sourcelink = app.config.html_sourcelink_suffix
        context["sourcename"] = pagename + suffix + (sourcelink if suffix != sourcelink else "")


def on_html_collect_pages(app: Sphinx) -> list[Any]:
    """Name our documents in ``searchindex.js`` by their path in the site.

    Sphinx's search index records each page's source path; for documents read
    from the doctree folder that is an absolute path of the build machine
    (``/home/me/site/_build/doctrees/_blogposts_generated/pages/tags/x.md``).
    This runs after every page is indexed and before the index is written.
    """
    indexer = getattr(app.builder, "indexer", None)
    filenames = getattr(indexer, "_filenames", None)
    if not isinstance(filenames, dict):
        return []
    data = BlogpostsDomain.of(app.env).data
    for kind in ("generated", "reencoded"):
        for docname, shown in data[kind].items():  # type: ignore[literal-required]
            if docname in filenames:
                filenames[docname] = shown
    return []
