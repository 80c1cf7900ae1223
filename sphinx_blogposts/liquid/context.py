"""The ``site`` and ``page`` variables Liquid sees, as Jekyll fills them.

``site`` is ``_config.yml`` (with the resolved ``url``, ``baseurl``, ``title``
and ``description``) plus what the build knows of every document: ``posts``
(newest first), ``pages``, ``tags``, ``categories``, ``collections``, one list
per collection, and ``data`` (``_data/``).  Those lists are made only when a
template asks for them, from the facts discovery cached (one front-matter read
per document, cached on the app by file size and time).

``page`` is the document's front matter (after ``defaults:``) plus ``url``,
``date``, ``title``, ``collection``, ``tags``, ``categories``, ``path``,
``id``, ``slug`` and ``name``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.dates import date_from_filename
from ..core.documents import JudgedSource, Site
from ..core.jekyll_site import load_data_file
from ..core.permalinks import escape_path
from ..core.post_record import PostSource, post_date, taxonomy, titleize
from ..core.related import LIQUID_COUNT, RelatedItem, related_index
from ..core.safe_paths import inside
from ..core.warnings import BlogWarning, warn
from ..store.domain import BlogpostsDomain
from .jekyll_time import JekyllTime, with_times

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def document_vars(
    fields: dict[str, Any], source: PostSource, site: Site, url: str | None, timestamp: float | None = None
) -> dict[str, Any]:
    """A document as Liquid's ``page`` (and each entry of ``site.posts``)."""
    stem = posixpath.splitext(posixpath.basename(source.path))[0]
    _, slug = date_from_filename(stem, site.tz)
    decided, _ = post_date(fields, source, site.tz)
    date = decided.value if decided is not None else None
    if date is None and timestamp is not None:  # discovery's date (a draft's file time)
        date = dt.datetime.fromtimestamp(timestamp, site.tz)
    title = fields.get("title")
    if not isinstance(title, (str, int, float)) or isinstance(title, bool) or not str(title).strip():
        title = titleize(slug)
    tags, categories, _ = taxonomy(fields, source.folder_categories)
    collection = source.collection or fields.get("collection")
    if url is None:  # a docs project's page, or a refused permalink: Sphinx's own path
        url = escape_path("/" + source.docname + ".html")
    # every time of the front matter compares with < and > in conditions, as in Ruby
    page = with_times(fields, site.tz)
    page.update(
        url=url,
        id=posixpath.splitext(url)[0].rstrip("/") or "/",
        title=str(title),
        date=JekyllTime.of(date) if date is not None else None,
        collection=collection,
        tags=tags,
        categories=categories,
        path=source.path,
        relative_path=source.path,
        name=posixpath.basename(source.path),
        slug=str(fields.get("slug") or slug),
        draft=source.draft,
    )
    if not any(page.get(key) for key in ("lang", "language", "locale")):
        page["lang"] = site.languages.document_language(fields, source.path)
    return page


