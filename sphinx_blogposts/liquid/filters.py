"""Jekyll's Liquid filters, for python-liquid: every filter of ``Jekyll::Filters``.

python-liquid already has the standard filters (``date``, ``escape``,
``remove``, ``split``, ``join``, ``upcase``...).  Jekyll adds its own on top and
replaces some (``where``, ``find``, ``sort``); :data:`JEKYLL_FILTERS` holds them
all, made as Jekyll's own tests define them:

* this module: text filters (``markdownify``, ``smartify``, ``slugify``,
  ``xml_escape``, ``cgi_escape``, ``normalize_whitespace``, ``number_of_words``,
  ``array_to_sentence_string``, ``jsonify``, ``inspect``, ``to_integer``,
  ``sassify``/``scssify``);
* :mod:`.liquid.url_filters`: ``relative_url``, ``absolute_url``, ``strip_index``, ``uri_escape``;
* :mod:`.liquid.date_filters`: ``date_to_string`` and the other date filters;
* :mod:`.liquid.array_filters`: ``where``, ``find``, ``sort``, ``group_by``, ``push``...

Values are compared and printed as Ruby does (:mod:`.liquid.ruby_values`).  A
filter that needs the site reads the render context (``site``, and the
environment's time zone), so one environment serves any site.  A filter
that meets what it cannot do raises; the renderer keeps the construct as
written and warns at its line.  Filters that only want to say something
(``sassify``) call the environment's ``report``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

from liquid.filter import with_context
from markdown_it import MarkdownIt

from ..core.slugs import jekyll_slugify, kramdown_slug
from .array_filters import ARRAY_FILTERS
from .date_filters import DATE_FILTERS
from .ruby_values import RUBY_SPACE, inspect, is_nil, ruby_time_text, selectable, to_integer, to_s
from .url_filters import URL_FILTERS


def _report(context: Any, message: str) -> None:
    """Say something at the line being rendered (``env.report`` is set by the renderer)."""
    report = getattr(context.env, "report", None)
    if report is not None:
        report(message, None)


def _heading_ids(md: MarkdownIt) -> MarkdownIt:
    """kramdown's ``auto_ids`` (on in Jekyll): each heading gets the id kramdown makes."""

    def add_ids(state: Any) -> None:
        tokens = state.tokens
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and index + 1 < len(tokens):
                text = "".join(t.content for t in tokens[index + 1].children or [] if t.type in ("text", "code_inline"))
                if text and token.attrGet("id") is None:
                    token.attrSet("id", kramdown_slug(text))

    md.core.ruler.push("blogposts_heading_ids", add_ids)
    return md


def _typographic_symbols(md: MarkdownIt) -> MarkdownIt:
    """kramdown's typographic symbols in text (not code): ``---``, ``--``, ``...``, ``<<``, ``>>``."""

    def replace(state: Any) -> None:
        for token in state.tokens:
            for child in token.children or []:
                if child.type == "text":
                    for plain, symbol in _SYMBOLS:
                        child.content = child.content.replace(plain, symbol)

    md.core.ruler.push("blogposts_typographic_symbols", replace)
    return md


def markdown_renderer() -> MarkdownIt:
    """The Markdown of ``markdownify``: CommonMark with tables and strikethrough (what
    MyST reads, in Jekyll's GFM input), with kramdown's smart quotes, typographic
    symbols and heading ids."""
    md = MarkdownIt("commonmark", {"typographer": True}).enable(["table", "strikethrough", "smartquotes"])
    # kramdown writes <del> for ~~text~~ (markdown-it writes <s>)
    md.add_render_rule("s_open", lambda *_: "<del>")
    md.add_render_rule("s_close", lambda *_: "</del>")
    return _heading_ids(_typographic_symbols(md))


@with_context
def markdownify(value: object, *, context: Any) -> str:
    """Markdown to HTML, as the site's Markdown (without kramdown's extensions)."""
    env = context.env
    md = getattr(env, "markdown", None)
    if md is None:
        md = markdown_renderer()
        try:
            env.markdown = md  # one parser per environment (a site), never shared between sites
        except AttributeError:
            pass
    return md.render(to_s(value))


# --- smartify: SmartyPants as kramdown runs it ---------------------------------------

_HTML_PIECE = re.compile(r"(<!--.*?-->|</?[A-Za-z][^<>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)", re.DOTALL)
_OPENING_CONTEXT = re.compile(r"(?:^|[\s(\[{\u2014\u2013-])$")
#: kramdown's typographic symbols, in its order (``<< `` keeps its space as a no-break space).
_SYMBOLS = (
    ("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"), ("<< ", "\u00ab\u00a0"), (" >>", "\u00a0\u00bb"),
    ("<<", "\u00ab"), (">>", "\u00bb"),
)  # fmt: skip


def _smart_quotes(text: str, before: str) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        if char not in "\"'":
            out.append(char)
            continue
        prior = before + "".join(out)
        opening = bool(_OPENING_CONTEXT.search(prior[-1:] if prior else ""))
        following = text[index + 1 : index + 2]
        if char == "'" and re.match(r"\d\ds", text[index + 1 : index + 4]):
            opening = False  # '80s: an apostrophe
        if opening and (not following or following.isspace()):
            opening = False
        if char == '"':
            out.append("\u201c" if opening else "\u201d")
        else:
            out.append("\u2018" if opening else "\u2019")
    return "".join(out)


