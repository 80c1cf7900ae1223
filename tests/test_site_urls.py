"""A migrated site keeps its URLs: every document at its Jekyll URL (tests/roots/test-academic).

Served with ``http.server`` at the root and under Read the Docs' ``/en/latest/``,
for ``html`` and ``dirhtml``: every old URL answers with the page itself (no
refresh hop), ``/`` is the home, canonical links and Atom ids are the old
site's, links written for Jekyll's layout resolve, ``redirect_from`` redirects.
"""

from __future__ import annotations

import re
import shutil
import urllib.parse
import urllib.request

import pytest

from conftest import ROOTS, _PageFacts, copy_tree, follow, module_site, serve, warnings_of

SITE_URL = "https://cuaderno.example.org"
#: Every post and Markdown page of the site: its old URL and its title.
OLD_URLS = {
    "/": "Sobre mí",
    "/ai/00001_intro": "Post 1: Introducción",
    "/ai/00002_redes/": "Post 2: Redes neuronales",
    "/teaching/2023-curso-python/": "Curso de Python para biología",
    "/2024/06/02/congreso.html": "Notas del congreso",
    "/2024/12/28/post-839.html": "Balance del año",
    "/docs/install/": "Instalación",
    "/docs/linux/": "Instalación en Linux",
}
REDIRECTS = {"/about/": "Sobre mí", "/about.html": "Sobre mí", "/congreso-2024/": "Notas del congreso"}


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def site(request, tmp_path_factory):
    yield from module_site("academic", tmp_path_factory, request.param)


def direct(url: str) -> tuple[int, str, _PageFacts, str]:
    """GET ``url`` without following a meta refresh: status, final URL, facts, body."""
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read().decode("utf-8", "replace")
        status, final = response.status, response.geturl()
    facts = _PageFacts()
    facts.feed(body)
    return status, final, facts, body


@pytest.mark.parametrize("prefix", ["", "/en/latest"])
def test_every_old_url_answers_with_the_page_itself(site, tmp_path, prefix):
    served = tmp_path / "served"
    shutil.copytree(site.outdir, served / prefix.strip("/") if prefix else served)
    with serve(served) as base:
        for url, title in OLD_URLS.items():
            status, final, facts, body = direct(base + prefix + urllib.parse.quote(url))
            assert status == 200 and facts.refresh is None, (url, final)
            assert facts.title.startswith(title), (url, facts.title)
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', body)
            assert canonical and canonical[1] == SITE_URL + url, (url, canonical and canonical[1])
        for url, title in REDIRECTS.items():
            final, got = follow(base + prefix + url)
            assert got.startswith(title), (url, final, got)


