"""jekyll-feed's behaviour: full content, paths, per-tag/category/collection feeds,
limits, excerpt_only, media and entry authors (the minimal-mistakes corpus and
tests/roots/test-jekyll), and the pure rules of :mod:`sphinx_blogposts.core.feeds`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest

from conftest import ROOTS, built_site, copy_tree, edit_then_build_fresh
from sphinx_blogposts.core import feeds
from sphinx_blogposts.core.safe_paths import reserved

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
BASE = "https://mmistakes.github.io/minimal-mistakes/"


def _entries(path: Path) -> list[ElementTree.Element]:
    return ElementTree.parse(path).getroot().findall(f"{ATOM}entry")


def _by_title(path: Path) -> dict[str, ElementTree.Element]:
    return {e.findtext(f"{ATOM}title"): e for e in _entries(path)}


def _with_feed(site: Path, feed_yaml: str) -> Path:
    """``site``'s _config.yml with a ``feed:`` block appended (the corpus has none)."""
    config = site / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nfeed:\n" + feed_yaml, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def mm(tmp_path_factory):  # noqa: ANN201 - a module fixture
    """minimal-mistakes built zero-config (only ``extensions = ["sphinx_blogposts"]``)."""
    from conftest import SHARED

    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it holds the minimal-mistakes corpus)")
    site = copy_tree(SHARED / "corpora" / "minimal-mistakes", tmp_path_factory.mktemp("mm") / "site")
    (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    yield from built_site(site)


def test_zero_config_feed_has_ten_entries_with_full_content(mm):
    path = Path(mm.outdir) / "feed.xml"
    root = ElementTree.parse(path).getroot()
    assert root.findtext(f"{ATOM}title") == "Minimal Mistakes"
    assert root.findtext(f"{ATOM}subtitle").startswith("A flexible Jekyll theme")
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Michael Rose"  # the site's author:
    entries = _entries(path)
    assert len(entries) == 10  # jekyll-feed's posts_limit default
    # feed.xml is site.posts, newest first; <updated> is the newest entry's, never the clock
    assert entries[0].findtext(f"{ATOM}title") == "Exclude Post from Search Index"
    updated = [dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries]
    assert dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == max(updated)
    content = entries[0].find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "only works to exclude posts when using Lunr" in content.text  # the body, not the excerpt
    # every entry has the post's content; links in it resolve without the page
    syntax = _by_title(path)["Markup: Syntax Highlighting"].findtext(f"{ATOM}content")
    hrefs = re.findall(r'(?:href|src)="([^"]+)"', syntax)
    assert hrefs and all("://" in h or h.startswith("mailto:") for h in hrefs), hrefs
    assert all(e.find(f"{ATOM}content") is not None for e in entries)


def test_zero_config_media_and_authors(mm):
    entries = _by_title(Path(mm.outdir) / "feed.xml")
    welcome = entries["Welcome to Jekyll!"]
    teaser = "https://farm5.staticflickr.com/4076/4940499208_b79b77fb0a_z.jpg"  # header.teaser
    assert welcome.find(f"{MEDIA}content").get("url") == teaser
    assert welcome.find(f"{MEDIA}content").get("medium") == "image"
    assert welcome.find(f"{MEDIA}thumbnail").get("url") == teaser
    syntax = entries["Markup: Syntax Highlighting"]  # a site path becomes absolute
    assert syntax.find(f"{MEDIA}content").get("url") == BASE + "assets/images/markup-syntax-highlighting-teaser.jpg"
    assert entries["Exclude Post from Search Index"].find(f"{MEDIA}content") is None
    assert {e.findtext(f"{ATOM}author/{ATOM}name") for e in entries.values()} == {"Michael Rose"}
    # RSS beside it, as before
    rss = ElementTree.parse(Path(mm.outdir) / "rss.xml").getroot()
    assert len(rss.findall("channel/item")) == 10
    assert not list(Path(mm.outdir).glob("feed/**/*.xml"))  # no feed: settings, no extra feeds


@pytest.fixture(scope="module")
def mm_tags(tmp_path_factory):  # noqa: ANN201 - a module fixture
    """minimal-mistakes with ``feed: tags: true``, categories, posts_limit and a local image."""
    from conftest import SHARED

    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it holds the minimal-mistakes corpus)")
    site = copy_tree(SHARED / "corpora" / "minimal-mistakes", tmp_path_factory.mktemp("mmt") / "site")
    (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    _with_feed(site, "  tags: true\n  posts_limit: 100\n  categories:\n    - Jekyll\n    - Layout\n")
    image = ROOTS / "test-figures"
    png = next(image.rglob("*.png"))
    (site / "assets" / "images").mkdir(parents=True)
    shutil.copy(png, site / "assets" / "images" / "feed-test.png")
    (site / "_posts" / "2018-01-01-local-image.md").write_text(
        "---\ntitle: Local image\ntags: [layout]\nimage:\n  path: /assets/images/feed-test.png\n---\n\n"
        "A picture of the site:\n\n![a local picture](/assets/images/feed-test.png)\n",
        encoding="utf-8",
    )
    yield from built_site(site)


def test_tag_feeds_for_every_simple_tag(mm_tags):
    out = Path(mm_tags.outdir)
    domain_tags = mm_tags.env.domaindata["blogposts"]["index"].by["tag"]
    simple = {t for t in domain_tags if re.fullmatch(r"[A-Za-z0-9_]+", t)}
    assert simple and {p.stem for p in (out / "feed" / "by_tag").glob("*.xml") if ".rss" not in p.name} == simple
    assert not (out / "feed" / "by_tag" / "edge case.xml").exists()  # jekyll-feed: no feed for it
    layout = _entries(out / "feed" / "by_tag" / "layout.xml")
    posts = mm_tags.env.domaindata["blogposts"]["posts"]
    expected = sum("layout" in r.tags for r in posts.values() if r.kind == "post" and r.collection == "posts")
    assert len(layout) == expected
    assert all("layout" in {c.get("term") for c in e.findall(f"{ATOM}category")} for e in layout)
    assert (out / "feed" / "by_tag" / "layout.rss.xml").is_file()


def test_category_feeds_limit_authors_and_local_image(mm_tags):
    out = Path(mm_tags.outdir)
    jekyll = _entries(out / "feed" / "Jekyll.xml")
    title = ElementTree.parse(out / "feed" / "Jekyll.xml").getroot().findtext(f"{ATOM}title")
    assert title == "Minimal Mistakes | Jekyll" and jekyll
    assert all("Jekyll" in {c.get("term") for c in e.findall(f"{ATOM}category")} for e in jekyll)
    assert (out / "feed" / "Layout.xml").is_file()
    everything = _by_title(out / "feed.xml")
    assert len(everything) == 70  # posts_limit: 100 (69 posts + the one added)
    billy = everything["Layout: Author Override"]
    assert billy.findtext(f"{ATOM}author/{ATOM}name") == "Billy Rick"  # the authors.yml entry
    local = everything["Local image"]
    assert local.find(f"{MEDIA}content").get("url") == BASE + "assets/images/feed-test.png"
    srcs = re.findall(r'src="([^"]+)"', local.findtext(f"{ATOM}content"))
    assert srcs and all(s.startswith(BASE) for s in srcs), srcs


def test_excerpt_only_tags_only_except_and_path(minimal_mistakes, build):
    site = _with_feed(
        minimal_mistakes,
        "  path: /atom.xml\n  excerpt_only: true\n  posts_limit: 3\n"
        "  tags:\n    only: [layout, image, video, nothing]\n    except: [image]\n    path: /tagfeeds/\n",
    )
    app = build("mm", srcdir=site)
    out = Path(app.outdir)
    assert not (out / "feed.xml").exists() and (out / "rss.xml").is_file()
    entries = _entries(out / "atom.xml")
    assert len(entries) == 3
    assert all(e.find(f"{ATOM}content") is None and e.find(f"{ATOM}summary") is not None for e in entries)
    assert sorted(p.name for p in (out / "tagfeeds").iterdir()) == [
        "layout.rss.xml", "layout.xml", "video.rss.xml", "video.xml"
    ]
    assert not (out / "feed").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" title="Atom" href="atom.xml"' in home


def test_collection_and_category_feeds_at_jekyll_feed_paths(make_app, tmp_path):
    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    _with_feed(
        site,
        "  categories: [journal]\n  collections:\n    notes:\n      categories: [misc]\n"
        "    posts:\n      path: /posts.atom\n",
    )
    (site / "_notes" / "lab-three.md").write_text(
        "---\ntitle: Lab three\ndate: 2023-07-09\nfeed:\n  excerpt_only: true\n---\n\nThe first paragraph.\n\nMore.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=site)
    app.build()
    out = Path(app.outdir)
    notes = ElementTree.parse(out / "feed" / "notes.xml").getroot()
    assert notes.findtext(f"{ATOM}title") == "Field Notes & Trials | Notes"
    links = [e.find(f"{ATOM}link").get("href") for e in notes.findall(f"{ATOM}entry")]
    assert links and all("/blog/notes/" in link for link in links)
    # a post's own feed: excerpt_only leaves its content out, the others keep theirs
    lab = [e for e in notes.findall(f"{ATOM}entry") if "lab-three" in e.find(f"{ATOM}link").get("href")]
    assert lab and lab[0].find(f"{ATOM}content") is None
    assert any(e.find(f"{ATOM}content") is not None for e in notes.findall(f"{ATOM}entry"))
    # posts: path: is the site feed's (jekyll-feed's normalize_posts_meta)
    assert (out / "posts.atom").is_file() and not (out / "feed.xml").exists()
    journal = _entries(out / "feed" / "journal.xml")
    assert journal and all("journal" in {c.get("term") for c in e.findall(f"{ATOM}category")} for e in journal)
    assert (out / "feed" / "notes" / "misc.xml").is_file() or not any(
        "misc" in r.categories for r in app.env.domaindata["blogposts"]["posts"].values() if r.collection == "notes"
    )


def test_undated_posts_get_no_clock_date(make_app, tmp_path):
    """A feed of undated documents is dated by its newest entry, else a fixed date: incremental == fresh."""
    site = tmp_path / "docs"
    (site / "posts").mkdir(parents=True)
    (site / "conf.py").write_text(
        'extensions = ["sphinx_blogposts"]\nhtml_baseurl = "https://example.org/"\n', encoding="utf-8"
    )
    (site / "index.md").write_text("# Home\n", encoding="utf-8")
    (site / "posts" / "undated.md").write_text("```{post}\n```\n\n# Undated\n\nText.\n", encoding="utf-8")
    app = make_app("html", srcdir=site)
    app.build()
    text = (Path(app.outdir) / "feed.xml").read_text(encoding="utf-8")
    assert "<updated>1970-01-01T00:00:00+00:00</updated>" in text
    assert "lastBuildDate>Thu, 01 Jan 1970" in (Path(app.outdir) / "rss.xml").read_text(encoding="utf-8")


# --- the pure rules ------------------------------------------------------------


@pytest.mark.parametrize(
    ("feed", "expected"),
    [
        (None, {"feed_length": 10, "feed_full_text": True}),
        ({"posts_limit": 20}, {"feed_length": 20, "feed_full_text": True}),
        ({"excerpt_only": True}, {"feed_length": 10, "feed_full_text": False}),
        ({"path": "/blog/feed.atom"}, {"feed_length": 10, "feed_full_text": True, "feed_path": "/blog/feed.atom"}),
        ({"tags": True}, {"feed_length": 10, "feed_full_text": True, "feed_tags": {"path": "/feed/by_tag/"}}),
        (
            {"tags": {"only": ["a"], "path": "/t/"}},
            {"feed_length": 10, "feed_full_text": True, "feed_tags": {"only": ["a"], "path": "/t/"}},
        ),
        ({"categories": ["news", "updates"]}, {"feed_length": 10, "feed_full_text": True, "feed_categories": ["news", "updates"]}),
        (
            {"collections": ["changes"]},
            {"feed_length": 10, "feed_full_text": True, "feed_collections": {"changes": {"path": "", "categories": []}}},
        ),
        (
            {"collections": {"posts": {"path": "/p.xml", "categories": ["x"]}}},
            {"feed_length": 10, "feed_full_text": True, "feed_collections": {}, "feed_path": "/p.xml", "feed_categories": ["x"]},
        ),
    ],
)
def test_feed_settings(feed, expected):
    assert feeds.feed_settings(feed) == expected


@pytest.mark.parametrize(
    ("atom", "rss"),
    [
        ("feed.xml", "rss.xml"),
        ("es/news/feed.xml", "es/news/rss.xml"),
        ("tags/x.feed.xml", "tags/x.rss.xml"),
        ("feed/news.xml", "feed/news.rss.xml"),
        ("blog/feed.atom", "blog/rss.xml"),
        ("changes.atom", "changes.rss.xml"),
    ],
)
def test_rss_path(atom, rss):
    assert feeds.rss_path(atom) == rss


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ({}, ["a_1", "b"]),
        ({"except": ["b"]}, ["a_1"]),
        ({"only": ["b", "two words", "missing"]}, ["b"]),
        ({"only": ["a_1", "b"], "except": "b"}, ["a_1"]),
        (True, []),
    ],
)
def test_tag_feed_names(setting, expected):
    assert feeds.tag_feed_names(setting, ["b", "a_1", "two words", "é"]) == expected


