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
    """Add the stylesheet and copy it into ``_static/`` before any page is written.

    Sphinx links a stylesheet as ``blogposts.css?v=<checksum>`` when the file
    is already in the output folder as the page is written.  Copied only at
    the end of the build, it was absent from a fresh build's pages and present
    for a later build's, so rewritten pages differed from fresh ones.  Copied
    here (not through ``html_static_path``, a config change), every page
    carries the same link; a project's own ``_static/blogposts.css`` is copied
    after this one by Sphinx and still wins.
    """
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        copy_asset_file(STATIC_DIR / CSS_FILE, static, force=True)
