"""What HTML page templates get: feed links in ``<head>``, sidebar data.

Sidebar templates (add them to ``html_sidebars``):

* ``blogposts/recent.html`` — the newest posts;
* ``blogposts/tags.html`` — the most used tags, linked to their pages;
* ``blogposts/archives.html`` — the years, linked to their pages.

They read ``blogposts_recent``, ``blogposts_tags`` and ``blogposts_years``,
lists of mappings with ``title``/``name``, ``url`` (relative to the page) and
``date``/``count``.  When a site uses them, :mod:`.output.freshness` rewrites every
page whenever what they show changes.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.feeds import site_feed_path, site_rss_path
from ..core.i18n import _ as site_labels
from ..store.domain import BlogpostsDomain
from ..store.labels import page_gettext
from ..store.settings import settings_of
from ..store.site_urls import jekyll_url
from .feed_content import FEED_BUILDERS, base_url, root_prefix
from .freshness import uses_our_sidebars

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.config import BlogpostsConfig

SIDEBAR_RECENT = 5


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    domain = BlogpostsDomain.of(app.env)
    index = domain.index
    archive = domain.data["archive_map"]
    builder = app.builder

    def uri(docname: str) -> str:
        try:
            return builder.get_relative_uri(pagename, docname)
        except Exception:  # noqa: BLE001 - pages without a document (search, genindex)
            return ""

    settings = settings_of(app.env)
    escape_site_text(context, settings, getattr(app.config, "_raw_config", {}))
    canonical(app, pagename, context, base_url(app, settings))
    if settings.feeds and builder.name in FEED_BUILDERS and index.count and base_url(app, settings):
        prefix = root_prefix(builder, pagename, app.config.root_doc)
        links = []
        atom = site_feed_path(settings)  # feed: path of _config.yml, else feed.xml
        if "atom" in settings.feed_formats:
            links.append(("application/atom+xml", prefix + atom, "Atom"))
        if "rss" in settings.feed_formats:
            links.append(("application/rss+xml", prefix + site_rss_path(settings), "RSS"))
        context["metatags"] = context.get("metatags", "") + "".join(
            f'\n<link rel="alternate" type="{kind}" title="{html.escape(label)}" href="{html.escape(href)}" />'
            for kind, href, label in links
        )
    record = domain.posts.get(pagename)
    if record is not None:
        # for theme layouts: the facts of this page's post (its own page only, so
        # no other page goes stale when it changes)
        context["blogposts_post"] = {
            "kind": record.kind,
            "title": record.title,
            "date": record.date.isoformat() if record.date else "",
            "date_text": record.date_text,
            "last_modified": record.last_modified.isoformat() if record.last_modified else "",
            "collection": record.collection or "",
            "tags": list(record.tags),
            "categories": list(record.categories),
            "authors": list(record.authors),
            "excerpt": record.excerpt,
            "reading_minutes": record.reading_minutes,
            "image": record.image_uri or record.image or "",
            "permalink": record.permalink or "",
        }
    if not uses_our_sidebars(app):
        return  # the sidebar data below is for our sidebar templates only
    records = domain.posts
    # Sphinx's template "_" reads Sphinx's own catalog, so our labels come translated,
    # in the page's language
    pages = app.env.all_docs.keys() | domain.data["list_pages"].keys()
    _ = page_gettext(app.env, pagename) if pagename in pages else site_labels
    context["blogposts_labels"] = {"recent": _("Recent posts"), "tags": _("Tags"), "archive": _("Archive")}
    context["blogposts_recent"] = [
        {
            "title": records[d].title if d not in app.env.titles else app.env.titles[d].astext(),
            "url": uri(d),
            "date": records[d].date_text,
        }
        for d in index.recent[:SIDEBAR_RECENT]
        if d in records
    ]
    tags = index.by["tag"]
    tag_pages = archive.get("tag", {})
    context["blogposts_tags"] = [
        {"name": name, "count": len(tags.get(name, ())), "url": uri(tag_pages[name]) if name in tag_pages else ""}
        for name in index.top_tags
    ]
    years = index.by["year"]
    context["blogposts_years"] = [
        {"name": year, "count": len(docs), "url": uri(archive["year"][year]) if year in archive.get("year", {}) else ""}
        for year, docs in sorted(years.items(), reverse=True)
    ]


def canonical(app: Sphinx, pagename: str, context: dict[str, Any], base: str) -> None:
    """The canonical link of a page written at its old URL is that URL
    (``site.url + baseurl + /ai/x/``), not the builder's file (``ai/x/index.html``):
    search engines keep the page where it was."""
    url = jekyll_url(app.env, pagename)
    if url is not None and base:
        context["pageurl"] = base + url.lstrip("/")


_OG_URL = re.compile(r'(<meta property="og:url" content=")[^"]*(" />)')


def old_url_for_opengraph(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``og:url`` (sphinxext-opengraph, which writes the builder's file) is the page's
    old URL too, as its canonical link is; after that extension's handler."""
    url = context.get("pageurl") if jekyll_url(app.env, pagename) is not None else None
    metatags = context.get("metatags", "")
    if url and "og:url" in metatags:
        context["metatags"] = _OG_URL.sub(lambda m: m[1] + html.escape(url, quote=True) + m[2], metatags, count=1)


def escape_site_text(context: dict[str, Any], settings: BlogpostsConfig, raw: dict[str, Any]) -> None:
    """The values :mod:`.reading.site_setup` took from ``_config.yml`` reach templates as text.

    Themes write ``project``, ``docstitle`` and ``copyright`` unescaped
    (alabaster's logo, furo's brand and footer) and others through ``|e``.
    Escaped once and marked safe, ``Tom & Jerry`` shows as written in both,
    and ``<script>`` as text; Sphinx's configuration keeps the plain text for
    the builders that are not HTML.
    """
    ours: list[str] = []
    if settings.site_title and "project" not in raw:
        ours.append("project")
        if "html_title" not in raw:
            ours.append("docstitle")
            if "html_short_title" not in raw:
                ours.append("shorttitle")
    if settings.jekyll_site and "copyright" not in raw:
        ours.append("copyright")
    for key in ours:
        value = context.get(key)
        if isinstance(value, str) and not hasattr(value, "__html__"):
            context[key] = Markup(html.escape(value, quote=True))

