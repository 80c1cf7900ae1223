"""Jekyll's permalinks: the URL each post and page had on the old site.

:func:`permalink` follows Jekyll's ``URL``, ``Document#url_placeholders`` and
``Page#template``: a ``permalink:`` in front matter wins; otherwise the
collection's ``permalink`` template from ``_config.yml``, and for ``_posts`` the
site's ``permalink`` style (``date`` by default); other collections and the
pages of a Jekyll site take the style's ending (``pretty``: ``/about/``).
Placeholders are filled from the post's date in the site's time zone, its
categories, slug and path, each percent-encoded as Jekyll's
``URL.escape_path`` does; the written file is the URL decoded again
(:func:`url_docname`), as Jekyll's ``destination``.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from .safe_paths import reserved
from .post_names import post_url_names
from .slugs import jekyll_slugify, pretty_slug

#: Jekyll's named permalink styles.
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER = re.compile(r":([a-z_]+)")
#: Jekyll's ``Page::HTML_EXTENSIONS``: pages written with these take the site's style.
HTML_EXTENSIONS = frozenset((".html", ".xhtml", ".htm"))
#: What ``URL.escape_path`` leaves as it is (RFC 3986 ``pchar`` and ``/``); the
#: rest is percent-encoded, UTF-8 byte by byte.
_PATH_SAFE = "-._~!$&'()*+,;=:@/"
_PLAIN_PATH = re.compile(r"^[a-zA-Z0-9./-]+$")


class PermalinkError(ValueError):
    """A permalink that cannot be a path of this site (scheme, host, query, ``..``)."""


@dataclass(frozen=True)
class PermalinkInput:
    """What a permalink is made of (plain values, so discovery and reading agree)."""

    collection: str | None
    path: str  # source path relative to srcdir, POSIX
    collection_path: str  # path inside the collection folder, without extension
    slug: str  # from front matter ``slug`` or the file name (date removed)
    categories: tuple[str, ...]
    date: dt.datetime | None  # in the site's time zone
    front_matter: object = None  # the ``permalink:`` value, if any
    #: A page of a Jekyll site (``Page#template``: its URL follows the site's style).
    page: bool = False
    #: The extension of the written file (Markdown and HTML pages: ``.html``).
    output_ext: str = ".html"


#: Characters that no file name may hold on some system, or that are markup.
_UNSAFE_IN_PATH = re.compile(r'[<>:"|?*\\\x00-\x1f\x7f]')


def category_segment(name: str) -> str:
    """A category as Jekyll puts it in a URL (lowercased), unless it could not be
    a file name or would climb out of the site: then its slug."""
    value = name.lower()
    segments = value.split("/")
    if _UNSAFE_IN_PATH.search(value) or any(seg in ("", ".", "..") for seg in segments):
        return _no_dot_segments(pretty_slug(value))
    return value


def _no_dot_segments(value: str) -> str:
    """A placeholder value never makes a ``.`` or ``..`` segment (or an empty category)."""
    return "/".join("-" if seg in ("", ".", "..") else seg for seg in value.split("/"))


def style_template(style: object) -> str:
    """A permalink style's template (``pretty`` -> ``/:categories/.../:title/``), or the
    custom template as written (Jekyll's ``style_to_permalink``)."""
    text = str(style or "date")
    return STYLES.get(text, text)


def add_style_suffix(template: str, style: object) -> str:
    """Jekyll's ``Utils.add_permalink_suffix``: the ending the site's style gives a
    template (``pretty``: ``/``; ``date``, ``ordinal``, ``none``: ``:output_ext``; a
    custom style: its own ending).  ``weekdate`` adds nothing, as in Jekyll."""
    text = str(style or "date")
    if text == "pretty":
        return template + "/"
    if text in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if text.endswith("/"):
        template += "/"
    if text.endswith(":output_ext"):
        template += ":output_ext"
    return template


def page_template(path: str, style: object, html: bool = True) -> str:
    """Jekyll's ``Page#template`` for the page at ``path`` (relative to the source)."""
    if not html:
        return "/:path/:basename:output_ext"
    if _page_basename(path) == "index":
        return "/:path/"
    return add_style_suffix("/:path/:basename", style)


def _page_basename(path: str) -> str:
    """``Page#process``: the file name without its extension and trailing dots."""
    return posixpath.splitext(posixpath.basename(path))[0].rstrip(".")


def template_for(info: PermalinkInput, collections: dict, site_permalink: str) -> str | None:
    """The permalink template of a document (None: not a post, and not a page of a Jekyll site)."""
    if info.collection is None:
        if not info.page:
            return None
        return page_template(info.path, site_permalink, info.output_ext.lower() in HTML_EXTENSIONS)
    settings = collections.get(info.collection) if isinstance(collections, dict) else None
    template = settings.get("permalink") if isinstance(settings, dict) else None
    if template:
        # a style name is read as the style (Jekyll reads it only for posts: see the docs)
        return style_template(template)
    if info.collection == "posts":
        return style_template(site_permalink)
    return add_style_suffix("/:collection/:path", site_permalink)


def page_url(path: str, style: object, output_ext: str = ".html") -> str:
    """The URL of a Jekyll site's page at ``path`` without a permalink of its own:
    ``about.md`` is ``/about.html`` (``pretty``: ``/about/``), ``docs/index.md`` is
    ``/docs/``, ``feed.xml`` is ``/feed.xml``."""
    info = PermalinkInput(None, path, "", "", (), None, page=True, output_ext=output_ext)
    return sanitize_url(fill(page_template(path, style, output_ext.lower() in HTML_EXTENSIONS), info))


def escape_path(value: str) -> str:
    """Jekyll's ``URL.escape_path``: a placeholder's value percent-encoded, except the
    characters a path segment may hold (``/a b`` -> ``/a%20b``, ``é`` -> ``%C3%A9``,
    ``+`` kept, ``%`` -> ``%25``)."""
    if not value or _PLAIN_PATH.match(value):
        return value
    return urllib.parse.quote(value, safe=_PATH_SAFE)


def sanitize_url(url: str) -> str:
    """Jekyll's ``URL#sanitize_url``: a leading ``/``, ``..`` -> ``/``, no ``./``, no ``//``."""
    text = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", text)


def fill(template: str, info: PermalinkInput) -> str:
    """Replace the placeholders of ``template``, each value escaped (``URL.escape_path``);
    unknown ones are kept as written.  As Jekyll, ``:slug_`` is ``:slug`` followed by
    ``_`` when there is no ``slug_`` placeholder."""
    d = info.date
    if info.page:
        folder = posixpath.dirname(info.path)
        values: dict[str, str] = {"path": folder, "basename": _page_basename(info.path)}
    else:
        values = {
            "collection": info.collection or "",
            # Document#cleaned_relative_path: trailing dots dropped
            "path": info.collection_path.rstrip("."),
            "name": jekyll_slugify(posixpath.basename(info.collection_path)),
            "title": jekyll_slugify(info.slug, "pretty", cased=True),
            "slug": jekyll_slugify(info.slug),
            "categories": "/".join(dict.fromkeys(category_segment(c) for c in info.categories)),
            "slugified_categories": "/".join(dict.fromkeys(jekyll_slugify(c) for c in info.categories)),
        }
    values["output_ext"] = info.output_ext
    if d is not None and not info.page:
        values.update(
            year=f"{d.year:04d}",
            month=f"{d.month:02d}",
            day=f"{d.day:02d}",
            i_month=str(d.month),
            i_day=str(d.day),
            short_year=f"{d.year % 100:02d}",
            y_day=f"{d.timetuple().tm_yday:03d}",
            hour=f"{d.hour:02d}",
            minute=f"{d.minute:02d}",
            second=f"{d.second:02d}",
            week=f"{d.isocalendar()[1]:02d}",
            w_year=str(d.isocalendar()[0]),
            w_day=str(d.isoweekday()),
            short_day=d.strftime("%a"),
            long_day=d.strftime("%A"),
            short_month=d.strftime("%b"),
            long_month=d.strftime("%B"),
        )
    # a value never makes a ``.`` or ``..`` segment; then Jekyll's escaping
    values = {name: escape_path(_no_dot_segments(value) if value else value) for name, value in values.items()}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        if name.endswith("_") and name[:-1] in values:
            return values[name[:-1]] + "_"
        return match.group(0)

    return _PLACEHOLDER.sub(replace, template)


def permalink(info: PermalinkInput, collections: dict, site_permalink: str) -> str | None:
    """The old URL path of a document (``/ai/00002_dalle``), or None.

    Raises :class:`PermalinkError` for a front-matter permalink that is not a
    path of the site.
    """
    if info.front_matter not in (None, ""):
        url = check_path(str(info.front_matter))
        return sanitize_url(fill(url, info))
    template = template_for(info, collections, site_permalink)
    if template is None:
        return None
    return sanitize_url(fill(template, info))


def check_path(url: str) -> str:
    """A site path, or :class:`PermalinkError` saying why not."""
    text = url.strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme or parts.netloc or text.startswith("//"):
        raise PermalinkError(f"{text!r} is an address of another site, not a path of this one")
    if parts.query or parts.fragment:
        raise PermalinkError(f"{text!r} has a query or fragment; a permalink is a path")
    # percent-encoded dots and slashes are decoded before the files are written
    decoded = urllib.parse.unquote(parts.path)
    segments = [s for s in decoded.split("/") if s]
    if any(s == ".." for s in segments):
        raise PermalinkError(f"{text!r} leaves the site's root")
    if _UNSAFE_IN_PATH.sub("", decoded.replace(":", "")) != decoded.replace(":", ""):
        raise PermalinkError(f"{text!r} decodes to characters a file name cannot hold (%00, control characters)")
    taken = reserved(url_key(parts.path))
    if taken:
        raise PermalinkError(f"{text!r} would replace {taken!r}, which Sphinx or sphinx_blogposts writes")
    # ':' stays: it starts Jekyll's placeholders
    if _UNSAFE_IN_PATH.sub("", text.replace(":", "")) != text.replace(":", ""):
        raise PermalinkError(f"{text!r} has characters a file name cannot hold (<>\"|*\\ or control characters)")
    return parts.path if parts.path.startswith("/") else "/" + parts.path


def normalize_slashes(path: str) -> str:
    path = re.sub(r"/{2,}", "/", path)
    return path if path.startswith("/") else "/" + path


def url_key(path: str) -> str:
    """The form of a site path used to match links: no slashes at the ends, no
    ``.html``, no ``index``, percent-decoded (``/a/b/`` = ``/a/b.html`` = ``a/b``)."""
    path = urllib.parse.unquote(path.split("#", 1)[0].split("?", 1)[0])
    path = path.strip("/")
    if path.endswith("/index.html") or path == "index.html":
        path = path[: -len("index.html")].rstrip("/")
    elif path.endswith(".html"):
        path = path[: -len(".html")]
    return path


def claim_urls(
    entries: list[tuple[str, str, Any]],
) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str], list[tuple[str, str]]]:
    """Who owns each old URL, from ``(docname, source path, SourceFacts)``; of two
    documents that claim one, the first by source path.

    Returns ``url_map`` (URL key -> docname), ``old_urls`` (docname -> paths),
    ``post_files`` (``{% post_url name %}`` -> source path) and the problems
    (message, docname): an old URL claimed by two documents.
    """
    url_map: dict[str, str] = {}
    old_urls: dict[str, list[str]] = {}
    post_files: dict[str, str] = {}
    fallback: list[tuple[str, str]] = []  # a name without its folder finds a post only after every exact name
    paths = {docname: relpath for docname, relpath, _ in entries}
    problems: list[tuple[str, str]] = []
    for docname, relpath, f in sorted(entries, key=lambda e: e[1]):  # the first by path keeps a URL
        if f.kind == "post" and f.collection == "posts":
            exact, *legacy = post_url_names(relpath) or ("",)
            post_files.setdefault(exact, relpath)
            fallback.extend((name, relpath) for name in legacy)
        for path in [p for p in (f.permalink, *f.redirect_from) if p]:
            key = url_key(path)
            if not key:
                continue  # the site's root is the root document's
            owner = url_map.get(key)
            if owner is not None and owner != docname:
                problems.append((f"the old URL {path!r} is claimed by {paths[owner]} too; that one keeps it", docname))
                continue
            url_map[key] = docname
            old_urls.setdefault(docname, []).append(path)
    for name, relpath in fallback:
        post_files.setdefault(name, relpath)
    post_files.pop("", None)
    return url_map, old_urls, post_files, problems


