"""The seed post and the minimal-mistakes corpus from ../shared/ (skipped without it)."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from pathlib import Path

import frontmatter

from conftest import by_source, copy_tree, page_of, warnings_of
from sphinx_blogposts.store.domain import BlogpostsDomain

SEED_CONFIG = """\
title: "Bitácora"
collections:
  ai:
    output: true
    permalink: /:collection/:path
"""


def seed_site(shared: Path, tmp_path: Path, config: str | None = SEED_CONFIG) -> Path:
    site = tmp_path / "seed"
    (site / "_ai").mkdir(parents=True)
    text = (shared / "seed" / "000_1ba72d2050695e9f.txt").read_text(encoding="utf-8")
    (site / "_ai" / "00002_dalle.md").write_text(text, encoding="utf-8")
    copy_tree(shared / "seed" / "images", site / "images")
    if config is not None:
        (site / "_config.yml").write_text(config, encoding="utf-8")
    (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\nlanguage = "es"\n', encoding="utf-8")
    return site


def test_seed_post_builds_in_spanish(build, shared, tmp_path):
    app = build("seed", srcdir=seed_site(shared, tmp_path))
    record = by_source(app, BlogpostsDomain.of(app.env).posts)["_ai/00002_dalle"]
    assert record.title == "Post 2: Dall-E"
    assert record.collection == "ai"
    assert record.date.date() == dt.date(2022, 4, 22)
    assert record.permalink == "/ai/00002_dalle"
    assert record.excerpt.startswith("Hace poco un lab. de inteligencia artificial")
    html = (app.outdir / "ai" / "00002_dalle.html").read_text(encoding="utf-8")  # /ai/00002_dalle
    assert "<title>Post 2: Dall-E &#8212; Bitácora</title>" in html
    assert '<time datetime="2022-04-22T00:00:00+00:00">22 de abril de 2022</time>' in html
    assert "Publicado el" in html and "min de lectura" in html
    assert '<a class="blogposts-collection" href="index.html">ai</a>' in html  # ai/index, beside it
    # the body is all there, from the first paragraph to the last figure's caption
    assert "Dall-E no esta disponible para usar al público" in html
    assert "Una iguana gigante que viene del espacio" in html
    home = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Post 2: Dall-E" in home


def test_seed_post_in_a_docs_project(build, shared, tmp_path):
    """Without _config.yml the front matter (date, collection) still makes it a post."""
    site = seed_site(shared, tmp_path, config=None)
    # its own permalink: gives it the docname of its URL, in a docs project too
    (site / "index.md").write_text("# Docs\n\n```{toctree}\nai/00002_dalle\n```\n", encoding="utf-8")
    app = build("seed", srcdir=site)
    record = by_source(app, BlogpostsDomain.of(app.env).posts)["_ai/00002_dalle"]
    assert (record.title, record.collection, record.kind) == ("Post 2: Dall-E", "ai", "post")
    (warning,) = warnings_of(app)  # the template leftover <img src="/images/ai/">
    assert "00002_dalle.md:31: WARNING: the image src '/images/ai/' is a folder" in warning


def jekyll_expectation(path: Path, today: dt.date) -> tuple[str, dt.date] | None:
    """Title and date Jekyll gives a _posts file, or None when it does not publish it."""
    fm = frontmatter.load(path).metadata
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})-(.*)$", path.stem)
    if not m or fm.get("published") is False:
        return None
    date = fm.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    elif isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    elif date is None:
        date = dt.date(int(m[1]), int(m[2]), int(m[3]))
    if date > today:
        return None
    title = fm.get("title") or " ".join(w.capitalize() for w in m[4].split("-"))
    return str(title), date


def test_minimal_mistakes_corpus_zero_config(build, minimal_mistakes, tmp_path):
    site = minimal_mistakes
    app = build("mm", srcdir=site)
    posts = by_source(app, BlogpostsDomain.of(app.env).posts)  # by source: posts are at their URLs
    expected = {}
    for path in sorted((site / "_posts").glob("*.md")):
        expectation = jekyll_expectation(path, dt.date.today())
        docname = f"_posts/{path.stem}"
        if expectation is None:
            assert docname not in posts, docname
            assert not page_of(app, docname).exists()
            continue
        expected[docname] = expectation
    assert len(expected) == 69  # 70 posts, one dated 9999-12-31
    for docname, (title, date) in expected.items():
        record = posts[docname]
        assert record.title == title, docname
        assert record.date.date() == date, docname
        page = page_of(app, docname).read_text(encoding="utf-8")
        assert "<h1>" in page and 'class="blogposts-post-header"' in page, docname
    # a title written in Markdown is rendered, and plain in <title>
    page = page_of(app, "_posts/2013-01-05-markup-title-with-markup").read_text(encoding="utf-8")
    assert "<h1>Markup: Title <em>with</em> <strong>Markdown</strong>" in page
    assert "<title>Markup: Title with Markdown &#8212; Minimal Mistakes</title>" in page
    # the site's settings came from _config.yml
    assert app.config.project == "Minimal Mistakes"
    assert posts["_posts/2010-01-07-post-modified"].date.utcoffset() == dt.timedelta(hours=-5)  # America/New_York
    # every warning points at a file and line
    for warning in warnings_of(app):
        assert re.match(r"^/\S+:\d+: WARNING: ", warning), warning
    assert not (app.outdir / "SOURCE.html").exists()  # Markdown without front matter is not a page


def test_minimal_mistakes_figures_are_native_or_reported(build, minimal_mistakes, tmp_path):
    """Every <figure>/<img> of the corpus posts is a native node or has a warning at its line."""
    from docutils import nodes

    site = minimal_mistakes
    app = build("mm", srcdir=site)
    reported: dict[str, set[int]] = {}
    for warning in warnings_of(app):
        m = re.match(r"^\S+/(_posts/\S+)\.md:(\d+): WARNING: .*\[blogposts\.(html|image)\]$", warning)
        if m:
            reported.setdefault(m[1], set()).add(int(m[2]))
    native = 0
    for docname in BlogpostsDomain.of(app.env).posts:
        tree = app.env.get_doctree(docname)
        native += sum(1 for f in tree.findall(nodes.figure) if "blogposts-figure" in f["classes"])
        for raw in tree.findall(nodes.raw):
            text = raw.astext()
            if "<figure" in text or "<img" in text:
                span = range(raw.line, raw.line + text.count("\n") + 2)
                assert reported.get(docname, set()) & set(span), (docname, raw.line, text[:80])
    assert native >= 7


def test_minimal_mistakes_indexes_archives_and_feeds(build, minimal_mistakes, tmp_path):
    import feedparser

    site = minimal_mistakes
    app = build("mm", srcdir=site)
    domain = BlogpostsDomain.of(app.env)
    posts = [r for r in domain.posts.values() if r.kind == "post"]
    assert len(posts) == 69
    archive = domain.data["archive_map"]
    # one index (10 per page, Jekyll's default) listing every published post
    assert archive["collection"] == {"posts": "posts/index"}
    listed = []
    for number in range(1, 8):
        docname = "posts/index" if number == 1 else f"posts/page/{number}"
        html = (app.outdir / f"{docname}.html").read_text(encoding="utf-8")
        listed += re.findall(r'class="[^"]*blogposts-entry-link[^"]*" href="\.\./(?:\.\./)?([^"]+)\.html"', html)
    assert sorted(urllib.parse.unquote(d) for d in listed) == sorted(r.docname for r in posts)
    assert not (app.outdir / "posts" / "page" / "8.html").exists()
    # archives by year, tag and category, where _config.yml puts them
    years = {str(r.date.year) for r in posts}
    assert set(archive["year"]) == years
    assert set(archive["tag"]) == {t for r in posts for t in r.tags}
    assert set(archive["category"]) == {c for r in posts for c in r.categories}
    assert archive["tag"]["edge case"] == "tags/edge-case"
    for docname in [*archive["year"].values(), *archive["tag"].values(), *archive["category"].values()]:
        assert (app.outdir / f"{docname}.html").exists(), docname
    # feeds: the site's url + baseurl, the 10 newest posts (jekyll-feed's posts_limit)
    for name in ("feed.xml", "rss.xml", "posts/feed.xml"):
        feed = feedparser.parse((app.outdir / name).read_bytes())
        assert not feed.bozo and len(feed.entries) == 10, name
        # each entry links the post's Jekyll URL
        assert all(e.link.startswith("https://mmistakes.github.io/minimal-mistakes/") and "/_posts/" not in e.link for e in feed.entries)
    assert not [w for w in warnings_of(app) if "toctree" in w]
