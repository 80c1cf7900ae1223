"""Read a whole site as the build would, without building it: for ``init`` and ``check``.

Everything here goes through the extension's own functions, so the command
line and ``sphinx-build`` cannot disagree:

* the settings come from ``conf.py`` (evaluated as Sphinx does) and
  ``_config.yml`` through :func:`.reading.site_setup.site_values` and
  :func:`.core.config.resolve_config`;
* which files are pages, and why the others are left out, comes from
  :func:`.reading.discovery.read_facts` and :func:`.reading.discovery.why_not_a_page`;
* each page is read like :mod:`.reading.source_reader` and the ``post`` directive do
  (:func:`.core.front_matter.read_front_matter`, :func:`.core.post_record.build_record`),
  and its raw HTML and Liquid are scanned by :mod:`.cli.source_scan`;
* old URLs claimed twice come from :func:`..core.permalinks.claim_urls`.

What needs a doctree is approximated from the text: a post without a title is
reported unless its body has a heading (the build takes the first heading).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.documents import JudgedSource
from ..core.facts import SourceFacts
from ..core.github_pages import readmes_beside_an_index
from ..core.permalinks import claim_urls
from ..core.post_record import build_record, titleize
from ..core.urls import has_liquid
from ..core.warnings import BlogWarning
from ..generate.generated_pages import path_issues
from ..html.figures import site_address
from ..liquid.rewrites import rewrite_source
from ..reading.discovery import (
    ENCODING_MESSAGE,
    LINKED_OUT,
    UNDATED_POST_MESSAGE,
    never_read,
    outside_message,
    read_facts,
    why_not_a_page,
)
from ..reading.readme_index import BESIDE_AN_INDEX
from ..reading.source_reader import nul_bytes
from ..reading.transforms import untitled_message
from ..store.generated import decode_leniently
from .loaded_site import Issue, LoadedSite, load_site
from .site_changes import SiteChanges, site_changes
from .source_scan import HtmlCounts, markdown_parser, scan_source


@dataclass
class FileReport:
    """What the build would do with one source file."""

    path: str
    #: ``"post"``, ``"page"``, or ``None`` (a document the extension leaves to MyST).
    kind: str | None = None
    collection: str | None = None
    #: Why the file is not built (``draft``, ``published: false``...), or ``None``.
    skipped: str | None = None
    facts: SourceFacts | None = None
    issues: list[Issue] = field(default_factory=list)
    html: HtmlCounts = field(default_factory=HtmlCounts)
    liquid: Counter[str] = field(default_factory=Counter)
    #: What rendering its Liquid needs (body, fields, source, kind), kept from reading
    #: until every post is known (``post_url``); only for pages that have Liquid.
    liquid_input: tuple[str, dict[str, Any], Any, str] | None = field(default=None, repr=False)


@dataclass
class SiteReport:
    """The whole site, as :func:`scan_site` found it."""

    loaded: LoadedSite
    files: list[FileReport] = field(default_factory=list)
    #: Old URLs claimed by two documents (from :func:`..core.permalinks.claim_urls`).
    url_issues: list[Issue] = field(default_factory=list)
    #: What the site becomes: rendered pages, menu, static files, plugins (Jekyll sites).
    changes: SiteChanges = field(default_factory=SiteChanges)

    @property
    def issues(self) -> list[Issue]:
        """Every problem, site configuration first, then by file and line."""
        by_file = sorted(
            (i for f in self.files for i in f.issues),
            key=lambda i: (i.path, i.line, i.subtype.value),
        )
        merged = sorted(
            [*by_file, *self.url_issues, *self.changes.issues], key=lambda i: (i.path, i.line)
        )
        return [*self.loaded.issues, *merged]

    def posts_by_collection(self) -> dict[str, int]:
        """Published posts per collection (``posts`` first, then by name)."""
        counts: Counter[str] = Counter(
            f.collection or "posts" for f in self.files if f.kind == "post" and f.skipped is None
        )
        for name in ["posts", *self.loaded.settings.collections]:
            counts.setdefault(str(name), 0)
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] != "posts", kv[0])))

    def languages(self) -> tuple[dict[str, int], list[str]]:
        """Built documents per language, and the language blogs
        (:mod:`..core.languages`: the build's own rule, from the build's facts)."""
        built = [f.facts for f in self.files if f.skipped is None and f.facts is not None and f.facts.kind]
        counts = Counter(facts.language for facts in built if facts.language)
        return dict(sorted(counts.items())), sorted({facts.blog for facts in built if facts.blog})

    def left_out(self) -> dict[str, dict[str, int]]:
        """Files left out, by collection (``""`` for pages) and reason."""
        out: dict[str, Counter[str]] = {}
        for f in self.files:
            if f.skipped is None or f.skipped == "no front matter":
                continue
            out.setdefault(f.collection or "", Counter())[f.skipped] += 1
        return {k: dict(v) for k, v in sorted(out.items())}

    def pages(self) -> int:
        """Built documents that are not posts."""
        return sum(1 for f in self.files if f.skipped is None and f.kind != "post")

    def without_front_matter(self) -> int:
        return sum(1 for f in self.files if f.skipped == "no front matter")

    def html(self) -> HtmlCounts:
        total = HtmlCounts()
        for f in self.files:
            total.add(f.html)
        return total

    def liquid(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.liquid)
        return total

    def liquid_split(self, known: frozenset[str]) -> tuple[Counter[str], Counter[str]]:
        """Liquid constructs the build renders (known tags, ``{{ }}``) and those it leaves."""
        rendered: Counter[str] = Counter()
        left: Counter[str] = Counter()
        for name, count in self.liquid().items():
            (rendered if name == "{{ }}" or name in known else left)[name] += count
        return rendered, left

    def counts_by_subtype(self) -> dict[str, int]:
        return dict(sorted(Counter(i.subtype.value for i in self.issues).items()))


def read_source(
    loaded: LoadedSite, relpath: str, now: float, parser: Any = None, liquid_rendered: bool = False
) -> FileReport:
    """Judge and read one source file as discovery and the reader would.

    ``liquid_rendered``: the build renders Liquid (see :meth:`LoadedSite.liquid_tags`).
    """
    site = loaded.site
    report = FileReport(path=relpath)
    abspath = loaded.srcdir / relpath
    docname = posixpath.splitext(relpath)[0]
    # as discovery does: a Jekyll site never reads a link out of it; a docs
    # project reads one only when it is not a post
    outside = outside_message(str(abspath), os.path.realpath(loaded.srcdir))
    if never_read(site, outside):
        report.skipped = LINKED_OUT
        report.issues.append(Issue(relpath, 1, BlogWarning.LINK, outside))
        return report
    try:
        st = abspath.stat()
        data = abspath.read_bytes()
    except OSError as exc:
        report.skipped = "unreadable"
        report.issues.append(
            Issue(relpath, 1, BlogWarning.ENCODING, f"cannot read this file: {exc.strerror}")
        )
        return report
    is_markdown = site.is_markdown(relpath)
    seen: dict[str, JudgedSource] = {}  # the front matter as discovery judged it, for reading

    def judge(docname: str, path: str, text: str, mtime: float | None) -> JudgedSource:
        seen[text] = made = site.judge(docname, path, text, mtime)
        return made

    facts = read_facts(site, docname, relpath, str(abspath), st.st_mtime, judge)
    report.facts = facts
    report.kind = facts.kind
    report.collection = facts.collection if facts.kind == "post" else None
    if report.kind == "post" and report.collection is None:
        report.collection = "posts"
    report.skipped = why_not_a_page(site, facts, is_markdown, now, linked_out=bool(outside))
    if report.skipped == LINKED_OUT:
        report.issues.append(Issue(relpath, 1, BlogWarning.LINK, outside))
        return report
    if report.skipped == "no date in file name":
        report.issues.append(Issue(relpath, 1, BlogWarning.DATE, UNDATED_POST_MESSAGE))
    if report.skipped is not None:
        return report
    text, bad_line = decode_leniently(data)
    if bad_line is not None:
        report.issues.append(Issue(relpath, bad_line, BlogWarning.ENCODING, ENCODING_MESSAGE))
    nul = nul_bytes(text) if is_markdown else None
    if nul:
        report.issues.append(Issue(relpath, nul[0], BlogWarning.ENCODING, nul[1]))
    if not is_markdown:
        return report  # rST: only a hand-written post directive, judged by read_facts
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    made = seen.get(text) or site.judge(docname, relpath, text, st.st_mtime)
    fm, source, fields, kind = made.front_matter, made.source, made.fields, made.kind
    scanned = "\n" * fm.block_lines + fm.body if fm.present else text
    if kind is not None:
        for problem in fm.problems:
            report.issues.append(Issue(relpath, problem.line, problem.subtype, problem.message))
        record, problems = build_record(fields, source, site.tz, kind, site.languages)
        for problem in problems:
            line = fm.key_lines.get(problem.key or "", 1)
            report.issues.append(Issue(relpath, line, problem.subtype, problem.message))
        title_reported = bool(fm.problems) or any(p.key == "title" for p in problems)
        if (
            kind == "post"
            and not record.title
            and not title_reported
            and not _has_heading(scanned, parser)
        ):
            report.issues.append(
                Issue(
                    relpath,
                    1,
                    BlogWarning.TITLE,
                    untitled_message(titleize(record.slug) or docname),
                )
            )

    def note(message: str, subtype: BlogWarning, line: int) -> None:
        report.issues.append(Issue(relpath, line, subtype, message))

    scan = scan_source(
        scanned,
        parser=parser or markdown_parser(),
        srcdir=loaded.srcdir,
        docname=docname,
        site=site_address(loaded.settings),
        report=note,
        convert_html=loaded.settings.convert_html,
        html_image=loaded.html_image(),
        liquid_rendered=liquid_rendered,
    )
    report.html = scan.html
    report.liquid = scan.liquid
    if liquid_rendered and kind is not None and has_liquid(scanned):
        report.liquid_input = (scanned, fields, source, kind)
    return report


def liquid_issues(loaded: LoadedSite, report: FileReport) -> list[Issue]:
    """The ``blogposts.liquid`` problems of one page, found by rendering its Liquid as
    the build does (after :func:`.liquid.rewrites.rewrite_source`), without a build."""
    made = loaded.liquid_environment()
    if made is None or report.liquid_input is None:
        return []
    from ..liquid.render import liquid_problems  # made is not None: python-liquid is installed

    body, fields, source, kind = report.liquid_input
    env, site_vars = made
    problems = liquid_problems(env, site_vars, loaded.site, rewrite_source(body), fields, source, kind)
    return [Issue(report.path, line, BlogWarning.LIQUID, message) for line, message in problems]


def _has_heading(text: str, parser: Any) -> bool:
    """Whether the body has a top-level heading (the build would take it as the title)."""
    tokens = (parser or markdown_parser()).parse(text)
    return any(t.type == "heading_open" and t.level == 0 for t in tokens)


def _failed_message(step: str, exc: BaseException) -> str:
    return f"{step} failed ({type(exc).__name__}: {exc}); the build may stop or leave this file out"


def _read_guarded(loaded: LoadedSite, relpath: str, now: float, parser: Any, rendered: bool) -> FileReport:
    """:func:`read_source`, with an unforeseen failure reported as a problem of the file:
    ``check`` never ends in a traceback, and never says "no problems" about it."""
    try:
        return read_source(loaded, relpath, now, parser, rendered)
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the scan
        report = FileReport(path=relpath, skipped="unreadable")
        report.issues.append(Issue(relpath, 1, BlogWarning.FRONT_MATTER, _failed_message("reading this file", exc)))
        return report


def scan_site(
    srcdir: Path,
    *,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[str], None] | None = None,
    now: dt.datetime | None = None,
) -> SiteReport:
    """Read every source of the site at ``srcdir``; ``on_start(total)`` and
    ``on_file(path)`` drive a progress bar."""
    loaded = load_site(srcdir)
    report = SiteReport(loaded=loaded)
    sources = loaded.sources()
    if on_start is not None:
        on_start(len(sources))
    moment = (now or dt.datetime.now(dt.UTC)).timestamp()
    parser = markdown_parser()
    rendered = loaded.liquid_tags() is not None
    for relpath in sources:
        report.files.append(_read_guarded(loaded, relpath, moment, parser, rendered))
        if on_file is not None:
            on_file(relpath)
    built = [(f.path, f.path, f.facts) for f in report.files if f.facts is not None and f.skipped is None]
    beside = readmes_beside_an_index(built)  # as discovery: a folder's own index wins over its README
    for f in report.files:
        if f.path in beside:
            f.skipped = BESIDE_AN_INDEX
    report.changes = site_changes(loaded, report.files)
    # the rendered .html/.xml files claim their URLs too (named by their path: no clash
    # with a Markdown page of the same name), the first by name keeping it
    entries = sorted(
        [
            *(
                (posixpath.splitext(f.path)[0], f.path, f.facts)
                for f in report.files
                if f.facts is not None and f.skipped is None
            ),
            *report.changes.entries,
        ],
        key=lambda entry: entry[0],
    )
    *_, post_files, problems = claim_urls(entries)
    made = loaded.liquid_environment() if rendered else None
    if made is not None:
        # {% post_url %} needs every post known first, as in the build
        made[0].post_files = post_files
        made[0].file_urls = {path: f.permalink for _, path, f in entries if f.permalink}
        for f in report.files:
            if f.liquid_input is not None:
                try:
                    found = liquid_issues(loaded, f)
                except Exception as exc:  # noqa: BLE001 - as the build's guard around rendering
                    found = [Issue(f.path, 1, BlogWarning.LIQUID, _failed_message("rendering its Liquid", exc))]
                f.issues = sorted([*f.issues, *found], key=lambda i: i.line)
                f.liquid_input = None  # the text is not needed any more
    suffix = {posixpath.splitext(f.path)[0]: f.path for f in report.files}
    suffix.update((path, path) for _, path, _ in report.changes.entries)
    report.url_issues = [
        Issue(suffix[doc], 1, BlogWarning.PERMALINK, message) for message, doc in problems
    ]
    # names that would be folders outside the site (the build's guard, safe_paths)
    report.url_issues += [
        Issue(suffix.get(where) or loaded.display(where), line, subtype, message)
        for where, line, subtype, message in path_issues(loaded.srcdir, loaded.settings, entries)
    ]
    return report
