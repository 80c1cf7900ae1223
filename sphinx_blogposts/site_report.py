"""Read a whole site as the build would, without building it: for ``init`` and ``check``.

Everything here goes through the extension's own functions, so the command
line and ``sphinx-build`` cannot disagree:

* the settings come from ``conf.py`` (evaluated as Sphinx does) and
  ``_config.yml`` through :func:`.site_setup.site_values` and
  :func:`.config.resolve_config`;
* which files are pages, and why the others are left out, comes from
  :func:`.discovery.read_facts` and :func:`.discovery.why_not_a_page`;
* each page is read like :mod:`.source_reader` and the ``post`` directive do
  (:func:`.front_matter.read_front_matter`, :func:`.post_record.build_record`),
  and its raw HTML and Liquid are scanned by :mod:`.source_scan`;
* old URLs claimed twice come from :func:`.redirects.claim_urls`.

What needs a doctree is approximated from the text: a post without a title is
reported unless its body has a heading (the build takes the first heading).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import posixpath
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .config import BlogpostsConfig, resolve_config
from .discovery import (
    ENCODING_MESSAGE,
    UNDATED_POST_MESSAGE,
    SourceFacts,
    outside_message,
    read_facts,
    why_not_a_page,
)
from .documents import Site
from .front_matter import read_front_matter
from .generated import decode_leniently
from .generated_pages import path_issues
from .html_figures import site_address
from .jekyll_site import excluded_patterns
from .post_record import build_record
from .redirects import claim_urls
from .site_setup import JEKYLL_MYST_EXTENSIONS, site_values
from .source_reader import nul_bytes
from .source_rewrites import rewrite_source
from .urls import has_liquid
from .source_scan import HtmlCounts, markdown_parser, scan_source
from .transforms import untitled_message
from .warnings import BlogWarning

#: Paths Sphinx never reads (``sphinx.project.EXCLUDE_PATHS``).
SPHINX_EXCLUDED = ("**/_sources", ".#*", "**/.#*", "*.lproj/**")


@dataclass(frozen=True)
class Issue:
    """One problem: what the build would warn, with ``path`` relative to the site."""

    path: str
    line: int
    subtype: BlogWarning
    message: str

    def format(self, root: str = "") -> str:
        """``file:line: blogposts.<subtype>: message`` (``root`` is put before the path)."""
        shown = (
            posixpath.join(root, self.path) if root and not os.path.isabs(self.path) else self.path
        )
        return f"{shown}:{self.line}: blogposts.{self.subtype.value}: {self.message}"


@dataclass
class LoadedSite:
    """A site's settings, resolved as the build resolves them."""

    srcdir: Path
    site: Site
    #: ``conf.py``'s own values (empty when there is none).
    conf: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    #: ``_config.yml`` as read (empty in a docs project).
    jekyll_data: dict[str, Any] = field(default_factory=dict)
    _liquid: tuple[Any, dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def settings(self) -> BlogpostsConfig:
        return self.site.settings

    @property
    def jekyll_site(self) -> bool:
        return self.settings.jekyll_site

    def html_image(self) -> bool:
        """Whether MyST reads ``<img>`` tags as images (``html_image``)."""
        if "myst_enable_extensions" in self.conf:
            return "html_image" in (self.conf["myst_enable_extensions"] or [])
        return self.jekyll_site and "html_image" in JEKYLL_MYST_EXTENSIONS

    def liquid_environment(self) -> tuple[Any, dict[str, Any]] | None:
        """The build's Liquid environment and a ``site`` for it (see
        :func:`.liquid.static_site_vars`), or ``None`` when the build renders no
        Liquid (``blogposts_liquid`` is ``"off"``, or python-liquid is missing).
        Made once per site."""
        if getattr(self.settings, "liquid", "off") == "off":
            return None
        if self._liquid is None:
            from .liquid import jekyll_environment, liquid_available, static_site_vars

            if not liquid_available():
                return None
            env, config = jekyll_environment(self.srcdir, self.settings)
            self._liquid = env, static_site_vars(env, config, self.site)
        return self._liquid

    def liquid_tags(self) -> frozenset[str] | None:
        """The Liquid tags the build renders, or ``None`` when it renders no Liquid."""
        made = self.liquid_environment()
        return None if made is None else frozenset(made[0].known_tags)

    def suffixes(self) -> set[str]:
        """The file suffixes Sphinx reads here: Markdown's, ``.rst``, conf.py's ``source_suffix``."""
        out = {f".{e.lower()}" for e in self.settings.markdown_ext} | {".rst", ".md"}
        extra = self.conf.get("source_suffix")
        if isinstance(extra, str):
            out.add(extra)
        elif isinstance(extra, (list, tuple, dict)):
            out.update(str(s) for s in extra)
        return out

    def exclude_patterns(self) -> list[str]:
        """What Sphinx leaves out: conf.py's patterns, Jekyll's non-content folders, Sphinx's own."""
        patterns: list[str] = []
        for key in ("exclude_patterns", "templates_path", "html_static_path", "html_extra_path"):
            value = self.conf.get(key)
            if isinstance(value, (list, tuple)):
                patterns.extend(str(v) for v in value)
        if self.jekyll_site:
            folders = list(self.site.folders)
            patterns += excluded_patterns(
                self.srcdir, folders, self.settings.include, self.settings.exclude
            )
        return [*patterns, *SPHINX_EXCLUDED]

    def sources(self) -> list[str]:
        """Every source file Sphinx would find, relative POSIX paths, sorted."""
        from sphinx.util.matching import get_matching_files

        include = self.conf.get("include_patterns") or ("**",)
        suffixes = self.suffixes()
        found = get_matching_files(self.srcdir, include, self.exclude_patterns())
        return sorted(p for p in found if posixpath.splitext(p)[1].lower() in suffixes)

    def display(self, path: str | Path) -> str:
        """A path relative to the site when it lies inside it (a symbolic link is named by its own path)."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.srcdir)).as_posix()
        except ValueError:
            pass
        try:
            return Path(path).resolve().relative_to(self.srcdir.resolve()).as_posix()
        except ValueError:
            return str(path)


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
    #: Old URLs claimed by two documents (from :func:`.redirects.claim_urls`).
    url_issues: list[Issue] = field(default_factory=list)

    @property
    def issues(self) -> list[Issue]:
        """Every problem, site configuration first, then by file and line."""
        by_file = sorted(
            (i for f in self.files for i in f.issues),
            key=lambda i: (i.path, i.line, i.subtype.value),
        )
        merged = sorted([*by_file, *self.url_issues], key=lambda i: (i.path, i.line))
        return [*self.loaded.issues, *merged]

    def posts_by_collection(self) -> dict[str, int]:
        """Published posts per collection (``posts`` first, then by name)."""
        counts: Counter[str] = Counter(
            f.collection or "posts" for f in self.files if f.kind == "post" and f.skipped is None
        )
        for name in ["posts", *self.loaded.settings.collections]:
            counts.setdefault(str(name), 0)
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] != "posts", kv[0])))

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


@contextmanager
def _captured_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect the extension's warnings (``blogposts.*``) instead of printing them."""
    logger = logging.getLogger("sphinx.sphinx_blogposts")
    records: list[logging.LogRecord] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = _Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def read_conf_py(srcdir: Path) -> tuple[dict[str, Any], list[Issue]]:
    """``conf.py``'s values, evaluated as Sphinx does; ``{}`` when there is none."""
    conf_py = srcdir / "conf.py"
    if not conf_py.is_file():
        return {}, []
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    try:
        return eval_config_file(conf_py.resolve(), Tags()), []
    except (ConfigError, Exception) as exc:  # noqa: BLE001 - any error in the user's conf.py
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        message = lines[-1] if lines else type(exc).__name__  # the error, not the traceback
        return {}, [Issue("conf.py", 1, BlogWarning.CONFIG, f"conf.py cannot be read: {message}")]


def load_site(srcdir: Path) -> LoadedSite:
    """Resolve a site's ``blogposts_*`` settings exactly as ``config-inited`` does."""
    srcdir = Path(srcdir)
    conf, issues = read_conf_py(srcdir)
    names = [f"blogposts_{f.name}" for f in dataclasses.fields(BlogpostsConfig)]
    namespace = SimpleNamespace(**{name: conf.get(name) for name in names})
    with _captured_warnings() as early:  # _data/authors.yml linked out of the site
        _, jekyll, values = site_values(
            srcdir, namespace.blogposts_jekyll_config, namespace.blogposts_jekyll_site
        )
    loaded = LoadedSite(
        srcdir=srcdir, site=Site.from_settings(BlogpostsConfig()), conf=conf, issues=issues,
        jekyll_data=dict(jekyll.data),
    )
    for problem in jekyll.problems:
        loaded.issues.append(
            Issue(
                loaded.display(jekyll.path or ""), problem.line, BlogWarning.CONFIG, problem.message
            )
        )
    with _captured_warnings() as records:
        settings = resolve_config(
            namespace,
            values,
            jekyll.location,
            lambda name: f"{srcdir / 'conf.py'}:{_line_of(conf_lines(srcdir), name)}",
        )
    for record in [*early, *records]:
        loaded.issues.append(_issue_from_record(loaded, record))
    loaded.site = Site.from_settings(settings)
    return loaded


def conf_lines(srcdir: Path) -> list[str]:
    try:
        return (srcdir / "conf.py").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _line_of(lines: list[str], name: str) -> int:
    for number, line in enumerate(lines, 1):
        if "=" in line and line.split("=", 1)[0].strip() == name:
            return number
    return 1


def _issue_from_record(loaded: LoadedSite, record: logging.LogRecord) -> Issue:
    location = str(getattr(record, "location", "") or "")
    path, _, line = location.rpartition(":")
    if not line.isdigit():
        path, line = location, "1"
    try:
        subtype = BlogWarning(getattr(record, "subtype", "config"))
    except ValueError:
        subtype = BlogWarning.CONFIG
    return Issue(
        loaded.display(path) if path else "conf.py", int(line), subtype, record.getMessage()
    )


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
    if outside and site.settings.jekyll_site:
        report.skipped = "links outside the source folder"
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
    facts = read_facts(site, docname, relpath, str(abspath), st.st_mtime)
    report.facts = facts
    report.kind = facts.kind
    report.collection = facts.collection if facts.kind == "post" else None
    if report.kind == "post" and report.collection is None:
        report.collection = "posts"
    report.skipped = why_not_a_page(site, facts, is_markdown, now)
    if outside and facts.kind is not None and report.skipped is None:
        report.skipped = "links outside the source folder"
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
    fm = read_front_matter(text)
    body_start = fm.block_lines
    scanned = "\n" * body_start + fm.body if fm.present else text
    source = site.source(docname, relpath, st.st_mtime)
    fields = site.fields(fm, source)
    kind = site.kind(fm, source, fields)
    if kind is not None:
        for problem in fm.problems:
            report.issues.append(Issue(relpath, problem.line, problem.subtype, problem.message))
        record, problems = build_record(fields, source, site.tz, kind)
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
            from .post_record import titleize

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
    the build does (after :func:`.source_rewrites.rewrite_source`), without a build."""
    made = loaded.liquid_environment()
    if made is None or report.liquid_input is None:
        return []
    from .liquid import liquid_problems

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
    entries = [
        (posixpath.splitext(f.path)[0], f.path, f.facts)
        for f in sorted(report.files, key=lambda f: posixpath.splitext(f.path)[0])
        if f.facts is not None and f.skipped is None
    ]
    *_, post_files, problems = claim_urls(entries)
    made = loaded.liquid_environment() if rendered else None
    if made is not None:
        # {% post_url %} needs every post known first, as in the build
        made[0].post_urls = {name: "/" + path for name, path in post_files.items()}
        for f in report.files:
            if f.liquid_input is not None:
                try:
                    found = liquid_issues(loaded, f)
                except Exception as exc:  # noqa: BLE001 - as the build's guard around rendering
                    found = [Issue(f.path, 1, BlogWarning.LIQUID, _failed_message("rendering its Liquid", exc))]
                f.issues = sorted([*f.issues, *found], key=lambda i: i.line)
                f.liquid_input = None  # the text is not needed any more
    suffix = {posixpath.splitext(f.path)[0]: f.path for f in report.files}
    report.url_issues = [
        Issue(suffix[doc], 1, BlogWarning.PERMALINK, message) for message, doc in problems
    ]
    # names that would be folders outside the site (the build's guard, safe_paths)
    report.url_issues += [
        Issue(suffix.get(where) or loaded.display(where), line, subtype, message)
        for where, line, subtype, message in path_issues(loaded.srcdir, loaded.settings, entries)
    ]
    return report
