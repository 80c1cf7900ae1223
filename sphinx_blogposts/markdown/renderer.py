"""MyST's Sphinx renderer, with the render methods of the kramdown features."""

from __future__ import annotations

import functools
from typing import Any

from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

from .attributes import with_attributes
from .dialect import dialect_renderers


class KramdownRenderer(SphinxRenderer):
    """Renders the tokens of the kramdown features besides MyST's own."""

    def __init__(self, parser: Any) -> None:
        super().__init__(parser)
        # MyST dispatches on ``self.rules["render_<type>"]``; a feature may
        # also replace one of MyST's own (e.g. footnotes placed as kramdown does)
        for name, render in dialect_renderers().items():
            self.rules[name] = functools.partial(render, self)
        # kramdown's attribute lists reach the node any token is rendered to
        for name, rule in list(self.rules.items()):
            self.rules[name] = with_attributes(self, rule)
