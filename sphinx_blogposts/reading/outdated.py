"""Whether a document must be read again, for a document discovery just renamed.

Discovery gives a document of a Jekyll site the docname of its URL after
Sphinx has sorted the documents into added, changed and removed; for those it
asks Sphinx's test again (the rules of Sphinx 9's ``_has_doc_changed``, which
Sphinx 8 applies inline), so a rebuild with no change reads nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def changed_among(env: BuildEnvironment, docnames: Iterable[str]) -> set[str]:
    """Those of ``docnames`` (each already read once) that Sphinx's test says must be
    read again, asked for many documents at once.

    The same rules as Sphinx's (read always; no doctree; the source or a
    dependency newer than the last read, in microseconds rounded up, or a
    dependency missing), with one ``stat`` per file: the dependencies most
    documents share (a ``_data/`` file their Liquid read) are looked at once,
    not once per document.
    """
    times: dict[str, int | None] = {}

    def mtime(path: str | os.PathLike[str]) -> int | None:
        """The file's time as Sphinx counts it (None: not a file)."""
        key = os.fspath(path)
        if key not in times:
            try:
                st = os.stat(key)
                times[key] = -(st.st_mtime_ns // -1_000) if stat.S_ISREG(st.st_mode) else None
            except (OSError, ValueError):
                times[key] = None
        return times[key]

    doctreedir = os.fspath(env.doctreedir)
    out: set[str] = set()
    for docname in docnames:
        read_at = env.all_docs.get(docname)
        if read_at is None or docname in env.reread_always:
            out.add(docname)
            continue
        try:
            os.stat(os.path.join(doctreedir, f"{docname}.doctree"))
        except (OSError, ValueError):
            out.add(docname)
            continue
        source = mtime(env.doc2path(docname))
        if source is None or source > read_at:
            out.add(docname)
            continue
        for dep in env.dependencies.get(docname, ()):
            dep_time = mtime(Path(env.srcdir) / dep)
            if dep_time is None or dep_time > read_at:
                out.add(docname)
                break
    return out
