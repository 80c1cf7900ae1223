"""The example site in a real browser (headless Chromium through Playwright).

The site in ``examples/`` is built once per theme (alabaster, furo), served on loopback, and a post with
raw-HTML figures, each collection index and the year archive are opened.  On
each page every image must have loaded, every figure caption must be visible,
nothing may go to the console as an error, and no request to the site may fail.
Links are followed by clicking them: from each collection index to every post,
and from each post back to its collection and to its previous/next posts.

A full-page screenshot of each page is saved in ``$BLOGPOSTS_ARTIFACTS``
(default: a ``screenshots`` folder in the test's temporary directory) and its
path is printed.

The module is skipped when Playwright is not installed or no Chromium is found
(``$BLOGPOSTS_CHROMIUM``, else ``chromium``, ``chromium-browser``,
``google-chrome`` on the ``PATH``).  On Debian: ``apt-get install chromium``.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from conftest import copy_tree, serve

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    pytest.skip("playwright is not installed (pip install -e '.[test]')", allow_module_level=True)

REPO = Path(__file__).resolve().parent.parent

#: Flags for a headless Chromium on a machine without a display or outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """The Chromium to drive: ``$BLOGPOSTS_CHROMIUM``, else the first one on the PATH."""
    explicit = os.environ.get("BLOGPOSTS_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip(
        "no Chromium found (set BLOGPOSTS_CHROMIUM, or install Debian's 'chromium' package)",
        allow_module_level=True,
    )
if not (REPO / "examples" / "conf.py").exists():
    pytest.skip("examples/ is not part of this checkout", allow_module_level=True)


#: Sphinx's default theme, and one with its own JavaScript and layout.
THEMES = ["alabaster", "furo"]


@pytest.fixture(scope="module", params=THEMES)
def example(request, tmp_path_factory):
    """The example site built once per theme (HTML): ``(outdir, domain, theme)``."""
    from sphinx.testing.util import SphinxTestApp

    from sphinx_blogposts.store.domain import BlogpostsDomain

    theme = request.param
    src = copy_tree(REPO / "examples", tmp_path_factory.mktemp(f"browser-{theme}") / "examples")
    # SphinxTestApp swaps Sphinx's default theme for "basic"; the browser sees what users see
    app = SphinxTestApp("html", srcdir=src, confoverrides={"html_theme": theme})
    try:
        app.build()
        yield app.outdir, BlogpostsDomain.of(app.env), theme
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def base_url(example):
    with serve(example[0]) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    folder = os.environ.get("BLOGPOSTS_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("browser-artifacts") / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Watched:
    """A browser page that records what went wrong while it was loading."""

    def __init__(self, browser, base_url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.base_url = base_url
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _ours(self, url: str) -> bool:
        # The browser asks for /favicon.ico by itself; the site has none and
        # needs none, so its 404 is not the site's fault.
        return url.startswith(self.base_url) and urllib.parse.urlsplit(url).path != "/favicon.ico"

    def _console(self, message) -> None:
        if message.type == "error" and self._ours(message.location.get("url") or self.base_url):
            self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _failed(self, request) -> None:
        if self._ours(request.url):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400 and self._ours(response.url):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def open(self, path: str) -> None:
        response = self.page.goto(f"{self.base_url}/{path}", wait_until="load")
        assert response is not None and response.status == 200, (path, response)
        self.settle()

    def settle(self) -> None:
        # "load" has waited for every image, stylesheet and script of the page.
        assert self.problems == [], (self.page.url, self.problems)

    def click(self, link) -> str:
        """Click ``link``; check the page it leads to answered 200; return the new URL."""
        with self.page.expect_navigation(wait_until="load") as navigation:
            link.click()
        response = navigation.value
        assert response is not None and response.status == 200, (self.page.url, response)
        self.settle()
        return self.page.url

    def heading(self) -> str:
        """The text of the page's H1, without Sphinx's permalink sign."""
        return self.page.locator("h1").first.inner_text().replace("¶", "").strip()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser, base_url):
    page = Watched(browser, base_url)
    yield page
    page.close()


def _pages(domain) -> dict[str, str]:
    """The pages to look at: a post with figures, each collection index, the year archive."""
    archive = domain.data["archive_map"]
    notes = sorted(
        (r for r in domain.posts.values() if r.kind == "post" and r.collection == "notas"),
        key=lambda r: r.date,
    )
    pages = {"post": notes[-1].docname}
    for name, docname in sorted(archive["collection"].items()):
        pages[f"index-{name}"] = docname
    for year, docname in sorted(archive["year"].items()):
        pages[f"archive-{year}"] = docname
    return pages


def _text(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


IMAGES_NOT_LOADED = """() => Array.from(document.images)
    .filter(img => !(img.complete && img.naturalWidth > 0))
    .map(img => img.currentSrc || img.src)"""

CAPTIONS = "figure figcaption, div.figure p.caption"


def test_pages_load_cleanly_with_images_and_captions(example, watched, artifacts, capsys):
    outdir, domain, _theme = example
    pages = _pages(domain)
    assert {"post", "index-notas", "index-posts", "archive-2026"} <= set(pages), pages
    for name, docname in pages.items():
        watched.open(f"{docname}.html")
        page = watched.page
        images = page.locator("img")
        if name in ("post", "index-notas"):  # the notes have pictures; their cards show them
            assert images.count() > 0, f"{docname}: no image to check"
        assert page.evaluate(IMAGES_NOT_LOADED) == [], docname
        captions = page.locator(CAPTIONS)
        if name == "post":
            assert captions.count() >= 2, f"{docname}: the raw-HTML figures lost their captions"
        for i in range(captions.count()):
            assert captions.nth(i).is_visible(), (docname, captions.nth(i).inner_text())
        # Every link to the site itself answers (HTML pages, images, feeds).
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in sorted({h.split("#")[0] for h in hrefs if h.startswith(watched.base_url)}):
            status = page.request.get(href).status
            assert status == 200, (docname, href, status)
        shot = artifacts / f"{example[2]}-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0
        with capsys.disabled():  # shown in CI logs even when the test passes
            print(f"\nscreenshot of {docname}: {shot}")
    assert (outdir / "index.html").exists()


@pytest.mark.parametrize("collection", ["posts", "notas"])
def test_index_links_reach_every_post_and_back(example, watched, collection):
    _, domain, _theme = example
    index = domain.data["archive_map"]["collection"][collection]
    members = {
        r.docname: r for r in domain.posts.values() if r.kind == "post" and r.collection == collection
    }
    watched.open(f"{index}.html")
    index_url = watched.page.url
    index_title = watched.heading()
    entries = watched.page.locator("a.blogposts-entry-link")
    assert entries.count() == len(members), (index, entries.count(), sorted(members))
    reached = set()
    neighbours = 0
    for i in range(entries.count()):
        if i:
            watched.open(f"{index}.html")
        link = watched.page.locator("a.blogposts-entry-link").nth(i)
        title = _text(link.inner_text())
        url = watched.click(link)
        assert watched.heading() == title, (url, title)
        reached.add(urllib.parse.urlsplit(url).path.strip("/").removesuffix(".html"))

        # Back to the collection, where the post header links to it.
        back = watched.page.locator("a.blogposts-collection")
        if back.count():
            assert watched.click(back.first) == index_url
            assert watched.heading() == index_title
            watched.page.go_back(wait_until="load")

        # Previous and next posts: the label, then the neighbour's title.
        for side in ("prev", "next"):
            nav = watched.page.locator(f".blogposts-{side} a")
            if not nav.count():
                continue
            label = nav.first.locator(".blogposts-nav-label").inner_text()
            neighbour = _text(nav.first.inner_text().replace(label, "", 1))
            watched.click(nav.first)
            neighbours += 1
            assert watched.heading() == neighbour, (side, watched.page.url)
            watched.page.go_back(wait_until="load")
    assert reached == set(members), (reached, sorted(members))
    # The posts of a collection form one chain: n posts, n - 1 links each way.
    assert neighbours == 2 * (len(members) - 1)
