"""What a document that leaves the project leaves behind, deleted.

Sphinx keeps the output of a document that was deleted, unpublished or
renamed: its page and ``_sources`` copy, the images and downloads no page
uses any more, and its words in the search index.  A stale page is worse than
none, and an unpublished text must not stay downloadable.  Every deletion
goes through the write guard (:func:`..core.safe_paths.remove_output`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.safe_paths import remove_output
from ..store.domain import BlogpostsDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _unlink_inside(outdir: Path, path: Path) -> None:
    """Delete one output file and the folders it leaves empty, through the write guard."""
    remove_output(outdir, path)


def delete_removed_output(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The page and ``_sources`` copy of each removed document (``env-get-outdated``,
    after the generated pages took theirs back out of ``removed``)."""
    outfile = getattr(app.builder, "get_outfilename", None)
    if outfile is None:
        return []
    outdir = Path(app.outdir).resolve()
    link_suffix = str(getattr(app.config, "html_sourcelink_suffix", "") or "")
    for docname in removed:
        with contextlib.suppress(ValueError, OSError, TypeError):
            _unlink_inside(outdir, Path(outfile(docname)))
        # the file is gone, so its suffix is unknown: try each source suffix
        for suffix in env.config.source_suffix:
            name = docname + suffix + (link_suffix if suffix != link_suffix else "")
            _unlink_inside(outdir, outdir / "_sources" / name)
    return []


def _copied_assets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The files under the output folder that Sphinx copies for the documents:
    ``_images/`` (HTML builders) and ``_downloads/``."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return []
    images = [f"{app.builder.imagedir}/{name}" for _, name in env.images.values()]
    downloads = [f"_downloads/{dest}" for _, dest in env.dlfiles.values()]
    return sorted(images + downloads)


def delete_unused_assets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Delete the images and downloads no document uses any more (the post that
    used them was removed, unpublished or edited): Sphinx leaves them behind."""
    data = BlogpostsDomain.of(env).data
    now = _copied_assets(app, env)
    outdir = Path(app.outdir).resolve()
    key = f"{app.builder.name}:{outdir}"  # builders may share one environment
    before = data["copied_assets"].get(key, [])
    for relpath in sorted(set(before) - set(now)):
        _unlink_inside(outdir, outdir / relpath)
    data["copied_assets"][key] = now
    return []


def drop_orphan_words(app: Sphinx) -> list:
    """Sphinx takes a removed or rewritten page out of the search index but keeps
    its words, with no page: a removed post's words must not stay in the index."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):  # Sphinx's word -> docnames maps
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [w for w, docs in mapping.items() if not docs]:
                del mapping[word]
    return []
