"""The site's language: the extension's message catalog and dates written the
way that language writes them (Babel).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from collections.abc import Callable
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.support import Translations
from sphinx.locale import get_translation

#: The gettext domain of the extension's labels (``locale/*/LC_MESSAGES/sphinx_blogposts.mo``).
MESSAGE_CATALOG = "sphinx_blogposts"
#: The shipped catalogs (``<code>/LC_MESSAGES/sphinx_blogposts.mo``).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: The languages of the shipped catalogs (English's are the messages themselves).
SHIPPED = (
    "bg", "de", "en", "es", "fr", "id", "it", "ja", "ko", "pl", "pt", "ru", "tr", "uk", "vi", "zh_CN", "zh_TW",
)  # fmt: skip
#: The site-wide labels (Sphinx's ``language``): for what has no page of its own.
_ = get_translation(MESSAGE_CATALOG)
#: A gettext function: message -> its translation.
Gettext = Callable[[str], str]


def parse_locale(code: str) -> Locale | None:
    """Babel's locale of a language code (``pt-BR`` or ``pt_BR``), or ``None`` when
    Babel knows no such locale: the one parser of the site's language."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def catalog_for(language: str | None) -> str | None:
    """The shipped catalog that writes ``language``'s labels (``pt_BR`` -> ``pt``,
    ``zh_Hant_HK`` -> ``zh_TW``, ``zh`` -> ``zh_CN``); ``None`` for the languages
    without one (their labels stay English)."""
    locale = parse_locale(language or "en")
    if locale is None:
        return None
    if locale.language == "zh":
        traditional = locale.script == "Hant" or locale.territory in ("TW", "HK", "MO")
        return "zh_TW" if traditional else "zh_CN"
    return locale.language if locale.language in SHIPPED else None


def load_translations(language: str | None) -> gettext.NullTranslations:
    """Our catalog for ``language`` (read from the package; English: the messages as written).
    Callers keep what this returns for the build (see :mod:`.store.labels`)."""
    code = catalog_for(language)
    if code is None:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALE_DIR), [code], MESSAGE_CATALOG)


@functools.lru_cache(maxsize=256)
def locale_of(language: str | None) -> Locale:
    """Babel's locale of Sphinx's ``language``; English when unknown (parsed once
    per process and language: a page asks for its dates' locale several times)."""
    return parse_locale(language or "en") or Locale.parse("en")


def localized_date(value: dt.datetime | None, language: str | None, with_time: bool = False) -> str:
    """``value`` written the way the site's ``language`` writes dates (Babel)."""
    if value is None:
        return ""
    if with_time:
        # not keyed by the datetime itself: equal instants in other zones are written
        # differently, and equality ignores fold (the repeated hour when clocks go back)
        return _long_datetime(value.replace(tzinfo=None), value.fold, value.tzinfo, language)
    return _long_date(value.date(), language)


@functools.lru_cache(maxsize=4096)
def _long_date(day: dt.date, language: str | None) -> str:
    """A day in Babel's long format: formatted once per process (a post's date is
    written by its header, its excerpt line and every list that shows it)."""
    return format_date(day, format="long", locale=locale_of(language))


@functools.lru_cache(maxsize=4096)
def _long_datetime(local: dt.datetime, fold: int, tzinfo: dt.tzinfo | None, language: str | None) -> str:
    """A local time and its zone in Babel's long format (formatted once per process)."""
    value = local.replace(tzinfo=tzinfo, fold=fold)
    return format_datetime(value, format="long", locale=locale_of(language), tzinfo=tzinfo)
