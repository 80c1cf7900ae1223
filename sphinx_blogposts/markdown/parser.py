"""The Markdown parser of a Jekyll site: MyST's, reading kramdown's dialect."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from ..store.settings import site_of
from .dialect import use_dialect
from .feature import KRAMDOWN_OPTIONS
from .renderer import KramdownRenderer

if TYPE_CHECKING:
    from docutils import nodes
    from markdown_it import MarkdownIt
    from sphinx.application import Sphinx


class _SameSettings:
    """MyST's settings as a cache key, by identity: MyST makes one settings object
    per build (``builder-inited``) and never changes it; a document's own
    settings (MyST keys in its front matter) are a new object.  The key holds
    the object, so its ``id`` is not reused while the parser is cached.
    (Comparing the settings' ``repr`` cost half of what the cache saved.)"""

    __slots__ = ("config",)

    def __init__(self, config: MdParserConfig) -> None:
        self.config = config

    def __hash__(self) -> int:
        return id(self.config)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _SameSettings) and other.config is self.config


@functools.lru_cache(maxsize=8)
def _dialect_parser(key: _SameSettings) -> MarkdownIt:
    """One kramdown parser (and renderer) per process and MyST settings: making one
    (the rules of 14 features, every render rule wrapped) cost more than parsing
    a short post.  It keeps nothing of a document between renders: MyST's renderer
    sets its state up at the start of each render, and kramdown's options travel
    in the render's env."""
    return use_dialect(create_md_parser(key.config, KramdownRenderer))


def dialect_parser(config: MdParserConfig) -> MarkdownIt:
    """The kramdown parser for ``config``, free to render a document now."""
    parser = _dialect_parser(_SameSettings(config))
    if parser.options.get("document") is not None:
        # a document rendered while another is (a nested parse): its own parser
        return use_dialect(create_md_parser(config, KramdownRenderer))
    return parser


class KramdownParser(MystParser):
    """MyST's parser; with ``blogposts_kramdown`` on, kramdown's syntax too."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if not site_of(env).settings.kramdown:
            super().parse(inputstring, document)
            return
        # as MystParser.parse, with the dialect and its renderer
        config: MdParserConfig = env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # MyST reports it during the render
        else:
            if topmatter:
                def warning(wtype, msg):  # noqa: ANN001, ANN202 - MyST's callback
                    return create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        parser = dialect_parser(config)
        parser.options["document"] = document
        # kramdown's options for this document: _config.yml's, which a document's
        # {::options} may change while it is parsed
        options = site_of(env).settings.kramdown_options
        md_env: dict[str, Any] = {KRAMDOWN_OPTIONS: dict(options) if isinstance(options, dict) else {}}
        try:
            parser.render(inputstring, md_env)
        finally:
            # the parser is kept for the next document: let this one go
            parser.options.pop("document", None)


def register_kramdown(app: Sphinx) -> None:
    """Read Markdown with :class:`KramdownParser` (after MyST registered its own)."""
    app.add_source_parser(KramdownParser, override=True)
