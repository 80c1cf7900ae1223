"""Raw HTML figures, images, media and file links become native nodes (tests/roots/test-figures)."""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from sphinx import addnodes

from conftest import docname_of, page_of, warnings_of
from sphinx_blogposts.html.convert import image_self_link

POSTS = "_posts/2024-01-0{}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One HTML build of the figures site, shared by the tests of this module."""
    from conftest import module_site

    yield from module_site("figures", tmp_path_factory)


def doctree(app, n: str, name: str) -> nodes.document:
    return app.env.get_doctree(docname_of(app, f"{POSTS.format(n)}-{name}"))  # at its Jekyll URL


def html(app, n: str, name: str) -> str:
    return page_of(app, f"{POSTS.format(n)}-{name}").read_text(encoding="utf-8")


def test_seed_shapes(site):
    tree = doctree(site, 1, "seed-shapes")
    figures = list(tree.findall(nodes.figure))
    assert len(figures) == 2
    iguana, leftover = figures
    (image,) = iguana.findall(nodes.image)
    assert image["uri"] == "images/b.png" and image["alt"] == "IMG"
    assert isinstance(image.parent, image_self_link)  # the <a href> to the same file is kept
    assert iguana.next_node(nodes.caption).astext() == "A giant iguana from space"
    assert iguana["ids"]  # referenceable, numbered with numfig
    # the template leftover: no image, but the alt text and the caption survive
    assert not list(leftover.findall(nodes.image))
    assert leftover.astext().split() == ["Group", "photo", "TITLE"]
    # the bare raw.githubusercontent.com URL of the site's repository is the local file
    uris = [i["uri"] for i in tree.findall(nodes.image)]
    assert uris == ["images/c.png", "images/a.png", "images/b.png"]
    page = html(site, 1, "seed-shapes")
    assert '<a class="reference external image-reference" href="../../../_images/b.png"><img alt="IMG" src="../../../_images/b.png" />' in page  # the post is at /2024/01/01/seed-shapes.html
    assert 'src="/images' not in page and "raw.githubusercontent" not in page  # nothing root-absolute
    for name in ("a.png", "b.png", "c.png"):
        assert (site.outdir / "_images" / name).exists()


def test_figure_variants(site):
    tree = doctree(site, 2, "figure-variants")
    blank, aligned, gallery, markdown = tree.findall(nodes.figure)
    assert blank.next_node(nodes.image)["uri"] == "images/a.png"
    assert blank.next_node(nodes.caption).astext() == "Blank lines inside"
    assert aligned["align"] == "left" and aligned["width"] == "150px"
    small = aligned.next_node(nodes.image)
    assert (small["uri"], small["width"], small["height"]) == ("images/b.png", "120px", "90px")  # site URL → local
    assert "blogposts-gallery" in gallery["classes"] and "half" in gallery["classes"]
    first, second = gallery.findall(nodes.image)
    assert isinstance(first.parent, image_self_link)
    assert second.parent["refuri"] == "https://example.org/big.png"
    caption = gallery.next_node(nodes.caption)
    assert [type(c).__name__ for c in caption.children] == [
        "Text", "emphasis", "Text", "strong", "Text", "reference", "Text", "literal", "line_break", "Text",
    ]  # fmt: skip
    assert caption.astext() == "Two pictures, one caption, code and a line break"
    assert gallery["ids"] == ["gallery-one"]
    assert markdown.next_node(nodes.image)["uri"] == "images/sub/d.png"
    page = html(site, 2, "figure-variants")
    assert re.search(r'See <a class="reference internal" href="#gallery-one"><span class="std std-numref">Fig\. \d+</span>', page)
    assert "<br />" in page


def test_image_wrappers(site):
    tree = doctree(site, 3, "img-wrappers")
    images = list(tree.findall(nodes.image))
    assert [i["alt"] for i in images] == ["alone", "in p", "centered", "linked in div", "inline"]
    assert images[2]["align"] == "center"
    assert isinstance(images[3].parent, image_self_link)
    assert isinstance(images[4].parent, nodes.paragraph)  # inline stays inline
    mixed = [r for r in tree.findall(nodes.raw) if "mixed" in r.astext()]
    assert mixed and mixed[0].astext().strip() == '<div>Some text and <img src="/images/a.png" alt="mixed"> an image</div>'


def test_theme_includes_and_liquid_urls(site):
    tree = doctree(site, 4, "includes")
    mm, folio = list(tree.findall(nodes.figure))
    assert mm.next_node(nodes.image)["alt"] == "placeholder"
    caption = mm.next_node(nodes.caption)
    assert caption.astext() == "A Markdown caption." and caption.next_node(nodes.emphasis)
    assert folio.next_node(nodes.image)["uri"] == "images/b.png" and "img-fluid" in folio["classes"]
    assert [i["alt"] for i in tree.findall(nodes.image)][2:] == ["liquid url", "base path", "filtered"]
    assert [i["uri"] for i in tree.findall(nodes.image)][2:] == ["images/c.png", "images/sub/d.png", "images/a.png"]
    code = tree.next_node(nodes.literal_block)
    # the rewrites leave code alone; Liquid rendering then renders it, as Jekyll does
    assert code.astext().strip() == '<figure><img src="/images/a.png" alt="" /></figure>'


