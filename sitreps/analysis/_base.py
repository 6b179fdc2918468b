"""What the analyses share: the connection, time windows, H3 cells of events, actor names.

H3 cells are computed in Python (h3 4.x; DuckDB's h3 extension needs a
download), after DuckDB has grouped the events by location, so h3 runs once per
distinct latitude/longitude of a query's rows, not once per event.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb

from sitreps.errors import AnalysisError
from sitreps.sources.datasets import ActorFolder

_WINDOW = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)


def connection_of(source: Any) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection of a ``Store`` or the connection itself."""
    if isinstance(source, duckdb.DuckDBPyConnection):
        return source
    connection = getattr(source, "connection", None)
    if isinstance(connection, duckdb.DuckDBPyConnection):
        return connection
    raise AnalysisError(f"not a store or a DuckDB connection: {type(source).__name__}")


def query(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """Run a read query, turning DuckDB's errors into ``AnalysisError``."""
    try:
        return con.execute(sql, params or [])
    except duckdb.Error as exc:
        raise AnalysisError(f"query failed: {exc}") from exc


# -- windows ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Window:
    """A length of time such as ``12m``: ``count`` units of ``d``ays, ``w``eeks, ``m``onths or ``y``ears."""

    count: int
    unit: str

    @classmethod
    def parse(cls, spec: str) -> Window:
        match = _WINDOW.match(spec)
        if not match or int(match.group(1)) < 1:
            raise AnalysisError(f"not a window: {spec!r} (use a number and d, w, m or y: 90d, 6m, 12m, 1y)")
        return cls(count=int(match.group(1)), unit=match.group(2).lower())

    def start(self, end: dt.date) -> dt.date:
        """The first day of the window of this length that ends on ``end`` (both days included)."""
        if self.unit == "d":
            return end - dt.timedelta(days=self.count - 1)
        if self.unit == "w":
            return end - dt.timedelta(days=7 * self.count - 1)
        months = self.count * (12 if self.unit == "y" else 1)
        return shift_months(end + dt.timedelta(days=1), -months)

    def bounds(self, end: dt.date) -> tuple[dt.date, dt.date]:
        return self.start(end), end

    def previous(self, end: dt.date) -> tuple[dt.date, dt.date]:
        """The window of the same length just before the one ending on ``end``."""
        before = self.start(end) - dt.timedelta(days=1)
        return self.start(before), before

    def days(self, end: dt.date) -> int:
        return (end - self.start(end)).days + 1

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


def shift_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def as_date(value: str | dt.date | None, name: str = "date") -> dt.date | None:
    """A date from an ISO string (or a date); raises ``AnalysisError`` for anything else."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise AnalysisError(f"{name} is not a date (YYYY-MM-DD): {value!r}") from None


# -- scope ------------------------------------------------------------------------------------------------------


def scope_filter(country: str | None = None, admin1: str | None = None) -> tuple[list[str], list[Any]]:
    """SQL conditions (and parameters) for a country (name or ISO code) and an admin1, ignoring case."""
    clauses: list[str] = []
    params: list[Any] = []
    if country:
        clauses.append("(lower(country) = lower(?) OR lower(iso) = lower(?))")
        params += [country, country]
    if admin1:
        clauses.append("lower(admin1) = lower(?)")
        params.append(admin1)
    return clauses, params


def scope_text(country: str | None, admin1: str | None) -> str:
    parts = [p for p in (admin1, country) if p]
    return f" in {', '.join(parts)}" if parts else ""


def where(clauses: Iterable[str]) -> str:
    items = list(clauses)
    return ("WHERE " + " AND ".join(items)) if items else ""


def latest_date(con: duckdb.DuckDBPyConnection, clauses: list[str], params: list[Any]) -> dt.date | None:
    row = query(con, f"SELECT max(event_date) FROM events {where(clauses)}", params).fetchone()
    return row[0] if row else None


# -- actors -----------------------------------------------------------------------------------------------------


def actor_names(con: duckdb.DuckDBPyConnection, actor: str, folder: ActorFolder) -> tuple[str, list[str]]:
    """The canonical name of ``actor`` and every stored actor-column value that names it.

    A value names the actor when it, or one of the ``;``-separated actors of
    an associated-actor list, folds to the actor's canonical name or to a
    successor's (an entry's ``successors``); raises ``AnalysisError`` when no
    stored event names it.
    """
    entry = folder.entry(actor)
    canonical = str(entry.name) if entry is not None else actor.strip()
    wanted = {canonical.casefold(), actor.strip().casefold()}
    for attribute in ("successors", "successor", "predecessors"):
        extra = getattr(entry, attribute, None) if entry is not None else None
        if isinstance(extra, str):
            extra = [extra]
        for name in extra or ():
            wanted.add(folder.fold(str(name)).casefold())
            wanted.add(str(name).casefold())
    values = query(
        con,
        "SELECT DISTINCT v FROM (SELECT actor1 AS v FROM events UNION SELECT actor2 FROM events "
        "UNION SELECT assoc_actor_1 FROM events UNION SELECT assoc_actor_2 FROM events) WHERE v IS NOT NULL",
    ).fetchall()
    names = []
    for (value,) in values:
        parts = [p.strip() for p in str(value).split(";") if p.strip()]
        if any(p.casefold() in wanted or folder.fold(p).casefold() in wanted for p in parts):
            names.append(str(value))
    if not names:
        raise AnalysisError(f"no stored event names the actor {actor!r} (nor any of its aliases)")
    return canonical, sorted(names)


def actor_clause(names: list[str]) -> tuple[str, list[Any]]:
    """An SQL condition (and parameters) true for events whose actor columns hold one of ``names``."""
    member = "IN (SELECT unnest(?::VARCHAR[]))"
    columns = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
    return "(" + " OR ".join(f"{c} {member}" for c in columns) + ")", [names] * len(columns)


# -- H3 cells ---------------------------------------------------------------------------------------------------


def cells_of(latitudes: Any, longitudes: Any, resolution: int) -> Any:
    """The H3 cells (int64 array) of coordinate arrays; -1 where a coordinate is missing.

    Called on grouped rows (one per distinct location and group), not on
    every event: h3 takes about half a microsecond a point.
    """
    import h3.api.basic_int as h3i
    import numpy as np

    if not 0 <= resolution <= 15:
        raise AnalysisError(f"H3 resolution must be 0 to 15, not {resolution}")
    lats = np.asarray(latitudes, dtype=float)
    lons = np.asarray(longitudes, dtype=float)
    to_cell = h3i.latlng_to_cell
    return np.fromiter(
        (to_cell(a, b, resolution) if a == a and b == b else -1 for a, b in zip(lats.tolist(), lons.tolist(), strict=True)),
        dtype=np.int64, count=len(lats),
    )


@functools.lru_cache(maxsize=200_000)
def cell_area(cell: int) -> float:
    """The area of an H3 cell in km²."""
    import h3.api.basic_int as h3i

    return float(h3i.cell_area(cell, "km^2"))


def cell_parents(cells: Any, resolution: int) -> Any:
    """The parents at ``resolution`` of an int64 array of finer H3 cells, computed on the index bits.

    An H3 index keeps its resolution in bits 52-55 and one 3-bit digit per
    finer resolution below; the parent sets the resolution and fills the
    digits past it with 7, as ``h3.cell_to_parent`` does.
    """
    import numpy as np

    bits = np.asarray(cells, dtype=np.int64).astype(np.uint64)
    bits = (bits & ~np.uint64(0xF << 52)) | np.uint64(resolution << 52)
    return (bits | np.uint64((1 << (3 * (15 - resolution))) - 1)).astype(np.int64)


def cell_hex(cell: int) -> str:
    """The usual hexadecimal form of an H3 cell id."""
    return format(int(cell), "x")


def cell_geometry(cell: int) -> dict[str, Any]:
    """A GeoJSON polygon of a cell (lon/lat order, ring closed)."""
    import h3.api.basic_int as h3i

    ring = [[lon, lat] for lat, lon in h3i.cell_to_boundary(int(cell))]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def cell_center(cell: int) -> tuple[float, float]:
    import h3.api.basic_int as h3i

    lat, lon = h3i.cell_to_latlng(int(cell))
    return float(lat), float(lon)
