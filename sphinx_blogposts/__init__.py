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
ENV_VERSION = 4


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx: the whole pipeline, from one table
    (:mod:`.pipeline`)."""
    # here, not at the top: ``import sphinx_blogposts`` (the command line) stays light
    from .pipeline import setup_pipeline

    setup_pipeline(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
