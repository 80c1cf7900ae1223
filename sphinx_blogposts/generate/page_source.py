"""How a generated page's MyST source is written: escaped names, links, the
``postlist`` query, the title, month names — and the one pagination rule
(which docnames a list's pages take, the pager between them, their titles)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from babel.dates import format_skeleton

from ..core.i18n import Gettext, _, locale_of

#: Characters Python's ``str.splitlines`` (and so docutils) ends a line at.
LINE_BREAKS = "\r\n\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def md_escape(text: str) -> str:
    """Escape Markdown punctuation so names are shown as written (on one line)."""
    out = []
    for ch in str(text):
        if ch in "\\`*_{}[]<>()#+-.!|~:$&\"'=":
            out.append("\\" + ch)
        elif ch in LINE_BREAKS:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def doc_role(label: str, docname: str) -> str:
    """A MyST ``{doc}`` link labelled ``label``.

    A label the role syntax cannot carry (``<``, ``>``, a backtick) is left
    out: the link then shows the page's own title, which names it too.
    """
    if any(ch in label for ch in "<>`\\" + LINE_BREAKS) or not label.strip():
        return f"{{doc}}`/{docname}`"
    return f"{{doc}}`{label} </{docname}>`"


def postlist_options(**options: object) -> dict[str, str]:
    """A ``postlist``'s options as its directive reads them (text; empty ones left out)."""
    out: dict[str, str] = {}
    for key, value in options.items():
        if value is None or value == () or value == "":
            continue
        if isinstance(value, tuple):
            # ASCII: a name with U+2028 (a line break to docutils) stays on the option's line
            value = json.dumps(list(value), ensure_ascii=True)
        out[key.replace("_", "-")] = str(value)
    return out


def page_role(label: str, pagename: str) -> str:
    """A link labelled ``label`` to a page that is no document (a list page,
    :class:`.generate.plan.ListPage`): resolved when the page is written."""
    if any(ch in label for ch in "<>`\\" + LINE_BREAKS) or not label.strip():
        label = pagename.rsplit("/", 1)[-1]
    return f"{{blogposts-page}}`{label} </{pagename}>`"


def _postlist(**options: object) -> list[str]:
    lines = ["```{postlist}", *(f":{key}: {value}" for key, value in postlist_options(**options).items())]
    return [*lines, "```", ""]


def _page(title: str, body: list[str], orphan: bool) -> str:
    head = ["---", "orphan: true", "---", ""] if orphan else []
    return "\n".join([*head, f"# {md_escape(title)}", "", *body])


def _month_name(year: int, month: int, language: str | None, heading: bool = True) -> str:
    """The month as ``language`` writes it ("mayo de 2021"), capitalized for a heading."""
    locale = locale_of(language)
    text = format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale)
    return text[:1].upper() + text[1:] if heading else text


def page_docnames(first: str, count: int, size: int) -> list[str]:
    """The docnames of a list of ``count`` posts shown ``size`` a page: ``first``,
    then ``<folder>/page/2``... (``first`` without a trailing ``/index`` is the
    folder: ``ai/index`` -> ``ai/page/2``, ``tags/python`` -> ``tags/python/page/2``),
    as jekyll-paginate names its pages."""
    pages = max(1, math.ceil(count / max(1, size)))
    base = first.removesuffix("/index") if first.endswith("/index") else first
    return [first] + [f"{base}/page/{n}" for n in range(2, pages + 1)]


def paged_title(title: str, number: int, gettext: Gettext = _) -> str:
    """The title of page ``number`` of a list titled ``title``."""
    return title if number == 1 else gettext("%(title)s, page %(page)d") % {"title": title, "page": number}


def pager_info(docnames: list[str], number: int, gettext: Gettext = _) -> dict[str, Any]:
    """What the pager of page ``number`` of ``docnames`` shows: the pages (docnames of
    page 1, names of pages 2, 3... written by the HTML builder) and its labels."""
    return {
        "pages": list(docnames),
        "number": number,
        "previous": "\u2190 " + gettext("Previous page"),
        "next": gettext("Next page") + " \u2192",
        "status": gettext("Page %(page)d of %(pages)d") % {"page": number, "pages": len(docnames)},
    }


def pager(docnames: list[str], number: int, gettext: Gettext = _) -> list[str]:
    """The ``blogposts-pager`` directive of a list's first page (its content is JSON:
    the pager's links are resolved when the page is written)."""
    info = json.dumps(pager_info(docnames, number, gettext), ensure_ascii=True)
    return ["```{blogposts-pager}", info, "```", ""]
