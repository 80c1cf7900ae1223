"""Whether a document must be read again, for a document discovery just renamed.

Discovery gives a document of a Jekyll site the docname of its URL after
Sphinx has sorted the documents into added, changed and removed; for those it
asks Sphinx's own test again (Sphinx 9's ``_has_doc_changed``, or the same
rules Sphinx 8 applies inline), so a rebuild with no change reads nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

try:  # Sphinx's test of an outdated document, for documents renamed after it ran
    from sphinx.environment import _has_doc_changed
except ImportError:  # Sphinx 8 has the same test inline: see _changed_as_sphinx_8
    _has_doc_changed = None  # type: ignore[assignment]
try:
    from sphinx.util.osutil import _last_modified_time
except ImportError:  # pragma: no cover - another Sphinx: every moved document is read
    _last_modified_time = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def changed(env: BuildEnvironment, docname: str) -> bool:
    """Sphinx's own test of whether a document must be read again (its file's time,
    its doctree, its dependencies), for a document whose name was just given."""
    if _has_doc_changed is None:
        return _changed_as_sphinx_8(env, docname)
    try:
        return _has_doc_changed(
            docname,
            filename=env.doc2path(docname),
            reread_always=env.reread_always,
            doctreedir=env.doctreedir,
            all_docs=env.all_docs,
            dependencies=env.dependencies,
        )
    except (OSError, TypeError, KeyError):  # another Sphinx: read it again, to be safe
        return True


def _changed_as_sphinx_8(env: BuildEnvironment, docname: str) -> bool:
    """The test Sphinx 8 makes inline in ``get_outdated_files``: no doctree, read
    always, a source or a dependency newer than the last read (microseconds)."""
    if _last_modified_time is None or docname in env.reread_always:
        return True
    if not (Path(env.doctreedir) / f"{docname}.doctree").is_file():
        return True
    try:
        read_at = env.all_docs[docname]
        if _last_modified_time(env.doc2path(docname)) > read_at:
            return True
        for dep in env.dependencies.get(docname, ()):
            path = Path(env.srcdir) / dep
            if not path.is_file() or _last_modified_time(path) > read_at:
                return True
    except (OSError, TypeError, KeyError):
        return True
    return False
