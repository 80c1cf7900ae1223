"""The names ``{% post_url %}`` finds a post by: one rule for the build's Liquid,
the link rewrites before it, and ``sphinx-blogposts check``.

Jekyll reads ``{% post_url es/2008-11-21-nested %}`` as an optional folder path,
a date and a slug (a leading ``/`` is dropped), and finds the post whose source
is ``_posts/<path><date>-<slug>.<ext>`` or ``<path>_posts/<date>-<slug>.<ext>``.
A name without the folder (``2008-11-21-nested`` for ``_posts/es/...``) still
finds it: Jekyll's older rule, which it keeps with a deprecation message.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from .dates import DateError, parse_date

#: ``[path/]YYYY-MM-DD-slug``: Jekyll's rule for the name of a post in ``post_url``.
POST_NAME = re.compile(r"\A(?P<path>(?:.+/)*?)(?P<date>\d{2,4}-\d{1,2}-\d{1,2})-(?P<slug>[^/]*)\Z")


class PostNameError(ValueError):
    """A ``post_url`` name that cannot name a post; the message says why."""


def post_url_names(relpath: str) -> tuple[str, ...]:
    """The names that find the post at source path ``relpath`` (POSIX, from the site's
    root), most exact first: ``_posts/es/2008-11-21-x.md`` and
    ``es/_posts/2008-11-21-x.md`` are both ``es/2008-11-21-x``, then ``2008-11-21-x``."""
    stem = posixpath.splitext(relpath)[0]
    before, marker, inside = stem.rpartition("_posts/")
    if not marker or (before and not before.endswith("/")):
        # not in a _posts folder ("my_posts/"): only Jekyll's older rule, by date and slug
        return (posixpath.basename(stem),)
    exact = before + inside
    basename = posixpath.basename(inside)
    return (exact,) if exact == basename else (exact, basename)


def post_name_key(name: str) -> str:
    """The name as Jekyll compares it: surrounding space, quotes and a leading ``/`` dropped.

    Raises :class:`PostNameError` when it is not ``[path/]date-slug`` or its date
    is not a date (``2008-42-21``), as Jekyll does."""
    text = name.strip().strip("\"'").strip()
    key = text[1:] if text.startswith("/") else text
    m = POST_NAME.match(key)
    if m is None:
        raise PostNameError(f"{text!r} is not the name of a post (expected [folder/]YYYY-MM-DD-slug)")
    year, rest = m["date"].split("-", 1)
    try:
        parse_date(f"{int(year):04d}-{rest}", dt.UTC)  # only the date is checked
    except DateError:
        raise PostNameError(f"{text!r} does not contain a valid date") from None
    return key


def find_post(name: str, post_files: dict[str, str]) -> str | None:
    """The source path of the post ``{% post_url name %}`` names, or None when no post
    has that name.  ``post_files`` maps each of :func:`post_url_names` to its path.
    Raises :class:`PostNameError` for a name that cannot name a post."""
    return post_files.get(post_name_key(name))
