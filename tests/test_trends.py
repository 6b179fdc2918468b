"""Trends: counts by period and group, with an injected spike flagged as an anomaly."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

import numpy as np
import pytest

from sitreps.analysis import poisson_tail, trends
from sitreps.errors import AnalysisError
from sitreps.models import Event
from sitreps.sources.datasets import ActorFolder
from sitreps.store import Store

_ids = itertools.count()


class FakeActors:
    ALIASES = {"eigs": "ISSP", "isgs": "ISSP", "issp": "ISSP", "jnim": "JNIM"}

    def lookup(self, text: str, *, on: dt.date | None = None) -> SimpleNamespace | None:
        name = self.ALIASES.get(text.strip().casefold())
        return SimpleNamespace(name=name) if name else None


def event(day: dt.date, *, event_type: str = "Battles", actor1: str = "JNIM", actor2: str | None = None,
          admin1: str = "Mopti", country: str = "Mali", fatalities: int = 2) -> Event:
    return Event(id=f"t{next(_ids)}", event_type=event_type, sub_event_type="x", country=country,
                 event_date=day, actor1=actor1, actor2=actor2, admin1=admin1, latitude=14.0, longitude=-4.0,
                 fatalities=fatalities)


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "t.duckdb") as opened:
        yield opened


def monthly(store: Store, counts: list[int], **fields: object) -> None:
    events = []
    for month, count in enumerate(counts):
        day = dt.date(2023 + month // 12, month % 12 + 1, 10)
        events += [event(day, **fields) for _ in range(count)]  # type: ignore[arg-type]
    store.add_events(events)


def test_trends_flags_an_injected_monthly_spike(store) -> None:  # type: ignore[no-untyped-def]
    monthly(store, [5, 4, 6, 5, 5, 4, 6, 5, 5, 6, 4, 30, 5])
    frame = trends(store, freq="month")
    assert list(frame["events"]) == [5, 4, 6, 5, 5, 4, 6, 5, 5, 6, 4, 30, 5]
    assert list(frame.loc[frame["anomaly"], "period"]) == [dt.date(2023, 12, 1)]
    assert frame["baseline"].isna().sum() == 6  # the first six months have no full baseline
    spike = frame[frame["anomaly"]].iloc[0]
    # June-November: 30 events in 183 days, scaled to December's 31 days.
    assert spike["baseline"] == pytest.approx(30 / 183 * 31) and spike["p_value"] < 1e-6
    assert spike["fatalities"] == 60


def test_trends_by_event_type_flags_only_the_spiking_type(store) -> None:  # type: ignore[no-untyped-def]
    monthly(store, [4] * 12, event_type="Battles")
    monthly(store, [3] * 11 + [25], event_type="Violence against civilians")
    frame = trends(store, by="event_type")
    flagged = frame[frame["anomaly"]]
    assert list(zip(flagged["period"], flagged["group"], strict=True)) == [
        (dt.date(2023, 12, 1), "Violence against civilians")
    ]
    assert set(frame["group"]) == {"Battles", "Violence against civilians"}


def test_trends_weekly_fills_quiet_weeks_with_zero(store) -> None:  # type: ignore[no-untyped-def]
    start = dt.date(2024, 1, 1)  # a Monday
    events = [event(start + dt.timedelta(weeks=w)) for w in range(12) if w != 5]
    events += [event(start + dt.timedelta(weeks=12, days=d % 7)) for d in range(15)]
    store.add_events(events)
    frame = trends(store, freq="week")
    assert len(frame) == 13 and frame.loc[5, "events"] == 0
    assert frame["period"].iloc[1] == dt.date(2024, 1, 8)
    assert list(frame.loc[frame["anomaly"], "period"]) == [dt.date(2024, 3, 25)]


def test_trends_by_actor_folds_aliases_and_counts_each_side(store) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2024, 2, 3)
    store.add_events([event(day, actor1="EIGS", actor2="JNIM"), event(day, actor1="ISGS"),
                      event(day, actor1="ISSP", actor2="EIGS")])
    frame = trends(store, by="actor", actors=ActorFolder(FakeActors()))
    counts = dict(zip(frame["group"], frame["events"], strict=True))
    assert counts == {"ISSP": 3, "JNIM": 1}  # the event with ISSP on both sides counts once


def test_trends_country_and_since_filters(store) -> None:  # type: ignore[no-untyped-def]
    store.add_events([event(dt.date(2024, 1, 5)), event(dt.date(2024, 3, 5), country="Niger"),
                      event(dt.date(2024, 3, 6))])
    frame = trends(store, country="mali", since="2024-02-01")
    assert list(frame["events"]) == [1]


def test_trends_errors(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnalysisError, match="nothing to count"):
        trends(store)
    with pytest.raises(AnalysisError, match="cannot group trends by 'weather'"):
        trends(store, by="weather")
    with pytest.raises(AnalysisError, match="unknown frequency 'day'"):
        trends(store, freq="day")
    with pytest.raises(AnalysisError, match="since is not a date"):
        trends(store, since="last year")


def test_trends_busy_series_needs_a_real_rise(store) -> None:  # type: ignore[no-untyped-def]
    # 31-day months have ~10% more events than 30-day ones: neither that nor a 20% rise is an anomaly.
    counts = [300, 280, 310, 300, 310, 300, 310, 310, 300, 310, 300, 372]
    monthly(store, counts)
    frame = trends(store)
    assert not frame["anomaly"].any()
    assert frame["p_value"].iloc[-1] < 0.01  # significant for a Poisson test, but below the 1.5 ratio


def test_trends_poisson_tail_matches_hand_values() -> None:
    tail = poisson_tail(np.array([0, 1, 3]), np.array([2.0, 2.0, 1.0]))
    assert tail[0] == 1.0
    assert tail[1] == pytest.approx(1 - np.exp(-2.0))
    assert tail[2] == pytest.approx(1 - np.exp(-1.0) * (1 + 1 + 0.5))
