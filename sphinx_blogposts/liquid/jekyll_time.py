"""Ruby's Time as Liquid prints it, without python-liquid: ``site.time`` and each
``page.date`` are made in :mod:`.context`, which the build imports even where
python-liquid is not installed (to say what to install)."""

from __future__ import annotations

import datetime as dt


class JekyllTime(dt.datetime):
    """A datetime that prints as Ruby prints a Time (``2020-01-02 10:00:00 +0100``)."""

    def __str__(self) -> str:
        return self.strftime("%Y-%m-%d %H:%M:%S %z")

    @classmethod
    def of(cls, value: dt.datetime) -> JekyllTime:
        return cls(
            value.year, value.month, value.day, value.hour, value.minute, value.second,
            value.microsecond, tzinfo=value.tzinfo,
        )

    def __liquid__(self) -> float:
        # python-liquid compares only numbers and text with < and >; Ruby compares
        # Times (``post.date > site.time``): a time compares as its instant
        return self.timestamp()


def with_times(values: dict, tz: dt.tzinfo) -> dict:
    """``values`` with each top-level datetime a :class:`JekyllTime` (one without an
    offset in the site's zone ``tz``, as Ruby reads it in local time), so that
    Liquid prints it and compares it as Jekyll does."""
    return {
        key: JekyllTime.of(value if value.tzinfo else value.replace(tzinfo=tz)) if type(value) is dt.datetime else value
        for key, value in values.items()
    }
