"""TOML (``+++``) and JSON (``{``) front matter, loaded with the standard library,
with the line of every key and values nested too deep left out key by key."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from ..warnings import BlogWarning
from .model import MAX_DEPTH, FrontMatter, Problem, _dropped_problem, _too_deep

_TOML_LINE = re.compile(r"\(at line (\d+)")


#: What may hold a bracket that is not one: strings and comments of TOML, strings of JSON.
_TOML_SKIP = re.compile(
    r'''"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*|[\[\]{}]''',
    re.DOTALL,
)


_JSON_SKIP = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


#: Stands for a value left out for its depth until it is removed after parsing.
_DEEP_MARK = "\u0000blogposts-too-deep-"


def _without_deep_values(fm_text: str, tokens: re.Pattern[str], base: int) -> tuple[str, list[int]]:
    """``fm_text`` with each bracketed value nested more than :data:`MAX_DEPTH` levels
    replaced by a marker string (so no parser recurses into it), and the 1-based
    line of each replaced value.  ``base`` is the depth at which values start
    (1 in JSON, inside the top-level object; 0 in TOML)."""
    if fm_text.count("[") + fm_text.count("{") <= MAX_DEPTH:
        return fm_text, []  # too few brackets to nest that deep
    deep: list[tuple[int, int]] = []
    depth = 0
    start = deepest = 0
    for m in tokens.finditer(fm_text):
        ch = m.group(0)
        if ch in "[{":
            if depth == base:
                start, deepest = m.start(), 0
            depth += 1
            deepest = max(deepest, depth - base)
        elif ch in "]}":
            depth = max(0, depth - 1)
            if depth == base and deepest > MAX_DEPTH:
                deep.append((start, m.end()))
    if depth > base and deepest > MAX_DEPTH:
        deep.append((start, len(fm_text)))  # never closed: the parser says so
    if not deep:
        return fm_text, []
    pieces: list[str] = []
    lines: list[int] = []
    pos = 0
    for number, (begin, end) in enumerate(deep):
        lines.append(fm_text.count("\n", 0, begin) + 1)
        # the same number of line breaks, so every line after it keeps its number
        pieces += [fm_text[pos:begin], json.dumps(f"{_DEEP_MARK}{number}"), "\n" * fm_text.count("\n", begin, end)]
        pos = end
    pieces.append(fm_text[pos:])
    return "".join(pieces), lines


def _drop_deep_marks(data: dict[str, Any], lines: list[int], first_line: int, result: FrontMatter) -> None:
    """Remove the markers :func:`_without_deep_values` left, reporting each at its line."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        container, path = stack.pop()
        items = list(container.items()) if isinstance(container, dict) else list(enumerate(container))
        for key, value in reversed(items):
            where = f"{path}.{key}" if path and isinstance(container, dict) else f"{path}[{key}]" if path else str(key)
            if isinstance(value, str) and value.startswith(_DEEP_MARK):
                del container[key]
                line = lines[int(value[len(_DEEP_MARK) :])]
                result.problems.append(_dropped_problem(where, first_line + line - 1, _too_deep()))
            elif isinstance(value, (dict, list)):
                stack.append((value, where))
    result.problems.sort(key=lambda p: p.line)


def _drop_deep_keys(result: FrontMatter) -> None:
    """Leave out the top-level values nested more than :data:`MAX_DEPTH` levels
    that no bracket shows (TOML's ``a.b.c... = 1`` and ``[a.b.c...]``)."""
    for key, value in list(result.data.items()):
        if _depth_exceeds(value, MAX_DEPTH):
            del result.data[key]
            line = result.key_lines.pop(key, None) or _table_line(result.text, key)
            result.problems.append(_dropped_problem(key, line, _too_deep()))


