"""Which source files are pages: Jekyll's rules, applied before Sphinx reads.

Sphinx finds every file with a known suffix.  Jekyll is pickier: a Markdown
file without front matter is not a page, nor is a post with
``published: false``, a draft, a post dated in the future, or a document of a
collection that is not output.  At ``env-get-outdated`` we take those out of
the project (and out of the environment if they were read before), so they are
neither read nor written — on full and on incremental builds alike.

Each file's facts are cached in the environment by modification time and
size, so a rebuild does not read unchanged files again.

A document that leaves the project loses every output, which Sphinx leaves
behind: its page and ``_sources`` copy (here), the images and downloads no
document uses any more (``env-updated``) and its words in the search index
(``html-collect-pages``).  Documents whose Liquid waited for a missing file
are read again once it is there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.util import logging

from .dates import DateError, date_from_filename, parse_date
from .documents import Site
from .front_matter import read_front_matter
from .file_access import outside_source
from .safe_paths import remove_output
from .permalinks import PermalinkError, PermalinkInput, check_path, permalink
from .post_record import PostSource, _text, taxonomy
from .generated import decode_leniently, generated_dir, map_document, write_if_changed
from .warnings import BlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

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


#: Front-matter keys whose values become names of pages or folders.
NAME_KEYS = frozenset(("collection", "tags", "tag", "categories", "category", "author", "authors"))


@dataclass(frozen=True)
class SourceFacts:
    """What discovery needs to know about one file (picklable, cached)."""

    has_front_matter: bool
    kind: str | None
    collection: str | None
    published: bool
    draft: bool
    #: POSIX timestamp of the post's date, when it has one.
    timestamp: float | None
    #: A ``_posts`` file whose name has no date: Jekyll ignores it.
    undated_post: bool
    #: Line of the first byte that is not UTF-8 (Sphinx cannot read such a file).
    encoding_line: int | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    #: The old site's URL path of this document (its permalink), if it had one.
    permalink: str | None = None
    #: jekyll-redirect-from's ``redirect_from`` paths.
    redirect_from: tuple[str, ...] = ()
    #: (key, line) of the front-matter keys names come from, for warnings at the key.
    lines: tuple[tuple[str, int], ...] = ()


def read_facts(site: Site, docname: str, path: str, abspath: str, mtime: float) -> SourceFacts:
    """Read the front matter of one file and judge it (no warnings here: the
    reader warns when the document is read)."""
    try:
        with open(abspath, "rb") as f:
            text, bad_line = decode_leniently(f.read())
    except OSError:
        text, bad_line = "", None
    fm = read_front_matter(text)
    source = site.source(docname, path, mtime)
    fields = site.fields(fm, source)
    kind = site.kind(fm, source, fields)
    handwritten = handwritten_post_options(text)
    if handwritten is not None:
        # a post directive written by hand decides like front matter does
        fields = {**fields, **handwritten}
        kind = "post"
    tags, categories, authors = taxonomy(fields, source.folder_categories)
    stem = os.path.splitext(os.path.basename(path))[0]
    file_date, _ = date_from_filename(stem, site.tz)
    timestamp = None
    try:
        if fields.get("date") not in (None, ""):
            timestamp = parse_date(fields["date"], site.tz).value.timestamp()
    except DateError:
        pass
    if timestamp is None and file_date is not None:
        timestamp = file_date.value.timestamp()
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
        lines=tuple((k, n) for k, n in sorted(fm.key_lines.items()) if k in NAME_KEYS),
    )


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
    )


def _convert_options(options: dict[str, str]) -> dict:
    """The directive's own option converters, so both forms give the same values."""
    from .directive import PostDirective

    out: dict = {}
    for key, value in options.items():
        converter = PostDirective.option_spec.get(key)
        try:
            out[key] = converter(value) if converter and value else value
        except (ValueError, TypeError):
            out[key] = value
    return out


