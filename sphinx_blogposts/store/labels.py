"""Each page's language, and our labels in it.

A document's language is decided once, by
:meth:`.core.languages.Languages.document_language`, and kept in its
discovery facts (every source) or its record; a generated page's is the one
its plan gave it (a blog's pages are in the blog's language).  Write-time
stages ask :func:`language_of` and translate their labels with
:func:`gettext_for`, so a Spanish post gets "Publicado el" in an English
site; Sphinx's own strings keep the site-wide ``language``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from ..core.i18n import Gettext, catalog_for, load_translations
from .domain import BlogpostsDomain
from .settings import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The domain instance's attribute that keeps this process's loaded catalogs.
#: (The domain object lives as long as the build and is never pickled, unlike
#: the environment: a catalog's plural function cannot be pickled.)
_CATALOGS = "_blogposts_catalogs"


def language_of(env: BuildEnvironment, docname: str) -> str:
    """The language of ``docname``: its plan's (a generated page), its facts', its
    record's, else the site's."""
    domain = BlogpostsDomain.of(env)
    planned = domain.data["page_languages"].get(docname)
    if planned:
        return planned
    facts = domain.facts(docname)
    if facts is not None and facts.language:
        return facts.language
    record = domain.posts.get(docname)
    if record is not None and record.language:
        return record.language
    return site_of(env).languages.default


def gettext_for(env: BuildEnvironment, language: str) -> Gettext:
    """Our labels' translations into ``language`` (loaded once per process)."""
    domain = BlogpostsDomain.of(env)
    catalogs: dict[str, Gettext] = domain.__dict__.setdefault(_CATALOGS, {})
    found = catalogs.get(language)
    if found is None:
        found = catalogs[language] = load_translations(language).gettext
    return found


def page_gettext(env: BuildEnvironment, docname: str) -> Gettext:
    """Our labels in the language of the page ``docname``."""
    return gettext_for(env, language_of(env, docname))


def untranslated_languages(env: BuildEnvironment) -> list[str]:
    """The documents' languages that have no catalog of ours (labels in English)."""
    data = BlogpostsDomain.of(env).data
    found = {e.facts.language for e in data["sources"].values() if e.facts.language}
    found |= set(data["page_languages"].values())
    return sorted(code for code in found if catalog_for(code) is None)


def report_untranslated(app: Sphinx, env: BuildEnvironment) -> None:
    """One info line per build for the languages whose labels stay English (``env-updated``)."""
    missing = untranslated_languages(env)
    if missing:
        logger.info(
            "sphinx_blogposts: no labels in %s; their pages show the labels in English",
            ", ".join(missing),
        )
