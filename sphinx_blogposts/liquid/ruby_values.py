"""Liquid values as Ruby sees them, for Jekyll's filters.

Jekyll's filters compare and print values with Ruby's ``to_s``, ``inspect``,
``to_i`` and ``<=>``, which differ from Python's (``true`` is ``"true"``, not
``"True"``; ``nil`` is ``""``; ``"12abc".to_i`` is 12).  Each of those is one
function here, used by every filter.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from liquid import Undefined

#: Ruby's ``\s``: ASCII whitespace only.
RUBY_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_LEADING_INT = re.compile(r"\A[ \t\r\n\f\v]*([+-]?\d+(?:_\d+)*)")


def is_nil(value: object) -> bool:
    """``nil``: None or an undefined variable."""
    return value is None or isinstance(value, Undefined)


def nil_to_none(value: object) -> object:
    """An undefined variable as None, anything else as it is."""
    return None if isinstance(value, Undefined) else value


def _float_text(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e16:
        return f"{value:.1f}"
    return repr(value)


def ruby_time_text(value: dt.datetime) -> str:
    """A Time as Ruby prints it: ``2013-03-27 11:22:33 +0000``."""
    offset = value.strftime("%z") if value.tzinfo is not None else ""
    return value.strftime("%Y-%m-%d %H:%M:%S") + (f" {offset}" if offset else "")


def to_s(value: object) -> str:
    """Ruby's ``to_s`` of a Liquid value (``nil`` -> ``""``, ``true`` -> ``"true"``)."""
    if is_nil(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return ruby_time_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, Mapping)):
        return inspect(value)
    return str(value)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}


def _inspect_text(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\x{ord(char):02X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def inspect(value: object) -> str:
    """Ruby's ``inspect`` (hashes as ``{"a"=>1}``, as Ruby before 3.4 writes them)."""
    if is_nil(value):
        return "nil"
    if isinstance(value, str):
        return _inspect_text(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{inspect(k)}=>{inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(v) for v in value) + "]"
    if isinstance(value, dt.datetime):
        return ruby_time_text(value)
    if isinstance(value, dt.date):
        return f"#<Date: {value.isoformat()}>"
    return to_s(value)


def to_integer(value: object) -> int:
    """Jekyll's ``to_integer``: ``true`` 1, ``false`` 0, ``nil`` 0, numbers truncated,
    text read as Ruby's ``to_i`` does (the leading integer, else 0)."""
    if value is True:
        return 1
    if value is False or is_nil(value):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return 0 if math.isnan(value) or math.isinf(value) else math.trunc(value)
    if isinstance(value, str):
        m = _LEADING_INT.match(value)
        return int(m[1].replace("_", "")) if m else 0
    if isinstance(value, dt.datetime):
        return int(value.timestamp())
    raise TypeError(f"undefined method 'to_i' for {inspect(value)}")


def liquid_integer(value: object) -> int:
    """``Liquid::Utils.to_integer``: an integer or integer text, else an error."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_s(value).strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise ValueError("invalid integer")


def as_array(value: object) -> list[Any]:
    """Ruby's ``Array(value)``: nil is ``[]``, a hash its ``[key, value]`` pairs, an
    array itself, anything else a one-item array."""
    if is_nil(value):
        return []
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def selectable(value: object) -> list[Any] | None:
    """The items a Jekyll array filter runs over (a hash's values), or None when
    Ruby's value has no ``select`` (text, numbers, nil): the filter returns it."""
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return list(value)
    return None


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compare(a: object, b: object) -> int | None:
    """Ruby's ``a <=> b``: -1, 0 or 1, or None when the two cannot be compared."""
    try:
        if _number(a) and _number(b):
            return (a > b) - (a < b)  # type: ignore[operator]
        if isinstance(a, str) and isinstance(b, str):
            return (a > b) - (a < b)
        if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
            return (a > b) - (a < b)
        if isinstance(a, dt.date) and isinstance(b, dt.date) and not isinstance(a, dt.datetime):
            if not isinstance(b, dt.datetime):
                return (a > b) - (a < b)
        if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
            for x, y in zip(a, b):
                found = compare(x, y)
                if found != 0:
                    return found
            return (len(a) > len(b)) - (len(a) < len(b))
    except TypeError:
        return None
    return 0 if a == b else None
