"""Where a URL written in a post points: a file of the site, the web, or nowhere safe.

Jekyll posts address their own files in many ways: ``/images/x.jpg`` (the site
root), ``https://user.github.io/images/x.jpg`` (the site's own address, maybe
with its ``baseurl``), the repository's raw URL on GitHub, or Liquid such as
``{{ site.url }}{{ site.baseurl }}/images/x.jpg``.  :func:`resolve` turns each
into a path inside the source folder when that file exists, so Sphinx copies
it and writes a relative link that works under any prefix (Read the Docs'
``/en/latest/``).  Links outside the source folder and script URLs are refused.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .safe_paths import inside

#: Liquid that only ever produces the site's own address (resolved to "").
_SITE_PREFIX = re.compile(
    r"\{\{-?\s*(?:site\.url|site\.baseurl|base_path|site\.github\.url)\s*-?\}\}"
)
#: ``{{ "/x.jpg" | relative_url }}`` and ``absolute_url`` (also prepend site.url/baseurl).
_URL_FILTER = re.compile(
    r"""\{\{-?\s*(?P<q>["'])(?P<path>[^"'{}]*)(?P=q)\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}"""
)
_SAFE_SCHEMES = frozenset(("http", "https", "mailto", "ftp", "ftps", "tel", "ws", "wss"))
IMAGE_EXTENSIONS = frozenset(
    ".jpg .jpeg .png .gif .svg .webp .avif .bmp .tif .tiff .ico .apng .jfif".split()
)


@dataclass(frozen=True)
class SiteAddress:
    """The addresses under which the old site served its own files."""

    url: str = ""  # https://user.github.io
    baseurl: str = ""  # /blog
    repository: str = ""  # user/user.github.io

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.url).netloc.lower() if self.url else ""


@dataclass(frozen=True)
class Resolved:
    """``kind`` is ``local`` (``path`` relative to srcdir, POSIX), ``remote``,
    ``document`` (no file extension: maybe a page), ``anchor``, ``unsafe``,
    ``missing``, ``folder``, ``outside`` or ``empty``."""

    kind: str
    url: str
    path: str = ""


#: Either kind of site-address Liquid, for finding them in running text.
SITE_URL_LIQUID = re.compile(f"(?:{_SITE_PREFIX.pattern})|(?:{_URL_FILTER.pattern})")


def expand_liquid_urls(text: str) -> str:
    """Replace the Liquid that only spells the site's own address."""
    if "{{" not in text:
        return text
    text = _URL_FILTER.sub(lambda m: m["path"], text)
    return _SITE_PREFIX.sub("", text)


def has_liquid(text: str) -> bool:
    return "{{" in text or "{%" in text


def is_unsafe(url: str) -> bool:
    """A URL with a scheme that runs code or embeds data (``javascript:``, ``data:``...).

    Quotes around it are ignored, as browsers ignore them in a meta refresh
    (``url='javascript:...'``).
    """
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f").strip("'\"").lower()
    scheme = urllib.parse.urlsplit(cleaned).scheme
    if not scheme or len(scheme) == 1:  # no scheme, or a Windows drive letter
        return False
    if cleaned.startswith("data:image/") and not cleaned.startswith("data:image/svg"):
        return False  # inline raster images are harmless
    return scheme not in _SAFE_SCHEMES


_HOST = re.compile(r"^(?:\w[\w-]*\.)*\w[\w-]*\.?(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$")
_NOT_IN_URLS = frozenset(" \"'<>\\`{}|^")


def is_web_url(url: str) -> bool:
    """``http(s)://host...``: an address that is safe to build links on (a site's ``url``)."""
    if any(ch in _NOT_IN_URLS or ch < " " or ch == "\x7f" for ch in url):
        return False
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return False
    return bool(_HOST.match(parts.netloc.lower()))


def is_site_relative(url: str) -> bool:
    """A path of this site (``/2020/x/``, ``../x.html``): no scheme, no host, no script."""
    if not url or any(ch < " " or ch == "\x7f" or ch in "\\<>\"'`" for ch in url):
        return False
    parts = urllib.parse.urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def resolve(url: str, srcdir: Path, docdir: str, site: SiteAddress) -> Resolved:
    """Resolve ``url`` written in a document of the folder ``docdir`` (POSIX, relative)."""
    url = expand_liquid_urls(url.strip())
    if not url:
        return Resolved("empty", url)
    if is_unsafe(url):
        return Resolved("unsafe", url)
    if url.startswith("#"):
        return Resolved("anchor", url)
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.unquote(parts.path)
    if parts.scheme or parts.netloc:
        own = _own_path(parts, site)
        if own is None:
            return Resolved("remote", url)
        path = own
        local = _local(srcdir, path.lstrip("/"))
        if local is None or not (srcdir / local).is_file():
            return Resolved("remote", url)  # not in the sources: the old site still has it
        return Resolved("local", url, local)
    if path.startswith("/"):
        base = site.baseurl.rstrip("/")
        if base and (path == base or path.startswith(base + "/")):
            path = path[len(base) :] or "/"
        relative = path.lstrip("/")
    else:
        relative = posixpath.join(docdir, path)
    local = _local(srcdir, relative)
    if local is None:
        return Resolved("outside", url)
    target = srcdir / local if local else srcdir
    if target.is_dir() or path.endswith("/"):
        return Resolved("folder", url, local)
    if not target.is_file():
        if not posixpath.splitext(local)[1]:
            return Resolved("document", url, local)
        return Resolved("missing", url, local)
    return Resolved("local", url, local)


def _own_path(parts: urllib.parse.SplitResult, site: SiteAddress) -> str | None:
    """The site path of an absolute URL that points at the site itself, else None."""
    host = parts.netloc.lower()
    path = urllib.parse.unquote(parts.path)
    if site.host and host == site.host:
        base = site.baseurl.rstrip("/")
        if base and (path == base or path.startswith(base + "/")):
            path = path[len(base) :]
        return path or "/"
    repo = site.repository.strip("/").lower()
    segments = path.strip("/").split("/")
    if repo and host == "raw.githubusercontent.com" and len(segments) > 3:
        if "/".join(segments[:2]).lower() == repo:
            return "/" + "/".join(segments[3:])  # owner/repo/branch/path
    if repo and host == "github.com" and len(segments) > 4 and segments[2] in ("raw", "blob"):
        if "/".join(segments[:2]).lower() == repo:
            return "/" + "/".join(segments[4:])  # owner/repo/raw/branch/path
    return None


def _local(srcdir: Path, relative: str) -> str | None:
    """``relative`` normalised inside srcdir, or None when it leaves it (``..``, symlinks)."""
    normal = posixpath.normpath(relative or ".")
    if normal == ".." or normal.startswith(("../", "/")) or "\x00" in normal:
        return None
    if not inside(srcdir / normal, srcdir):  # symbolic links followed
        return None
    return "" if normal == "." else normal


def is_image_path(url: str) -> bool:
    path = urllib.parse.urlsplit(url.strip()).path
    return posixpath.splitext(path)[1].lower() in IMAGE_EXTENSIONS


def repository_of(site_url: str, configured: str) -> str:
    """``owner/repo`` of a GitHub Pages site (``repository:`` or from ``user.github.io``)."""
    if configured:
        return configured.strip().strip("/")
    host = urllib.parse.urlsplit(site_url).netloc.lower()
    if host.endswith(".github.io"):
        user = host[: -len(".github.io")]
        return f"{user}/{host}"
    return ""
