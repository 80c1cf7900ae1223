"""GitHub Pages' default plugins: when they are on, and the rules they apply.  Pure.

GitHub Pages builds every site with a few plugins turned on (the github-pages
gem's ``DEFAULT_PLUGINS``); four of them change which files are pages:

- jekyll-optional-front-matter: a Markdown file without front matter is a
  page, except README, LICENSE, CONTRIBUTING... (:data:`NOT_PAGES`);
- jekyll-titles-from-headings: a page without ``title`` is titled by its
  first heading;
- jekyll-readme-index: ``README.md`` (any case) is its folder's index when the
  folder has no ``index.*``;
- jekyll-relative-links: ``[x](other.md)`` links to the page made of ``other.md``.

A site "runs on GitHub Pages" when its ``Gemfile`` names the ``github-pages``
gem, or ``blogposts_github_pages = True`` says so; then all four are on.  A
plugin listed under ``plugins:`` (or the older ``gems:``) of ``_config.yml``
is on by itself.  jemoji is not a default plugin: it is on only when listed.
The build, Liquid and ``sphinx-blogposts init``/``check`` all ask
:func:`plugins_on`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .facts import SourceFacts

OPTIONAL_FRONT_MATTER = "jekyll-optional-front-matter"
TITLES_FROM_HEADINGS = "jekyll-titles-from-headings"
README_INDEX = "jekyll-readme-index"
RELATIVE_LINKS = "jekyll-relative-links"
JEMOJI = "jemoji"

#: The default plugins of GitHub Pages this extension does what they do.
DEFAULT_PLUGINS = (OPTIONAL_FRONT_MATTER, TITLES_FROM_HEADINGS, README_INDEX, RELATIVE_LINKS)
#: Every plugin :func:`plugins_on` may name.
KNOWN_PLUGINS = (*DEFAULT_PLUGINS, JEMOJI)

#: jekyll-optional-front-matter's list of names (upper case, without extension)
#: that stay static files without front matter.
NOT_PAGES = frozenset(
    (
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CODE_OF_CONDUCT",
        "CONTRIBUTING",
        "ISSUE_TEMPLATE",
        "PULL_REQUEST_TEMPLATE",
    )
)

#: ``gem "github-pages"`` on a line of a Gemfile (not commented out).
_GEMFILE_GITHUB_PAGES = re.compile(r"""^[ \t]*gem[ \t(]+["']github-pages["']""", re.MULTILINE)


@dataclass(frozen=True)
class GitHubPagesPlugins:
    """Which of the plugins are on for one site (plain data)."""

    optional_front_matter: bool = False
    titles_from_headings: bool = False
    readme_index: bool = False
    relative_links: bool = False
    jemoji: bool = False

    def names(self) -> list[str]:
        """The names of the plugins that are on, in :data:`KNOWN_PLUGINS` order."""
        on = {
            OPTIONAL_FRONT_MATTER: self.optional_front_matter,
            TITLES_FROM_HEADINGS: self.titles_from_headings,
            README_INDEX: self.readme_index,
            RELATIVE_LINKS: self.relative_links,
            JEMOJI: self.jemoji,
        }
        return [name for name in KNOWN_PLUGINS if on[name]]


def gemfile_names_github_pages(gemfile: str) -> bool:
    """Does this Gemfile's text ask for the ``github-pages`` gem?"""
    return bool(_GEMFILE_GITHUB_PAGES.search(gemfile))


def listed_plugins(plugins: Any) -> list[str]:
    """The plugin names of ``_config.yml``'s ``plugins:``/``gems:`` (a list, or one name)."""
    items = [plugins] if isinstance(plugins, str) else plugins if isinstance(plugins, list) else []
    return [str(item).strip() for item in items if isinstance(item, (str, int)) and str(item).strip()]


def plugins_on(github_pages: bool | None, plugins: Iterable[str]) -> GitHubPagesPlugins:
    """The one rule: GitHub Pages' defaults when the site runs on it
    (``github_pages`` is True: the Gemfile or the setting said so), and each
    plugin listed in ``plugins`` by itself."""
    listed = set(listed_plugins(list(plugins)))
    default = github_pages is True

    def on(name: str) -> bool:
        return default or name in listed

    return GitHubPagesPlugins(
        optional_front_matter=on(OPTIONAL_FRONT_MATTER),
        titles_from_headings=on(TITLES_FROM_HEADINGS),
        readme_index=on(README_INDEX),
        relative_links=on(RELATIVE_LINKS),
        jemoji=JEMOJI in listed,
    )


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]


def is_readme(path: str) -> bool:
    """Is the file at ``path`` (POSIX, in the site) a README (any case)?"""
    return _stem(path).upper() == "README"


def page_without_front_matter(path: str, plugins: GitHubPagesPlugins) -> bool:
    """Is the Markdown file at ``path``, which has no front matter, a page?

    jekyll-readme-index makes a README one (its folder's index, unless the
    folder has another: :func:`readmes_beside_an_index`); jekyll-optional-front-matter
    makes every other one a page except the names of :data:`NOT_PAGES`.
    """
    if is_readme(path):
        return plugins.readme_index
    return plugins.optional_front_matter and _stem(path).upper() not in NOT_PAGES


def readme_permalink(path: str) -> str:
    """The URL jekyll-readme-index gives the README at ``path``: its folder's
    (``README.md`` -> ``/``, ``docs/readme.md`` -> ``/docs/``)."""
    folder = posixpath.dirname(path)
    return f"/{folder}/" if folder else "/"


def _folder_index(url: str) -> str | None:
    """The folder ``url`` is the index of (``/docs/``, ``/docs/index.html`` -> ``/docs/``)."""
    if url.endswith("/"):
        return url
    head, tail = posixpath.split(url)
    if re.fullmatch(r"index\.(?:html?|xhtml|xml)", tail, re.IGNORECASE):
        return head.rstrip("/") + "/"
    return None


def readmes_beside_an_index(entries: Iterable[tuple[str, str, SourceFacts]]) -> set[str]:
    """The READMEs that are not their folder's index because another page already
    is, so they are not pages (jekyll-readme-index's rule).  ``entries`` are the
    documents built, as ``(key, path, facts)``; the keys of those READMEs are returned."""
    entries = list(entries)
    readmes = {
        key: facts.permalink or ""
        for key, path, facts in entries
        if facts.kind == "page" and not facts.has_front_matter and is_readme(path)
    }
    indexes = {_folder_index(facts.permalink or "") for key, _, facts in entries if key not in readmes}
    return {key for key, url in readmes.items() if url in indexes}
