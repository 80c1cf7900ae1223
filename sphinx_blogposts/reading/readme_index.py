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
from ..core.github_pages import readmes_beside_an_index

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Why discovery leaves such a README out.
BESIDE_AN_INDEX = "README beside an index"


def readmes_beside_index(env: BuildEnvironment, fresh: dict[str, CachedFacts], not_built: set[str]) -> list[str]:
    """The docnames of the READMEs whose folder has another index among the
    documents built (``fresh`` less ``not_built``)."""
    built = [
        # only a page without front matter can be a README: the others' paths are not asked
        (docname, env.doc2path(docname, False).as_posix() if _may_be_readme(entry) else "", entry.facts)
        for docname, entry in fresh.items()
        if docname not in not_built
    ]
    return sorted(readmes_beside_an_index(built))


def _may_be_readme(entry: CachedFacts) -> bool:
    return entry.facts.kind == "page" and not entry.facts.has_front_matter
