"""The ``postlist`` directive: a list of posts anywhere, filled in when the page is written.

Reading stores only the query (:class:`~.core.queries.ListSpec`); the entries are
built from the records of *this* build when the page is written (by the HTML
translator, in the parallel writers; at ``doctree-resolved`` for other
builders), so a list is never stale.  :mod:`.output.freshness` tells Sphinx
which pages to write again when the entries their lists would show have changed.

In MyST::

    ```{postlist}
    :collection: notes
    :tag: lab, rst
    :limit: 5
    :format: cards
    ```
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..core.i18n import Gettext, _
from ..core.languages import archive_key, normalize_language
from ..core.listings import query_of
from ..core.post_index import select_indexed
from ..core.post_record import PostRecord
from ..core.queries import SORTS, ListSpec, select
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from ..store.labels import language_of, page_gettext
from ..store.nodes import postlist_node
from ..store.settings import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


#: Tags shown with a list entry (the post's own header shows them all).
ENTRY_TAGS = 10
#: Characters of excerpt a card shows (lists show the whole excerpt).
CARD_EXCERPT = 220
#: What a list's entries may be grouped by, each group under its heading.
GROUPS = ("year", "category", "tag", "collection")


def _names(text: str) -> tuple[str, ...]:
    """``a, b`` or a JSON list (``["a, with comma", "b"]``, as generated pages write it)."""
    text = text.strip()
    if text.startswith("["):
        import json

        try:
            values = json.loads(text)
        except ValueError:
            values = None
        if isinstance(values, list):
            return tuple(str(v) for v in values)
    return tuple(item.strip() for item in text.split(",") if item.strip())


def _iso_date(text: str) -> str:
    return dt.date.fromisoformat(text.strip()).isoformat()


class PostListDirective(SphinxDirective):
    """List posts filtered by collection, tag, category, author, year or dates."""

    has_content = False
    #: A listing page's description (``collection ai``, ``posts by year``, ``tags``...):
    #: the list a Jekyll listing page showed (:mod:`.core.listings`).
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "collection": _names,
        "tag": _names,
        "tags": _names,
        "category": _names,
        "categories": _names,
        "author": _names,
        "year": directives.nonnegative_int,
        "month": lambda text: directives.choice(text.strip(), [str(m) for m in range(1, 13)]),
        "date-from": _iso_date,
        "date-to": _iso_date,
        "sort": lambda text: directives.choice(text.strip(), SORTS),
        "offset": directives.nonnegative_int,
        "limit": directives.nonnegative_int,
        "excerpts": lambda text: directives.choice((text or "true").strip(), ("true", "false")),
        "format": lambda text: directives.choice(text.strip(), ("list", "cards")),
        "include-self": directives.flag,
        "group": lambda text: directives.choice(text.strip(), GROUPS),
        "language": _names,
        "blog": directives.unchanged,
        "pinned-first": lambda text: directives.choice((text or "true").strip(), ("true", "false")),
    }

    def run(self) -> list[nodes.Node]:
        spec = list_spec(self.env, self.env.docname, dict(self.options), self.arguments[0] if self.arguments else None,
                         self.get_location())  # fmt: skip
        node = postlist_node(spec=spec.as_dict())
        self.set_source_info(node)
        BlogpostsDomain.of(self.env).note_list(self.env.docname, spec)
        return [node]


def read_options(options: dict[str, str]) -> dict[str, Any]:
    """``postlist`` options written as text (a generated list page's), read as the
    directive reads them."""
    spec = PostListDirective.option_spec
    return {key: spec[key](value) for key, value in options.items() if key in spec}


def list_spec(env: Any, docname: str, o: dict[str, Any], argument: str | None = None, location: Any = None) -> ListSpec:
    """The query of a list on page ``docname``, from its read options (and the
    listing description given as the directive's argument)."""
    o = dict(o)
    if argument:
        site = site_of(env)
        query = query_of(argument, [c for c in site.settings.collections if site.output(c)])
        if query is None:
            warn(f"{argument!r} is not a list this version knows; every post is listed",
                 BlogWarning.DIRECTIVE, location=location)  # fmt: skip
        else:
            o.setdefault("collection", query.collections)
            if query.group:
                o.setdefault("group", query.group)
            if not query.excerpts:
                o.setdefault("excerpts", "false")
    return ListSpec(
        collections=o.get("collection", ()),
        tags=o.get("tag", ()) + o.get("tags", ()),
        categories=o.get("category", ()) + o.get("categories", ()),
        authors=o.get("author", ()),
        year=o.get("year"),
        month=int(o["month"]) if "month" in o else None,
        date_from=o.get("date-from"),
        date_to=o.get("date-to"),
        sort=o.get("sort", "newest"),
        offset=o.get("offset", 0),
        limit=o.get("limit"),
        excerpts=o.get("excerpts", "true") == "true",
        format=o.get("format", "list"),
        exclude=() if "include-self" in o else (docname,),
        group=o.get("group"),
        languages=list_languages(env, o.get("language"), docname),
        blog=_blog_option(o.get("blog")),
        pinned_first=o.get("pinned-first", "false") == "true",
    )


def list_languages(env: Any, option: tuple[str, ...] | None, docname: str | None = None) -> tuple[str, ...]:
    """The languages a list shows: ``:language: all`` every one; codes as written
    (``es, pt-br``); without the option, the page's language in a site set up for
    several (:attr:`.core.languages.Languages.multilingual`), else every one."""
    if option is None:
        if not site_of(env).languages.multilingual:
            return ()
        return (language_of(env, docname or env.docname),)
    if any(code.strip().lower() == "all" for code in option):
        return ()
    return tuple(dict.fromkeys(normalize_language(code) or code for code in option))


def _blog_option(text: str | None) -> str | None:
    """``:blog: es/news`` (``/``: the posts of no blog)."""
    if text is None:
        return None
    return text.strip().strip("/")


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every post list with its entries; an HTML builder's lists are left for
    its translator (:func:`visit_postlist_html`), which runs in the parallel writers."""
    deferred = app.builder.format == "html"
    for node in list(doctree.findall(postlist_node)):
        if not deferred:
            node.replace_self(list_nodes(node, docname, app.builder))
            continue
        node["fromdoc"] = docname  # singlehtml: the page the list belongs to
        try:
            spec = _spec(node)
            if spec.format == "cards":
                note_pictures(app.builder, list_records(spec, BlogpostsDomain.of(app.env)))
        except Exception:  # noqa: BLE001, S110 - the translator warns about a broken list
            pass


def _spec(node: postlist_node) -> ListSpec:
    return ListSpec(**{k: tuple(v) if isinstance(v, list) else v for k, v in node["spec"].items()})


def list_records(spec: ListSpec, domain: Any) -> list[PostRecord]:
    """The records a list shows, from the post index."""
    index = domain.data.get("index")
    return select_indexed(index, spec, domain.posts) if index else select(domain.posts.values(), spec)


def note_pictures(builder: Builder, records: list[PostRecord]) -> None:
    """The cards' pictures are images the HTML builder copies, as if the page showed
    them already (Sphinx notes a page's images before it is translated, in the main
    process; the writers inherit the notes)."""
    images = getattr(builder, "images", None)
    if images is None:
        return
    for record in records:
        if record.image_uri and record.image_uri in builder.env.images:
            images[record.image_uri] = builder.env.images[record.image_uri][1]


def list_nodes(node: postlist_node, docname: str, builder: Builder) -> list[nodes.Node]:
    """The entries of one list placeholder, from this build's index (a warning and
    nothing when the list cannot be built)."""
    try:
        spec = _spec(node)
        return render_entries(list_records(spec, BlogpostsDomain.of(builder.env)), spec, docname, builder,
                              BlogpostsDomain.of(builder.env))  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - one broken list must not stop the build
        warn(f"could not build this post list: {exc}", BlogWarning.DIRECTIVE, location=node)
        return []


def visit_postlist_html(translator: Any, node: postlist_node) -> None:
    """The list's entries become the node's children and are written as they are.

    Filling lists here rather than at ``doctree-resolved`` moves their cost from
    the main process into the parallel writers (``-j``), and keeps the entries,
    which are other pages' titles and excerpts, out of this page's search words
    (the search index is fed before pages are translated)."""
    node[:] = list_nodes(node, node.get("fromdoc") or translator.builder.current_docname, translator.builder)


def depart_postlist_html(translator: Any, node: postlist_node) -> None:
    """Nothing to close: the placeholder writes no element of its own."""


# -- rendering -----------------------------------------------------------------


def render_entries(
    records: list[PostRecord], spec: ListSpec, fromdoc: str, builder: Builder, domain: Any
) -> list[nodes.Node]:
    gettext = page_gettext(builder.env, fromdoc)  # the labels of this page's language
    if not records:
        return [nodes.paragraph("", gettext("No posts yet."), classes=["blogposts-empty"])]
    renderer = EntryRenderer(fromdoc, builder, domain, gettext)
    if spec.group:
        out: list[nodes.Node] = []
        for name, members in groups(records, spec.group, gettext):
            out.append(nodes.rubric("", name, classes=["blogposts-group"]))
            out += renderer.entries(members, spec)
        return out
    return renderer.entries(records, spec)


def groups(records: list[PostRecord], by: str, gettext: Gettext = _) -> list[tuple[str, list[PostRecord]]]:
    """The records under each heading, in the list's order: years newest first (as a
    year archive), names alphabetically (a post may be under several)."""
    found: dict[str, list[PostRecord]] = {}
    for record in records:
        if by == "year":
            keys = [record.day[:4] if record.day else gettext("Undated")]
        elif by == "collection":
            keys = [record.collection or "posts"]
        else:
            keys = list(record.tags if by == "tag" else record.categories)
        for key in keys:
            found.setdefault(key, []).append(record)
    if by == "year":
        return list(found.items())
    return sorted(found.items(), key=lambda item: (item[0].casefold(), item[0]))


def title_nodes(record: PostRecord, env: Any) -> list[nodes.Node]:
    """The post's title as inline nodes (its Markdown rendered), from the environment."""
    title = env.titles.get(record.docname)
    if title is not None:
        return [child.deepcopy() for child in title.children]
    return [nodes.Text(record.title)]


