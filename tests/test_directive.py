"""The post directive written by hand equals front matter; docs-project mode."""

from __future__ import annotations

import dataclasses

from conftest import by_source, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain


def test_handwritten_myst_equals_front_matter(build):
    app = build("docs")
    posts = BlogpostsDomain.of(app.env).posts
    front, hand = posts["blog/front"], posts["blog/hand"]
    ignore = {"docname", "meta", "lineno", "slug"}
    as_dict = lambda r: {k: v for k, v in dataclasses.asdict(r).items() if k not in ignore}  # noqa: E731
    assert as_dict(front) == as_dict(hand)
    assert front.title == "Release 1.0" and front.collection == "news"
    assert front.tags == ["release", "news"] and front.authors == ["Eva"]
    for name in ("front", "hand"):
        html = (app.outdir / f"blog/{name}.html").read_text()
        assert "<title>Release 1.0 &#8212; Docs with news" in html
        assert "May 1, 2024" in html and "The body of the release note." in html


def test_docs_project_leaves_other_pages_alone(build):
    app = build("docs")
    posts = BlogpostsDomain.of(app.env).posts
    assert set(posts) == {"blog/front", "blog/hand"}
    assert "plain" in app.env.all_docs and "meta" in app.env.all_docs
    assert app.env.titles["plain"].astext() == "A plain page"
    meta = (app.outdir / "meta.html").read_text()
    assert "A page whose front matter is MyST" in meta  # MyST still read its front matter
    assert warnings_of(app) == []
    assert app.config.root_doc == "index" and (app.outdir / "index.html").exists()


def test_second_post_directive_is_a_warning(build, tmp_path):
    from conftest import ROOTS, copy_tree

    site = copy_tree(ROOTS / "test-docs", tmp_path / "docs")
    hand = site / "blog" / "hand.md"
    hand.write_text(hand.read_text() + "\n```{post}\n:title: Again\n```\n")
    app = build("docs", srcdir=site)
    (warning,) = warnings_of(app)
    assert "blog/hand.md:12: WARNING: a document can be only one post" in warning
    assert warning.endswith("[blogposts.directive]")


def test_undeclared_underscore_folder_is_a_collection_in_docs_projects(build, tmp_path):
    from conftest import ROOTS, copy_tree

    site = copy_tree(ROOTS / "test-docs", tmp_path / "docs")
    (site / "_talks").mkdir()
    (site / "_talks" / "kickoff.md").write_text("---\ntitle: Kickoff\n---\n\nSlides.\n")
    (site / "index.rst").write_text((site / "index.rst").read_text() + "   _talks/*\n")
    app = build("docs", srcdir=site)
    record = BlogpostsDomain.of(app.env).posts["_talks/kickoff"]
    assert (record.kind, record.collection, record.title) == ("post", "talks", "Kickoff")


def test_handwritten_directive_decides_publishing_like_front_matter(build, tmp_path):
    from conftest import ROOTS, copy_tree

    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    posts = site / "_posts"
    (posts / "2021-09-09-hand.md").write_text("```{post}\n:title: By hand\n```\n\nNo front matter here.\n")
    (posts / "2021-09-10-hand-hidden.md").write_text("```{post}\n:title: Hidden\n:published: false\n```\n\nx\n")
    (posts / "2999-09-10-hand-future.md").write_text("```{post}\n:title: Later\n```\n\nx\n")
    app = build("jekyll", srcdir=site)
    posts_ = by_source(app, BlogpostsDomain.of(app.env).posts)
    assert posts_["_posts/2021-09-09-hand"].title == "By hand"
    assert "_posts/2021-09-10-hand-hidden" not in app.env.all_docs
    assert "_posts/2999-09-10-hand-future" not in app.env.all_docs


def test_default_collection_and_directive_examples_in_code(build, tmp_path):
    from conftest import ROOTS, copy_tree

    site = copy_tree(ROOTS / "test-docs", tmp_path / "docs")
    (site / "blog" / "dated.md").write_text("---\ntitle: Dated\ndate: 2024-06-01\n---\n\nNo collection key.\n")
    (site / "howto.md").write_text(
        "# How to write a post\n\n```rst\n.. post::\n   :date: 2024-01-01\n   :tags: example\n```\n\n"
        "````md\n```{post}\n:tags: example\n```\n````\n"
    )
    (site / "index.rst").write_text((site / "index.rst").read_text() + "   howto\n")
    app = build("docs", srcdir=site)
    domain = BlogpostsDomain.of(app.env)
    assert domain.posts["blog/dated"].collection == "posts"
    assert "Dated" in (app.outdir / "posts" / "index.html").read_text()
    assert "howto" not in domain.posts
    assert "example" not in domain.data["archive_map"].get("tag", {})  # examples in code are not posts
    assert warnings_of(app) == []
