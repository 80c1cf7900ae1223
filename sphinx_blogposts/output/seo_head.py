"""The SEO head of every HTML page, as jekyll-seo-tag writes it (:mod:`.core.seo`).

Added to ``metatags`` at ``html-page-context``, after sphinxext-opengraph
(500) and the extension's own ``og:url``/``og:locale`` fixes (600), so a tag
that is already there is never written twice; with sphinxext-opengraph
loaded, the Open Graph tags it writes are left to it.  The canonical link is
the theme's, from ``pageurl`` (the page's old URL:
:func:`.page_context.canonical`); a page without one (a generated page, no
``html_baseurl``) gets its address there, so the theme writes it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.authors import post_author
from ..core.seo import (
    OPENGRAPH_KEYS,
    SeoPage,
    SeoSite,
    absolute_url,
    describe,
    head_tags,
    image_entry,
    json_ld,
    plain_text,
    present_keys,
    render_head,
)
from ..store.domain import BlogpostsDomain
from ..store.labels import language_of
from ..store.settings import settings_of, site_of
from ..store.site_urls import jekyll_url, page_address
from .feed_content import FEED_BUILDERS, base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.config import BlogpostsConfig


def seo_site(settings: BlogpostsConfig, base: str) -> SeoSite:
    """The site's part of every page's SEO head."""
    logo = absolute_url(settings.logo.strip(), base, "/") if settings.logo.strip() else ""
    return SeoSite(
        title=plain_text(settings.site_title),
        description=settings.site_description,
        twitter=settings.twitter,
        social=settings.social,
        logo=logo,
        author=post_author([], settings.authors, settings.author),
    )


def page_path(app: Sphinx, pagename: str) -> str:
    """The page's path in the site (``/2017/11/28/x/``, ``/index.html``)."""
    url = jekyll_url(app.env, pagename)
    if url is not None:
        return url
    try:
        return "/" + app.builder.get_target_uri(pagename)
    except Exception:  # noqa: BLE001 - pages without a document
        return "/" + pagename + ".html"


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Write the page's SEO head (site builders only: not ePub, not single HTML)."""
    env = app.env
    settings = settings_of(env)
    if not settings.seo or app.builder.name not in FEED_BUILDERS:
        return
    base = base_url(app, settings)
    record = BlogpostsDomain.of(env).posts.get(pagename)
    path = page_path(app, pagename)
    url = context.get("pageurl") or (
        base + page_address(env, app.builder, pagename) if base else ""
    )
    url = url[: -len("index.html")] if url.endswith("/index.html") else url
    if url and not context.get("pageurl"):
        context["pageurl"] = url  # the theme writes the one canonical link from it
    meta = record.meta if record is not None else {}
    is_post = record is not None and record.kind == "post"
    title = (
        env.titles[pagename].astext()
        if pagename in env.titles
        else plain_text(context.get("title"))
    )
    if pagename == app.config.root_doc and not title:
        title = settings.site_title
    own = meta.get("description") or (
        env.metadata.get(pagename, {}).get("description") if record is None else None
    )
    description = describe(
        own, record.excerpt if is_post and record else "", settings.site_description
    )
    image = image_entry(meta, settings.og_image)
    if image is not None:
        image = _image_url(app, settings, record, image, base, path)
    page = SeoPage(
        title=title,
        url=url,
        path=path,
        is_post=is_post,
        description=description,
        published=record.date if is_post and record else None,
        modified=record.last_modified if record is not None else None,
        tags=tuple(record.tags) if is_post and record else (),
        author=post_author(record.authors if record else [], settings.authors, settings.author),
        locale=language_of(env, pagename)
        if pagename in env.all_docs
        else site_of(env).languages.default,
        image=image,
        seo=meta.get("seo") if isinstance(meta.get("seo"), dict) else {},
        twitter=meta.get("twitter"),
    )
    metatags = context.get("metatags", "")
    skip = present_keys(metatags)
    if "sphinxext.opengraph" in app.config.extensions:
        # its tags, even those it left out on this page; and Twitter reads its og:image
        skip |= OPENGRAPH_KEYS | {"twitter:image", "twitter:image:alt"}
    site = seo_site(settings, base)
    context["metatags"] = metatags + render_head(head_tags(page, site), json_ld(page, site), skip)


def _image_url(
    app: Sphinx, settings: BlogpostsConfig, record: Any, image: dict[str, Any], base: str, path: str
) -> dict[str, Any] | None:
    """The picture's absolute URL: the copy this build made of the post's own picture
    in a docs project (``_images/``), else the old site's address (where a Jekyll
    site's static files are copied)."""
    raw = image["path"]
    images = app.env.images
    if (
        not settings.jekyll_site
        and record is not None
        and record.image == raw
        and record.image_uri in images
        and base
    ):
        return {**image, "path": base + "_images/" + images[record.image_uri][1]}
    absolute = absolute_url(raw, base, path)
    return {**image, "path": absolute} if absolute else None