def why_not_a_page(site: Site, facts: SourceFacts, is_markdown: bool, now: float) -> str | None:
    """The reason a file is not published, or ``None`` when it is a page."""
    settings = site.settings
    if settings.jekyll_site and is_markdown and not facts.has_front_matter:
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
    return None


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Drop the files that are not pages from this build (see module docstring)."""
    from .domain import BlogpostsDomain
    from .generated_pages import inject_generated_pages
    from .redirects import plan_urls

    site = Site.from_settings(BlogpostsDomain.settings(env))
    cache = BlogpostsDomain.source_cache(env, site)
    now = dt.datetime.now(dt.UTC).timestamp()
    skipped: dict[str, list[str]] = {}
    fresh: dict[str, tuple[int, int, SourceFacts]] = {}
    real_srcdir = os.path.realpath(env.srcdir)
    for docname in sorted(env.found_docs):
        path = env.doc2path(docname, False).as_posix()
        if not site.is_markdown(path) and not path.endswith(".rst"):
            continue  # notebooks and other sources: never posts
        abspath = str(env.doc2path(docname))
        try:
            st = os.stat(abspath)
        except OSError:
            continue
        outside = outside_message(abspath, real_srcdir)
        if outside and site.settings.jekyll_site:
            # a Jekyll site is one folder; a link out of it is not read at all
            skipped.setdefault("links outside the source folder", []).append(docname)
            _warn_outside(abspath, outside)
            continue
        hit = cache.get(docname)
        if hit and hit[0] == st.st_mtime_ns and hit[1] == st.st_size:
            facts = hit[2]
        else:
            facts = read_facts(site, docname, path, abspath, st.st_mtime)
        fresh[docname] = (st.st_mtime_ns, st.st_size, facts)
        reason = why_not_a_page(site, facts, site.is_markdown(path), now)
        if outside and facts.kind is not None and not reason:
            # docs projects may link README.md in, but posts are the writers' content
            reason = "links outside the source folder"
            _warn_outside(abspath, outside)
        if reason:
            skipped.setdefault(reason, []).append(docname)
            if reason == "no date in file name":
                warn(
                    UNDATED_POST_MESSAGE,
                    BlogWarning.DATE,
                    location=f"{abspath}:1",
                )
    cache.clear()
    cache.update(fresh)
    for docnames in skipped.values():
        for docname in docnames:
            env.project.docnames.discard(docname)
            added.discard(docname)
            changed.discard(docname)
            if docname in env.all_docs:
                removed.add(docname)
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
    published = {d for d in fresh if d in env.found_docs}
    plan_urls(env, fresh, published)
    result = inject_generated_pages(app, env, added, changed, removed, fresh, published)
    _delete_removed_output(app, env, removed)  # after generated pages took theirs back
    again = result + _site_readers(env, added, changed, removed, result)
    return again + awaiting_documents(env, set(added) | set(changed) | set(again))


def awaiting_documents(env: BuildEnvironment, again: set[str]) -> list[str]:
    """Documents whose Liquid looked for a file that was missing (an include, a
    ``_data/`` file) and is there now, or listed ``_data/`` and it has new
    files: read them again."""
    from .domain import BlogpostsDomain
    from .liquid_context import AWAITED_KEY, awaited_changed

    awaited = BlogpostsDomain.of(env).data.get(AWAITED_KEY, {})
    return sorted(
        docname
        for docname, paths in awaited.items()
        if docname in env.found_docs and docname not in again and awaited_changed(env.srcdir, paths)
    )


def on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """A document read again notes the files it waits for again."""
    from .domain import BlogpostsDomain
    from .liquid_context import AWAITED_KEY

    BlogpostsDomain.of(env).data.get(AWAITED_KEY, {}).pop(docname, None)


def on_env_merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Take the awaited files of the documents a parallel worker read (only those)."""
    from .domain import BlogpostsDomain
    from .liquid_context import AWAITED_KEY

    theirs = other.domaindata.get("blogposts", {}).get(AWAITED_KEY, {})  # a worker's env has no domains
    ours = BlogpostsDomain.of(env).data.setdefault(AWAITED_KEY, {})
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def _site_readers(
    env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str], extra: list[str]
) -> list[str]:
    """Pages whose Liquid lists other documents (``site.posts``): stale when any document changes."""
    from .domain import BlogpostsDomain

    readers = BlogpostsDomain.of(env).data.get("site_readers", {})
    if not readers or not (added or changed or removed):
        return []
    again = set(added) | set(changed) | set(extra)
    return sorted(d for d in readers if d in env.found_docs and d not in again)


