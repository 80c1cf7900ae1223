"""Atom and RSS 2.0 feeds, written with feedgen when an HTML build finishes.

One feed pair for the site and one per collection (and per tag when
``blogposts_feed_tags``), newest posts first, with absolute links built from
``html_baseurl`` or the site's ``url`` + ``baseurl``.  The site's Atom feed is
``feed.xml``, where jekyll-feed put it, so subscribers keep their feed.  A
feed file is written only when its bytes change (its dates come from the
posts, not from the clock), and made only when what it is made from changed
(a digest of it is kept in the manifest), so a no-change build neither makes
nor touches a feed.
"""

from __future__ import annotations

import datetime as dt
import html
import hashlib
import importlib.metadata
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..core.authors import Author, author_from, post_author
from ..core.feeds import NO_DATE, entry_image, excerpt_only
from ..core.languages import html_tag
from ..core.permalinks import jekyll_id
from ..core.queries import digest
from ..core.safe_paths import remove_output
from ..core.urls import is_web_url
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.generated import write_if_changed
from ..store.settings import settings_of
from ..store.site_urls import jekyll_url, page_address
from .feed_content import FEED_BUILDERS, base_url, feed_entries, saved_text, text_path

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.post_record import PostRecord

#: The feeds the last build wrote, one path a line (the output's root).
MANIFEST = ".blogposts-feeds"
#: Categories written per feed entry (a post with thousands of tags stays readable).
FEED_CATEGORIES = 100


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in FEED_BUILDERS:
        return

    settings = settings_of(app.env)
    if not settings.feeds:
        return
    domain = BlogpostsDomain.of(app.env)
    if not any(r.kind == "post" for r in domain.posts.values()):
        return
    base = base_url(app, settings)
    if not base:
        # not a warning: a docs project that adds a blog should not fail -W for this
        logger.info(
            "sphinx_blogposts: no feed written: set html_baseurl in conf.py (or url in "
            "_config.yml) so feeds can link to the site"
        )
        return
    languages = domain.data["page_languages"]
    outdir = Path(app.outdir)
    before = _manifest(outdir)
    written: dict[str, str] = {}  # feed -> digest of what it was made from
    texts: dict[str, str] = {}  # post -> digest of its saved full text
    common = (repr(settings), base, app.config.language, app.builder.name, _versions())

    def problem(message: str) -> None:
        warn(message, BlogWarning.CONFIG, location=f"{Path(app.srcdir) / settings.jekyll_config}:1", once=True)

    for target, records in feed_entries(app, problem):
        shown = _shown(app, records, target.page, texts)
        for fmt, path in (("atom", target.atom), ("rss", target.rss)):
            if path is None:
                continue
            key = digest([common, target.title, settings.site_description, fmt, path, languages.get(target.page), shown])
            written[path] = key
            if before.get(path) == key and (outdir / path).is_file():
                continue  # made from the same posts, texts and settings as the file there: the same bytes
            try:
                data = render_feed(
                    app, base, target.title, settings.site_description, records, fmt, path, target.page,
                    languages.get(target.page),
                )
            except Exception as exc:  # noqa: BLE001 - one broken feed must not stop the build
                warn(f"the feed {path} could not be written: {exc}", BlogWarning.OUTPUT, location=(target.page, 1))
                written[path] = ""  # made again next time
                continue
            try:
                write_if_changed(outdir / path, data, root=outdir)
            except OSError as exc:  # outside the output folder, or a folder is in the way
                warn(f"the feed {path} could not be written: {exc}", BlogWarning.OUTPUT, location=(target.page, 1))
                written[path] = ""
    _remove_old_feeds(outdir, written)


def _versions() -> tuple[str, ...]:
    """The versions of what writes the bytes of a feed: an upgrade makes every feed again."""
    found = []
    for name in ("sphinx_blogposts", "feedgen"):
        try:
            found.append(importlib.metadata.version(name))
        except importlib.metadata.PackageNotFoundError:
            found.append("")
    return tuple(found)


