"""Publish Jekyll-style blog posts and collections with Sphinx.

Add ``"sphinx_blogposts"`` to ``extensions`` in ``conf.py``.  The data flow,
one module per step:

1. :mod:`.site_setup` — read ``_config.yml`` and configure Sphinx (config-inited)
2. :mod:`.discovery` — decide which files are pages (env-get-outdated)
3. :mod:`.source_reader` — front matter → ``post`` directive (source-read)
4. :mod:`.directive` — the ``post`` directive builds the :mod:`.post_record`
5. :mod:`.transforms` — title, excerpt, reading time (read time)
6. :mod:`.domain` — records stored per document, merged for parallel builds
7. :mod:`.post_header` — the header under each post's title (write time)
8. :mod:`.archives`, :mod:`.generated_pages` — collection indexes, archives
   and a home page, planned before reading as real documents
9. :mod:`.post_index` (env-updated), :mod:`.postlist` and :mod:`.navigation`
   (write time) — lists and links filled from this build's records
10. :mod:`.freshness` (env-get-updated) — pages whose lists changed are rewritten
11. :mod:`.feeds` (build-finished) — Atom and RSS
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump when the records stored in the environment change shape.
ENV_VERSION = 2


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx."""
    from .assets import on_build_finished, on_builder_inited
    from .config import register_config_values
    from .directive import PostDirective, post_node
    from .discovery import on_env_get_outdated
    from .domain import BlogpostsDomain
    from .generated import on_html_page_context
    from .includes import on_include_read
    from .file_access import setup_file_access
    from .html_convert import image_self_link, line_break
    from .media import media_html
    from .media import on_doctree_resolved as on_media_resolved
    from .html_figures import (
        HtmlToNodes,
        depart_image_self_link_html,
        on_doctree_resolved as unwrap_image_links,
        visit_image_self_link_html,
        visit_line_break_html,
    )
    from .post_header import MESSAGE_CATALOG, on_doctree_resolved, visit_post_node_html
    from .site_setup import LOCALE_DIR, on_config_inited
    from .source_reader import on_source_read
    from .liquid import on_env_before_read_docs
    from .feed_content import on_html_page_context as save_feed_text
    from .feeds import on_build_finished as write_feeds
    from .redirects import on_build_finished as write_redirects
    from .redirects import on_html_page_context as redirect_to
    from .page_context import on_html_page_context as add_page_context
    from .freshness import on_env_get_updated
    from .numbering import on_doctree_read as note_enumerables
    from .numbering import on_env_get_updated as number_orphan_posts
    from .links import InternalLinks
    from .navigation import RootNavigation, post_nav_node
    from .navigation import on_doctree_resolved as on_nav_resolved
    from .post_index import on_env_updated
    from .postlist import PostListDirective, postlist_node
    from .postlist import on_doctree_resolved as on_postlist_resolved
    from .transforms import PostTransform
    from .transforms import on_doctree_read as find_post_picture

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    register_config_values(app)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    # before Sphinx checks config types and merges source suffixes (priority 800),
    # so a bad blogposts_* value is reported once and replaced in time
    app.connect("config-inited", on_config_inited, priority=790)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("source-read", on_source_read)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    if "include-read" in app.events.events:  # Sphinx >= 7.2
        app.connect("include-read", on_include_read)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", on_html_page_context)
    app.connect("html-page-context", add_page_context)
    app.connect("html-page-context", save_feed_text)
    app.add_domain(BlogpostsDomain)
    app.add_directive("post", PostDirective)
    app.add_node(post_node, html=(visit_post_node_html, None))
    app.add_transform(PostTransform)
    app.add_transform(RootNavigation)
    app.add_transform(InternalLinks)
    app.add_directive("postlist", PostListDirective)
    setup_file_access(app)
    app.add_node(postlist_node)
    app.add_node(post_nav_node)
    app.connect("env-updated", on_env_updated)
    app.connect("env-get-updated", on_env_get_updated)
    # after Sphinx's own figure numbering (TocTreeCollector), which resets them
    app.connect("env-get-updated", number_orphan_posts, priority=900)
    app.connect("doctree-read", note_enumerables, priority=900)
    app.connect("doctree-read", find_post_picture, priority=900)
    app.connect("doctree-resolved", on_postlist_resolved)
    app.connect("doctree-resolved", on_nav_resolved)
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", on_build_finished)
    app.connect("build-finished", write_feeds)
    app.connect("build-finished", write_redirects)
    app.connect("html-page-context", redirect_to)
    app.add_transform(HtmlToNodes)
    app.add_node(image_self_link, html=(visit_image_self_link_html, depart_image_self_link_html))
    app.add_node(line_break, html=(visit_line_break_html, None))
    app.connect("doctree-resolved", unwrap_image_links)
    app.add_node(media_html)
    app.connect("doctree-resolved", on_media_resolved)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
