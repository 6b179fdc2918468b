"""Hotspots: an injected spike in one cell is flagged, steady cells are not; BH correction."""

from __future__ import annotations

import datetime as dt
import itertools

import h3
import numpy as np
import pytest

from sitreps.analysis import benjamini_hochberg, hotspots
from sitreps.errors import AnalysisError
from sitreps.models import Event
from sitreps.store import Store

_ids = itertools.count()
END = dt.date(2024, 6, 30)
CELLS = sorted(h3.grid_disk(h3.latlng_to_cell(13.0, -1.5, 5), 4))[:50]


def event(day: dt.date, cell: str, *, admin1: str = "Sahel") -> Event:
    lat, lon = h3.cell_to_latlng(cell)
    return Event(id=f"h{next(_ids)}", event_type="Battles", sub_event_type="Armed clash", country="Burkina Faso",
                 event_date=day, actor1="JNIM", latitude=lat, longitude=lon, fatalities=1, admin1=admin1)


def steady(cells: list[str], *, admin1: str = "Sahel") -> list[Event]:
    """One event on the 12th of each month in each cell, June 2023 to June 2024 (13 months)."""
    events = []
    for cell in cells:
        for month in range(13):
            day = dt.date(2023 + (5 + month) // 12, (5 + month) % 12 + 1, 12)
            events.append(event(day, cell, admin1=admin1))
    return events


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "h.duckdb") as opened:
        yield opened


def test_hotspots_flags_only_the_injected_spike(store) -> None:  # type: ignore[no-untyped-def]
    spike = CELLS[17]
    store.add_events(steady(CELLS) + [event(END - dt.timedelta(days=d % 25), spike) for d in range(15)])
    frame = hotspots(store, window="30d", baseline="365d", end=END)
    assert list(frame["cell"]) == [spike]
    row = frame.iloc[0]
    assert row["events"] == 16 and row["baseline_events"] == 12
    assert row["expected"] == pytest.approx(13 * 30 / 365)
    assert row["q_value"] < 0.05 and row["country"] == "Burkina Faso" and row["admin1"] == "Sahel"
    assert row["geometry"]["type"] == "Polygon" and len(row["geometry"]["coordinates"][0]) == 7
    lat, lon = h3.cell_to_latlng(spike)
    assert (row["latitude"], row["longitude"]) == pytest.approx((lat, lon))
    assert frame.attrs["tested"] == 50
    assert frame.attrs["window_start"] == dt.date(2024, 6, 1)
    assert frame.attrs["baseline_end"] == dt.date(2024, 5, 31)


def test_hotspots_steady_activity_has_no_hotspot(store) -> None:  # type: ignore[no-untyped-def]
    store.add_events(steady(CELLS))
    assert hotspots(store, end=END).empty
    everything = hotspots(store, end=END, include_all=True)
    assert len(everything) == 50 and not everything["hotspot"].any()
    assert (everything["q_value"] >= everything["p_value"]).all()


def test_hotspots_a_new_cell_needs_more_than_one_event(store) -> None:  # type: ignore[no-untyped-def]
    new_one, new_many = CELLS[40], CELLS[41]
    store.add_events(steady(CELLS[:30]) + [event(END, new_one)] + [event(END, new_many) for _ in range(6)])
    assert list(hotspots(store, end=END)["cell"]) == [new_many]


def test_hotspots_resolution_changes_the_cells(store) -> None:  # type: ignore[no-untyped-def]
    spike = CELLS[3]
    store.add_events(steady(CELLS) + [event(END, spike) for _ in range(20)])
    coarse = hotspots(store, end=END, resolution=4)
    assert list(coarse["cell"]) == [h3.cell_to_parent(spike, 4)]


def test_hotspots_nothing_in_scope_is_an_error(store) -> None:  # type: ignore[no-untyped-def]
    store.add_events(steady(CELLS[:2]))
    with pytest.raises(AnalysisError, match="no located events in Mali"):
        hotspots(store, country="Mali", end=END)
    with pytest.raises(AnalysisError, match="not a window"):
        hotspots(store, window="soon")


def test_hotspots_benjamini_hochberg_matches_hand_values() -> None:
    p = np.array([0.01, 0.04, 0.03, 0.005])
    # sorted: 0.005*4/1=0.02, 0.01*4/2=0.02, 0.03*4/3=0.04, 0.04*4/4=0.04
    assert benjamini_hochberg(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert benjamini_hochberg(np.array([0.9, 0.5])) == pytest.approx([0.9, 0.9])


def test_hotspots_same_spike_is_a_trend_anomaly(store) -> None:  # type: ignore[no-untyped-def]
    from sitreps.analysis import trends

    spike = CELLS[2]
    background = steady(CELLS[5:]) + steady(CELLS[:5], admin1="Est")
    burst = [event(END - dt.timedelta(days=d), spike, admin1="Est") for d in range(15)]
    store.add_events(background + burst)
    assert list(hotspots(store, end=END)["cell"]) == [spike]
    frame = trends(store, by="admin1", freq="month")
    flagged = frame[frame["anomaly"]]
    assert list(zip(flagged["period"], flagged["group"], strict=True)) == [(dt.date(2024, 6, 1), "Est")]
