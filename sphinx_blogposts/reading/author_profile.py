"""The author box, made while a page is read: minimal-mistakes' ``author_profile``.

A page whose fields (front matter after ``defaults:``) have
``author_profile: true`` gets a box with its author
(:func:`.core.authors.post_author`: the ``authors.yml`` entry its ``author:``
names, else the site's ``author:``), at the end of its body, before the
previous/next links; each author's archive page (``authors/<slug>``) gets the
box under its title.  The box is an :class:`~.store.nodes.author_box` of native
nodes, so the avatar is an image Sphinx copies (its collector runs after this
transform, at 880) and every builder has the text; :mod:`.output.author_box`
renders it.

The box is made from the settings (``blogposts_author``,
``blogposts_authors``), which are configuration values: editing
``_config.yml`` or ``_data/authors.yml`` changes them, and Sphinx reads every
page again, so incremental builds show the same boxes as fresh ones.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.authors import Author, avatar_address, post_author, shown_links, shows_profile
from ..core.config import BlogpostsConfig, conf_py_line
from ..core.guards import document_guard
from ..core.urls import is_unsafe, resolve
from ..core.warnings import BlogWarning, warn
from ..html.convert import Converter, render_markdown_inline
from ..html.figures import site_address
from ..liquid.context import note_used_file
from ..store.domain import BlogpostsDomain
from ..store.nodes import author_box, post_nav_node
from ..store.settings import settings_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The ``archive_map`` keys of author pages: the site's, and each blog's (``author@es/news``).
_AUTHOR_KINDS = re.compile(r"^author(@.*)?$")


def archive_author(archive_map: dict[str, dict[str, str]], docname: str) -> str | None:
    """The author whose archive page ``docname`` is, or ``None``."""
    for kind, pages in archive_map.items():
        if _AUTHOR_KINDS.match(kind):
            for name, page in pages.items():
                if page == docname:
                    return name
    return None


class AuthorProfile(SphinxTransform):
    """Put the author box in a page that asks for it, and atop an author's archive page."""

    #: after the post's section is made (700) and its {:toc} (701); before
    #: Sphinx collects images (880), so the avatar is copied
    default_priority = 702

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        with document_guard(
            (docname, 1), "making the author box", BlogWarning.DIRECTIVE, "the page has no author box"
        ):
            self._apply(docname)

    def _apply(self, docname: str) -> None:
        settings = settings_of(self.env)
        if not settings.authors and not settings.author:
            return
        section = next((c for c in self.document.children if isinstance(c, nodes.section)), None)
        if section is None:
            return
        domain = BlogpostsDomain.of(self.env)
        record = domain.posts.get(docname)
        if record is not None and shows_profile(record.meta):
            author = post_author(record.authors, settings.authors, settings.author)
            if author is not None:
                box = author_box_node(author, self.env, docname, "post", record.lineno)
                nav = next((c for c in section.children if isinstance(c, post_nav_node)), None)
                if nav is not None:
                    nav.parent.insert(nav.parent.index(nav), box)
                else:
                    section += box
            return
        name = archive_author(domain.data["archive_map"], docname)
        if name is not None:
            author = post_author([name], settings.authors, settings.author)
            if author is not None:
                section.insert(1, author_box_node(author, self.env, docname, "archive", 1))


def author_box_node(author: Author, env: BuildEnvironment, docname: str, place: str, line: int) -> author_box:
    """The box of ``author`` as native nodes (``place``: ``"post"`` or ``"archive"``)."""
    links = [(label, url) for label, url in shown_links(author) if not is_unsafe(url)]
    box = author_box(
        author={
            "key": author.key, "name": author.name, "avatar": author.avatar, "bio": author.bio,
            "location": author.location, "email": author.email, "uri": author.uri, "links": links,
        },
        place=place,
        avatar_url="",
        # on a post, the box is the site's, not the post's: a search for the
        # author's bio should not find every post (Sphinx skips "no-search")
        classes=["blogposts-author-box", *(["no-search"] if place == "post" else [])],
    )
    box.source, box.line = env.doc2path(docname).as_posix(), line
    avatar = _avatar(author, env)
    if isinstance(avatar, nodes.image):
        box += avatar
    elif avatar:
        box["avatar_url"] = avatar
    box += nodes.paragraph("", "", nodes.strong(text=author.name), classes=["blogposts-author-name"])
    if author.bio:
        settings = settings_of(env)

        def report(message: str, subtype: BlogWarning, _line: int) -> None:
            warn(f"the bio of the author {author.name!r}: {message}", subtype, location=(docname, line))

        # the bio is written in _config.yml or _data/: its relative links are the site root's
        converter = Converter(Path(env.srcdir), docname, site_address(settings), report, folder="")
        bio = converter.inline(render_markdown_inline(author.bio))
        box += nodes.paragraph("", "", *bio, classes=["blogposts-author-bio"])
    if author.location:
        box += nodes.paragraph("", author.location, classes=["blogposts-author-location"])
    if links:
        items = nodes.bullet_list(classes=["blogposts-author-links"])
        for label, url in links:
            items += nodes.list_item("", nodes.paragraph("", "", nodes.reference(label, label, refuri=url)))
        box += items
    return box


