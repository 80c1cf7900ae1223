"""The keys of ``env.temp_data`` the stages hand each other within one document.

Sphinx empties ``temp_data`` before each document is read, so what one step
of reading leaves there is seen only by the later steps of the same
document.  Every key is declared here, with the type of its value, so any
module may read one without importing the module that writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.post_record import PostSource

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: :class:`FrontMatterHandoff` — written at ``source-read``, read by the ``post`` directive.
TEMP_KEY = "blogposts_front_matter"
#: ``True`` once a ``post`` directive ran in this document (two are an error; posts are guarded).
POST_SEEN_KEY = "blogposts_post_seen"
#: ``list[str]`` — the Markdown source lines, for the raw-HTML transform.
SOURCE_LINES_KEY = "blogposts_source_lines"
#: ``dict[int, tuple[bool, str]]`` — fence line -> (linenos, emphasize-lines) of highlight blocks.
CODE_OPTIONS_KEY = "blogposts_code_options"
#: ``dict[str, int]`` — how often each file was included (include loops are cut).
INCLUDES_KEY = "blogposts_includes"


@dataclass
class FrontMatterHandoff:
    """What ``source-read`` learned, for the ``post`` directive of the same document."""

    fields: dict[str, Any]
    key_lines: dict[str, int]
    source: PostSource
    kind: str
    #: The raw front-matter text, kept so nothing the author wrote is lost.
    raw: str = ""
    fmt: str | None = None
    #: 1-based line where an explicit excerpt separator stands, if any.
    excerpt_line: int | None = None
    #: The front matter had problems (already reported when it was read).
    had_problems: bool = False


def guarded(env: BuildEnvironment) -> bool:
    """Is the document being read content whose file access is limited?"""
    return bool(env.config.blogposts_jekyll_site or env.temp_data.get(POST_SEEN_KEY))
