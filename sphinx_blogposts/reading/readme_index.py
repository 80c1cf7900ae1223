"""jekyll-readme-index at discovery: a README is its folder's index only when the
folder has no other (:mod:`..core.github_pages`).

Each README's facts say it is a page at its folder's URL (they depend on its
own file only, so they stay cached); whether another page of the folder
takes that place is asked again on every build, from every file's facts, so a
new ``index.md`` beside a README changes the build as a fresh one would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.facts import CachedFacts
from ..core.github_pages import is_readme, readmes_beside_an_index

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Why discovery leaves such a README out.
BESIDE_AN_INDEX = "README beside an index"


def readmes_beside_index(env: BuildEnvironment, fresh: dict[str, CachedFacts], not_built: set[str]) -> list[str]:
    """The docnames of the READMEs (pages without front matter) whose folder has
    another index among the documents built (``fresh`` less ``not_built``)."""
    readmes = {
        docname: entry.facts.permalink or ""
        for docname, entry in fresh.items()
        if entry.facts.kind == "page" and not entry.facts.has_front_matter
        and is_readme(env.doc2path(docname, False).as_posix())
    }  # fmt: skip
    if not readmes:
        return []
    others = [e.facts.permalink or "" for d, e in fresh.items() if d not in not_built and d not in readmes]
    return sorted(readmes_beside_an_index(readmes, others))
