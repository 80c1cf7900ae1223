"""What a source file is, from its path and front matter: a post, a page, or neither.

Shared by the discovery step (which files are pages at all) and the reading
step (which documents get a ``post`` directive), so both always agree.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from typing import Any

from .config import BlogpostsConfig
from .dates import get_timezone
from .front_matter import FrontMatter, read_front_matter
from .github_pages import GitHubPagesPlugins, is_readme, page_without_front_matter, plugins_on, readme_permalink
from .defaults import defaults_for, merge_front_matter
from .jekyll_site import collection_dirs, collection_of, collection_settings
from .languages import Languages, language_folders
from .post_record import PostSource

#: ``_name`` folders of Sphinx and Jekyll tooling, never collections.
TOOL_FOLDERS = frozenset(
    ("_static", "_templates", "_build", "_ext", "_includes", "_layouts", "_data", "_sass", "_site", "_plugins")
)


def undeclared_collection(path: str) -> str | None:
    """In a docs project (no ``_config.yml``), a top ``_name/`` folder is the collection ``name``."""
    top, sep, _ = path.partition("/")
    if sep and top.startswith("_") and len(top) > 1 and top not in TOOL_FOLDERS:
        return top[1:]
    return None


def renders_liquid(fields: dict[str, Any]) -> bool:
    """Whether Jekyll renders the Liquid of a document with these fields (front matter
    after ``defaults:``): not when ``render_with_liquid`` is ``false`` (the YAML
    boolean: the text ``"false"`` renders, as in Jekyll's ``render_with_liquid?``);
    then ``{{ page.title }}`` is shown as written."""
    return fields.get("render_with_liquid") is not False


def github_plugins(settings: BlogpostsConfig) -> GitHubPagesPlugins:
    """GitHub Pages' plugins that are on for these settings (:func:`.github_pages.plugins_on`)."""
    plugins = settings.plugins if isinstance(settings.plugins, list) else []
    return plugins_on(settings.github_pages, plugins)


@dataclass(frozen=True)
class JudgedSource:
    """One source file's front matter, after Jekyll's defaults, and what it makes."""

    front_matter: FrontMatter
    source: PostSource
    #: The front matter on top of ``defaults:`` (never changed by its readers).
    fields: dict[str, Any]
    #: ``"post"``, ``"page"`` or ``None`` (see :meth:`Site.kind`).
    kind: str | None

    def language(self, site: Site) -> str:
        """The document's language (:meth:`.core.languages.Languages.document_language`)."""
        return site.languages.document_language(self.fields, self.source.path)


@dataclass(frozen=True)
class Site:
    """The settings every document is judged by (cheap to build, no I/O)."""

    settings: BlogpostsConfig
    folders: dict[str, str]
    tz: dt.tzinfo
    languages: Languages = Languages()
    #: GitHub Pages' default plugins and jemoji, where they are on (:mod:`.github_pages`).
    github: GitHubPagesPlugins = GitHubPagesPlugins()

    @classmethod
    def from_settings(cls, settings: BlogpostsConfig, language: str | None = None) -> Site:
        """The site judged by ``settings``; ``language`` is Sphinx's (the site's) language.

        ``settings.language_folders`` is a list of folder names once resolved at
        ``config-inited``; before that (a bare ``BlogpostsConfig()``) it names none.
        """
        folders = settings.language_folders
        return cls(
            settings=settings,
            folders=collection_dirs(settings.collections, settings.collections_dir),
            tz=get_timezone(settings.timezone),
            languages=Languages.of(
                language,
                language_folders((), folders if isinstance(folders, list) else False),
                settings.languages,
                settings.default_lang,
            ),
            github=github_plugins(settings),
        )

    def is_markdown(self, path: str) -> bool:
        ext = posixpath.splitext(path)[1].lstrip(".").lower()
        return ext in {e.lower() for e in self.settings.markdown_ext}

    def source(self, docname: str, path: str, mtime: float | None = None) -> PostSource:
        collection, folder_categories, draft = collection_of(path, self.folders)
        if collection is None and not self.settings.jekyll_site:
            collection = undeclared_collection(path)
        return PostSource(
            docname=docname,
            path=path,
            collection=collection,
            folder_categories=folder_categories,
            draft=draft,
            mtime=mtime,
        )

    def judge(self, docname: str, path: str, text: str, mtime: float | None = None) -> JudgedSource:
        """Read the front matter of ``text`` (the file at ``path``) and judge it: the
        one place where a file's front matter becomes fields and a kind."""
        fm = read_front_matter(text)
        source = self.source(docname, path, mtime)
        fields = self.fields(fm, source)
        kind = self.kind(fm, source, fields)
        if kind == "page" and self.readme_index(fm, source):
            # what jekyll-readme-index does: the README's permalink is its folder's
            fields = {**fields, "permalink": readme_permalink(source.path)}
        return JudgedSource(fm, source, fields, kind)

    def readme_index(self, fm: FrontMatter, source: PostSource) -> bool:
        """Is this file a README that jekyll-readme-index makes its folder's index
        (no front matter; unless the folder has an index: see discovery)?"""
        return (
            self.github.readme_index and not fm.present and not fm.problems
            and source.collection is None and is_readme(source.path)
        )  # fmt: skip

    def fields(self, fm: FrontMatter, source: PostSource) -> dict[str, Any]:
        """Front matter on top of Jekyll's ``defaults:`` for this file."""
        # a document's type is its collection's label (drafts are posts), else a page
        doc_type = source.collection or "pages"
        in_collection = source.collection is not None
        base = defaults_for(
            source.path, doc_type, self.settings.defaults, self.settings.collections_dir, in_collection
        )
        if not base:
            return dict(fm.data)
        return merge_front_matter(base, fm.data, in_collection)

    def kind(self, fm: FrontMatter, source: PostSource, fields: dict[str, Any]) -> str | None:
        """``"post"``, ``"page"``, or ``None`` when the front matter is not ours to read.

        In a Jekyll site every Markdown file with front matter is a page, and
        one in a collection is a post.  In a docs project only files that look
        like posts (in a ``_collection`` folder, or with a ``date`` or
        ``collection`` key) are taken; other front matter is left to MyST.
        """
        if not fm.present and not fm.problems:
            # GitHub Pages' optional front matter and README index (:mod:`.github_pages`)
            if (
                self.settings.jekyll_site and source.collection is None and self.is_markdown(source.path)
                and page_without_front_matter(source.path, self.github)
            ):  # fmt: skip
                return "page"
            return None
        if source.collection is not None:
            return "post"
        if self.settings.jekyll_site:
            if "collection" in fields and fields["collection"]:
                return "post"
            return "page"
        if "date" in fields or fields.get("collection"):
            return "post"
        return None

    def output(self, collection: str | None) -> bool:
        """Whether Jekyll writes pages for this collection (posts always)."""
        if collection in (None, "posts") or not self.settings.jekyll_site:
            return True
        return bool(collection_settings(self.settings.collections, collection).get("output", False))