def smarten(text: str) -> str:
    """Curly quotes, dashes, ellipses and guillemets in text, HTML tags kept as they
    are, entities written as characters, ``&``, ``<`` and ``>`` escaped."""
    out: list[str] = []
    shown = ""
    for piece in _HTML_PIECE.split(text):
        if not piece:
            continue
        if piece.startswith("<") and _HTML_PIECE.fullmatch(piece):
            out.append(piece)
            continue
        if piece.startswith("&") and _HTML_PIECE.fullmatch(piece):
            char = html.unescape(piece)
            out.append(html.escape(char, quote=False))
            shown += char
            continue
        for plain, symbol in _SYMBOLS:
            piece = piece.replace(plain, symbol)
        piece = _smart_quotes(piece, shown)
        shown += piece
        out.append(html.escape(piece, quote=False))
    return "".join(out)


def smartify(value: object) -> str:
    """Jekyll's ``smartify`` (kramdown's SmartyPants, characters as characters)."""
    return smarten(to_s(value))


def _no_sass(name: str) -> Callable[..., object]:
    @with_context
    def unsupported(value: object, *, context: Any) -> object:
        _report(context, f"{name}: Sass is not compiled in this build; the text is given as it is")
        return value

    unsupported.__name__ = name
    return unsupported


# --- text ------------------------------------------------------------------------------


@with_context
def slugify(value: object, mode: object = None, *, context: Any) -> object:
    """Jekyll's ``slugify`` filter (:func:`.core.slugs.jekyll_slugify`, never ``cased``)."""
    if is_nil(value):
        return None
    slug = jekyll_slugify(to_s(value), to_s(mode) or None)
    if slug == "":
        _report(context, f"slugify made an empty slug of {to_s(value)!r}")
    return slug


def xml_escape(value: object) -> str:
    """``&``, ``<``, ``>`` and ``"`` escaped (Ruby's XML attribute escaping)."""
    return html.escape(to_s(value), quote=False).replace('"', "&quot;")


def cgi_escape(value: object) -> str:
    """Ruby's ``CGI.escape``: a space is ``+``, all but ``A-Za-z0-9_.-~`` encoded."""
    return urllib.parse.quote_plus(to_s(value), safe="")


def normalize_whitespace(value: object) -> str:
    """Every run of whitespace one space, none at either end."""
    return RUBY_SPACE.sub(" ", to_s(value)).strip(" \t\r\n\f\v\0")


#: Han, Hiragana, Katakana and Hangul (Ruby's ``\p{Han}\p{Katakana}\p{Hiragana}\p{Hangul}``).
_CJK_RANGES = (
    "\u1100-\u11ff\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u302e\u302f\u3038-\u303b"
    "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u3131-\u318e\u31f0-\u31ff\u3200-\u321e"
    "\u3260-\u327e\u32d0-\u32fe\u3300-\u3357\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3"
    "\ud7b0-\ud7c6\ud7cb-\ud7fb\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f\uff71-\uff9d\uffa0-\uffbe"
    "\uffc2-\uffc7\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\U0001b000-\U0001b122\U0001f200"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebe0\U0002f800-\U0002fa1d\U00030000-\U0003134a"
)
_CJK = re.compile(f"[{_CJK_RANGES}]")
_NON_CJK_WORD = re.compile(f"[^{_CJK_RANGES} \\t\\r\\n\\f\\v]+")


def number_of_words(value: object, mode: object = None) -> int:
    """Words separated by whitespace; with ``"cjk"`` each Chinese, Japanese or Korean
    character counts as a word, and ``"auto"`` does so only when there is one."""
    text = to_s(value)
    if mode == "cjk" or mode == "auto":
        cjk = len(_CJK.findall(text))
        if mode == "cjk" or cjk:
            return cjk + len(_NON_CJK_WORD.findall(text))
    return len(RUBY_SPACE.split(text.strip(" \t\r\n\f\v"))) if text.strip(" \t\r\n\f\v") else 0


def array_to_sentence_string(value: object, connector: object = "and") -> str:
    """``a, b, and c`` (``connector`` instead of ``and``)."""
    items = selectable(value)
    items = [value] if items is None and not is_nil(value) else items or []
    words = [to_s(item) for item in items]
    joiner = to_s(connector)
    if len(words) <= 1:
        return words[0] if words else ""
    if len(words) == 2:
        return f"{words[0]} {joiner} {words[1]}"
    return ", ".join(words[:-1]) + f", {joiner} {words[-1]}"


def _plain(value: object) -> object:
    """A Liquid value as JSON-able Python, as Jekyll's ``as_liquid`` then ``to_json``
    see it (times as Ruby prints them)."""
    if is_nil(value):
        return None
    if isinstance(value, Mapping):
        return {to_s(_plain(k)) if not isinstance(k, str) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return ruby_time_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)):
        return value
    return to_s(value)


def jsonify(value: object) -> str:
    """Compact JSON (``{"a":1}``), as Ruby's ``to_json`` writes it."""
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def inspect_filter(value: object) -> str:
    """Ruby's ``inspect`` of the value, HTML-escaped."""
    return xml_escape(inspect(value))


def to_integer_filter(value: object) -> int:
    """Jekyll's ``to_integer``."""
    return to_integer(value)


JEKYLL_FILTERS: dict[str, Callable[..., Any]] = {
    **URL_FILTERS,
    **DATE_FILTERS,
    **ARRAY_FILTERS,
    "markdownify": markdownify,
    "smartify": smartify,
    "sassify": _no_sass("sassify"),
    "scssify": _no_sass("scssify"),
    "slugify": slugify,
    "xml_escape": xml_escape,
    "cgi_escape": cgi_escape,
    "normalize_whitespace": normalize_whitespace,
    "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string,
    "jsonify": jsonify,
    "inspect": inspect_filter,
    "to_integer": to_integer_filter,
}
