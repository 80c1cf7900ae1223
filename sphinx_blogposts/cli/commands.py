"""The ``sphinx-blogposts`` command: ``init``, ``new`` and ``check`` a Jekyll site.

The commands are thin: reading a site is :mod:`.cli.site_report`, writing files
is :mod:`.cli.scaffold`; this module parses options and prints with rich.  Problem
lines go to standard output as ``file:line: blogposts.<subtype>: message``;
the progress bar goes to standard error, and only when it is a terminal.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..liquid.modes import INSTALL_HINT, liquid_available
from ..core.github_pages import GitHubPagesPlugins
from ..core.menu import MENU_FILE, MenuTarget
from ..core.warnings import BlogWarning
from .loaded_site import Issue, load_site
from .site_changes import PLUGINS_DIR
from .scaffold import (
    NewPostError,
    existing_init_files,
    installed_from,
    new_post,
    requirements_for,
    unsafe_init_files,
    write_init_files,
    write_new_post,
)
from .site_report import SiteReport, scan_site
from .source_scan import MISSING_INCLUDE

#: Subtypes shown as front-matter problems in the ``init`` report.
FRONT_MATTER_SUBTYPES = frozenset(
    ("front_matter", "duplicate_key", "date", "title", "field", "encoding", "permalink")
)
#: Problems listed by ``init`` before pointing to ``check``.
FIRST_FEW = 5
#: Liquid tags named in the report.
MOST_COMMON = 5


def _console(stderr: bool = False) -> Console:
    """A console on the current stdout/stderr (made per command, so tests can capture it)."""
    return Console(stderr=stderr, soft_wrap=True, highlight=False)


def _shown(path: Path) -> str:
    """A path as the user would type it."""
    return shlex.quote(os.path.normpath(str(path)))


@contextmanager
def _progress(enabled: bool) -> Iterator[tuple]:
    """``(on_start, on_file)`` callbacks for :func:`.cli.site_report.scan_site`: a rich
    progress bar on standard error when it is a terminal, else nothing."""
    if not enabled or not sys.stderr.isatty():
        yield None, None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("reading sources"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("read", total=None)

        def on_start(total: int) -> None:
            progress.update(task, total=total)

        def on_file(_path: str) -> None:
            progress.advance(task)

        yield on_start, on_file


def _scan(path: Path, progress: bool) -> SiteReport:
    with _progress(progress) as (on_start, on_file):
        return scan_site(path, on_start=on_start, on_file=on_file)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sphinx-blogposts")
def main() -> None:
    """Build Jekyll sites with Sphinx: set a site up, write posts, check sources."""


@main.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Overwrite conf.py, .readthedocs.yaml and the requirements file."
)
@click.option("--dry-run", is_flag=True, help="Print the report only; write nothing.")
def init(path: Path, force: bool, dry_run: bool) -> None:
    """Set up the Jekyll site at PATH for sphinx-build and Read the Docs.

    Prints what the build will find, then writes conf.py, .readthedocs.yaml
    and .readthedocs-requirements.txt.  Posts and _config.yml are not touched.
    """
    out = _console()
    report = _scan(path, progress=True)
    print_report(out, report, path)
    existing = existing_init_files(path)
    unsafe = unsafe_init_files(path)
    if unsafe and not dry_run:
        _console(stderr=True).print(
            f"\n[bold red]Not written:[/] {escape(', '.join(unsafe))} in {escape(_shown(path))} "
            "is a symbolic link out of the site or to no file; init never writes through it "
            "(not even with --force). Remove the link first.",
        )
        sys.exit(1)
    if dry_run:
        out.print("\nDry run: nothing written. After init, build with:")
        out.print(f"  [bold]{escape(_build_command(path))}[/]")
        return
    if existing and not force:
        err = _console(stderr=True)
        err.print(
            f"\n[bold red]Not written:[/] {escape(', '.join(existing))} already exist(s) in {escape(_shown(path))}; "
            "use --force to overwrite.",
        )
        sys.exit(1)
    requirements = requirements_for(installed_from())
    written = write_init_files(path, requirements)
    out.print()
    for file in written:
        verb = "Overwrote" if file.name in existing else "Wrote"
        out.print(f"{verb} {escape(_shown(file))}")
    if requirements.instruction:
        out.print(f"\n[bold yellow]Before Read the Docs can build:[/] {escape(requirements.instruction)}")
    out.print(f"\nNext: [bold]{escape(_build_command(path))}[/]")
    out.print(
        f"Live preview: sphinx-autobuild {escape(_shown(path))} {escape(_shown(path / '_build' / 'html'))}"
    )


@main.command()
@click.argument("title")
@click.option(
    "--collection", "-c", default="posts", show_default=True, help="The collection of the post."
)
@click.option(
    "--site",
    "site",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The site's folder.",
)
@click.option(
    "--date", "when", help="The post's date (YYYY-MM-DD [HH:MM[:SS]] [+HHMM]); default: now."
)
def new(title: str, collection: str, site: Path, when: str | None) -> None:
    """Create a post titled TITLE and print its path."""
    loaded = load_site(site)
    try:
        post = new_post(loaded, title, collection, when)
        write_new_post(post, loaded.srcdir)
    except NewPostError as exc:
        raise click.ClickException(str(exc)) from None
    except FileExistsError:
        raise click.ClickException(
            f"{_shown(post.path)} already exists; it is left as it is"
        ) from None
    click.echo(os.path.normpath(str(post.path)))


@main.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".")
@click.option(
    "--quiet", "-q", is_flag=True, help="Print the problem lines only: no progress, no summary."
)
def check(path: Path, quiet: bool) -> None:
    """Read every source of the site at PATH as the build would, without building.

    Prints one line per problem (file:line: blogposts.<subtype>: message) and
    a summary; exits with status 1 when there are problems, 0 otherwise.
    """
    report = _scan(path, progress=not quiet)
    issues = report.issues
    for issue in issues:
        click.echo(_issue_line(issue, path))
    if not quiet:
        out = _console()
        files = sum(1 for f in report.files if f.skipped is None)
        posts = sum(report.posts_by_collection().values())
        if issues:
            counts = ", ".join(f"{n} {sub}" for sub, n in report.counts_by_subtype().items())
            affected = len({i.path for i in issues})
            out.print(f"\n{len(issues)} problem(s) in {affected} file(s): {counts}.")
        else:
            out.print("No problems found.")
        out.print(f"Read {files} source(s) ({posts} post(s)) of {len(report.files)} found.")
        print_changes(out, report, path)
    sys.exit(1 if issues else 0)


def _issue_line(issue: Issue, root: Path) -> str:
    if os.path.isabs(issue.path):
        return issue.format()
    return issue.format(os.path.normpath(str(root)) if str(root) not in ("", ".") else "")


def print_report(out: Console, report: SiteReport, path: Path) -> None:
    """What ``init`` says about a site before writing anything."""
    loaded = report.loaded
    mode = "Jekyll site (_config.yml)" if loaded.jekyll_site else "docs project (no _config.yml)"
    out.print(f"[bold]{escape(_shown(path))}[/]: {mode}")
    for issue in loaded.issues:
        out.print(f"  [red]{escape(_issue_line(issue, path))}[/]")

    out.print("\n[bold]Collections[/] (posts that will be built)")
    left_out = report.left_out()
    counts = report.posts_by_collection()
    width = max((len(name) for name in counts), default=5)
    for name, count in counts.items():
        skipped = left_out.get(name, {})
        if not count and not skipped and not _has_folder(report, name):
            continue
        note = ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items()))
        out.print(
            f"  {escape(name):<{width}}  {count:>5}"
            + (f"   (left out: {escape(note)})" if note else "")
        )
    languages, blogs = report.languages()
    if len(languages) > 1:
        out.print(
            "Languages: " + ", ".join(f"{escape(code)} {n}" for code, n in languages.items())
            + (f" (a blog each: {escape(', '.join(blogs))})" if blogs else "")
        )
    pages = report.pages()
    line = f"Pages: {pages}"
    if report.without_front_matter():
        line += (
            f" (Markdown files without front matter are not pages: {report.without_front_matter()})"
        )
    out.print(line)
    if left_out.get(""):
        note = ", ".join(f"{n} {reason}" for reason, n in sorted(left_out[""].items()))
        out.print(f"Pages left out: {escape(note)}")

    html = report.html()
    out.print("\n[bold]Raw HTML[/]")
    if html.figures or html.images:
        out.print(
            f"  {html.figures} <figure>, {html.images} <img>: {html.native_figures} figure(s) and "
            f"{html.native_images} image(s) become native nodes; the rest stays raw HTML"
        )
    else:
        out.print("  no <figure> or <img>")

    _print_liquid(out, report)
    print_changes(out, report, path)

    issues = [i for i in report.issues if i.subtype.value in FRONT_MATTER_SUBTYPES]
    others = [
        i
        for i in report.issues
        if i.subtype.value not in FRONT_MATTER_SUBTYPES and i not in loaded.issues
    ]
    out.print(f"\n[bold]Front-matter problems[/]: {len(issues)}")
    for issue in issues[:FIRST_FEW]:
        out.print(f"  {escape(_issue_line(issue, path))}")
    if len(issues) > FIRST_FEW:
        out.print(f"  … and {len(issues) - FIRST_FEW} more")
    if others:
        kinds = {}
        for issue in others:
            kinds[issue.subtype.value] = kinds.get(issue.subtype.value, 0) + 1
        out.print(
            f"Other warnings the build will give: {len(others)} ("
            + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            + ")"
        )
    if issues or others:
        out.print(f"  All of them: sphinx-blogposts check {escape(_shown(path))}")


def print_changes(out: Console, report: SiteReport, path: Path) -> None:
    """What the site becomes (Jekyll sites): the pages Jekyll renders from Liquid
    and the listing pages, the menu, the static files, the Ruby plugins, the URLs
    that cannot be kept."""
    if not report.loaded.jekyll_site:
        return
    changes = report.changes
    out.print(f"\n[bold]Liquid and listing pages[/] (.html and other files Jekyll renders, listings): {len(changes.rendered)}")
    for rendered in changes.rendered:
        out.print(f"  {escape(rendered.path)}: {escape(rendered.fate.describe())}")
    if changes.menu_file is None:
        out.print(f"\n[bold]Menu[/]: no {MENU_FILE} (no main: menu to follow)")
    else:
        out.print(f"\n[bold]Menu[/] ({MENU_FILE}, main:): {len(changes.menu)} entr(y/ies)")
        for entry, target in changes.menu:
            out.print(f"  {escape(entry.title)} {escape(entry.url)}: {escape(_menu_target(target))}")
    out.print(f"\n[bold]Static files[/] copied as they are, to the same paths: {len(changes.static_files)}")
    for name in changes.linked_out:
        out.print(f"  not copied: {escape(name)}, a symbolic link out of the site")
    out.print(f"\n[bold]GitHub Pages' plugins[/]: {escape(github_pages_line(report.loaded.site.github))}")
    if changes.plugins:
        out.print(
            f"\n[bold]Ruby plugins[/] ({PLUGINS_DIR}/): {len(changes.plugins)}; Ruby cannot run in this build, "
            "so what each made is not made"
        )
        for name, facts in changes.plugins:
            out.print(f"  {escape(name)}: {escape(facts.describe())}")
    kept = [i for i in report.issues if i.subtype is BlogWarning.PERMALINK]
    out.print(f"\n[bold]URLs that cannot be kept[/] (claimed twice, refused): {len(kept)}")
    for issue in kept:
        out.print(f"  {escape(_issue_line(issue, path))}")


def github_pages_line(plugins: GitHubPagesPlugins) -> str:
    """Which of GitHub Pages' plugins the build does what they do (:mod:`..core.github_pages`)."""
    names = plugins.names()
    if not names:
        return "none on (no github-pages gem in the Gemfile, none listed under plugins:)"
    return "on: " + ", ".join(names)


