"""What discovery learns about each source file before Sphinx reads it.

Plain, picklable data kept in the environment (the discovery cache) and read
by the later stages that run before the records exist: URL claiming, the
generated pages' plan and Liquid's ``site.posts``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Front-matter keys whose values become names of pages or folders.
NAME_KEYS = frozenset(("collection", "tags", "tag", "categories", "category", "author", "authors"))


@dataclass(frozen=True)
class SourceFacts:
    """What discovery needs to know about one file (picklable, cached)."""

    has_front_matter: bool
    kind: str | None
    collection: str | None
    published: bool
    draft: bool
    #: POSIX timestamp of the post's date, when it has one.
    timestamp: float | None
    #: A ``_posts`` file whose name has no date: Jekyll ignores it.
    undated_post: bool
    #: Line of the first byte that is not UTF-8 (Sphinx cannot read such a file).
    encoding_line: int | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    #: The old site's URL path of this document (its permalink), if it had one.
    permalink: str | None = None
    #: jekyll-redirect-from's ``redirect_from`` paths.
    redirect_from: tuple[str, ...] = ()
    #: The ``permalink:`` comes from the front matter (not a collection's template).
    own_permalink: bool = False
    #: (key, line) of the front-matter keys names come from, for warnings at the key.
    lines: tuple[tuple[str, int], ...] = ()
    #: A page that lists posts (:mod:`.core.listings`): its description, else None.
    listing: str | None = None
    #: The document's language (:meth:`.core.languages.Languages.document_language`).
    language: str = ""
    #: A post's blog (:meth:`.core.languages.Languages.blog_of`), ``""``: the site's own.
    blog: str = ""
    #: What its translations share (:func:`.core.languages.translation_key`).
    translation_key: str = ""


@dataclass(frozen=True)
class CachedFacts:
    """One file's facts with the file's identity when they were read: read again
    only when its modification time or size changes."""

    mtime_ns: int
    size: int
    facts: SourceFacts

    def fresh_for(self, mtime_ns: int, size: int) -> bool:
        """Do these facts still describe the file as it is now?"""
        return self.mtime_ns == mtime_ns and self.size == size
