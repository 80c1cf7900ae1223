"""Doctree regression files: what a few representative posts become, node by node.

The other tests assert the facts that matter; these files show the whole
doctree, so a change anywhere in the pipeline (front matter → directive →
HTML conversion → Liquid → links) is seen in review.  After an intended
change, regenerate them with ``pytest tests/test_regressions.py --force-regen``.
"""

from __future__ import annotations

import pytest

from conftest import ROOTS, copy_tree, docname_of

#: (test root, document) pairs: the seed's figure shapes, every figure variant,
#: theme includes and Liquid, links between posts, and hostile front matter.
CASES = [
    ("figures", "_posts/2024-01-01-seed-shapes"),
    ("figures", "_posts/2024-01-02-figure-variants"),
    ("figures", "_posts/2024-01-05-media"),
    ("liquid", "_posts/2021-01-02-code"),
    ("liquid", "_posts/2021-01-03-includes"),
    ("links", "_posts/2011-01-01-linker"),
    ("jekyll", "_notes/handwritten"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``built(root)``: the HTML build of a test root, made once for the module."""
    from sphinx.testing.util import SphinxTestApp

    apps: dict[str, SphinxTestApp] = {}

    def get(root: str) -> SphinxTestApp:
        if root not in apps:
            src = copy_tree(ROOTS / f"test-{root}", tmp_path_factory.mktemp(root) / "site")
            apps[root] = SphinxTestApp("html", srcdir=src)
            apps[root].build()
        return apps[root]

    yield get
    for app in apps.values():
        app.cleanup()


def resolved_doctree(app, docname: str) -> str:  # noqa: ANN001 - SphinxTestApp
    """The doctree as the HTML writer gets it, without the machine's paths."""
    try:
        doctree = app.env.get_and_resolve_doctree(docname, app.builder, tags=app.builder.tags)
    except TypeError:  # Sphinx < 9 takes no tags
        doctree = app.env.get_and_resolve_doctree(docname, app.builder)
    text = doctree.pformat()
    # docutils < 0.22 writes booleans as True/False, later ones as 1/0
    text = text.replace('="True"', '="1"').replace('="False"', '="0"')
    return text.replace(str(app.srcdir), "<srcdir>").replace(str(app.outdir), "<outdir>")


@pytest.mark.parametrize(("root", "docname"), CASES, ids=[f"{r}-{d.rsplit('/', 1)[-1]}" for r, d in CASES])
def test_doctree(built, file_regression, root, docname):
    app = built(root)
    # the document has the docname of its Jekyll URL; the case names its source
    file_regression.check(resolved_doctree(app, docname_of(app, docname)), extension=".xml")
