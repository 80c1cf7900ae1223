"""Shared fixtures: Sphinx's testing fixtures, test roots, and ../shared/."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socketserver
import threading
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["sphinx.testing.fixtures"]

# Property tests run a few hundred cases each; `--hypothesis-profile=fuzz` runs a
# long fuzzing session of the same tests (see docs/reference/warnings.md).
settings.register_profile("blogposts", max_examples=250, deadline=None)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("blogposts")

ROOTS = Path(__file__).parent / "roots"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def shared() -> Path:
    """The read-only ``../shared/`` folder; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it holds the seed post and the real corpora)")
    return SHARED


@pytest.fixture
def minimal_mistakes(shared, tmp_path) -> Path:  # noqa: ANN001
    """A writable copy of the minimal-mistakes corpus with the one-line ``conf.py``."""
    site = copy_tree(shared / "corpora" / "minimal-mistakes", tmp_path / "mm")
    (site / "conf.py").write_text('extensions = ["sphinx_blogposts"]\n', encoding="utf-8")
    return site


def copy_tree(src: Path, dst: Path) -> Path:
    """Copy a (possibly read-only) folder into a writable temporary site."""
    shutil.copytree(src, dst, dirs_exist_ok=True)
    for path in [dst, *dst.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    return dst


def warnings_of(app) -> list[str]:  # noqa: ANN001 - SphinxTestApp
    """The warning lines of a build, without colour codes."""
    from sphinx.util.console import strip_escape_sequences

    text = strip_escape_sequences(app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture
def build(make_app, tmp_path):
    """``build("jekyll", buildername="html", **kwargs)``: copy a test root, build it."""

    def _build(root: str, buildername: str = "html", srcdir: Path | None = None, **kwargs):
        if srcdir is None:
            srcdir = copy_tree(ROOTS / f"test-{root}", tmp_path / root)
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        app.build()
        return app

    return _build


def built_site(src: Path, buildername: str = "html", **kwargs):  # noqa: ANN003, ANN201 - a fixture body
    """One build of the site at ``src``, cleaned up after (a generator for fixtures)."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(buildername, srcdir=src, **kwargs)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def module_site(root: str, tmp_path_factory, buildername: str = "html"):  # noqa: ANN001, ANN201 - a fixture body
    """One build of a test root, shared by a module's tests (a generator for fixtures)."""
    src = copy_tree(ROOTS / f"test-{root}", tmp_path_factory.mktemp(root) / "site")
    yield from built_site(src, buildername)


def page_outputs(outdir: Path, suffixes: tuple[str, ...] = (".html",)) -> dict[str, bytes]:
    """Every output page (by default HTML) by its path, for comparing two builds;
    Sphinx's search index and its search and index pages left out."""
    skip = {"searchindex.js", "search.html", "genindex.html"}
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(Path(outdir).rglob("*"))
        if p.is_file() and p.suffix in suffixes and p.name not in skip and "_sources" not in p.parts
    }


def edit_then_build_fresh(make_app, tmp_path: Path, edit, parallel: int = 1, site: Path | None = None):  # noqa: ANN001, ANN201
    """Build ``site`` (by default a copy of test-jekyll), ``edit`` it, rebuild
    incrementally; also build the edited sources from scratch.  Returns
    ``(incremental, fresh)`` apps."""
    if site is None:
        site = copy_tree(ROOTS / "test-jekyll", tmp_path / "site")
    make_app("html", srcdir=site, parallel=parallel).build()
    edit(site)
    again = make_app("html", srcdir=site, parallel=parallel)
    again.build()
    fresh_site = tmp_path / "fresh"
    shutil.copytree(site, fresh_site, ignore=shutil.ignore_patterns("_build"))
    fresh = make_app("html", srcdir=fresh_site, freshenv=True)
    fresh.build()
    return again, fresh


class _PageFacts(HTMLParser):
    """The <title> and the meta refresh target of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.refresh: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            content = a.get("content") or ""
            if "url=" in content.lower():
                self.refresh = content[content.lower().index("url=") + 4 :].strip()

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):  # noqa: ANN001
        if self._in_title:
            self.title += data


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` over HTTP on loopback; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = socketserver.TCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: ANN002
        pass


def follow(url: str, hops: int = 5) -> tuple[str, str]:
    """GET ``url``, following HTTP and meta-refresh redirects; returns (final URL, title)."""
    for _ in range(hops):
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read().decode("utf-8", "replace")
            url = response.geturl()
        facts = _PageFacts()
        facts.feed(body)
        if not facts.refresh:
            return url, facts.title.strip()
        url = urllib.parse.urljoin(url, facts.refresh)
    raise AssertionError(f"too many redirects at {url}")


def by_source(app, mapping: dict) -> dict:  # noqa: ANN001 - SphinxTestApp
    """``mapping`` (docname -> value) keyed by the docname of each document's source
    path: documents of a Jekyll site take the docname of their URL
    (``_posts/2021-03-04-x`` is ``2021/03/04/x``), and many tests name the source."""
    from sphinx_blogposts.store.domain import BlogpostsDomain

    moved = BlogpostsDomain.of(app.env).data["moved"]
    return {moved.get(docname, docname): value for docname, value in mapping.items()}


def docname_of(app, source_docname: str) -> str:  # noqa: ANN001 - SphinxTestApp
    """The docname the document read from ``source_docname``'s file has in this build."""
    from sphinx_blogposts.store.domain import BlogpostsDomain

    moved = BlogpostsDomain.of(app.env).data["moved"]
    return next((new for new, old in moved.items() if old == source_docname), source_docname)


def page_of(app, source_docname: str) -> Path:  # noqa: ANN001 - SphinxTestApp
    """The output file of the document read from ``source_docname``'s file."""
    uri = urllib.parse.unquote(app.builder.get_target_uri(docname_of(app, source_docname)))
    return Path(app.outdir) / (uri + "index.html" if not uri or uri.endswith("/") else uri)


def case_site(root: str, cases: dict[str, str], tmp_path_factory, buildername: str = "html"):  # noqa: ANN001, ANN201 - a fixture body
    """One build of test root ``root`` with a page ``<key>.md`` per case (Markdown
    under a four-line front matter: a case's line ``n`` is the page's line ``n + 4``)."""
    src = copy_tree(ROOTS / f"test-{root}", tmp_path_factory.mktemp(root) / "site")
    for key, text in cases.items():
        (src / f"{key}.md").write_text(f"---\ntitle: {key}\n---\n\n{text}\n", encoding="utf-8")
    yield from built_site(src, buildername)


class _Elements(HTMLParser):
    """Every element of a page: tag, attributes, and the text inside it."""

    VOID = frozenset(("img", "br", "hr", "input", "meta", "link", "source", "wbr"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.elements: list[dict] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        element = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "text": []}
        element["main"] = any(e["attrs"].get("role") == "main" for e in self.stack)
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):  # noqa: ANN001
        while self.stack and self.stack.pop()["tag"] != tag:
            pass

    def handle_data(self, data):  # noqa: ANN001
        for element in self.stack:
            element["text"].append(data)


def body_elements(html: str) -> list[dict]:
    """The elements of a page's body (``role="main"``), each with its joined ``text``."""
    parser = _Elements()
    parser.feed(html)
    for element in parser.elements:
        element["text"] = "".join(element["text"])
    return [e for e in parser.elements if e["main"] or e["attrs"].get("role") == "main"]


def has_element(elements: list[dict], tag: str, attrs: dict | None = None, text: str | None = None) -> bool:
    """Whether some element is a ``tag`` with ``attrs`` (classes: at least these) holding ``text``."""
    for element in elements:
        if element["tag"] != tag:
            continue
        own = element["attrs"]
        ok = True
        for key, value in (attrs or {}).items():
            if value is None:
                ok = ok and key not in own
            elif key == "class":
                ok = ok and set(value.split()) <= set(own.get("class", "").split())
            else:
                ok = ok and own.get(key) == value
        if ok and (text is None or " ".join(text.split()) in " ".join(element["text"].split())):
            return True
    return False
