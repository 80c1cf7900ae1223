"""Jekyll's URL filters: ``relative_url``, ``absolute_url``, ``strip_index`` and
``uri_escape``, as ``Jekyll::Filters::URLFilters`` defines them.

Jekyll joins ``baseurl`` and the input, each with a leading ``/`` (an empty one
stays empty), and normalizes the result as the Addressable gem does: the host
lowercased and in its ASCII (IDNA) form, the path's characters percent-encoded
where a URL cannot hold them (``错误.html`` -> ``%E9%94%99...``), ``.``/``..``
segments resolved, an empty path of an ``http`` URL made ``/``.  A URL with a
scheme (``https:``, ``file:``, ``mailto:``) is returned as it is; ``//host/``
has none, so it is a path under ``baseurl``, as in Jekyll.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Mapping
from typing import Any

from liquid.filter import with_context

from .ruby_values import is_nil, to_s

_UNRESERVED = "A-Za-z0-9\\-._~"
_SUB_DELIMS = "!$&'()*+,;="
_CLASSES = {
    "component": _UNRESERVED + _SUB_DELIMS + ":/?#\\[\\]@",
    "segment": _UNRESERVED + _SUB_DELIMS + ":@",
    "query": _UNRESERVED + _SUB_DELIMS + ":@/?",
}
_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9+.\-]*:")
_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")
_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}


def normalize_component(text: str, kind: str = "component") -> str:
    """Addressable's ``normalize_component``: ``%XX`` decoded, NFC, then every byte
    outside the component's characters encoded again (hex upper case)."""
    raw = _PERCENT.sub(lambda m: bytes([int(m[1], 16)]), text.encode("utf-8"))
    try:
        decoded = unicodedata.normalize("NFC", raw.decode("utf-8"))
        data = decoded.encode("utf-8")
    except UnicodeDecodeError:
        data = raw
    allowed = re.compile(rb"[" + _CLASSES[kind].encode("ascii") + rb"]")
    return "".join(chr(b) if allowed.match(bytes([b])) else f"%{b:02X}" for b in data)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986's dot-segment removal (empty segments, as in ``//``, are kept)."""
    segments = path.split("/")
    if "." not in segments and ".." not in segments:
        return path
    out: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if len(out) > 1 or (out and out[0] != ""):
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/".join(out)


def _host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host.lower()


def normalize_url(url: str) -> str:
    """A URL as Addressable's ``normalize`` writes it."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if netloc:
        userinfo, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.partition(":") if not hostport.startswith("[") else (hostport, "", "")
        if port and port.isdigit() and _DEFAULT_PORTS.get(scheme) == int(port):
            colon = port = ""
        netloc = f"{userinfo}{at}{_host(host)}{colon}{port}"
    segments = [normalize_component(s, "segment") for s in parts.path.split("/")]
    path = _remove_dot_segments("/".join(segments))
    if not path and scheme in ("http", "https", "ftp", "tftp"):
        path = "/"
    out = f"{scheme}:" if scheme else ""
    if netloc or parts.netloc or url.startswith("//"):
        out += "//" + netloc
    out += path
    if parts.query or url.endswith("?") or "?" in url.split("#", 1)[0]:
        out += "?" + "&".join(normalize_component(p, "query") for p in parts.query.split("&"))
    if parts.fragment or "#" in url:
        out += "#" + normalize_component(parts.fragment, "query")
    return out


def _site_value(context: Any, key: str) -> object:
    site = context.resolve("site", default=None)
    if not isinstance(site, Mapping):
        return None
    try:
        return site[key]
    except KeyError:
        return None


def _leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def _url_of(value: object) -> str:
    # a document of site.posts (a mapping with its url) stands for its URL, as Jekyll's do
    if isinstance(value, Mapping) and isinstance(value.get("url"), str):
        return value["url"]
    return to_s(value)


def compute_relative_url(value: object, baseurl: object) -> str:
    """``value`` under ``baseurl``, normalized (an absolute URL is returned as it is)."""
    text = _url_of(value)
    if _SCHEME.match(text):
        return text
    base = "" if is_nil(baseurl) else to_s(baseurl)
    base = base[:-1] if base.endswith("/") else base  # Ruby's chomp("/"): one slash
    return normalize_url(_leading_slash(base) + _leading_slash(text))


def compute_absolute_url(value: object, site_url: object, baseurl: object) -> str:
    """The site's ``url`` then :func:`compute_relative_url`."""
    text = _url_of(value)
    if _SCHEME.match(text):
        return text
    relative = compute_relative_url(text, baseurl)
    if is_nil(site_url) or to_s(site_url) == "":
        return relative
    return normalize_url(to_s(site_url) + relative)


@with_context
def relative_url(value: object, *, context: Any) -> object:
    """Jekyll's ``relative_url``: ``/path`` under the site's ``baseurl``."""
    if is_nil(value):
        return None
    return compute_relative_url(value, _site_value(context, "baseurl"))


@with_context
def absolute_url(value: object, *, context: Any) -> object:
    """Jekyll's ``absolute_url``: the site's ``url``, ``baseurl`` and the path."""
    if is_nil(value):
        return None
    return compute_absolute_url(value, _site_value(context, "url"), _site_value(context, "baseurl"))


def strip_index(value: object) -> object:
    """``/foo/index.html`` -> ``/foo/`` (nil and empty text are returned as they are)."""
    if is_nil(value) or to_s(value) == "":
        return value
    return re.sub(r"/index\.html?$", "/", to_s(value), count=1)


def uri_escape(value: object) -> object:
    """Addressable's ``normalize_component``: spaces and non-URL characters
    percent-encoded, reserved characters (``!*'();:@&=+$,/?#[]``) kept."""
    if is_nil(value):
        return None
    return normalize_component(to_s(value))


URL_FILTERS = {
    "relative_url": relative_url,
    "absolute_url": absolute_url,
    "strip_index": strip_index,
    "uri_escape": uri_escape,
}
