"""Render the Liquid of posts and Markdown pages, as Jekyll would, before MyST parses them.

Jekyll renders a page's Liquid first and gives the result to kramdown, so
Liquid works everywhere in a post, code blocks included (unless wrapped in
``{% raw %}``).  This module does the same at ``source-read``, with
python-liquid (the optional ``[liquid]`` extra), after the front matter has
become a ``post`` directive and after :mod:`.source_rewrites` has turned the
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
(:data:`.liquid_tags.RENDER_BUDGET` steps, 20 MB written, in all).
``blogposts_liquid = "strict"`` makes each of those
an error that stops the build; ``"off"`` leaves all Liquid to
:mod:`.source_rewrites` alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import SphinxError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .config import BlogpostsConfig
from .documents import Site
from .urls import has_liquid
from .warnings import BlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .liquid_tags import JekyllEnvironment

logger = logging.getLogger(__name__)

MODES = ("off", "on", "strict")
INSTALL_HINT = "pip install 'sphinx_blogposts[liquid]'"
_STATE_ATTR = "_blogposts_liquid_state"

#: One Liquid construct: ``{% raw %}...{% endraw %}``, ``{{ ... }}`` or ``{% ... %}``.
_CONSTRUCT = re.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})"
    r"|(?P<out>\{\{.*?\}\})"
    r"|(?P<tag>\{%-?\s*(?P<name>#|\w+)?.*?%\})",
    re.DOTALL,
)
#: Tags that take a body up to ``end<name>`` (others are found by their end tag).
_BLOCK_TAGS = frozenset(
    ("if", "unless", "for", "case", "capture", "tablerow", "highlight", "comment", "ifchanged", "doc")
)
#: Tags that only live inside a block; never unknown on their own.
_INNER_TAGS = frozenset(("else", "elsif", "when", "break", "continue"))
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLANK_RUN = re.compile(r"\n[ \t]*\n([ \t]*\n)+")


class LiquidStrictError(SphinxError):
    """A Liquid problem with ``blogposts_liquid = "strict"``."""

    category = "Liquid error"


def liquid_available() -> bool:
    try:
        import liquid  # noqa: F401
    except ImportError:
        return False
    return True


def mode_of(config: Any) -> str:
    value = getattr(config, "blogposts_liquid", None)
    return value if value in MODES else "off"


# --- the build-wide part ------------------------------------------------------


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Without python-liquid, say once per build that Liquid was found and not rendered."""
    mode = mode_of(app.config)
    if mode == "off" or liquid_available():
        return
    from .domain import BlogpostsDomain

    facts = BlogpostsDomain.of(env).data.get("sources", {})
    found: list[tuple[str, int]] = []
    for docname in sorted(docnames):
        entry = facts.get(docname)
        if entry is None or entry[2].kind is None:
            continue  # only posts and pages are rendered
        try:
            text = env.doc2path(docname).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = _CONSTRUCT.search(text)
        if match:
            found.append((docname, text.count("\n", 0, match.start()) + 1))
    if not found:
        return
    message = (
        f"Liquid found in {len(found)} post(s)/page(s) but python-liquid is not installed; "
        f"`{INSTALL_HINT}` renders it. Until then only site URLs, theme includes, "
        "post_url and link are rewritten, and other Liquid is shown as written"
    )
    if mode == "strict":
        path = env.doc2path(found[0][0])
        raise LiquidStrictError(f"{path}:{found[0][1]}: {message}")
    warn(message, BlogWarning.LIQUID, location=found[0])


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
    from .jekyll_site import load_jekyll_config
    from .liquid_filters import JEKYLL_FILTERS
    from .liquid_tags import JEKYLL_TAGS, JekyllEnvironment

    config: dict[str, Any] = {}
    config_file = srcdir / (settings.jekyll_config or "_config.yml")
    if settings.jekyll_site and config_file.is_file():
        config = dict(load_jekyll_config(config_file).data)
    config.update(
        url=settings.site_url, baseurl=settings.baseurl, title=settings.site_title,
        description=settings.site_description,
    )
    includes = str(config.get("includes_dir") or "_includes").strip("/")
    includes_dir = srcdir / includes if ".." not in includes.split("/") else None
    env = JekyllEnvironment(srcdir, includes_dir if includes_dir and includes_dir.is_dir() else None)
    for tag in JEKYLL_TAGS:
        env.add_tag(tag)
    for name, function in JEKYLL_FILTERS.items():
        env.add_filter(name, function)
    env.known_tags = frozenset(env.tags)
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


