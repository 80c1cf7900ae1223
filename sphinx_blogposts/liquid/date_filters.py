"""Jekyll's date filters: ``date_to_string``, ``date_to_long_string``,
``date_to_xmlschema`` and ``date_to_rfc822``.

As in Jekyll, the input may be a time (``page.date``), a date, text
(``"September 11, 2001 12:46:30 -0000"``, ``2013-03-02``, ``now``), or a
number of seconds since 1970 (``1399680607`` or ``"1399680607"``); it is shown
in the site's time zone (Jekyll's ``localtime`` under ``timezone:``).  Empty
input and nil are returned as they are; anything else that is not a date is an
error, which the renderer reports at its line (Jekyll stops the build).
Month and day names are English whatever the machine's locale, as Ruby's are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil import parser as dateutil_parser
from liquid.exceptions import LiquidError
from liquid.filter import with_context

from ..core.dates import DateError, parse_date
from .ruby_values import inspect, is_nil, to_s

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class InvalidDateError(LiquidError, ValueError):
    """A value a date filter cannot read as a date (Jekyll's ``InvalidDateError``)."""


def site_zone(context: Any) -> dt.tzinfo:
    """The site's time zone, kept on the Liquid environment (UTC without one)."""
    return getattr(context.env, "timezone", None) or dt.UTC


def _parse_text(text: str, tz: dt.tzinfo) -> dt.datetime | None:
    try:
        return parse_date(text, tz).value
    except DateError:
        pass
    try:
        parsed = dateutil_parser.parse(text)  # Ruby's Time.parse reads about as much
    except (ValueError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)


def to_time(value: object, tz: dt.tzinfo) -> dt.datetime:
    """``Liquid::Utils.to_date`` then ``localtime``: the value as a time in ``tz``."""
    moment: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=tz)
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    elif isinstance(value, int) and not isinstance(value, bool):
        moment = _epoch(value, tz)
    elif isinstance(value, str):
        text = value.strip().lower()
        if text in ("now", "today"):
            moment = dt.datetime.now(tz)
        elif text.isdigit():
            moment = _epoch(int(text), tz)
        else:
            moment = _parse_text(value, tz)
    if moment is None:
        raise InvalidDateError(f"Invalid Date: '{inspect(value)}' is not a valid datetime.", token=None)
    try:
        return moment.astimezone(tz)
    except (OverflowError, ValueError):
        message = f"Invalid Date: '{inspect(value)}' cannot be shown in the site's time zone."
        raise InvalidDateError(message, token=None) from None


def _epoch(seconds: int, tz: dt.tzinfo) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(seconds, tz)
    except (OverflowError, OSError, ValueError):
        return None


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _stringify(value: object, long: bool, kind: object, style: object, tz: dt.tzinfo) -> object:
    if is_nil(value) or to_s(value) == "":
        return value
    moment = to_time(value, tz)
    month = _MONTHS[moment.month - 1]
    month = month if long else month[:3]
    if kind == "ordinal":
        day = _ordinal(moment.day)
        if style == "US":
            return f"{month} {day}, {moment.year}"
        return f"{day} {month} {moment.year}"
    return f"{moment.day:02d} {month} {moment.year}"


@with_context
def date_to_string(value: object, kind: object = None, style: object = None, *, context: Any) -> object:
    """``27 Mar 2013``; ``"ordinal"`` gives ``27th Mar 2013``, with ``"US"`` ``Mar 27th, 2013``."""
    return _stringify(value, False, kind, style, site_zone(context))


@with_context
def date_to_long_string(value: object, kind: object = None, style: object = None, *, context: Any) -> object:
    """``27 March 2013``, with the same ``"ordinal"`` and ``"US"`` forms."""
    return _stringify(value, True, kind, style, site_zone(context))


def _offset(moment: dt.datetime, colon: bool) -> str:
    text = moment.strftime("%z") or "+0000"
    return f"{text[:3]}:{text[3:5]}" if colon else text[:5]


@with_context
def date_to_xmlschema(value: object, *, context: Any) -> object:
    """``2013-03-27T11:22:33+00:00`` (Ruby's ``Time#xmlschema`` of a local time)."""
    if is_nil(value) or to_s(value) == "":
        return value
    moment = to_time(value, site_zone(context))
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + _offset(moment, True)


@with_context
def date_to_rfc822(value: object, *, context: Any) -> object:
    """``Wed, 27 Mar 2013 11:22:33 +0000`` (Ruby's ``Time#rfc822``)."""
    if is_nil(value) or to_s(value) == "":
        return value
    moment = to_time(value, site_zone(context))
    day = _DAYS[moment.weekday()]
    month = _MONTHS[moment.month - 1][:3]
    return f"{day}, {moment.day:02d} {month} {moment.year:04d} {moment:%H:%M:%S} {_offset(moment, False)}"


DATE_FILTERS = {
    "date_to_string": date_to_string,
    "date_to_long_string": date_to_long_string,
    "date_to_xmlschema": date_to_xmlschema,
    "date_to_rfc822": date_to_rfc822,
}