@pytest.mark.parametrize(
    ("meta", "full_text", "expected"),
    [
        ({}, True, False),
        ({}, False, True),
        ({"feed": {"excerpt_only": True}}, True, True),
        ({"feed": {"excerpt_only": False}}, False, True),  # Liquid's default: false falls back to the site's
    ],
)
def test_excerpt_only(meta, full_text, expected):
    assert feeds.excerpt_only(meta, full_text) is expected


@pytest.mark.parametrize(
    ("meta", "picture", "expected"),
    [
        ({"image": "/a.png"}, "/b.png", "/a.png"),
        ({"image": {"path": "/a.png"}}, None, "/a.png"),
        ({}, "/teaser.png", "/teaser.png"),
        ({"image": {"feature": "/f.png"}}, None, None),
    ],
)
def test_entry_image(meta, picture, expected):
    assert feeds.entry_image(meta, picture) == expected


def test_titles_and_reserved_paths():
    assert feeds.jekyll_feed_title("Site") == "Site"
    assert feeds.jekyll_feed_title("Site", "posts", "news") == "Site | News"
    assert feeds.jekyll_feed_title("Site", "changes", "big news") == "Site | Changes | Big news"
    settings = SimpleNamespace(feed_path="/blog/feed.atom", feed_collections={"changes": {"path": "/changes.atom"}})
    extra = feeds.configured_outputs(settings)
    assert extra == {"blog/feed.atom", "blog/rss.xml", "changes.atom", "changes.rss.xml"}
    assert reserved("blog/feed.atom", extra) and reserved("changes.atom", extra)
    assert reserved("feed/by_tag/x.xml") and reserved("feed/news.xml")
    assert not reserved("feed") and not reserved("feed/page")


