"""Per-document records in the environment, safe for parallel and incremental builds.

The ``blogposts`` domain keeps one :class:`~.post_record.PostRecord` per
document in ``env.domaindata["blogposts"]["posts"]``.  Sphinx calls
:meth:`clear_doc` before a document is read again and
:meth:`merge_domaindata` with the documents a parallel worker read; we copy
exactly those, so nothing inherited by a forked worker leaks back.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

from ..core.post_index import build_index
from ..core.post_record import PostRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.documents import Site


class BlogpostsDomain(Domain):
    """Holds the post records; also offers ``.. blogposts:post::`` (registered by the directive)."""

    name = "blogposts"
    label = "Blog posts"
    data_version = 2
    initial_data: dict[str, Any] = {
        "posts": {},  # docname -> PostRecord
        "sources": {},  # docname -> (mtime_ns, size, SourceFacts): discovery cache
        "sources_key": "",  # the settings the cache was made with
        "reencoded": {},  # docname -> source path of files read from a UTF-8 copy
        "generated": {},  # docname -> shown source name of generated pages
        "lists": {},  # docname -> [ListSpec as dict] of the post lists on that page
        "digests": {},  # docname -> fingerprint of what its lists/links showed when written
        "archive_map": {},  # kind -> name -> docname of generated pages
        "nav_pages": [],  # generated pages in the site navigation
        "enumerables": {},  # docname -> [(figtype, id)] of posts, for their own figure numbers
        "site_readers": {},  # docname -> True: its Liquid reads site.posts & co. (re-read on changes)
    }

    @property
    def posts(self) -> dict[str, PostRecord]:
        return self.data["posts"]

    def clear_doc(self, docname: str) -> None:
        self.data["posts"].pop(docname, None)
        self.data["lists"].pop(docname, None)
        self.data["enumerables"].pop(docname, None)
        self.data.setdefault("site_readers", {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("posts", "lists", "enumerables", "site_readers"):
            other = otherdata.get(key, {})
            self.data.setdefault(key, {})
            for docname in docnames:
                if docname in other:
                    self.data[key][docname] = other[docname]

    def note_list(self, docname: str, spec: Any) -> None:
        self.data["lists"].setdefault(docname, []).append(spec.as_dict())

    def resolve_xref(
        self, env: Any, fromdocname: str, builder: Any, typ: str, target: str, node: Any, contnode: Any
    ) -> Any:
        """``post`` references made from links to the old site (see :mod:`.links`)."""
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
    def source_cache(cls, env: BuildEnvironment, site: Site) -> dict[str, Any]:
        """The discovery cache, emptied when the settings it depends on change."""
        data = cls.of(env).data
        s = site.settings
        key = repr(
            (s.jekyll_site, s.collections, s.collections_dir, s.defaults, s.timezone, s.markdown_ext)
        )
        if data.get("sources_key") != key:
            data["sources"] = {}
            data["sources_key"] = key
        return data["sources"]

    def posts_in(self, docnames: Iterable[str]) -> list[PostRecord]:
        return [self.posts[d] for d in docnames if d in self.posts]


def register_domain(app: Sphinx) -> None:
    """The domain that holds the records."""
    app.add_domain(BlogpostsDomain)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Index the records once all documents are read and merged (main process)."""
    domain = BlogpostsDomain.of(env)
    domain.data["index"] = build_index(domain.posts)
    return []
