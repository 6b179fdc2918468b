"""Country and admin1 outlines of the Sahel and its neighbours, loaded lazily.

The data are simplified Natural Earth boundaries (public domain) kept under
``knowledge/data/outlines/``; see the README there for their origin.  Nothing is
read until a function here is first called.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True, kw_only=True)
class CountryOutline:
    """One country: its name, ISO 3166-1 alpha-3 code and outer rings as (lon, lat) points."""

    name: str
    iso3: str
    rings: tuple[Ring, ...]

    def contains(self, longitude: float, latitude: float) -> bool:
        """Whether the point falls inside the country (ray casting over its rings)."""
        inside = False
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                if (y1 > latitude) != (y2 > latitude) and longitude < x1 + (latitude - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside


def _load(name: str) -> dict[str, Any]:
    path = resources.files("sitreps.knowledge") / "data" / "outlines" / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _countries() -> tuple[CountryOutline, ...]:
    outlines = []
    for feature in _load("countries.geojson")["features"]:
        rings = tuple(
            tuple((float(x), float(y)) for x, y in polygon[0])
            for polygon in feature["geometry"]["coordinates"]
        )
        props = feature["properties"]
        outlines.append(CountryOutline(name=props["name"], iso3=props["iso3"], rings=rings))
    return tuple(outlines)


@cache
def _admin1_lines() -> tuple[tuple[str, Ring], ...]:
    return tuple(
        (feature["properties"]["iso3"], tuple((float(x), float(y)) for x, y in feature["geometry"]["coordinates"]))
        for feature in _load("admin1_lines.geojson")["features"]
    )


def _wanted(countries: Sequence[str] | None) -> set[str] | None:
    if not countries:
        return None
    if isinstance(countries, str):
        countries = [countries]
    keys = {c.casefold() for c in countries}
    return {o.iso3 for o in _countries() if o.iso3.casefold() in keys or o.name.casefold() in keys}


def country_outlines(countries: Sequence[str] | None = None) -> tuple[CountryOutline, ...]:
    """The outlines of ``countries`` (names or ISO3 codes, any case), or of all that ship."""
    wanted = _wanted(countries)
    return tuple(o for o in _countries() if wanted is None or o.iso3 in wanted)


def admin1_lines(countries: Sequence[str] | None = None) -> tuple[Ring, ...]:
    """The admin1 boundary lines inside ``countries`` (names or ISO3 codes), or inside all that ship."""
    wanted = _wanted(countries)
    return tuple(line for iso3, line in _admin1_lines() if wanted is None or iso3 in wanted)


def known_countries() -> tuple[str, ...]:
    """The names of the countries whose outlines ship."""
    return tuple(sorted(o.name for o in _countries()))
