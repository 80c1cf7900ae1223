"""Pages 2, 3... of paginated lists, written by the HTML builders (``html-collect-pages``).

A generated list's first page is a document (in the navigation, the search
index and every builder).  Its further pages show only more entries of the
same list, so they are not documents: each would cost Sphinx a read, a
doctree, transforms and search words, and a large site has thousands of them.
They are written here, as Sphinx writes its index pages: the theme's
``page.html`` with the list's entries, made by the same translator as the
first page's, from this build's post index.

A page is written again only when what it shows changed: a manifest in the
output folder keeps each page's fingerprint (its entries, its pager, the
navigation and sidebars, the configuration); a fresh environment, a newer
template or a missing file writes it too.  Pages no longer planned are deleted.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.util.osutil import relative_uri
from sphinx.util.parallel import ParallelTasks, make_chunks, parallel_available

from ..core.queries import ListSpec, digest
from ..core.safe_paths import output_file, remove_output
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.generated import write_if_changed
from ..store.nodes import pager_node, postlist_node
from .freshness import RECORDS_KEY, EntryParts, list_fingerprint
from .pager import PAGED_BUILDERS
from .postlist import list_records, list_spec, note_pictures, read_options

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

#: The output folder's record of the list pages written, with their fingerprints.
MANIFEST = ".blogposts-list-pages"
#: The manifest's line for what all the fingerprints were made from (no page name).
INPUTS = "\x00inputs"
#: The builder's attributes for the page being written, with their values before any.
_PER_PAGE = (("current_docname", ""), ("imgpath", ""), ("dlpath", ""), ("secnumbers", {}), ("fignumbers", {}))


def on_html_collect_pages(app: Sphinx) -> list[Any]:
    """Write the list pages whose fingerprint changed; delete those no longer planned."""
    builder = app.builder
    if builder.name not in PAGED_BUILDERS:
        return []
    data = BlogpostsDomain.of(app.env).data
    planned: dict[str, dict[str, Any]] = data["list_pages"]
    outdir = Path(app.outdir)
    before = _manifest(outdir)
    site = _site_key(app)
    newest_template = _newest_template(builder)
    written: dict[str, str] = {}
    todo: list[str] = []
    entry = EntryParts(BlogpostsDomain.of(app.env))  # a post is on many list pages
    # what every page's fingerprint is made of; when it is the last build's (a body
    # edit, no change), so is every fingerprint, and they are not made again
    inputs = digest([data["digests"].get(RECORDS_KEY), site, sorted(planned.items()), sorted(data["page_languages"].items())])
    same = before.get(INPUTS) == inputs
    for pagename in sorted(planned):
        record = planned[pagename]
        if same and pagename in before:
            fingerprint = before[pagename]
        else:
            fingerprint = digest([site, record, data["page_languages"].get(pagename), *_entries(app, pagename, record, entry)])
        written[pagename] = fingerprint
        target = Path(builder.get_outfilename(pagename))
        if app.fresh_env_used or before.get(pagename) != fingerprint or not _newer(target, newest_template):
            todo.append(pagename)
    _note_card_pictures(app, todo)
    for pagename, problem in _write_all(app, todo):
        warn(f"the list page {pagename!r} could not be written: {problem}", BlogWarning.OUTPUT,
             location=(app.config.root_doc, 1))  # fmt: skip
        written.pop(pagename, None)
    for pagename in sorted(set(before) - set(written) - {INPUTS}):
        if pagename not in app.env.all_docs:  # a page that is now a document keeps its file
            remove_output(outdir, os.path.relpath(builder.get_outfilename(pagename), outdir))
    written[INPUTS] = inputs
    try:
        write_if_changed(outdir / MANIFEST, "".join(f"{n}\t{d}\n" for n, d in sorted(written.items())), root=outdir)
    except OSError:
        pass  # a folder of that name: the next build writes every page again, nothing is lost
    return []


#: Fewer pages to write than this are written in the main process (forking costs more).
PARALLEL_FROM = 40


def _write_all(app: Sphinx, pagenames: list[str]) -> list[tuple[str, str]]:
    """Write the pages, in parallel with ``-j`` as Sphinx writes documents; the pages
    that could not be written, with why."""
    if app.parallel > 1 and parallel_available and len(pagenames) >= PARALLEL_FROM and app.is_parallel_allowed("write"):
        failed: list[tuple[str, str]] = []
        tasks = ParallelTasks(app.parallel)
        for chunk in make_chunks(pagenames, app.parallel):
            tasks.add_task(_write_pages, (app, chunk), lambda _arg, result: failed.extend(result))
        tasks.join()
        return failed
    return _write_pages((app, pagenames))


def _write_pages(task: tuple[Sphinx, list[str]]) -> list[tuple[str, str]]:
    app, pagenames = task
    planned = BlogpostsDomain.of(app.env).data["list_pages"]
    failed = []
    outdir = Path(app.outdir)
    for pagename in pagenames:
        try:
            # the write guard: the page's file stays in the output folder (UnsafePath otherwise)
            output_file(outdir, os.path.relpath(app.builder.get_outfilename(pagename), outdir))
            app.builder.handle_page(pagename, page_context(app, pagename, planned[pagename]), "page.html")
        except OSError as exc:  # a folder in the way, a name the file system refuses
            failed.append((pagename, str(exc)))
    return failed


def _note_card_pictures(app: Sphinx, pagenames: list[str]) -> None:
    """The pictures of the cards the pages show are images the builder copies (noted
    here, in the main process: it copies them after the pages are written)."""
    domain = BlogpostsDomain.of(app.env)
    planned = domain.data["list_pages"]
    for pagename in pagenames:
        for _heading, spec in page_lists(app, pagename, planned[pagename]):
            if spec.format == "cards":
                note_pictures(app.builder, list_records(spec, domain))


def page_context(app: Sphinx, pagename: str, record: dict[str, Any]) -> dict[str, Any]:
    """The template context of one list page (as Sphinx gives a document's)."""
    title = record["title"]
    return {
        "title": html.escape(title),
        "body": list_page_body(app, pagename, record),
        "parents": [],
        "prev": None,
        "next": None,
        "meta": {},
        "metatags": "",
        "sourcename": "",
        "toc": "",
        "display_toc": False,
        "page_source_suffix": "",
    }


def list_page_body(app: Sphinx, pagename: str, record: dict[str, Any]) -> str:
    """The page's HTML body: its title, its lists (under their headings) and its pager,
    written by the builder's own translator as if the page were a document."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    page = _section(record["title"])
    for heading, spec in page_lists(app, pagename, record):
        listed = postlist_node(spec=spec.as_dict(), fromdoc=pagename)
        if heading:
            part = _section(heading)
            part += listed
            page += part
        else:
            page += listed
    if record["pager"]:
        page += pager_node(**record["pager"])
    document = new_document(f"<{pagename}>", builder.docsettings)
    document += page
    # what the builder sets for each document it writes (none, when no document was written)
    saved = tuple(getattr(builder, name, default) for name, default in _PER_PAGE)
    target = builder.get_target_uri(pagename)
    builder.current_docname, builder.secnumbers, builder.fignumbers = pagename, {}, {}
    builder.imgpath, builder.dlpath = relative_uri(target, "_images"), relative_uri(target, "_downloads")
    try:
        translator = builder.create_translator(document, builder)
        document.walkabout(translator)
        return "".join(translator.fragment)
    finally:
        for (name, _default), value in zip(_PER_PAGE, saved, strict=True):
            setattr(builder, name, value)


def _section(title: str) -> nodes.section:
    """A section titled ``title``, with the id a Markdown heading of that title gets."""
    name = nodes.fully_normalize_name(title)
    section = nodes.section("", nodes.title(title, title), ids=[nodes.make_id(name)], names=[name])
    return section


def _entries(app: Sphinx, pagename: str, record: dict[str, Any], entry: EntryParts) -> list[object]:
    """What the page's lists show, as fingerprint parts."""
    domain = BlogpostsDomain.of(app.env)
    parts: list[object] = []
    for _heading, spec in page_lists(app, pagename, record):
        parts += list_fingerprint(domain, spec, entry)
    return parts


def page_lists(app: Sphinx, pagename: str, record: dict[str, Any]) -> list[tuple[str | None, ListSpec]]:
    """The page's lists, each (heading or None, its query), read as the ``postlist``
    directive reads its options."""
    return [(heading, list_spec(app.env, pagename, read_options(options))) for heading, options in record["lists"]]


def _site_key(app: Sphinx) -> tuple[object, ...]:
    """What every list page shows besides its lists: the navigation and sidebars (as
    :mod:`.output.freshness` fingerprints them) and the configuration and tags."""
    digests = BlogpostsDomain.of(app.env).data["digests"]
    info = getattr(app.builder, "build_info", None)
    return (
        digests.get("\x00nav"),
        digests.get("\x00sidebars"),
        getattr(info, "config_hash", None),
        getattr(info, "tags_hash", None),
    )


def _newest_template(builder: Any) -> float:
    try:
        return float(builder.templates.newest_template_mtime())
    except Exception:  # noqa: BLE001 - a template bridge of a theme that cannot tell
        return 0.0


def _newer(path: Path, than: float) -> bool:
    """``path`` exists and was written after ``than`` (a template's change)."""
    try:
        return path.stat().st_mtime >= than
    except OSError:
        return False


def _manifest(outdir: Path) -> dict[str, str]:
    try:
        lines = (outdir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return dict(line.split("\t", 1) for line in lines if "\t" in line)