@functools.lru_cache(maxsize=65536)  # a pure rule, asked several times per document per build
def url_docname(url: str) -> str | None:
    """The document name at which Jekyll writes the URL ``url``, or None when it
    is not an HTML page's URL (``/feed.json``) or not a safe path of the site.

    Jekyll's ``destination``: ``/`` is ``index.html``; ``/x/`` is ``x/index.html``;
    ``/x.html`` and the extensionless ``/x`` are ``x.html``.  Sphinx writes the
    docname ``d`` at ``d.html`` (``html``), so the docname is the file without
    ``.html``.
    """
    path = urllib.parse.unquote(url.split("#", 1)[0].split("?", 1)[0])
    path = normalize_slashes(path)
    if path.endswith("/"):
        docname = path.strip("/") + "/index" if path.strip("/") else "index"
    elif path.endswith(".html"):
        docname = path[1 : -len(".html")]
    elif "." in posixpath.basename(path):
        return None  # /feed.json, /x.php: not a page Sphinx writes
    else:
        docname = path[1:]
    segments = docname.split("/")
    if any(seg in ("", ".", "..") or _UNSAFE_IN_PATH.search(seg) or seg.startswith(".") for seg in segments):
        return None
    if reserved(url_key(path)) or segments[0].startswith("_"):
        return None  # Sphinx's own files (_static/, search.html) are never a page's
    return docname


