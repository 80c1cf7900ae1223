"""A listing page's loop becomes the native post list, before its Liquid is rendered.

Discovery has recognised the page as a listing (:mod:`.core.listings`, kept
as ``SourceFacts.listing``).  At ``source-read`` the loop over the site's
posts (with its per-item include, a theme template the site does not have)
is replaced by a ``postlist`` directive whose argument is the listing's
description; the text around the loop stays, and so does every line number
after it (the directive is padded to the loop's lines).  A page that lists
by its layout gets the directive after its text.  The list is then filled
when the page is written and kept fresh like every other list.
"""

from __future__ import annotations

from ..core.documents import Site
from ..core.listings import find_listing


def listing_directive(description: str) -> str:
    """The two lines of the ``postlist`` directive for a listing."""
    return f"```{{postlist}} {description}\n```"


def write_listing(text: str, description: str, site: Site) -> str:
    """``text`` (front matter already a directive) with its listing loop replaced by the
    native list, or the list added after the text when the layout makes the list."""
    found = find_listing(text, None, site.settings.collections)
    if found is None or found.start is None or found.end is None or found.description != description:
        return text.rstrip("\n") + "\n\n" + listing_directive(description) + "\n"
    # the fence starts its own line: the indentation before the loop goes
    start = text.rfind("\n", 0, found.start) + 1
    if text[start : found.start].strip():
        start = found.start
    loop = text[start : found.end]
    directive = listing_directive(description)
    prefix = "\n" if start == found.start and start > 0 and text[start - 1] != "\n" else ""
    padding = "\n" * max(0, loop.count("\n") - directive.count("\n") - len(prefix))
    rest = text[found.end :]
    if rest and not rest.startswith("\n"):
        padding = padding[:-1] if padding else ""
        rest = "\n" + rest.lstrip(" \t")
    return text[:start] + prefix + directive + padding + rest
