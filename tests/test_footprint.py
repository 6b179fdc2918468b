"""The footprint of an actor: cells, area, growth against the previous window, interval, sensitivity."""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace
from typing import Any

import h3
import pytest

from sitreps.analysis import Window, footprint
from sitreps.errors import AnalysisError
from sitreps.models import Event
from sitreps.sources.datasets import ActorFolder
from sitreps.store import Store

ISGS = "Islamic State Sahel Province"
CENTRE = h3.latlng_to_cell(14.5, 0.5, 5)
_ids = itertools.count()


class FakeActors:
    ALIASES = {"isgs": ISGS, "eigs": ISGS, "islamic state (sahel)": ISGS, "islamic state sahel province": ISGS,
               "ansar dine": "JNIM", "jnim": "JNIM"}

    def lookup(self, text: str, *, on: dt.date | None = None) -> SimpleNamespace | None:
        name = self.ALIASES.get(text.strip().casefold())
        return SimpleNamespace(name=name) if name else None


@pytest.fixture
def folder() -> ActorFolder:
    return ActorFolder(FakeActors())


def _ring(count: int) -> list[str]:
    """``count`` resolution-5 cells around a centre, nearest first (neighbouring cells, nearly equal areas)."""
    return sorted(h3.grid_disk(CENTRE, 3), key=lambda c: (h3.grid_distance(CENTRE, c), c))[:count]


def event(day: dt.date, cell: str, *, actor1: str = ISGS, geo_precision: int = 1, fatalities: int = 1,
          admin2: str | None = None, country: str = "Niger", admin1: str = "Tillaberi", **fields: Any) -> Event:
    lat, lon = h3.cell_to_latlng(cell)
    return Event(id=f"e{next(_ids)}", event_type="Battles", sub_event_type="Armed clash", country=country,
                 event_date=day, actor1=actor1, latitude=lat, longitude=lon, geo_precision=geo_precision,
                 fatalities=fatalities, admin1=admin1, admin2=admin2 or f"unit-{cell[-9:-6]}", **fields)


PREVIOUS = dt.date(2023, 9, 15)  # inside 2023-07-01 .. 2023-12-31
CURRENT = dt.date(2024, 3, 15)  # inside 2024-01-01 .. 2024-06-30
END = dt.date(2024, 6, 30)


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "f.duckdb") as opened:
        yield opened


def test_footprint_growth_ratio_ten_to_twenty_cells_is_two(store, folder) -> None:  # type: ignore[no-untyped-def]
    cells = _ring(20)
    store.add_events([event(PREVIOUS, c) for c in cells[:10]] + [event(CURRENT, c) for c in cells])
    result = footprint(store, "ISGS", window="6m", end=END, actors=folder)
    assert (result.current.start, result.current.end) == (dt.date(2024, 1, 1), END)
    assert (result.previous.start, result.previous.end) == (dt.date(2023, 7, 1), dt.date(2023, 12, 31))
    assert (len(result.current.cells), len(result.previous.cells)) == (20, 10)
    assert result.cell_ratio == 2.0
    # Neighbouring resolution-5 cells differ in area by well under 1%, so the area ratio is ~2.
    assert result.growth_ratio == pytest.approx(2.0, rel=0.01)
    assert result.current.area_km2 == pytest.approx(sum(h3.cell_area(c, "km^2") for c in cells))
    assert (result.current.events, result.previous.events, result.current.fatalities) == (20, 10, 20)
    assert result.sensitivity["resolution_5"] == pytest.approx(result.growth_ratio)
    assert result.sensitivity["resolution_6"] == pytest.approx(2.0, rel=0.01)  # one res-6 cell per centre
    data = result.to_dict()
    for key in ("actor", "window_start", "window_end", "cells", "area_km2", "admin2_units", "events",
                "fatalities", "previous", "growth_ratio", "interval", "sensitivity"):
        assert key in data
    assert data["actor"] == ISGS and data["cells"] == 20 and data["previous"]["cells"] == 10
    assert data["admin2_units"] == len({c[-9:-6] for c in cells})
    frame = result.cells
    assert len(frame) == 30 and frame["geometry"].iloc[0]["type"] == "Polygon"


def test_footprint_interval_is_tight_with_many_events_per_cell(store, folder) -> None:  # type: ignore[no-untyped-def]
    cells = _ring(20)
    events = [event(PREVIOUS, c) for c in cells[:10] for _ in range(20)]
    events += [event(CURRENT, c) for c in cells for _ in range(20)]
    store.add_events(events)
    result = footprint(store, ISGS, window="6m", end=END, actors=folder, draws=300, seed=3)
    assert result.interval is not None
    low, high = result.interval
    assert low == pytest.approx(result.growth_ratio, rel=1e-6)
    assert high == pytest.approx(result.growth_ratio, rel=1e-6)


def test_footprint_interval_widens_with_one_event_per_cell(store, folder) -> None:  # type: ignore[no-untyped-def]
    cells = _ring(20)
    store.add_events([event(PREVIOUS, c) for c in cells[:10]] + [event(CURRENT, c) for c in cells])
    one = footprint(store, ISGS, window="6m", end=END, actors=folder, seed=7)
    two = footprint(store, ISGS, window="6m", end=END, actors=folder, seed=7)
    assert one.interval == two.interval  # seeded
    assert one.interval is not None and one.growth_ratio is not None
    low, high = one.interval
    assert low < high and low <= one.growth_ratio * 1.5


