"""The documentation and the example site build without a single warning (-W)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_tree

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("folder", ["docs", "examples"])
def test_builds_warning_free(tmp_path, folder):
    source = REPO / folder
    if not (source / "conf.py").exists():
        pytest.skip(f"{folder}/ is not part of this checkout")
    from sphinx.cmd.build import build_main

    # the command users and Read the Docs run (SphinxTestApp would swap the theme)
    site = copy_tree(source, tmp_path / folder)
    out, log = tmp_path / "html", tmp_path / "warnings.txt"
    status = build_main(["-W", "--keep-going", "-q", "-b", "html", "-w", str(log), str(site), str(out)])
    assert log.read_text(encoding="utf-8") == ""
    assert status == 0
    assert (out / "index.html").exists()


def test_example_site_indexes_archives_and_feeds(build, tmp_path):
    import feedparser

    from sphinx_blogposts.store.domain import BlogpostsDomain

    source = REPO / "examples"
    if not (source / "conf.py").exists():
        pytest.skip("examples/ is not part of this checkout")
    app = build("examples", srcdir=copy_tree(source, tmp_path / "examples"))
    domain = BlogpostsDomain.of(app.env)
    posts = {d: r for d, r in domain.posts.items() if r.kind == "post"}
    archive = domain.data["archive_map"]
    assert set(archive["collection"]) == {"posts", "notas"}
    for name, index in archive["collection"].items():
        html = (app.outdir / f"{index}.html").read_text(encoding="utf-8")
        members = [d for d, r in posts.items() if r.collection == name]
        assert members and all(f"{d.split('/')[-1]}.html" in html for d in members), name
    assert set(archive["year"]) == {str(r.date.year) for r in posts.values()}
    assert archive["tag"] and archive["category"]
    feed = feedparser.parse((app.outdir / "feed.xml").read_bytes())
    # as jekyll-feed: feed.xml is site.posts; the notas are in their index's feed
    assert not feed.bozo and len(feed.entries) == sum(r.collection == "posts" for r in posts.values())
    assert all(e.link.startswith("https://example.org/") for e in feed.entries)


#: The example site's old URLs, as Jekyll made them (the default `date` style
#: for _posts, the front-matter permalinks of _notas, redirect_from).
EXAMPLE_OLD_URLS = {
    "/notes/2026/01/12/a-blog-without-a-theme-engine.html": "2026-01-12-a-blog-without-a-theme-engine",
    "/kitchen/2026/02/03/slow-bread.html": "2026-02-03-slow-bread",
    "/bread/": "2026-02-03-slow-bread",
    "/2026/slow-bread.html": "2026-02-03-slow-bread",
    "/outdoors/lists/2026/04/18/counting-birds-from-a-balcony.html": "2026-04-18-counting-birds-from-a-balcony",
    "/2026/06/30/the-first-half-of-the-year.html": "2026-06-30-the-first-half-of-the-year",
    "/notas/0001_atardeceres": "0001_atardeceres",
    "/notas/0002_matraz": "0002_matraz",
}


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_example_old_urls_work_under_a_prefix(build, tmp_path, buildername):
    import shutil
    import urllib.parse

    from conftest import follow, serve

    source = REPO / "examples"
    if not (source / "conf.py").exists():
        pytest.skip("examples/ is not part of this checkout")
    app = build(
        "examples",
        buildername=buildername,
        srcdir=copy_tree(source, tmp_path / "examples"),
        confoverrides={"blogposts_url_spellings": True},  # /x, /x/ and /x.html all reach the page
    )
    served = tmp_path / "served"
    shutil.copytree(app.outdir, served / "en" / "latest")
    with serve(served) as base:
        titles = {}
        for path, stem in EXAMPLE_OLD_URLS.items():
            key = path.strip("/").removesuffix(".html")
            for variant in (path, f"/{key}", f"/{key}/", f"/{key}.html"):
                final, title = follow(base + "/en/latest" + urllib.parse.quote(variant))
                # every page is at its Jekyll URL: one title per source, never a _folder/ page
                assert "/en/latest/" in final and "/en/latest/_" not in final and title, (variant, final)
                assert titles.setdefault(stem, title) == title, (variant, final, title)


def test_readthedocs_configuration_builds_the_docs_with_the_package():
    import yaml

    config_file = REPO / ".readthedocs.yaml"
    if not config_file.exists():
        pytest.skip(".readthedocs.yaml is not part of this checkout")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert isinstance(config["build"]["os"], str) and config["build"]["os"]
    python = str(config["build"]["tools"]["python"])
    assert tuple(int(n) for n in python.split(".")[:2]) >= (3, 11), python  # requires-python
    assert config["sphinx"]["configuration"] == "docs/conf.py"
    assert (REPO / config["sphinx"]["configuration"]).is_file()
    installs = [i for i in config["python"]["install"] if i.get("method") == "pip"]
    assert any(i.get("path") == "." for i in installs), config["python"]["install"]
    extras = {e for i in installs for e in i.get("extra_requirements", [])}
    if extras:
        import tomllib

        project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert extras <= set(project.get("optional-dependencies", {})), extras


def test_docs_news_posts_are_in_the_archive_and_the_feeds(build, tmp_path):
    import feedparser

    from sphinx_blogposts.store.domain import BlogpostsDomain

    source = REPO / "docs"
    if not (source / "news").is_dir():
        pytest.skip("docs/news/ is not part of this checkout")
    app = build("docs", srcdir=copy_tree(source, tmp_path / "docs"))
    domain = BlogpostsDomain.of(app.env)
    news = sorted(p.with_suffix("").relative_to(source).as_posix() for p in (source / "news").glob("*.md"))
    posts = {d: r for d, r in domain.posts.items() if r.kind == "post"}
    assert news and set(news) <= set(posts), (news, sorted(posts))
    archive = domain.data["archive_map"]
    for docname in news:
        year = str(posts[docname].date.year)
        page = (app.outdir / f"{archive['year'][year]}.html").read_text(encoding="utf-8")
        assert docname.split("/")[-1] + ".html" in page, (docname, year)
    for feed_file in ("feed.xml", "rss.xml", "posts/feed.xml"):
        feed = feedparser.parse((app.outdir / feed_file).read_bytes())
        assert not feed.bozo, feed_file
        links = {e.link.rstrip("/").removesuffix(".html") for e in feed.entries}
        assert all(any(link.endswith(d) for link in links) for d in news), (feed_file, links)
