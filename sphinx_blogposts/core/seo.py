"""The SEO head of a page, as jekyll-seo-tag writes it: meta tags and JSON-LD.

Pure rules over plain values: :mod:`.output.seo_head` gathers a page's facts
(its title, canonical URL, dates, author, picture) into a :class:`SeoPage`
and the site's into a :class:`SeoSite`; this module decides which tags the
page gets and what its JSON-LD says, and writes them escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .authors import Author

#: jekyll-seo-tag's home or about page (``/``, ``/index.html``, ``/about/``): a ``WebSite``.
HOME_OR_ABOUT = re.compile(r"^/(about/)?(index\.html?)?$")

#: Words of a description, as jekyll-seo-tag's ``seo_description_max_words`` default.
DESCRIPTION_WORDS = 100

#: Tags sphinxext-opengraph writes: with it loaded, they are its, not ours.
OPENGRAPH_KEYS = frozenset((
    "og:title", "og:type", "og:url", "og:site_name", "og:description", "og:image",
    "og:image:alt", "og:image:width", "og:image:height", "description",
))  # fmt: skip

#: JSON-LD types that are about the page itself (``mainEntityOfPage``).
_ENTITY_TYPES = ("BlogPosting", "CreativeWork")
_AUTHOR_TYPES = ("Person", "Organization")


@dataclass(frozen=True)
class SeoSite:
    """What the site's settings say (``_config.yml`` or ``blogposts_*``)."""

    title: str = ""
    description: str = ""
    #: ``twitter:`` of the site: a handle, or a mapping with ``username``/``card``.
    twitter: Any = None
    #: ``social:`` (``type``, ``name``, ``links``).
    social: Any = None
    #: The absolute address of ``logo:`` (``""`` when none).
    logo: str = ""
    #: The site author (the publisher when there is no logo).
    author: Author | None = None


@dataclass(frozen=True)
class SeoPage:
    """One page's facts, in plain values."""

    title: str
    #: The canonical absolute URL (``""`` when the site's address is unknown).
    url: str = ""
    #: Its path in the site (``/2017/11/28/x/``): which pages are the home.
    path: str = ""
    is_post: bool = False
    description: str = ""
    published: dt.datetime | None = None
    modified: Any = None
    tags: tuple[str, ...] = ()
    author: Author | None = None
    #: Its language (``en``, ``pt_BR``; ``en-US`` is written ``en_US``).
    locale: str = ""
    #: The picture: ``{"path": absolute URL, "alt"..., "width"..., "height"...}`` or None.
    image: dict[str, Any] | None = None
    #: The front matter's ``seo:`` mapping (``type``, ``name``, ``links``, ``date_modified``).
    seo: dict[str, Any] = field(default_factory=dict)
    #: The front matter's ``twitter:`` (``card``).
    twitter: Any = None


def plain_text(value: Any) -> str:
    """Text without markup and with single spaces (jekyll-seo-tag's ``strip_html`` and
    ``normalize_whitespace``); ``""`` for what is not text."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    text = re.sub(r"<[^>]*>", " ", str(value))
    return " ".join(html.unescape(text).split())


def snippet(text: str, words: int = DESCRIPTION_WORDS) -> str:
    """The first ``words`` words, with ``…`` when some were cut."""
    parts = text.split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")


def describe(
    description: Any, excerpt: str, site_description: str, words: int = DESCRIPTION_WORDS
) -> str:
    """A page's description: its own, else its excerpt, else the site's."""
    text = plain_text(description) or plain_text(excerpt) or plain_text(site_description)
    return snippet(text, words) if text else ""


def image_entry(meta: dict[str, Any], site_image: Any) -> dict[str, Any] | None:
    """The page's picture for Open Graph, with its raw ``path``: ``image:`` (a path, or
    a mapping with ``path``/``facebook``/``twitter``, ``alt``, ``width``, ``height``),
    else minimal-mistakes' ``header.og_image``, ``header.image``, ``header.overlay_image``,
    ``header.teaser``, else the site's ``og_image``."""
    header = meta.get("header") if isinstance(meta.get("header"), dict) else {}
    for value in (meta.get("image"), header.get("og_image"), header.get("image"),
                  header.get("overlay_image"), header.get("teaser"), site_image):  # fmt: skip
        if isinstance(value, dict):
            path = next(
                (value[k] for k in ("path", "facebook", "twitter") if _is_text(value.get(k))), None
            )
            if path:
                extra = {
                    k: _scalar(v)
                    for k, v in value.items()
                    if k in ("alt", "width", "height") and _scalar(v)
                }
                return {"path": path.strip(), **extra}
        elif _is_text(value):
            return {"path": value.strip()}
    return None


