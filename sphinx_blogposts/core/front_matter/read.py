"""Split a source file into front matter and body, and load the block."""

from __future__ import annotations

import re

import frontmatter
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from .model import FrontMatter, Problem
from .toml_json import _load_json, _load_toml
from .yaml_block import _load_yaml


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
