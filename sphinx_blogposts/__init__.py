"""Publish Jekyll-style blog posts and collections with Sphinx.

Add ``"sphinx_blogposts"`` to ``extensions`` in ``conf.py``.  The folders are
the stages of the build, in the order the data flows; each imports only the
ones before it:

* :mod:`.core` — the pure rules and data: settings, dates, front matter,
  permalinks, slugs, the Jekyll site model, discovery facts, records, list
  queries and the post index;
* :mod:`.store` — what the stages hand each other through Sphinx: the
  ``blogposts`` domain, this build's settings, ``temp_data`` keys, nodes;
* :mod:`.html` and :mod:`.liquid` — raw HTML to nodes, Liquid rendering;
* :mod:`.markdown` — kramdown, Jekyll's Markdown dialect, on top of MyST;
* :mod:`.reading` — ``_config.yml``, which files are pages, front matter to
  the ``post`` directive and its record, the read-time transforms;
* :mod:`.generate` — archives, collection indexes and a home page;
* :mod:`.output` — header, lists, navigation, feeds, redirects, sitemap;
* :mod:`.cli` — ``sphinx-blogposts check``/``init``/``new``, without a build.

Every event the extension hooks is one row of the table in :mod:`.pipeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump when the records stored in the environment change shape (or what the
#: cached discovery facts mean: 7, URLs escaped and following the site's style,
#: and each document's language and blog).
ENV_VERSION = 8


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
