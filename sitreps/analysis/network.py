"""Who acts on whom: the directed actor network of the stored events.

An event of ``actor1`` against ``actor2`` gives the edge ``actor1 -> actor2``.
Associated actors fight on the side of the actor they are listed with, so each
actor of side 1 (``actor1`` and every name in ``assoc_actor_1``, which ACLED
separates with ``;``) gets an edge to each actor of side 2.  Edges between the two
main actors are marked ``primary``.  An edge is weighted by the number of events
behind it and the fatalities of those events; events without a second actor
(a remote attack on no named target, a peaceful protest) give no edge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import duckdb

from sitreps.analysis._base import connection_of
from sitreps.errors import AnalysisError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

#: The columns of the edge table, in order.
EDGE_COLUMNS = ("source", "target", "events", "fatalities", "primary", "first_date", "last_date")


def event_filter(
    *, since: dt.date | None = None, until: dt.date | None = None, country: str | None = None
) -> tuple[str, list[Any]]:
    """A ``WHERE`` clause (or ``""``) and its parameters for the common event filters.

    ``country`` matches the country name or its ISO code, ignoring case; ``since``
    and ``until`` are inclusive.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append("event_date >= ?")
        params.append(since)
    if until is not None:
        clauses.append("event_date <= ?")
        params.append(until)
    if country:
        clauses.append("(lower(country) = lower(?) OR lower(CAST(iso AS VARCHAR)) = lower(?))")
        params.extend([country, country])
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _side(column: str, assoc: str) -> str:
    """SQL listing (id, actor, is_main) for one side of each event: the main actor and its associates."""
    return f"""
        SELECT id, trim({column}) AS actor, TRUE AS main FROM base
        WHERE {column} IS NOT NULL AND trim({column}) <> ''
        UNION
        SELECT id, trim(name) AS actor, FALSE AS main FROM (
            SELECT id, unnest(string_split({assoc}, ';')) AS name FROM base
            WHERE {assoc} IS NOT NULL AND trim({assoc}) <> ''
        ) WHERE trim(name) <> ''
    """


def _edge_sql(where: str) -> str:
    return f"""
        WITH base AS (
            SELECT id, event_date, coalesce(fatalities, 0) AS fatalities,
                   actor1, actor2, assoc_actor_1, assoc_actor_2
            FROM events {where}
        ),
        side1 AS ({_side("actor1", "assoc_actor_1")}),
        side2 AS ({_side("actor2", "assoc_actor_2")}),
        pairs AS (
            SELECT side1.actor AS source, side2.actor AS target, base.id,
                   any_value(base.fatalities) AS fatalities, any_value(base.event_date) AS event_date,
                   bool_or(side1.main AND side2.main) AS main
            FROM base JOIN side1 ON side1.id = base.id JOIN side2 ON side2.id = base.id
            WHERE side1.actor <> side2.actor
            GROUP BY 1, 2, 3
        )
        SELECT source, target, count(*) AS events, sum(fatalities) AS fatalities,
               bool_or(main) AS "primary", min(event_date) AS first_date, max(event_date) AS last_date
        FROM pairs
        GROUP BY source, target
        HAVING count(*) >= ?
        ORDER BY events DESC, fatalities DESC, source, target
    """


@dataclass(frozen=True, kw_only=True)
class ActorNetwork:
    """The edges of the network as a table and as a networkx graph.

    ``edges`` has the columns of :data:`EDGE_COLUMNS`; ``graph`` carries the same
    weights as edge attributes (``events``, ``fatalities``, ``primary``) and, on each
    node, the sums of those weights over its edges (``events``, ``fatalities``).
    """

    edges: pd.DataFrame
    graph: nx.DiGraph


def actor_edges(
    source: Any,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: str | None = None,
    min_events: int = 1,
    actor: str | None = None,
) -> pd.DataFrame:
    """The directed actor edges of the events in the window, heaviest first.

    With ``actor``, only the edges from or to it are kept; it is matched, like the
    endpoints, through the actor dictionary, so an alias or predecessor name works.
    """
    if min_events < 1:
        raise AnalysisError(f"min_events must be at least 1, not {min_events}")
    if since and until and since > until:
        raise AnalysisError(f"the window starts ({since}) after it ends ({until})")
    where, params = event_filter(since=since, until=until, country=country)
    try:
        frame = connection_of(source).execute(_edge_sql(where), [*params, min_events]).df()
    except duckdb.Error as exc:
        raise AnalysisError(f"cannot read the events for the actor network: {exc}") from exc
    frame["events"] = frame["events"].astype("int64")
    frame["fatalities"] = frame["fatalities"].fillna(0).astype("int64")
    frame["primary"] = frame["primary"].astype(bool)
    for column in ("first_date", "last_date"):
        frame[column] = [None if value is None or value != value else value.date() for value in frame[column]]
    if actor:
        frame = _touching(frame, actor)
    return frame[list(EDGE_COLUMNS)].reset_index(drop=True)


def _touching(frame: pd.DataFrame, actor: str) -> pd.DataFrame:
    from sitreps.sources.datasets import ActorFolder

    folder = ActorFolder()
    wanted = {folder.fold(actor).casefold(), actor.strip().casefold()}

    def names_it(name: str) -> bool:
        return name.casefold() in wanted or folder.fold(name).casefold() in wanted

    keep = [names_it(s) or names_it(t) for s, t in zip(frame["source"], frame["target"], strict=True)]
    if not any(keep):
        raise AnalysisError(f"no edge from or to the actor {actor!r} in the events asked for")
    return frame[keep]


def graph_of(edges: pd.DataFrame) -> nx.DiGraph:
    """A networkx graph of an edge table from :func:`actor_edges`."""
    import networkx as nx

    graph = nx.DiGraph()
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.source, row.target, events=int(row.events), fatalities=int(row.fatalities),
            primary=bool(row.primary),
        )
        for node in (row.source, row.target):
            data = graph.nodes[node]
            data["events"] = data.get("events", 0) + int(row.events)
            data["fatalities"] = data.get("fatalities", 0) + int(row.fatalities)
    return graph


def actor_network(
    source: Any,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: str | None = None,
    min_events: int = 1,
    actor: str | None = None,
) -> ActorNetwork:
    """The actor network of the events in the window (see the module docstring for the edges)."""
    edges = actor_edges(source, since=since, until=until, country=country, min_events=min_events, actor=actor)
    return ActorNetwork(edges=edges, graph=graph_of(edges))
