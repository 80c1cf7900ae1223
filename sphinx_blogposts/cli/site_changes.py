"""What changes when a Jekyll site is built with Sphinx, for ``init`` and ``check``:
the files Jekyll renders that are not Markdown (``.html`` pages, ``.xml``/``.json``
files) and the listing pages, the menu and what each entry leads to, the static
files, the Ruby plugins that cannot run, and the URLs that cannot be kept.

Every judgement is a rule of :mod:`..core`: what a rendered file becomes
(:mod:`..core.site_pages`), which files are static (:mod:`..core.static_files`), the
menu (:mod:`..core.menu`), what a plugin defines (:mod:`..core.ruby_plugins`), its
URL (:func:`..reading.discovery.read_facts`), URLs claimed twice
(:func:`..core.permalinks.claim_urls`, in :func:`.site_report.scan_site`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Protocol

from sphinx.util.matching import get_matching_files  # Sphinx's own walk, as LoadedSite.sources

from ..core.facts import SourceFacts
from ..core.menu import MENU_FILE, MENU_KEY, MenuEntry, MenuTarget, menu_entries, menu_target
from ..core.permalinks import PermalinkError, check_path, url_key
from ..core.ruby_plugins import PluginFacts, scan_plugin
from ..core.safe_paths import inside
from ..core.site_pages import PageFate, default_url, page_fate
from ..core.static_files import published
from ..core.warnings import BlogWarning
from ..reading.discovery import read_facts
from ..store.generated import decode_leniently
from .loaded_site import Issue, LoadedSite


class FileReport(Protocol):
    """What :func:`site_changes` reads of each source :mod:`.site_report` read (its
    ``FileReport``; a protocol here, so the two modules do not import each other)."""

    path: str
    kind: str | None
    skipped: str | None
    facts: SourceFacts | None


#: The folder of Jekyll's Ruby plugins.
PLUGINS_DIR = "_plugins"


@dataclass(frozen=True)
class RenderedFile:
    """A file Jekyll renders (front matter), and what the build makes of it."""

    path: str
    fate: PageFate


@dataclass
class SiteChanges:
    """What :func:`site_changes` found."""

    #: Rendered files that are not Markdown, and Markdown listing pages, by path.
    rendered: list[RenderedFile] = field(default_factory=list)
    #: ``(docname, path, facts)`` of the rendered files that are not Markdown, for URL claiming.
    entries: list[tuple[str, str, SourceFacts]] = field(default_factory=list)
    #: The menu's data file, when the site has one.
    menu_file: str | None = None
    menu: list[tuple[MenuEntry, MenuTarget]] = field(default_factory=list)
    static_files: list[str] = field(default_factory=list)
    #: Files that would be static but are symbolic links out of the site: not copied.
    linked_out: list[str] = field(default_factory=list)
    plugins: list[tuple[str, PluginFacts]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def site_changes(loaded: LoadedSite, files: list[FileReport]) -> SiteChanges:
    """Everything above, for the site ``loaded`` whose sources were read into ``files``."""
    changes = SiteChanges()
    if not loaded.jekyll_site:
        return changes
    site = loaded.site
    collections = frozenset(str(name) for name in loaded.settings.collections)
    include = [*loaded.settings.include, *site.folders]
    included = frozenset(str(i).strip("/") for i in include)
    sources = {f.path for f in files}
    pages: dict[str, str] = {}
    for f in files:
        if f.facts is None or f.skipped is not None or f.kind is None:
            continue
        url = f.facts.permalink or default_url(f.path, site.is_markdown(f.path), loaded.settings.permalink)
        pages.setdefault(url_key(url), f.path)
        if f.kind == "page" and site.is_markdown(f.path):
            fate = _markdown_fate(loaded, f, url, collections)
            if fate.kind == "listing":
                changes.rendered.append(RenderedFile(f.path, fate))
    for relpath in _site_files(loaded):
        if relpath in sources or not published(relpath, included):
            continue
        abspath = loaded.srcdir / relpath
        if not inside(abspath, loaded.srcdir):
            changes.linked_out.append(relpath)  # never copied; the build's static copy warns
            continue
        rendered = _rendered(loaded, relpath, collections, changes)
        if rendered is None:
            changes.static_files.append(relpath)
        else:
            pages.setdefault(url_key(rendered.fate.url), relpath)
    changes.rendered.sort(key=lambda r: r.path)
    _read_menu(loaded, pages, changes)
    _read_plugins(loaded, changes)
    return changes


def _site_files(loaded: LoadedSite) -> list[str]:
    """Every file of the site Sphinx can see (relative POSIX paths, sorted)."""
    return sorted(get_matching_files(loaded.srcdir, ("**",), loaded.exclude_patterns()))


def _markdown_fate(loaded: LoadedSite, f: FileReport, url: str, collections: frozenset[str]) -> PageFate:
    text = _text(loaded, f.path)
    made = loaded.site.judge(posixpath.splitext(f.path)[0], f.path, text)
    return page_fate(f.path, url, made.front_matter.body, made.fields, True, collections, loaded.settings.permalink)


def _rendered(
    loaded: LoadedSite, relpath: str, collections: frozenset[str], changes: SiteChanges
) -> RenderedFile | None:
    """The file at ``relpath`` as Jekyll renders it (``---`` front matter), or ``None``
    for a static file."""
    abspath = loaded.srcdir / relpath
    try:
        with open(abspath, "rb") as f:
            if f.read(4).rstrip(b"\r\n ") != b"---":
                return None
    except OSError:
        return None
    text = _text(loaded, relpath)
    made = loaded.site.judge(relpath, relpath, text)
    facts = read_facts(loaded.site, relpath, relpath, str(abspath), abspath.stat().st_mtime)
    raw = made.fields.get("permalink")
    if raw not in (None, ""):
        try:
            check_path(str(raw))
        except PermalinkError as exc:
            line = made.front_matter.key_lines.get("permalink", 1)
            changes.issues.append(Issue(relpath, line, BlogWarning.PERMALINK, f"{exc}; the page keeps its path"))
    rendered = RenderedFile(
        relpath,
        page_fate(
            relpath, facts.permalink, made.front_matter.body, made.fields, False, collections,
            loaded.settings.permalink,
        ),
    )
    changes.rendered.append(rendered)
    changes.entries.append((relpath, relpath, facts))
    return rendered


def _text(loaded: LoadedSite, relpath: str) -> str:
    try:
        text, _ = decode_leniently((loaded.srcdir / relpath).read_bytes())
    except OSError:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_menu(loaded: LoadedSite, pages: dict[str, str], changes: SiteChanges) -> None:
    path = loaded.srcdir / MENU_FILE
    if not path.is_file() or not inside(path, loaded.srcdir):
        return  # a link out of the site: the build's data reader says so
    changes.menu_file = MENU_FILE
    entries, problems = menu_entries(_text(loaded, MENU_FILE), MENU_KEY)
    for line, message in problems:
        changes.issues.append(Issue(MENU_FILE, line, BlogWarning.LINK, message))
    static = set(changes.static_files)
    settings = loaded.settings
    for entry in entries:
        target = menu_target(entry.url, pages, static, settings.site_url or "", settings.baseurl or "")
        changes.menu.append((entry, target))
        if target.kind == "none":
            changes.issues.append(
                Issue(
                    MENU_FILE,
                    entry.line,
                    BlogWarning.LINK,
                    f"the menu entry {entry.title!r} points at {entry.url}, which is no page or file of this site",
                )
            )


def _read_plugins(loaded: LoadedSite, changes: SiteChanges) -> None:
    folder = loaded.srcdir / PLUGINS_DIR
    if not folder.is_dir():
        return
    for plugin in sorted(folder.rglob("*.rb")):
        relpath = plugin.relative_to(loaded.srcdir).as_posix()
        if not inside(plugin, loaded.srcdir):
            continue  # never read a file outside the site
        changes.plugins.append((relpath, scan_plugin(_text(loaded, relpath))))
