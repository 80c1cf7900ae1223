"""Posts never read files from outside the source folder.

docutils and Sphinx let a document pull in any file the build can read:
``include``, ``literalinclude``, and the ``:file:``/``:url:`` options of
``raw`` and ``csv-table``.  A docs project uses that on purpose
(``literalinclude:: ../src/module.py``), so hand-written pages keep it; but a
post, or any page of a Jekyll site, is content that many people write, and
there these directives may only read files inside the source folder and
never fetch a URL.  What they would have read is left out, with a
``blogposts.link`` warning.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from docutils.parsers.rst.directives.misc import Raw
from sphinx.directives.code import LiteralInclude
from sphinx.directives.patches import CSVTable  # Sphinx's: "/file.csv" is from the source folder

from ..core.safe_paths import outside_source
from ..core.warnings import BlogWarning, warn
from ..store.keys import guarded

__all__ = ["guarded", "outside_source"]  # outside_source: the one read guard, re-exported

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class _Guard:
    """Mixin for a directive with a file name argument or ``:file:``/``:url:`` options."""

    #: Where the file name is: "argument" or "option".
    file_in = "option"

    def run(self) -> list[Any]:
        env = self.state.document.settings.env  # type: ignore[attr-defined]
        if guarded(env):
            problem = self._problem(env)
            if problem:
                warn(problem, BlogWarning.LINK, location=(env.docname, self.lineno))  # type: ignore[attr-defined]
                return []
        return super().run()  # type: ignore[misc]

    def _problem(self, env: BuildEnvironment) -> str | None:
        options = self.options  # type: ignore[attr-defined]
        if self.file_in == "option" and "url" in options:
            return f"{self.name} reads the URL {options['url']!r} at build time; it is left out"  # type: ignore[attr-defined]
        name = self.arguments[0] if self.file_in == "argument" and self.arguments else options.get("file")  # type: ignore[attr-defined]
        if not name:
            return None
        _, path = env.relfn2path(name, env.docname)
        if outside_source(path, os.path.realpath(env.srcdir)):
            return f"{self.name} of {name!r}: the file is outside the source folder and is not read"  # type: ignore[attr-defined]
        return None


class GuardedLiteralInclude(_Guard, LiteralInclude):
    """``literalinclude``: inside the source folder only, in posts."""

    file_in = "argument"


class GuardedRaw(_Guard, Raw):
    """``raw`` with ``:file:`` or ``:url:``: inside the source folder only, in posts."""


class GuardedCSVTable(_Guard, CSVTable):
    """``csv-table`` with ``:file:`` or ``:url:``: inside the source folder only, in posts."""


def register_file_access(app: Sphinx) -> None:
    """``literalinclude``, ``raw`` and ``csv-table``, guarded in posts."""
    app.add_directive("literalinclude", GuardedLiteralInclude, override=True)
    app.add_directive("raw", GuardedRaw, override=True)
    app.add_directive("csv-table", GuardedCSVTable, override=True)
