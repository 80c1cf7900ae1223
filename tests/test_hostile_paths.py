"""Hostile input, second round: paths.  Nothing is written outside the output
folder, nothing is read from outside the source folder, no build stops, and
every refusal is one located ``blogposts.*`` warning.

Each case is a small site made in ``tmp_path``, deep enough (``tmp/a/b/site``)
that a ``../..`` would land beside it, with a secret file and marker folders
around it; the file system around the build is listed before and after.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import warnings_of

from sphinx_blogposts.cli.commands import main

SECRET = "SECRET-5f2c9e"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<msg>.*) \[(?P<type>[\w.]+)\]$")


def make_site(tmp_path: Path, files: dict[str, str], jekyll: bool) -> Path:
    """A site at ``tmp_path/a/b/site`` with ``files``; a secret file and markers around it."""
    site = tmp_path / "a" / "b" / "site"
    site.mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "a" / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "data.yml").write_text(f"k: {SECRET}\n", encoding="utf-8")
    (tmp_path / "outside" / "inc.html").write_text(SECRET + "\n", encoding="utf-8")
    (tmp_path / "marker").mkdir()
    (tmp_path / "marker" / "keep.txt").write_text("marker\n", encoding="utf-8")
    conf = 'extensions = ["sphinx_blogposts"]\nexclude_patterns = ["_build"]\nhtml_baseurl = "https://example.org/"\n'
    (site / "conf.py").write_text(conf, encoding="utf-8")
    if not jekyll:
        (site / "index.md").write_text("# Home\n\nThe docs.\n", encoding="utf-8")
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


def listing(root: Path, skip: Path) -> dict[str, bytes]:
    """Every file under ``root`` (links not followed) but those under ``skip``, with its bytes."""
    out: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(root):
        if Path(folder) == skip or skip in Path(folder).parents:
            dirs[:] = []
            continue
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder) / name
            out[str(path.relative_to(root))] = b"<link>" if path.is_symlink() else path.read_bytes()
    return out


def build(make_app, tmp_path: Path, site: Path, freshenv: bool = False, parallel: int = 0):  # noqa: ANN001, ANN201
    """Build ``site``; assert nothing changed outside its ``_build`` and no secret got in."""
    before = listing(tmp_path, site / "_build")
    app = make_app("html", srcdir=site, freshenv=freshenv, parallel=parallel)
    app.build()
    assert app.statuscode == 0
    assert "Traceback" not in app.warning.getvalue()
    assert listing(tmp_path, site / "_build") == before, "something was written outside the output folder"
    leaked = [str(p) for p in (site / "_build").rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert leaked == [], "a file from outside the source folder was published"
    return app


def located(app, site: Path) -> list[tuple[str, int, str, str]]:  # noqa: ANN001
    """Every warning as (path relative to the site, line, type.subtype, message)."""
    out = []
    for line in warnings_of(app):
        m = LINE.match(line)
        assert m, f"a warning without file and line: {line}"
        path = os.path.relpath(m["path"], site)
        assert not path.startswith(("..", "_build")), f"a warning points outside the sources: {line}"
        out.append((path, int(m["line"]), m["type"], m["msg"]))
    return sorted(out)


def out(site: Path) -> Path:
    return site / "_build" / "html"


# -- writes -----------------------------------------------------------------


def test_docs_project_collection_names_are_folders_of_the_output(make_app, tmp_path: Path) -> None:
    absolute = tmp_path / "abs"
    site = make_site(
        tmp_path,
        {
            "climb.md": '---\ntitle: Climb\ndate: 2024-01-01\ncollection: "../../x"\n---\n\nBody.\n',
            "root.md": f'---\ntitle: Root\ndate: 2024-01-02\ncollection: "{absolute}/x"\n---\n\nBody.\n',
        },
        jekyll=False,
    )
    app = build(make_app, tmp_path, site)
    assert not absolute.exists()
    assert located(app, site) == [
        ("climb.md", 4, "blogposts.archive", "the collection name '../../x' cannot be a folder as written; its index is at 'x/'"),
        ("root.md", 4, "blogposts.archive",
         f"the collection name '{absolute}/x' cannot be a folder as written; its index is at "
         f"'{absolute.as_posix().strip('/').replace('/', '-').casefold()}-x/'"),
    ]  # fmt: skip
    assert "Climb" in (out(site) / "x" / "index.html").read_text(encoding="utf-8")
    assert (out(site) / "x" / "feed.xml").is_file()


def test_jekyll_config_paths_become_slugs(make_app, tmp_path: Path) -> None:
    config = (
        "title: T\nurl: https://example.org\n"
        "collections:\n  posts:\n    output: true\n    index_path: ../../../idx\n"
        "tag_archive:\n  path: /../../tagsout/\n"
        "category_archive:\n  path: /abs/../../cats\n"
        "jekyll-archives:\n  permalinks:\n    year: /../../years/:year/\n"
    )
    post = "---\ntitle: A post\ntags: [t1]\ncategories: [c1]\n---\n\nBody.\n"
    site = make_site(tmp_path, {"_config.yml": config, "_posts/2024-01-01-a.md": post}, jekyll=True)
    app = build(make_app, tmp_path, site)
    assert located(app, site) == [
        ("_config.yml", 3, "blogposts.config",
         "the index_path '../../../idx' of the collection 'posts' is not a folder of the site; its index is at 'idx'"),
        ("_config.yml", 7, "blogposts.config",
         "the tag archive path '../../tagsout' is not a folder of the site; its pages are at 'tagsout/'"),
        ("_config.yml", 9, "blogposts.config",
         "the category archive path 'abs/../../cats' is not a folder of the site; its pages are at 'abs/cats/'"),
        ("_config.yml", 11, "blogposts.config",
         "the year archive path '../../years' is not a folder of the site; its pages are at 'years/'"),
    ]  # fmt: skip
    for page in ("idx/index.html", "tagsout/t1.html", "abs/cats/c1.html", "years/2024.html"):
        assert "A post" in (out(site) / page).read_text(encoding="utf-8"), page


def test_reserved_and_broken_redirects_are_refused_at_their_line(make_app, tmp_path: Path) -> None:
    post = (
        "---\ntitle: Claims\n"
        "redirect_from: [/redirects.json/, /sitemap.xml/, /.blogposts-redirects/, /genindex, /search, /_static/x/, /a%00b/]\n"
        "---\n\nBody.\n"
    )
    other = "---\ntitle: Nul byte\npermalink: /x%00y/\n---\n\nBody.\n"
    site = make_site(
        tmp_path, {"_posts/2024-01-01-claims.md": post, "_posts/2024-01-02-null.md": other, "_config.yml": "title: T\n"}, jekyll=True
    )
    app = build(make_app, tmp_path, site)
    found = located(app, site)
    assert [(p, n, t) for p, n, t, _ in found] == [("_posts/2024-01-01-claims.md", 3, "blogposts.permalink")] * 7 + [
        ("_posts/2024-01-02-null.md", 3, "blogposts.permalink")
    ]
    messages = " ".join(m for *_, m in found)
    for name in ("redirects.json", "sitemap.xml", ".blogposts-redirects", "genindex", "search", "_static"):
        assert f"would replace {name!r}" in messages
    assert messages.count("decodes to characters a file name cannot hold") == 2
    html = out(site)
    assert (html / "redirects.json").is_file() and (html / "sitemap.xml").is_file()
    assert 'id="search-results"' in (html / "search.html").read_text(encoding="utf-8") or (
        "searchindex.js" in (html / "search.html").read_text(encoding="utf-8")
    )
    assert "Claims" not in (html / "genindex.html").read_text(encoding="utf-8").split("<body")[0]
    # removing the redirect later deletes nothing of Sphinx's, even with a manifest naming them
    (html / ".blogposts-redirects").write_text("genindex.html\nsearch.html\n../../../marker/keep.txt\n", encoding="utf-8")
    (site / "_posts/2024-01-01-claims.md").write_text("---\ntitle: Claims\n---\n\nBody.\n", encoding="utf-8")
    build(make_app, tmp_path, site)
    assert (html / "genindex.html").is_file() and (html / "search.html").is_file()
    assert (tmp_path / "marker" / "keep.txt").is_file()


def test_names_with_line_separators_keep_their_posts(make_app, tmp_path: Path) -> None:
    post = (
        '---\ntitle: Separated\ntags: ["a\\u2028b", "c\\u2029d"]\ncategories: ["e\\x85f"]\n'
        'author: "g\\u2028h"\n---\n\nBody.\n'
    )
    site = make_site(tmp_path, {"_posts/2024-01-01-sep.md": post, "_config.yml": "title: T\n"}, jekyll=True)
    app = build(make_app, tmp_path, site)
    assert located(app, site) == []
    html = out(site)
    for page in ("tags/a-b.html", "tags/c-d.html", "categories/e-f.html", "authors/g-h.html"):
        assert "Separated" in (html / page).read_text(encoding="utf-8"), page


def test_searchindex_names_generated_pages_by_their_site_path(make_app, tmp_path: Path) -> None:
    post = "---\ntitle: Indexed\ntags: [t1]\n---\n\nBody.\n"
    site = make_site(tmp_path, {"_posts/2024-01-01-i.md": post, "_config.yml": "title: T\n"}, jekyll=True)
    build(make_app, tmp_path, site)
    index = (out(site) / "searchindex.js").read_text(encoding="utf-8")
    assert str(tmp_path) not in index and "_blogposts_generated" not in index
    assert '"tags/index.md"' in index and '"posts/index.md"' in index  # generated documents, by their site path


# -- reads ------------------------------------------------------------------


def test_links_and_downloads_to_files_outside_publish_nothing(make_app, tmp_path: Path) -> None:
    post = (
        "---\ntitle: Links\ndate: 2024-01-01\n---\n\n"
        "A [link](../../../secret.txt) and {download}`../../../secret.txt`.\n\n"
        "Through a link: [inc](out/inc.html).\n"
    )
    site = make_site(tmp_path, {"post.md": post}, jekyll=False)
    (site / "out").symlink_to(tmp_path / "outside")
    app = build(make_app, tmp_path, site)
    message = "leads to a file outside the source folder; it is not published"
    assert located(app, site) == [
        ("post.md", 6, "blogposts.link", f"the link to '../../../secret.txt' {message}"),
        ("post.md", 6, "blogposts.link", f"the link to '../../../secret.txt' {message}"),
        ("post.md", 8, "blogposts.link", f"the link to 'out/inc.html' {message}"),
    ]
    page = (out(site) / "post.html").read_text(encoding="utf-8")
    assert "link" in page and "inc" in page  # the text stays
    assert not (out(site) / "_downloads").exists()


@pytest.mark.parametrize("parallel", [0, 2])
def test_jekyll_data_includes_and_links_out_of_the_site_are_not_read(make_app, tmp_path: Path, parallel: int) -> None:
    post = (
        "---\ntitle: Reads\n---\n\n"
        "Data: {{ site.data.nav.k }}\n\n"
        "{% include inc.html %}\n\n"
        "[link]({% link files/inc.html %})\n\n"
        "{% include_relative part.html %}\n"
    )
    site = make_site(tmp_path, {"_posts/2024-01-01-r.md": post, "_config.yml": "title: T\n"}, jekyll=True)
    (site / "_data").mkdir()
    (site / "_data" / "nav.yml").symlink_to(tmp_path / "outside" / "data.yml")
    (site / "_data" / "authors.yml").symlink_to(tmp_path / "outside" / "data.yml")
    (site / "_includes").mkdir()
    (site / "_includes" / "inc.html").symlink_to(tmp_path / "outside" / "inc.html")
    (site / "files").symlink_to(tmp_path / "outside")
    (site / "_posts" / "part.html").symlink_to(tmp_path / "outside" / "inc.html")
    for n in range(2, 6):  # enough documents that -j 2 reads them in two workers
        (site / "_posts" / f"2024-01-0{n}-more.md").write_text(f"---\ntitle: More {n}\n---\n\n{{{{ site.data.nav.k }}}}\n")
    app = build(make_app, tmp_path, site, parallel=parallel)
    found = located(app, site)
    real = os.path.realpath(tmp_path / "outside" / "data.yml")
    for name in ("authors.yml", "nav.yml"):
        message = f"the data file {name} is a symbolic link to {real}, outside the source folder; it is not read"
        assert found.count((f"_data/{name}", 1, "blogposts.link", message)) == 1
    assert any(p == "_posts/2024-01-01-r.md" and n == 7 and "inc.html" in m for p, n, _, m in found)
    assert any(p == "_posts/2024-01-01-r.md" and n == 11 and "part.html" in m for p, n, _, m in found)
    assert ("_posts/2024-01-01-r.md", 9, "blogposts.link",
            "the link to '/files/inc.html' leads to a file outside the source folder; it is not published") in found  # fmt: skip


# -- the command line -------------------------------------------------------


def run(*args: object):  # noqa: ANN201
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("force", [False, True])
def test_init_never_writes_through_links_out_of_the_site(tmp_path: Path, force: bool) -> None:
    site = make_site(tmp_path, {"_config.yml": "title: T\n"}, jekyll=True)
    (site / "conf.py").unlink()
    target = tmp_path / "outside" / "victim.py"
    target.write_text("precious\n", encoding="utf-8")
    (site / "conf.py").symlink_to(target)
    (site / ".readthedocs.yaml").symlink_to(tmp_path / "outside" / "dangling.yaml")
    before = listing(tmp_path, site / "_build")
    result = run("init", site, *(["--force"] if force else []))
    assert result.exit_code == 1
    assert "symbolic link" in result.output or "symbolic link" in (result.stderr or "")
    assert listing(tmp_path, site / "_build") == before
    assert target.read_text(encoding="utf-8") == "precious\n"


def test_new_never_creates_a_post_outside_the_site(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"_config.yml": "title: T\ncollections_dir: ../..\n"}, jekyll=True)
    before = listing(tmp_path, site / "_build")
    result = CliRunner().invoke(main, ["new", "Escape", "--site", str(site), "--date", "2024-01-01"])
    assert result.exit_code == 1
    assert "not inside the site" in result.output
    assert listing(tmp_path, site / "_build") == before


def test_check_reports_the_path_problems_without_building(tmp_path: Path) -> None:
    config = "title: T\ncollections:\n  posts:\n    index_path: ../../idx\ntag_archive:\n  path: ../tags\n"
    post = '---\ntitle: A\ntags: [t]\nredirect_from: [/search/]\n---\n\nBody.\n'
    site = make_site(tmp_path, {"_config.yml": config, "_posts/2024-01-01-a.md": post}, jekyll=True)
    (site / "_data").mkdir()
    (site / "_data" / "authors.yml").symlink_to(tmp_path / "outside" / "data.yml")
    before = listing(tmp_path, site / "_build")
    result = run("check", site)
    text = result.output
    assert "_config.yml:2: blogposts.config: the index_path '../../idx'" in text
    assert "_config.yml:5: blogposts.config: the tag archive path '../tags'" in text
    assert "_posts/2024-01-01-a.md:4: blogposts.permalink: redirect_from: '/search/' would replace 'search'" in text
    assert "_data/authors.yml:1: blogposts.link: the data file authors.yml is a symbolic link" in text
    assert listing(tmp_path, site / "_build") == before


def test_check_reports_a_front_matter_collection_that_cannot_be_a_folder(tmp_path: Path) -> None:
    post = '---\ntitle: Climb\ndate: 2024-01-01\ncollection: "../../x"\n---\n\nBody.\n'
    site = make_site(tmp_path, {"climb.md": post}, jekyll=False)
    result = run("check", site)
    assert (
        "climb.md:4: blogposts.archive: the collection name '../../x' cannot be a folder as written; "
        "its index is at 'x/'"
    ) in result.output
