"""Pages in no toctree share the rendering of the sidebar's toctree.

The shared rendering must write exactly what Sphinx writes for each page: the
academic root has a menu (the root toctree) with pages, a collection index,
a static file and an outside link; its posts and list pages are in no toctree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOTS, copy_tree, warnings_of

from sphinx_blogposts.output import navigation

#: The test theme's sidebar with the global toctree (the menu), as most themes show it.
SIDEBAR = {"html_sidebars": {"**": ["globaltoc.html", "localtoc.html"]}}


def _pages(outdir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
        for p in sorted(outdir.rglob("*.html"))
        if "_sources" not in p.parts
    }


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_shared_toctrees_write_what_sphinx_writes(make_app, tmp_path, monkeypatch, buildername):
    shared = make_app(buildername, srcdir=copy_tree(ROOTS / "test-academic", tmp_path / "shared"), confoverrides=SIDEBAR)
    shared.build()
    assert warnings_of(shared) == []
    monkeypatch.setattr(navigation, "SHARED_TOCTREE_LIMIT", 0)  # every page renders its own
    own = make_app(buildername, srcdir=copy_tree(ROOTS / "test-academic", tmp_path / "own"), confoverrides=SIDEBAR)
    own.build()
    got, want = _pages(Path(shared.outdir)), _pages(Path(own.outdir))
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []
    # the menu's pages still mark themselves current; posts link the menu from their folder
    members, cache = shared.builder.__dict__["_blogposts_toctrees"]
    assert members and cache  # the cache was used
    menu_page = next(name for name, html in got.items() if 'class="toctree-l1 current' in html)
    assert menu_page
    post = next(name for name in got if "/20" in name)
    assert re.search(r'class="toctree-l1"><a class="reference internal" href="(\.\./){%d}[a-z]' % post.count("/"), got[post])
