"""Liquid's part of the build: rendering at ``source-read`` (through :mod:`.render`
when python-liquid is installed), the warning when it is not, the highlight
options of rendered code blocks, and the pages that read ``site.posts``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.urls import has_liquid
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.keys import CODE_OPTIONS_KEY
from .context import awaited_changed
from .modes import CONSTRUCT, INSTALL_HINT, LiquidStrictError, liquid_available, mode_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def render_liquid(app: Sphinx, docname: str, text: str, handoff: Any, reported: set[int]) -> str:
    """``text`` with its Liquid rendered as Jekyll would (see :mod:`.render`); as
    written when Liquid is off, absent, or python-liquid is not installed (that is
    said once per build, at ``env-before-read-docs``)."""
    if mode_of(app.config) == "off" or not has_liquid(text) or not liquid_available():
        return text
    from .render import render_document  # here: it needs python-liquid, which an environment can lack

    return render_document(app, docname, text, handoff, reported)


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Without python-liquid, say once per build that Liquid was found and not rendered."""
    mode = mode_of(app.config)
    if mode == "off" or liquid_available():
        return

    facts = BlogpostsDomain.of(env).data["sources"]
    found: list[tuple[str, int]] = []
    for docname in sorted(docnames):
        entry = facts.get(docname)
        if entry is None or entry.facts.kind is None:
            continue  # only posts and pages are rendered
        try:
            text = env.doc2path(docname).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = CONSTRUCT.search(text)
        if match:
            found.append((docname, text.count("\n", 0, match.start()) + 1))
    if not found:
        return
    message = (
        f"Liquid found in {len(found)} post(s)/page(s) but python-liquid is not installed; "
        f"`{INSTALL_HINT}` renders it. Until then only site URLs, theme includes, "
        "post_url and link are rewritten, and other Liquid is shown as written"
    )
    if mode == "strict":
        path = env.doc2path(found[0][0])
        raise LiquidStrictError(f"{path}:{found[0][1]}: {message}")
    warn(message, BlogWarning.LIQUID, location=found[0])


class CodeOptions(SphinxTransform):
    """Give the code blocks of ``{% highlight ... linenos mark_lines="..." %}`` their options."""

    default_priority = 690

    def apply(self, **kwargs: object) -> None:
        options: dict[int, tuple[bool, str]] = self.env.temp_data.get(CODE_OPTIONS_KEY) or {}
        if not options:
            return
        for block in self.document.findall(nodes.literal_block):
            found = options.get(block.line or 0)
            if found is None:
                continue
            linenos, emphasize = found
            if linenos:
                block["linenos"] = True
            if emphasize:
                lines = [int(n) for n in emphasize.split(",") if n.strip().isdigit()]
                block.setdefault("highlight_args", {})["hl_lines"] = lines


def stale_site_readers(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose Liquid lists other documents (``site.posts``): stale when any document changes."""
    readers = BlogpostsDomain.of(env).data["site_readers"]
    if not readers or not (added or changed or removed):
        return []
    again = set(added) | set(changed)
    return sorted(d for d in readers if d in env.found_docs and d not in again)


def awaiting_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents whose Liquid looked for a file that was missing (an include, a
    ``_data/`` file) and is there now, or listed ``_data/`` and it has new
    files: read them again."""
    awaited = BlogpostsDomain.of(env).data["awaited_files"]
    again = set(added) | set(changed)
    return sorted(
        docname
        for docname, paths in awaited.items()
        if docname in env.found_docs and docname not in again and awaited_changed(env.srcdir, paths)
    )

