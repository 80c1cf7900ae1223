"""GitHub Pages' default plugins: optional front matter, titles from headings,
README as index, relative links (``core/github_pages.py``), on a small
GitHub-Pages-style site (``tests/roots/test-github-pages``: a Gemfile naming
github-pages, Markdown without front matter, ``.md`` links)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOTS, copy_tree, module_site, warnings_of
from sphinx_blogposts.core.github_pages import (
    GitHubPagesPlugins,
    gemfile_names_github_pages,
    is_readme,
    listed_plugins,
    page_without_front_matter,
    plugins_on,
    readme_permalink,
    readmes_beside_an_index,
)

ALL = plugins_on(True, [])


@pytest.mark.parametrize(
    ("gemfile", "expected"),
    [
        ('gem "github-pages", group: :jekyll_plugins\n', True),
        ("source 'https://rubygems.org'\ngem 'github-pages'\n", True),
        ('gem("github-pages", "~> 228")\n', True),
        ('# gem "github-pages"\ngem "jekyll", "~> 4.3"\n', False),
        ('gem "jekyll"\ngem "github-pages-health-check"\n', False),
        ("", False),
    ],
)
def test_gemfile_names_github_pages(gemfile: str, expected: bool) -> None:
    assert gemfile_names_github_pages(gemfile) is expected


@pytest.mark.parametrize(
    ("github_pages", "plugins", "on"),
    [
        (True, [], ["jekyll-optional-front-matter", "jekyll-titles-from-headings", "jekyll-readme-index",
                    "jekyll-relative-links"]),
        (True, ["jemoji"], ["jekyll-optional-front-matter", "jekyll-titles-from-headings", "jekyll-readme-index",
                            "jekyll-relative-links", "jemoji"]),
        (None, [], []),
        (False, ["jekyll-feed"], []),
        (None, ["jekyll-readme-index", "jemoji"], ["jekyll-readme-index", "jemoji"]),
        (False, ["jekyll-optional-front-matter"], ["jekyll-optional-front-matter"]),
    ],
)
def test_plugins_on(github_pages: bool | None, plugins: list[str], on: list[str]) -> None:
    assert plugins_on(github_pages, plugins).names() == on


@pytest.mark.parametrize(
    ("value", "names"),
    [(["jemoji", " jekyll-feed "], ["jemoji", "jekyll-feed"]), ("jemoji", ["jemoji"]), (None, []), ({"a": 1}, []),
     ([None, 3, ""], ["3"])],
)
def test_listed_plugins(value: object, names: list[str]) -> None:
    assert listed_plugins(value) == names


@pytest.mark.parametrize(
    ("path", "plugins", "page"),
    [
        ("about.md", ALL, True),
        ("docs/guide.md", ALL, True),
        ("LICENSE.md", ALL, False),
        ("docs/contributing.md", ALL, False),
        ("CODE_OF_CONDUCT.markdown", ALL, False),
        ("README.md", ALL, True),
        ("docs/ReadMe.md", ALL, True),
        ("about.md", GitHubPagesPlugins(), False),
        ("README.md", GitHubPagesPlugins(optional_front_matter=True), False),
        ("README.md", GitHubPagesPlugins(readme_index=True), True),
        ("about.md", GitHubPagesPlugins(readme_index=True), False),
    ],
)
def test_page_without_front_matter(path: str, plugins: GitHubPagesPlugins, page: bool) -> None:
    assert page_without_front_matter(path, plugins) is page


@pytest.mark.parametrize(
    ("path", "url"), [("README.md", "/"), ("docs/readme.md", "/docs/"), ("a/b/README.markdown", "/a/b/")]
)
def test_readme_permalink(path: str, url: str) -> None:
    assert is_readme(path)
    assert readme_permalink(path) == url


def test_readmes_beside_an_index() -> None:
    from sphinx_blogposts.core.facts import SourceFacts

    def facts(url: str, front_matter: bool = False) -> SourceFacts:
        return SourceFacts(front_matter, "page", None, True, False, None, False, permalink=url)

    built = [
        ("README", "README.md", facts("/")),
        ("docs/README", "docs/README.md", facts("/docs/")),
        ("a/README", "a/readme.markdown", facts("/a/")),
        ("b/README", "b/README.md", facts("/b/")),
        ("c/README", "c/README.md", facts("/c/README.html", front_matter=True)),  # an ordinary page
        ("docs/index", "docs/index.html", facts("/docs/index.html", True)),
        ("a/x", "a/x.md", facts("/a/", True)),
        ("b/other", "b/other.md", facts("/b/other.html", True)),
    ]
    assert readmes_beside_an_index(built) == {"docs/README", "a/README"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):  # noqa: ANN001, ANN201
    yield from module_site("github-pages", tmp_path_factory)


def _page(app, url: str) -> str:  # noqa: ANN001
    path = Path(app.outdir) / url.lstrip("/")
    if url.endswith("/"):
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def _title(html: str) -> str:
    return html.split("<title>", 1)[1].split("</title>", 1)[0].split(" &#8212; ")[0]


def test_pages_without_front_matter_are_pages_at_jekylls_urls(site) -> None:  # noqa: ANN001
    for url, title in [
        ("/docs/guide.html", "The Guide"),  # a setext heading
        ("/docs/setup.html", "Setting up"),
        ("/docs/emoji.html", "Emoji"),
        ("/notes.html", "Notes"),  # front matter without title: its first heading
    ]:
        assert _title(_page(site, url)) == title
    assert warnings_of(site) == []


def test_readme_is_the_index(site) -> None:  # noqa: ANN001
    home = _page(site, "/")
    assert _title(home) == "The Project"
    assert "Welcome" in home
    assert _title(_page(site, "/sub/")) == "Sub folder"  # readme.markdown, any case
    # a folder with its own index keeps it; its README is not a page
    other = _page(site, "/other/")
    assert _title(other) == "Other things"
    assert "Not the index" not in other
    assert "other/README" not in site.env.found_docs


def test_licence_stays_out(site) -> None:  # noqa: ANN001
    assert not (Path(site.outdir) / "LICENSE.html").exists()
    assert not any(d.upper().endswith("LICENSE") for d in site.env.found_docs)


def test_relative_links_resolve_to_the_pages(site) -> None:  # noqa: ANN001
    guide = _page(site, "/docs/guide.html")
    assert 'href="setup.html#install"' in guide  # [setup](setup.md#install)
    assert 'href="../notes.html"' in guide  # [notes]: ../notes.md (a reference link)
    home = _page(site, "/")
    assert 'href="docs/guide.html"' in home  # from the README
    # [lic]: LICENSE.md, a Markdown file that is not a page: a link to (a copy of) the file
    assert re.search(r'class="reference download internal" download="" href="_downloads/\w+/LICENSE.md"', home)


def test_without_github_pages_the_files_are_not_pages(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    src = copy_tree(ROOTS / "test-github-pages", tmp_path / "site")
    (src / "Gemfile").write_text('source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n', encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    assert sorted(d for d in app.env.found_docs if not d.startswith("_")) == ["index", "notes", "other/index"]
    assert not (Path(app.outdir) / "docs" / "guide.html").exists()
    assert "The Project" not in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


def test_the_setting_wins_over_the_gemfile(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    src = copy_tree(ROOTS / "test-github-pages", tmp_path / "site")
    app = make_app("html", srcdir=src, confoverrides={"blogposts_github_pages": False})
    app.build()
    assert "docs/guide" not in app.env.found_docs
    # and a plugin listed under plugins: is on by itself
    src2 = copy_tree(ROOTS / "test-github-pages", tmp_path / "site2")
    (src2 / "Gemfile").unlink()
    (src2 / "_config.yml").write_text(
        "title: A project\nplugins: [jekyll-optional-front-matter]\n", encoding="utf-8"
    )
    app2 = make_app("html", srcdir=src2)
    app2.build()
    assert "docs/guide" in app2.env.found_docs
    assert "README" not in app2.env.found_docs and "index" in app2.env.found_docs  # no readme-index: generated home


def test_incremental_equals_fresh_when_an_index_appears(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    src = copy_tree(ROOTS / "test-github-pages", tmp_path / "site")
    make_app("html", srcdir=src).build()
    (src / "sub" / "index.md").write_text("---\ntitle: Sub index\n---\n\nMine.\n", encoding="utf-8")
    again = make_app("html", srcdir=src)
    again.build()
    assert _title(_page(again, "/sub/")) == "Sub index"
    fresh = make_app("html", srcdir=copy_tree(src, tmp_path / "fresh"), freshenv=True)
    fresh.build()
    assert sorted(again.env.found_docs) == sorted(fresh.env.found_docs)
    assert _page(again, "/sub/") == _page(fresh, "/sub/")


def test_check_reports_the_plugins(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sphinx_blogposts.cli import main

    src = copy_tree(ROOTS / "test-github-pages", tmp_path / "site")
    result = CliRunner().invoke(main, ["check", str(src)])
    assert "GitHub Pages' plugins: on: jekyll-optional-front-matter" in " ".join(result.output.split())
    assert "jemoji" in result.output


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# T\n\nText.\n", "# T\n\nText.\n\n```{post}\n```\n"),
        ("", "\n\n```{post}\n```\n"),
        ("Text\n\n```python\nx = 1\n", "Text\n\n```python\nx = 1\n```\n\n```{post}\n```\n"),
        ("~~~~\ncode\n~~~\n", "~~~~\ncode\n~~~\n~~~~\n\n```{post}\n```\n"),  # a shorter fence does not close
        ("```\ncode\n```\n", "```\ncode\n```\n\n```{post}\n```\n"),
        ("``` `inline` ``` text\n", "``` `inline` ``` text\n\n```{post}\n```\n"),  # not a fence
    ],
)
def test_the_directive_goes_after_the_text(body: str, expected: str) -> None:
    from sphinx_blogposts.reading.source_reader import directive_after

    assert directive_after(body) == expected


def test_parallel_equals_serial(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    apps = []
    for jobs in (1, 2):
        src = copy_tree(ROOTS / "test-github-pages", tmp_path / f"site{jobs}")
        app = make_app("html", srcdir=src, parallel=jobs)
        app.build()
        apps.append(app)
    serial, parallel = apps
    assert sorted(serial.env.found_docs) == sorted(parallel.env.found_docs)
    for url in ("/", "/docs/guide.html", "/docs/setup.html", "/docs/emoji.html", "/sub/", "/other/"):
        assert _page(serial, url) == _page(parallel, url)


def test_check_leaves_out_the_readme_beside_an_index(tmp_path: Path) -> None:
    from sphinx_blogposts.cli.site_report import scan_site

    src = copy_tree(ROOTS / "test-github-pages", tmp_path / "site")
    skipped = {f.path: f.skipped for f in scan_site(src).files}
    assert skipped["other/README.md"] == "README beside an index"
    assert skipped["README.md"] is None and skipped["sub/readme.markdown"] is None
    assert skipped["docs/guide.md"] is None
    assert skipped["LICENSE.md"] == "no front matter"
