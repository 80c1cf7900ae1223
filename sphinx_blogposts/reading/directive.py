"""The ``post`` directive: the public, hand-writable form of a post's front matter.

In rST::

    .. post::
       :title: A walk in the park
       :date: 2024-05-01 10:00 +0200
       :tags: walks, parks
       :collection: diary

In MyST Markdown the same is ```` ```{post} ```` with the same options.  A
Markdown post's front matter is turned into this directive at
``source-read`` (see :mod:`.reading.source_reader`), so both forms give the same
record, title, header and lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..core.documents import Site
from ..core.guards import document_guard
from ..core.post_record import PostSource, build_record, excerpt_separator
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.keys import POST_SEEN_KEY, TEMP_KEY, FrontMatterHandoff
from ..store.nodes import post_excerpt, post_node, post_title
from ..store.settings import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Sphinx's own per-document metadata that front matter may set.
SPHINX_METADATA = ("orphan", "nosearch", "tocdepth", "nocomments")


def _list_option(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _bool_option(text: str) -> bool:
    return text.strip().lower() not in ("false", "no", "0", "off")


class PostDirective(SphinxDirective):
    """Declare the current document a post (see the module docstring)."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "title": directives.unchanged,
        "date": directives.unchanged,
        "last_modified_at": directives.unchanged,
        "collection": directives.unchanged,
        "tags": _list_option,
        "tag": _list_option,
        "categories": _list_option,
        "category": _list_option,
        "author": _list_option,
        "authors": _list_option,
        "excerpt": directives.unchanged,
        "excerpt_separator": directives.unchanged,
        "permalink": directives.unchanged,
        "slug": directives.unchanged,
        "image": directives.unchanged,
        "published": _bool_option,
        "redirect_from": _list_option,
        "redirect_to": directives.unchanged,
        "orphan": directives.flag,
        "nosearch": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        with document_guard(
            (self.env.docname, self.lineno), "the post directive", BlogWarning.DIRECTIVE,
            "the document is built without its post record",
        ):
            result = self._run()
        return result

    def _run(self) -> list[nodes.Node]:
        env = self.env
        docname = env.docname
        if env.temp_data.get(POST_SEEN_KEY):
            warn(
                "a document can be only one post; this second post directive is ignored",
                BlogWarning.DIRECTIVE,
                location=(docname, self.lineno),
            )
            return []
        env.temp_data[POST_SEEN_KEY] = True

        handoff: FrontMatterHandoff | None = env.temp_data.get(TEMP_KEY)
        site = site_of(env)
        fields: dict[str, Any] = dict(handoff.fields) if handoff else {}
        for key, value in self.options.items():
            fields[key] = True if value is None else value  # flags
        source = handoff.source if handoff else self._source(site)
        kind = handoff.kind if handoff else "post"
        key_lines = handoff.key_lines if handoff else {}

        record, problems = build_record(fields, source, site.tz, kind, site.languages)
        record.lineno = self.lineno
        for problem in problems:
            line = key_lines.get(problem.key or "", self.lineno) if handoff else self.lineno
            warn(f"{problem.message}", problem.subtype, location=(docname, line))
        BlogpostsDomain.of(env).posts[docname] = record

        metadata = env.metadata[docname]
        for key in SPHINX_METADATA:
            if key in fields and fields[key] is not False:
                metadata[key] = fields[key]
        if fields.get("search") is False:  # minimal-mistakes' "leave out of search"
            metadata["nosearch"] = True
        if kind == "post":
            # reached through collection indexes and archives (see navigation.py)
            metadata.setdefault("orphan", True)

        node = post_node(docname=docname, kind=kind)
        self.set_source_info(node)
        # one warning per problem: a missing title that follows from an
        # unreadable front matter or a title of the wrong type is already reported
        if (handoff is not None and handoff.had_problems) or any(p.key == "title" for p in problems):
            node["title_reported"] = True
        if handoff is not None and handoff.excerpt_line:
            node["excerpt_line"] = handoff.excerpt_line
        if excerpt_separator(fields, site.settings.excerpt_separator) == "":
            node["no_excerpt"] = True  # excerpt_separator: "": Jekyll makes no excerpt
        if record.title:
            self._title_is_h1()
            title_nodes, messages = self.state.inline_text(record.title, self.lineno)
            node += post_title(record.title, "", *_no_raw(title_nodes))
            node.extend(messages)
        if self.content:
            node += post_excerpt("", *self.parse_content_to_nodes())
        return [node]

    def _title_is_h1(self) -> None:
        """Tell MyST the post's title is the H1, so body headings may start at H2.

        Jekyll posts put the title in front matter and start their headings at
        ``##``; without this MyST would warn "Document headings start at H2".
        """
        renderer = getattr(self.state, "_renderer", None)
        levels = getattr(renderer, "_level_to_section", None)
        if isinstance(levels, dict) and 0 in levels and 1 not in levels:
            levels[1] = levels[0]

    def _source(self, site: Site) -> PostSource:
        path = self.env.doc2path(self.env.docname, False).as_posix()
        return site.source(self.env.docname, path)


def _no_raw(title_nodes: list[nodes.Node]) -> list[nodes.Node]:
    """Raw HTML in a title is shown as text: a title never injects markup."""
    out: list[nodes.Node] = []
    for node in title_nodes:
        if isinstance(node, nodes.raw):
            out.append(nodes.Text(node.astext()))
            continue
        if isinstance(node, nodes.Element):
            for raw in list(node.findall(nodes.raw)):
                raw.replace_self(nodes.Text(raw.astext()))
        out.append(node)
    return out


def register_directive(app: Sphinx) -> None:
    """``post`` and ``blogposts:post``: one directive, registered from here so the
    domain (which every stage imports) does not import the reading step."""
    app.add_directive("post", PostDirective)
    app.add_directive_to_domain("blogposts", "post", PostDirective)
