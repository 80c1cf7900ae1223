"""Collection indexes, archives, post lists, feeds and navigation (tests/roots/test-jekyll)."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from conftest import ROOTS, copy_tree, edit_then_build_fresh, module_site, page_of, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain

LINK = re.compile(r'<a class="reference internal" href="([^"#]+)">')


def links(html: str, start: str = "", end: str = "") -> list[str]:
    """Internal link targets in a page (between two markers)."""
    if start:
        html = html.split(start, 1)[1]
    if end:
        html = html.split(end, 1)[0]
    body = html.split('<div class="body" role="main">', 1)[-1].split('<div class="sphinxsidebar"', 1)[0]
    return LINK.findall(body)


ENTRY = re.compile(r'class="[^"]*blogposts-entry-link[^"]*" href="([^"]*)">(.*?)</a>')


def entry_titles(html: str) -> list[str]:
    """The titles a page's post lists show, in order."""
    return [re.sub("<[^>]+>", "", title) for _, title in ENTRY.findall(html)]


def entry_links(html: str) -> list[str]:
    return [href for href, _ in ENTRY.findall(html)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from module_site("jekyll", tmp_path_factory)


def page(app, docname: str) -> str:
    return (app.outdir / f"{docname}.html").read_text(encoding="utf-8")


def test_one_index_per_collection_listing_every_post(site):
    posts = page(site, "posts/index")
    assert "<h1>Posts" in posts
    assert entry_links(posts) == [
        "../2022/01/02/more-marker.html",
        "../journal/misc/2021/05/06/second-post.html",
        "../journal/2021/03/04/first-post.html",
        "../news/2020/08/09/categorised.html",
        "../2020/01/05/short-date.html",
    ]  # newest first, each at its Jekyll URL; each card links its title and its "Read more"
    notes = page(site, "notes/index")
    assert "<h1>Lab notes" in notes  # the collection's title from _config.yml
    assert {"lab-one/index.html", "lab-two/index.html", "handwritten/index.html"} == set(entry_links(notes))
    assert 'class="sd-card' in notes  # sphinx-design cards
    assert not (site.outdir / "hidden" / "index.html").exists()  # output: false


def test_archives_by_year_tag_category_author(site):
    archive = page(site, "archive/index")
    assert [y for y in re.findall(r'href="(\d{4})\.html"', archive)] == ["2023", "2022", "2021", "2020"]
    year = page(site, "archive/2021")
    assert "<h1>Posts from 2021" in year
    assert year.index("May 2021") < year.index("March 2021")  # months, newest first
    assert entry_titles(year) == ["Second post", "First post"]
    assert entry_titles(page(site, "tags/lab")) == ["Handwritten in rST", "Lab one"]
    assert "Posts tagged \u201clab\u201d" in page(site, "tags/lab")
    assert entry_titles(page(site, "tags/two-words")) == ["First post"]
    assert entry_titles(page(site, "categories/journal")) == ["Second post", "First post"]
    assert entry_titles(page(site, "categories/news")) == ["Categorised by folder"]
    assert entry_titles(page(site, "authors/bruno")) == ["Lab one"]
    tags = page(site, "tags/index")
    assert 'href="lab.html"' in tags and "(2)" in tags


def test_postlist_filters(site):
    html = page(site, "lists")
    sections = re.split(r"<h2>", html)
    titles = {s.split("<", 1)[0]: entry_titles(s) for s in sections[1:]}
    assert titles["Lab posts"] == ["Handwritten in rST", "Lab one"]
    assert titles["Oldest two"] == ["Short Date", "Categorised by folder"]
    assert titles["From 2021 as cards"] == ["Second post", "First post"]
    assert titles["By Bruno in notes"] == ["Lab one"]
    assert titles["Journal"] == ["Second post", "First post"]


def test_previous_next_links_and_navigation(site):
    first = page_of(site, "_posts/2021-03-04-first-post").read_text(encoding="utf-8")
    nav = first.split('class="blogposts-post-nav', 1)[1]
    assert "news/2020/08/09/categorised.html" in nav.split("blogposts-next")[0]  # older
    assert "misc/2021/05/06/second-post.html" in nav.split("blogposts-next")[1]  # newer
    home = page(site, "index")
    for section in ("posts/index.html", "notes/index.html", "archive/index.html", "tags/index.html"):
        assert f'href="{section}"' in home
    assert not [w for w in warnings_of(site) if "toctree" in w]
    # generated indexes and overviews are searchable documents; the tag pages are
    # list pages (their entries are found through the posts)
    index = (site.outdir / "searchindex.js").read_text()
    assert '"tags/index"' in index and '"posts/index"' in index
    assert "tags/lab" not in index


def test_pagination(build):
    app = build("jekyll", confoverrides={"blogposts_paginate": 2})
    pages = ["posts/index", "posts/page/2", "posts/page/3"]
    titles = [entry_titles(page(app, d)) for d in pages]
    assert titles == [
        ["More marker", "Second post"],
        ["First post", "Categorised by folder"],
        ["Short Date"],
    ]
    second = page(app, "posts/page/2")
    assert "Page 2 of 3" in second and "Previous page" in second and "Next page" in second
    assert not (app.outdir / "posts" / "page" / "4.html").exists()


def test_feeds(site):
    feed = feedparser.parse((site.outdir / "feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == "Field Notes & Trials"
    # jekyll-feed's feed.xml holds site.posts only: the notes have their own feed
    assert [e.title for e in feed.entries][:1] == ["More marker"] and len(feed.entries) == 5
    assert all(e.link.startswith("https://example.org/blog/") for e in feed.entries)
    notes = feedparser.parse((site.outdir / "notes" / "feed.xml").read_bytes())
    assert notes.entries[0].link == "https://example.org/blog/notes/handwritten/"  # its Jekyll URL
    rss = feedparser.parse((site.outdir / "rss.xml").read_bytes())
    assert not rss.bozo and len(rss.entries) == 5 and rss.version == "rss20"
    posts = feedparser.parse((site.outdir / "posts" / "feed.xml").read_bytes())
    assert [e.title for e in posts.entries] == ["More marker", "Second post", "First post", "Categorised by folder", "Short Date"]
    assert posts.entries[2].summary == "The first paragraph of the first post is the excerpt."
    assert [t.term for t in posts.entries[2].tags] == ["journal", "alpha", "two words"]  # categories, then tags
    head = page_of(site, "_posts/2021-03-04-first-post").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Atom" href="../../../../feed.xml" />' in head


def test_spanish_labels_and_months(build):
    app = build("jekyll", confoverrides={"language": "es"})
    year = page(app, "archive/2021")
    assert "Entradas de 2021" in year and "Mayo de 2021" in year and "Marzo de 2021" in year
    assert "Entradas con la etiqueta \u00ablab\u00bb" in page(app, "tags/lab")
    assert "Leer más" in page(app, "posts/index")


def test_latex_and_singlehtml_include_posts(build):
    latex = build("jekyll", buildername="latex", confoverrides={"latex_documents": [("index", "site.tex", "Site", "A", "manual")]})
    tex = (latex.outdir / "site.tex").read_text()
    for title in ("Lab one", "Second post", "Categorised by folder"):
        assert title in tex
    single = build("jekyll", buildername="singlehtml")
    html = (single.outdir / "index.html").read_text()
    assert "Second paragraph with more words in it." in html


def test_user_page_is_never_overwritten(build, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    (site / "tags").mkdir()
    (site / "tags" / "lab.md").write_text("---\ntitle: My own lab page\n---\n\nHand made.\n")
    app = build("jekyll", srcdir=site)
    assert "Hand made." in page(app, "tags/lab")
    (warning,) = [w for w in warnings_of(app) if "[blogposts.archive]" in w]
    assert "tags/lab.md:1: WARNING: this page is where sphinx_blogposts would generate 'tags/lab'" in warning


def test_colliding_and_empty_slugs(build, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    (site / "_posts" / "2023-01-01-odd-tags.md").write_text(
        '---\ntitle: Odd tags\ntags: ["C++", "c", "!!!", "Straße", "strasse"]\n---\n\nBody.\n'
    )
    app = build("jekyll", srcdir=site)
    tag_pages = BlogpostsDomain.of(app.env).data["archive_map"]["tag"]
    assert tag_pages["!!!"] == "tags/item"
    assert {tag_pages["C++"], tag_pages["c"]} == {"tags/c", "tags/c-2"}
    assert {tag_pages["Straße"], tag_pages["strasse"]} == {"tags/strasse", "tags/strasse-2"}
    problems = [w for w in warnings_of(app) if "[blogposts.archive]" in w]
    assert len(problems) == 3 and all("2023-01-01-odd-tags.md:3" in w for w in problems)


def _mutate(site: Path) -> None:
    posts = site / "_posts"
    (posts / "2023-03-03-brand-new.md").write_text("---\ntitle: Brand new\ntags: [alpha, fresh]\n---\n\nNew text.\n")
    (posts / "2022-01-02-more-marker.md").unlink()
    second = posts / "2021-05-06-second-post.md"
    second.write_text(second.read_text().replace("title: Second post", "title: Second post, retitled"))
    first = posts / "2021-03-04-first-post.md"
    first.write_text(first.read_text().replace("date: 2021-03-04 10:00:00 +0100", "date: 2019-06-01 09:00:00 +0100"))
    lab = site / "_notes" / "lab-one.md"
    lab.write_text(lab.read_text().replace('tags = ["lab"]', 'tags = ["field"]'))
    (site / "_notes" / "lab-two.md").rename(posts / "2023-07-09-lab-two.md")  # another collection


@pytest.mark.parametrize("parallel", [1, 2])
def test_incremental_lists_and_feeds_equal_fresh(make_app, tmp_path, parallel):
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _mutate, parallel)

    data = BlogpostsDomain.of(fresh.env).data
    generated = set(data["generated"]) | set(data["list_pages"])  # documents and list pages
    assert generated == set(BlogpostsDomain.of(again.env).data["generated"]) | set(BlogpostsDomain.of(again.env).data["list_pages"])
    assert {"tags/fresh", "tags/field", "archive/2019"} <= generated and "archive/2022" not in generated
    posts = {d for d in fresh.env.all_docs if BlogpostsDomain.of(fresh.env).data["moved"].get(d, "").startswith("_posts/")}
    assert posts
    compared = sorted(generated | {"lists"} | posts)
    for docname in compared:
        assert page(again, docname) == page(fresh, docname), docname
    for feed in ("feed.xml", "rss.xml", "posts/feed.xml", "notes/feed.xml"):
        assert (again.outdir / feed).read_bytes() == (fresh.outdir / feed).read_bytes(), feed
    # the pages of what is gone are gone too
    assert not (again.outdir / "archive" / "2022.html").exists()
    assert not (again.outdir / "2022" / "01" / "02" / "more-marker.html").exists()
    assert not (again.outdir / "_notes" / "lab-two.html").exists()


def test_no_change_rebuild_writes_nothing_new(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    make_app("html", srcdir=site).build()
    feed = site / "_build" / "html" / "feed.xml"
    before = feed.stat().st_mtime_ns
    again = make_app("html", srcdir=site)
    again.build()
    assert "targets for 0 source files that are out of date" in again.status.getvalue()
    assert "no targets are out of date" in again.status.getvalue()
    assert feed.stat().st_mtime_ns == before


def test_many_tags_same_titles_and_empty_collection(build, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    tags = ", ".join(f"t{i:05d}" for i in range(10_000))
    (site / "_posts" / "2023-02-02-many-tags.md").write_text(f"---\ntitle: Same title\ntags: [{tags}, lab]\n---\n\nMany.\n")
    (site / "_posts" / "2023-02-03-same-title.md").write_text("---\ntitle: Same title\n---\n\nAgain.\n")
    (site / "_empty").mkdir()
    (site / "_config.yml").write_text((site / "_config.yml").read_text().replace("  hidden:", "  empty:\n    output: true\n  hidden:"))
    app = build("jekyll", srcdir=site, confoverrides={"blogposts_archive_limit": 20})
    archive = BlogpostsDomain.of(app.env).data["archive_map"]
    assert len(archive["tag"]) == 20 and "lab" in archive["tag"]  # the most used tags win
    problems = [w for w in warnings_of(app) if "[blogposts.archive]" in w]
    assert any("10006 tags: only the 20 most used get a page" in w and "_posts/2023-02-02-many-tags.md:1" in w for w in problems)
    assert any("_config.yml:1: WARNING: the collection 'empty' has no published posts" in w for w in problems)
    assert entry_titles(page(app, "posts/index"))[:2] == ["Same title", "Same title"]
    again = build("jekyll", srcdir=site, confoverrides={"blogposts_archive_limit": 20})
    assert BlogpostsDomain.of(again.env).data["archive_map"] == archive  # deterministic


def test_full_text_feeds_have_absolute_links(build):
    app = build("figures", confoverrides={"blogposts_feed_full_text": True})
    feed = feedparser.parse((app.outdir / "feed.xml").read_bytes())
    assert not feed.bozo
    seed = next(e for e in feed.entries if e.title == "Seed shapes")
    content = seed.content[0].value
    assert '<img alt="IMG" src="https://example.github.io/_images/b.png" />' in content
    assert "A giant iguana from space" in content
    assert "blogposts-post-header" not in content and "headerlink" not in content and "<h1>" not in content
    rss = feedparser.parse((app.outdir / "rss.xml").read_bytes())
    assert not rss.bozo and "A giant iguana from space" in next(e for e in rss.entries if e.title == "Seed shapes").content[0].value
