"""Each source file's front matter, read and judged once per build.

Discovery, the reader (``source-read``) and Liquid's ``site.posts`` all need a
file's front matter after Jekyll's defaults and the kind of document it makes
(:meth:`..core.documents.Site.judge`).  The first of them to read a file keeps
the judgement here for the others of the same build; a text that differs
from the one judged (a file that changed, a copy decoded another way) is
judged anew, so the result is always that of the text in hand.

Kept on the application (parallel readers inherit it when they fork), never
pickled with the environment, and dropped once reading is done.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.documents import JudgedSource, Site

#: The application's attribute that holds this build's judgements.
ATTRIBUTE = "_blogposts_judged"


def judged(
    app: Sphinx, site: Site, docname: str, path: str, text: str, mtime: float | None = None
) -> JudgedSource:
    """The judgement of ``text``, the source of ``docname`` at ``path``; ``mtime``
    ``None`` takes one made with any modification time.

    Kept by path: discovery judges a file under its source's docname, the
    reader under the docname of its URL (:func:`..reading.discovery.move_to_urls`);
    the reader gets discovery's judgement with its own docname."""
    cache: dict[str, tuple[bytes, JudgedSource]] = app.__dict__.setdefault(ATTRIBUTE, {})
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    hit = cache.get(path)
    if hit is not None and hit[0] == key:
        made = hit[1]
        if mtime is None or made.source.mtime == mtime:
            if made.source.docname == docname:
                return made
            return dataclasses.replace(made, source=dataclasses.replace(made.source, docname=docname))
    made = site.judge(docname, path, text, mtime)
    cache[path] = (key, made)
    return made


def forget_judged(app: Sphinx, env: BuildEnvironment) -> None:
    """Reading is done (``env-updated``): the judgements are not needed any more."""
    app.__dict__.pop(ATTRIBUTE, None)
