"""Jekyll's dates: front-matter values, file-name prefixes, time zones.

Every date the extension keeps is a timezone-aware :class:`datetime.datetime`
(naive values are read in the site's ``timezone``), so dates with and without
offsets sort together without errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# YYYY-MM-DD, optional time, optional offset: what Jekyll (Ruby's Time.parse)
# accepts in practice, including "2017-03-13 14:00:00 +0100".
_DATE = re.compile(
    r"""^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})
    (?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6})\d*)?)?)?
    \s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
#: A post file name: ``YYYY-MM-DD-slug.ext`` (Jekyll also accepts 2015-8-5).
FILENAME_DATE = re.compile(r"^(?P<date>\d{2,4}-\d{1,2}-\d{1,2})-(?P<slug>.+)$")


@dataclass(frozen=True)
class PostDate:
    """A parsed date. ``has_time`` is False for a bare ``YYYY-MM-DD``."""

    value: dt.datetime
    has_time: bool


class DateError(ValueError):
    """The value is not a date; the message says why, for a warning."""


def get_timezone(name: str | None) -> dt.tzinfo:
    """The site's zone (``timezone`` in ``_config.yml``); UTC when unset or unknown."""
    if name:
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC


def parse_date(value: object, tz: dt.tzinfo) -> PostDate:
    """Read a front-matter date (YAML date/datetime, TOML date, or text).

    Raises :class:`DateError` with a readable message for anything else.
    """
    if isinstance(value, dt.datetime):
        return _in_range(PostDate(_aware(value, tz), True), tz, value)
    if isinstance(value, dt.date):
        return _in_range(PostDate(dt.datetime(value.year, value.month, value.day, tzinfo=tz), False), tz, value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DateError(f"{value!r} is not a date (expected YYYY-MM-DD [HH:MM[:SS]] [+HHMM])")
    text = str(value)
    m = _DATE.match(text)
    if not m:
        raise DateError(f"{text!r} is not a date (expected YYYY-MM-DD [HH:MM[:SS]] [+HHMM])")
    try:
        naive = dt.datetime(
            int(m["y"]),
            int(m["m"]),
            int(m["d"]),
            int(m["H"] or 0),
            int(m["M"] or 0),
            int(m["S"] or 0),
            int((m["f"] or "0").ljust(6, "0")),
        )
    except ValueError as exc:
        raise DateError(f"{text!r} is not a valid date: {exc}") from None
    zone = _offset(m["tz"]) if m["tz"] else tz
    if zone is None:
        raise DateError(f"{text!r} has an invalid time zone offset")
    return _in_range(PostDate(naive.replace(tzinfo=zone), m["H"] is not None), tz, text)


def _in_range(date: PostDate, tz: dt.tzinfo, shown: object) -> PostDate:
    """``date``, if it can be moved to UTC and to the site's zone and back.

    A date at the very edge of what Python can hold (``0001-01-01 00:00
    +01:00`` is 31 December of year 0 in UTC) would fail later, wherever it is
    sorted, localized or turned into a timestamp; it is refused here, so the
    caller falls back to the file name's date.
    """
    if 1 < date.value.year < 9999:
        return date  # a day or more from either end: every zone fits
    try:
        date.value.astimezone(dt.UTC)
        date.value.astimezone(tz)
        dt.datetime.fromtimestamp(date.value.timestamp(), tz)
    except (OverflowError, ValueError, OSError):
        text = shown if isinstance(shown, str) else str(shown)
        raise DateError(
            f"{text!r} is at the edge of the calendar: it cannot be moved to UTC or to the site's time zone"
        ) from None
    return date


def date_from_filename(stem: str, tz: dt.tzinfo) -> tuple[PostDate | None, str]:
    """Split ``2015-8-5-my-post`` into its date and slug (``None`` if not dated).

    As Jekyll's ``populate_title``, the slug never ends with a dot
    (``trailing-dots...md`` is ``trailing-dots``)."""
    m = FILENAME_DATE.match(stem)
    if not m:
        return None, _no_trailing_dots(stem)
    try:
        return parse_date(_pad_year(m["date"]), tz), _no_trailing_dots(m["slug"])
    except DateError:
        return None, _no_trailing_dots(stem)


def _no_trailing_dots(slug: str) -> str:
    return slug.rstrip(".") or slug  # a name of dots only keeps them (it would be empty)


def _pad_year(text: str) -> str:
    year, rest = text.split("-", 1)
    return f"{int(year):04d}-{rest}"


def _aware(value: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


def _offset(text: str) -> dt.tzinfo | None:
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        return None
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