def _retag(site: Path) -> None:
    """Take the tag ``lab`` off its note, give a post a new tag, drop a category feed."""
    lab = site / "_notes" / "lab-one.md"
    lab.write_text(lab.read_text(encoding="utf-8").replace('tags = ["lab"]', 'tags = ["field"]'), encoding="utf-8")
    first = site / "_posts" / "2021-03-04-first-post.md"
    first.write_text(first.read_text(encoding="utf-8").replace('tags: [alpha, "two words"]', "tags: [alpha, fresh_tag]"), encoding="utf-8")
    config = site / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  categories: [journal, misc]\n", "  categories: [journal]\n"), encoding="utf-8")


@pytest.mark.parametrize("parallel", [1, 2])
def test_jekyll_feed_feeds_incremental_equal_fresh(make_app, tmp_path, parallel):
    from conftest import edit_then_build_fresh

    site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    _with_feed(site, "  tags: true\n  categories: [journal, misc]\n  collections: [notes]\n")
    again, fresh = edit_then_build_fresh(make_app, tmp_path, _retag, parallel, site=site)
    out_again, out_fresh = Path(again.outdir), Path(fresh.outdir)
    feeds_again = sorted(str(p.relative_to(out_again)) for p in out_again.rglob("*.xml") if "sitemap" not in p.name)
    feeds_fresh = sorted(str(p.relative_to(out_fresh)) for p in out_fresh.rglob("*.xml") if "sitemap" not in p.name)
    assert feeds_again == feeds_fresh  # the feeds of what is gone are gone too
    assert "feed/by_tag/fresh_tag.xml" in feeds_fresh and "feed/misc.xml" not in feeds_fresh
    for name in feeds_fresh:
        assert (out_again / name).read_bytes() == (out_fresh / name).read_bytes(), name