class SiteDrop(Mapping[str, Any]):
    """``site``: settings first, then the build's documents, made on first use."""

    _LAZY = ("posts", "pages", "tags", "categories", "collections", "documents", "data", "time", "related_posts")

    def __init__(
        self, config: dict[str, Any], env: BuildEnvironment, site: Site, cache: dict[Any, Any],
        judge: Callable[[str, str, str, float | None], JudgedSource] | None = None,
    ) -> None:
        self._config = config
        self._env = env
        self._site = site
        self._cache = cache  # shared per app: front matter of each document
        #: how a document's front matter is judged (the build's, judged once: see store.sources)
        self._judge = judge or site.judge
        self._made: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key in self._made:
            return self._made[key]
        if key in self._LAZY:
            value = self._make(key)
        elif key in self._config:
            return self._config[key]
        elif key in self._collections():
            value = [d for d in self._documents() if d.get("collection") == key]
        else:
            raise KeyError(key)
        self._made[key] = value
        return value

    def __iter__(self) -> Iterator[str]:
        yield from self._config
        yield from (k for k in self._LAZY if k not in self._config)

    def __len__(self) -> int:
        return len(set(self._config) | set(self._LAZY))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._config or key in self._LAZY or key in self._collections())

    def _collections(self) -> list[str]:
        return ["posts", *(str(c) for c in self._site.settings.collections if str(c) != "posts")]

    def _make(self, key: str) -> Any:
        if key == "time":
            return JekyllTime.of(dt.datetime.now(self._site.tz))
        if key == "data":
            folder = Path(self._env.srcdir) / "_data"
            data = load_data(folder, self._cache, _warn_outside_data)
            if "authors" not in data and self._site.settings.authors:
                # blogposts_authors set in conf.py: the same entries as _data/authors.yml would give
                data = {**data, "authors": self._site.settings.authors}
            return DataDrop(data, folder, self._cache.get(("data_files", str(folder)), {}), self._env)
        docs = self._documents()
        if key == "related_posts":
            return self._related_posts()
        if key == "documents":
            return docs
        if key == "posts":
            return [d for d in docs if d.get("collection") == "posts"]
        if key == "pages":
            return [d for d in docs if d.get("collection") is None]
        if key in ("tags", "categories"):
            groups: dict[str, list[Any]] = {}
            for doc in self["posts"]:
                for name in doc.get(key) or []:
                    groups.setdefault(name, []).append(doc)
            return groups
        # collections
        return [
            {"label": name, "docs": [d for d in docs if d.get("collection") == name],
             "output": self._site.output(name), "relative_directory": f"_{name}"}
            for name in self._collections()
        ]

    def _related_posts(self) -> list[dict[str, Any]]:
        """Jekyll's ``site.related_posts``: the related posts of the page being
        rendered, by the build's own rule (:mod:`.core.related`); none for a page."""
        docs = self._documents()
        facts = self._made["_facts"]
        if self._env.docname not in facts:
            return []
        by_docname = dict(zip(facts, docs, strict=True))
        items = []
        for docname, (kind, language) in facts.items():
            if kind != "post":
                continue
            doc = by_docname[docname]
            date = doc.get("date")
            items.append(RelatedItem(
                docname=docname, timestamp=date.timestamp() if isinstance(date, dt.datetime) else None,
                language=language, collection=str(doc.get("collection") or "posts"),
                tags=tuple(str(t) for t in doc.get("tags") or ()),
                categories=tuple(str(c) for c in doc.get("categories") or ()),
            ))  # fmt: skip
        if facts[self._env.docname][0] != "post":
            return []
        related = related_index(items).related(self._env.docname, LIQUID_COUNT)
        return [by_docname[d] for d in related]

    @property
    def read_documents(self) -> bool:
        """Did the template use what other documents hold (``site.posts``, tags...)?"""
        return "_documents" in self._made

    def _documents(self) -> list[dict[str, Any]]:
        """Every published post and page, newest first (undated last)."""
        if "_documents" in self._made:
            return self._made["_documents"]

        facts = BlogpostsDomain.of(self._env).data["sources"]
        docs = []
        kinds: dict[str, tuple[str, str]] = {}  # docname -> (kind, language), for related_posts
        for docname in sorted(facts):
            entry = facts[docname]
            f = entry.facts
            if f.kind is None or docname not in self._env.found_docs or not f.published:
                continue
            key = ("doc", docname, entry.mtime_ns, entry.size)
            doc = self._cache.get(key)
            if doc is None:
                doc = self._cache[key] = self._read(docname, f)
            docs.append((docname, doc))
            kinds[docname] = (f.kind, self._site.languages.document_language(doc, doc.get("path", "")))
        epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
        docs.sort(key=lambda pair: (pair[1].get("date") or epoch, pair[1].get("path", "")), reverse=True)
        self._made["_facts"] = {docname: kinds[docname] for docname, _ in docs}
        self._made["_documents"] = [doc for _, doc in docs]
        return self._made["_documents"]

    def _read(self, docname: str, facts: Any) -> dict[str, Any]:
        path = self._env.doc2path(docname, False).as_posix()
        try:
            text = self._env.doc2path(docname).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            text = ""
        made = self._judge(docname, path, text, None)
        source, fields = made.source, made.fields
        doc = document_vars(fields, source, self._site, facts.permalink, facts.timestamp)
        if facts.kind == "post" and not doc.get("collection"):
            doc["collection"] = "posts"
        return doc


def _warn_outside_data(path: Path) -> None:
    warn(
        f"the data file {path.name} is a symbolic link to {os.path.realpath(path)}, outside the source folder; "
        "it is not read",
        BlogWarning.LINK,
        location=f"{path}:1",
        once=True,  # every parallel worker reads _data/; it is said once
    )


