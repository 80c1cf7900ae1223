"""What a front-matter block holds once read, and the limits a value must keep."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..warnings import BlogWarning

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


def _too_deep() -> str:
    return f"it is nested more than {MAX_DEPTH} levels deep"


def _too_many() -> str:
    return f"its aliases repeat more than {MAX_ALIAS_VALUES} values (an alias bomb)"


def _dropped_problem(key: str, line: int, why: str) -> Problem:
    what = f"the value of {key!r}" if key else "the front matter"
    return Problem(f"{what} is left out: {why}", line)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__