def _table_line(fm_text: str, key: str) -> int:
    """The line of the first TOML table header under ``key`` (``[key.x]``), else 1."""
    for number, line in enumerate(fm_text.splitlines(), 1):
        if line.lstrip("[ \t").startswith(key):
            return number
    return 1


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests lists and mappings more than ``limit`` levels (iteratively)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _load_toml(fm_text: str, first_line: int, result: FrontMatter) -> None:
    # tomllib recurses once per level of nested arrays: never give it a deep one
    fm_text, deep_lines = _without_deep_values(fm_text, _TOML_SKIP, 0)
    try:
        data = _drop_marks_after(tomllib.loads, fm_text, deep_lines, first_line, result)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        line = first_line + (int(m.group(1)) - 1 if m else 0)
        kept = _salvage_toml(fm_text, first_line, result)
        keep = f"; kept the keys that could be read: {', '.join(kept)}" if kept else ""
        result.problems.append(Problem(f"invalid TOML front matter: {exc}{keep}", line))
        return
    except RecursionError:  # a nesting no bracket count shows
        kept = _salvage_toml(fm_text, first_line, result)
        keep = f"; kept the keys that could be read: {', '.join(kept)}" if kept else ""
        result.problems.append(Problem(f"invalid TOML front matter: nested too deeply{keep}", first_line))
        return
    result.data = data
    result.key_lines = _toml_key_lines(fm_text, first_line)
    _drop_deep_keys(result)


def _drop_marks_after(load: Any, text: str, deep_lines: list[int], first_line: int, result: FrontMatter) -> Any:
    """``load(text)``, with the markers of left-out deep values removed and reported."""
    data = load(text)
    if deep_lines and isinstance(data, (dict, list)):
        _drop_deep_marks(data if isinstance(data, dict) else {"": data}, deep_lines, first_line, result)
    return data


def _salvage_toml(fm_text: str, first_line: int, result: FrontMatter) -> list[str]:
    """Load each top-level one-line ``key = value`` on its own; keep those that parse."""
    kept: list[str] = []
    for i, line in enumerate(fm_text.splitlines()):
        if line.lstrip().startswith("["):
            break
        try:
            data = tomllib.loads(line)
        except (tomllib.TOMLDecodeError, RecursionError):
            continue
        if any(isinstance(v, str) and v.startswith(_DEEP_MARK) for v in data.values()):
            continue  # reported with its line already
        for key, value in data.items():
            if key not in result.data:
                result.data[key] = value
                result.key_lines[key] = first_line + i
                kept.append(key)
    return kept


def _toml_key_lines(fm_text: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for i, line in enumerate(fm_text.splitlines()):
        if line.startswith("["):
            break  # keys after a table header belong to that table
        key = line.split("=", 1)[0].strip()
        # a dotted key (a.b = 1) sets the top-level key a
        key = key.split(".", 1)[0].strip() if key[:1] not in ("'", '"') else key.strip("\"'")
        if "=" in line and key and not key.startswith("#"):
            lines.setdefault(key, first_line + i)
    return lines


def _load_json(fm_text: str, result: FrontMatter) -> None:
    # the JSON decoder recurses once per level: never give it a deep value
    fm_text, deep_lines = _without_deep_values(fm_text, _JSON_SKIP, 1)
    try:
        data = json.loads(fm_text, object_pairs_hook=_json_pairs(result))
    except json.JSONDecodeError as exc:
        result.problems.append(Problem(f"invalid JSON front matter: {exc.msg}", exc.lineno))
        return
    except RecursionError:
        result.problems.append(Problem("invalid JSON front matter: nested too deeply", 1))
        return
    if not isinstance(data, dict):
        result.problems.append(Problem("JSON front matter is not an object; it is ignored", 1))
        return
    if deep_lines:
        _drop_deep_marks(data, deep_lines, 1, result)
    result.data = data
    result.key_lines = _json_key_lines(fm_text)


def _json_key_lines(fm_text: str) -> dict[str, int]:
    """Lines of the top-level keys, found with the JSON scanner itself."""
    lines: dict[str, int] = {}
    decoder = json.JSONDecoder()
    depth = 0
    i = 0
    line = 1
    while i < len(fm_text):
        ch = fm_text[i]
        if ch == "\n":
            line += 1
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        elif ch == '"':
            value, end = decoder.raw_decode(fm_text, i)
            rest = fm_text[end:].lstrip(" \t")
            if depth == 1 and rest.startswith(":"):
                lines.setdefault(value, line)
            line += fm_text.count("\n", i, end)
            i = end
            continue
        i += 1
    return lines


def _json_pairs(result: FrontMatter):  # noqa: ANN202 - a json hook
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                result.problems.append(
                    Problem(
                        f"front matter key {key!r} appears more than once; "
                        "the last value is used",
                        1,
                        BlogWarning.DUPLICATE_KEY,
                    )
                )
            out[key] = value
        return out

    return hook
