"""kramdown's ``{:toc}`` made a list of the page's headings, once they are all read."""

from __future__ import annotations

from sphinx.transforms import SphinxTransform

from ..core.warnings import BlogWarning, warn
from ..markdown.toc import build_toc, kramdown_toc


class KramdownToc(SphinxTransform):
    """Each ``kramdown_toc`` placeholder becomes the list of the page's headings.

    At 701: after the post transform settled the title (700), before Sphinx
    collects titles and targets (850), so the list's links resolve like any
    in-page reference.  A table of contents with no heading to list is left
    out, with a ``blogposts.kramdown`` warning.
    """

    default_priority = 701

    def apply(self, **kwargs: object) -> None:
        for placeholder in list(self.document.findall(kramdown_toc)):
            line = placeholder.line or 1
            if not build_toc(self.document, placeholder):
                warn("kramdown table of contents ({:toc}) has no heading to list; it is left out",
                     BlogWarning.KRAMDOWN, location=(self.env.docname, line))
