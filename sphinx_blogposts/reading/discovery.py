"""Which source files are pages: Jekyll's rules, applied before Sphinx reads.

Sphinx finds every file with a known suffix.  Jekyll is pickier: a Markdown
file without front matter is not a page (nor, in a Jekyll site, an ``.html``
file without it), nor is a post with
``published: false``, a draft, a post dated in the future, or a document of a
collection that is not output.  At ``env-get-outdated`` we take those out of
the project (and out of the environment if they were read before), so they are
neither read nor written — on full and on incremental builds alike.

Each file's facts are cached in the environment by modification time and
size, so a rebuild does not read unchanged files again.  Among them is
whether a page lists posts (:mod:`.core.listings`), which the planning of
generated pages and the reader both use.

A document that leaves the project loses every output, which Sphinx leaves
behind: its page and ``_sources`` copy (here), the images and downloads no
document uses any more (``env-updated``) and its words in the search index
(``html-collect-pages``).  Documents whose Liquid waited for a missing file
are read again once it is there.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..core.dates import date_from_filename
from ..core.documents import JudgedSource, Site
from ..core.facts import NAME_KEYS, CachedFacts, SourceFacts
from ..core.languages import translation_key
from ..core.listings import find_listing
from ..core.permalinks import (
    PermalinkError,
    PermalinkInput,
    check_path,
    claim_urls,
    permalink,
    plan_docnames,
    url_docname,
)
from ..core.post_record import PostSource, _text, post_date, taxonomy
from ..core.safe_paths import outside_source
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain, published_docs
from ..store.generated import decode_leniently, generated_dir, map_document, write_if_changed
from ..store.settings import site_of
from ..store.sources import judged
from .directive import PostDirective
from .html_pages import rendered_by_jekyll
from .outdated import changed_among
from .readme_index import BESIDE_AN_INDEX, readmes_beside_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: ``(docname, path, text, mtime) -> JudgedSource``: how a file's front matter is judged.
Judge = Callable[[str, str, str, "float | None"], JudgedSource]

#: The warning for a ``_posts`` file without a date in its name (also used by the CLI).
UNDATED_POST_MESSAGE = (
    "this file is in _posts/ but its name does not start with a date "
    "(YYYY-MM-DD-title.md); Jekyll does not publish it, and neither do we"
)
#: The warning for a source that is not UTF-8 (also used by the CLI).
ENCODING_MESSAGE = (
    "this file is not valid UTF-8; it is read as UTF-8 with the invalid bytes "
    "taken as Windows-1252 (save it as UTF-8 to silence this)"
)


def read_facts(
    site: Site, docname: str, path: str, abspath: str, mtime: float, judge: Judge | None = None
) -> SourceFacts:
    """Read the front matter of one file and judge it (no warnings here: the
    reader warns when the document is read).  ``judge`` is
    :meth:`~..core.documents.Site.judge` or one that remembers (the build's)."""
    try:
        with open(abspath, "rb") as f:
            text, bad_line = decode_leniently(f.read())
    except OSError:
        text, bad_line = "", None
    made = (judge or site.judge)(docname, path, text, mtime)
    fm, source, fields, kind = made.front_matter, made.source, made.fields, made.kind
    handwritten = handwritten_post_options(text)
    if handwritten is not None:
        # a post directive written by hand decides like front matter does
        fields = {**fields, **handwritten}
        kind = "post"
    languages = site.languages
    language = languages.document_language(fields, source.path)
    shown = languages.shown_categories(source.path, source.folder_categories)
    tags, categories, authors = taxonomy(fields, shown)
    stem = os.path.splitext(os.path.basename(path))[0]
    file_date, _ = date_from_filename(stem, site.tz)
    date, _ = post_date(fields, source, site.tz)  # the record's date (an undated draft: its file time)
    timestamp = date.value.timestamp() if date is not None else None
    old_url, redirects = old_urls(site, fields, source, kind, timestamp)
    return SourceFacts(
        has_front_matter=fm.present or bool(fm.problems) or handwritten is not None,
        kind=kind,
        collection=source.collection or _text(fields.get("collection")) or None,
        published=fields.get("published", True) is not False,
        draft=source.draft,
        timestamp=timestamp,
        undated_post=(
            site.settings.jekyll_site
            and source.collection == "posts"
            and not source.draft
            and file_date is None
        ),
        encoding_line=bad_line,
        tags=tuple(tags),
        categories=tuple(categories),
        authors=tuple(authors),
        permalink=old_url,
        redirect_from=redirects,
        own_permalink=fields.get("permalink") not in (None, ""),
        lines=tuple((k, n) for k, n in sorted(fm.key_lines.items()) if k in NAME_KEYS),
        listing=listing_of(site, fm.body, fields, kind),
        language=language,
        blog=languages.blog_of(source.path, source.collection or _text(fields.get("collection")) or "posts", language)
        if kind == "post" else "",
        translation_key=translation_key(fields, source.path, languages, _text(fields.get("permalink")) or None),
    )


def listing_of(site: Site, body: str, fields: dict, kind: str | None) -> str | None:
    """The list of posts a page of a Jekyll site shows (:mod:`.core.listings`), if any."""
    if kind != "page" or not site.settings.jekyll_site:
        return None
    found = find_listing(body, fields.get("layout"), site.settings.collections, fields.get("collection"))
    return found.description if found else None


_DIRECTIVE_STARTS = ("```{post}", "~~~{post}", ":::{post}", ".. post::")


def handwritten_post_options(text: str) -> dict[str, str] | None:
    """The ``:key: value`` options of a hand-written ``post`` directive, or None.

    Only the option lines are read (they are plain ``:key: value`` lines in
    both rST and MyST), enough to decide whether the post is published.
    """
    lines = text.splitlines()
    fence = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence:  # inside a code block: an example, not a directive
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
            continue
        if line.startswith(_DIRECTIVE_STARTS):  # not indented: not inside an rST block
            return _convert_options(_option_lines(lines[i + 1 :]))
        if stripped[:3] in ("```", "~~~"):
            fence = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]
    return None


