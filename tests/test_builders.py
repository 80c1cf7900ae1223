"""Every builder gets the posts, their titles and their headers."""

from __future__ import annotations

import pytest

from conftest import warnings_of


@pytest.mark.parametrize("buildername", ["dirhtml", "singlehtml", "epub"])
def test_html_like_builders(build, buildername):
    # EPUB3 wants a version; a Jekyll site has none, so the user gives one
    app = build("jekyll", buildername=buildername, confoverrides={"version": "1"})
    # only the two warnings the test site carries on purpose
    assert len(warnings_of(app)) == 2 and all("[blogposts." in w for w in warnings_of(app))
    if buildername == "dirhtml":
        html = (app.outdir / "journal/2021/03/04/first-post/index.html").read_text()  # its Jekyll URL
    elif buildername == "singlehtml":
        html = (app.outdir / "index.html").read_text()
    else:
        html = (app.outdir / "journal/2021/03/04/first-post.xhtml").read_text()
    assert "First <em>post</em>" in html
    assert 'class="blogposts-post-header"' in html
    assert "March 4, 2021" in html


def test_text_builder_gets_the_header_as_text(build):
    app = build("jekyll", buildername="text")
    text = (app.outdir / "journal/2021/03/04/first-post.txt").read_text()  # the docname of its URL
    assert text.startswith("First *post*") or text.startswith("First post")
    assert "March 4, 2021" in text and "Tags: alpha, two words" in text and "min read" in text


def test_latex_builder(build):
    app = build("jekyll", buildername="latex", confoverrides={"latex_documents": [
        ("index", "site.tex", "Site", "Author", "manual")]})
    tex = (app.outdir / "site.tex").read_text()
    assert "First \\sphinxstyleemphasis{post}" in tex
    assert "March 4, 2021" in tex
    assert "Who we are." in tex  # pages are in the document too