#: The domain's key of the files each document waits for (see ``BlogpostsData``).
AWAITED_KEY = "awaited_files"
#: Missing files remembered one by one per document; past that, their folders are watched.
MAX_AWAITED = 100
_DATA_SUFFIXES = (".yml", ".yaml", ".json")


def note_used_file(env: BuildEnvironment | None, path: str | Path) -> None:
    """Make the document being read depend on ``path``, a file its Liquid read
    (an include, ``include_relative``, a ``_data/`` file): Sphinx then reads the
    document again when that file changes or goes away.  A file that is not
    there yet is remembered, and the document read again once it is
    (:func:`awaited_changed`)."""
    if env is None or not env.docname:
        return
    if os.path.isfile(path):
        env.note_dependency(path)
    elif not os.path.exists(path):
        # a missing Sphinx dependency would make Sphinx read the document on every build
        _remember(env, path, listed=False)


def _listing(folder: str | Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def _remember(env: BuildEnvironment, path: str | Path, listed: bool) -> None:
    """Note in the domain a file the document waits for, or (``listed``) a folder
    whose list of files it showed."""
    srcdir = os.path.realpath(env.srcdir)
    real = os.path.realpath(path)
    if not real.startswith(srcdir + os.sep):
        return
    awaited = BlogpostsDomain.of(env).data["awaited_files"].setdefault(env.docname, {})
    if not listed and len(awaited) >= MAX_AWAITED:
        # a page looking for thousands of files: watch the nearest folder that is there
        real, listed = os.path.dirname(real), True
        while real != srcdir and not os.path.isdir(real):
            real = os.path.dirname(real)
    relpath = os.path.relpath(real, srcdir)
    if relpath not in awaited:
        awaited[relpath] = _listing(real) if listed else None


def awaited_changed(srcdir: str | Path, awaited: dict[str, list[str] | None]) -> bool:
    """Has a file that a document waited for appeared, or a folder it listed changed?"""
    for relpath, listing in awaited.items():
        path = os.path.join(srcdir, relpath)
        if listing is None and os.path.exists(path):
            return True
        if listing is not None and _listing(path) != listing:
            return True
    return False


class DataDrop(Mapping[str, Any]):
    """``site.data``: a document depends on the ``_data/`` files whose values its
    Liquid reads, not on the whole folder."""

    def __init__(
        self, data: dict[str, Any], folder: Path, files: dict[str, list[Path]], env: BuildEnvironment | None
    ) -> None:
        self._data = data
        self._folder = folder
        self._files = files  # top-level key -> the files it was loaded from
        self._env = env

    def __getitem__(self, key: str) -> Any:
        if key not in self._data:
            if isinstance(key, str) and key and "/" not in key and not key.startswith("."):
                # not there yet: the files (or the folder) that would make it
                for name in (*(key + suffix for suffix in _DATA_SUFFIXES), key):
                    note_used_file(self._env, self._folder / name)
            raise KeyError(key)
        for path in self._files.get(key, ()):
            note_used_file(self._env, path)
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        # a loop over site.data may show every value: depend on every file, and
        # on the list of files (a new one is a new entry)
        if self._env is not None and self._env.docname:
            _remember(self._env, self._folder, listed=True)
        for key in self._data:
            self[key]
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def load_data(folder: Path, cache: dict[Any, Any], report: Callable[[Path], None] | None = None) -> dict[str, Any]:
    """``_data/`` as ``site.data`` (YAML and JSON files, folders as nested maps).

    A file that is a symbolic link out of the site is not read; ``report`` is
    called with its path.  ``cache[("data_files", folder)]`` keeps which files
    each top-level key came from."""
    if ("data", str(folder)) in cache:
        return cache[("data", str(folder))]

    data: dict[str, Any] = {}
    files: dict[str, list[Path]] = {}
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in _DATA_SUFFIXES or not path.is_file():
                continue
            if not inside(path, folder.parent):  # a symbolic link out of the site
                if report is not None:
                    report(path)
                continue
            parts = path.relative_to(folder).with_suffix("").parts
            if path.suffix.lower() == ".json":
                try:
                    value = json.loads(path.read_text(encoding="utf-8-sig"))
                except (OSError, ValueError):
                    continue
            else:
                value = load_data_file(path)
            node = data
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = value
            files.setdefault(parts[0], []).append(path)
    cache[("data", str(folder))] = data
    cache[("data_files", str(folder))] = files
    return data
