"""The Markdown parser of a Jekyll site: MyST's, reading kramdown's dialect."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    from sphinx.application import Sphinx


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
        parser = use_dialect(create_md_parser(config, KramdownRenderer))
        parser.options["document"] = document
        # kramdown's options for this document: _config.yml's, which a document's
        # {::options} may change while it is parsed
        options = site_of(env).settings.kramdown_options
        parser.render(inputstring, {KRAMDOWN_OPTIONS: dict(options) if isinstance(options, dict) else {}})


def register_kramdown(app: Sphinx) -> None:
    """Read Markdown with :class:`KramdownParser` (after MyST registered its own)."""
    app.add_source_parser(KramdownParser, override=True)
