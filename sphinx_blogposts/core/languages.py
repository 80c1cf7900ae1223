"""Which language a document is in: the one rule the build, Liquid and the CLI share.

A document's language is, in this order: its front matter's ``lang`` (or
``language``, ``locale``); in a jekyll-polyglot site (``languages:`` in
``_config.yml``) its ``default_lang``; the top-level folder it lives in when
that folder is a language code (``es/news/_posts/x.md``); else the site's
language.  Codes are kept in one spelling, Babel's (``es``, ``pt_BR``,
``zh_CN``); :func:`html_tag` gives the BCP 47 one (``zh-CN``) for ``lang``
attributes and feeds.

Posts under ``<lang>/<name>/_posts/`` form that language's blog ``<lang>/<name>``;
in a polyglot site, the posts of a collection in a language other than the
default form the blog ``<lang>/<collection>``.  A blog's index, archives and
feeds live in its folder (see :mod:`.generate.archives`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.core import Locale, UnknownLocaleError

#: Front-matter keys that name a document's language, first wins.
LANGUAGE_KEYS = ("lang", "language", "locale")
#: What a language folder's name looks like: ``es``, ``zh_cn``, ``pt-BR``, ``sr_Latn``.
_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z]{4})?(?:[_-](?:[A-Za-z]{2}|\d{3}))?$")
#: The site's language when nothing names one.
FALLBACK = "en"


def normalize_language(value: Any) -> str | None:
    """``value`` in Babel's spelling (``zh-cn`` -> ``zh_CN``), or ``None`` when it is
    not a language code Babel knows (``images``, ``assets``, ``blog``)."""
    if not isinstance(value, str) or not _CODE.match(value.strip()):
        return None
    try:
        locale = Locale.parse(value.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    code = locale.language
    if locale.territory:
        code += f"_{locale.territory}"
    elif locale.script and "_" in value.strip().replace("-", "_"):
        code += f"_{locale.script}"
    return code


def html_tag(code: str) -> str:
    """The BCP 47 tag of a code (``zh_CN`` -> ``zh-CN``): ``<html lang>``, hreflang, feeds."""
    return code.replace("_", "-")


def display_name(code: str) -> str:
    """The language's name in that language (``Español``, ``Deutsch``, ``中文 (简体, 中国)``)."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    name = locale.get_display_name(locale) if "_" in code else locale.get_language_name(locale)
    name = name or code
    return name[:1].upper() + name[1:]


