"""Publish Jekyll-style blog posts and collections with Sphinx.

Add ``"sphinx_blogposts"`` to ``extensions`` in ``conf.py``.  The data flow,
one module per step:

1. :mod:`.site_setup` — read ``_config.yml`` and configure Sphinx (config-inited)
2. :mod:`.discovery` — decide which files are pages (env-get-outdated)
3. :mod:`.source_reader` — front matter → ``post`` directive (source-read),
   then :mod:`.source_rewrites` and :mod:`.liquid` render the body line for line
4. :mod:`.directive` — the ``post`` directive builds the :mod:`.post_record`
5. :mod:`.transforms` — title, excerpt, reading time (read time)
6. :mod:`.domain` — records stored per document, merged for parallel builds
7. :mod:`.post_header` — the header under each post's title (write time)
8. :mod:`.archives`, :mod:`.generated_pages` — collection indexes, archives
   and a home page, planned before reading as real documents
9. :mod:`.post_index` (env-updated), :mod:`.postlist` and :mod:`.navigation`
   (write time) — lists and links filled from this build's records
10. :mod:`.freshness` (env-get-updated) — pages whose lists changed are rewritten
11. :mod:`.feeds` (build-finished) — Atom and RSS; :mod:`.redirects` — every old URL

Raw HTML becomes Sphinx nodes in :mod:`.html_figures` (a transform); the
command line (:mod:`.cli`) reads a site with the same modules, without a build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump when the records stored in the environment change shape.
ENV_VERSION = 3


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx: each module registers its own part.

    The order is the order of the data flow, and it is also the order in which
    handlers of the same event and priority run (``doctree-resolved``:
    header, lists, navigation, figures, media; ``html-page-context``: source
    name, page context, feed text, redirects; ``build-finished``:
    feeds, redirects).
    """
    from .assets import setup_assets
    from .discovery import setup_discovery
    from .domain import setup_domain
    from .feed_content import setup_feed_content
    from .feeds import setup_feeds
    from .file_access import setup_file_access
    from .freshness import setup_freshness
    from .generated import setup_generated
    from .html_figures import setup_html_figures
    from .includes import setup_includes
    from .links import setup_links
    from .liquid import setup_liquid
    from .media import setup_media
    from .navigation import setup_navigation
    from .numbering import setup_numbering
    from .page_context import setup_page_context
    from .post_header import setup_post_header
    from .post_index import setup_post_index
    from .postlist import setup_postlist
    from .redirects import setup_redirects
    from .site_setup import setup_site
    from .source_reader import setup_source_reader
    from .transforms import setup_transforms

    for setup_part in (
        setup_site,  # config-inited: _config.yml, blogposts_* values
        setup_discovery,  # env-get-outdated: which files are pages
        setup_source_reader,  # source-read: front matter -> post directive
        setup_liquid,  # Liquid, rendered at source-read
        setup_includes,
        setup_file_access,
        setup_domain,  # the post directive and the records
        setup_post_header,
        setup_generated,
        setup_page_context,
        setup_feed_content,
        setup_numbering,
        setup_transforms,  # title, excerpt, reading time
        setup_postlist,
        setup_navigation,
        setup_links,
        setup_post_index,  # env-updated: the index of all posts
        setup_freshness,  # env-get-updated: pages whose lists changed
        setup_assets,
        setup_feeds,  # build-finished: Atom and RSS
        setup_redirects,  # build-finished: every old URL
        setup_html_figures,  # raw HTML -> figures and images
        setup_media,
    ):
        setup_part(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
