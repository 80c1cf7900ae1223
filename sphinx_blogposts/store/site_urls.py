"""The old site's URL of each document this build writes at that URL.

Discovery gives a published document the docname of its Jekyll URL
(:func:`.reading.discovery.move_to_urls`), so the page is written where Jekyll
wrote it.  Canonical links, the sitemap, the feeds and the redirect pages then
name that URL (``/ai/00002_dalle/``), not the builder's file
(``ai/00002_dalle/index.html``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.permalinks import url_docname
from .domain import BlogpostsDomain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def jekyll_url(env: BuildEnvironment, docname: str) -> str | None:
    """The URL (``/ai/x/``) at which this build writes ``docname``, when that is the
    old site's URL of the document, else None (Sphinx's own path stands)."""
    entry = BlogpostsDomain.of(env).data["sources"].get(docname)
    url = entry.facts.permalink if entry is not None else None
    if url and url_docname(url) == docname:
        return url
    return None


def page_address(env: BuildEnvironment, builder: Any, docname: str) -> str:
    """A document's address relative to the site's root: its Jekyll URL without the
    leading ``/`` when it has one, else the builder's target URI."""
    url = jekyll_url(env, docname)
    if url is not None:
        return url.lstrip("/")
    return builder.get_target_uri(docname)


def source_folder(env: BuildEnvironment, docname: str) -> str:
    """The folder of a document's source file, relative to the source folder (POSIX,
    ``""`` at the top): relative URLs in it are the file's, not its URL's."""
    folder = env.doc2path(docname, False).parent.as_posix()
    return "" if folder == "." else folder
