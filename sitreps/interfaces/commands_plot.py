"""CLI commands of the actor network, the alerts and the plots: network, alerts, plot footprint|trend|network.

Each command parses its arguments, calls one library function and renders what
it returns; library errors become a message on stderr and exit code 1, bad
arguments exit code 2.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from sitreps.interfaces.app import app
from sitreps.interfaces.common import DbOption, db_path, errors_as_exit, parse_date

plot_app = typer.Typer(
    help="Draw a footprint map, a trend chart or the actor network to a PNG or a self-contained HTML file.",
    no_args_is_help=True,
)
app.add_typer(plot_app, name="plot")

SinceOption = Annotated[str | None, typer.Option("--since", help="First event date kept (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last event date kept (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option("--country", help="Only events in this country (name or ISO).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON instead of a table.")]
MinEventsOption = Annotated[int, typer.Option("--min-events", min=1, help="Drop edges with fewer events.")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Only the edges from or to this actor (any alias).")]


def _output(value: Path) -> Path:
    if value.suffix.lower() not in (".png", ".html"):
        raise typer.BadParameter(
            f"{value} has the extension {value.suffix or '(none)'!r}: use .png or .html", param_hint="-o/--output"
        )
    return value


OutputOption = Annotated[
    Path,
    typer.Option("-o", "--output", callback=_output, show_default=False,
                 help="The file to write: .png (matplotlib) or .html (plotly, works offline)."),
]


def _store(db: Path | None, *, read_only: bool = True) -> Any:
    from sitreps.errors import StoreError
    from sitreps.store import Store

    path = db_path(db)
    if not path.exists():
        raise StoreError(f"no store at {path}: ingest or import something first")
    return Store(path, read_only=read_only)


def _json(value: Any) -> str:
    def plain(item: Any) -> Any:
        if isinstance(item, dt.date | dt.datetime):
            return item.isoformat()
        if hasattr(item, "item"):  # numpy scalars
            return item.item()
        raise TypeError(f"cannot write {type(item).__name__} as JSON")

    return json.dumps(value, default=plain, ensure_ascii=False, indent=1)


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    Console().print(table)


# -- network ---------------------------------------------------------------------------------------------


@app.command("network")
def network_command(
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    min_events: MinEventsOption = 1,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List who acts on whom: directed actor1 -> actor2 edges (associated actors on their side), weighted by events and fatalities."""
    from sitreps.analysis.network import actor_edges

    first, last = parse_date(since, "--since"), parse_date(until, "--until")
    with errors_as_exit(), _store(db) as store:
        edges = actor_edges(store, since=first, until=last, country=country, min_events=min_events, actor=actor)
    records = edges.to_dict(orient="records")
    if as_json:
        typer.echo(_json(records))
        return
    _table(f"{len(records)} edges", ["source", "target", "events", "fatalities", "primary", "first", "last"], [
        [r["source"], r["target"], r["events"], r["fatalities"], "yes" if r["primary"] else "associate",
         r["first_date"], r["last_date"]] for r in records])


# -- alerts ----------------------------------------------------------------------------------------------


@app.command("alerts")
def alerts_command(
    rules: Annotated[Path | None, typer.Option(
        "--rules", help="The YAML rules file (default: alerts.yaml beside the store).", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="End the rule windows on this date (default: the latest event).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check the alert rules against the stored events, record what fires, and list every recorded alert."""
    from sitreps.analysis.alerts import default_rules_path, evaluate_alerts, load_rules, stored_alerts

    end = parse_date(as_of, "--as-of")
    path = rules if rules is not None else default_rules_path(db_path(db))
    with errors_as_exit():
        loaded = load_rules(path) if rules is not None or path.exists() else None
        with _store(db, read_only=False) as store:
            if loaded is not None:
                evaluate_alerts(store, loaded, as_of=end)
            found = stored_alerts(store)
    if loaded is None:
        typer.echo(f"No rules file at {path}: listing the alerts recorded so far.", err=True)
    if as_json:
        typer.echo(_json([{
            "rule": a.rule, "kind": a.kind, "subject": a.subject, "first_seen": a.first_seen,
            "message": a.message, "evidence": list(a.evidence)} for a in found]))
        return
    _table(f"{len(found)} alerts", ["first seen", "rule", "subject", "message", "events"], [
        [a.first_seen, a.rule, a.subject, a.message, len(a.evidence)] for a in found])


# -- plots -----------------------------------------------------------------------------------------------


@plot_app.command("footprint")
def plot_footprint_command(
    actor: Annotated[str, typer.Argument(help="The actor, by any name or alias the actor dictionary knows.")],
    output: OutputOption,
    country: CountryOption = None,
    window: Annotated[str, typer.Option("--window", help="Window length: 90d, 12w, 6m, 1y.")] = "12m",
    end: Annotated[str | None, typer.Option("--end", help="Last day of the window (default: latest event).")] = None,
    resolution: Annotated[int, typer.Option("--resolution", min=0, max=15, help="H3 resolution of the cells.")] = 5,
    db: DbOption = None,
) -> None:
    """Map an actor's H3 cells in a window beside those of the window before, over country and admin1 outlines."""
    from sitreps.analysis.plots import footprint_map

    last = parse_date(end, "--end")
    with errors_as_exit(), _store(db) as store:
        found = footprint_map(store, actor, output, country=country, window=window, end=last, resolution=resolution)
    typer.echo(f"Wrote {output} ({len(found.previous.cells)} cells before, {len(found.current.cells)} now).")


@plot_app.command("trend")
def plot_trend_command(
    output: OutputOption,
    by: Annotated[str | None, typer.Option("--by", help="One line a group: actor, event_type, admin1 or country.")] = None,
    freq: Annotated[str, typer.Option("--freq", help="Period: week or month.")] = "month",
    measure: Annotated[str, typer.Option("--measure", help="events or fatalities.")] = "events",
    country: CountryOption = None,
    admin1: Annotated[str | None, typer.Option("--admin1", help="Only events in this admin1.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Draw the groups with the largest totals only.")] = 8,
    db: DbOption = None,
) -> None:
    """Chart events or fatalities per week or month, one line a group, with anomalous periods marked."""
    from sitreps.analysis.plots import trend_chart

    first, last = parse_date(since, "--since"), parse_date(until, "--until")
    with errors_as_exit(), _store(db) as store:
        table = trend_chart(store, output, measure=measure, top=top, by=by, freq=freq, country=country,
                            admin1=admin1, since=first, until=last)
    typer.echo(f"Wrote {output} ({table['period'].nunique()} periods).")


@plot_app.command("network")
def plot_network_command(
    output: OutputOption,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    min_events: MinEventsOption = 1,
    actor: ActorOption = None,
    top: Annotated[int, typer.Option("--top", min=2, help="Draw the actors with the most events only.")] = 30,
    db: DbOption = None,
) -> None:
    """Draw the actor network: nodes sized by events, edges by events and coloured by fatalities."""
    from sitreps.analysis.plots import network_chart

    first, last = parse_date(since, "--since"), parse_date(until, "--until")
    with errors_as_exit(), _store(db) as store:
        network = network_chart(store, output, top=top, since=first, until=last, country=country,
                                min_events=min_events, actor=actor)
    total = network.graph.number_of_nodes()
    drawn = f"the {top} busiest of {total} actors" if total > top else f"{total} actors"
    typer.echo(f"Wrote {output} ({drawn}, {len(network.edges)} edges).")
