"""kramdown test cases as pages of one Jekyll site, and the doctree shapes they give.

kramdown's own tests (``test/testcases/**/x.text`` → ``x.html``) are ported as
``(case path, input, expected shape)``: the shape is the page's doctree
written compactly (``<table><tbody><row><entry>a</entry>…``), which says what
kramdown's HTML says in Sphinx's markup.  All cases of a module are pages of
one site, built once.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes

from conftest import ROOTS, built_site, copy_tree, docname_of

#: Nodes left out of a shape (the page's title, the post header).
SKIP = {"title", "post_node", "colspec", "system_message"}
#: Wrappers whose children stand for them.
FLATTEN = {"tgroup"}
#: Classes that say nothing about the construct.
NOISE_CLASSES = {"colwidths-auto", "simple", "myst", "arabic", "docutils", "container"}


def case_id(path: str, index: int = 0) -> str:
    """A page name for a case: ``block/14_table/simple`` → ``block-14-table-simple-0``."""
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") + f"-{index}"


def write_cases(site: Path, cases: list[tuple[str, str]]) -> None:
    """One page per ``(id, markdown)`` under ``cases/``, each at ``/cases/<id>/``."""
    folder = site / "cases"
    folder.mkdir(exist_ok=True)
    for name, text in cases:
        front = f"---\ntitle: {name}\npermalink: /cases/{name}/\n---\n\n"
        (folder / f"{name}.md").write_text(front + text, encoding="utf-8")


def build_cases(tmp_path_factory, cases: list[tuple[str, str]], config: str = ""):  # noqa: ANN001, ANN201
    """Build the kramdown test site with ``cases``; yields the app (a fixture body)."""

    site = copy_tree(ROOTS / "test-kramdown", tmp_path_factory.mktemp("kramdown") / "site")
    if config:
        with (site / "_config.yml").open("a", encoding="utf-8") as handle:
            handle.write(config)
    write_cases(site, cases)
    yield from built_site(site)


def shape(node: nodes.Node) -> str:
    """A node and its descendants, compactly (see the module docstring)."""
    if isinstance(node, nodes.Text):
        text = re.sub(r"[ \t\r\n]+", " ", node.astext())
        if isinstance(node.parent, (nodes.literal_block, nodes.raw)):
            text = text.rstrip()  # the final newline of code and raw HTML
        return text
    assert isinstance(node, nodes.Element)
    if node.tagname in SKIP:
        return ""
    inner = "".join(shape(child) for child in node.children)
    if node.tagname in FLATTEN:
        return inner
    if node.tagname == "paragraph" and isinstance(node.parent, (nodes.entry, nodes.term)):
        return inner
    attrs = ""
    classes = [c for c in node.get("classes", []) if c not in NOISE_CLASSES]
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    if isinstance(node, nodes.raw):
        attrs += f' format="{node.get("format", "")}"'
    if isinstance(node, nodes.reference) and node.get("refuri"):
        attrs += f' refuri="{node["refuri"]}"'
    return f"<{node.tagname}{attrs}>{inner}</{node.tagname}>"


def body_shape(app, name: str) -> str:  # noqa: ANN001 - SphinxTestApp
    """The shape of the body of the case page ``name`` (its section's children)."""
    doctree = app.env.get_doctree(docname_of(app, f"cases/{name}"))
    section = next(iter(doctree.findall(nodes.section)))
    return "".join(shape(child) for child in section.children)


