"""Which files of a Jekyll site are static files, copied as they are to the same
path: every file without front matter that Jekyll does not leave out.  The rule,
pure (the caller checks front matter and symbolic links): ``init``/``check`` count
with it, and the build's static copy is meant to use the same one.
"""

from __future__ import annotations

import fnmatch

from .jekyll_site import NON_CONTENT_DIRS

#: Files of the Sphinx set-up that are not the site's (Jekyll would copy them).
SPHINX_FILES = frozenset(("conf.py",))


def static_file_reason(relpath: str, include: list[str], exclude: list[str]) -> str | None:
    """Why the file at ``relpath`` (relative, POSIX) is not copied, or ``None`` when
    it is: a ``_``/``.`` name at any depth (unless ``include:`` names it), a tool
    folder or file (``vendor``, ``Gemfile``...), ``exclude:``, Sphinx's ``conf.py``."""
    parts = relpath.split("/")
    included = {str(i).strip("/") for i in include}
    for depth, part in enumerate(parts):
        prefix = "/".join(parts[: depth + 1])
        if part.startswith(("_", ".")) and part not in included and prefix not in included:
            return "a _ or . name"
        if part in NON_CONTENT_DIRS:
            return "a Jekyll tool file"
    for item in exclude:
        pattern = str(item).strip("/")
        if pattern and (
            fnmatch.fnmatchcase(relpath, pattern)
            or relpath.startswith(pattern + "/")
            or fnmatch.fnmatchcase(relpath, pattern + "/*")
        ):
            return "exclude:"
    if relpath in SPHINX_FILES:
        return "Sphinx's configuration"
    return None