def outside_message(abspath: str, real_srcdir: str) -> str | None:
    """Why a source file is not read when it links out of the source folder (else None)."""
    if not outside_source(abspath, real_srcdir):
        return None
    real = os.path.realpath(abspath)
    return f"this file is a symbolic link to {real}, outside the source folder; it is not read"


def _warn_outside(abspath: str, message: str | None) -> None:
    warn(message or "", BlogWarning.LINK, location=f"{abspath}:1")


def _reencode(
    env: BuildEnvironment,
    facts: dict[str, tuple[int, int, SourceFacts]],
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> None:
    """Sphinx stops the whole build on a file that is not UTF-8; read a UTF-8 copy instead."""
    reencoded: dict[str, str] = {}
    for docname, (_, _, f) in facts.items():
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
    from .domain import BlogpostsDomain

    BlogpostsDomain.of(env).data["reencoded"] = reencoded


def _unlink_inside(outdir: Path, path: Path) -> None:
    """Delete one output file and the folders it leaves empty, through the write guard."""
    remove_output(outdir, path)


def _delete_removed_output(app: Sphinx, env: BuildEnvironment, removed: set[str]) -> None:
    """Sphinx leaves the page of a removed document behind, and its ``_sources``
    copy; a stale page is worse than none, and an unpublished text must not
    stay downloadable."""
    outfile = getattr(app.builder, "get_outfilename", None)
    if outfile is None:
        return
    outdir = Path(app.outdir).resolve()
    link_suffix = str(getattr(app.config, "html_sourcelink_suffix", "") or "")
    for docname in removed:
        with contextlib.suppress(ValueError, OSError, TypeError):
            _unlink_inside(outdir, Path(outfile(docname)))
        # the file is gone, so its suffix is unknown: try each source suffix
        for suffix in env.config.source_suffix:
            name = docname + suffix + (link_suffix if suffix != link_suffix else "")
            _unlink_inside(outdir, outdir / "_sources" / name)


def _copied_assets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The files under the output folder that Sphinx copies for the documents:
    ``_images/`` (HTML builders) and ``_downloads/``."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return []
    images = [f"{app.builder.imagedir}/{name}" for _, name in env.images.values()]
    downloads = [f"_downloads/{dest}" for _, dest in env.dlfiles.values()]
    return sorted(images + downloads)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Delete the images and downloads no document uses any more (the post that
    used them was removed, unpublished or edited): Sphinx leaves them behind."""
    from .domain import BlogpostsDomain

    data = BlogpostsDomain.of(env).data
    now = _copied_assets(app, env)
    outdir = Path(app.outdir).resolve()
    key = f"{app.builder.name}:{outdir}"  # builders may share one environment
    before = data.get("copied_assets", {}).get(key, [])
    for relpath in sorted(set(before) - set(now)):
        _unlink_inside(outdir, outdir / relpath)
    data.setdefault("copied_assets", {})[key] = now
    return []


def on_html_collect_pages(app: Sphinx) -> list:
    """Sphinx takes a removed or rewritten page out of the search index but keeps
    its words, with no page: a removed post's words must not stay in the index."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):  # Sphinx's word -> docnames maps
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [w for w, docs in mapping.items() if not docs]:
                del mapping[word]
    return []


def setup_discovery(app: Sphinx) -> None:
    """Register this module's part of the extension with Sphinx."""
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-purge-doc", on_env_purge_doc)
    app.connect("env-merge-info", on_env_merge_info)
    app.connect("env-updated", on_env_updated)
    app.connect("html-collect-pages", on_html_collect_pages)