def doc_link(fromdoc: str, todoc: str, builder: Builder, children: list[nodes.Node], **attrs: Any) -> nodes.reference:
    ref = nodes.reference("", "", *children, internal=True, **attrs)
    ref["refuri"] = _relative_uri(builder, fromdoc, todoc)
    return ref


def _relative_uri(builder: Builder, fromdoc: str, todoc: str) -> str:
    try:
        return builder.get_relative_uri(fromdoc, todoc)
    except Exception:  # noqa: BLE001 - builders without pages (e.g. linkcheck)
        return ""


class EntryRenderer:
    """Builds list entries for one page; remembers the links it has worked out."""

    def __init__(self, fromdoc: str, builder: Builder, domain: Any, gettext: Gettext = _) -> None:
        self.fromdoc = fromdoc
        self.builder = builder
        self.env = builder.env
        self.archive = domain.data["archive_map"]
        self.gettext = gettext
        self._uris: dict[str, str] = {}

    def link(self, todoc: str, children: list[nodes.Node], **attrs: Any) -> nodes.reference:
        uri = self._uris.get(todoc)
        if uri is None:
            uri = self._uris[todoc] = _relative_uri(self.builder, self.fromdoc, todoc)
        return nodes.reference("", "", *children, internal=True, refuri=uri, **attrs)

    def entries(self, records: list[PostRecord], spec: ListSpec) -> list[nodes.Node]:
        """The records as cards or as a bulleted list."""
        if spec.format == "cards":
            return [self.cards(records, spec)]
        items = [self.list_item(r, spec) for r in records]
        return [nodes.bullet_list("", *items, classes=["blogposts-postlist"])]

    def title_link(self, record: PostRecord) -> nodes.reference:
        return self.link(record.docname, title_nodes(record, self.env), classes=["blogposts-entry-link"])

    def meta_line(self, record: PostRecord) -> nodes.paragraph:
        parts: list[nodes.Node] = []
        if record.date_text:
            parts.append(nodes.inline("", record.date_text, classes=["blogposts-date"]))
        tag_pages = self.archive.get(archive_key("tag", record.blog), {})  # the post's blog's tag pages
        for tag in record.tags[:ENTRY_TAGS]:
            if parts:
                parts.append(nodes.Text(" "))
            if tag in tag_pages:
                parts.append(self.link(tag_pages[tag], [nodes.Text(tag)], classes=["blogposts-tag"]))
            else:
                parts.append(nodes.inline("", tag, classes=["blogposts-tag"]))
        return nodes.paragraph("", "", *parts, classes=["blogposts-entry-meta"])

    def excerpt(self, record: PostRecord, limit: int | None = None) -> nodes.paragraph:
        more = self.link(record.docname, [nodes.Text(self.gettext("Read more"))], classes=["blogposts-more"])
        text = record.excerpt
        if limit and len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0] + "\u2026"
        return nodes.paragraph("", "", nodes.Text(text + " "), more, classes=["blogposts-excerpt"])

    def list_item(self, record: PostRecord, spec: ListSpec) -> nodes.list_item:
        item = nodes.list_item(classes=["blogposts-entry"])
        item += nodes.paragraph("", "", nodes.strong("", "", self.title_link(record)), classes=["blogposts-entry-title"])
        item += self.meta_line(record)
        if spec.excerpts and record.excerpt:
            item += self.excerpt(record)
        return item

    def cards(self, records: list[PostRecord], spec: ListSpec) -> nodes.Node:
        """A sphinx-design grid of cards (plain containers for non-HTML builders)."""
        from sphinx_design.shared import create_component

        row = create_component(
            "grid-row",
            ["sd-row", "sd-row-cols-1", "sd-row-cols-xs-1", "sd-row-cols-sm-2", "sd-row-cols-md-2",
             "sd-row-cols-lg-3", "sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3"],
        )  # fmt: skip
        for record in records:
            card = create_component(
                "card", ["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-w-100", "blogposts-card"]
            )
            if record.image_uri:
                card += picture(record)
            body = create_component("card-body", ["sd-card-body"])
            title = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
            title += nodes.paragraph("", "", self.title_link(record))
            body += title
            body += self.meta_line(record)
            if spec.excerpts and record.excerpt:
                body += self.excerpt(record, limit=CARD_EXCERPT)
            card += body
            item = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
            item += card
            row += item
        container = create_component(
            "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "blogposts-cards"]
        )
        container += row
        return container


def picture(record: PostRecord) -> nodes.image:
    uri = record.image_uri or ""
    image = nodes.image(uri=uri, alt="", classes=["sd-card-img-top", "blogposts-card-img"])
    image["candidates"] = {"?": uri} if "://" in uri else {"*": uri}
    return image


def register_postlist(app: Sphinx) -> None:
    """The ``postlist`` directive and its placeholder node."""
    app.add_directive("postlist", PostListDirective)
    app.add_node(postlist_node, html=(visit_postlist_html, depart_postlist_html))
