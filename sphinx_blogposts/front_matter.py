"""Read a source file's front matter losslessly.

python-frontmatter detects the format (YAML ``---``, TOML ``+++``, JSON ``{``)
and splits the block from the body; we load the block ourselves so that a bad
value costs one key, not the whole mapping, and so that every problem has a
line number:

* YAML dates that do not exist (``2020-02-31``) stay strings instead of
  failing the whole document (PyYAML raises ``ValueError`` there);
* duplicate keys are reported (YAML keeps the last one silently);
* invalid YAML keeps every top-level key that still parses on its own;
* the raw text of the block is kept, so nothing the author wrote is lost;
* a value nested more than :data:`MAX_DEPTH` levels deep, a YAML alias that
  contains itself, and aliases that expand to more than
  :data:`MAX_ALIAS_VALUES` values (a "billion laughs") are left out, key by
  key, with a warning: such values would exhaust the stack or the memory of
  whatever copies, pickles or prints them later.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from .warnings import BlogWarning

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: How deep a front-matter value may nest lists and mappings (``a: [[[...]]]``
#: is 3).  Real front matter stays below 10; Sphinx pickles the environment
#: recursively, so this keeps far below Python's recursion limit.
MAX_DEPTH = 50
#: How many values YAML aliases may add to one front matter by repeating what
#: an anchor holds (``*x`` counts every value under ``&x`` again).
MAX_ALIAS_VALUES = 100_000


@dataclass
class Problem:
    """Something wrong in a front-matter block; ``line`` is 1-based in the file."""

    message: str
    line: int
    subtype: BlogWarning = BlogWarning.FRONT_MATTER


@dataclass
class FrontMatter:
    """The front matter of one source file, and where its body starts."""

    data: dict[str, Any] = field(default_factory=dict)
    #: ``"yaml"``, ``"toml"``, ``"json"``, or ``None`` when the file has none.
    format: str | None = None
    #: The raw text between the delimiters.
    text: str = ""
    #: The text after the closing delimiter: an exact suffix of the file.
    body: str = ""
    #: How many line breaks the block (delimiters included) takes up.
    block_lines: int = 0
    #: 1-based line in the file of each top-level key.
    key_lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return self.format is not None

    def line_of(self, key: str) -> int:
        """The line of ``key`` in the file, or of the block's first line."""
        return self.key_lines.get(key, 1)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader that reports duplicate keys and tolerates bad dates."""

    duplicates: list[tuple[str, int]]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicates.append((key_node.value, key_node.start_mark.line))
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            # 2020-02-31 matches YAML's timestamp pattern but is no date:
            # keep the text, the date parser will say what is wrong with it.
            return self.construct_scalar(node)


    def compose_node(self, parent: Any, index: Any) -> Any:
        # only the pure-Python composer comes here; it recurses once per level
        # (libyaml stops at 1000 levels with a ScannerError by itself)
        self._compose_depth = getattr(self, "_compose_depth", 0) + 1
        try:
            if self._compose_depth > MAX_DEPTH + 2:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self._compose_depth -= 1


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


class _TOMLHandler(BaseHandler):
    """TOML front matter between ``+++`` lines (python-frontmatter's own
    handler needs the third-party ``toml`` package; we read it with tomllib)."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"


_HANDLERS: dict[str, BaseHandler] = {
    "yaml": YAMLHandler(),
    "toml": _TOMLHandler(),
    "json": JSONHandler(),
}

_TOML_LINE = re.compile(r"\(at line (\d+)")


