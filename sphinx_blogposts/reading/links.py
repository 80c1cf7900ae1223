"""Links between posts written for the old site become links Sphinx checks.

A post may link to another by the site's absolute address
(``https://user.github.io/ai/00002_dalle``), by a root-relative permalink
(``/ai/00002_dalle/``), or — rewritten at source-read — by ``{% post_url %}``
and ``{% link %}``.  Each becomes a cross-reference to the document that now
has that URL (``url_map``, see :mod:`.output.redirects`), so Sphinx writes a relative
link that survives any prefix and reports it if the target disappears.  A link
to the site that matches no page is reported and kept as written.
"""

from __future__ import annotations

import os
import posixpath
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ..core.permalinks import url_key
from ..core.safe_paths import inside, outside_source
from ..core.warnings import BlogWarning, warn
from ..html.figures import site_address
from ..store.domain import BlogpostsDomain
from ..store.keys import guarded
from ..store.settings import settings_of
from ..store.site_urls import jekyll_url

if TYPE_CHECKING:
    pass


def post_reference(fromdoc: str, docname: str, anchor: str, children: list[nodes.Node]) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", refdomain="blogposts", reftype="post", reftarget=docname, refanchor=anchor,
        refexplicit=True, refdoc=fromdoc,
    )  # fmt: skip
    ref += nodes.inline("", "", *children, classes=["blogposts-post-link"])
    return ref


class InternalLinks(SphinxTransform):
    """Turn links to the old site's pages into references (priority 695, after HTML conversion)."""

    default_priority = 695

    def apply(self, **kwargs: object) -> None:
        self._placeholder_links()
        data = BlogpostsDomain.of(self.env).data
        url_map: dict[str, str] = data["url_map"]
        site = site_address(settings_of(self.env))
        if not url_map and not site.host:
            return
        base = site.baseurl.rstrip("/")
        for node in list(self.document.findall(nodes.reference)):
            refuri = node.get("refuri", "")
            if not refuri or node.get("internal") or node.get("refid"):
                continue
            parts = urllib.parse.urlsplit(refuri)
            own_site = parts.scheme in ("http", "https") and site.host and parts.netloc.lower() == site.host
            if own_site or (not parts.scheme and not parts.netloc and refuri.startswith("/")):
                path = parts.path
                if base and (path == base or path.startswith(base + "/")):
                    path = path[len(base) :]
                self._replace(node, path, parts.fragment, url_map, refuri, warn_missing=bool(own_site))
        jekyll = settings_of(self.env).jekyll_site
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = node.get("reftarget", "")
            if node.get("reftype") != "myst" or node.get("refdomain") == "doc":
                continue  # a document MyST found itself
            if target.startswith("/") and url_key(target) in url_map:
                if self.env.found_docs and url_key(target) in self.env.found_docs:
                    continue  # a document path: MyST resolves it
                path, _, fragment = target.partition("#")
                self._replace(node, path, fragment, url_map, target, warn_missing=False)
            elif jekyll and _looks_like_a_path(target):
                self._jekyll_link(node, target, url_map, base)

    def _jekyll_link(self, node: addnodes.pending_xref, target: str, url_map: dict[str, str], base: str) -> None:
        """A link written for Jekyll's URL layout (``../linux/`` on ``/docs/install/``,
        ``/ai/``): resolved against this page's Jekyll URL to the document there; kept
        as written when a file or folder of the site answers it; warned about only
        when nothing does.  Never ``href="#../linux/"``."""
        written, _, fragment = target.partition("#")
        here = jekyll_url(self.env, self.env.docname) or "/" + self.env.docname + ".html"
        path = urllib.parse.urljoin("http://site" + here, written)[len("http://site") :]
        if base and (path == base or path.startswith(base + "/")):
            path = path[len(base) :] or "/"
        key = url_key(path)
        docname = url_map.get(key) if key else self.config.root_doc
        found = self.env.found_docs
        if docname is None:
            docname = next((d for d in (key, f"{key}/index") if d in found), None)
        if docname is not None:
            node.replace_self(post_reference(self.env.docname, docname, fragment, list(node.children)))
            return
        local = posixpath.normpath(urllib.parse.unquote(path).lstrip("/") or ".")
        answered = not local.startswith("..") and (
            inside(Path(self.env.srcdir) / local, self.env.srcdir)
            and ((Path(self.env.srcdir) / local).is_file() or (Path(self.env.srcdir) / local / "index.html").is_file())
        )
        if not answered:
            warn(
                f"{target!r} points at no page or file of this site; the link is kept as written",
                BlogWarning.LINK,
                location=(self.env.docname, _line_of(node)),
            )
        node.replace_self(nodes.reference("", "", *node.children, refuri=target))

    def _placeholder_links(self) -> None:
        """``[text](#)``, a placeholder that Jekyll writes as ``href="#"``: MyST would
        look for an anchor with no name and warn; it stays a link to the top of the page."""
        for node in self.document.findall(nodes.reference):
            if node.get("id_link") and node.get("refuri") == "#":
                del node["id_link"]  # MyST resolves id links later; this one is plain

    def _replace(
        self, node: nodes.Element, path: str, fragment: str, url_map: dict[str, str], written: str, warn_missing: bool
    ) -> None:
        key = url_key(path)
        docname = url_map.get(key) if key else self.config.root_doc
        if docname is None:
            if warn_missing:
                warn(
                    f"{written!r} points at the old site but at no page of this one; the link is kept as written",
                    BlogWarning.LINK,
                    location=node,
                )
            return
        node.replace_self(post_reference(self.env.docname, docname, fragment, list(node.children)))


class OutsideDownloads(SphinxTransform):
    """A link to a file outside the source folder publishes nothing (priority 696).

    MyST makes ``[x](../../secret.txt)`` and ``{download}`` a download
    reference, and Sphinx copies its file into ``_downloads/`` when the
    document has been read; in posts (and every page of a Jekyll site) a file
    outside the source folder, or reached through a symbolic link out of it,
    is not copied: the link's text stays, as text, with a ``blogposts.link``
    warning.
    """

    default_priority = 696

    def apply(self, **kwargs: object) -> None:
        if not guarded(self.env):
            return
        real_srcdir = os.path.realpath(self.env.srcdir)
        for node in list(self.document.findall(addnodes.download_reference)):
            target = node.get("reftarget", "")
            if not target or "://" in target:
                continue  # a URL: Sphinx links to it and copies nothing
            _, path = self.env.relfn2path(target, self.env.docname)
            if not outside_source(path, real_srcdir):
                continue
            warn(
                f"the link to {target!r} leads to a file outside the source folder; it is not published",
                BlogWarning.LINK,
                location=(self.env.docname, _line_of(node)),
            )
            node.replace_self(nodes.inline("", "", *node.children))


def _looks_like_a_path(target: str) -> bool:
    """A link target written as a path of the site (``../x/``, ``/ai/``, ``x.html``),
    not a Sphinx label, an anchor or an address."""
    if not target or target.startswith("#") or "://" in target or target.startswith(("mailto:", "//")):
        return False
    path = target.partition("#")[0]
    return path.startswith(("/", "./", "../")) or path.endswith(("/", ".html")) or "/" in path


def _line_of(node: nodes.Node) -> int:
    """The source line of ``node`` or of its nearest ancestor that knows it."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line  # type: ignore[return-value]
        node = node.parent
    return 1