def _post_urls(env: BuildEnvironment, state: _State) -> dict[str, str]:
    """``post_url`` names -> the post's URL (its permalink, else its source path)."""
    from .domain import BlogpostsDomain

    data = BlogpostsDomain.of(env).data
    post_files: dict[str, str] = data.get("post_files", {})
    if state.post_urls_for == id(post_files):
        return state.env.post_urls
    facts = data.get("sources", {})
    urls = {}
    for name, relpath in post_files.items():
        docname = env.path2doc(str(Path(env.srcdir) / relpath)) or ""
        entry = facts.get(docname)
        permalink = entry[2].permalink if entry is not None else None
        urls[name] = permalink or "/" + relpath
    state.env.post_urls = urls
    state.post_urls_for = id(post_files)
    return urls


# --- highlight options ---------------------------------------------------------

#: ``env.temp_data`` key: fence line -> (linenos, emphasize-lines) of highlight blocks.
CODE_OPTIONS_KEY = "blogposts_code_options"


def take_code_options(text: str) -> tuple[str, dict[int, tuple[bool, str]]]:
    """Remove the option marks of rendered highlight blocks from their fence lines."""
    from .liquid_tags import CODE_OPTIONS_MARK

    if CODE_OPTIONS_MARK not in text:
        return text, {}
    options: dict[int, tuple[bool, str]] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        head, mark, rest = line.partition(" " + CODE_OPTIONS_MARK)
        if mark and _FENCE.match(head):
            linenos, _, emphasize = rest.partition(":")
            options[number] = (linenos == "linenos", emphasize.strip())
            lines[number - 1] = head
    return "\n".join(lines), options


