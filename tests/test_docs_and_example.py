"""The documentation and the example site build without a single warning (-W)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_tree, warnings_of

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("folder", ["docs", "examples"])
def test_builds_warning_free(build, tmp_path, folder):
    source = REPO / folder
    if not (source / "conf.py").exists():
        pytest.skip(f"{folder}/ is not part of this checkout")
    site = copy_tree(source, tmp_path / folder)
    app = build(folder, srcdir=site, exception_on_warning=True)
    assert warnings_of(app) == []
    assert (app.outdir / "index.html").exists()
