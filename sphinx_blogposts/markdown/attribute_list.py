"""kramdown's attribute lists, as pure rules: parse, resolve references, sanitize.

An attribute list is the inside of ``{: ...}`` (an IAL) or of ``{:name: ...}``
(an ALD, a named list other lists refer to).  Its parts are ``.class``,
``#id``, ``key="value"`` (or ``'value'``; a bare ``key=value`` is accepted
too, as real posts write it) and reference names.  Classes add up in the
order written; a later id or key wins; references are expanded first, so the
list's own parts win over what it refers to (kramdown's rule, its test
``block/11_ial/simple``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..html.fragments import unsafe_attribute

_PART = re.compile(
    r"""\s*(?:
        \.(?P<cls>-?[A-Za-z_][\w-]*)
      | \#(?P<id>[A-Za-z][\w:-]*)
      | (?P<key>[A-Za-z_][\w:.-]*)=(?:"(?P<dq>(?:\\.|[^"\\])*)"|'(?P<sq>(?:\\.|[^'\\])*)'|(?P<bare>[^\s"'}]+))
    )(?=[\s.#]|$)
    | \s*(?P<ref>[\w][\w-]*)(?=\s|$)""",
    re.VERBOSE,
)
#: ``{: ...}`` (IAL) or ``{:name: ...}`` (ALD) as a whole line; ``{::`` is an extension.
BLOCK_LINE = re.compile(r"^ {0,3}\{:(?![:/])(?:(?P<ald>[\w][\w-]*):)?(?P<body>(?:\\.|[^\\}])*)\}\s*$")
#: The longest ``{: ...}`` at the start of a text (a span IAL).
SPAN = re.compile(r"\{:(?![:/])(?P<body>(?:\\.|[^\\}\n])*)\}")

#: How many references deep a list may refer (kramdown has no loops either).
MAX_DEPTH = 10


@dataclass
class AttributeList:
    """The parts of one attribute list, in the order they were written."""

    classes: list[str] = field(default_factory=list)
    id: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)
    #: the parts that are none of the above (reported, then ignored)
    invalid: list[str] = field(default_factory=list)

    def merge(self, other: AttributeList) -> None:
        """Add ``other``'s parts after these (its id and keys win)."""
        self.classes.extend(c for c in other.classes if c not in self.classes)
        if other.id:
            self.id = other.id
        self.attrs.update(other.attrs)
        self.refs.extend(other.refs)
        self.invalid.extend(other.invalid)

    def is_empty(self) -> bool:
        return not (self.classes or self.id or self.attrs or self.refs)


def parse_attribute_list(text: str) -> AttributeList:
    """The parts of ``text`` (the inside of ``{: ...}``)."""
    out = AttributeList()
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        match = _PART.match(text, pos)
        if match is None:
            end = pos
            while end < len(text) and not text[end].isspace():
                end += 1
            out.invalid.append(text[pos:end])
            pos = end
            continue
        pos = match.end()
        if match["cls"]:
            if match["cls"] not in out.classes:
                out.classes.append(match["cls"])
        elif match["id"]:
            out.id = match["id"]
        elif match["key"]:
            raw = match["dq"] if match["dq"] is not None else match["sq"] if match["sq"] is not None else match["bare"]
            value = re.sub(r"\\(.)", r"\1", raw or "")
            if match["key"] == "class":
                out.classes.extend(c for c in value.split() if c not in out.classes)
            elif match["key"] == "id":
                out.id = value or out.id
            else:
                out.attrs[match["key"]] = value
        else:
            out.refs.append(match["ref"])
    return out


def resolve(ial: AttributeList, alds: Mapping[str, AttributeList], depth: int = 0) -> AttributeList:
    """``ial`` with its references expanded (depth first), its own parts last.

    A reference to no ALD is kept in ``refs`` (``toc`` names the table of
    contents; others are ignored, as kramdown does).
    """
    out = AttributeList()
    for ref in ial.refs:
        if ref in alds and depth < MAX_DEPTH:
            out.merge(resolve(alds[ref], alds, depth + 1))
        elif ref not in out.refs:
            out.refs.append(ref)
    own = AttributeList(list(ial.classes), ial.id, dict(ial.attrs), [], list(ial.invalid))
    out.merge(own)
    return out


def safe_attributes(tag: str, attrs: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The attributes that may be written on ``tag``, and why each other one was not.

    Event handlers, ``javascript:`` addresses and scripted styles are
    refused by the same rule as raw HTML (:func:`.html.fragments.unsafe_attribute`).
    """
    kept: dict[str, str] = {}
    refused: list[str] = []
    for name, value in attrs.items():
        lowered = name.lower()
        why = unsafe_attribute(tag, lowered, value)
        if why is None:
            kept[lowered] = value
        else:
            refused.append(f"{name} ({why})")
    return kept, refused


def toc_levels(value: object) -> tuple[int, ...]:
    """kramdown's ``toc_levels``: ``"2..3"``, ``"1,2,3"``, ``[2, 3]`` or ``3`` as heading levels.

    Anything else is every level (kramdown's default ``1..6``).
    """
    levels: set[int] = set()
    if isinstance(value, int) and not isinstance(value, bool):
        levels = {value}
    elif isinstance(value, (list, tuple)):
        levels = {v for v in value if isinstance(v, int) and not isinstance(v, bool)}
    elif isinstance(value, str):
        text = value.strip()
        bounds = re.fullmatch(r"(\d)\s*\.\.\s*(\d)", text)
        if bounds:
            levels = set(range(int(bounds[1]), int(bounds[2]) + 1))
        else:
            levels = {int(p) for p in re.split(r"[,\s]+", text) if p.isdigit()}
    levels = {v for v in levels if 1 <= v <= 6}
    return tuple(sorted(levels)) or (1, 2, 3, 4, 5, 6)
