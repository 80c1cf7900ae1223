"""YAML front matter (``---``), loaded with PyYAML's safe loader: duplicate keys
reported, impossible dates kept as text, a bad block salvaged key by key, and
values nested too deep or aliases that blow up left out."""

from __future__ import annotations

from typing import Any

import yaml

from ..warnings import BlogWarning
from .model import (
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    FrontMatter,
    Problem,
    _dropped_problem,
    _kind,
    _too_deep,
    _too_many,
)

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
_OPEN = "open"
_BAD = "bad"


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


