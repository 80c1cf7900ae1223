"""The extension's stylesheet, for HTML builders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent.parent / "static"
CSS_FILE = "blogposts.css"


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Copy the stylesheet (rather than adding to html_static_path, a config change)."""
    if exception is None and app.builder.format == "html":
        copy_asset_file(STATIC_DIR / CSS_FILE, Path(app.outdir) / "_static", force=True)
