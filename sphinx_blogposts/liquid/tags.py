"""Jekyll's Liquid tags, for python-liquid: ``include``, ``highlight``,
``post_url``, ``link``, and a stand-in for tags nobody knows.

Jekyll's ``include`` is not standard Liquid's: ``{% include note.html
kind="tip" text=page.x %}`` reads ``_includes/note.html`` and hands it the
parameters as ``include.kind``.  The well-known theme includes (figure, video,
gallery, toc) are mapped first, by :func:`.liquid.rewrites.theme_include`, to
HTML that :mod:`.html.figures` turns into native nodes, or to a MyST
directive.  Nothing outside the site's ``_includes/`` folder is ever read.

``highlight`` becomes a MyST ``code-block`` directive (with ``:linenos:`` and
``:emphasize-lines:`` for Jekyll's ``linenos`` and ``mark_lines``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import Any, TextIO

from liquid import Environment
from liquid.ast import BlockNode, Node
from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.context import RenderContext
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from ..core.safe_paths import inside
from .rewrites import theme_include

#: Jekyll's rules for include names: these characters, and no ``..``/``//``.
_VALID_NAME = re.compile(r"^[\w/.\-()+~#@]+$")
_INVALID_SEQUENCE = re.compile(r"[./]{2,}")
#: Jekyll's include parameters: ``key="text"``, ``key='text'`` (``\"``/``\'`` escape the
#: quote) or ``key=variable.path``.
_PARAM = re.compile(
    r"""(?P<key>[\w-]+)\s*=\s*(?:"(?P<dq>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<sq>[^'\\]*(?:\\.[^'\\]*)*)'|(?P<var>[\w.-]+))"""
)
#: What the parameters must be as a whole (Jekyll refuses anything else).
_ALL_PARAMS = re.compile(r"\A\s*(?:" + _PARAM.pattern + r"(?=\s|\Z)\s*)*\Z")
#: A file name made with ``{{ }}`` (``{% include {{ page.kind }}.html x=1 %}``): Jekyll's rule.
_VARIABLE_NAME = re.compile(
    r"(?P<variable>[^{]*(?:\{\{\s*[\w\-.]+\s*(?:\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.DOTALL
)
#: How deep includes may nest (an include that includes itself stops here).
MAX_INCLUDE_DEPTH = 10
_DEPTH_KEY = "blogposts_include_depth"


#: How much Liquid one document may run: each include rendered and each loop
#: iteration is one step.  A real list of 5,000 posts with an include per post
#: takes 10,000; ten includes per level, ten levels deep, would take 10**10.
#: At this size a document's Liquid ends within seconds.
RENDER_BUDGET = 50_000


class IncludeError(LiquidError):
    """An include that cannot be read: missing, outside ``_includes/``, too deep."""


class RenderBudgetError(LiquidError):
    """A document's Liquid took more than :data:`RENDER_BUDGET` steps."""


class BudgetedContext(RenderContext):
    """A render context that counts the steps of one document's Liquid.

    Make one per document; the contexts Liquid copies from it (``render``)
    count into the same total, kept on the first one.
    """

    steps = 0

    def spend(self, steps: int, token: Token | None = None) -> None:
        """Count ``steps``; raise :class:`RenderBudgetError` past the budget."""
        root: RenderContext = self
        while root.parent_context is not None:
            root = root.parent_context
        root.steps = getattr(root, "steps", 0) + steps  # type: ignore[attr-defined]
        if root.steps > RENDER_BUDGET:  # type: ignore[attr-defined]
            raise RenderBudgetError(
                f"this document's Liquid takes more than {RENDER_BUDGET} steps (includes and loop iterations)",
                token=token,
            )

    def raise_for_loop_limit(self, length: int = 1) -> None:
        # every loop, tablerow and include/render "for" says here how long it runs
        super().raise_for_loop_limit(length)
        self.spend(length)


def original_text(token: Token) -> str:
    """The whole ``{% name args %}`` markup a tag token came from."""
    source = token.source
    start = source.rfind("{%", 0, token.start_index + 1)
    end = source.find("%}", token.start_index)
    if start < 0 or end < 0:
        return "{% " + token.value + " %}"
    return source[start : end + 2]


