"""Per-document records in the environment, safe for parallel and incremental builds.

The ``blogposts`` domain keeps one :class:`~.core.post_record.PostRecord` per
document in ``env.domaindata["blogposts"]["posts"]``.  Sphinx calls
:meth:`clear_doc` before a document is read again and
:meth:`merge_domaindata` with the documents a parallel worker read; we copy
exactly those, so nothing inherited by a forked worker leaks back.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, TypedDict

from sphinx.domains import Domain

from ..core.facts import CachedFacts, SourceFacts
from ..core.post_index import PostIndex, build_index
from ..core.post_record import PostRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.documents import Site

#: (message, docname) of a problem reported once, when it first appears.
Problems = list[tuple[str, str]]


class BlogpostsData(TypedDict):
    """Everything the extension keeps in the environment: every key, in one place."""

    # -- per document: cleared when the document is read again, merged back from
    #    parallel workers (:data:`PER_DOCUMENT`)
    #: docname -> the post's or page's record
    posts: dict[str, PostRecord]
    #: docname -> the post lists on that page (``ListSpec.as_dict()``)
    lists: dict[str, list[dict[str, Any]]]
    #: docname -> (figtype, node id) of a post's numberable nodes, in document order
    enumerables: dict[str, list[tuple[str, str]]]
    #: docname -> True: its Liquid reads ``site.posts`` & co. (read again on any change)
    site_readers: dict[str, bool]
    #: docname -> {path in the site: None (a file its Liquid looked for and did not
    #: find) or the names a folder held when it was listed}: read again when they change
    awaited_files: dict[str, dict[str, list[str] | None]]
    # -- the whole build: made in the main process, between reading and writing
    #: docname -> discovery's facts, with the file identity they were read from
    sources: dict[str, CachedFacts]
    #: the settings the discovery cache was made with
    sources_key: str
    #: docname -> source path of files read from a UTF-8 copy
    reencoded: dict[str, str]
    #: docname -> shown source name of generated pages
    generated: dict[str, str]
    #: kind -> name -> docname of generated pages ("collection", "tag", "year", "index"...)
    archive_map: dict[str, dict[str, str]]
    #: generated page -> its language (a blog's pages: the blog's; :mod:`.store.labels`)
    page_languages: dict[str, str]
    #: page name -> pages 2, 3... of paginated lists, written by the HTML builders
    #: without being documents (:class:`.generate.plan.ListPage` records)
    list_pages: dict[str, dict[str, Any]]
    #: docname -> (language, docname) of each of its translations, itself included
    #: (:mod:`.output.translations`), for the documents that have one
    translations: dict[str, list[tuple[str, str]]]
    #: generated pages in the site navigation
    nav_pages: list[str]
    #: the root toctree's entries, (title or None, docname / URL / static placeholder)
    nav_entries: list[tuple[str | None, str]]
    #: the menu's problems, as last reported (None: never planned)
    nav_problems: list[tuple[str, str, int, str]] | None
    #: the generated pages' plan problems, as last reported (None: never planned)
    plan_problems: Problems | None
    #: old URL key -> docname that owns it
    url_map: dict[str, str]
    #: docname -> its old URL paths (permalink, redirect_from)
    old_urls: dict[str, list[str]]
    #: ``{% post_url name %}`` -> source path
    post_files: dict[str, str]
    #: docname derived from a document's URL -> the docname of its source path
    moved: dict[str, str]
    #: old URLs claimed twice, as last reported (None: never claimed)
    url_problems: Problems | None
    #: documents that could not move to their URL's docname, as last reported
    move_problems: Problems | None
    #: the index of all posts (None until the first ``env-updated``)
    index: PostIndex | None
    #: docname -> fingerprint of what its lists and links showed when last written
    digests: dict[str, str]
    #: post -> its related posts, made once per build (:mod:`.output.related_posts`)
    related: dict[str, list[str]]
    #: post -> fingerprint of its related posts when it was last written
    related_digests: dict[str, str]
    #: docname -> figure numbers given to posts outside every toctree
    local_fignumbers: dict[str, dict[str, dict[str, tuple[int, ...]]]]
    #: "<builder>:<output folder>" -> the images and downloads copied there
    copied_assets: dict[str, list[str]]


INITIAL_DATA: BlogpostsData = {
    "posts": {}, "lists": {}, "enumerables": {}, "site_readers": {}, "awaited_files": {},
    "sources": {}, "sources_key": "", "reencoded": {}, "generated": {}, "archive_map": {},
    "page_languages": {}, "list_pages": {}, "translations": {},
    "nav_pages": [], "nav_entries": [], "nav_problems": None, "plan_problems": None, "url_map": {}, "old_urls": {}, "post_files": {},
    "moved": {}, "url_problems": None, "move_problems": None, "index": None, "digests": {},
    "related": {}, "related_digests": {}, "local_fignumbers": {}, "copied_assets": {},
}  # fmt: skip
#: The keys that hold one entry per document.
PER_DOCUMENT = ("posts", "lists", "enumerables", "site_readers", "awaited_files")


class BlogpostsDomain(Domain):
    """Holds the post records; also offers ``.. blogposts:post::`` (registered by the directive)."""

    name = "blogposts"
    label = "Blog posts"
    data_version = 8  # 4: nav_entries, nav_problems; 5: moved, move_problems; 6: languages; 7: related; 8: list_pages
    initial_data: dict[str, Any] = INITIAL_DATA  # type: ignore[assignment]
    data: BlogpostsData  # type: ignore[assignment]

    @property
    def posts(self) -> dict[str, PostRecord]:
        return self.data["posts"]

    @property
    def index(self) -> PostIndex:
        """The index of all posts (made from the records when asked before ``env-updated``)."""
        index = self.data["index"]
        return index if index is not None else build_index(self.posts)

    def facts(self, docname: str) -> SourceFacts | None:
        """Discovery's facts of one document (``None`` when it has none)."""
        entry = self.data["sources"].get(docname)
        return entry.facts if entry is not None else None

    #: A document was read again or removed in this build (the domain is made anew
    #: for every build): until then no record, title or list has changed.
    records_changed: bool = False

    def clear_doc(self, docname: str) -> None:
        self.records_changed = True
        for key in PER_DOCUMENT:
            self.data[key].pop(docname, None)  # type: ignore[literal-required]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOCUMENT:
            mine, other = self.data[key], otherdata[key]  # type: ignore[literal-required]
            for docname in docnames:
                if docname in other:
                    mine[docname] = other[docname]

    def note_list(self, docname: str, spec: Any) -> None:
        self.data["lists"].setdefault(docname, []).append(spec.as_dict())

    def resolve_xref(
        self, env: Any, fromdocname: str, builder: Any, typ: str, target: str, node: Any, contnode: Any
    ) -> Any:
        """``post`` references made from links to the old site (see :mod:`.reading.links`)."""
        from sphinx.util.nodes import make_refnode

        if typ != "post" or target not in env.all_docs:
            return None
        anchor = node.get("refanchor", "")
        return make_refnode(builder, fromdocname, target, anchor, contnode)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()

    # -- helpers for the other modules ------------------------------------

    @staticmethod
    def of(env: BuildEnvironment) -> BlogpostsDomain:
        return env.domains["blogposts"]  # type: ignore[return-value]

    @classmethod
    def source_cache(cls, env: BuildEnvironment, site: Site) -> dict[str, CachedFacts]:
        """The discovery cache, emptied when the settings it depends on change."""
        data = cls.of(env).data
        s = site.settings
        key = repr(
            # the permalink style and the languages decide every URL the facts keep
            (s.jekyll_site, s.collections, s.collections_dir, s.defaults, s.timezone, s.markdown_ext, s.permalink,
             site.languages, site.github)  # fmt: skip
        )
        if data["sources_key"] != key:
            data["sources"] = {}
            data["sources_key"] = key
        return data["sources"]

    def posts_in(self, docnames: Iterable[str]) -> list[PostRecord]:
        return [self.posts[d] for d in docnames if d in self.posts]


