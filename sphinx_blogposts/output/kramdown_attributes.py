"""The attributes of kramdown's attribute lists that HTML alone can show.

Ids and classes are ordinary node attributes every builder writes.  Others
(``target="_blank"``, ``rel``, ``data-*``, a safe ``style``) were checked when
the page was read and wait in the node's ``blogposts_attrs``: the HTML
translator writes them on the element's start tag.  The translator of the
HTML builders is extended once per build, on top of whatever translator a
theme or extension registered before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..markdown.attributes import HTML_ATTRIBUTES

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class AttributesTranslator:
    """Mixin: the start tag of a node with ``blogposts_attrs`` carries them (once per node)."""

    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any) -> str:
        extra = node.get(HTML_ATTRIBUTES) if hasattr(node, "get") else None
        if extra:
            written: set[int] = self.__dict__.setdefault("_blogposts_written", set())
            if id(node) not in written:
                written.add(id(node))
                taken = {name.lower() for name in attributes}
                for name, value in extra.items():
                    if name not in taken and name not in ("class", "id"):
                        attributes[name] = value
        return super().starttag(node, tagname, suffix, empty, **attributes)  # type: ignore[misc]


def on_builder_inited(app: Sphinx) -> None:
    """HTML builders write the extra attributes (the translator they use, extended)."""
    builder = app.builder
    if builder.format != "html":
        return
    base = app.registry.get_translator_class(builder)
    if issubclass(base, AttributesTranslator):
        return
    extended = type(f"Blogposts{base.__name__}", (AttributesTranslator, base), {"__module__": __name__})
    app.registry.add_translator(builder.name, extended, override=True)
