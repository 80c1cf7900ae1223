"""What a Ruby plugin of ``_plugins/`` did in Jekyll, read from its text: the build
cannot run Ruby, so ``init``/``check`` name each plugin and what it made (generators,
Liquid tags and filters, generated pages) for the author to replace.  Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GENERATOR = re.compile(r"^\s*class\s+([\w:]+)\s*<\s*(?:::)?(?:Jekyll::)?Generator\b", re.MULTILINE)
_PAGE_CLASS = re.compile(
    r"^\s*class\s+([\w:]+)\s*<\s*(?:::)?(?:Jekyll::)?(PageWithoutAFile|Page)\b", re.MULTILINE
)
_NEW_PAGE = re.compile(r"\b(?:Jekyll::)?PageWithoutAFile\.new\b")
_TAG = re.compile(r"Liquid::Template\.register_tag\(\s*['\"]([^'\"]+)['\"]")
_FILTER = re.compile(r"Liquid::Template\.register_filter\(\s*([\w:]+)\s*\)")
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)
_BLOCK_START = re.compile(r"^\s*(?:module|class)\s+([\w:]+)", re.MULTILINE)
_DEF = re.compile(r"^\s*def\s+(?:self\.)?(\w+[?!]?)", re.MULTILINE)


@dataclass(frozen=True)
class PluginFacts:
    """What one plugin file defines."""

    generators: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
    #: Classes of generated pages (``Jekyll::Page``/``PageWithoutAFile`` subclasses).
    page_classes: tuple[str, ...] = ()
    #: The plugin makes pages without a file (``PageWithoutAFile.new``).
    pages_without_file: bool = False

    def describe(self) -> str:
        """``generator ArchiveGenerator; Liquid filter TextFilters; pages of ArchivePage``."""
        said: list[str] = []
        if self.generators:
            said.append("generator " + ", ".join(self.generators))
        if self.page_classes:
            said.append("generated pages (" + ", ".join(self.page_classes) + ")")
        elif self.pages_without_file:
            said.append("generated pages (PageWithoutAFile)")
        if self.tags:
            said.append("Liquid tag(s) " + ", ".join("{% " + t + " %}" for t in self.tags))
        if self.filters:
            said.append("Liquid filter(s) " + ", ".join(self.filters))
        return "; ".join(said) or "nothing recognised (no generator, tag, filter or page)"


def scan_plugin(text: str) -> PluginFacts:
    """The generators, tags, filters and generated pages a plugin's Ruby defines
    (comments left out)."""
    code = _COMMENT.sub("", text)
    return PluginFacts(
        generators=tuple(dict.fromkeys(_GENERATOR.findall(code))),
        tags=tuple(dict.fromkeys(_TAG.findall(code))),
        filters=tuple(_with_methods(code, name) for name in dict.fromkeys(_FILTER.findall(code))),
        page_classes=tuple(dict.fromkeys(name for name, _ in _PAGE_CLASS.findall(code))),
        pages_without_file=bool(_NEW_PAGE.search(code)),
    )


def _with_methods(code: str, module: str) -> str:
    """``Name (shout, whisper)``: a filter module with the methods (the filters) it
    defines in this file, up to the next ``module``/``class``."""
    last = module.split("::")[-1]
    starts = list(_BLOCK_START.finditer(code))
    for i, start in enumerate(starts):
        if start.group(1).split("::")[-1] == last:
            end = starts[i + 1].start() if i + 1 < len(starts) else len(code)
            methods = _DEF.findall(code, start.end(), end)
            return f"{module} ({', '.join(methods)})" if methods else module
    return module