def _expression(stream: TokenStream) -> tuple[Token, str]:
    """The tag token and its expression's text.  As python-liquid's parser wants,
    the stream is left on the tag's last token (the parser steps past it)."""
    token = stream.expect(TOKEN_TAG)
    expr = ""
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        expr = stream.current.value
    return token, expr


#: Theme includes that only set variables (academicpages, minimal-mistakes): what they
#: do when the site does not have them in ``_includes/`` (the theme's gem does).
THEME_VARIABLE_INCLUDES = {
    "base_path": "{% assign base_path = site.url | append: site.baseurl %}",
}


class JekyllEnvironment(Environment):
    """A Liquid environment for one Jekyll site (kept on the Sphinx app, never pickled)."""

    # hostile posts must not hang or exhaust the build
    loop_iteration_limit = 100_000
    output_stream_limit = 20_000_000
    local_namespace_limit = 50_000_000
    context_depth_limit = 30

    def __init__(self, site_root: Path, includes_dir: Path | None) -> None:
        super().__init__(strict_filters=True)
        self.site_root = site_root
        self.includes_dir = includes_dir
        #: ``post_url`` names -> source path of the post (:mod:`.core.post_names`; set by the build).
        self.post_files: dict[str, str] = {}
        #: source path -> URL of each document (static files are at their path).
        self.file_urls: dict[str, str] = {}
        #: ``include:`` of ``_config.yml``: ``_``/dot names published after all (``link``).
        self.published_names: frozenset[str] = frozenset()
        #: The site's time zone, for the date filters.
        self.timezone: dt.tzinfo = dt.UTC
        #: ``markdownify``'s parser, made on first use.
        self.markdown: Any = None
        #: ``where_exp``/``group_by_exp`` expressions, parsed once (see ``array_filters``).
        self.expression_templates: dict[str, Any] = {}
        self.known_tags = frozenset(self.tags)
        #: Called with (message, token) for problems that do not stop a construct.
        self.report: Any = None
        #: Called with the path of each file an include reads (set per document by the build).
        self.used_file: Any = None
        self._include_cache: dict[Path, tuple[float, Any]] = {}

    def include_template(self, name: str, folder: str | None = None) -> Any:
        """The parsed ``_includes/<name>``, or with ``folder`` (``include_relative``) the
        file ``<folder>/<name>`` of the site; raises :class:`IncludeError`."""
        where = "_includes/" if folder is None else f"{folder}/" if folder else "the site's root"
        if name.startswith("/") or "\\" in name or not _VALID_NAME.match(name) or _INVALID_SEQUENCE.search(name):
            raise IncludeError(f"include name {name!r} is not a file inside {where}; it is not read", token=None)
        stand_in = THEME_VARIABLE_INCLUDES.get(name) if folder is None else None
        if stand_in is not None and (self.includes_dir is None or not (self.includes_dir / name).is_file()):
            return self.from_string(stand_in, name=name)
        if folder is None and self.includes_dir is None:
            raise IncludeError(f"include file {name!r} not found: the site has no _includes/ folder", token=None)
        site_root = self.site_root.resolve()
        root = self.includes_dir.resolve() if folder is None else (site_root / folder).resolve()
        path = (root / name).resolve()
        if not inside(path, root) or not inside(path, site_root):  # the read guard: links followed
            raise IncludeError(f"include {name!r} leads outside {where}; it is not read", token=None)
        if self.used_file is not None:
            # even from the cache: each document that uses it depends on it (or waits for it)
            self.used_file(path)
        if not path.is_file():
            raise IncludeError(f"include file {name!r} not found in {where}", token=None)
        mtime = path.stat().st_mtime
        cached = self._include_cache.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        text = path.read_text(encoding="utf-8", errors="replace")
        template = self.from_string(text, name=name, path=str(path.relative_to(site_root)))
        self._include_cache[path] = (mtime, template)
        return template

    def add_unknown_tag(self, name: str) -> None:
        """Let ``{% name ... %}`` parse, rendering as written (reported once)."""
        self.add_tag(type(f"Unknown_{name}", (_UnknownTag,), {"name": name}))


class OutputNode(Node):
    """A node of our tags: it writes output, so an ``if`` block holding only it is
    not blank (python-liquid skips a blank block's nodes)."""

    __slots__ = ()

    def __init__(self, token: Token) -> None:
        super().__init__(token)
        self.blank = False


