"""Front matter becomes a ``post`` directive, before MyST parses the file.

At ``source-read`` the front-matter block of a post or page is replaced by an
empty ```` ```{post} ```` directive, padded with blank lines so that every
line of the body keeps its number (warnings point at the right line).  The
parsed front matter is handed to that directive through the per-document
``temp_data``, so a Markdown post with front matter and a page that writes the
directive by hand go through exactly the same code.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from ..core.documents import Site, renders_liquid
from ..core.guards import document_guard
from ..core.post_record import excerpt_separator
from ..core.warnings import BlogWarning, warn
from ..liquid.modes import LiquidStrictError
from ..liquid.rewrites import rewrite_source
from ..liquid.stage import render_liquid
from ..store.domain import BlogpostsDomain
from ..store.keys import SOURCE_LINES_KEY, TEMP_KEY, FrontMatterHandoff
from ..store.settings import site_of
from ..store.sources import judged
from .html_pages import rendered_by_jekyll
from .listing_pages import write_listing

if TYPE_CHECKING:
    from sphinx.application import Sphinx


MORE_MARKER = "<!--more-->"


def directive_text(block_lines: int) -> str:
    """An empty ``post`` directive taking exactly ``block_lines`` line breaks (at least 2)."""
    return "```{post}\n```\n" + "\n" * max(0, block_lines - 2)


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    path = env.doc2path(docname, False)
    site = site_of(env)
    relpath = path.as_posix()
    # a file that was not UTF-8 is read from a re-encoded copy (see discovery)
    data = BlogpostsDomain.of(env).data
    relpath = data["reencoded"].get(docname, relpath)
    if os.path.isabs(relpath) or not rendered_by_jekyll(site, relpath):
        return  # generated pages and other sources have no front matter
    if "\x00" in source[0]:
        _replace_nul_bytes(docname, source)
    try:
        with document_guard(
            (docname, 1), "reading the front matter", BlogWarning.FRONT_MATTER, "the file is read as it is"
        ):
            _read_post(app, docname, source, site, relpath)
        facts = data["sources"].get(docname)
        if facts is not None and facts.facts.listing:
            # before Liquid: the theme's per-item include is never looked for
            source[0] = write_listing(source[0], facts.facts.listing, site)
        reported: set[int] = set()

        def report(message: str, line: int) -> None:
            reported.add(line)
            warn(message, BlogWarning.LINK, location=(docname, line))

        handoff = env.temp_data.get(TEMP_KEY)
        if handoff is not None and not renders_liquid(handoff.fields):
            return  # render_with_liquid: false: Jekyll shows every {{ }} and {% %} as written
        with document_guard(
            (docname, 1), "rewriting the Liquid links", BlogWarning.LIQUID, "the text is kept as written"
        ):
            source[0] = rewrite_source(source[0], data["post_files"], report)
        if handoff is not None:  # a post or page: Jekyll renders its Liquid
            source[0] = _render_liquid(app, docname, source[0], handoff, reported)
    finally:
        # the HTML converter reads raw HTML blocks from the text MyST parses
        env.temp_data[SOURCE_LINES_KEY] = source[0].splitlines()


def _render_liquid(app: Sphinx, docname: str, text: str, handoff: FrontMatterHandoff, reported: set[int]) -> str:
    """The rendered text; an unforeseen failure keeps the text as written, never a traceback."""
    try:
        return render_liquid(app, docname, text, handoff, reported)
    except LiquidStrictError:
        raise  # blogposts_liquid = "strict": the user asked for the build to stop
    except Exception as exc:  # noqa: BLE001 - one odd post must not stop the build
        warn(
            f"could not render the Liquid of this file ({type(exc).__name__}: {exc}); it is kept as written",
            BlogWarning.LIQUID,
            location=(docname, 1),
        )
        return text


def nul_bytes(text: str) -> tuple[int, str] | None:
    """The line and message for a text that holds NUL bytes (a damaged or binary file)."""
    if "\x00" not in text:
        return None
    line = text.count("\n", 0, text.index("\x00")) + 1
    return line, f"this file contains {text.count(chr(0))} NUL byte(s), a sign of a damaged file; each is shown as \ufffd"


def _replace_nul_bytes(docname: str, source: list[str]) -> None:
    """NUL bytes become U+FFFD, as CommonMark says, but not silently."""
    problem = nul_bytes(source[0])
    if problem:
        warn(problem[1], BlogWarning.ENCODING, location=(docname, problem[0]))
        source[0] = source[0].replace("\x00", "\ufffd")


def _read_post(app: Sphinx, docname: str, source: list[str], site: Site, relpath: str) -> None:
    env = app.env
    text = source[0]
    try:
        mtime = os.path.getmtime(env.doc2path(docname))
    except OSError:
        mtime = None
    made = judged(app, site, docname, relpath, text, mtime)  # discovery's, when the text is the same
    fm, post_source, fields, kind = made.front_matter, made.source, made.fields, made.kind
    if kind is None:
        return
    for problem in fm.problems:
        warn(problem.message, problem.subtype, location=(docname, problem.line))
    env.temp_data[TEMP_KEY] = FrontMatterHandoff(
        fields=fields,
        key_lines=fm.key_lines,
        source=post_source,
        kind=kind,
        raw=fm.text,
        fmt=fm.format,
        excerpt_line=_excerpt_line(fm.body, fm.block_lines, fields, site),
        had_problems=bool(fm.problems),
    )
    if fm.present or fm.problems:
        source[0] = directive_text(fm.block_lines) + fm.body
    else:  # a page without front matter (GitHub Pages): the directive after the text keeps every line
        source[0] = directive_after(fm.body)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def directive_after(body: str) -> str:
    """``body`` with the empty ``post`` directive after it; a code fence left open at
    the end is closed first (it runs to the end either way), so the directive is
    never read as code."""
    fence = ""
    for line in body.splitlines():
        found = _FENCE.match(line)
        if not found:
            continue
        mark = found.group(1)
        if not fence:
            if mark[0] == "~" or "`" not in line[found.end():]:  # a backtick fence's info has no backtick
                fence = mark
        elif mark[0] == fence[0] and len(mark) >= len(fence) and not line[found.end():].strip():
            fence = ""
    text = body.rstrip("\n")
    if fence:
        text += "\n" + fence
    return text + "\n\n" + directive_text(2)


def _excerpt_line(body: str, block_lines: int, fields: dict[str, Any], site: Site) -> int | None:
    """The line of a custom excerpt separator (``<!--more-->`` is found in the doctree,
    and Jekyll's default ``"\n\n"`` means "the first paragraph")."""
    separator = excerpt_separator(fields, site.settings.excerpt_separator)
    if not separator.strip() or separator.strip() == MORE_MARKER:
        return None
    index = body.find(separator)
    if index < 0:
        return None
    return block_lines + body.count("\n", 0, index) + 1