def _settings(**values):  # noqa: ANN003, ANN202 - a stand-in for BlogpostsConfig
    base = dict(
        feed_formats=["atom", "rss"], jekyll_site=True, feed_path="feed.xml", feed_tags=False,
        feed_categories=[], feed_collections={},
    )
    return SimpleNamespace(**{**base, **values})


def test_plan_feeds_paths_titles_and_unsafe_names():
    problems: list[str] = []
    archive = {"collection": {"posts": "posts/index", "changes": "changes/index"}, "tag": {"a": "tags/a"}}
    plan = feeds.plan_feeds(
        _settings(
            feed_path="/blog/feed.atom",
            feed_categories=["news", "../sitemap", "news"],
            feed_collections={"changes": {"path": "/changes.atom", "categories": ["big"]}},
            feed_tags={"path": "/feed/by_tag/", "except": ["b"]},
        ),
        "Site", "index", archive, ["a", "b"], lambda docname, fallback: fallback, problems.append,
    )
    paths = [(t.atom, t.rss, t.title) for t in plan]
    assert paths == [
        ("blog/feed.atom", "blog/rss.xml", "Site"),
        ("changes/feed.xml", "changes/rss.xml", "Site: changes"),
        ("posts/feed.xml", "posts/rss.xml", "Site: posts"),
        ("feed/news.xml", "feed/news.rss.xml", "Site | News"),  # the second "news" claims nothing new
        ("changes.atom", "changes.rss.xml", "Site | Changes"),
        ("feed/changes/big.xml", "feed/changes/big.rss.xml", "Site | Changes | Big"),
        ("feed/by_tag/a.xml", "feed/by_tag/a.rss.xml", "Site"),
    ]
    assert plan[0].spec.collections == ("posts",)  # a Jekyll site's feed.xml: site.posts
    assert len(problems) == 1 and "'feed/../sitemap.xml'" in problems[0]
    docs = feeds.plan_feeds(_settings(jekyll_site=False, feed_formats=["atom"]), "S", "index", {}, [], lambda d, f: f)
    assert [(t.atom, t.rss, t.spec.collections) for t in docs] == [("feed.xml", None, ())]


