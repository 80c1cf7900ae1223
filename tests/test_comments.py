"""Comments on posts from comments.provider (core/comments.py, output/comments.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOTS, SHARED, copy_tree, page_of, warnings_of
from sphinx_blogposts.cli.commands import main
from sphinx_blogposts.core.comments import (
    CommentsSetup,
    comments_html,
    comments_setup,
    wants_comments,
)
from sphinx_blogposts.store.domain import BlogpostsDomain

GISCUS = {
    "provider": "giscus",
    "giscus": {
        "repo_id": "R_kgDOabc",
        "category_name": "Comments & <Q>",
        "category_id": "DIC_kwDOxyz",
        "discussion_term": "title",
        "reactions_enabled": "0",
        "theme": "dark",
    },
}

# --- the rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comments", "repository", "provider", "problem"),
    [
        (None, "", None, None),
        ({}, "", None, None),
        (False, "", None, None),
        (True, "", None, None),
        ({"provider": "false"}, "o/r", None, None),
        ({"provider": False}, "o/r", None, None),
        ({"provider": None}, "o/r", None, None),
        ({"provider": ""}, "o/r", None, None),
        (GISCUS, "o/r", "giscus", None),
        (GISCUS, "", None, "repository"),
        (
            {"provider": "giscus", "giscus": {"repo_id": "x"}},
            "o/r",
            None,
            "comments.giscus.category_name",
        ),
        ({"provider": "utterances"}, "o/r", "utterances", None),
        ({"provider": "utterances", "utterances": "x"}, "", None, "repository"),
        ({"provider": "disqus", "disqus": {"shortname": "site"}}, "", "disqus", None),
        (
            {"provider": "disqus", "disqus": {"shortname": None}},
            "",
            None,
            "comments.disqus.shortname",
        ),
        ({"provider": "Disqus", "disqus": {"shortname": "s"}}, "", "disqus", None),
        ({"provider": "discourse"}, "o/r", None, "not one the extension writes"),
        ({"provider": ["giscus"]}, "o/r", None, "not one the extension writes"),
    ],
)
def test_comments_setup(comments, repository, provider, problem):
    setup, found = comments_setup(comments, repository)
    assert (setup.provider if setup else None) == provider
    if problem is None:
        assert found is None
    else:
        assert problem in found


@pytest.mark.parametrize(
    ("meta", "expected"),
    [({}, True), ({"comments": True}, True), ({"comments": None}, True), ({"comments": False}, False),
     ({"comments": "false"}, False), ({"comments": 0}, False), ({"comments": "yes"}, True)],
)  # fmt: skip
def test_wants_comments(meta, expected):
    assert wants_comments(meta) is expected


def test_embeds_are_escaped():
    setup = CommentsSetup("disqus", {"shortname": "my-site</script>"})
    embed = comments_html(setup, 'https://x.org/"</script>', "/a/</script>/", "en")
    script = embed.split("<script>", 1)[1].rsplit("</script>", 1)[0]
    assert "</" not in script
    assert "https://my-sitescript.disqus.com/embed.js" in embed
    utterances = comments_html(CommentsSetup("utterances", {"repository": 'o/"r'}), "", "/", "en")
    assert 'repo="o/&quot;r"' in utterances and 'issue-term="pathname"' in utterances
    assert 'theme="github-light"' in utterances


# --- minimal-mistakes -----------------------------------------------------------------


def _mm(tmp_path_factory, comments: str | None):
    from sphinx.testing.util import SphinxTestApp

    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it holds the minimal-mistakes corpus)")
    site = copy_tree(
        SHARED / "corpora" / "minimal-mistakes", tmp_path_factory.mktemp("mm") / "site"
    )
    (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    if comments is not None:
        config = site / "_config.yml"
        text = config.read_text(encoding="utf-8")
        text = re.sub(r"(?ms)^comments:\n.*?(?=^\S)", comments, text, count=1)
        config.write_text(text, encoding="utf-8")
        (site / "_posts" / "2024-01-02-quiet-post.md").write_text(
            "---\ntitle: A quiet post\ncomments: false\n---\n\nNo comments here.\n",
            encoding="utf-8",
        )
    return SphinxTestApp("html", srcdir=site)


GISCUS_YAML = """comments:
  provider: "giscus"
  giscus:
    repo_id: "R_kgDOabc"
    category_name: "Comments & <Q>"
    category_id: "DIC_kwDOxyz"
    discussion_term: "title"
    reactions_enabled: '0'
    theme: "dark"
