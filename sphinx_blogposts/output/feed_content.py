"""Full post text for feeds (``blogposts_feed_full_text = True``).

When a post page is written, its body HTML is saved — links made absolute,
the title, header, permalink marks and previous/next links left out — in a
folder of the doctree directory.  Every writer (a parallel worker too) saves
the pages it writes, and pages that were not written keep the text saved
before, so the feeds at ``build-finished`` always have every post's text.
"""

from __future__ import annotations

import html
import os
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.config import BlogpostsConfig
from ..store.domain import BlogpostsDomain
from ..store.generated import write_if_changed
from ..store.settings import settings_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FOLDER = "_blogposts_feed_text"
#: Elements left out of the feed text (by class).
SKIPPED_CLASSES = frozenset(("headerlink", "blogposts-post-header", "blogposts-post-nav", "blogposts-author-box", "blogposts-related"))
_URL_ATTRIBUTES = frozenset(("href", "src", "poster"))


#: Builders whose pages get feeds (and redirects).
FEED_BUILDERS = frozenset(("html", "dirhtml"))


def base_url(app: Sphinx, settings: BlogpostsConfig) -> str:
    """The site's absolute address, ending with ``/`` (``""`` when unknown)."""
    url = (getattr(app.config, "html_baseurl", "") or "").strip()
    if not url:
        # Read the Docs tells every build where it will be served
        url = os.environ.get("READTHEDOCS_CANONICAL_URL", "").strip()
    if not url and settings.site_url:
        url = settings.site_url.rstrip("/") + "/" + settings.baseurl.strip("/")
    if not url or "://" not in url:
        return ""
    return url.rstrip("/") + "/"


def root_prefix(builder: Any, pagename: str, root_doc: str) -> str:
    """The way from ``pagename`` up to the site's root folder (``../../``, ``""``):
    what the feed links of a page's ``<head>`` start with."""
    to_root = builder.get_relative_uri(pagename, root_doc)
    return to_root.rsplit("/", 1)[0] + "/" if "/" in to_root else ""


class _Absolutizer(HTMLParser):
    """Copy HTML, making URLs absolute and leaving out marked elements."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=False)
        self.base = base
        self.out: list[str] = []
        self.skip_depth = 0
        self.skip_tag: str | None = None
        self.first_heading_done = False

    def _skipping(self) -> bool:
        return self.skip_depth > 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if self._skipping():
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if classes & SKIPPED_CLASSES or (tag == "h1" and not self.first_heading_done):
            self.first_heading_done = self.first_heading_done or tag == "h1"
            self.skip_tag, self.skip_depth = tag, 1
            return
        self.out.append(self._tag(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skipping():
            self.out.append(self._tag(tag, attrs, close=True))

    def handle_endtag(self, tag: str) -> None:
        if self._skipping():
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self._skipping():
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._skipping():
            self.out.append(f"&#{name};")

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: bool = False) -> str:
        parts = [tag]
        for name, value in attrs:
            if name.startswith("on"):
                continue
            if value is None:
                parts.append(name)
                continue
            # a reader resolves against the feed, not the page: #fn-1 too becomes the page's
            if name in _URL_ATTRIBUTES and not value.startswith(("mailto:", "data:")):
                value = urllib.parse.urljoin(self.base, value)
            parts.append(f'{name}="{html.escape(value, quote=True)}"')
        return "<" + " ".join(parts) + (" />" if close else ">")


def absolute_html(body: str, page_url: str) -> str:
    parser = _Absolutizer(page_url)
    parser.feed(body)
    parser.close()
    return "".join(parser.out).strip()


def text_path(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir) / FOLDER / f"{docname}.html"


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Save a post's body for the feeds as its page is written."""
    settings = settings_of(app.env)
    if not settings.feed_full_text or app.builder.name not in FEED_BUILDERS:
        return
    record = BlogpostsDomain.of(app.env).posts.get(pagename)
    base = base_url(app, settings)
    if record is None or record.kind != "post" or not base or "body" not in context:
        return
    page_url = base + app.builder.get_target_uri(pagename)

    try:
        write_if_changed(text_path(app, pagename), absolute_html(context["body"], page_url), root=Path(app.doctreedir))
    except OSError:
        pass  # the feed then carries the excerpt: nothing is written outside the doctree folder


def saved_text(app: Sphinx, docname: str) -> str | None:
    try:
        return text_path(app, docname).read_text(encoding="utf-8")
    except OSError:
        return None