def read_front_matter(text: str) -> FrontMatter:
    """Split ``text`` into front matter and body and load the front matter.

    Never raises: problems are returned in :attr:`FrontMatter.problems`.
    """
    handler = frontmatter.detect_format(text, _HANDLERS.values())
    if handler is None:
        return FrontMatter(body=text)
    fmt = next(name for name, h in _HANDLERS.items() if h is handler)
    try:
        fm_text, body = handler.split(text)
    except ValueError:
        # An opening delimiter with no closing one: not front matter at all.
        return FrontMatter(
            body=text,
            problems=[
                Problem(
                    f"the file starts with {text.splitlines()[0].strip()!r} but the "
                    "front matter is never closed; it is read as ordinary text",
                    1,
                )
            ],
        )
    block = text[: len(text) - len(body)]
    result = FrontMatter(format=fmt, text=fm_text, body=body, block_lines=block.count("\n"))
    # The split keeps the rest of the opening delimiter's line (its line
    # break) at the start of the block's text, so its line 0 is file line 1.
    first_line = 1
    if fmt == "yaml":
        _load_yaml(fm_text, first_line, result)
    elif fmt == "toml":
        _load_toml(fm_text, first_line, result)
    else:
        _load_json(fm_text, result)
    return result


def _load_yaml(fm_text: str, first_line: int, result: FrontMatter) -> None:
    if not fm_text.strip():
        return
    dropped: list[tuple[str, int, str]] = []
    try:
        data, key_lines, duplicates = _yaml_mapping(fm_text, dropped)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        salvaged = _salvage_yaml(fm_text, first_line, result)
        keep = f"; kept the keys that could be read: {', '.join(salvaged)}" if salvaged else ""
        result.problems.append(Problem(f"invalid YAML front matter: {problem}{keep}", line))
        return
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. unhashable keys
        result.problems.append(Problem(f"invalid YAML front matter: {exc}", first_line))
        return
    for key, ln, why in dropped:
        result.problems.append(_dropped_problem(key, first_line + ln, why))
    if data is None:
        return  # empty, or unsafe as a whole (reported above)
    if not isinstance(data, dict):
        result.problems.append(
            Problem(
                f"front matter is a {_kind(data)}, not a mapping of keys to values; "
                "it is ignored",
                first_line,
            )
        )
        return
    result.data = data
    result.key_lines = {k: first_line + ln for k, ln in key_lines.items()}
    for key, ln in duplicates:
        result.problems.append(
            Problem(
                f"front matter key {key!r} appears more than once; the last value is used",
                first_line + ln,
                BlogWarning.DUPLICATE_KEY,
            )
        )


