"""The example site builds, without a warning, with each common theme that is installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import copy_tree, warnings_of

EXAMPLE = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme"])
def test_example_with_theme(build, tmp_path, theme):
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"the theme {theme} is not installed")
    if not EXAMPLE.is_dir():
        pytest.skip("examples/ is not part of this checkout")
    site = copy_tree(EXAMPLE, tmp_path / "example")
    app = build("example", srcdir=site, confoverrides={"html_theme": theme})
    assert warnings_of(app) == []
    post = (app.outdir / "notas" / "0002_matraz.html").read_text(encoding="utf-8")  # /notas/0002_matraz
    assert 'class="blogposts-post-header"' in post and "<figcaption>" in post
    assert "blogposts.css" in post
    index = (app.outdir / "notas" / "index.html").read_text(encoding="utf-8")
    assert "sd-card" in index and "0002_matraz.html" in index
    home = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "notas/index.html" in home and "archive/index.html" in home
