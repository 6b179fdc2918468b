"""TEMPORARY: the resolver functions the coder calls, with stand-ins while their modules are scaffolds.

Remove once ``sitreps.resolve.dates.find_dates``, ``sitreps.resolve.places.best_event_place`` and
``sitreps.resolve.actors.country_focus`` exist.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from sitreps.knowledge import lexicon
from sitreps.models import DAY, Place

try:
    from sitreps.resolve.dates import find_dates
except ImportError:
    _WEEKDAYS = {w: i for i, names in enumerate(
        [("monday", "lundi"), ("tuesday", "mardi"), ("wednesday", "mercredi"), ("thursday", "jeudi"),
         ("friday", "vendredi"), ("saturday", "samedi"), ("sunday", "dimanche")]) for w in names}
    _MONTHS = {w: i + 1 for i, names in enumerate(
        [("january", "janvier"), ("february", "fevrier"), ("march", "mars"), ("april", "avril"), ("may", "mai"),
         ("june", "juin"), ("july", "juillet"), ("august", "aout"), ("september", "septembre"),
         ("october", "octobre"), ("november", "novembre"), ("december", "decembre")]) for w in names}
    _DAY_MONTH = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")(?:\s+(\d{4}))?\b")
    _MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:,?\s+(\d{4}))?\b")
    _WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")

    @dataclass(frozen=True, kw_only=True)
    class _DateMention:
        start: int
        end: int
        text: str
        date: dt.date | None
        precision: int

    def find_dates(doc: Doc, reference: dt.date | None) -> list[Any]:  # type: ignore[misc]
        if reference is None:
            return []
        folded = lexicon.fold(doc.text)
        found: list[_DateMention] = []

        def add(m: re.Match[str], day: int, month: int, year: str | None) -> None:
            y = int(year) if year else reference.year
            try:
                date = dt.date(y, month, day)
            except ValueError:
                return
            if not year and date > reference + dt.timedelta(days=2):
                date = date.replace(year=y - 1)
            found.append(_DateMention(start=m.start(), end=m.end(), text=doc.text[m.start():m.end()], date=date,
                                      precision=DAY))

        for m in _DAY_MONTH.finditer(folded):
            add(m, int(m.group(1)), _MONTHS[m.group(2)], m.group(3))
        for m in _MONTH_DAY.finditer(folded):
            add(m, int(m.group(2)), _MONTHS[m.group(1)], m.group(3))
        for m in _WEEKDAY.finditer(folded):
            if any(d.start <= m.start() < d.end + 3 for d in found):
                continue
            back = (reference.weekday() - _WEEKDAYS[m.group(1)]) % 7
            found.append(_DateMention(start=m.start(), end=m.end(), text=doc.text[m.start():m.end()],
                                      date=reference - dt.timedelta(days=back), precision=DAY))
        return sorted(found, key=lambda d: d.start)

try:
    from sitreps.resolve.places import best_event_place  # type: ignore[attr-defined]
except ImportError:

    def best_event_place(places: Sequence[Place], start: int, end: int) -> Place | None:  # type: ignore[misc]
        inside = [p for p in places if p.start is not None and start <= p.start < end]
        fine = [p for p in inside if (p.feature or "locality") not in ("country", "continent", "region")]
        return (fine or inside)[0] if (fine or inside) else None

try:
    from sitreps.resolve.actors import country_focus
except ImportError:

    def country_focus(doc: Doc) -> str | None:  # type: ignore[misc]
        return None

__all__ = ["best_event_place", "country_focus", "find_dates"]
