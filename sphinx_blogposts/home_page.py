"""A generated home page, for sites whose home was a Liquid ``index.html``.

It is a real document (see :mod:`.generated`): in the navigation, the search
index and every builder's output.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .documents import Site
from .generated import generated_dir, map_document, write_if_changed
from .post_header import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

def md_escape(text: str) -> str:
    """Escape Markdown punctuation so site titles are shown as written."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>()#+-.!|~:$&\"'":
            out.append("\\" + ch)
        elif ch in "\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def home_source(title: str, description: str, sections: list[tuple[str, list[str]]]) -> str:
    """MyST source of the home page: the title, the description, one toctree per section."""
    lines = [f"# {md_escape(title)}", ""]
    if description:
        lines += [md_escape(description), ""]
    for caption, docnames in sections:
        lines += ["```{toctree}", f":caption: {json.dumps(caption)[1:-1]}", ":maxdepth: 1", ""]
        lines += [f"/{d}" for d in docnames]
        lines += ["```", ""]
    return "\n".join(lines)


def inject_generated_pages(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
    facts: dict,
) -> list[str]:
    """Add the home page to the project when the site has no root document."""
    from .domain import BlogpostsDomain

    settings = BlogpostsDomain.settings(env)
    root = env.config.root_doc
    generated: dict[str, str] = {}
    BlogpostsDomain.of(env).data["generated"] = generated
    if not settings.home_page or root in env.found_docs:
        return []
    site = Site.from_settings(settings)
    posts: dict[str, list[tuple[float, str]]] = {}
    pages: list[str] = []
    for docname in env.found_docs:
        entry = facts.get(docname)
        f = entry[2] if entry else None
        if f is not None and f.kind == "post":
            posts.setdefault(f.collection or "posts", []).append((f.timestamp or 0.0, docname))
        else:
            pages.append(docname)
    sections = []
    for name in sorted(posts, key=lambda n: (n != "posts", n)):
        label = site_label(settings.collections, name)
        sections.append((label, [d for _, d in sorted(posts[name], reverse=True)]))
    if pages:
        sections.append((_("Pages"), sorted(pages)))
    title = settings.site_title or env.config.project
    text = home_source(title, settings.site_description, sections)
    path = generated_dir(env) / "pages" / f"{root}.md"
    written = write_if_changed(path, text)
    map_document(env, root, path, written, added, changed, removed)
    generated[root] = f"{root}.md"
    return []


def site_label(collections: dict, name: str) -> str:
    value = collections.get(name)
    if isinstance(value, dict) and isinstance(value.get("title"), str):
        return value["title"]
    return _("Posts") if name == "posts" else name.replace("_", " ").replace("-", " ").title()
