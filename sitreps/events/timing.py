"""When an incident happened, as a coder reads it: the night that ends on the morning after, the day a
statement was given rather than the incident, a clause that opens on a day of its own, one day or another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from sitreps.events.detect import Mention
from sitreps.knowledge import lexicon
from sitreps.models import DAY, YEAR

#: A date given as a night: coded on the morning after.
NIGHT = re.compile(r"\b(?:nuit d[eu] .+ (?:a|au) |night (?:of|from) .+ (?:to|into) |overnight)")
#: Words between a say verb and its date ("said on Sunday", "a indiqué ce lundi").
LINKS = {"on", "le", "this", "ce", "last", "dernier", "late", "early"}


def dates_in(dates: Sequence[Any], start: int, end: int) -> list[Any]:
    """The resolved dates mentioned between two character offsets."""
    return [d for d in dates if start <= d.start < end and d.date is not None]


def leading(dates: Sequence[Any], mention: Mention) -> bool:
    """Whether a clause opens on a day of its own ("Le lendemain, les assaillants sont revenus", "Mardi matin,
    des jeunes ... les assaillants"): a reference back to the attackers, but another incident that day."""
    return any(d.start - mention.start <= 3 and d.precision == DAY for d in dates)


def night_end(date: Any) -> Any:
    """ "Dans la nuit de samedi à dimanche", "overnight on Friday": coded on the morning after."""
    if date.precision == DAY and NIGHT.search(lexicon.fold(date.text)):
        return dataclasses.replace(date, date=date.date + dt.timedelta(days=1))
    return date


def nights(dates: list[Any], text: str) -> list[Any]:
    """ "La nuit du samedi 11 au dimanche 12 mars": keep the second day of a night given as two dates."""
    out = []
    for k, date in enumerate(dates):
        nxt = dates[k + 1] if k + 1 < len(dates) else None
        if nxt is not None:
            between = lexicon.fold(text[date.end : nxt.start]).strip()
            before = lexicon.fold(text[max(0, date.start - 12) : date.start])
            if re.fullmatch(r"(?:\d{1,2}(?:er)? )?(?:au|a|to|into)", between) and ("nuit" in before or "night" in before):
                continue
        out.append(date)
    return out


def said_on(text: str, date: Any, lang: str) -> bool:
    """Whether a date is when something was said ("said on Sunday", "a indiqué lundi"), not when it happened."""
    words = [w for w in lexicon.fold(text[max(0, date.start - 30) : date.start]).replace(",", " ").split()]
    while words and words[-1] in LINKS:
        words.pop()
    say = lexicon.cues(lang).get("say_verb")
    return bool(words and say is not None and say.fullmatch(words[-1]))


def same_day(a: Any, b: Any) -> bool:
    """Whether two dates (either may be missing) can be one day, at the coarser of their precisions."""
    if a is None or b is None:
        return True
    if a.precision == DAY and b.precision == DAY:
        return bool(a.date == b.date)
    if YEAR in (a.precision, b.precision):
        return bool(a.date.year == b.date.year)
    return bool((a.date.year, a.date.month) == (b.date.year, b.date.month))

