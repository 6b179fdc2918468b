"""Events and fatalities by week or month, by actor, event type or admin1, with anomalies flagged.

Method: each series (one group's counts per period, missing periods filled
with zero) is compared, period by period, with its own trailing baseline: the
daily rate over the ``baseline`` periods just before it, times the days of
the period (so a 31-day month is not flagged for being longer than a 28-day
one).  A period is flagged when its count is improbably high for a Poisson
variable with that mean, ``P(X >= observed | mean) < alpha`` (default 0.01),
with at least ``min_events`` events (default 3) and at least ``min_ratio``
times the mean (default 1.5).  The ratio floor matters for busy series:
conflict counts are over-dispersed, and against a mean of thousands a Poisson
test calls a 5% rise significant.  The mean is floored at 0.5 so that a
silent series does not flag its first event.  The Poisson tail is a screening
rule, not an exact test; no multiple-testing correction is applied here
(``hotspots`` does apply one).

By actor, an event counts for its ``actor1`` and its ``actor2`` (folded to
canonical names; once when both fold to the same actor); associated actors are
left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from sitreps.analysis._base import as_date, connection_of, query, scope_filter, where
from sitreps.errors import AnalysisError
from sitreps.sources.datasets import ActorFolder

GROUPINGS = ("actor", "event_type", "admin1", "country")
FREQUENCIES = {"week": "week", "month": "month"}
COLUMNS = ["period", "group", "events", "fatalities", "baseline", "ratio", "p_value", "anomaly"]


def poisson_tail(observed: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``P(X >= observed)`` for Poisson variables with the given means (1 where observed is 0)."""
    from scipy.special import pdtrc

    observed = np.asarray(observed, dtype=float)
    mean = np.asarray(mean, dtype=float)
    tail = pdtrc(np.maximum(observed - 1, 0), mean)
    return np.where(observed <= 0, 1.0, tail)


def trends(
    source: Any,
    *,
    by: str | None = None,
    freq: str = "month",
    country: str | None = None,
    admin1: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    baseline: int | None = None,
    alpha: float = 0.01,
    min_events: int = 3,
    min_ratio: float = 1.5,
    actors: ActorFolder | None = None,
) -> pd.DataFrame:
    """Counts per period and group with anomaly flags; one row per (period, group), periods ascending.

    Columns: ``period`` (first day of the week or month), ``group``,
    ``events``, ``fatalities``, ``baseline`` (trailing mean, NaN while the
    series is too short), ``ratio`` (events over baseline), ``p_value`` and
    ``anomaly``; ``baseline`` is the trailing daily rate times the period's days.  ``baseline`` defaults to 8 weeks or 6 months.  Raises
    ``AnalysisError`` for an unknown grouping or frequency, or when no event
    is in scope.
    """
    if by is not None and by not in GROUPINGS:
        raise AnalysisError(f"cannot group trends by {by!r}: use one of {', '.join(GROUPINGS)}")
    if freq not in FREQUENCIES:
        raise AnalysisError(f"unknown frequency {freq!r}: use week or month")
    span = baseline if baseline is not None else (8 if freq == "week" else 6)
    if span < 1:
        raise AnalysisError(f"the baseline must be at least one period, not {span}")
    con = connection_of(source)
    clauses, params = scope_filter(country, admin1)
    clauses.append("event_date IS NOT NULL")
    first, last = as_date(since, "since"), as_date(until, "until")
    if first:
        clauses.append("event_date >= ?")
        params.append(first)
    if last:
        clauses.append("event_date <= ?")
        params.append(last)
    unit = FREQUENCIES[freq]
    keys = {"actor": "actor1, actor2", "event_type": "event_type", "admin1": "admin1", "country": "country"}
    key = keys.get(by or "", "'all'")
    counts = query(
        con,
        f"SELECT CAST(date_trunc('{unit}', event_date) AS DATE) AS period, {key}, count(*) AS events, "
        f"coalesce(sum(fatalities), 0) AS fatalities FROM events {where(clauses)} GROUP BY ALL",
        params,
    ).df()
    if counts.empty:
        raise AnalysisError("no dated events match: nothing to count")
    if by == "actor":
        counts = _by_actor(counts, actors or ActorFolder())
    else:
        counts = counts.rename(columns={counts.columns[1]: "group"})
        counts["group"] = counts["group"].fillna("(unknown)").astype(str)
    return flag(_fill(counts, unit), freq=freq, baseline=span, alpha=alpha, min_events=min_events,
                min_ratio=min_ratio)


def _by_actor(counts: pd.DataFrame, folder: ActorFolder) -> pd.DataFrame:
    names = pd.unique(pd.concat([counts["actor1"], counts["actor2"]]).dropna())
    canonical = {name: folder.fold(str(name)) for name in names}
    one = counts["actor1"].map(canonical)
    two = counts["actor2"].map(canonical)
    two = two.where(two != one)  # an event whose two actors are one actor counts once
    parts = [counts.assign(group=one), counts.assign(group=two)]
    melted = pd.concat(parts, ignore_index=True).dropna(subset=["group"])
    return melted[["period", "group", "events", "fatalities"]]


def _fill(counts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """One row per group and period from the first to the last period of the data, zeros where none."""
    counts = counts.groupby(["period", "group"], as_index=False)[["events", "fatalities"]].sum()
    periods = pd.to_datetime(counts["period"])
    step = "W-MON" if unit == "week" else "MS"
    full = pd.date_range(periods.min(), periods.max(), freq=step)
    index = pd.MultiIndex.from_product([full, sorted(counts["group"].unique())], names=["period", "group"])
    counts = counts.assign(period=periods).set_index(["period", "group"]).reindex(index, fill_value=0)
    return counts.reset_index()


def flag(
    counts: pd.DataFrame, *, freq: str = "month", baseline: int, alpha: float, min_events: int,
    min_ratio: float = 1.5,
) -> pd.DataFrame:
    """Add ``baseline``, ``ratio``, ``p_value`` and ``anomaly`` to per-period counts (see the module docstring)."""
    counts = counts.sort_values(["group", "period"]).reset_index(drop=True)
    periods = pd.to_datetime(counts["period"])
    days = pd.Series(7.0, index=counts.index) if freq == "week" else periods.dt.days_in_month.astype(float)
    grouped = counts.assign(days=days).groupby("group")
    past_events = grouped["events"].transform(lambda s: s.shift(1).rolling(baseline, min_periods=baseline).sum())
    past_days = grouped["days"].transform(lambda s: s.shift(1).rolling(baseline, min_periods=baseline).sum())
    trailing = (past_events / past_days * days).to_numpy(dtype=float)  # the mean scaled to this period's days
    mean = np.maximum(trailing, 0.5)
    observed = counts["events"].to_numpy(dtype=float)
    known = ~np.isnan(trailing)
    p_value = np.where(known, poisson_tail(observed, mean), np.nan)
    counts["baseline"] = trailing
    counts["ratio"] = np.where(known, observed / mean, np.nan)
    counts["p_value"] = p_value
    counts["anomaly"] = known & (p_value < alpha) & (observed >= min_events) & (observed >= min_ratio * mean)
    counts["events"] = counts["events"].astype("int64")
    counts["fatalities"] = counts["fatalities"].astype("int64")
    counts["period"] = pd.to_datetime(counts["period"]).dt.date
    return counts.sort_values(["period", "group"]).reset_index(drop=True)[COLUMNS]
