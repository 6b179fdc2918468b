"""The actor network: edges, weights and filters, on hand-built events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitreps.analysis.network import EDGE_COLUMNS, actor_edges, actor_network
from sitreps.errors import AnalysisError
from sitreps.models import Event
from sitreps.store import Store

ISSP = "Islamic State Sahel Province"
JNIM = "JNIM: Group for Support of Islam and Muslims"
FAMA = "Military Forces of Mali (2021-)"
WAGNER = "Wagner Group"
CIVILIANS = "Civilians (Mali)"


def _event(n: int, day: str, actor1: str | None, actor2: str | None, *, country: str = "Mali",
           **kw: Any) -> Event:
    return Event(
        id=f"e{n}", event_type="Battles", sub_event_type="Armed clash", country=country,
        event_date=dt.date.fromisoformat(day), actor1=actor1, actor2=actor2, **kw,
    )


@pytest.fixture
def store():
    events = [
        _event(1, "2024-01-05", ISSP, FAMA, fatalities=10, assoc_actor_2=WAGNER),
        _event(2, "2024-01-20", ISSP, FAMA, fatalities=4),
        _event(3, "2024-02-02", FAMA, ISSP, fatalities=None, assoc_actor_1=f"{WAGNER}; Dozo Militia"),
        _event(4, "2024-02-10", JNIM, CIVILIANS, fatalities=7),
        _event(5, "2024-03-01", ISSP, None, fatalities=2),
        _event(6, "2024-03-03", JNIM, "Military Forces of Burkina Faso (2022-)", fatalities=12, country="Burkina Faso"),
    ]
    with Store(":memory:") as s:
        s.add_events(events)
        yield s


def _edge(frame, source: str, target: str) -> dict:
    rows = frame[(frame.source == source) & (frame.target == target)]
    assert len(rows) == 1, f"expected one edge {source} -> {target}, found {len(rows)}"
    return rows.iloc[0].to_dict()


def test_network_edges_weighted_by_events_and_fatalities(store) -> None:
    edges = actor_edges(store)
    assert tuple(edges.columns) == EDGE_COLUMNS
    issp_fama = _edge(edges, ISSP, FAMA)
    assert (issp_fama["events"], issp_fama["fatalities"], issp_fama["primary"]) == (2, 14, True)
    assert issp_fama["first_date"] == dt.date(2024, 1, 5) and issp_fama["last_date"] == dt.date(2024, 1, 20)
    fama_issp = _edge(edges, FAMA, ISSP)
    assert (fama_issp["events"], fama_issp["fatalities"]) == (1, 0)
    # the heaviest edge comes first
    assert edges.iloc[0]["events"] == edges["events"].max()


def test_network_associates_join_their_side(store) -> None:
    edges = actor_edges(store)
    wagner_target = _edge(edges, ISSP, WAGNER)
    assert (wagner_target["events"], wagner_target["fatalities"], wagner_target["primary"]) == (1, 10, False)
    assert _edge(edges, WAGNER, ISSP)["events"] == 1
    assert not _edge(edges, "Dozo Militia", ISSP)["primary"]
    # associates of the same side are not linked to each other or to their main actor
    assert edges[(edges.source == FAMA) & (edges.target == WAGNER)].empty


def test_network_events_without_a_target_give_no_edge(store) -> None:
    edges = actor_edges(store, since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 1))
    assert edges.empty


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"since": dt.date(2024, 2, 1)}, {(FAMA, ISSP), (WAGNER, ISSP), ("Dozo Militia", ISSP), (JNIM, CIVILIANS),
                                          (JNIM, "Military Forces of Burkina Faso (2022-)")}),
        ({"until": dt.date(2024, 1, 31)}, {(ISSP, FAMA), (ISSP, WAGNER)}),
        ({"country": "burkina faso"}, {(JNIM, "Military Forces of Burkina Faso (2022-)")}),
        ({"min_events": 2}, {(ISSP, FAMA)}),
    ],
)
def test_network_filters(store, kwargs, expected) -> None:
    edges = actor_edges(store, **kwargs)
    assert set(zip(edges.source, edges.target, strict=True)) == expected


def test_network_graph_carries_the_weights(store) -> None:
    network = actor_network(store.connection)
    graph = network.graph
    assert graph.number_of_edges() == len(network.edges)
    assert graph[ISSP][FAMA]["events"] == 2 and graph[ISSP][FAMA]["fatalities"] == 14
    assert graph.nodes[JNIM]["fatalities"] == 19


def test_network_bad_arguments_raise(store) -> None:
    with pytest.raises(AnalysisError, match="min_events"):
        actor_edges(store, min_events=0)
    with pytest.raises(AnalysisError, match="starts"):
        actor_edges(store, since=dt.date(2024, 2, 1), until=dt.date(2024, 1, 1))


def test_network_without_events_table_raises() -> None:
    import duckdb

    with pytest.raises(AnalysisError, match="cannot read the events"):
        actor_edges(duckdb.connect(":memory:"))


def test_network_actor_keeps_its_edges_through_an_alias(store) -> None:
    edges = actor_edges(store, actor="Wagner Group")
    assert set(zip(edges.source, edges.target, strict=True)) == {(ISSP, WAGNER), (WAGNER, ISSP)}
    by_alias = actor_edges(store, actor="EIGS")  # a French alias of Islamic State Sahel Province
    assert (ISSP, FAMA) in set(zip(by_alias.source, by_alias.target, strict=True))
    assert JNIM not in set(by_alias.source) | set(by_alias.target)
    with pytest.raises(AnalysisError, match="no edge"):
        actor_edges(store, actor="Nobody")
