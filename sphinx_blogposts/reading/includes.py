"""A file that includes itself (or a loop of includes) is cut short, with a warning;
a post that includes a file from outside the source folder gets nothing of it.

MyST's ``include`` would otherwise recurse until Python's stack runs out and
the whole build stops.  Sphinx announces every included file with the
``include-read`` event; when one document includes the same file more than
:data:`MAX_REPEATS` times, the next inclusion is emptied.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.safe_paths import outside_source
from ..core.warnings import BlogWarning, warn
from ..store.keys import INCLUDES_KEY, guarded

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MAX_REPEATS = 8
#: ``{include}`` or ``.. include::``, not ``literalinclude``.
_INCLUDE = re.compile(r"(?<![\w-])include\b")


def on_include_read(app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    env = app.env
    path = os.path.join(env.srcdir, relative_path)
    if guarded(env) and outside_source(path, os.path.realpath(env.srcdir)):
        # Sphinx has read it already (the event comes after); none of it is used
        content[0] = ""
        warn(
            f"include of {os.path.realpath(path)!r}: the file is outside the source folder and is not used",
            BlogWarning.LINK,
            location=(env.docname, _include_line(app, env.docname, relative_path)),
        )
        return
    counts: dict[str, int] = app.env.temp_data.get(INCLUDES_KEY) or {}
    key = str(relative_path)
    counts[key] = counts.get(key, 0) + 1
    app.env.temp_data[INCLUDES_KEY] = counts
    if counts[key] > MAX_REPEATS:
        if counts[key] == MAX_REPEATS + 1:
            warn(
                f"{key} is included in itself (an include loop); it is included {MAX_REPEATS} times, not forever",
                BlogWarning.INCLUDE,
                # nested includes name the included file as parent; the
                # document being read is where the author can fix the loop
                location=(app.env.docname, _include_line(app, app.env.docname, relative_path)),
            )
        content[0] = ""


def _include_line(app: Sphinx, docname: str, relative_path: Path) -> int:
    """The line of the document's own source that names the included file (1 if none does)."""
    name = Path(relative_path).name
    try:
        text = app.env.doc2path(docname).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    for number, line in enumerate(text.splitlines(), 1):
        if _INCLUDE.search(line) and name in line:
            return number
    return 1
