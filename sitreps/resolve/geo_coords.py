"""Coordinates written in a report ("14.5N 1.2W", "14°30'N, 1°12'W", "N 14.5 W 1.2") as places."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from sitreps.models import Place

if TYPE_CHECKING:
    from sitreps.knowledge.gazetteer import Gazetteer

_PART = r"(?P<{p}d>\d{{1,3}}(?:[.,]\d+)?)\s*(?:°|º|deg(?:rees)?)?\s*(?:(?P<{p}m>\d{{1,2}}(?:[.,]\d+)?)\s*['′’]\s*)?" \
        r"(?:(?P<{p}s>\d{{1,2}}(?:[.,]\d+)?)\s*(?:\"|″|”|''|′′)\s*)?"
_PAIR = re.compile(
    r"(?<![\w.])" + _PART.format(p="a") + r"(?P<ah>[NS])\b[\s,;/]*" + _PART.format(p="o") + r"(?P<oh>[EWO])\b"
    r"|(?<![\w.])(?P<bh>[NS])\s*" + _PART.format(p="b") + r"[\s,;/]*(?P<ph>[EWO])\s*" + _PART.format(p="p")
)


def _value(d: str | None, m: str | None, s: str | None, hemisphere: str) -> float | None:
    if d is None:
        return None
    value = float(d.replace(",", ".")) + float((m or "0").replace(",", ".")) / 60 + float((s or "0").replace(",", ".")) / 3600
    return -value if hemisphere in ("S", "W", "O") else value


def parse_coordinates(text: str) -> list[tuple[int, int, float, float]]:
    """``(start, end, latitude, longitude)`` of each coordinate pair in ``text`` (valid ranges only)."""
    out = []
    for m in _PAIR.finditer(text):
        g = m.groupdict()
        if g["ah"]:
            lat = _value(g["ad"], g["am"], g["as"], g["ah"])
            lon = _value(g["od"], g["om"], g["os"], g["oh"])
        else:
            lat = _value(g["bd"], g["bm"], g["bs"], g["bh"])
            lon = _value(g["pd"], g["pm"], g["ps"], g["ph"])
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        out.append((m.start(), m.end(), lat, lon))
    return out


def coordinate_places(text: str, gazetteer: Callable[[], Gazetteer]) -> list[Place]:
    """A precision-1 ``Place`` for each coordinate pair, named and filed under its nearest town."""
    found = parse_coordinates(text)
    if not found:
        return []
    gaz = gazetteer()
    places = []
    for start, end, lat, lon in found:
        near = gaz.nearest(lat, lon, k=1)
        town = near[0][0] if near and near[0][1] < 200 else None
        places.append(Place(
            name=text[start:end].strip(), start=start, end=end, latitude=round(lat, 5), longitude=round(lon, 5),
            country=town.country if town else None, country_code=town.country_code if town else None,
            admin1=town.admin1 if town else None, admin2=town.admin2 if town else None,
            feature="coordinates", geo_precision=1, source="coordinates in the text",
        ))
    return places
