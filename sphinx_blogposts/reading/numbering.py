"""Figure numbers for posts that are not in a toctree.

Sphinx numbers figures (``numfig``) only along the toctree, and posts are
reached through lists instead (see :mod:`.output.navigation`).  So each such post
numbers its own figures, tables and code blocks from 1 — what a reader of a
single post expects — and ``{numref}`` works there too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..store.domain import BlogpostsDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the numberable nodes of a post, in document order."""
    env = app.env
    domain = BlogpostsDomain.of(env)
    record = domain.posts.get(env.docname)
    if record is None or record.kind != "post":
        return
    std = env.domains.standard_domain
    found: list[tuple[str, str]] = []
    for node in doctree.findall(nodes.Element):
        figtype = std.get_enumerable_node_type(node)
        if figtype and node["ids"] and std.get_numfig_title(node):
            found.append((figtype, node["ids"][0]))
    if found:
        domain.data["enumerables"][env.docname] = found


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Number the figures of posts Sphinx left unnumbered (runs after Sphinx's own pass)."""
    data = BlogpostsDomain.of(env).data
    if not env.config.numfig:
        return []
    old = data["local_fignumbers"]
    new: dict[str, dict[str, dict[str, tuple[int, ...]]]] = {}
    for docname, items in data["enumerables"].items():
        if env.toc_fignumbers.get(docname):
            continue  # in a toctree: Sphinx numbered it
        numbers: dict[str, dict[str, tuple[int, ...]]] = {}
        for figtype, node_id in items:
            kind = numbers.setdefault(figtype, {})
            kind[node_id] = (len(kind) + 1,)
        new[docname] = numbers
        env.toc_fignumbers[docname] = numbers
    data["local_fignumbers"] = new
    return [d for d, numbers in new.items() if old.get(d) != numbers and d in env.all_docs]
