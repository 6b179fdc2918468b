"""Cut a clause that reports several incidents into one part per incident.

Two shapes recur in wire copy and communiqués: one clause naming several places, each with its own
toll ("70 were killed in X and 30 in Y"), and one clause chaining two dated incidents ("gunmen raided
X on Saturday, and on Sunday jihadists ambushed a convoy near Y").  A part keeps the whole clause in
``full_start``/``full_end`` so that actors and quotations can still be read from it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from sitreps.events import location
from sitreps.events.detect import Mention
from sitreps.events.location import places_in
from sitreps.events.timing import dates_in
from sitreps.knowledge import lexicon
from sitreps.models import Place
from sitreps.resolve import numbers

#: Where a clause chaining two incidents turns to the second: ", and", ", while", "; ", ", et", ", tandis que".
_JOIN = re.compile(r",\s*(?:and|while|whereas|et|tandis\s+qu['e]|alors\s+qu['e])\s|;\s|,\s*(?=(?:then|puis)\s)")
#: A second part that follows on from the first ("then", "puis", "ensuite").
_THEN = re.compile(r"\s*(?:then|puis|ensuite|and then|et ensuite)\b")


def split_mention(mention: Mention, places: Sequence[Place], dates: Sequence[Any], tolls: list[numbers.Toll],
                  text: str, lang: str) -> list[tuple[Mention, list[numbers.Toll]]]:
    """The parts of ``mention`` that report incidents of their own, each with its tolls."""
    by_toll = _by_toll(mention, places, tolls, text)
    if len(by_toll) > 1:
        return by_toll
    return _by_date(mention, places, dates, tolls, text, lang)


def _part(mention: Mention, lo: int, hi: int, text: str) -> Mention:
    hits = tuple(h for h in mention.hits if lo <= h.start < hi)
    return dataclasses.replace(mention, start=lo, end=hi, text=text[lo:hi], hits=hits or mention.hits,
                               full_start=mention.start, full_end=mention.end)


def _by_toll(mention: Mention, places: Sequence[Place], tolls: list[numbers.Toll],
             text: str) -> list[tuple[Mention, list[numbers.Toll]]]:
    """A clause naming several places, each with its own toll, as one part per place."""
    spots = sorted((p for p in places_in(places, mention.start, mention.end) if location.is_spot(p)),
                   key=lambda p: p.start or 0)
    names = {lexicon.fold(p.name) for p in spots}
    killed = [t for t in tolls if t.kind == "killed"]
    if len(names) < 2 or len(killed) < 2:
        return [(mention, tolls)]
    cuts = [mention.start] + [p.end or 0 for p in spots[:-1]] + [mention.end]
    parts = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        part_tolls = [t for t in tolls if lo <= t.start < hi]
        if not [t for t in part_tolls if t.kind == "killed"]:
            return [(mention, tolls)]
        parts.append((dataclasses.replace(mention, start=lo, end=hi, text=text[lo:hi], full_start=mention.start,
                                          full_end=mention.end), part_tolls))
    return parts


def _by_date(mention: Mention, places: Sequence[Place], dates: Sequence[Any], tolls: list[numbers.Toll],
             text: str, lang: str) -> list[tuple[Mention, list[numbers.Toll]]]:
    """A clause chaining two incidents, each with its own trigger, day and place, cut where it turns."""
    whole = [(mention, tolls)]
    strong = [h for h in mention.hits if h.strong]
    if len(strong) < 2:
        return whole
    for join in _JOIN.finditer(text, strong[0].end, mention.end):
        lo, hi = (mention.start, join.start()), (join.end(), mention.end)
        then = _THEN.match(text, join.end()) is not None
        sides = []
        for n, (a, b) in enumerate((lo, hi)):
            days = {d.date for d in dates_in(dates, a, b)}
            spots = {lexicon.fold(p.name) for p in places_in(places, a, b)
                     if location.is_spot(p) and not location.rank(p, text, lang)[1]}  # not "venus de Kaya"
            # "attacked X on Sunday, then ambushed reinforcements near Y": the second part keeps the day
            if not any(a <= h.start < b for h in strong) or len(spots) != 1 or not (
                    len(days) == 1 or then and n == 1 and not days):
                break
            sides.append((days, spots))
        if len(sides) == 2 and sides[0][1] != sides[1][1] and (then or sides[0][0] != sides[1][0]):
            return [(_part(mention, a, b, text), [t for t in tolls if a <= t.start < b]) for a, b in (lo, hi)]
    return whole
