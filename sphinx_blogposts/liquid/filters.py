"""Jekyll's Liquid filters, for python-liquid.

python-liquid already has the standard filters (``date``, ``escape``,
``remove``, ``split``, ``join``, ``upcase``...).  Jekyll adds its own on top;
these are the ones posts use.  Each filter is a plain function of the value
(and its arguments); the ones that need the site's address read it from the
render context's ``site`` variable, so one environment serves any site.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from liquid.filter import with_context

from ..core.dates import DateError, parse_date
from ..core.slugs import jekyll_slugify


def _site(context: Any, key: str) -> str:
    site = context.resolve("site", default=None)
    value = site.get(key) if isinstance(site, Mapping) else None
    return str(value) if isinstance(value, (str, int, float)) else ""


@with_context
def relative_url(value: object, *, context: Any) -> str:
    """``/path`` under the site's ``baseurl`` (absolute URLs are left alone)."""
    text = "" if value is None else str(value)
    if urllib.parse.urlsplit(text).scheme:
        return text
    base = _site(context, "baseurl").strip("/")
    path = "/" + text.lstrip("/")
    joined = f"/{base}{path}" if base else path
    return urllib.parse.quote(joined, safe="/#?&=%:;@+$,!~*'()[]")


@with_context
def absolute_url(value: object, *, context: Any) -> str:
    """The site's ``url`` followed by :func:`relative_url`."""
    text = "" if value is None else str(value)
    if urllib.parse.urlsplit(text).scheme:
        return text
    return _site(context, "url").rstrip("/") + relative_url(text, context=context)


def markdownify(value: object) -> str:
    """Markdown to HTML (CommonMark and tables: close to kramdown for what themes pass)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render("" if value is None else str(value))


def to_datetime(value: object) -> dt.datetime | None:
    """A Liquid value as a datetime: a date, a datetime, ``now`` or date text."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, str) and value.strip().lower() in ("now", "today"):
        return dt.datetime.now(dt.UTC)
    try:
        return parse_date(value, dt.UTC).value
    except DateError:
        return None


def _date_filter(render: Callable[[dt.datetime], str]) -> Callable[[object], object]:
    def apply(value: object, *_args: object) -> object:
        moment = to_datetime(value)
        return value if moment is None else render(moment)

    return apply


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _date_to(month: str) -> Callable[..., object]:
    """``date_to_string`` (``%b``) and ``date_to_long_string`` (``%B``), with
    Jekyll's optional ``"ordinal"`` and ``"US"`` arguments."""

    def apply(value: object, kind: str | None = None, style: str | None = None) -> object:
        moment = to_datetime(value)
        if moment is None:
            return value
        if kind == "ordinal":
            day = _ordinal(moment.day)
            if style == "US":
                return f"{moment.strftime(month)} {day}, {moment.year}"
            return f"{day} {moment.strftime(month)} {moment.year}"
        return moment.strftime(f"%d {month} %Y")

    return apply


def _xmlschema(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds") if moment.tzinfo else moment.isoformat(timespec="seconds") + "Z"


def _property(item: object, name: str) -> object:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (str, bytes)):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def where(value: object, prop: str, target: object = None) -> list[Any]:
    """Jekyll's ``where``: items whose ``prop`` equals ``target`` (as text), or is a
    list that holds it."""
    wanted = "" if target is None else str(target)
    out = []
    for item in _as_list(value):
        have = _property(item, str(prop))
        if isinstance(have, (list, tuple)):
            if wanted in (str(v) for v in have):
                out.append(item)
        elif ("" if have is None else str(have)) == wanted:
            out.append(item)
    return out


def _matching(value: object, name: str, expression: str, context: Any) -> Iterator[Any]:
    """The items for which a Liquid condition is true, with the item bound to ``name``."""
    condition = context.env.from_string("{% if " + str(expression) + " %}1{% endif %}")
    for item in _as_list(value):
        buffer = context.get_buffer()
        with context.extend({str(name): item}):
            condition.render_with_context(context, buffer, partial=True)
        if buffer.getvalue() == "1":
            yield item


@with_context
def where_exp(value: object, name: str, expression: str, *, context: Any) -> list[Any]:
    """Jekyll's ``where_exp: "post", "post.tags contains 'alpha'"``."""
    return list(_matching(value, name, expression, context))


@with_context
def find_exp(value: object, name: str, expression: str, *, context: Any) -> Any:
    """Jekyll's ``find_exp``: the first item ``where_exp`` would keep, or nil."""
    return next(_matching(value, name, expression, context), None)


def sort(value: object, prop: str | None = None, nils: str = "first") -> list[Any]:
    """Jekyll's ``sort``: by the value itself or by ``prop``; items without it go
    ``first`` (the default) or ``last``."""
    items = _as_list(value)

    def key(item: object) -> tuple[int, Any]:
        have = item if prop is None else _property(item, str(prop))
        if have is None:
            return (0 if nils != "last" else 2, "")
        if isinstance(have, (int, float)) and not isinstance(have, bool):
            return (1, (0, have, ""))
        if isinstance(have, dt.datetime):
            return (1, (1, have.timestamp(), ""))
        return (1, (2, 0, str(have)))

    return sorted(items, key=key)


def _plain(value: object) -> object:
    """Liquid values as JSON-able Python (mappings, lists, dates as text)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return _xmlschema(value) if isinstance(value, dt.datetime) else value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def jsonify(value: object) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def array_to_sentence_string(value: object, connector: str = "and") -> str:
    items = [str(v) for v in _as_list(value)]
    if len(items) <= 2:
        return f" {connector} ".join(items)
    return ", ".join(items[:-1]) + f", {connector} {items[-1]}"


def number_of_words(value: object, *_args: object) -> int:
    return len(str(value or "").split())


def xml_escape(value: object) -> str:
    from xml.sax.saxutils import escape

    return escape("" if value is None else str(value), {'"': "&quot;", "'": "&#39;"})


def group_by(value: object, prop: str) -> list[dict[str, Any]]:
    groups: dict[str, list[Any]] = {}
    for item in _as_list(value):
        have = _property(item, str(prop))
        groups.setdefault("" if have is None else str(have), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


JEKYLL_FILTERS: dict[str, Callable[..., Any]] = {
    "relative_url": relative_url,
    "absolute_url": absolute_url,
    "markdownify": markdownify,
    "slugify": jekyll_slugify,
    "date_to_string": _date_to("%b"),
    "date_to_long_string": _date_to("%B"),
    "date_to_xmlschema": _date_filter(_xmlschema),
    "date_to_rfc822": _date_filter(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S %z")),
    "where": where,
    "where_exp": where_exp,
    "find_exp": find_exp,
    "sort": sort,
    "jsonify": jsonify,
    "array_to_sentence_string": array_to_sentence_string,
    "number_of_words": number_of_words,
    "xml_escape": xml_escape,
    "cgi_escape": lambda v: urllib.parse.quote_plus("" if v is None else str(v)),
    "uri_escape": lambda v: urllib.parse.quote("" if v is None else str(v), safe="/:?#[]@!$&'()*+,;=%"),
    "normalize_whitespace": lambda v: re.sub(r"\s+", " ", "" if v is None else str(v)),
    "smartify": lambda v: "" if v is None else str(v),
    "group_by": group_by,
    "inspect": lambda v: repr(v),
}