def _feeds(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.xml")) if "_static" not in p.parts}


@pytest.mark.parametrize("parallel", [1, 2])
def test_full_text_only_for_shown_posts_and_kept_when_a_post_enters_a_feed(make_app, tmp_path, parallel):
    """Only the posts a feed shows have their text made; a post that enters a feed
    on a later build (edited while no feed showed it, its page not written again)
    carries its current text, as a fresh build's feed does."""
    from sphinx_blogposts.output.feed_content import FOLDER

    # the site feed shows the two newest posts: not the first
    site = _with_feed(copy_tree(ROOTS / "test-jekyll", tmp_path / "site"), "  posts_limit: 2\n")
    first = make_app("html", srcdir=site, parallel=parallel)
    first.build()
    posts = [r for r in first.env.domaindata["blogposts"]["posts"].values() if r.kind == "post"]
    saved = {p.stem for p in (Path(first.doctreedir) / FOLDER).rglob("*.html")}
    assert "second-post" in saved and "first-post" not in saved
    assert len(saved) < len(posts)  # one per feed at most, not every post
    first_post = site / "_posts" / "2021-03-04-first-post.md"
    first_post.write_text(first_post.read_text(encoding="utf-8") + "\nAn edited paragraph.\n", encoding="utf-8")
    make_app("html", srcdir=site, parallel=parallel).build()

    def newest_removed(site: Path) -> None:
        (site / "_posts" / "2022-01-02-more-marker.md").unlink()

    # the first post enters the site feed
    again, fresh = edit_then_build_fresh(make_app, tmp_path, newest_removed, parallel=parallel, site=site)
    assert "An edited paragraph." in (Path(again.outdir) / "feed.xml").read_text(encoding="utf-8")
    assert _feeds(Path(again.outdir)) == _feeds(Path(fresh.outdir))
