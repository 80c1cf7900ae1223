"""Dates as Jekyll writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_blogposts.core.dates import DateError, date_from_filename, get_timezone, parse_date

UTC = dt.UTC
PLUS1 = dt.timezone(dt.timedelta(hours=1))


@pytest.mark.parametrize(
    ("value", "expected", "has_time"),
    [
        ("2017-03-13 14:00:00 +0100", dt.datetime(2017, 3, 13, 14, tzinfo=PLUS1), True),
        ("2017-03-13T14:00:00+01:00", dt.datetime(2017, 3, 13, 14, tzinfo=PLUS1), True),
        ("2017-03-13 14:00", dt.datetime(2017, 3, 13, 14, tzinfo=UTC), True),
        ("2017-03-13T14:00:00Z", dt.datetime(2017, 3, 13, 14, tzinfo=UTC), True),
        ("2015-8-5", dt.datetime(2015, 8, 5, tzinfo=UTC), False),
        (dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, tzinfo=UTC), False),
        (dt.datetime(2020, 1, 2, 3, 4), dt.datetime(2020, 1, 2, 3, 4, tzinfo=UTC), True),
    ],
)
def test_accepted(value, expected, has_time):
    parsed = parse_date(value, UTC)
    assert parsed.value == expected and parsed.value.utcoffset() == expected.utcoffset()
    assert parsed.has_time is has_time


@pytest.mark.parametrize("value", [2023, "2023", "2020-02-31", "yesterday", True, [2020], "2020-01-01 25:00"])
def test_rejected(value):
    with pytest.raises(DateError):
        parse_date(value, UTC)


def test_site_timezone_and_file_names():
    madrid = get_timezone("Europe/Madrid")
    assert parse_date("2021-07-01", madrid).value.utcoffset() == dt.timedelta(hours=2)
    assert get_timezone("Not/AZone") is UTC
    date, slug = date_from_filename("2015-8-5-my-post", UTC)
    assert (date.value.date(), slug) == (dt.date(2015, 8, 5), "my-post")
    assert date_from_filename("about", UTC) == (None, "about")


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parse_date_only_raises_date_error(value):
    try:
        parsed = parse_date(value, UTC)
    except DateError:
        return
    assert parsed.value.tzinfo is not None


MINUS5 = dt.timezone(dt.timedelta(hours=-5))


@pytest.mark.parametrize(
    ("value", "language", "with_time"),
    [
        (dt.datetime(2021, 1, 1, 23, tzinfo=MINUS5), "en", False),
        (dt.datetime(2021, 1, 2, 4, tzinfo=UTC), "en", False),  # the same instant, the next day
        (dt.datetime(2021, 1, 1, 23, tzinfo=MINUS5), "en", True),
        (dt.datetime(2021, 1, 2, 4, tzinfo=UTC), "en", True),
        (dt.datetime(2021, 1, 2, 4, tzinfo=UTC), "es", False),
        (dt.datetime(2021, 1, 2, 4, tzinfo=UTC), None, False),
        (dt.datetime(2021, 1, 2, 4, tzinfo=UTC), "xx-nowhere", True),
    ],
)
def test_localized_date_is_babels_long_format_whatever_was_formatted_before(value, language, with_time):
    """Dates are formatted once per process; a cached text is never another zone's or
    language's (equal instants in two zones are different days and times)."""
    from babel import Locale
    from babel.dates import format_date, format_datetime

    from sphinx_blogposts.core.i18n import localized_date, parse_locale

    locale = parse_locale(language or "en") or Locale.parse("en")
    if with_time:
        expected = format_datetime(value, format="long", locale=locale, tzinfo=value.tzinfo)
    else:
        expected = format_date(value.date(), format="long", locale=locale)
    localized_date(value.astimezone(PLUS1), language, with_time)  # an equal datetime, formatted first
    assert localized_date(value, language, with_time) == expected
    assert localized_date(None, language, with_time) == ""