def served_files(url: str) -> tuple[str, ...]:
    """The files a static host serves for ``url``, first the one Jekyll writes:
    ``/x/`` is ``x/index.html``, ``/x.html`` is ``x.html``, and the extensionless
    ``/x`` is ``x.html`` (GitHub Pages) and ``x/index.html`` (a plain server,
    which answers ``/x`` only from a folder)."""
    docname = url_docname(url)
    if docname is None:
        return ()
    if docname == "index" or docname.endswith("/index") or url.rstrip().endswith(".html"):
        return (f"{docname}.html",)
    return (f"{docname}.html", f"{docname}/index.html")


def jekyll_id(url: str, slug: str) -> str:
    """jekyll-feed's entry id before ``absolute_url``: ``Document#id``, the folder of
    the URL and the slug (``/2024/12/28/post-839``, ``/ai/00002_dalle``)."""
    folder = url.rstrip("/").rsplit("/", 1)[0] if url.endswith("/") else url.rsplit("/", 1)[0]
    return folder.rstrip("/") + "/" + slug


def plan_docnames(
    entries: list[tuple[str, str, str | None]], held: dict[str, str]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Which document moves to the docname of its URL, from ``(docname, source path,
    URL or None)``.  Of two documents whose URLs are one, the first by source path
    moves and the other keeps its source docname (:func:`claim_urls` warns about
    that URL).  ``held`` maps the docnames of the documents that stay where they are
    to their source paths: one of them keeps its place (and this is a problem).

    Returns the moves (source docname -> URL docname) and the problems
    ``(message, source docname)``.
    """
    moves: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    claimed: set[str] = set()  # URL keys and docnames taken by a move
    for docname, relpath, url in sorted(entries, key=lambda e: e[1]):
        target = url_docname(url) if url else None
        if url is None or target is None or target == docname:
            continue
        key = "url:" + url_key(url)
        if key in claimed or target in claimed:
            continue  # claim_urls names both
        if target in held:
            problems.append(
                (
                    f"the URL {url!r} is where {held[target]} is written; that page keeps it "
                    f"and this one stays at its source path",
                    docname,
                )
            )
            continue
        claimed.update((key, target))
        moves[docname] = target
    return moves, problems