def _menu_target(target: MenuTarget) -> str:
    if target.kind == "page":
        return f"the page {target.target}"
    if target.kind == "static":
        return f"the static file {target.target}"
    if target.kind == "external":
        return "another site"
    return "nothing in this site (a warning)"


def _build_command(path: Path) -> str:
    return f"sphinx-build -b html {_shown(path)} {_shown(path / '_build' / 'html')}"


def _print_liquid(out: Console, report: SiteReport) -> None:
    """Liquid constructs outside code, and which of them the build renders."""
    liquid = report.liquid()
    out.print("\n[bold]Liquid[/]")
    if not liquid:
        out.print("  none left after the built-in rewrites")
        return
    files = sum(1 for f in report.files if f.liquid)
    found = f"  {sum(liquid.values())} construct(s) in {files} file(s)"
    known = report.loaded.liquid_tags()
    if known is None:
        if getattr(report.loaded.settings, "liquid", "off") == "off" and _liquid_installed():
            why = 'not rendered (blogposts_liquid is "off")'
        else:
            why = f"not rendered: python-liquid is not installed ({INSTALL_HINT})"
        out.print(f"{found}, {why}, shown as written: {escape(_common(liquid))}")
        return
    rendered, left = report.liquid_split(known)
    out.print(
        f"{found}: {sum(rendered.values())} rendered with python-liquid ({escape(_common(rendered))})"
    )
    if left:
        out.print(
            f"  {sum(left.values())} not rendered (unknown tags and missing includes, shown as written): "
            f"{escape(_common(left))}"
        )


def _liquid_installed() -> bool:
    return liquid_available()


def _common(counts: Counter[str]) -> str:
    return (
        ", ".join(f"{_liquid_name(name)} ×{n}" for name, n in counts.most_common(MOST_COMMON))
        or "none"
    )


def _has_folder(report: SiteReport, collection: str) -> bool:
    loaded = report.loaded
    return any(
        (loaded.srcdir / folder).is_dir()
        for folder, name in loaded.site.folders.items()
        if name == collection
    )


def _liquid_name(name: str) -> str:
    if name == MISSING_INCLUDE:
        return "{% include %} of a missing file"
    return name if name == "{{ }}" else f"{{% {name} %}}"
