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


def locale_of(language: str | None) -> Locale:
    """Babel's locale of Sphinx's ``language`` (``pt-BR`` or ``pt_BR``); English when unknown."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def localized_date(value: dt.datetime | None, language: str | None, with_time: bool = False) -> str:
    """``value`` written the way the site's ``language`` writes dates (Babel)."""
    if value is None:
        return ""
    locale = locale_of(language)
    if with_time:
        return format_datetime(value, format="long", locale=locale, tzinfo=value.tzinfo)
    return format_date(value.date(), format="long", locale=locale)