def _shown(app: Sphinx, records: list[PostRecord], page: str, texts: dict[str, str]) -> list[object]:
    """Everything of a feed's posts :func:`render_feed` reads: the records, their
    titles and addresses, the saved full text (by a digest of its bytes, so that a
    fresh build keeps the same manifest), the page's.  ``texts`` keeps each text's
    digest for the other feeds of the build."""
    env, builder = app.env, app.builder
    shown: list[object] = [page_address(env, builder, page), jekyll_url(env, page), _target(builder, page)]
    for record in records:
        saved = texts.get(record.docname)
        if saved is None:
            try:
                saved = hashlib.blake2b(text_path(app, record.docname).read_bytes(), digest_size=16).hexdigest()
            except OSError:
                saved = ""
            texts[record.docname] = saved
        address = page_address(env, builder, record.docname)
        shown.append((repr(record), _plain_title(app, record), address, jekyll_url(env, record.docname), saved))
    return shown


def _manifest(outdir: Path) -> dict[str, str]:
    """The feeds the last build wrote, each with the digest of what it was made from
    (``""``: unknown, a manifest of an older version)."""
    try:
        lines = (outdir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return dict((line.split("\t", 1) + [""])[:2] for line in lines if line)


def _remove_old_feeds(outdir: Path, written: dict[str, str]) -> None:
    """Delete the feeds of the last build that this one no longer has (a tag no post
    uses, a category taken out of ``feed:``), as a fresh build would not have them."""
    manifest = outdir / MANIFEST
    for name in sorted(set(_manifest(outdir)) - set(written)):
        # only feed files: an edited manifest never deletes a page or the sitemap
        if name.endswith((".xml", ".atom")) and name != "sitemap.xml":
            remove_output(outdir, name)
    try:
        write_if_changed(manifest, "".join(f"{n}\t{d}\n" for n, d in sorted(written.items())), root=outdir)
    except OSError:
        pass  # a folder of that name: the next build cannot tidy up, nothing is lost


def render_feed(
    app: Sphinx,
    base: str,
    title: str,
    description: str,
    records: list[PostRecord],
    fmt: str,
    path: str,
    page: str,
    language: str | None = None,
) -> bytes:
    """One feed as bytes (deterministic for the same posts), in ``language``
    (Atom's ``xml:lang``, RSS's ``<language>``; default: the site's)."""
    from feedgen.feed import FeedGenerator

    builder = app.builder
    settings = settings_of(app.env)
    fg = FeedGenerator()
    fg.load_extension("media", atom=True, rss=True)
    self_url = base + path
    page_url = base + (page_address(app.env, builder, page) if jekyll_url(app.env, page) else _target(builder, page))
    fg.id(self_url)
    # RSS readers show titles and descriptions as HTML, Atom's untyped ones are text
    as_text = _rss_text if fmt == "rss" else xml_safe
    fg.title(as_text(title) or "Feed")
    fg.link(href=page_url, rel="alternate")
    fg.link(href=self_url, rel="self")
    if description or fmt == "rss":  # Atom: a subtitle only from the site's description (jekyll-feed)
        fg.description(as_text(description or title) or "Feed")
    language = html_tag(language) if language else app.config.language
    if language:
        fg.language(language)
    site_author = author_from("", settings.author) if settings.author else None
    if site_author is not None and fmt == "atom":
        fg.author(_person(site_author))
    # never the clock: the newest entry's date, so a rebuild writes the same bytes
    dates = [r.last_modified or r.date for r in records if r.date]
    newest = max(dates, key=lambda d: d.timestamp()) if dates else NO_DATE
    fg.updated(newest)
    fg.lastBuildDate(newest)
    fg.generator("sphinx_blogposts", uri="https://pypi.org/project/sphinx-blogposts/")
    for record in reversed(records):  # feedgen puts the last added first
        _add_entry(app, fg, base, record, fmt, newest)
    return fg.atom_str(pretty=True) if fmt == "atom" else fg.rss_str(pretty=True)


def _add_entry(app: Sphinx, fg: Any, base: str, record: PostRecord, fmt: str, newest: dt.datetime) -> None:
    """One post's entry: id, title, link, dates, content or summary, author, categories, picture."""
    settings = settings_of(app.env)
    as_text = _rss_text if fmt == "rss" else xml_safe
    entry = fg.add_entry()
    url = base + page_address(app.env, app.builder, record.docname)
    entry.guid(url, permalink=True)  # RSS; feedgen sets Atom's id to it too
    old = jekyll_url(app.env, record.docname)
    if old is not None and record.slug:
        # jekyll-feed's id (post.id | absolute_url): readers see no post as new
        entry.id(base + jekyll_id(old, record.slug).lstrip("/"))
    entry.title(as_text(_plain_title(app, record)))
    entry.link(href=url)
    if record.date:
        entry.published(record.date)
    entry.updated(record.last_modified or record.date or newest)  # undated: the feed's own date
    summary = feed_summary(record)
    if summary:
        entry.summary(as_text(summary))  # RSS's <description> too; Atom gets no <content> from it
    full = None if excerpt_only(record.meta, settings.feed_full_text) else saved_text(app, record.docname)
    if full:
        entry.content(full, type="CDATA" if fmt == "rss" else "html")
    author = post_author(record.authors, settings.authors, settings.author)
    if author is not None:
        # Atom's name, email and uri; RSS's <author> needs an email, else feedgen leaves it out
        entry.author(_person(author))
    terms = list(dict.fromkeys([*record.categories, *record.tags]))[:FEED_CATEGORIES]  # jekyll-feed: both
    if terms:
        # one call: feedgen's per-call de-duplication is quadratic
        entry.category([{"term": xml_safe(term)} for term in terms if xml_safe(term)])
    image = entry_image(record.meta, record.image)
    if image and image.startswith("//"):
        image = base.split("//", 1)[0] + image  # protocol-relative: the site's scheme
    if image and ":" in image.split("/", 1)[0] and not is_web_url(image):
        image = None  # data:, javascript: and the like never reach a reader
    if image:
        # as jekyll-feed: a site path becomes absolute, an address of another site stays
        absolute = image if "://" in image else urllib.parse.urljoin(base, image.lstrip("/"))
        entry.media.thumbnail({"url": absolute}, group=None)
        entry.media.content({"url": absolute, "medium": "image"}, group=None)


def _person(author: Author) -> dict[str, str]:
    person = {"name": xml_safe(author.name)}
    if author.email:
        person["email"] = xml_safe(author.email)
    if author.uri:
        person["uri"] = xml_safe(author.uri)
    return person


def feed_summary(record: PostRecord) -> str:
    """An entry's summary as jekyll-feed writes it: ``post.description | default:
    post.excerpt``, none when both are empty (``excerpt_separator: ""``)."""
    description = record.meta.get("description")
    if isinstance(description, str) and description.strip():
        return description.strip()
    return record.excerpt


def xml_safe(text: str) -> str:
    """Text XML 1.0 can carry: control characters (NUL, form feed...) and lone surrogates removed."""
    return "".join(
        ch
        for ch in str(text)
        if ch in "\t\n\r" or ("\x20" <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd") or ch >= "\U00010000"
    )


def _rss_text(text: str) -> str:
    """Plain text for an RSS element that readers take as HTML: markup is escaped once
    more, so ``<script>`` in a title is shown, never run."""
    return html.escape(xml_safe(text), quote=False)


def _target(builder: Any, docname: str) -> str:
    uri = builder.get_target_uri(docname)
    return "" if uri in ("index.html", "./") and docname == builder.config.root_doc and builder.name == "dirhtml" else uri


def _plain_title(app: Sphinx, record: PostRecord) -> str:
    title = app.env.titles.get(record.docname)
    return title.astext() if title is not None else record.title