def _option_lines(lines: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for option in lines:
        stripped = option.strip()
        if not stripped.startswith(":") or stripped.count(":") < 2:
            break
        key, _, value = stripped[1:].partition(":")
        options[key.strip()] = value.strip()
    return options


def old_urls(
    site: Site, fields: dict, source: PostSource, kind: str | None, timestamp: float | None
) -> tuple[str | None, tuple[str, ...]]:
    """The permalink and the ``redirect_from`` paths of a document (bad ones left out:
    the reader reports them)."""
    if kind is None:
        return None, ()
    info = permalink_input(site, fields, source, kind, timestamp)
    try:
        url = permalink(info, site.settings.collections, site.settings.permalink)
    except PermalinkError:
        url = None
    if url is not None:  # jekyll-polyglot writes a language's pages under its prefix
        url = site.languages.url_prefix(site.languages.document_language(fields, source.path)) + url
    redirects: list[str] = []
    raw = fields.get("redirect_from")
    for item in [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []:
        try:
            redirects.append(check_path(str(item)))
        except PermalinkError:
            continue
    return url, tuple(redirects)


def permalink_input(
    site: Site, fields: dict, source: PostSource, kind: str | None, timestamp: float | None
) -> PermalinkInput:
    stem = os.path.splitext(os.path.basename(source.path))[0]
    _, file_slug = date_from_filename(stem, site.tz)
    folder = next((f for f in site.folders if source.path.startswith(f + "/")), "")
    if not folder and source.collection and source.path.startswith(f"_{source.collection}/"):
        folder = f"_{source.collection}"  # a docs project's undeclared ``_name/`` folder
    inside = os.path.splitext(source.path[len(folder) + 1 :] if folder else source.path)[0]
    slug = fields.get("slug")
    return PermalinkInput(
        collection=source.collection if kind == "post" else None,
        path=source.path,
        collection_path=inside,
        slug=str(slug) if isinstance(slug, (str, int)) and str(slug).strip() else file_slug,
        categories=tuple(taxonomy(fields, source.folder_categories)[1]),
        date=dt.datetime.fromtimestamp(timestamp, site.tz) if timestamp is not None else None,
        front_matter=fields.get("permalink"),
        # a Jekyll site's page has the URL its style gives (a docs project's keeps Sphinx's)
        page=kind == "page" and source.collection is None and site.settings.jekyll_site,
        # Markdown is written as .html; other rendered files keep their extension
        output_ext=".html" if site.is_markdown(source.path) else os.path.splitext(source.path)[1] or ".html",
    )


def _convert_options(options: dict[str, str]) -> dict:
    """The directive's own option converters, so both forms give the same values."""
    out: dict = {}
    for key, value in options.items():
        converter = PostDirective.option_spec.get(key)
        try:
            out[key] = converter(value) if converter and value else value
        except (ValueError, TypeError):
            out[key] = value
    return out


#: The reason for a source file that is a symbolic link out of the source folder.
LINKED_OUT = "links outside the source folder"


def never_read(site: Site, outside: str | None) -> bool:
    """A link out of the source folder in a Jekyll site (one folder): not even read."""
    return bool(outside) and site.settings.jekyll_site


def why_not_a_page(
    site: Site, facts: SourceFacts, is_markdown: bool, now: float, linked_out: bool = False
) -> str | None:
    """The reason a file is not published, or ``None`` when it is a page: the one
    judgement of the build and of ``check``/``init``.  ``linked_out``: the file is a
    link out of the source folder (docs projects may link README.md in, but posts
    and pages are the writers' content)."""
    settings = site.settings
    if settings.jekyll_site and is_markdown and not facts.has_front_matter and facts.kind is None:
        return "no front matter"
    if facts.kind is None:
        return None
    if not facts.published:
        return "published: false"
    if facts.draft and not settings.drafts:
        return "draft"
    if facts.kind == "post" and facts.undated_post:
        return "no date in file name"
    if facts.kind == "post" and not settings.future and facts.timestamp and facts.timestamp > now:
        return "dated in the future"
    if facts.kind == "post" and not site.output(facts.collection):
        return "collection not output"
    if linked_out:
        return LINKED_OUT
    return None


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Drop the files that are not pages from this build (see module docstring)."""
    site = site_of(env)
    judge = functools.partial(judged, app, site)
    cache = BlogpostsDomain.source_cache(env, site)
    now = dt.datetime.now(dt.UTC).timestamp()
    skipped: dict[str, list[str]] = {}
    fresh: dict[str, CachedFacts] = {}
    real_srcdir = os.path.realpath(env.srcdir)
    folders_outside: dict[str, bool] = {}  # a folder's answer holds for every file in it that is no link
    # the cache is keyed by the docnames of the last build (moved ones: their URL's)
    moved_before = BlogpostsDomain.of(env).data["moved"]
    cache_by_source = {moved_before.get(d, d): entry for d, entry in cache.items()}
    for docname in sorted(env.found_docs):
        path = env.doc2path(docname, False).as_posix()
        if not rendered_by_jekyll(site, path) and not path.endswith(".rst"):
            continue  # notebooks and other sources: never posts
        abspath = os.path.join(env.srcdir, path)
        try:
            st = os.lstat(abspath)
            linked = stat.S_ISLNK(st.st_mode)
            if linked:
                st = os.stat(abspath)
        except OSError:
            continue
        outside = outside_message(abspath, real_srcdir, None if linked else folders_outside)
        if never_read(site, outside):
            skipped.setdefault(LINKED_OUT, []).append(docname)
            _warn_outside(abspath, outside)
            continue
        hit = cache_by_source.get(docname)
        if hit is not None and hit.fresh_for(st.st_mtime_ns, st.st_size):
            facts = hit.facts
        else:
            facts = read_facts(site, docname, path, abspath, st.st_mtime, judge)
        fresh[docname] = CachedFacts(st.st_mtime_ns, st.st_size, facts)
        reason = why_not_a_page(site, facts, rendered_by_jekyll(site, path), now, linked_out=bool(outside))
        if reason == LINKED_OUT:
            _warn_outside(abspath, outside)
        if reason:
            skipped.setdefault(reason, []).append(docname)
            if reason == "no date in file name":
                warn(
                    UNDATED_POST_MESSAGE,
                    BlogWarning.DATE,
                    location=f"{abspath}:1",
                )
    beside = readmes_beside_index(env, fresh, {d for docnames in skipped.values() for d in docnames})
    if beside:  # jekyll-readme-index: a folder's own index wins; the README is not a page
        skipped[BESIDE_AN_INDEX] = beside
    for docnames in skipped.values():
        for docname in docnames:
            env.project.docnames.discard(docname)
            added.discard(docname)
            changed.discard(docname)
            if docname in env.all_docs:
                removed.add(docname)
    move_to_urls(env, site, fresh, added, changed, removed)
    cache.clear()
    cache.update(fresh)
    _reencode(env, fresh, added, changed, removed)
    if skipped:
        logger.info("")  # Sphinx's "updating environment: " line is still open
    for reason, docnames in sorted(skipped.items()):
        logger.info(
            "sphinx_blogposts: not building %d file(s) (%s): %s",
            len(docnames),
            reason,
            ", ".join(docnames[:5]) + (", ..." if len(docnames) > 5 else ""),
        )
    return []


def url_of(site: Site, facts: SourceFacts) -> str | None:
    """The URL whose docname a published document takes: in a Jekyll site its
    permalink (front matter, collection template, site style); in a docs project only
    a ``permalink:`` of its own front matter (else it keeps Sphinx's path)."""
    if facts.permalink is None:
        return None
    if site.settings.jekyll_site or facts.own_permalink:
        return facts.permalink
    return None


def move_to_urls(
    env: BuildEnvironment,
    site: Site,
    fresh: dict[str, CachedFacts],
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> None:
    """Map each published source to the docname of its URL, so every builder writes
    it where Jekyll did (``/ai/x/`` -> ``ai/x/index``), as generated pages are mapped.

    ``fresh`` is re-keyed by the new docnames; ``moved`` remembers the source
    docnames for the next build's cache.  The sets Sphinx computed from source
    docnames are corrected: a moved document is added, changed or unchanged by
    its new name.
    """
    project = env.project
    entries: list[tuple[str, str, str | None]] = []
    for docname in sorted(project.docnames):
        entry = fresh.get(docname)
        url = url_of(site, entry.facts) if entry is not None else None
        entries.append((docname, env.doc2path(docname, False).as_posix(), url))
    moving = {d for d, _, url in entries if url and url_docname(url) not in (None, d)}
    held = {d: path for d, path, _ in entries if d not in moving}
    moves, problems = plan_docnames(entries, held)
    data = BlogpostsDomain.of(env).data
    if problems != data["move_problems"]:
        for message, docname in problems:
            warn(message, BlogWarning.PERMALINK, location=f"{env.doc2path(docname)}:1")
    data["move_problems"] = problems
    paths = {source: project._docname_to_path.pop(source) for source in moves}
    for source, path in paths.items():
        project._path_to_docname.pop(path, None)
        project.docnames.discard(source)
        added.discard(source)
        changed.discard(source)
        if source in env.all_docs:
            removed.add(source)  # its old output goes (a page now moved to its URL)
    moved_facts = {target: fresh.pop(source) for source, target in moves.items()}
    fresh.update(moved_facts)
    srcdir = Path(env.srcdir)
    for source, target in moves.items():
        path = paths[source]
        map_document(env, target, path, False, added, changed, removed)
        # MyST looks a linked file up by its absolute path ([x](other.md))
        project._path_to_docname[srcdir / path] = target
    # asked once they have their paths
    changed.update(changed_among(env, [t for t in moves.values() if t in env.all_docs]))
    data["moved"] = {target: source for source, target in moves.items()}


def outside_message(abspath: str, real_srcdir: str, folders: dict[str, bool] | None = None) -> str | None:
    """Why a source file is not read when it links out of the source folder (else None).

    ``folders`` (folder -> outside?) is for a file known not to be a symbolic link
    itself: it lies where its folder lies, so one test per folder answers for all
    its files (the links of every folder on the way are followed all the same)."""
    if folders is not None:
        folder = os.path.dirname(abspath)
        if folder not in folders:
            folders[folder] = outside_source(folder, real_srcdir)
        if not folders[folder]:
            return None
    elif not outside_source(abspath, real_srcdir):
        return None
    real = os.path.realpath(abspath)
    return f"this file is a symbolic link to {real}, outside the source folder; it is not read"


def _warn_outside(abspath: str, message: str | None) -> None:
    warn(message or "", BlogWarning.LINK, location=f"{abspath}:1")


def _reencode(
    env: BuildEnvironment,
    facts: dict[str, CachedFacts],
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> None:
    """Sphinx stops the whole build on a file that is not UTF-8; read a UTF-8 copy instead."""
    reencoded: dict[str, str] = {}
    for docname, entry in facts.items():
        f = entry.facts
        if f.encoding_line is None or docname not in env.found_docs:
            continue
        original = env.doc2path(docname)
        relpath = env.doc2path(docname, False).as_posix()
        try:
            text, _ = decode_leniently(original.read_bytes())
        except OSError:
            continue
        copy = generated_dir(env) / "reencoded" / relpath
        try:
            written = write_if_changed(copy, text, root=generated_dir(env))
        except OSError:
            continue  # a name the file system refuses: Sphinx reads the file as it is
        if docname in added or docname in changed or written:
            warn(
                ENCODING_MESSAGE,
                BlogWarning.ENCODING,
                # a path, not the docname: the docname is about to point at the copy
                location=f"{original}:{f.encoding_line}",
            )
        map_document(env, docname, copy, written, added, changed, removed)
        reencoded[docname] = relpath

    BlogpostsDomain.of(env).data["reencoded"] = reencoded


def claim_old_urls(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``url_map`` (old URL key -> docname) and ``old_urls`` (docname -> paths) of the
    published files, and a warning for an old URL two of them claim."""
    data = BlogpostsDomain.of(env).data
    facts = data["sources"]
    entries = [
        (docname, env.doc2path(docname, False).as_posix(), facts[docname].facts)
        for docname in sorted(published_docs(env))
    ]
    url_map, old_urls, post_files, problems = claim_urls(entries)
    if problems != data["url_problems"]:
        for message, docname in problems:
            warn(message, BlogWarning.PERMALINK, location=(docname, 1))
    data["url_problems"] = problems
    data["url_map"] = url_map
    data["old_urls"] = old_urls
    data["post_files"] = post_files
    return []
