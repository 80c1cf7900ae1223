"""Pages in several languages: ``<html lang>``, translations linked, each blog's feeds.

* Every page's ``<html lang>`` is its own language (:mod:`.store.labels`), as
  Sphinx's basic theme (and furo, pydata...) write it from ``language``.
* Documents that are translations of each other (the same
  :func:`.core.languages.translation_key`: the same path under another language
  folder, the same ``translation_key``/``ref``/``lang_ref``, polyglot's same
  permalink) get ``<link rel="alternate" hreflang>`` to each other and to the
  ``x-default`` version (the site's default language); a post's header shows a
  switcher, and templates get ``blogposts_translations``.
* A blog's pages and posts link to the blog's own feeds in ``<head>``.
* With sphinxext-opengraph, ``og:locale`` is the page's language.

The translations are found before reading (``env-get-outdated``), from the
discovery facts of every published document; a document whose set of
translations changed is read again, so an incremental build equals a fresh one.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.languages import archive_key, display_name, html_tag
from ..store.domain import BlogpostsDomain, published_docs
from ..store.labels import language_of
from ..store.settings import settings_of, site_of
from ..store.site_urls import page_address
from .feed_content import FEED_BUILDERS, base_url, root_prefix
from .page_context import SIDEBAR_RECENT

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def find_translations(facts: dict[str, Any], published: set[str]) -> dict[str, list[tuple[str, str]]]:
    """docname -> [(language, docname)] of the group of translations it is in,
    sorted by language, for the documents with at least one translation (the first
    document by name of each language in a group is that language's)."""
    groups: dict[str, dict[str, str]] = defaultdict(dict)
    for docname in sorted(published):
        entry = facts.get(docname)
        if entry is None or not entry.facts.translation_key or entry.facts.kind is None:
            continue
        groups[entry.facts.translation_key].setdefault(entry.facts.language, docname)
    out: dict[str, list[tuple[str, str]]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        entries = sorted(members.items())
        for docname in members.values():
            out[docname] = entries
    return out


def link_translations(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Find every document's translations (``env-get-outdated``); return the
    documents already read whose translations changed (their links must change)."""
    data = BlogpostsDomain.of(env).data
    new = find_translations(data["sources"], published_docs(env))
    old = data["translations"]
    data["translations"] = new
    stale = {d for d in set(old) | set(new) if old.get(d) != new.get(d)}
    return sorted(d for d in stale if d in env.all_docs and d in env.found_docs and d not in added | changed)


def translation_entries(env: BuildEnvironment, docname: str, uri: Callable[[str], str]) -> list[dict[str, Any]]:
    """The translations of ``docname``, itself included, for templates: ``language``
    (``zh_CN``), ``tag`` (``zh-CN``), ``name`` (in that language), ``url`` (from this
    page) and ``current``."""
    entries = BlogpostsDomain.of(env).data["translations"].get(docname, [])
    return [
        {
            "language": code,
            "tag": html_tag(code),
            "name": display_name(code),
            "url": uri(other),
            "current": other == docname,
            "docname": other,
        }
        for code, other in entries
        if other in env.all_docs
    ]


def blog_of_page(env: BuildEnvironment, docname: str) -> str:
    """The blog a page belongs to: a post's own, or the blog whose folder holds a
    generated page; ``""`` for the others."""
    domain = BlogpostsDomain.of(env)
    record = domain.posts.get(docname)
    if record is not None:
        return record.blog
    if docname in domain.data["page_languages"]:
        for blog in domain.data["archive_map"].get("blog", {}):
            if docname.startswith(blog + "/"):
                return blog
    return ""


def on_html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The page's language, its translations and its blog's feeds (``html-page-context``)."""
    env = app.env
    if pagename not in env.all_docs and pagename not in BlogpostsDomain.of(env).data["list_pages"]:
        return
    language = language_of(env, pagename)
    context["language"] = html_tag(language)  # <html lang="..."> in every Sphinx theme
    context["blogposts_language"] = language
    builder = app.builder

    def uri(docname: str) -> str:
        try:
            return builder.get_relative_uri(pagename, docname)
        except Exception:  # noqa: BLE001 - builders without pages
            return ""

    settings = settings_of(env)
    base = base_url(app, settings) if builder.name in FEED_BUILDERS else ""

    def absolute(docname: str) -> str:
        return base + page_address(env, builder, docname) if base else uri(docname)

    translations = translation_entries(env, pagename, uri)
    context["blogposts_translations"] = translations
    tags: list[str] = []
    if translations:
        default = site_of(env).languages.site_default
        for entry in translations:
            tags.append(_alternate(entry["tag"], absolute(entry["docname"])))
        fallback = next((e for e in translations if e["language"] == default), None)
        if fallback is not None:
            tags.append(_alternate("x-default", absolute(fallback["docname"])))
    blog = blog_of_page(env, pagename)
    if blog and settings.feeds and base and builder.name in FEED_BUILDERS:
        prefix = root_prefix(builder, pagename, env.config.root_doc)
        index = BlogpostsDomain.of(env).data["archive_map"].get("blog", {}).get(blog)
        title = env.titles[index].astext() if index in env.titles else blog
        for fmt, kind, name, label in (
            ("atom", "application/atom+xml", "feed.xml", "Atom"),
            ("rss", "application/rss+xml", "rss.xml", "RSS"),
        ):
            if fmt in settings.feed_formats:
                href = f"{prefix}{blog}/{name}"
                tags.append(
                    f'<link rel="alternate" type="{kind}" title="{html.escape(f"{title} ({label})", quote=True)}" '
                    f'href="{html.escape(href, quote=True)}" />'
                )
    if tags:
        context["metatags"] = context.get("metatags", "") + "".join(f"\n{tag}" for tag in tags)
    sidebar_blog = blog or language_blog(env, language)
    if sidebar_blog and "blogposts_recent" in context:  # our sidebars are used: the blog's own
        blog_sidebars(env, sidebar_blog, context, uri)


def language_blog(env: BuildEnvironment, language: str) -> str:
    """The one blog in ``language``, if there is exactly one (the blog of the pages
    of a language folder, ``es/about``); else ``""``."""
    data = BlogpostsDomain.of(env).data
    found = [b for b, index in data["archive_map"].get("blog", {}).items() if data["page_languages"].get(index) == language]
    return found[0] if len(found) == 1 else ""


def blog_sidebars(env: BuildEnvironment, blog: str, context: dict[str, Any], uri: Callable[[str], str]) -> None:
    """The sidebars of a blog's pages show the blog: its newest posts, tags and years
    (what :mod:`.output.page_context` shows for the whole site)."""
    domain = BlogpostsDomain.of(env)
    index, records, archive = domain.index, domain.posts, domain.data["archive_map"]
    newest = index.named("blog", blog)[:SIDEBAR_RECENT]
    context["blogposts_recent"] = [
        {
            "title": env.titles[d].astext() if d in env.titles else records[d].title,
            "url": uri(d),
            "date": records[d].date_text,
        }
        for d in newest
        if d in records
    ]
    tag_pages = archive.get(archive_key("tag", blog), {})
    context["blogposts_tags"] = [
        {"name": name, "count": count, "url": uri(tag_pages[name]) if name in tag_pages else ""}
        for name, count in index.blog_tags.get(blog, [])
    ]
    year_pages = archive.get(archive_key("year", blog), {})
    context["blogposts_years"] = [
        {"name": year, "count": count, "url": uri(year_pages[year]) if year in year_pages else ""}
        for year, count in index.blog_years.get(blog, [])
    ]


def _alternate(hreflang: str, href: str) -> str:
    return f'<link rel="alternate" hreflang="{html.escape(hreflang, quote=True)}" href="{html.escape(href, quote=True)}" />'


def og_locale(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``og:locale`` of the page's language, where sphinxext-opengraph wrote Open Graph
    tags (it writes none itself); after it (``html-page-context`` 600)."""
    metatags = context.get("metatags", "")
    if pagename in app.env.all_docs and 'property="og:' in metatags and "og:locale" not in metatags:
        code = language_of(app.env, pagename)
        context["metatags"] = metatags + f'\n<meta property="og:locale" content="{html.escape(code, quote=True)}" />'
