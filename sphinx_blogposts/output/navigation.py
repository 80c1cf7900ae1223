"""Getting around: previous/next links between posts, and the site navigation.

* Each post page ends with links to the older and the newer post of its
  collection, filled in when the page is written (from the post index).
* Posts are marked ``orphan`` — they are reached from their collection's
  index, its pages and the archives, not listed one by one in every page's
  sidebar (which would make every page of a 1,000-post site carry 1,000
  links).  ``blogposts_toctree_posts = True`` puts them in the toctree too.
* In a Jekyll site the root document's toctree is the site's menu, in order
  (planned by :mod:`.generate.menu`), so every theme's sidebar shows it; its
  other pages are marked ``orphan`` too (reachable, never a toctree warning).
  A static file of the menu is a link to its copy, relative to each page.
* In a docs project the root document gets a hidden toctree of the generated
  sections (collection indexes and archive overviews), so they are in the
  navigation without the user writing a toctree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.util import url_re

from ..core.guards import document_guard
from ..core.menu import STATIC_PREFIX
from ..core.warnings import BlogWarning
from ..store.domain import BlogpostsDomain
from ..store.labels import page_gettext
from ..store.nodes import post_nav_node
from ..store.settings import site_of
from .postlist import doc_link, title_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class RootNavigation(SphinxTransform):
    """Add a hidden toctree of the generated sections to the user's root document."""

    default_priority = 710

    def apply(self, **kwargs: object) -> None:
        env = self.env
        data = BlogpostsDomain.of(env).data
        if env.docname != self.config.root_doc:
            return
        generated = env.docname in data["generated"]
        if site_of(env).settings.jekyll_site:
            entries = list(data["nav_entries"])  # a generated home shows the menu on the page too
        elif generated:
            return  # the generated home lists its sections itself
        else:
            entries = [(None, d) for d in data["nav_pages"] if d in env.found_docs]
        if not entries:
            return
        toctree = addnodes.toctree()
        toctree["parent"] = env.docname
        toctree["entries"] = entries
        toctree["includefiles"] = [ref for _, ref in entries if ref != "self" and not url_re.match(ref)]
        toctree["maxdepth"] = -1 if not generated else 1
        toctree["caption"] = None
        toctree["glob"] = False
        toctree["hidden"] = not generated
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = False
        wrapper = nodes.compound(classes=["toctree-wrapper", "blogposts-navigation"])
        wrapper += toctree
        section = next((c for c in self.document.children if isinstance(c, nodes.section)), self.document)
        section += wrapper


def orphan_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """In a Jekyll site every page is reached from the menu, lists or links: none is
    "not included in any toctree" (before Sphinx's consistency check)."""
    if site_of(env).settings.jekyll_site:
        for docname in env.all_docs:
            env.metadata[docname].setdefault("orphan", True)
    return []


#: Template functions of themes that write the menu from the root toctree
#: themselves (pydata-sphinx-theme and sphinx-book-theme's header and sidebar).
THEME_NAV_FUNCTIONS = ("generate_header_nav_html", "generate_toctree_html")


