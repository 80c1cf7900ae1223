"""Every slug the extension makes, one function per purpose.

* :func:`jekyll_slugify` is Jekyll's ``slugify`` filter, with its modes;
  :func:`default_slug` and :func:`pretty_slug` are its two common modes, used
  for the ``:slug``, ``:name`` and ``:title`` of permalinks.
* :func:`file_slug`: the file name of a new post (``sphinx-blogposts new``).
* :func:`archive_slug`: the URL segment of a tag's or category's archive page.
* :func:`kramdown_slug`: heading ids as kramdown (Jekyll's Markdown) makes them,
  so ``[…](#sobre-mí)`` still works.  kramdown's GFM parser lowercases the
  heading text, drops every character that is not a letter, digit, underscore,
  hyphen or space (any script), and turns spaces into hyphens.  In Jekyll site
  mode MyST is told to use it for its heading anchors (``myst_heading_slug_func``).
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\- ]", re.UNICODE)


def kramdown_slug(text: str) -> str:
    """A heading's id, as kramdown makes it."""
    return _NOT_WORD.sub("", text.lower()).replace(" ", "-")


def pretty_slug(text: str, cased: bool = True) -> str:
    """Jekyll's ``slugify(mode: "pretty")``: keep letters, digits and ``._~!$&'()+,;=@``."""
    slug = re.sub(r"[^\w\-._~!$&'()+,;=@]+", "-", text, flags=re.UNICODE).strip("-")
    return slug if cased else slug.lower()


def default_slug(text: str) -> str:
    """Jekyll's ``slugify`` default mode: lowercase letters, digits and hyphens."""
    return re.sub(r"[^\w]+|_+", "-", text.lower(), flags=re.UNICODE).strip("-")


def jekyll_slugify(value: object, mode: str = "default", cased: bool = False) -> str:
    """Jekyll's ``slugify`` (modes ``none``, ``raw``, ``default``, ``pretty``, ``ascii``, ``latin``)."""
    text = "" if value is None else str(value)
    if mode == "none":
        return text
    if mode == "raw":
        slug = re.sub(r"\s+", "-", text).strip("-")
    elif mode == "pretty":
        slug = pretty_slug(text)
    elif mode in ("ascii", "latin"):
        if mode == "latin":
            text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        slug = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-")
    else:
        slug = default_slug(text) if not cased else re.sub(r"[^\w]+|_+", "-", text).strip("-")
    return slug if cased else slug.lower()


def archive_slug(name: str) -> str:
    """A URL segment for a tag or category: lowercase, letters and digits of any script kept."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[^\w]+", "-", text).strip("-_")
    return text


def file_slug(title: str) -> str:
    """A file name from a title, as Jekyll's ``slugify`` (default mode) makes it.

    Letters (any script) and digits are kept and lowercased; every other run
    of characters becomes one hyphen: ``"Café & Crème!"`` → ``café-crème``.
    """
    return default_slug(unicodedata.normalize("NFC", title))
