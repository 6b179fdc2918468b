"""Where an actor was active, and how much that area grew: the footprint of an actor.

An actor's footprint over a window is the set of H3 cells (and admin2 units)
holding at least one event that names it in ``actor1``, ``actor2`` or an
associated-actor column, under any alias or predecessor name that the actor
dictionary folds to it.  Its area is the summed ``h3.cell_area`` of those
cells, so cells of different size count by their real area; ``cell_ratio``
gives the same comparison by cell count.

``growth_ratio`` is the area of the window over the area of the previous window
of equal length (``None`` when the previous window is empty).  Its interval is
a percentile bootstrap: the events of each window are resampled with
replacement (as a Poisson bootstrap: each event gets a Poisson(1) weight, so
a cell with ``k`` events survives a resample with probability
``1 - exp(-k)``), the area recomputed, and the ratio taken, ``draws`` times
with a fixed seed.  Resampling can only lose rare cells, never add new
ones, so the interval says how much the ratio rests on cells seen once or
twice.  ``sensitivity`` repeats the ratio at H3 resolutions 4, 5 and 6 and
without events of geo_precision 3 (placed only at a region's centre).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sitreps.analysis._base import (
    Window,
    actor_clause,
    actor_names,
    as_date,
    cell_area,
    cell_geometry,
    cell_hex,
    cell_parents,
    cells_of,
    connection_of,
    latest_date,
    query,
    scope_filter,
    scope_text,
    where,
)
from sitreps.errors import AnalysisError
from sitreps.sources.datasets import ActorFolder

SENSITIVITY_RESOLUTIONS = (4, 5, 6)


@dataclass(frozen=True, kw_only=True)
class Extent:
    """Activity over one window: cells, their area, admin2 units, events, fatalities."""

    start: dt.date
    end: dt.date
    cells: tuple[int, ...]
    area_km2: float
    admin2: tuple[str, ...]
    events: int
    fatalities: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "window_start": self.start.isoformat(),
            "window_end": self.end.isoformat(),
            "cells": len(self.cells),
            "area_km2": round(self.area_km2, 3),
            "admin2_units": len(self.admin2),
            "events": self.events,
            "fatalities": self.fatalities,
            "cell_ids": [cell_hex(c) for c in self.cells],
            "admin2": list(self.admin2),
        }


@dataclass(frozen=True, kw_only=True)
class Footprint:
    """An actor's footprint in a window and the previous one, with the growth of its area."""

    actor: str
    names: tuple[str, ...]
    country: str | None
    admin1: str | None
    window: str
    resolution: int
    current: Extent
    previous: Extent
    growth_ratio: float | None
    cell_ratio: float | None
    interval: tuple[float, float] | None
    confidence: float
    draws: int
    sensitivity: dict[str, float | None] = field(default_factory=dict)

    @property
    def cells(self) -> pd.DataFrame:
        """One row per cell of either window: ``cell``, ``window``, ``area_km2``, ``geometry`` (GeoJSON)."""
        rows = [
            {"cell": cell_hex(c), "window": label, "area_km2": cell_area(c), "geometry": cell_geometry(c)}
            for label, extent in (("current", self.current), ("previous", self.previous))
            for c in extent.cells
        ]
        return pd.DataFrame(rows, columns=["cell", "window", "area_km2", "geometry"])

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"actor": self.actor, "names": list(self.names), "country": self.country,
                                  "admin1": self.admin1, "window": self.window, "resolution": self.resolution}
        result.update(self.current.to_dict())
        result["previous"] = self.previous.to_dict()
        result["growth_ratio"] = _round(self.growth_ratio)
        result["cell_ratio"] = _round(self.cell_ratio)
        result["growth_note"] = (None if self.growth_ratio is not None
                                 else "no activity in the previous window: growth is unbounded")
        result["interval"] = (
            {"low": _round(self.interval[0]), "high": _round(self.interval[1]), "confidence": self.confidence,
             "draws": self.draws, "method": "percentile bootstrap over events"}
            if self.interval else None
        )
        result["sensitivity"] = {k: _round(v) for k, v in self.sensitivity.items()}
        return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def footprint(
    source: Any,
    actor: str,
    *,
    country: str | None = None,
    admin1: str | None = None,
    window: str = "12m",
    end: str | dt.date | None = None,
    resolution: int = 5,
    draws: int = 500,
    confidence: float = 0.9,
    seed: int = 0,
    actors: ActorFolder | None = None,
) -> Footprint:
    """The footprint of ``actor`` over ``window`` ending on ``end`` (default: the latest event in scope).

    ``source`` is a ``Store`` or a DuckDB connection with the ``events``
    table.  Raises ``AnalysisError`` when no event names the actor, when its
    window holds no event, or for a bad window, date or resolution.
    """
    if not 0 < confidence < 1:
        raise AnalysisError(f"confidence must be between 0 and 1, not {confidence}")
    if not 0 <= resolution <= 15:
        raise AnalysisError(f"H3 resolution must be 0 to 15, not {resolution}")
    span = Window.parse(window)
    con = connection_of(source)
    folder = actors or ActorFolder()
    canonical, names = actor_names(con, actor, folder)
    scope, scope_params = scope_filter(country, admin1)
    last = as_date(end, "end") or latest_date(con, scope, scope_params)
    if last is None:
        raise AnalysisError(f"no dated events{scope_text(country, admin1)}")
    start, _ = span.bounds(last)
    prev_start, prev_end = span.previous(last)

    fine = max(resolution, max(SENSITIVITY_RESOLUTIONS))
    match, match_params = actor_clause(names)
    clauses = [match, *scope, "event_date BETWEEN ? AND ?"]
    params = [*match_params, *scope_params, prev_start, last]
    frame = query(
        con,
        "SELECT event_date >= ? AS current, latitude, longitude, coalesce(geo_precision, 0) AS geo_precision, "
        "country, admin1, admin2, count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities "
        f"FROM events {where(clauses)} GROUP BY ALL",
        [start, *params],
    ).df()
    frame["cell"] = cells_of(frame["latitude"], frame["longitude"], fine)
    now, before = frame[frame["current"]], frame[~frame["current"]]
    if now.empty:
        latest = latest_date(con, [match, *scope], [*match_params, *scope_params])
        hint = f" (its latest event{scope_text(country, admin1)} is on {latest})" if latest else ""
        raise AnalysisError(
            f"{canonical} has no events{scope_text(country, admin1)} between {start} and {last}{hint}"
        )
    located_now, located_before = _Located(now, fine), _Located(before, fine)
    current = _extent(now, located_now, start, last, resolution)
    previous = _extent(before, located_before, prev_start, prev_end, resolution)
    growth = current.area_km2 / previous.area_km2 if previous.area_km2 > 0 else None
    cell_ratio = len(current.cells) / len(previous.cells) if previous.cells else None
    interval = (_bootstrap(located_now, located_before, resolution, draws, confidence, seed)
                if growth is not None else None)
    sensitivity: dict[str, float | None] = {}
    for res in SENSITIVITY_RESOLUTIONS:
        sensitivity[f"resolution_{res}"] = _ratio(located_now, located_before, res)
    sensitivity["without_geo_precision_3"] = _ratio(located_now, located_before, resolution, precise_only=True)
    return Footprint(
        actor=canonical, names=tuple(names), country=country, admin1=admin1, window=str(span),
        resolution=resolution, current=current, previous=previous, growth_ratio=growth, cell_ratio=cell_ratio,
        interval=interval, confidence=confidence, draws=draws, sensitivity=sensitivity,
    )


