"""Render the Liquid of posts and Markdown pages, as Jekyll would, before MyST parses them.

Jekyll renders a page's Liquid first and gives the result to kramdown, so
Liquid works everywhere in a post, code blocks included (unless wrapped in
``{% raw %}``).  This module does the same at ``source-read``, with
python-liquid (a dependency; an environment installed without it still builds), after the front matter has
become a ``post`` directive and after :mod:`.liquid.rewrites` has turned the
site-URL Liquid of link targets, the theme includes and ``post_url``/``link``
into what Sphinx can check.

**Line numbers are kept.**  The text is cut into top-level constructs
(``{{ ... }}``, a tag, or a block tag with its end tag) and plain text.  Each
construct is rendered on its own, with one render context shared by all of
them (so ``assign`` and ``capture`` carry over), and its output is fitted to
the number of lines the construct took in the source: padded with line breaks
when shorter; when longer, blank runs are collapsed and lines joined (HTML
lines first), and a code block may use the blank lines around it.  So a warning
about the text after a construct still points at the right line of the file.

**What cannot be rendered stays as written**, with a ``blogposts.liquid``
warning naming the line and the construct: an unknown tag (only that tag; the
rest of its block renders), an unknown filter, a missing include, a syntax
error, a resource limit, or what comes after the document's budget is spent
(:data:`.liquid.tags.RENDER_BUDGET` steps, 20 MB written, in all).
``blogposts_liquid = "strict"`` makes each of those
an error that stops the build; ``"off"`` leaves all Liquid to
:mod:`.liquid.rewrites` alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquid.exceptions import LiquidError
from liquid.output import LimitedStringIO
from sphinx.util import logging

from ..core.config import BlogpostsConfig
from ..core.dates import get_timezone
from ..core.documents import Site
from ..core.jekyll_site import load_jekyll_config
from ..core.urls import has_liquid
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.keys import CODE_OPTIONS_KEY
from ..store.settings import site_of
from ..store.sources import judged
from .context import SiteDrop, document_vars, load_data, note_used_file
from .filters import JEKYLL_FILTERS
from .jekyll_time import JekyllTime, with_times
from .link_tags import LINK_TAGS
from .fitting import FENCE, after_html, collapse_blanks, join_lines, leading_blanks, trailing_blanks
from .modes import CONSTRUCT, LiquidStrictError, mode_of
from .tags import (
    CODE_OPTIONS_MARK,
    JEKYLL_TAGS,
    BudgetedContext,
    JekyllEnvironment,
    code_fence,
    highlight_code,
    highlight_options,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

_STATE_ATTR = "_blogposts_liquid_state"

#: Tags that take a body up to ``end<name>`` (others are found by their end tag).
_BLOCK_TAGS = frozenset(
    ("if", "unless", "for", "case", "capture", "tablerow", "highlight", "comment", "ifchanged", "doc")
)
#: Tags that only live inside a block; never unknown on their own.
_INNER_TAGS = frozenset(("else", "elsif", "when", "break", "continue"))


# --- the build-wide part ------------------------------------------------------


@dataclass
class _State:
    """What every document of one build shares (kept on the app, never pickled)."""

    srcdir: Path
    env: JekyllEnvironment
    config: dict[str, Any]
    #: Front matter of documents and ``_data/``, by file identity (see liquid_context).
    cache: dict[Any, Any] = field(default_factory=dict)
    post_urls_for: int = -1


def jekyll_environment(srcdir: Path, settings: BlogpostsConfig) -> tuple[JekyllEnvironment, dict[str, Any]]:
    """A site's Liquid environment (Jekyll's tags and filters, its ``_includes/``) and
    the settings part of ``site`` (``_config.yml`` with the resolved url, title...)."""

    config: dict[str, Any] = {}
    config_file = srcdir / (settings.jekyll_config or "_config.yml")
    if settings.jekyll_site and config_file.is_file():
        config = dict(load_jekyll_config(config_file).data)
    config = with_times(config, get_timezone(settings.timezone))
    config.update(
        url=settings.site_url, baseurl=settings.baseurl, title=settings.site_title,
        description=settings.site_description,
    )
    if settings.author:  # the site's author, also when conf.py gives it (blogposts_author)
        config["author"] = settings.author
    includes = str(config.get("includes_dir") or "_includes").strip("/")
    includes_dir = srcdir / includes if ".." not in includes.split("/") else None
    env = JekyllEnvironment(srcdir, includes_dir if includes_dir and includes_dir.is_dir() else None)
    for tag in (*JEKYLL_TAGS, *LINK_TAGS):
        env.add_tag(tag)
    for name, function in JEKYLL_FILTERS.items():
        env.add_filter(name, function)
    env.known_tags = frozenset(env.tags)
    env.timezone = get_timezone(settings.timezone)
    env.published_names = frozenset(str(i).strip("/") for i in settings.include)
    return env, config


def _state(app: Sphinx, settings: BlogpostsConfig) -> _State:
    srcdir = Path(app.srcdir)
    state: _State | None = getattr(app, _STATE_ATTR, None)
    if state is not None and state.srcdir == srcdir:
        return state
    env, config = jekyll_environment(srcdir, settings)
    state = _State(srcdir=srcdir, env=env, config=config)
    setattr(app, _STATE_ATTR, state)
    return state


def _post_urls(env: BuildEnvironment, state: _State) -> None:
    """Give the Liquid environment the build's ``post_url`` names and each document's
    URL (its permalink, else its source path), for ``post_url`` and ``link``."""
    data = BlogpostsDomain.of(env).data
    post_files: dict[str, str] = data["post_files"]
    if state.post_urls_for == id(post_files):
        return
    urls = {}
    for docname, entry in data["sources"].items():
        if entry.facts.permalink:
            urls[env.doc2path(docname, False).as_posix()] = entry.facts.permalink
    state.env.post_files = post_files
    state.env.file_urls = urls
    state.post_urls_for = id(post_files)


# --- highlight options ---------------------------------------------------------



def take_code_options(text: str) -> tuple[str, dict[int, tuple[bool, str]]]:
    """Remove the option marks of rendered highlight blocks from their fence lines."""

    if CODE_OPTIONS_MARK not in text:
        return text, {}
    options: dict[int, tuple[bool, str]] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        head, mark, rest = line.partition(" " + CODE_OPTIONS_MARK)
        if mark and FENCE.match(head):
            linenos, _, emphasize = rest.partition(":")
            options[number] = (linenos == "linenos", emphasize.strip())
            lines[number - 1] = head
    return "\n".join(lines), options


# --- one document ---------------------------------------------------------------


@dataclass
class _Construct:
    start: int
    end: int
    #: The first tag's name (None for ``{{ }}``), and every tag name inside.
    name: str | None
    names: list[str]


def render_document(app: Sphinx, docname: str, text: str, handoff: Any, reported: set[int]) -> str:
    """Render the Liquid in ``text`` (a post or page, front matter already a directive).

    ``reported`` holds lines :mod:`.liquid.rewrites` already warned about
    (a ``post_url`` that names no post), so they are not reported twice.
    """
    mode = mode_of(app.config)
    env = app.env
    site = site_of(env)
    settings = site.settings
    state = _state(app, settings)
    state.env.used_file = functools.partial(note_used_file, env)
    _post_urls(env, state)

    facts = BlogpostsDomain.of(env).facts(docname)
    page = document_vars(
        handoff.fields, handoff.source, site, facts.permalink if facts else None, facts.timestamp if facts else None
    )
    if handoff.kind == "post" and not page.get("collection"):
        page["collection"] = "posts"
    site_drop = SiteDrop(state.config, env, site, state.cache, functools.partial(judged, app, site))
    globals_ = {"site": site_drop, "page": page, "jekyll": {"environment": "production", "version": "4"}}
    context = BudgetedContext(state.env.from_string(""), globals=globals_)
    renderer = _Renderer(app, docname, text, state.env, context, mode, reported)
    rendered, options = take_code_options(renderer.render())
    env.temp_data[CODE_OPTIONS_KEY] = options
    if site_drop.read_documents:
        # a list of posts in this page: it is read again whenever any document changes
        BlogpostsDomain.of(env).data["site_readers"][docname] = True
    return rendered


def render_file(
    app: Sphinx, site: Site, relpath: str, fields: dict[str, Any], body: str, report: Callable[[str, int], None]
) -> str:
    """The Liquid of a file that is not a document (``search.json``...) rendered, with
    ``site`` and its ``page``; each problem goes to ``report(message, line in body)``."""
    state = _state(app, site.settings)
    state.env.used_file = None
    _post_urls(app.env, state)
    page = document_vars(fields, site.source(relpath, relpath), site, "/" + relpath)
    site_drop = SiteDrop(state.config, app.env, site, state.cache, functools.partial(judged, app, site))
    globals_ = {"site": site_drop, "page": page, "jekyll": {"environment": "production", "version": "4"}}
    context = BudgetedContext(state.env.from_string(""), globals=globals_)
    return _Renderer(app, relpath, body, state.env, context, "on", set(), report).render()


def static_site_vars(env: JekyllEnvironment, config: dict[str, Any], site: Site) -> dict[str, Any]:
    """``site`` without a build, for :func:`liquid_problems`: the settings, ``_data/``
    and the time, but no lists of documents (``site.posts`` is empty)."""
    lists = {"posts": [], "pages": [], "documents": [], "tags": {}, "categories": {}, "collections": []}
    return {
        **lists, **config, "data": load_data(env.site_root / "_data", {}),
        "time": JekyllTime.of(dt.datetime.now(site.tz)),
    }


def liquid_problems(
    env: JekyllEnvironment, site_vars: dict[str, Any], site: Site, text: str, fields: dict[str, Any],
    source: Any, kind: str,
) -> list[tuple[int, str]]:
    """What the build would warn about the Liquid of one document, as ``(line, message)``,
    found by rendering it without a build, with ``site`` from :func:`static_site_vars`:
    a problem inside a loop over ``site.posts`` is only seen by the build.  ``env``
    comes from :func:`jekyll_environment`.
    """
    if not has_liquid(text):
        return []
    page = document_vars(fields, source, site, None)
    if kind == "post" and not page.get("collection"):
        page["collection"] = "posts"
    globals_ = {"site": site_vars, "page": page, "jekyll": {"environment": "production", "version": "4"}}
    context = BudgetedContext(env.from_string(""), globals=globals_)
    found: list[tuple[int, str]] = []
    renderer = _Renderer(None, source.docname, text, env, context, "on", set(), lambda m, line: found.append((line, m)))
    renderer.render()
    return found


class _Renderer:
    """Renders one document construct by construct, keeping each line's number."""

    def __init__(
        self, app: Sphinx | None, docname: str, text: str, env: JekyllEnvironment, context: Any, mode: str,
        reported: set[int], on_problem: Callable[[str, int], None] | None = None,
    ) -> None:
        self.app = app
        #: Where problems go instead of the build's warnings (``sphinx-blogposts check``).
        self.on_problem = on_problem
        self.docname = docname
        self.text = text
        self.env = env
        self.context = context
        self.strict = mode == "strict"
        self.reported_lines = reported
        self.seen: set[tuple[int, str]] = set()
        self.shifted = 0
        #: Bytes the document's Liquid has written so far.
        self.written = 0

    # reporting

    def report(self, message: str, line: int) -> None:
        if (line, message) in self.seen:
            return
        self.seen.add((line, message))
        if self.on_problem is not None:
            self.on_problem(message, line)
            return
        if self.strict and self.app is not None:
            path = self.app.env.doc2path(self.docname)
            raise LiquidStrictError(f"{path}:{line}: {message}")
        warn(message, BlogWarning.LIQUID, location=(self.docname, line))

    @staticmethod
    def _show(src: str) -> str:
        one_line = " ".join(src.split())
        return one_line if len(one_line) <= 70 else one_line[:67] + "..."

    # the whole text

    def render(self) -> str:
        text = self.text
        constructs = self._constructs()
        pieces: list[str] = []
        pos = 0
        line = 1
        lstrip_next = False
        eat_next = 0
        for c in constructs:
            src = text[c.start : c.end]
            before = text[pos : c.start]
            self._check_stray(before, line)
            line_here = line + before.count("\n")
            if lstrip_next:
                before = before.lstrip(" \t")
            if src.startswith(("{%-", "{{-")):
                before = before.rstrip(" \t")
            before = self._eat_leading_blank(before, eat_next)
            eat_next = 0
            pieces.append(before)
            after = text[c.end : c.end + 200]
            out = self._render_construct(src, c, line_here)
            out, eat_before, eat_next = self._fit(out, src.count("\n"), pieces, after)
            if eat_before:
                pieces[-1] = self._eat_trailing_blank(pieces[-1], eat_before)
            pieces.append(out)
            line = line_here + src.count("\n")
            pos = c.end
            lstrip_next = src.endswith(("-%}", "-}}"))
        rest = text[pos:]
        self._check_stray(rest, line)
        if lstrip_next:
            rest = rest.lstrip(" \t")
        pieces.append(self._eat_leading_blank(rest, eat_next))
        if self.shifted:
            logger.debug("[blogposts] %s: Liquid output took %d more line(s)", self.docname, self.shifted)
        return "".join(pieces)

    def _constructs(self) -> list[_Construct]:
        """Top-level constructs: a block tag runs to its matching end tag."""
        tokens = [(m.start(), m.end(), m["name"] if m["tag"] else None) for m in CONSTRUCT.finditer(self.text)]
        names = {t[2] for t in tokens if t[2]}
        out: list[_Construct] = []
        i = 0
        while i < len(tokens):
            start, _end, name = tokens[i]
            j = i
            if name and (name in _BLOCK_TAGS or f"end{name}" in names):
                depth = 0
                for k in range(i, len(tokens)):
                    if tokens[k][2] == name:
                        depth += 1
                    elif tokens[k][2] == f"end{name}":
                        depth -= 1
                        if depth == 0:
                            j = k
                            break
            inner = [t[2] for t in tokens[i : j + 1] if t[2]]
            out.append(_Construct(start, tokens[j][1], name, inner))
            i = j + 1
        return out

    def _check_stray(self, text: str, line: int) -> None:
        """An opening ``{{``/``{%`` with no closing delimiter (Jekyll stops there)."""
        for opener, closer in (("{{", "}}"), ("{%", "%}")):
            index = text.find(opener)
            if index >= 0:
                where = line + text.count("\n", 0, index)
                self.report(f"'{opener}' is never closed with '{closer}'; it is kept as written", where)

    # one construct

    def _render_construct(self, src: str, c: _Construct, line: int) -> str:
        problems: list[tuple[str, int]] = []

        def on_problem(message: str, token: Any) -> None:
            # reported after Liquid is done: an error raised inside its parser is wrapped
            problems.append((message, self._line_of(token, src, line)))

        for name in c.names:
            if name in self.env.tags or name in _INNER_TAGS or name == "#":
                continue
            if name.startswith("end") and name[3:] in self.env.known_tags:
                continue
            self.env.add_unknown_tag(name)
        self.env.report = on_problem
        try:
            template = self.env.from_string(src)
            # what the whole document writes is bounded, not only each construct
            buffer = LimitedStringIO(limit=max(0, self.env.output_stream_limit - self.written))
            template.render_with_context(self.context, buffer)
            for problem in problems:
                self.report(*problem)
            out = buffer.getvalue()
            self.written += buffer.size
            return out
        except LiquidStrictError:
            raise
        except LiquidError as exc:
            message = str(exc.message if exc.message is not None else type(exc).__name__)
            where = self._line_of(exc.token, src, line)
        except RecursionError:
            message, where = "Liquid nests too deeply", line
        except Exception as exc:  # noqa: BLE001 - a filter meeting odd values must not stop the build
            message, where = f"{type(exc).__name__}: {exc}", line
        finally:
            self.env.report = None
        for problem in problems:
            self.report(*problem)
        return self._failed(src, c, message, where)

    def _failed(self, src: str, c: _Construct, message: str, where: int) -> str:
        if "post_url" in src and where in self.reported_lines:
            return src  # source_rewrites has said so already
        if c.name == "highlight" and src.rstrip().endswith("%}"):
            opening = CONSTRUCT.match(src)
            closing = src.rfind("{%")
            if opening and closing > opening.end():
                expr = opening.group(0).strip("{%-} \t\n")[len("highlight") :]
                language, linenos, emphasize = highlight_options(expr)
                body = src[opening.end() : closing]
                self.report(f"{message}, in {{% highlight %}}; the code is shown as written", where)
                return code_fence(language, highlight_code(body), linenos, emphasize)
        self.report(f"{message}; {self._show(src)!r} is kept as written", where)
        return src

    @staticmethod
    def _line_of(token: Any, src: str, line: int) -> int:
        if token is not None and getattr(token, "source", None) == src and token.start_index >= 0:
            return line + src.count("\n", 0, token.start_index)
        return line

    # keeping line numbers

    def _fit(self, out: str, lines: int, pieces: list[str], after: str) -> tuple[str, int, int]:
        """``out`` with exactly ``lines`` line breaks when possible; also how many
        blank lines to take from before and after it (code blocks only)."""
        fenced = bool(FENCE.match(out))
        if fenced:
            before = pieces[-1] if pieces else ""
            if before and not before.rstrip(" \t").endswith("\n"):
                out = "\n" + out  # a code block starts on its own line
            if not after.lstrip(" \t").startswith("\n") and after:
                out += "\n"
        excess = out.count("\n") - lines
        if excess <= 0:
            return out + "\n" * -excess, 0, 0
        out, excess = collapse_blanks(out, excess)
        out, excess = join_lines(out, excess)
        eat_before = eat_after = 0
        if excess and fenced:
            if not after_html("".join(pieces[-3:])):
                eat_before = min(excess, trailing_blanks(pieces[-1] if pieces else ""))
            excess -= eat_before
            eat_after = min(excess, leading_blanks(after))
            excess -= eat_after
        self.shifted += excess
        return out, eat_before, eat_after

    @staticmethod
    def _eat_trailing_blank(text: str, count: int) -> str:
        for _ in range(count):
            m = re.search(r"\n[ \t]*(\n[ \t]*)\Z", text)
            if not m:
                break
            text = text[: m.start()] + m.group(1)
        return text

    @staticmethod
    def _eat_leading_blank(text: str, count: int) -> str:
        for _ in range(count):
            m = re.match(r"[ \t]*\n[ \t]*\n", text)
            if not m:
                break
            text = text[text.index("\n") + 1 :]
        return text


