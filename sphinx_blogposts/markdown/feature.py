"""What one kramdown construct adds to MyST's parser (:class:`Feature`).

It lives apart from :mod:`.dialect`, which lists the features: a feature's
module imports this one, and :mod:`.dialect` imports the feature modules, so
nothing imports in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Feature:
    """One kramdown construct: its markdown-it plugin and its token renderers."""

    name: str
    plugin: Callable[[MarkdownIt], None]
    renderers: dict[str, Callable[[Any, Any], None]] = field(default_factory=dict)


#: The key of kramdown's options in the markdown-it env: the site's
#: (``_config.yml``'s ``kramdown:``), changed by a page's ``{::options}``.
KRAMDOWN_OPTIONS = "kramdown_options"