def test_media_kept_as_html_with_files_copied(site):
    page = html(site, 5, "media")
    m = re.search(r'<source src="((?:\.\./)+)(_downloads/[0-9a-f]+/clip\.mp4)" type="video/mp4" />', page)
    assert m and (site.outdir / m.group(2)).exists()
    assert "onplay" not in page and "evil" not in page
    assert 'src="https://www.youtube.com/embed/abc123"' in page
    assert 'src="https://player.vimeo.com/video/xyz789?dnt=true"' in page
    assert "<audio controls></audio>" in page  # the missing file's URL is gone, reported


def test_local_file_links(site):
    tree = doctree(site, 6, "files")
    downloads = list(tree.findall(addnodes.download_reference))
    assert [d.astext() for d in downloads] == ["the paper", "the same paper", "the paper"]
    page = html(site, 6, "files")
    assert page.count('href="../../../_downloads/') == 3
    assert "<p>Download <a" in page and "<em>paper</em></a> here.</p>" in page
    assert "A missing file and a script link." in page and "javascript:" not in page


def test_bad_html_is_reported_and_nothing_is_lost(site):
    tree = doctree(site, 7, "bad-html")
    page = html(site, 7, "bad-html")
    figures = list(tree.findall(nodes.figure))
    assert [f.next_node(nodes.caption).astext() for f in figures] == [
        "Caption with a script and a bad link", "The file is gone", "Outside", "Empty",
    ]  # fmt: skip
    assert [f.astext().split("\n")[0] for f in figures[1:]] == ["Missing picture", "Escape attempt", "Empty source"]
    assert "alert" not in "".join(f.astext() for f in figures)
    assert "onerror" not in page and "passwd" not in page.split("<figure>")[0]
    raws = [r.astext() for r in tree.findall(nodes.raw) if "figure" in r.astext()]
    assert any("<figcaption>Inner</figcaption>" in r for r in raws)  # nested: left as written
    assert any("Unclosed figure" in r for r in raws)  # unclosed: left as written


EXPECTED_WARNINGS = [
    ("1-seed-shapes.md", 24, "image", "the image src '/images/' is a folder"),
    ("3-img-wrappers.md", 15, "html", "holds images but also text"),
    ("5-media.md", 5, "html", "ignored the script attribute(s) onplay"),
    ("5-media.md", 11, "image", "media file not found ('/media/missing.mp3')"),
    ("6-files.md", 7, "link", "linked file not found: files/none.pdf"),
    ("6-files.md", 7, "html", "removed a javascript: link"),
    ("7-bad-html.md", 5, "html", "a <figure> inside a <figure>"),
    ("7-bad-html.md", 11, "html", "ignored the script attribute(s) onerror"),
    ("7-bad-html.md", 12, "html", "removed a <script> element"),
    ("7-bad-html.md", 12, "html", "removed a javascript: link"),
    ("7-bad-html.md", 16, "image", "image file not found: images/missing.png"),
    ("7-bad-html.md", 21, "image", "is outside the source folder"),
    ("7-bad-html.md", 26, "image", "an <img> with an empty src"),
    ("7-bad-html.md", 30, "html", "this <figure> is never closed"),
]


def test_warnings_one_by_one(site):
    pattern = re.compile(r"_posts/2024-01-0(\S+):(\d+): WARNING: (.*) \[blogposts\.(\w+)\]$")
    got = []
    for warning in warnings_of(site):
        m = pattern.search(warning)
        assert m, warning
        got.append((m[1], int(m[2]), m[4], m[3]))
    assert len(got) == len(EXPECTED_WARNINGS), got
    for (name, line, sub, words), actual in zip(sorted(EXPECTED_WARNINGS), sorted(got)):
        assert actual[:3] == (name, line, sub), actual
        assert words in actual[3], actual


def test_latex_figures_and_epub_images(build, shared, tmp_path):
    from test_shared_material import seed_site

    site = seed_site(shared, tmp_path)
    (site / "_config.yml").write_text((site / "_config.yml").read_text() + "url: https://miangoar.github.io\n")
    latex = build("seed", buildername="latex", srcdir=site)
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    figures = re.findall(r"\\begin\{figure\}.*?\\end\{figure\}", tex, re.S)
    assert len(figures) == 2
    assert "\\sphinxincludegraphics{{00002_2}.jpg}" in figures[0]
    assert "\\caption{Una iguana gigante que viene del espacio para comer el planeta tierra}" in figures[0]
    assert "Group photo" in figures[1] and "\\caption{TITLE}" in figures[1]
    assert "{{00002_17}.jpg}" in tex and "{{00002_1}.jpg}" in tex  # the bare URL and the Markdown image
    for name in ("00002_1.jpg", "00002_2.jpg", "00002_17.jpg"):
        assert (latex.outdir / name).exists()

    epub = build("seed", buildername="epub", srcdir=site, confoverrides={"version": "1"})
    assert {p.name for p in (epub.outdir / "_images").iterdir()} >= {"00002_1.jpg", "00002_2.jpg", "00002_17.jpg"}
    page = (epub.outdir / "ai" / "00002_dalle.xhtml").read_text(encoding="utf-8")  # /ai/00002_dalle
    assert 'src="../_images/00002_2.jpg"' in page and "<figcaption>" in page
