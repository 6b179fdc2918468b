"""H3 cells whose activity in a recent window rose significantly above their own baseline.

Test: for every cell with an event in the window or its baseline, the count
in the window is compared with a Poisson variable whose mean is the cell's
baseline rate scaled to the window's length,
``expected = (baseline_events + 1) * window_days / baseline_days``.  The one
added event is a prior that keeps a cell never seen before from being
flagged for a single event (it needs about three in a 30-day window against
a year's baseline).  The p-value is ``P(X >= observed | expected)``, one-sided
because only rises are of interest.

Correction: with thousands of cells tested at once, some would pass any fixed
threshold by chance; the Benjamini-Hochberg procedure controls the false
discovery rate (the expected share of flagged cells that are false alarms)
at ``alpha``, which suits a screening list better than the far stricter
family-wise (Bonferroni) control.  A cell is a hotspot when its BH q-value is
below ``alpha`` (default 0.05).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from sitreps.analysis._base import (
    Window,
    as_date,
    cell_center,
    cell_geometry,
    cell_hex,
    cells_of,
    connection_of,
    latest_date,
    query,
    scope_filter,
    scope_text,
    where,
)
from sitreps.analysis.trends import poisson_tail
from sitreps.errors import AnalysisError

COLUMNS = [
    "cell", "latitude", "longitude", "country", "admin1", "events", "fatalities", "baseline_events",
    "expected", "ratio", "p_value", "q_value", "hotspot", "geometry",
]


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given."""
    p = np.asarray(p_values, dtype=float)
    n = len(p)
    if n == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty(n)
    result[order] = np.minimum(adjusted, 1.0)
    return result


def hotspots(
    source: Any,
    *,
    window: str = "30d",
    baseline: str = "365d",
    end: str | dt.date | None = None,
    resolution: int = 5,
    country: str | None = None,
    admin1: str | None = None,
    alpha: float = 0.05,
    include_all: bool = False,
) -> pd.DataFrame:
    """Cells whose events in ``window`` (ending on ``end``, default the latest event) rose above their baseline.

    ``baseline`` is the period just before the window.  Returns the hotspots
    (every tested cell with ``include_all``), most significant first, with
    the cell id, centre, the country and admin1 most of its events fall in,
    counts, expected count, ``p_value``, BH ``q_value``, ``hotspot`` and a
    GeoJSON ``geometry``.  Raises ``AnalysisError`` when nothing is in scope.
    """
    if not 0 < alpha < 1:
        raise AnalysisError(f"alpha must be between 0 and 1, not {alpha}")
    recent, before = Window.parse(window), Window.parse(baseline)
    con = connection_of(source)
    scope, params = scope_filter(country, admin1)
    last = as_date(end, "end") or latest_date(con, scope, params)
    if last is None:
        raise AnalysisError(f"no dated events{scope_text(country, admin1)}")
    start = recent.start(last)
    base_end = start - dt.timedelta(days=1)
    base_start = before.start(base_end)
    window_days, base_days = (last - start).days + 1, (base_end - base_start).days + 1
    clauses = [*scope, "event_date BETWEEN ? AND ?"]
    all_params = [*params, base_start, last]
    frame = _cell_counts(con, resolution, clauses, all_params, start)
    if frame.empty:
        raise AnalysisError(
            f"no located events{scope_text(country, admin1)} between {base_start} and {last}"
        )
    expected = (frame["baseline_events"].to_numpy(dtype=float) + 1.0) * window_days / base_days
    observed = frame["events"].to_numpy(dtype=float)
    frame["expected"] = expected
    frame["ratio"] = observed / expected
    frame["p_value"] = poisson_tail(observed, expected)
    frame["q_value"] = benjamini_hochberg(frame["p_value"].to_numpy())
    frame["hotspot"] = (frame["q_value"] < alpha) & (observed > expected)
    if not include_all:
        frame = frame[frame["hotspot"]]
    frame = frame.sort_values(["p_value", "events"], ascending=[True, False]).reset_index(drop=True)
    cells = frame["cell"].astype("int64").tolist()
    centres = [cell_center(c) for c in cells]
    frame["latitude"] = [c[0] for c in centres]
    frame["longitude"] = [c[1] for c in centres]
    frame["geometry"] = [cell_geometry(c) for c in cells]
    frame["cell"] = [cell_hex(c) for c in cells]
    frame.attrs.update({"window_start": start, "window_end": last, "baseline_start": base_start,
                        "baseline_end": base_end, "resolution": resolution, "alpha": alpha,
                        "tested": int(len(expected))})
    return frame[COLUMNS]


def _cell_counts(con: Any, resolution: int, clauses: list[str], params: list[Any], start: dt.date) -> pd.DataFrame:
    """Events in the window and in the baseline, per cell (grouped by location in DuckDB, then by cell)."""
    places: pd.DataFrame = query(
        con,
        "SELECT latitude, longitude, count(*) FILTER (WHERE event_date >= ?) AS events, "
        "coalesce(sum(fatalities) FILTER (WHERE event_date >= ?), 0) AS fatalities, "
        "count(*) FILTER (WHERE event_date < ?) AS baseline_events, "
        "any_value(country) AS country, any_value(admin1) AS admin1 "
        f"FROM events {where([*clauses, 'latitude IS NOT NULL', 'longitude IS NOT NULL'])} "
        "GROUP BY latitude, longitude",
        [start, start, start, *params],
    ).df()
    places["cell"] = cells_of(places["latitude"], places["longitude"], resolution)
    sums = places.groupby("cell")[["events", "fatalities", "baseline_events"]].sum()
    # The country and admin1 of a cell: those of its busiest location.
    activity = places["events"] + places["baseline_events"]
    busiest = places.assign(activity=activity).sort_values("activity", ascending=False, kind="stable")
    busiest = busiest.drop_duplicates("cell")
    labels = busiest.set_index("cell")[["country", "admin1"]]
    return sums.join(labels).reset_index()
