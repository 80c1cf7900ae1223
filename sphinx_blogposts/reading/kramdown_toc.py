"""kramdown's ``{:toc}`` made a list of the page's headings, once they are all read."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.warnings import BlogWarning, warn
from ..markdown.attributes import CUSTOM_ID, LEVEL
from ..markdown.toc import build_toc, kramdown_toc


class KramdownToc(SphinxTransform):
    """Each ``kramdown_toc`` placeholder becomes the list of the page's headings.

    At 701: after the post transform settled the title (700), before Sphinx
    collects titles and targets (850), so the list's links resolve like any
    in-page reference.  A table of contents with no heading to list is left
    out, with a ``blogposts.kramdown`` warning.  The heading levels the
    parse noted for it are dropped then: the doctree keeps only docutils' own
    attributes.
    """

    default_priority = 701

    def apply(self, **kwargs: object) -> None:
        for placeholder in list(self.document.findall(kramdown_toc)):
            line = placeholder.line or 1
            if not build_toc(self.document, placeholder):
                warn("kramdown table of contents ({:toc}) has no heading to list; it is left out",
                     BlogWarning.KRAMDOWN, location=(self.env.docname, line))
        for section in self.document.findall(nodes.section):
            section.attributes.pop(LEVEL, None)
            section.attributes.pop(CUSTOM_ID, None)
