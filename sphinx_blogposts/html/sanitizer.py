"""Raw HTML left in a document after the conversion to nodes is made inert.

:func:`.fragments.sanitize` keeps the markup a page may show and removes what
could run or restyle the site (scripts, handlers, ``javascript:`` links...);
each removal is a located ``blogposts.html`` warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from .blocks import line_of_node
from .fragments import sanitize

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


class RawHtmlSanitizer(SphinxTransform):
    """Raw HTML left after the conversion goes through :func:`.html.fragments.sanitize`.

    It runs at priority 705: after :class:`HtmlToNodes` (so a figure's problems
    are reported once, by the converter) and after the post transform has found
    the ``<!--more-->`` separator, before Sphinx collects anything (850).  Each
    removal is a ``blogposts.html`` warning at its line.
    """

    default_priority = 705

    def apply(self, **kwargs: object) -> None:
        if not sanitizes(self.env, self.config):
            return
        docname = self.env.docname
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            text = raw.astext()
            safe, removals = sanitize(text)
            line = raw.line or line_of_node(raw.parent) or 1
            for removal in removals:
                warn(removal.message, BlogWarning.HTML, location=(docname, line + removal.line - 1))
            if safe != text:
                raw.rawsource = safe
                raw.children = []
                raw += nodes.Text(safe)


def sanitizes(env: BuildEnvironment, config: Config) -> bool:
    """Whether the raw HTML of the document being read is sanitized.

    ``blogposts_raw_html`` decides when set; unset, a Jekyll site sanitizes
    every document and a docs project only its posts (its hand-written pages
    may rely on raw HTML; posts are content, often imported).
    """
    choice = config.blogposts_raw_html
    if choice in ("sanitize", "keep"):
        return choice == "sanitize"
    if config.blogposts_jekyll_site:
        return True
    record = BlogpostsDomain.of(env).posts.get(env.docname)
    return record is not None and record.kind == "post"