def _avatar(author: Author, env: BuildEnvironment) -> nodes.image | str:
    """The avatar as an image node (a file of the site), a URL, or ``""``.

    A file that is not there yet is remembered: the page is read again once
    it is (the missing file itself is reported once, by :func:`check_avatars`).
    """
    address = avatar_address(author.avatar)
    if not address:
        return ""
    target = resolve(address, Path(env.srcdir), "", site_address(settings_of(env)))
    if target.kind == "local":
        return nodes.image(uri="/" + target.path, alt=author.name, classes=["blogposts-avatar"])
    if target.kind == "remote" and target.url.lower().startswith(("http://", "https://")):
        return target.url
    if target.kind == "missing":
        note_used_file(env, Path(env.srcdir) / target.path)
    return ""


def check_avatars(app: Sphinx) -> None:
    """Once per build (``builder-inited``): :func:`warn_avatars` for this build's settings."""
    raw = getattr(app.config, "_raw_config", {})
    warn_avatars(settings_of(app.env), Path(app.srcdir), Path(app.confdir) / "conf.py", frozenset(raw))


def warn_avatars(settings: BlogpostsConfig, srcdir: Path, conf_py: Path, in_conf_py: Collection[str]) -> None:
    """Every author whose avatar cannot be shown, with a warning at the setting
    that names it (the build and ``sphinx-blogposts check``); the box goes without it.

    ``in_conf_py``: the names ``conf.py`` sets (their warnings point there).
    """
    site = site_address(settings)
    entries: list[tuple[Any, str]] = []
    if settings.author:
        where = _location(srcdir, conf_py, "blogposts_author" in in_conf_py, "blogposts_author",
                          settings.jekyll_config, "author")
        entries.append((settings.author, where))
    for key, value in (settings.authors or {}).items():
        if isinstance(value, dict):
            where = _location(srcdir, conf_py, "blogposts_authors" in in_conf_py, "blogposts_authors",
                              "_data/authors.yml", str(key))
            entries.append((value | {"_key": key}, where))
    for value, location in entries:
        avatar = value.get("avatar") if isinstance(value, dict) else None
        if not isinstance(avatar, str) or not avatar.strip():
            continue
        name = value.get("name") or value.get("_key") or "the site's author"
        target = resolve(avatar_address(avatar), srcdir, "", site)
        problem = _avatar_problem(target.kind, avatar.strip(), target.path)
        if problem:
            warn(f"the avatar of the author {str(name)[:100]!r}: {problem}; the author box goes without it",
                 BlogWarning.IMAGE, location=location)


def _avatar_problem(kind: str, avatar: str, path: str) -> str | None:
    if kind == "local" or (kind == "remote" and avatar.lower().startswith(("http://", "https://"))):
        return None
    if kind == "missing":
        return f"image file not found: {path}"
    if kind == "outside":
        return f"{avatar[:200]!r} is outside the source folder"
    if kind == "unsafe":
        return "a script URL is not an image"
    return f"{avatar[:200]!r} is not an image file"


def _location(srcdir: Path, conf_py: Path, from_conf_py: bool, setting: str, relpath: str, key: str) -> str:
    """``file:line`` of ``key`` in the site's file, or of ``setting`` in conf.py."""
    if from_conf_py:
        return conf_py_line(conf_py, setting)
    path = srcdir / relpath
    pattern = re.compile(rf"^[\"']?{re.escape(key)}[\"']?\s*:")
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            for number, text in enumerate(f, 1):
                if pattern.match(text):
                    return f"{path}:{number}"
    except OSError:
        pass
    return f"{path}:1" if os.path.isfile(path) else conf_py_line(conf_py, setting)