def test_footprint_includes_aliases_assoc_actors_and_predecessors(store, folder) -> None:  # type: ignore[no-untyped-def]
    cells = _ring(6)
    store.add_events([
        event(CURRENT, cells[0], actor1="EIGS"),
        event(CURRENT, cells[1], actor1="Islamic State (Sahel)"),
        event(CURRENT, cells[2], actor1="Military Forces of Niger", actor2="ISGS"),
        event(CURRENT, cells[3], actor1="Civilians", assoc_actor_1="Wagner Group; EIGS"),
        event(CURRENT, cells[4], actor1="Ansar Dine"),
        event(CURRENT, cells[5], actor1="Military Forces of Niger"),
    ])
    isgs = footprint(store, "isgs", window="6m", end=END, actors=folder)
    assert len(isgs.current.cells) == 4 and isgs.actor == ISGS
    assert set(isgs.names) == {"EIGS", "Islamic State (Sahel)", "ISGS", "Wagner Group; EIGS"}
    jnim = footprint(store, "JNIM", window="6m", end=END, actors=folder)
    assert jnim.current.cells == (h3.str_to_int(cells[4]),)


def test_footprint_sensitivity_without_geo_precision_3(store, folder) -> None:  # type: ignore[no-untyped-def]
    cells = _ring(37)
    events = [event(PREVIOUS, c) for c in cells[:10]] + [event(CURRENT, c) for c in cells[:20]]
    events += [event(CURRENT, c, geo_precision=3) for c in cells[20:30]]
    store.add_events(events)
    result = footprint(store, ISGS, window="6m", end=END, actors=folder)
    assert result.cell_ratio == 3.0
    assert result.sensitivity["without_geo_precision_3"] == pytest.approx(2.0, rel=0.01)


def test_footprint_filters_country_and_admin1(store, folder) -> None:  # type: ignore[no-untyped-def]
    cells = _ring(4)
    store.add_events([event(CURRENT, cells[0]), event(CURRENT, cells[1], country="Mali", admin1="Menaka"),
                      event(PREVIOUS, cells[2])])
    assert len(footprint(store, ISGS, country="NIGER", window="6m", end=END, actors=folder).current.cells) == 1
    assert len(footprint(store, ISGS, admin1="menaka", window="6m", end=END, actors=folder).current.cells) == 1


def test_footprint_previous_window_empty_gives_no_ratio(store, folder) -> None:  # type: ignore[no-untyped-def]
    store.add_events([event(CURRENT, c) for c in _ring(3)])
    result = footprint(store, ISGS, window="6m", end=END, actors=folder)
    assert result.growth_ratio is None and result.interval is None
    assert result.to_dict()["growth_note"].startswith("no activity in the previous window")


def test_footprint_end_defaults_to_latest_event(store, folder) -> None:  # type: ignore[no-untyped-def]
    store.add_events([event(dt.date(2024, 5, 20), _ring(1)[0], actor1="Someone else"),
                      event(dt.date(2024, 5, 1), _ring(2)[1])])
    result = footprint(store, ISGS, window="90d", actors=folder)
    assert result.current.end == dt.date(2024, 5, 20)
    assert result.current.start == dt.date(2024, 5, 20) - dt.timedelta(days=89)


def test_footprint_unknown_actor_is_an_error(store, folder) -> None:  # type: ignore[no-untyped-def]
    store.add_events([event(CURRENT, _ring(1)[0])])
    with pytest.raises(AnalysisError, match="no stored event names the actor 'Boko Haram'"):
        footprint(store, "Boko Haram", actors=folder)


def test_footprint_empty_window_is_an_error(store, folder) -> None:  # type: ignore[no-untyped-def]
    store.add_events([event(PREVIOUS, _ring(1)[0])])
    with pytest.raises(AnalysisError, match=r"no events between 2024-01-01 and 2024-06-30 \(its latest event is on 2023-09-15\)"):
        footprint(store, ISGS, window="6m", end=END, actors=folder)


@pytest.mark.parametrize(("spec", "end", "start", "previous"), [
    ("12m", dt.date(2024, 12, 31), dt.date(2024, 1, 1), (dt.date(2023, 1, 1), dt.date(2023, 12, 31))),
    ("6m", dt.date(2024, 8, 31), dt.date(2024, 3, 1), (dt.date(2023, 9, 1), dt.date(2024, 2, 29))),
    ("90d", dt.date(2024, 3, 31), dt.date(2024, 1, 2), (dt.date(2023, 10, 4), dt.date(2024, 1, 1))),
    ("365d", dt.date(2024, 12, 31), dt.date(2024, 1, 2), (dt.date(2023, 1, 2), dt.date(2024, 1, 1))),
])
def test_footprint_windows_have_equal_lengths(spec, end, start, previous) -> None:  # type: ignore[no-untyped-def]
    window = Window.parse(spec)
    assert window.bounds(end) == (start, end)
    assert window.previous(end) == previous


@pytest.mark.parametrize("spec", ["12", "m12", "0d", "3 weeks", ""])
def test_footprint_bad_window_is_an_error(spec: str) -> None:
    with pytest.raises(AnalysisError, match="not a window"):
        Window.parse(spec)
