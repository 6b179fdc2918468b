"""Publication dates: ISO strings exactly, free text (English or French) with dateparser, offline."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from sitreps.models import DAY, MONTH, YEAR

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_PRECISION = {"day": DAY, "time": DAY, "week": MONTH, "month": MONTH, "year": YEAR}


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en", "fr"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                  "PREFER_DATES_FROM": "past"},
    )


def parse_published(value: str | None) -> tuple[dt.date | None, int | None]:
    """A publication date and its ACLED precision (1 day, 2 month, 3 year); ``(None, None)`` if unknown.

    A month or a year alone gives the first day of that period with the
    matching precision.  A date and time with an offset keeps the date as
    written (the report's local day).
    """
    if not value or not value.strip():
        return None, None
    found = _ISO.match(value)
    if found:
        year, month, day = (int(part) if part else None for part in found.groups())
        assert year is not None
        try:
            if day is not None and month is not None:
                return dt.date(year, month, day), DAY
            if month is not None:
                return dt.date(year, month, 1), MONTH
            return dt.date(year, 1, 1), YEAR
        except ValueError:
            return None, None
    try:
        data = _parser().get_date_data(value.strip()[:200])
    except Exception:  # dateparser raises assorted errors on odd strings; an unknown date is not fatal
        return None, None
    if data is None or data.date_obj is None:
        return None, None
    parsed: dt.date = data.date_obj.date()
    precision = _PRECISION.get(data.period or "day", DAY)
    if precision == MONTH and data.period == "month":
        parsed = parsed.replace(day=1)
    elif precision == YEAR:
        parsed = dt.date(parsed.year, 1, 1)
    return parsed, precision
