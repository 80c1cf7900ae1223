"""Jekyll's tags that name other files: ``{% post_url %}`` and ``{% link %}`` (the
URL of a post or of a file of the site, under ``baseurl``, as Jekyll's
``relative_url`` writes it), and jekyll-gist's ``{% gist %}``.

``post_url`` finds its post by :func:`.core.post_names.find_post`, the rule the
link rewrites and ``sphinx-blogposts check`` use too; ``link`` takes a source
path (``_posts/x.md``, ``about.md``, ``/css/screen.css``).  Both may build the
name with ``{{ }}``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import TextIO

from liquid.ast import Node
from liquid.context import RenderContext
from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import Token

from ..core.post_names import PostNameError, find_post
from ..core.safe_paths import inside
from ..core.static_files import published
from .tags import IncludeError, JekyllEnvironment, OutputNode, _expression, _render_text
from .url_filters import compute_relative_url


class _LinkNode(OutputNode):
    __slots__ = ("kind", "target")

    def __init__(self, token: Token, kind: str, target: str) -> None:
        super().__init__(token)
        self.kind = kind
        self.target = target

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        env: JekyllEnvironment = context.env  # type: ignore[assignment]
        target = _render_text(context, self.target, self.token).strip()
        relpath = self._post(env, target) if self.kind == "post_url" else self._file(env, target)
        site = context.resolve("site", default=None)
        baseurl = site.get("baseurl") if isinstance(site, Mapping) else None
        # Jekyll writes the URL of what is named, under the site's baseurl (relative_url)
        buffer.write(compute_relative_url(env.file_urls.get(relpath) or "/" + relpath, baseurl))
        return True

    def _post(self, env: JekyllEnvironment, target: str) -> str:
        try:
            relpath = find_post(target, env.post_files)
        except PostNameError as exc:
            raise IncludeError(f"{{% post_url {target} %}}: {exc}", token=self.token) from None
        if relpath is None:
            raise IncludeError(f"{{% post_url {target} %}} names no published post", token=self.token)
        return relpath

    def _file(self, env: JekyllEnvironment, target: str) -> str:
        path = posixpath.normpath(target.strip("\"'").lstrip("/"))
        root = env.site_root.resolve()
        full = (root / path).resolve()
        if path.startswith("..") or not inside(full, root) or not full.is_file():
            raise IncludeError(f"{{% link {target} %}} names no file of the site", token=self.token)
        if path not in env.file_urls and not published(path, env.published_names):
            # Jekyll links only to what it writes: a document, or a file it copies
            raise IncludeError(f"{{% link {target} %}} names a file the site does not publish", token=self.token)
        return path


def _link_tag(kind: str) -> type[Tag]:
    class LinkTag(Tag):
        name = kind
        block = False

        def parse(self, stream: TokenStream) -> Node:
            token, expr = _expression(stream)
            if not expr:
                raise LiquidSyntaxError(f"{kind} needs a name", token=token)
            return _LinkNode(token, kind, expr)

    LinkTag.__name__ = f"{kind.title().replace('_', '')}Tag"
    return LinkTag


#: ``user/0123abcd`` or ``0123abcd``, then maybe a file name (jekyll-gist's syntax).
_GIST = re.compile(r"^(?P<id>(?:[\w.-]+/)?[0-9a-fA-F]+)(?:\s+(?P<file>\S+))?$")


class _GistNode(OutputNode):
    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str) -> None:
        super().__init__(token)
        self.markup = markup

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        markup = _render_text(context, self.markup, self.token)
        m = _GIST.match(markup.strip().replace('"', "").replace("'", ""))
        if m is None:
            raise LiquidSyntaxError(f"{{% gist {markup.strip()} %}} names no gist", token=self.token)
        url = f"https://gist.github.com/{m['id']}"
        label = f"Gist {m['id']}"
        if m["file"]:
            url += "#file-" + re.sub(r"[^\w-]", "-", m["file"].lower())
            label += f" ({m['file']})"
        # jekyll-gist writes a <script> that loads the gist; a link keeps it without running code
        buffer.write(f"[{label}]({url})")
        return True


class GistTag(Tag):
    """``{% gist user/id [file] %}`` (jekyll-gist): a link to the gist."""

    name = "gist"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, expr = _expression(stream)
        if not expr:
            raise LiquidSyntaxError("gist needs a gist id", token=token)
        return _GistNode(token, expr)


LINK_TAGS: tuple[type[Tag], ...] = (GistTag, _link_tag("post_url"), _link_tag("link"))
