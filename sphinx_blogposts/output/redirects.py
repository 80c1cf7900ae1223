"""Every old URL keeps working: page copies, redirect pages, a URL map and a sitemap.

Before reading, the old URL of every published document (its permalink and
its ``redirect_from`` paths, from the front-matter facts) goes into
``url_map`` (:func:`.core.permalinks.claim_urls`), which links between posts
resolve against, and a document of a Jekyll site takes the docname of its URL
(:mod:`.reading.discovery`), so its page is written where Jekyll wrote it.
When an HTML build finishes, the file a plain static server looks up for a
page's own URL and that the builder did not write (``x/index.html`` for the
extensionless ``/x``) gets a copy of the page with its relative addresses
moved to the copy's folder; every other old URL and spelling gets a small page — ``old.html``
and ``old/index.html`` — with a relative ``meta refresh`` (it works under any
prefix, such as Read the Docs' ``/en/latest/``), a canonical link and
``noindex``.  ``redirects.json`` maps each redirecting old URL to its page (for
hosting redirect rules), and ``sitemap.xml`` lists the pages at their URLs.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

from ..core.feeds import configured_outputs
from ..core.permalinks import served_files, url_key
from ..core.safe_paths import remove_output, reserved
from ..core.urls import is_site_relative, is_web_url
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.generated import write_if_changed
from ..store.settings import settings_of
from ..store.site_urls import jekyll_url, page_address
from .feed_content import FEED_BUILDERS, base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

REDIRECT_BUILDERS = FEED_BUILDERS


def redirect_page(target: str, title: str, canonical: str, language: str | None) -> str:
    """A page that sends readers (and search engines) to ``target`` (relative)."""
    t, c, name = html.escape(target, quote=True), html.escape(canonical, quote=True), html.escape(title)
    lang = f' lang="{html.escape(language, quote=True)}"' if language else ""
    return (
        f"<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset=\"utf-8\" />\n"
        f"<title>{name}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={t}" />\n'
        f'<link rel="canonical" href="{c}" />\n'
        '<meta name="robots" content="noindex" />\n'
        f'</head>\n<body>\n<p><a href="{t}">{name}</a></p>\n</body>\n</html>\n'
    )


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in REDIRECT_BUILDERS:
        return

    env = app.env
    builder = app.builder
    data = BlogpostsDomain.of(env).data
    settings = settings_of(app.env)
    outdir = Path(app.outdir).resolve()
    base = base_url(app, settings)
    feed_files = configured_outputs(settings)
    spellings = settings.url_spellings
    real_pages = {_out(builder, d) for d in env.all_docs}
    mapping: dict[str, str] = {}
    collisions: list[tuple[str, str]] = []
    written: dict[str, str] = {}  # file -> digest of a redirect page ("" for a page copy)
    before = _manifest(outdir)
    folders: set[Path] = set()  # made already
    for docname, paths in sorted(data["old_urls"].items()):
        if docname not in env.all_docs:
            continue
        target_uri = builder.get_target_uri(docname)
        title = env.titles[docname].astext() if docname in env.titles else docname
        own = _out(builder, docname)
        served = jekyll_url(env, docname)
        for path in paths:
            key = url_key(path)
            if reserved(key, feed_files):  # never over Sphinx's own files, nor a feed
                continue
            names = [f"{key}.html", f"{key}/index.html"]
            if any(n in real_pages and n != own for n in names):
                collisions.append((path, docname))  # a real page is there: it wins, no variant redirects
                continue
            # the page's own URL: where a static host looks for it holds the page itself
            copies = served_files(path) if path == served else ()
            if not copies:
                mapping[path] = target_uri
            for name in names:
                if name == own:
                    continue  # the old URL is the new page itself
                if path == served and name not in copies and not spellings:
                    continue  # a spelling Jekyll never wrote (x.html for /x/): only when asked
                digest = ""
                try:
                    if name in copies:
                        page = page_copy(outdir / own, own, name)
                    else:
                        relative = posixpath.relpath(target_uri or ".", posixpath.dirname(name) or ".")
                        if target_uri.endswith("/") and not relative.endswith("/"):
                            relative += "/"
                        canonical = base + page_address(env, builder, docname) if base else relative
                        page = redirect_page(relative, title, canonical, app.config.language)
                        digest = hashlib.blake2b(page.encode("utf-8"), digest_size=12).hexdigest()
                    # the same redirect page as the last build wrote, still there: a rebuild
                    # of a large site neither reads nor rewrites its thousands of them
                    if not (digest and before.get(name) == digest and (outdir / name).is_file()):
                        write_if_changed(Path(name), page, folders, root=outdir)  # UnsafePath: outside the output
                except OSError as exc:  # a name the file system refuses, a file where a folder is needed
                    warn(f"no redirect page for {path!r}: {exc}", BlogWarning.PERMALINK, location=(docname, 1))
                    continue
                written[name] = digest
    _remove_old_redirects(outdir, before, written, real_pages)
    refused = {docname for _, docname in data["move_problems"] or ()}  # warned at discovery
    for path, docname in sorted(set(collisions)):
        if docname in refused and path == data["sources"][docname].facts.permalink:
            continue
        warn(
            f"the old URL {path!r} is now a page of its own; that page wins and no redirect is written",
            BlogWarning.PERMALINK,
            location=(docname, 1),
        )
    text = json.dumps(mapping, indent=1, sort_keys=True, ensure_ascii=False)
    # safe to paste into a <script> element too: no markup characters survive
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    files = [("redirects.json", text + "\n")]
    if base and "sphinx_sitemap" not in app.config.extensions:
        files.append(("sitemap.xml", sitemap(app, base)))
    for name, content in files:
        try:
            write_if_changed(Path(name), content, root=outdir)
        except OSError as exc:  # a folder of the project's own static files in the way
            warn(f"{name} could not be written: {exc}", BlogWarning.OUTPUT, location=(app.config.root_doc, 1))


MANIFEST = ".blogposts-redirects"


def _manifest(outdir: Path) -> dict[str, str]:
    """The files the last build wrote for old URLs, each with the digest of its redirect
    page (``""`` for a page copy, or a manifest of an older version)."""
    try:
        lines = (outdir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return dict((line.split("\t", 1) + [""])[:2] for line in lines if line)


def _remove_old_redirects(outdir: Path, before: dict[str, str], written: dict[str, str], real_pages: set[str]) -> None:
    """Delete the redirect pages of old URLs that no longer exist (a moved or deleted post);
    ``before`` is the last build's manifest."""
    for name in sorted(set(before) - set(written) - real_pages):
        if reserved(url_key(name)):
            continue  # an old manifest never deletes Sphinx's own pages (genindex, search)
        remove_output(outdir, name)  # and the folders it empties, as a fresh build has none
    try:
        text = "".join(f"{n}\t{d}\n" if d else f"{n}\n" for n, d in sorted(written.items()))
        write_if_changed(outdir / MANIFEST, text, root=outdir)
    except OSError:
        pass  # a folder of that name: the next build cannot tidy up, nothing is lost


