"""jemoji: ``:emoji:`` shortcodes become emoji characters, where the site lists jemoji.

jemoji (allowed on GitHub Pages, not on by default) replaces GitHub's shortcodes
(``:+1:``, ``:smile:``, ``:tada:``) in the text of pages and posts.  Here each
known name becomes its Unicode character; an unknown name (``:octocat:``, one of
GitHub's own images, or ``10:30:00``) stays as written.  The names are GitHub's
gemoji list (``gemoji.json``, made by ``tools/gemoji_names.py``).

Why a markdown-it inline rule and not a docutils transform: the parser already
knows what is text, so code spans, code blocks, raw HTML, link addresses and
autolinks are never touched, and the character is in the doctree for every
builder (titles, excerpts, feeds and the search index included).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ..store.settings import site_of
from .feature import Feature

#: GitHub's gemoji names, ``alias -> character`` (a data file of facts).
NAMES_FILE = Path(__file__).with_name("gemoji.json")
#: A shortcode: GitHub's names are letters, digits, ``_``, ``+`` and ``-``.
SHORTCODE = re.compile(r":([a-z0-9_+\-]+):", re.IGNORECASE)
#: Where the render env remembers whether jemoji is on for the document.
_ON_KEY = "blogposts_jemoji"


@functools.cache
def emoji_names() -> dict[str, str]:
    """GitHub's shortcode names and their characters (read once per process)."""
    try:
        data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def emoji_for(name: str) -> str | None:
    """The character of the shortcode ``name`` (without colons), or ``None``."""
    return emoji_names().get(name)


def _jemoji_on(state: StateInline) -> bool:
    env = state.env if isinstance(state.env, dict) else {}
    if _ON_KEY not in env:
        document = state.md.options.get("document")
        build_env = getattr(getattr(document, "settings", None), "env", None)
        env[_ON_KEY] = bool(build_env is not None and site_of(build_env).github.jemoji)
    return bool(env.get(_ON_KEY))


def shortcode_rule(state: StateInline, silent: bool) -> bool:
    """``:name:`` of a known emoji, in text, becomes the emoji's character."""
    if state.src[state.pos] != ":":
        return False
    found = SHORTCODE.match(state.src, state.pos)
    if found is None:
        return False
    char = emoji_for(found.group(1))
    if char is None or not _jemoji_on(state):
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = char
    state.pos = found.end()
    return True


def emoji_plugin(md: MarkdownIt) -> None:
    """The shortcode rule, after markdown-it's own inline rules (code spans, links,
    autolinks and raw HTML have taken what is theirs at a ``:``)."""
    md.inline.ruler.push("jemoji", shortcode_rule)


EMOJI = Feature("jemoji", emoji_plugin, {})
