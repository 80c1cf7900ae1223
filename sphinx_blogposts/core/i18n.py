"""The site's language: the extension's message catalog and dates written the
way that language writes them (Babel).
"""

from __future__ import annotations

import datetime as dt

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from sphinx.locale import get_translation

#: The gettext domain of the extension's labels (``locale/*/LC_MESSAGES/sphinx_blogposts.mo``).
MESSAGE_CATALOG = "sphinx_blogposts"
_ = get_translation(MESSAGE_CATALOG)


def parse_locale(code: str) -> Locale | None:
    """Babel's locale of a language code (``pt-BR`` or ``pt_BR``), or ``None`` when
    Babel knows no such locale: the one parser of the site's language."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def locale_of(language: str | None) -> Locale:
    """Babel's locale of Sphinx's ``language``; English when unknown."""
    return parse_locale(language or "en") or Locale.parse("en")


def localized_date(value: dt.datetime | None, language: str | None, with_time: bool = False) -> str:
    """``value`` written the way the site's ``language`` writes dates (Babel)."""
    if value is None:
        return ""
    locale = locale_of(language)
    if with_time:
        return format_datetime(value, format="long", locale=locale, tzinfo=value.tzinfo)
    return format_date(value.date(), format="long", locale=locale)