class CodeOptions(SphinxTransform):
    """Give the code blocks of ``{% highlight ... linenos mark_lines="..." %}`` their options."""

    default_priority = 690

    def apply(self, **kwargs: object) -> None:
        from docutils import nodes

        options: dict[int, tuple[bool, str]] = self.env.temp_data.get(CODE_OPTIONS_KEY) or {}
        if not options:
            return
        for block in self.document.findall(nodes.literal_block):
            found = options.get(block.line or 0)
            if found is None:
                continue
            linenos, emphasize = found
            if linenos:
                block["linenos"] = True
            if emphasize:
                lines = [int(n) for n in emphasize.split(",") if n.strip().isdigit()]
                block.setdefault("highlight_args", {})["hl_lines"] = lines


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

    ``reported`` holds lines :mod:`.source_rewrites` already warned about
    (a ``post_url`` that names no post), so they are not reported twice.
    """
    mode = mode_of(app.config)
    if mode == "off" or not has_liquid(text) or not liquid_available():
        return text
    from .liquid_tags import BudgetedContext

    from .liquid_context import SiteDrop, document_vars, note_used_file

    env = app.env
    settings = BlogpostsConfig.from_config(env.config)
    site = Site.from_settings(settings)
    state = _state(app, settings)
    state.env.used_file = functools.partial(note_used_file, env)
    _post_urls(env, state)
    from .domain import BlogpostsDomain

    entry = BlogpostsDomain.of(env).data.get("sources", {}).get(docname)
    facts = entry[2] if entry is not None else None
    page = document_vars(
        handoff.fields, handoff.source, site, facts.permalink if facts else None, facts.timestamp if facts else None
    )
    if handoff.kind == "post" and not page.get("collection"):
        page["collection"] = "posts"
    site_drop = SiteDrop(state.config, env, site, state.cache)
    globals_ = {"site": site_drop, "page": page, "jekyll": {"environment": "production", "version": "4"}}
    context = BudgetedContext(state.env.from_string(""), globals=globals_)
    renderer = _Renderer(app, docname, text, state.env, context, mode, reported)
    rendered, options = take_code_options(renderer.render())
    env.temp_data[CODE_OPTIONS_KEY] = options
    if site_drop.read_documents:
        # a list of posts in this page: it is read again whenever any document changes
        BlogpostsDomain.of(env).data.setdefault("site_readers", {})[docname] = True
    return rendered


def static_site_vars(env: JekyllEnvironment, config: dict[str, Any], site: Site) -> dict[str, Any]:
    """``site`` without a build, for :func:`liquid_problems`: the settings, ``_data/``
    and the time, but no lists of documents (``site.posts`` is empty)."""
    import datetime as dt

    from .liquid_context import load_data
    from .liquid_filters import JekyllTime

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
    if not has_liquid(text) or not liquid_available():
        return []
    from .liquid_tags import BudgetedContext

    from .liquid_context import document_vars

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
        tokens = [(m.start(), m.end(), m["name"] if m["tag"] else None) for m in _CONSTRUCT.finditer(self.text)]
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
        from liquid.exceptions import LiquidError

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
            from liquid.output import LimitedStringIO

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
            from .liquid_tags import code_fence, highlight_code, highlight_options

            opening = _CONSTRUCT.match(src)
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
        fenced = bool(_FENCE.match(out))
        if fenced:
            before = pieces[-1] if pieces else ""
            if before and not before.rstrip(" \t").endswith("\n"):
                out = "\n" + out  # a code block starts on its own line
            if not after.lstrip(" \t").startswith("\n") and after:
                out += "\n"
        excess = out.count("\n") - lines
        if excess <= 0:
            return out + "\n" * -excess, 0, 0
        out, excess = _collapse(out, excess)
        out, excess = _join(out, excess)
        eat_before = eat_after = 0
        if excess and fenced:
            if not _after_html("".join(pieces[-3:])):
                eat_before = min(excess, _trailing_blanks(pieces[-1] if pieces else ""))
            excess -= eat_before
            eat_after = min(excess, _leading_blanks(after))
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


def _trailing_blanks(text: str) -> int:
    """Blank lines right before a construct that starts its line."""
    lines = text.split("\n")
    if len(lines) < 2 or lines[-1].strip():
        return 0
    count = 0
    for part in reversed(lines[:-1]):
        if part.strip():
            break
        count += 1
    return count if count < len(lines) - 1 else max(0, count - 1)


def _after_html(text: str) -> bool:
    """Whether the last line with text is HTML: an HTML block runs until a blank
    line, so the blank line before a code block must stay."""
    for line in reversed(text.split("\n")):
        if line.strip():
            return line.lstrip().startswith("<")
    return False


def _leading_blanks(text: str) -> int:
    """Blank lines right after a construct that ends its line."""
    lines = text.split("\n")
    if len(lines) < 2 or lines[0].strip():
        return 0
    count = 0
    for part in lines[1:-1]:
        if part.strip():
            break
        count += 1
    return count


def _fenced_lines(lines: list[str]) -> set[int]:
    """Indices of lines that belong to a code fence (never joined)."""
    protected: set[int] = set()
    opener: str | None = None
    for index, text in enumerate(lines):
        m = _FENCE.match(text)
        if opener is None:
            if m:
                opener = m.group(1)
                protected.add(index)
            continue
        protected.add(index)
        if m and m.group(1)[0] == opener[0] and len(m.group(1)) >= len(opener) and not text.strip()[len(m.group(1)):]:
            opener = None
    return protected


def _collapse(out: str, excess: int) -> tuple[str, int]:
    """Runs of blank lines become one blank line (outside code blocks)."""
    if "```" in out or "~~~" in out:
        return out, excess

    def shorten(m: re.Match[str]) -> str:
        nonlocal excess
        extra = min(excess, m.group(0).count("\n") - 2)
        excess -= extra
        return "\n" * (m.group(0).count("\n") - extra)

    return _BLANK_RUN.sub(shorten, out), excess


def _join(out: str, excess: int) -> tuple[str, int]:
    """Join lines until ``excess`` breaks are gone: HTML lines first, then any
    two lines of text, then blank lines; never inside a code block."""
    if excess <= 0:
        return out, excess
    lines = out.split("\n")
    protected = _fenced_lines(lines)
    ranked: list[tuple[int, int]] = []
    for i in range(len(lines) - 1):
        if i in protected or i + 1 in protected:
            continue
        a, b = lines[i].strip(), lines[i + 1].strip()
        if a and b:
            rank = 0 if a.endswith(">") or b.startswith("<") else 1
        else:
            rank = 2
        ranked.append((rank, -i))
    chosen = {-i for _, i in sorted(ranked)[:excess]}
    merged: list[str] = []
    for i, text in enumerate(lines):
        if i - 1 in chosen:
            merged[-1] = merged[-1] + " " + text.lstrip() if merged[-1].strip() else text
        else:
            merged.append(text)
    return "\n".join(merged), excess - len(chosen)


def setup_liquid(app: Sphinx) -> None:
    """Register this module's part of the extension with Sphinx."""
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.add_transform(CodeOptions)