def test_pages_are_written_where_jekyll_writes_them(site):
    out = site.outdir
    assert (out / "index.html").is_file()  # the page whose permalink is /
    assert not (out / "_pages").exists() and not (out / "_ai").exists() and not (out / "_posts").exists()
    if site.builder.name == "html":
        for name in ("ai/00001_intro.html", "ai/00002_redes/index.html", "2024/12/28/post-839.html"):
            assert "http-equiv" not in (out / name).read_text(encoding="utf-8"), name
        # the extensionless URL on a plain host: the same page, resolved from its own file
        copy = (out / "ai/00001_intro/index.html").read_text(encoding="utf-8")
        assert "<base" not in copy and "http-equiv" not in copy
        # its relative addresses lead where the page's own do, from the copy's folder
        assert 'href="../../_static/' in copy and 'src="../../_images/red.png"' in copy
        # the other spelling of a URL, which Jekyll never wrote, is a redirect page (by default)
        assert 'http-equiv="refresh"' in (out / "ai/00002_redes.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_url_spellings_get_a_redirect_page_unless_turned_off(build, buildername):
    off = build("academic", buildername, confoverrides={"blogposts_url_spellings": False})
    if buildername == "html":
        assert not (off.outdir / "ai/00002_redes.html").exists()
    app = build("academic", buildername, confoverrides={"blogposts_url_spellings": True})
    out = app.outdir
    if buildername == "html":
        assert (out / "ai/00002_redes.html").read_text(encoding="utf-8").count('http-equiv="refresh"') == 1
        assert "ai/00002_redes.html" in (out / ".blogposts-redirects").read_text(encoding="utf-8")
    # the extensionless URL's copy is the page's own (no refresh), spellings or not
    assert "http-equiv" not in (out / "ai/00001_intro/index.html").read_text(encoding="utf-8")
    with serve(out) as base:
        final, got = follow(base + "/ai/00002_redes.html")
        assert got.startswith("Post 2: Redes neuronales"), (final, got)


def test_feed_ids_are_jekyll_feeds(site):
    if site.builder.name != "html":
        pytest.skip("feeds are written by the html builder")
    feed = (site.outdir / "feed.xml").read_text(encoding="utf-8")
    ids = set(re.findall(r"<id>([^<]+)</id>", feed))
    for want in ("/2024/12/28/post-839", "/2024/06/02/congreso"):
        assert SITE_URL + want in ids, (want, ids)
    # feed.xml is site.posts (jekyll-feed); the ai collection's posts are in its index's feed
    ai = (site.outdir / "ai" / "feed.xml").read_text(encoding="utf-8")
    ids = set(re.findall(r"<id>([^<]+)</id>", ai))
    for want in ("/ai/00002_redes", "/ai/00001_intro"):
        assert SITE_URL + want in ids, (want, ids)
    sitemap = (site.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}/ai/00002_redes/</loc>" in sitemap and f"<loc>{SITE_URL}/</loc>" in sitemap


def test_links_written_for_jekylls_layout_resolve(site):
    out = site.outdir
    install = (out / "docs/install/index.html").read_text(encoding="utf-8")
    linux = "../linux/index.html" if site.builder.name == "html" else "../linux/"
    assert f'href="{linux}"' in install and "#../linux/" not in install
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="ai/index.html"' in home or 'href="ai/"' in home
    assert 'href="#/ai/"' not in home and 'href="#/teaching/"' not in home
    assert not [w for w in warnings_of(site) if "../linux/" in w or "'/ai/'" in w]


def test_two_documents_claiming_one_url(build, tmp_path):
    """The first by path keeps the URL; the other keeps its source path, with a warning naming both."""
    src = copy_tree(ROOTS / "test-academic", tmp_path / "site")
    (src / "_pages" / "docs" / "otra.md").write_text(
        '---\ntitle: "Otra"\npermalink: /docs/linux/\n---\n\nTambién quiere esta URL.\n', encoding="utf-8"
    )
    app = build("academic", srcdir=src)
    claims = [w for w in warnings_of(app) if "'/docs/linux/'" in w]
    assert len(claims) == 1 and "_pages/docs/otra.md:1" in claims[0] and "_pages/docs/linux.md" in claims[0], claims
    assert "Instalación en Linux" in (app.outdir / "docs/linux/index.html").read_text(encoding="utf-8")
    assert "También quiere" in (app.outdir / "_pages/docs/otra.html").read_text(encoding="utf-8")


def test_minimal_mistakes_every_permalink_served_directly(build, shared, minimal_mistakes):
    """The audit's ``permalinks_served_directly`` equals ``permalinks`` on the corpus."""
    import sys

    sys.path.insert(0, str(shared / "tools"))
    try:
        import audit_site
    finally:
        sys.path.pop(0)
    app = build("mm", srcdir=minimal_mistakes)
    report = audit_site.audit(minimal_mistakes, app.outdir, "https://mmistakes.github.io/minimal-mistakes")
    assert report["permalinks"] > 0
    assert report["permalinks_served_directly"] == report["permalinks"]


def test_opengraph_url_is_the_old_url(build, tmp_path):
    pytest.importorskip("sphinxext.opengraph")
    src = copy_tree(ROOTS / "test-academic", tmp_path / "site")
    (src / "conf.py").write_text(
        f'extensions = ["sphinx_blogposts", "sphinxext.opengraph"]\nogp_site_url = "{SITE_URL}/"\n', encoding="utf-8"
    )
    app = build("academic", srcdir=src)
    page = (app.outdir / "ai/00002_redes/index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:url" content="{SITE_URL}/ai/00002_redes/" />' in page