class _Located:
    """The events of one window that have coordinates: their cell at the fine resolution, precision, count.

    ``at`` gives the distinct cells at a coarser resolution, their event
    counts and areas, computed once per resolution.
    """

    def __init__(self, frame: pd.DataFrame, fine: int) -> None:
        located = frame[frame["cell"] >= 0]
        self.fine = fine
        self.cells = located["cell"].to_numpy(dtype=np.int64)
        self.precise = (located["geo_precision"] != 3).to_numpy(dtype=bool)
        self.events = located["events"].to_numpy(dtype=np.int64)
        self._memo: dict[tuple[int, bool], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def at(self, resolution: int, *, precise_only: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The distinct cells at ``resolution``, the events in each and each cell's area in km²."""
        memo = self._memo.get((resolution, precise_only))
        if memo is None:
            keep = self.precise if precise_only else np.ones(len(self.cells), dtype=bool)
            cells = self.cells[keep]
            if resolution != self.fine:
                cells = cell_parents(cells, resolution)
            unique, inverse = np.unique(cells, return_inverse=True)
            counts = np.bincount(inverse, weights=self.events[keep], minlength=len(unique))
            areas = np.fromiter((cell_area(int(c)) for c in unique), dtype=float, count=len(unique))
            memo = self._memo[(resolution, precise_only)] = (unique, counts, areas)
        return memo

    def area(self, resolution: int, *, precise_only: bool = False) -> float:
        return float(self.at(resolution, precise_only=precise_only)[2].sum())


def _extent(frame: pd.DataFrame, located: _Located, start: dt.date, end: dt.date, resolution: int) -> Extent:
    cells, _, areas = located.at(resolution)
    units = frame.dropna(subset=["admin2"])[["country", "admin1", "admin2"]].drop_duplicates()
    admin2 = sorted({" / ".join(str(v) for v in row if isinstance(v, str))
                     for row in units.itertuples(index=False)})
    return Extent(start=start, end=end, cells=tuple(int(c) for c in cells), area_km2=float(areas.sum()),
                  admin2=tuple(admin2), events=int(frame["events"].sum()),
                  fatalities=int(frame["fatalities"].sum()))


def _ratio(now: _Located, before: _Located, resolution: int, *, precise_only: bool = False) -> float | None:
    area_before = before.area(resolution, precise_only=precise_only)
    if area_before <= 0:
        return None
    return now.area(resolution, precise_only=precise_only) / area_before


#: A cell seen this many times is in every resample but once in ~10^9 (exp(-20)); it is not drawn.
_ALWAYS_PRESENT = 20


def _bootstrap(
    now: _Located, before: _Located, resolution: int, draws: int, confidence: float, seed: int
) -> tuple[float, float] | None:
    """A percentile interval of the area ratio under the Poisson bootstrap.

    Each event is resampled with a Poisson(1) weight (the large-sample form
    of resampling with replacement), so a cell with ``k`` events is present in
    a resample with probability ``1 - exp(-k)``, independently of the others.
    """
    if draws < 1:
        return None
    rng = np.random.default_rng(seed)
    areas = []
    for located in (now, before):
        cells, counts, cell_areas = located.at(resolution)
        if len(cells) == 0:
            return None
        sure = counts >= _ALWAYS_PRESENT
        base = float(cell_areas[sure].sum())
        rare_areas, rare_counts = cell_areas[~sure], counts[~sure]
        survive = (-np.expm1(-rare_counts)).astype(np.float32)
        present = rng.random((draws, len(rare_counts)), dtype=np.float32) < survive
        areas.append(base + present.astype(np.float32) @ rare_areas.astype(np.float32))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = areas[0] / areas[1]
    ratios = ratios[np.isfinite(ratios)]
    if len(ratios) == 0:
        return None
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(ratios, [tail, 100 - tail])
    return float(low), float(high)