def static_menu_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The sidebar's links to static files of the menu, made relative to this page.

    Sphinx keeps a toctree URL as written, so the menu holds a placeholder
    (``blogposts-static://files/cv.pdf``) that the ``toctree()`` of every
    page's template turns into ``../files/cv.pdf``: right under any base path.
    Runs before the themes' own handlers, which call ``toctree()`` (furo).
    """
    _wrap(app, context, ("toctree",))


#: A site whose toctrees hold more documents than this computes every page's own
#: toctree (working out the cache key would cost about as much).
SHARED_TOCTREE_LIMIT = 300


def shared_toctrees(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Pages outside the toctrees share one rendering of the sidebar's toctree.

    Sphinx resolves and renders the global toctree for every page it writes.
    For a page that is in no toctree (a post, a list page) nothing in it is
    marked current, so what it shows depends only on where its links lead
    relative to the page: pages with the same relative links get the same HTML,
    rendered once per build (per process) instead of once per page.  Runs
    before :func:`static_menu_links`, which rewrites the menu's static links of
    each page's copy.
    """
    toctree = context.get("toctree")
    members, cache = _toctree_members(app)
    if not callable(toctree) or members is None or pagename in members:
        return
    builder = app.builder
    targets = sorted(members)

    def shared(**kwargs: Any) -> Any:
        try:
            key = (tuple(sorted(kwargs.items())), tuple(builder.get_relative_uri(pagename, d) for d in targets))
            hash(key)
        except (TypeError, NoUri):  # an argument that cannot be a key: as Sphinx does it
            return toctree(**kwargs)
        if key not in cache:
            cache[key] = toctree(**kwargs)
        return cache[key]

    context["toctree"] = shared


def _toctree_members(app: Sphinx) -> tuple[set[str] | None, dict]:
    """The documents of the root's toctrees (the root, what they include, and so on),
    worked out once per build, with the build's cache of rendered toctrees;
    ``None`` when there are too many."""
    builder = app.builder
    state = builder.__dict__.get("_blogposts_toctrees")
    if state is None:
        env = app.env
        root = env.config.root_doc
        members: set[str] | None = {root}
        stack = [root]
        while stack and members is not None:
            for child in env.toctree_includes.get(stack.pop(), ()):
                if child not in members:
                    members.add(child)
                    stack.append(child)
            if len(members) > SHARED_TOCTREE_LIMIT:
                members = None
        state = builder.__dict__["_blogposts_toctrees"] = (members, {})
    return state


def static_menu_links_in_themes(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The same for the navigation functions themes add to the context (after them)."""
    _wrap(app, context, THEME_NAV_FUNCTIONS)


def _wrap(app: Sphinx, context: dict, names: tuple[str, ...]) -> None:
    pathto = context.get("pathto")
    statics = [ref for _, ref in BlogpostsDomain.of(app.env).data["nav_entries"] if ref.startswith(STATIC_PREFIX)]
    if not statics or not callable(pathto):
        return
    for name in names:
        function = context.get(name)
        if callable(function) and not getattr(function, "blogposts_static_links", False):
            context[name] = _relative_statics(function, statics, pathto)


def _relative_statics(function: Any, statics: list[str], pathto: Any) -> Any:
    """``function`` whose HTML (when it returns text) links the static files relatively."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        html = function(*args, **kwargs)
        if isinstance(html, str):
            for ref in statics:
                html = html.replace(f'href="{ref}"', f'href="{pathto(ref[len(STATIC_PREFIX):], 1)}"')
        return html

    wrapped.blogposts_static_links = True  # type: ignore[attr-defined]
    return wrapped


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders without HTML drop the older/newer links; HTML builders' translators
    fill them in (:func:`visit_post_nav_html`), in the parallel writers."""
    html = app.builder.format == "html"
    for node in list(doctree.findall(post_nav_node)):
        if html:
            node["fromdoc"] = docname  # singlehtml: the page the links are made from
        elif node.parent is not None:
            node.parent.remove(node)


def visit_post_nav_html(translator: Any, node: post_nav_node) -> None:
    """The older/newer links, made as the page is written: in the parallel writers
    under ``-j``, not in the main process, and not words of this page's search entry."""
    builder = translator.builder
    docname = node.get("fromdoc") or builder.current_docname
    done = False
    with document_guard(node, "linking the older and newer posts", BlogWarning.DIRECTIVE, "the links are left out"):
        node[:] = _links(builder, node, docname)
        done = True
    if not done:
        node[:] = []


def depart_post_nav_html(translator: Any, node: post_nav_node) -> None:
    """Nothing to close: the placeholder writes no element of its own."""


def _links(builder: Any, node: post_nav_node, docname: str) -> list[nodes.Node]:
    """The links of one ``post_nav_node`` (none when the post has no neighbour)."""
    env = builder.env
    domain = BlogpostsDomain.of(env)
    older, newer = domain.index.neighbours.get(node["docname"], (None, None))
    parts: list[nodes.Node] = []
    _ = page_gettext(env, docname)  # the labels in this post's language
    for label, target, cls in (
        ("\u2190 " + _("Previous post"), older, "prev"),
        (_("Next post") + " \u2192", newer, "next"),
    ):
        if target is None or target not in domain.posts:
            continue
        text = [nodes.inline("", label, classes=["blogposts-nav-label"]), nodes.Text(" ")]
        link = doc_link(docname, target, builder, text + title_nodes(domain.posts[target], env))
        parts.append(nodes.inline("", "", link, classes=[f"blogposts-{cls}"]))
    return [nodes.container("", *parts, classes=["blogposts-post-nav"])] if parts else []


def register_navigation(app: Sphinx) -> None:
    """The placeholder of the previous/next links (filled by the HTML translators)."""
    app.add_node(post_nav_node, html=(visit_post_nav_html, depart_post_nav_html))