#: The attributes whose relative addresses a page copy moves (``data-content_root``
#: is where Sphinx's scripts find the search index).
_ADDRESS = re.compile(r'(\s(?:href|src|poster|data-content_root)=")([^"]*)(")', re.IGNORECASE)
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?|$)")


def page_copy(page: Path, own: str, name: str) -> str:
    """The page written at ``own``, for the file ``name`` a static host serves for
    the same URL: the same HTML with every relative address moved so that it
    resolves from ``name`` as it does from ``own`` (links, images, styles,
    scripts, the search index).  The copy is a page of its own folder, so a
    reader of the files (or a crawler) finds its links where they lead.

    Raises :class:`OSError` when the page cannot be read.
    """
    text = page.read_text(encoding="utf-8")
    prefix = posixpath.relpath(posixpath.dirname(own) or ".", posixpath.dirname(name) or ".")
    if prefix == ".":
        return text

    def moved(match: re.Match[str]) -> str:
        value = match.group(2)
        if _NOT_RELATIVE.match(value):
            return match.group(0)
        return f"{match.group(1)}{prefix}/{value}{match.group(3)}"

    return _ADDRESS.sub(moved, text)


def _out(builder: Any, docname: str) -> str:
    """A document's output file, relative to the output folder (POSIX)."""
    uri = urllib.parse.unquote(builder.get_target_uri(docname))  # a file name, not a URL
    if not uri or uri.endswith("/"):
        return uri + "index.html"
    return uri


def sitemap(app: Sphinx, base: str) -> str:
    """``sitemap.xml``: every page, with the date of the last change of posts."""
    records = BlogpostsDomain.of(app.env).posts
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    list_pages = BlogpostsDomain.of(app.env).data["list_pages"]  # pages 2, 3... of lists
    for docname in sorted({*app.env.all_docs, *list_pages}):
        if app.env.metadata.get(docname, {}).get("nosearch"):
            continue
        uri = page_address(app.env, app.builder, docname)
        lines.append(f"  <url><loc>{xml_escape(base + uri)}</loc>")
        record = records.get(docname)
        changed = record and (record.last_modified or record.date)
        if changed:
            lines.append(f"    <lastmod>{changed.date().isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def on_html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``redirect_to``: the page sends readers on to another address.

    Only ``http(s)://`` addresses and paths of the site are followed, checked
    after the quotes and spaces a browser would ignore in a meta refresh.
    """
    record = BlogpostsDomain.of(app.env).posts.get(pagename)
    target = record.meta.get("redirect_to") if record else None
    if isinstance(target, list):
        target = target[0] if target else None
    if target is None:
        return
    cleaned = target.strip().strip("'\"").strip() if isinstance(target, str) else ""
    if not cleaned or not (is_web_url(cleaned) or is_site_relative(cleaned)):
        line = 1  # the key's line; 1 when it comes from defaults: or cannot be read
        try:
            with open(app.env.doc2path(pagename), encoding="utf-8", errors="replace") as source:
                line = next((n for n, text in enumerate(source, 1) if text.startswith("redirect_to:")), 1)
        except OSError:
            pass
        warn(
            f"redirect_to {str(target)[:200]!r} is not an http(s) address or a path of this site; "
            "the page does not redirect",
            BlogWarning.PERMALINK,
            location=(pagename, line),
        )
        return
    t = html.escape(cleaned, quote=True)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<meta http-equiv="refresh" content="0; url={t}" />\n<link rel="canonical" href="{t}" />'
        '\n<meta name="robots" content="noindex" />'
    )