def language_folders(top_folders: Iterable[str], setting: Any) -> dict[str, str]:
    """The top-level folders that are languages: folder name -> code.

    ``setting`` is ``blogposts_language_folders``: ``False`` (none), ``True``
    (every folder whose name is a language code), a list of folder names, or
    ``None`` (automatic: on when two or more folders are language codes, so a
    lone ``it/`` or ``id/`` folder of a one-language site is not taken for one).
    """
    if setting is False:
        return {}
    names = [str(n) for n in setting] if isinstance(setting, list) else list(top_folders)
    found = {name: code for name in names if (code := normalize_language(name))}
    if setting is None and len(set(found.values())) < 2:
        return {}
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Languages:
    """The site's language settings (plain data, cheap to build)."""

    #: The site's language (Sphinx's ``language``, from ``_config.yml``'s ``locale``/``lang``).
    default: str = FALLBACK
    #: Top-level folder -> language code (:func:`language_folders`).
    folders: Mapping[str, str] = field(default_factory=dict)
    #: jekyll-polyglot's ``languages:`` (codes), empty when the site is not polyglot.
    polyglot: tuple[str, ...] = ()
    #: jekyll-polyglot's ``default_lang:``.
    polyglot_default: str | None = None

    @classmethod
    def of(
        cls, site_language: str | None, folders: Mapping[str, str], polyglot: Iterable[Any], polyglot_default: Any
    ) -> Languages:
        codes = tuple(dict.fromkeys(c for c in (normalize_language(p) for p in polyglot) if c))
        default = normalize_language(polyglot_default) if codes else None
        return cls(
            default=normalize_language(site_language) or FALLBACK,
            folders=dict(folders),
            polyglot=codes,
            polyglot_default=default or (codes[0] if codes else None),
        )

    @property
    def multilingual(self) -> bool:
        """The site is set up for several languages (language folders or polyglot)."""
        return bool(self.folders) or len(self.polyglot) > 1

    @property
    def site_default(self) -> str:
        """The language of ``x-default`` and of pages in no language of their own."""
        return self.polyglot_default or self.default

    def folder_of(self, path: str) -> str | None:
        """The language folder ``path`` (POSIX, relative to the site) is in, if any."""
        top, sep, _ = path.partition("/")
        return top if sep and top in self.folders else None

    def document_language(self, fields: Mapping[str, Any], path: str) -> str:
        """The one rule: which language the document at ``path`` with ``fields``
        (front matter after ``defaults:``) is in (see the module docstring)."""
        for key in LANGUAGE_KEYS:
            code = normalize_language(fields.get(key))
            if code:
                return code
        if self.polyglot and self.polyglot_default:
            return self.polyglot_default
        folder = self.folder_of(path)
        if folder is not None:
            return self.folders[folder]
        return self.default

    def blog_of(self, path: str, collection: str | None, language: str) -> str:
        """The blog a post belongs to: ``<lang>/<name>`` for ``<lang>/<name>/_posts/``,
        ``<lang>`` for ``<lang>/_posts/``, ``<lang>/<collection>`` for a polyglot post
        not in the default language; ``""`` for every other post (the site's own lists)."""
        folder = self.folder_of(path)
        if folder is not None:
            parts = path.split("/")
            if "_posts" in parts[1:-1]:
                return "/".join(parts[: parts.index("_posts", 1)])
            if "_drafts" in parts[1:-1]:
                return "/".join(parts[: parts.index("_drafts", 1)])
            return ""
        if self.polyglot and language != self.polyglot_default and language in self.polyglot:
            return f"{language}/{collection or 'posts'}"
        return ""

    def url_prefix(self, language: str) -> str:
        """What jekyll-polyglot puts before the URL of a document in ``language``:
        ``/es`` for a language other than the default, ``""`` otherwise."""
        if self.polyglot and language in self.polyglot and language != self.polyglot_default:
            return f"/{language}"
        return ""

    def shown_categories(self, path: str, folder_categories: list[str]) -> list[str]:
        """The folder categories a post shows: without its language folder (Jekyll
        keeps it in ``page.categories`` and in the URL; a reader sees no "es" pill)."""
        folder = self.folder_of(path)
        if folder is not None and folder_categories[:1] == [folder]:
            return folder_categories[1:]
        return folder_categories


def translation_key(fields: Mapping[str, Any], path: str, languages: Languages, permalink: str | None) -> str:
    """What translations of one document share: the front matter's ``ref``,
    ``translation_key`` or ``lang_ref``; in a polyglot site the permalink; else
    the path below the language folder (``es/news/_posts/x.md`` -> ``news/_posts/x.md``),
    or, for a post, its file name without the date (so ``2024-01-02-x.md`` and
    ``2024-01-03-x.md`` in two languages are one post).  ``""``: none."""
    for key in ("translation_key", "ref", "lang_ref"):
        value = fields.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return f"key:{str(value).strip()}"
    if languages.polyglot and permalink:
        return f"url:{permalink}"
    folder = languages.folder_of(path)
    if folder is None:
        return ""
    rest = path.split("/", 1)[1]
    rest = rest.rsplit(".", 1)[0]
    head, _, name = rest.rpartition("/")
    if head.endswith("_posts") or head == "_posts":
        name = re.sub(r"^\d{2,4}-\d{1,2}-\d{1,2}-", "", name)
    return f"path:{head}/{name}"


def archive_key(kind: str, blog: str) -> str:
    """The ``archive_map`` key of a blog's pages of one kind (``tag@es/news``); the
    site's own for ``blog == ""``."""
    return f"{kind}@{blog}" if blog else kind


def blog_name(blog: str) -> str:
    """A blog's own name, its last folder (``es/news`` -> ``news``)."""
    return blog.rsplit("/", 1)[-1]