def _yaml_mapping(
    fm_text: str, dropped: list[tuple[str, int, str]] | None = None
) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    """Load YAML; return the data, the 0-based line of each top-level key, and duplicates.

    Top-level keys whose value is unsafe (see :func:`_unsafe_yaml`) are not
    constructed; they are appended to ``dropped`` as (key, 0-based line, why).
    """
    loader = _Loader(fm_text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        node = _safe_yaml_node(node, dropped if dropped is not None else [])
        if node is None:
            return None, {}, loader.duplicates  # the whole document is unsafe
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_lines.setdefault(str(key_node.value), key_node.start_mark.line)
    if isinstance(data, dict):
        # YAML allows non-string keys (1: x, true: y); front matter keys are names.
        data = {str(k) if not isinstance(k, str) else k: v for k, v in data.items()}
    return data, key_lines, loader.duplicates


def _safe_yaml_node(node: yaml.Node, dropped: list[tuple[str, int, str]]) -> yaml.Node | None:
    """``node`` without the top-level values that are unsafe to construct.

    Returns ``None`` when the whole document (not a mapping) is unsafe.
    """
    budget = [MAX_ALIAS_VALUES]
    seen: dict[int, Any] = {}
    if not isinstance(node, yaml.MappingNode):
        why = _unsafe_yaml(node, seen, budget)
        if why:
            dropped.append(("", node.start_mark.line, why))
            return None
        return node
    kept = []
    for key_node, value_node in node.value:
        why = _unsafe_yaml(key_node, seen, budget) or _unsafe_yaml(value_node, seen, budget)
        if why:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            dropped.append((name, key_node.start_mark.line, why))
        else:
            kept.append((key_node, value_node))
    if len(kept) == len(node.value):
        return node
    return yaml.MappingNode(node.tag, kept, node.start_mark, node.end_mark, flow_style=node.flow_style)


#: States of a YAML node during :func:`_unsafe_yaml`'s walk.
_OPEN, _BAD = "open", "bad"


def _unsafe_yaml(top: yaml.Node, seen: dict[int, Any], budget: list[int]) -> str | None:
    """Why the value ``top`` must not be constructed, or ``None`` when it is safe.

    One iterative walk of the node graph (aliases are the same node object):
    a node met while it is still open contains itself; nesting deeper than
    :data:`MAX_DEPTH` stops the walk; a node met again (an alias) adds all the
    values under it to ``budget``'s count, which is shared by the document.
    ``seen`` maps a finished node to ``(depth, values)``, or to :data:`_BAD`.
    """
    if isinstance(top, yaml.ScalarNode):
        return None
    if id(top) in seen:
        state = seen[id(top)]
        if state is _BAD or state is _OPEN:
            return "it refers to a value that is left out"
        budget[0] -= state[1]
        return None if budget[0] >= 0 else _too_many()
    spent = 0
    # frames: [node, children iterator, values so far, deepest child]
    stack: list[list[Any]] = [[top, _yaml_children(top), 1, 0]]
    seen[id(top)] = _OPEN
    why: str | None = None
    while stack:
        frame = stack[-1]
        child = next(frame[1], None)
        if child is None:
            stack.pop()
            depth, values = frame[3] + 1, frame[2]
            seen[id(frame[0])] = (depth, values)
            if stack:
                parent = stack[-1]
                parent[2] = min(parent[2] + values, 10**12)
                parent[3] = max(parent[3], depth)
            continue
        if isinstance(child, yaml.ScalarNode):
            frame[2] += 1
            continue
        state = seen.get(id(child))
        if state is _OPEN:
            why = "it contains itself (an alias inside its own anchor)"
        elif state is _BAD:
            why = "it refers to a value that is left out"
        elif state is not None:  # an alias of a finished value: all of it again
            spent += state[1]
            if spent > budget[0]:
                why = _too_many()
            else:
                frame[2] = min(frame[2] + state[1], 10**12)
                frame[3] = max(frame[3], state[0])
                if len(stack) + state[0] > MAX_DEPTH:
                    why = _too_deep()
            if why is None:
                continue
        elif len(stack) >= MAX_DEPTH:
            why = _too_deep()
        if why is not None:
            for frame in stack:
                seen[id(frame[0])] = _BAD
            return why
        seen[id(child)] = _OPEN
        stack.append([child, _yaml_children(child), 1, 0])
    budget[0] -= spent
    return None


def _yaml_children(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return (part for pair in node.value for part in pair)
    if isinstance(node, yaml.SequenceNode):
        return iter(node.value)
    return iter(())


def _too_deep() -> str:
    return f"it is nested more than {MAX_DEPTH} levels deep"


def _too_many() -> str:
    return f"its aliases repeat more than {MAX_ALIAS_VALUES} values (an alias bomb)"


def _dropped_problem(key: str, line: int, why: str) -> Problem:
    what = f"the value of {key!r}" if key else "the front matter"
    return Problem(f"{what} is left out: {why}", line)


def _salvage_yaml(fm_text: str, first_line: int, result: FrontMatter) -> list[str]:
    """Load each top-level ``key: value`` chunk on its own; keep those that parse."""
    chunks: list[tuple[int, list[str]]] = []
    for i, line in enumerate(fm_text.splitlines()):
        starts_key = line[:1] not in ("", " ", "\t", "#", "-") and ":" in line
        if starts_key or not chunks:
            chunks.append((i, [line]))
        else:
            chunks[-1][1].append(line)
    kept: list[str] = []
    for start, lines in chunks:
        dropped: list[tuple[str, int, str]] = []
        try:
            data, key_lines, _ = _yaml_mapping("\n".join(lines), dropped)
        except (yaml.YAMLError, ValueError, TypeError, RecursionError):
            continue
        for key, ln, why in dropped:
            result.problems.append(_dropped_problem(key, first_line + start + ln, why))
        if isinstance(data, dict):
            for key, value in data.items():
                if key not in result.data:
                    result.data[key] = value
                    result.key_lines[key] = first_line + start + key_lines.get(key, 0)
                    kept.append(key)
    return kept


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


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__