def absolute_url(path: str, base: str, page_path: str) -> str:
    """``path`` as an absolute URL (jekyll-seo-tag's rule): kept when it already is one,
    under ``base`` when it starts with ``/``, else under the page's folder; escaped
    like ``uri_escape``.  ``""`` when it is neither and ``base`` is unknown."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
        return _uri_escape(path) if path.lower().startswith(("http://", "https://")) else ""
    if path.startswith("//"):
        return "https:" + _uri_escape(path)
    if not base:
        return ""
    if not path.startswith("/"):
        folder = page_path if page_path.endswith("/") else posixpath.dirname(page_path) + "/"
        path = posixpath.join(folder or "/", path)
    return _uri_escape(base.rstrip("/") + "/" + path.lstrip("/"))


def _uri_escape(url: str) -> str:
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _scalar(value: Any) -> str:
    ok = isinstance(value, (str, int, float)) and not isinstance(value, bool)
    return str(value).strip() if ok else ""


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def twitter_handle(value: Any) -> str:
    """The handle of a ``twitter:`` setting (``"@x"``, ``"x"`` or ``{username: x}``), no ``@``."""
    if isinstance(value, dict):
        value = value.get("username")
    return value.strip().lstrip("@").strip() if _is_text(value) else ""


_TWITTER_PROFILE = re.compile(r"^https?://(?:www\.)?(?:twitter|x)\.com/@?([A-Za-z0-9_]{1,15})/?$")


def author_twitter(author: Author | None) -> str:
    """The author's handle: its ``twitter`` profile key (``authors.yml``), or a link
    labelled Twitter or X to a profile there (minimal-mistakes' ``links:``)."""
    if author is None:
        return ""
    for label, url in author.links:
        found = _TWITTER_PROFILE.match(url.strip())
        if found and label.strip().lower() in ("twitter", "x", "twitter / x", "x (twitter)"):
            return found[1]
    return ""


def xmlschema(value: Any) -> str:
    """A date as ``date_to_xmlschema`` writes it (``2017-11-28T10:00:00+00:00``)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).isoformat(timespec="seconds")
    return plain_text(value)


def is_home(page: SeoPage) -> bool:
    return bool(HOME_OR_ABOUT.match(page.path or ""))


def schema_type(page: SeoPage) -> str:
    """``seo: type``, else ``WebSite`` (home or about), ``BlogPosting`` (a dated post), ``WebPage``."""
    own = page.seo.get("type")
    if _is_text(own):
        return own.strip()
    if is_home(page):
        return "WebSite"
    return "BlogPosting" if page.is_post and page.published else "WebPage"


def _social(site: SeoSite) -> dict[str, Any]:
    return site.social if isinstance(site.social, dict) else {}


def _links(value: Any) -> list[str] | None:
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    if isinstance(value, list):
        links = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        return links or None
    return None


def json_ld(page: SeoPage, site: SeoSite) -> dict[str, Any]:
    """The page's JSON-LD, its keys in jekyll-seo-tag's (sorted) order."""
    kind = schema_type(page)
    social = _social(site)
    name = plain_text(page.seo.get("name"))
    if not name and is_home(page):
        name = plain_text(social.get("name")) or site.title
    modified = page.seo.get("date_modified") or page.modified or page.published
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind}
    author = page.author
    if author is not None and author.name:
        data["author"] = {
            "@type": "Person",
            "name": author.name,
            **({"url": author.uri} if author.uri else {}),
        }
    if page.published:
        data["dateModified"] = xmlschema(modified)
        data["datePublished"] = xmlschema(page.published)
    if page.description:
        data["description"] = page.description
    if page.title:
        data["headline"] = page.title
    if page.image:
        extra = {k: v for k, v in page.image.items() if k != "path"}
        data["image"] = (
            {"@type": "imageObject", "url": page.image["path"], **extra}
            if extra
            else page.image["path"]
        )
    if kind in _ENTITY_TYPES and page.url:
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": page.url}
    if name:
        data["name"] = name
    publisher = _publisher(page, site, kind)
    if publisher:
        data["publisher"] = publisher
    links = _links(page.seo.get("links")) or (
        _links(social.get("links")) if is_home(page) else None
    )
    if links:
        data["sameAs"] = links
    if page.url:
        data["url"] = page.url
    return dict(sorted(data.items()))


def _publisher(page: SeoPage, site: SeoSite, kind: str) -> dict[str, Any] | None:
    """jekyll-seo-tag's publisher (an ``Organization`` with the site's ``logo``); a post
    of a site without a logo is published by ``social:`` or the site author."""
    if site.logo:
        out: dict[str, Any] = {
            "@type": "Organization",
            "logo": {"@type": "ImageObject", "url": site.logo},
        }
        if page.author is not None and page.author.name:
            out["name"] = page.author.name
        return out
    if kind != "BlogPosting":
        return None
    social = _social(site)
    name = plain_text(social.get("name")) or (site.author.name if site.author else "")
    if not name:
        return None
    kind_of = social.get("type") if social.get("type") in _AUTHOR_TYPES else "Person"
    return {"@type": kind_of, "name": name}


def head_tags(page: SeoPage, site: SeoSite) -> list[tuple[str, str, str]]:
    """The page's meta tags, as ``(attribute, key, content)``: ``("property", "og:title", ...)``."""
    tags: list[tuple[str, str, str]] = []

    def add(attribute: str, key: str, value: Any) -> None:
        text = value if isinstance(value, str) else str(value) if value is not None else ""
        if text.strip():
            tags.append((attribute, key, text.strip()))

    title = page.title or site.title
    add("property", "og:title", title)
    if page.author is not None:
        add("name", "author", page.author.name)
    add("property", "og:locale", page.locale.replace("-", "_"))
    add("name", "description", page.description)
    add("property", "og:description", page.description)
    add("property", "og:url", page.url)
    add("property", "og:site_name", site.title)
    image = page.image or {}
    add("property", "og:image", image.get("path"))
    for key in ("height", "width", "alt"):
        if image.get("path"):
            add("property", f"og:image:{key}", image.get(key))
    if page.published:
        add("property", "og:type", "article")
        add("property", "article:published_time", xmlschema(page.published))
        modified = page.seo.get("date_modified") or page.modified
        if modified:
            add("property", "article:modified_time", xmlschema(modified))
        for tag in page.tags:
            add("property", "article:tag", tag)
    else:
        add("property", "og:type", "website")
    if image.get("path"):
        card = _card(page.twitter) or _card(site.twitter) or "summary_large_image"
        add("name", "twitter:card", card)
        add("name", "twitter:image", image["path"])
        add("name", "twitter:image:alt", image.get("alt"))
    else:
        add("name", "twitter:card", "summary")
    add("name", "twitter:title", title)
    site_handle = twitter_handle(site.twitter)
    if site_handle:
        add("name", "twitter:site", "@" + site_handle)
        creator = author_twitter(page.author)
        if creator:
            add("name", "twitter:creator", "@" + creator)
    return tags


def _card(value: Any) -> str:
    return value["card"].strip() if isinstance(value, dict) and _is_text(value.get("card")) else ""


def script_json(data: Any) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes, so no
    text of a page can end the script or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(char, escape)
    return text


def render_head(
    tags: list[tuple[str, str, str]],
    data: dict[str, Any] | None,
    skip: frozenset[str] = frozenset(),
) -> str:
    """The tags (those not in ``skip``) and the JSON-LD as HTML for ``<head>``."""
    lines = [
        f'<meta {attribute}="{html.escape(key, quote=True)}" content="{html.escape(content, quote=True)}" />'
        for attribute, key, content in tags
        if key not in skip
    ]
    if data is not None:
        lines.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "".join("\n" + line for line in lines)


def present_keys(metatags: str) -> frozenset[str]:
    """The ``property``/``name`` keys of the meta tags already in ``metatags``."""
    return frozenset(re.findall(r'<meta\s+(?:property|name)="([^"]+)"', metatags))
