"""Every slug the extension makes, one function per purpose.

* :func:`jekyll_slugify` is Jekyll's ``Utils.slugify`` (and ``slugify`` filter), with its modes;
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


#: Jekyll's ``Utils.slugify`` modes: what a run of characters to replace is.  Jekyll
#: keeps Unicode marks (``\p{M}``), letters (``\p{L}``) and decimal digits
#: (``\p{Nd}``); Python's ``re`` has no property classes, so :func:`_keeps` tests
#: each character's general category instead.
SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")
#: What ``pretty`` mode keeps besides marks, letters and digits (readable in a URL).
_PRETTY_EXTRA = frozenset("._~!$&'()+,;=@")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
#: Ruby's ``\s``: ASCII whitespace only (a no-break space is kept by ``raw``).
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")

#: I18n's transliterations (the ``latin`` mode) that are not the letter left after
#: Unicode decomposition; the other Latin-1 and Latin Extended-A letters lose their
#: accents (``é`` -> ``e``).
_LATIN_SPECIAL = {
    "Æ": "AE", "æ": "ae", "Ð": "D", "ð": "d", "×": "x", "Ø": "O", "ø": "o", "Þ": "Th", "þ": "th",
    "ß": "ss", "ẞ": "SS", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "ĸ": "k", "Ŀ": "L",
    "ŀ": "l", "Ł": "L", "ł": "l", "ŉ": "'n", "Ŋ": "NG", "ŋ": "ng", "Œ": "OE", "œ": "oe", "Ŧ": "T",
    "ŧ": "t",
}  # fmt: skip


def _latin_letter(char: str) -> str:
    """One character as Ruby's ``I18n.transliterate`` writes it: ASCII kept, the Latin
    letters of U+00C0-U+017E (and ẞ, Ǫ, ǫ, Ǭ, ǭ) without accents, anything else ``?``."""
    if char < "\x80":
        return char
    if char in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[char]
    code = ord(char)
    if (0xC0 <= code <= 0x17E and code != 0xF7) or 0x1EA <= code <= 0x1ED:
        return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return "?"


def transliterate_latin(text: str) -> str:
    """``I18n.transliterate`` with its default table (what ``slugify`` mode ``latin`` starts from)."""
    return "".join(_latin_letter(c) for c in text)


def _keeps(char: str, mode: str) -> bool:
    """Does ``slugify`` in ``mode`` keep this character (not replaced by a hyphen)?"""
    if mode == "ascii":
        return bool(_ASCII_WORD.match(char))
    category = unicodedata.category(char)
    if category[0] in "ML" or category == "Nd":
        return True
    return mode == "pretty" and char in _PRETTY_EXTRA


def jekyll_slugify(value: object, mode: str | None = "default", cased: bool = False) -> str | None:
    """Jekyll's ``Utils.slugify`` (and the ``slugify`` filter): every run of characters
    the mode does not keep becomes one hyphen, one hyphen at each end is dropped,
    and the result is lowercased unless ``cased``.

    Modes: ``default`` (marks, letters and digits of any script), ``pretty`` (also
    ``._~!$&'()+,;=@``), ``ascii`` (``A-Za-z0-9``), ``latin`` (accents dropped
    first, as Ruby's I18n does, then ``default``), ``raw`` (only whitespace
    replaced).  Any other mode (``none``) returns the text, lowercased unless
    ``cased``.  ``None`` stays ``None``.
    """
    if value is None:
        return None
    text = str(value)
    mode = str(mode) if mode else "default"
    if mode not in SLUG_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = transliterate_latin(text)
    if mode == "raw":
        slug = _WHITESPACE.sub("-", text)
    else:
        slug = "".join(c if _keeps(c, mode) else "\0" for c in text)
        slug = re.sub("\0+", "-", slug)
    # Jekyll drops one hyphen at each end (a run is already one hyphen)
    slug = slug[1:] if slug.startswith("-") else slug
    slug = slug[:-1] if slug.endswith("-") else slug
    return slug if cased else slug.lower()


def pretty_slug(text: str, cased: bool = True) -> str:
    """Jekyll's ``slugify(mode: "pretty")`` (a permalink's ``:title``, case kept)."""
    return jekyll_slugify(text, "pretty", cased) or ""


def default_slug(text: str) -> str:
    """Jekyll's ``slugify`` default mode (a permalink's ``:slug`` and ``:name``)."""
    return jekyll_slugify(text) or ""


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
