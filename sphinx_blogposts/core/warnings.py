"""Every warning the extension emits, and the one function that emits them.

Each warning has the type ``blogposts`` and a subtype from :class:`BlogWarning`,
so ``suppress_warnings = ["blogposts.date"]`` silences one kind and ``-W``
turns them all into errors.  Every warning carries a location (file and line).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_blogposts")

WARNING_TYPE = "blogposts"


class BlogWarning(Enum):
    """Subtypes of the ``blogposts`` warning type (``blogposts.<subtype>``)."""

    CONFIG = "config"
    """A ``blogposts_*`` value or a ``_config.yml`` setting is invalid."""
    FRONT_MATTER = "front_matter"
    """Front matter could not be read (invalid YAML/TOML/JSON, not a mapping, unterminated)."""
    DUPLICATE_KEY = "duplicate_key"
    """The same key appears twice in one front matter mapping (the last one wins)."""
    DATE = "date"
    """A date that is not a date (``date: 2023``, ``2020-02-31``)."""
    TITLE = "title"
    """A post without a usable title (one is made from its file name)."""
    FIELD = "field"
    """A front-matter field of the wrong type (``tags: {a: 1}``)."""
    DIRECTIVE = "directive"
    """A second ``post`` directive in one document (unknown options are MyST's or
    docutils' own errors)."""
    ENCODING = "encoding"
    """A source file that is not valid UTF-8."""
    IMAGE = "image"
    """An image that cannot be shown: empty or folder ``src``, missing file, outside the site."""
    LINK = "link"
    """A link to a local file that does not exist or lies outside the source folder
    (symbolic links followed), or a post or ``_data`` file that links out of it."""
    ARCHIVE = "archive"
    """A generated page that cannot be made as planned: the project already has a
    page at its path, or two tags/categories/authors give the same address."""
    PERMALINK = "permalink"
    """A permalink or ``redirect_from`` that is not a path of the site (scheme,
    host, query, ``..``, ``%00``), one that would replace a file Sphinx or the
    extension writes (``/search/``, ``/redirects.json``), an old URL claimed
    twice, or one that is now a real page."""
    HTML = "html"
    """Raw HTML that is unclosed, nested oddly, uses Liquid, or carries scripts;
    what could not be converted is left as it was."""
    LIQUID = "liquid"
    """Liquid that cannot be rendered (unknown tag or filter, missing include,
    syntax error); the construct is left in the page as written."""
    INCLUDE = "include"
    """A file that includes itself (an include loop); the loop is cut."""
    KRAMDOWN = "kramdown"
    """kramdown syntax that cannot be applied: an attribute list with nothing to
    apply to or a part it does not know, an attribute that could run script, an
    unknown or unclosed ``{::extension}``, a ``{:toc}`` with no headings, and
    what kramdown itself warns about (a footnote reference without a definition,
    a footnote defined twice, an HTML block with ``markdown="1"`` never closed);
    the text is kept (or the unsafe part left out)."""
    OUTPUT = "output"
    """A file the extension writes (a feed, ``redirects.json``, ``sitemap.xml``)
    could not be written: something else is in its place."""


def warn(
    message: str,
    subtype: BlogWarning,
    location: Any,
    **kwargs: Any,
) -> None:
    """Emit a ``blogposts.<subtype>`` warning at ``location``.

    ``location`` is anything :mod:`sphinx.util.logging` accepts: a node, a
    ``(docname, lineno)`` pair, or a ``"path:line"`` string for files that are
    not documents (``_config.yml``).
    """
    logger.warning(
        message,
        location=location,
        type=WARNING_TYPE,
        subtype=subtype.value,
        **kwargs,
    )