"""


@pytest.fixture(scope="module")
def mm_giscus(tmp_path_factory):
    app = _mm(tmp_path_factory, GISCUS_YAML)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def _html_pages(app) -> list[Path]:
    return [p for p in Path(app.outdir).rglob("*.html") if "_static" not in p.parts]


def test_posts_carry_giscus_except_those_without_comments(mm_giscus):
    records = BlogpostsDomain.of(mm_giscus.env).posts
    posts = {d: r for d, r in records.items() if r.kind == "post"}
    quiet = {d for d, r in posts.items() if r.meta.get("comments") is False}
    assert any(records[d].title == "A quiet post" for d in quiet)
    assert len(quiet) >= 2  # the corpus has its own comments: false posts too
    for docname in posts:
        text = page_of(mm_giscus, docname).read_text(encoding="utf-8")
        scripts = re.findall(r"<script src=\"https://giscus.app/client.js\"[^>]*>", text)
        if docname in quiet:
            assert not scripts, docname
            continue
        assert len(scripts) == 1, docname
        tag = scripts[0]
        for attribute in (
            'data-repo="mmistakes/minimal-mistakes"',
            'data-repo-id="R_kgDOabc"',
            'data-category="Comments &amp; &lt;Q&gt;"',
            'data-category-id="DIC_kwDOxyz"',
            'data-mapping="title"',
            'data-reactions-enabled="0"',
            'data-theme="dark"',
            'crossorigin="anonymous"',
        ):
            assert attribute in tag, (docname, attribute)
        # after the post's body, not in its <head>
        assert text.index("giscus.app") > text.index("</head>")


def test_pages_have_no_comments(mm_giscus):
    records = BlogpostsDomain.of(mm_giscus.env).posts
    posts = {page_of(mm_giscus, d) for d, r in records.items() if r.kind == "post"}
    others = [p for p in _html_pages(mm_giscus) if p not in posts]
    assert len(others) > 20  # the home, archives, tags, categories, authors, redirects
    for path in others:
        assert "giscus" not in path.read_text(encoding="utf-8"), path
    assert "giscus" not in (Path(mm_giscus.outdir) / "feed.xml").read_text(encoding="utf-8")


def test_unconfigured_minimal_mistakes_has_no_comments(tmp_path_factory):
    app = _mm(tmp_path_factory, None)  # its own provider: "false"
    try:
        app.build()
        for path in _html_pages(app):
            text = path.read_text(encoding="utf-8")
            assert "blogposts-comments" not in text and "giscus.app" not in text, path
            assert "utteranc.es" not in text and "disqus.com" not in text, path
        assert not [w for w in warnings_of(app) if "comments" in w]
    finally:
        app.cleanup()


# --- the small site --------------------------------------------------------------------


def _site(tmp_path: Path, comments_yaml: str) -> Path:
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    config = site / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "repository: owner/repo\n" + comments_yaml,
        encoding="utf-8",
    )
    return site


def test_missing_keys_warn_at_the_line_and_write_nothing(make_app, tmp_path):
    site = _site(tmp_path, "comments:\n  provider: giscus\n  giscus:\n    repo_id: R_x\n")
    line = (
        site.joinpath("_config.yml").read_text(encoding="utf-8").splitlines().index("comments:") + 1
    )
    app = make_app("html", srcdir=site)
    app.build()
    found = [w for w in warnings_of(app) if "comments:" in w]
    assert len(found) == 1, found
    assert f"_config.yml:{line}:" in found[0] and "[blogposts.config]" in found[0]
    assert "comments.giscus.category_name" in found[0] and "comments.giscus.category_id" in found[0]
    assert "giscus.app" not in page_of(app, "_posts/2021-03-04-first-post").read_text(
        encoding="utf-8"
    )


def test_an_unknown_provider_warns(make_app, tmp_path):
    site = _site(tmp_path, "comments:\n  provider: staticman\n")
    app = make_app("html", srcdir=site)
    app.build()
    assert [
        w for w in warnings_of(app) if "provider 'staticman'" in w and "[blogposts.config]" in w
    ]


def test_a_bad_conf_py_setting_warns_there(make_app, tmp_path):
    site = _site(tmp_path, "")
    site.joinpath("conf.py").write_text(
        'extensions = ["sphinx_blogposts"]\nblogposts_comments = {"provider": "disqus"}\n',
        encoding="utf-8",
    )
    app = make_app("html", srcdir=site)
    app.build()
    found = [w for w in warnings_of(app) if "comments.disqus.shortname" in w]
    assert found and "conf.py:2:" in found[0]


def test_utterances_and_comments_false_in_defaults(make_app, tmp_path):
    site = _site(
        tmp_path,
        "comments:\n  provider: utterances\n  utterances:\n    theme: github-dark\n    issue_term: og:title\n",
    )
    app = make_app("html", srcdir=site)
    app.build()
    text = page_of(app, "_posts/2021-03-04-first-post").read_text(encoding="utf-8")
    tag = re.findall(r"<script src=\"https://utteranc.es/client.js\"[^>]*>", text)
    assert len(tag) == 1
    assert (
        'repo="owner/repo"' in tag[0]
        and 'theme="github-dark"' in tag[0]
        and 'issue-term="og:title"' in tag[0]
    )
    # a collection's documents with comments: false from their defaults get none
    config = site / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      author: Ana\n      comments: true", "      author: Ana\n      comments: false"
        ),
        encoding="utf-8",
    )
    again = make_app("html", srcdir=site, freshenv=True)
    again.build()
    assert "utteranc.es" not in page_of(again, "_posts/2021-03-04-first-post").read_text(
        encoding="utf-8"
    )


def test_disqus_and_builders_without_comments(make_app, tmp_path):
    site = _site(tmp_path, "comments:\n  provider: disqus\n  disqus:\n    shortname: field-notes\n")
    app = make_app("html", srcdir=site)
    app.build()
    text = page_of(app, "_posts/2021-03-04-first-post").read_text(encoding="utf-8")
    assert '<div id="disqus_thread"></div>' in text
    assert '"https://field-notes.disqus.com/embed.js"' in text
    found = re.search(
        r'this.page.url = "https://example.org/blog(/[^"]*first-post.html)"; this.page.identifier = "([^"]*)"',
        text,
    )
    assert found and found[1] == found[2]  # the old URL, and its path as the thread's id
    assert "disqus" not in page_of(app, "about").read_text(encoding="utf-8")  # a page, not a post
    for builder, pattern in (
        ("epub", "*.xhtml"),
        ("text", "*.txt"),
        ("latex", "*.tex"),
        ("singlehtml", "*.html"),
    ):
        other = make_app(builder, srcdir=site, builddir=site / f"_{builder}")
        other.build()
        for path in Path(other.outdir).rglob(pattern):
            assert "disqus" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_check_reports_what_the_build_warns(tmp_path):
    site = _site(tmp_path, "comments:\n  provider: utterances\n")
    site.joinpath("_config.yml").write_text(
        site.joinpath("_config.yml")
        .read_text(encoding="utf-8")
        .replace("repository: owner/repo\n", ""),
        encoding="utf-8",
    )
    line = (
        site.joinpath("_config.yml").read_text(encoding="utf-8").splitlines().index("comments:") + 1
    )
    result = CliRunner().invoke(main, ["check", str(site)], catch_exceptions=False)
    assert (
        f"_config.yml:{line}: blogposts.config: comments: provider utterances needs repository"
        in result.output
    )
