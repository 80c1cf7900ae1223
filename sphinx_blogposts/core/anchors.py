"""Heading ids as kramdown (Jekyll's Markdown) makes them, so ``[…](#sobre-mí)`` still works.

kramdown's GFM parser lowercases the heading text, drops every character that
is not a letter, digit, underscore, hyphen or space (any script), and turns
spaces into hyphens.  In Jekyll site mode MyST is told to use this function
for its heading anchors (``myst_heading_slug_func``).
"""

from __future__ import annotations

import re

_NOT_WORD = re.compile(r"[^\w\- ]", re.UNICODE)


def kramdown_slug(text: str) -> str:
    return _NOT_WORD.sub("", text.lower()).replace(" ", "-")