def published_docs(env: BuildEnvironment) -> set[str]:
    """The files discovery kept in this build (after its ``env-get-outdated``)."""
    return {d for d in BlogpostsDomain.of(env).data["sources"] if d in env.found_docs}


def register_domain(app: Sphinx) -> None:
    """The domain that holds the records."""
    app.add_domain(BlogpostsDomain)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Index the records once all documents are read and merged (main process)."""
    domain = BlogpostsDomain.of(env)
    domain.data["index"] = build_index(domain.posts)
    return []


#: The application's attribute that holds the pid of the process that starts reading.
MAIN_PID = "_blogposts_main_pid"
#: ... and the pid of the parallel reader that already let go of the records it inherited.
PRUNED_PID = "_blogposts_pruned_pid"


class ReaderData(dict):
    """The domain's data, which a parallel reader sends back with only its own
    documents' records.

    Sphinx pickles a reader's whole environment for the main process, which
    merges from our domain only the per-document records of the documents that
    reader read (:meth:`BlogpostsDomain.merge_domaindata`).  The rest — the
    discovery facts of every file, the URL maps, the plan of generated pages —
    is the main process's, which readers use but never change; sending it back
    from every reader cost the main process an unpickling that grew with
    documents x readers.  Pickled in the main process (the saved environment),
    it is whole."""

    main_pid: int | None = None

    def __reduce__(self) -> tuple:
        if self.main_pid is not None and os.getpid() != self.main_pid:
            return (dict, ({k: v for k, v in self.items() if k in PER_DOCUMENT or k == "version"},))
        return (dict, (dict(self),))


def note_main_process(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Remember which process forks the parallel readers (``env-before-read-docs``),
    and let readers send back only their own records (:class:`ReaderData`)."""
    app.__dict__[MAIN_PID] = os.getpid()
    domain = BlogpostsDomain.of(env)
    if not isinstance(domain.data, ReaderData):
        data = ReaderData(domain.data)
        env.domaindata[domain.name] = data
        domain.data = data  # type: ignore[assignment]
    domain.data.main_pid = os.getpid()