class _UnknownNode(OutputNode):
    __slots__ = ("text",)

    def __init__(self, token: Token, text: str) -> None:
        super().__init__(token)
        self.text = text

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        buffer.write(self.text)
        return True


class _UnknownTag(Tag):
    """A tag Jekyll's plugins may know but we do not: kept as written."""

    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, _ = _expression(stream)
        text = original_text(token)
        report = getattr(self.env, "report", None)
        if report is not None:
            if token.value in ("raw", "endraw"):
                report("{% raw %} is never closed with {% endraw %}; the tag is kept as written", token)
            else:
                report(f"unknown Liquid tag {{% {token.value} %}}; it is kept as written", token)
        return _UnknownNode(token, text)


def split_include(markup: str) -> tuple[str, str | None]:
    """``{% include %}``'s markup as (file name, parameters), as Jekyll splits it: a
    name with ``{{ }}`` runs to its last ``}}`` and what follows; parameters are None
    when there are none (then the includer's ``include`` stays visible)."""
    text = markup.strip()
    m = _VARIABLE_NAME.match(text)
    if m:
        return m["variable"].strip(), m["params"].strip()
    parts = re.split(r"\s+", text, maxsplit=1)
    name = parts[0]
    return name, (parts[1] if len(parts) > 1 else None)


def include_params(context: RenderContext, text: str, token: Token) -> dict[str, object]:
    """The parameters of an include, their variables read from ``context``."""
    params: dict[str, object] = {}
    for match in _PARAM.finditer(text):
        if match["var"] is not None:
            params[match["key"]] = _evaluate(context, match["var"], token)
        elif match["dq"] is not None:
            params[match["key"]] = match["dq"].replace('\\"', '"')
        else:
            params[match["key"]] = match["sq"].replace("\\'", "'")
    return params


class JekyllIncludeNode(OutputNode):
    __slots__ = ("name", "params", "relative")

    def __init__(self, token: Token, name: str, params: str | None, relative: bool = False) -> None:
        super().__init__(token)
        self.name = name
        self.params = params
        #: ``include_relative``: the file is next to the page, not in ``_includes/``
        self.relative = relative

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        name = _render_text(context, self.name, self.token).strip()
        params = include_params(context, self.params, self.token) if self.params is not None else None
        page = context.resolve("page", default=None)
        folder = None
        if self.relative:
            path = page.get("path", "") if hasattr(page, "get") else ""
            folder = posixpath.dirname(str(path))
        else:
            try:
                mapped = theme_include(name, params or {}, dict(page) if hasattr(page, "keys") else None)
            except ValueError as exc:
                raise IncludeError(str(exc), token=self.token) from None
            if mapped is not None:
                buffer.write(mapped)
                return True
        try:
            template = env.include_template(name, folder)
        except IncludeError as exc:
            exc.token = self.token
            raise
        if isinstance(context, BudgetedContext):
            context.spend(1, self.token)
        depth = int(context.tag_namespace.get(_DEPTH_KEY, 0))
        if depth >= MAX_INCLUDE_DEPTH:
            raise IncludeError(
                f"includes nest deeper than {MAX_INCLUDE_DEPTH} (does {name!r} include itself?)", token=self.token
            )
        context.tag_namespace[_DEPTH_KEY] = depth + 1
        try:
            with context.extend({"include": params} if params is not None else {}, template=template):
                template.render_with_context(context, buffer, partial=True)
        finally:
            context.tag_namespace[_DEPTH_KEY] = depth
        return True


class JekyllIncludeTag(Tag):
    """``{% include name.html key=value ... %}``, as Jekyll reads it."""

    name = "include"
    block = False
    #: ``include_relative`` reads beside the page instead of in ``_includes/``.
    relative = False

    def parse(self, stream: TokenStream) -> Node:
        token, expr = _expression(stream)
        if not expr.strip():
            raise LiquidSyntaxError(f"{self.name} needs a file name", token=token)
        name, params = split_include(expr)
        if params is not None and not _ALL_PARAMS.match(params):
            raise LiquidSyntaxError(
                f"invalid parameters for {self.name}: {params!r} (Jekyll's syntax: key=\"text\" key='text' key=variable)",
                token=token,
            )
        return JekyllIncludeNode(token, name, params, relative=self.relative)


