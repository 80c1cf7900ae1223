"""Short Markdown text as inline HTML: captions of theme includes, text inside
HTML blocks, an author's bio.

One conversion for all of them (CommonMark, inline only, on one line), so a
caption and a bio with the same Markdown give the same markup.  Pure.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _parser() -> Any:
    """One CommonMark parser per process: making one costs more than most texts it
    renders (a bio on every post page). It holds no state between renders."""
    # markdown-it is MyST's parser, loaded on first use (a CLI run may never need it)
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_inline_html(text: str) -> str:
    """``*boring*`` → ``<em>boring</em>``: inline Markdown as HTML, line breaks made spaces."""
    return _parser().renderInline(text).replace("\n", " ")