#: At most this many documents to read are read in the main process, even with ``-j``.
SERIAL_READ_MAX = 5
#: The application's attribute that keeps ``app.parallel`` while a few documents are read serially.
SAVED_PARALLEL = "_blogposts_saved_parallel"


def read_few_serially(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Read a handful of documents in the main process (``env-before-read-docs``).

    Sphinx 9 forks a reader for any number of documents; the reader pickles the
    whole environment back and the main process unpickles it, which on a large
    site costs far more than reading the one edited post (older Sphinx read at
    most five documents serially, as here).  The result is the same either way;
    ``app.parallel`` is given back at ``env-updated``, so writing stays parallel."""
    if app.parallel > 1 and len(docnames) <= SERIAL_READ_MAX:
        app.__dict__[SAVED_PARALLEL] = app.parallel
        app.parallel = 1


def restore_parallel(app: Sphinx, env: Any) -> list[str]:
    """Give ``app.parallel`` back once reading is done (``env-updated``), before writing."""
    saved = app.__dict__.pop(SAVED_PARALLEL, None)
    if saved is not None:
        app.parallel = saved
    return []


def leave_inherited_records(app: Sphinx, docname: str, source: list[str]) -> None:
    """In a parallel reader, before its first document, drop the per-document records
    it inherited from the main process (``source-read``).

    Sphinx sends every reader's whole environment back to the main process, which
    merges only the records of the documents that reader read
    (:meth:`BlogpostsDomain.merge_domaindata`); the inherited ones (every document
    merged before the reader was forked) were pickled and unpickled for nothing, a
    cost that grew with documents x readers.  Readers never look at other
    documents' records (Liquid reads discovery's facts)."""
    pid = os.getpid()
    if app.__dict__.get(MAIN_PID, pid) == pid or app.__dict__.get(PRUNED_PID) == pid:
        return
    app.__dict__[PRUNED_PID] = pid
    data = BlogpostsDomain.of(app.env).data
    for key in PER_DOCUMENT:
        data[key].clear()  # type: ignore[literal-required]

