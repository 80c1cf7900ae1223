"""Full post text for feeds (``blogposts_feed_full_text = True``).

When the page of a post that a feed shows is written, its body HTML is saved
— links made absolute, the title, header, permalink marks and previous/next
links left out — in a folder of the doctree directory.  Feeds hold only the
newest ``feed_length`` posts of each, so only those posts' text is made:
:func:`feed_entries` is the one plan of what each feed shows, asked before
writing (which posts save their text) and by the feeds at ``build-finished``.
Every writer (a parallel worker too) saves the pages it writes; pages that
were not written keep the text saved before.  A post written while no feed
shows it loses its saved text, so a text kept is never older than its page,
and a post that enters a feed without text is written again
(:func:`on_env_get_updated`).
"""

from __future__ import annotations

import html
import os
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.config import BlogpostsConfig
from ..core.feeds import FeedTarget, excerpt_only, plan_feeds
from ..core.post_index import select_indexed
from ..core.queries import ListSpec
from ..store.domain import BlogpostsDomain
from ..store.generated import write_if_changed
from ..store.settings import settings_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.post_record import PostRecord

FOLDER = "_blogposts_feed_text"
#: Elements left out of the feed text (by class).
SKIPPED_CLASSES = frozenset(("headerlink", "blogposts-post-header", "blogposts-post-nav", "blogposts-author-box", "blogposts-related"))
_URL_ATTRIBUTES = frozenset(("href", "src", "poster"))


#: Builders whose pages get feeds (and redirects).
FEED_BUILDERS = frozenset(("html", "dirhtml"))
#: The attribute of the builder that holds this build's posts whose full text a
#: feed shows (set before writing, so the parallel writers inherit it).
SHOWN_ATTRIBUTE = "blogposts_feed_texts"


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


def feed_entries(
    app: Sphinx, problem: Callable[[str], None] | None = None
) -> list[tuple[FeedTarget, list[PostRecord]]]:
    """Every feed of the site (:func:`..core.feeds.plan_feeds`) with the posts it
    shows, newest first (at most ``feed_length``), feeds without posts left out;
    ``problem(message)`` hears of each feed path refused."""
    settings = settings_of(app.env)
    domain = BlogpostsDomain.of(app.env)
    index = domain.index
    targets = plan_feeds(
        settings,
        settings.site_title or app.config.project,
        app.config.root_doc,
        domain.data["archive_map"],
        index.by["tag"].keys(),
        lambda docname, fallback: _page_title(app.env, docname, fallback),
        problem,
    )
    out = []
    for target in targets:
        spec = ListSpec(**{**target.spec.as_dict(), "limit": settings.feed_length})
        records = select_indexed(index, spec, domain.posts)
        if records:
            out.append((target, records))
    return out


def _page_title(env: BuildEnvironment, docname: str, fallback: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else fallback


def full_text_posts(app: Sphinx) -> frozenset[str]:
    """The posts whose full text some feed of this build shows."""
    settings = settings_of(app.env)
    if not (settings.feeds and settings.feed_full_text) or app.builder.name not in FEED_BUILDERS:
        return frozenset()
    if not base_url(app, settings):
        return frozenset()  # no feed is written
    return frozenset(
        record.docname
        for _target, records in feed_entries(app)
        for record in records
        if not excerpt_only(record.meta, settings.feed_full_text)
    )


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Note which posts save their text as they are written; a post that a feed
    now shows and that has no text saved (it entered a feed without being
    written again) is written again."""
    shown = full_text_posts(app)
    setattr(app.builder, SHOWN_ATTRIBUTE, shown)
    return sorted(d for d in shown if d in env.all_docs and not text_path(app, d).is_file())


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
    """Save a post's body for the feeds as its page is written (only the posts a
    feed shows: the text of any other is let go)."""
    settings = settings_of(app.env)
    if not settings.feed_full_text or app.builder.name not in FEED_BUILDERS:
        return
    shown: frozenset[str] | None = getattr(app.builder, SHOWN_ATTRIBUTE, None)
    if shown is not None and pagename not in shown:
        _forget(app, pagename)
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


def _forget(app: Sphinx, docname: str) -> None:
    """No text kept for a page written while no feed shows it: it would be older
    than the page when a feed shows the post again."""
    try:
        text_path(app, docname).unlink(missing_ok=True)
    except OSError:
        pass  # a folder of that name: nothing was saved there


def saved_text(app: Sphinx, docname: str) -> str | None:
    try:
        return text_path(app, docname).read_text(encoding="utf-8")
    except OSError:
        return None