class JekyllIncludeRelativeTag(JekyllIncludeTag):
    """``{% include_relative name.md %}``: a file beside the page (never above the site)."""

    name = "include_relative"
    relative = True


def _evaluate(context: RenderContext, expr: str, token: Token) -> object:
    stream = TokenStream(tokenize(expr, token))
    value = parse_primitive(context.env, stream).evaluate(context)
    return None if value.__class__.__name__.endswith("Undefined") else value


def _render_text(context: RenderContext, text: str, token: Token) -> str:
    """A tag's markup with the ``{{ }}`` in it rendered (``{% include {{ page.kind }}.html %}``)."""
    if "{{" not in text:
        return text
    buffer = context.get_buffer()
    context.env.from_string(text).render_with_context(context, buffer, partial=True)
    return buffer.getvalue()


#: Marks the options of a highlight block on its fence line; :func:`.liquid.render.take_code_options`
#: removes it after rendering and a transform applies the options, so the block
#: takes no more lines than the ``{% highlight %}`` it came from.
CODE_OPTIONS_MARK = "blogposts-code-options:"


def code_fence(language: str, code: str, linenos: bool = False, emphasize: str = "") -> str:
    """A fenced code block holding ``code`` (no trailing newline)."""
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=0)
    fence = "`" * max(3, longest + 1)
    opening = f"{fence}{language}"
    if linenos or emphasize:
        opening += f" {CODE_OPTIONS_MARK}{'linenos' if linenos else ''}:{emphasize}"
    return "\n".join([opening, code, fence])


_HIGHLIGHT = re.compile(r"^\s*(?P<lang>[\w+#.-]+)?\s*(?P<options>.*?)\s*$", re.DOTALL)
#: Jekyll's syntax of the tag: a language, then options ``name``, ``name=value`` or
#: ``name="1 2 3"``; anything else is a syntax error (the code is still shown).
HIGHLIGHT_SYNTAX = re.compile(r'\A([a-zA-Z0-9.+#_-]+)((?:\s+\w+(?:=(?:\w+|"(?:[0-9]+\s)*[0-9]+"))?)*)\Z')


def highlight_options(expr: str) -> tuple[str, bool, str]:
    """``python linenos mark_lines="1 2"`` -> (language, linenos, emphasize-lines)."""
    m = _HIGHLIGHT.match(expr)
    language = ((m and m["lang"]) or "text").lower()  # Jekyll: lexers are case insensitive
    options = (m and m["options"]) or ""
    linenos = bool(re.search(r"\blinenos\b", options))
    marks = re.search(r"""mark_lines\s*=\s*["']([\d\s]+)["']""", options)
    emphasize = ",".join(marks[1].split()) if marks else ""
    return language, linenos, emphasize


def highlight_code(text: str) -> str:
    """Jekyll drops the line breaks at the start and end of a highlight block."""
    return text.strip("\r\n")


class HighlightNode(OutputNode):
    __slots__ = ("block", "expr")

    def __init__(self, token: Token, expr: str, block: BlockNode) -> None:
        super().__init__(token)
        self.expr = expr
        self.block = block

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = context.get_buffer(buffer)
        self.block.render(context, inner)
        language, linenos, emphasize = highlight_options(self.expr)
        buffer.write(code_fence(language, highlight_code(inner.getvalue()), linenos, emphasize))
        return True


class HighlightTag(Tag):
    """``{% highlight lang [linenos] %}...{% endhighlight %}``."""

    name = "highlight"
    end = "endhighlight"

    def parse(self, stream: TokenStream) -> Node:
        token, expr = _expression(stream)
        if not HIGHLIGHT_SYNTAX.match(expr.strip()):
            raise LiquidSyntaxError(
                f"syntax error in tag 'highlight': {expr.strip()!r} "
                '(valid syntax: highlight <lang> [linenos] [mark_lines="3 4 5"])',
                token=token,
            )
        next(stream)
        block = get_parser(self.env).parse_block(stream, frozenset((self.end, TOKEN_EOF)))
        stream.expect(TOKEN_TAG, value=self.end)
        return HighlightNode(token, expr, block)


JEKYLL_TAGS: tuple[type[Tag], ...] = (
    JekyllIncludeTag,
    JekyllIncludeRelativeTag,
    HighlightTag,
)
#: ``post_url``, ``link`` and ``gist`` are in :mod:`.liquid.link_tags`.
