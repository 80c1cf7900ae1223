"""Read a source file's front matter losslessly.

python-frontmatter detects the format (YAML ``---``, TOML ``+++``, JSON ``{``)
and splits the block from the body; we load the block ourselves so that a bad
value costs one key, not the whole mapping, and so that every problem has a
line number:

* YAML dates that do not exist (``2020-02-31``) stay strings instead of
  failing the whole document (PyYAML raises ``ValueError`` there);
* duplicate keys are reported (YAML keeps the last one silently);
* invalid YAML keeps every top-level key that still parses on its own;
* the raw text of the block is kept, so nothing the author wrote is lost.
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
    try:
        data, key_lines, duplicates = _yaml_mapping(fm_text)
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
    if data is None:
        return
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


def _yaml_mapping(fm_text: str) -> tuple[Any, dict[str, int], list[tuple[str, int]]]:
    """Load YAML; return the data, the 0-based line of each top-level key, and duplicates."""
    loader = _Loader(fm_text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
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
        try:
            data, key_lines, _ = _yaml_mapping("\n".join(lines))
        except (yaml.YAMLError, ValueError, TypeError, RecursionError):
            continue
        if isinstance(data, dict):
            for key, value in data.items():
                if key not in result.data:
                    result.data[key] = value
                    result.key_lines[key] = first_line + start + key_lines.get(key, 0)
                    kept.append(key)
    return kept


def _load_toml(fm_text: str, first_line: int, result: FrontMatter) -> None:
    try:
        data = tomllib.loads(fm_text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        line = first_line + (int(m.group(1)) - 1 if m else 0)
        kept = _salvage_toml(fm_text, first_line, result)
        keep = f"; kept the keys that could be read: {', '.join(kept)}" if kept else ""
        result.problems.append(Problem(f"invalid TOML front matter: {exc}{keep}", line))
        return
    result.data = data
    result.key_lines = _toml_key_lines(fm_text, first_line)


def _salvage_toml(fm_text: str, first_line: int, result: FrontMatter) -> list[str]:
    """Load each top-level one-line ``key = value`` on its own; keep those that parse."""
    kept: list[str] = []
    for i, line in enumerate(fm_text.splitlines()):
        if line.lstrip().startswith("["):
            break
        try:
            data = tomllib.loads(line)
        except tomllib.TOMLDecodeError:
            continue
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
        key = line.split("=", 1)[0].strip().strip("\"'")
        if "=" in line and key and not key.startswith("#"):
            lines.setdefault(key, first_line + i)
    return lines


def _load_json(fm_text: str, result: FrontMatter) -> None:
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
