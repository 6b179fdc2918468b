"""CLI commands of the analyses: import (acled, ucdp), footprint, trends, hotspots.

Each command parses its arguments, calls one function of ``sitreps.analysis``
and renders what it returns (text, or JSON with ``--json``); library errors
become a one-line message on stderr and exit code 1.  The analysis modules
load inside the commands, so ``sitreps --help`` stays quick.
"""

from __future__ import annotations

import enum
import math
from pathlib import Path
from typing import Annotated

import typer

from sitreps.interfaces.app import app
from sitreps.interfaces.common import CountryOption, DbOption, JsonOption, db_path, echo_json, errors_as_exit
from sitreps.interfaces.hooks import after_write

import_app = typer.Typer(
    name="import",
    help="Import events from ACLED or UCDP GED CSV files into the store.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

ResolutionOption = Annotated[int, typer.Option("--resolution", min=0, max=15, help="H3 resolution of the cells.")]
EndOption = Annotated[
    str | None, typer.Option("--end", help="Last day of the window, YYYY-MM-DD (default: the latest event).")
]
_SHOWN_PROBLEMS = 20


class Grouping(enum.StrEnum):
    actor = "actor"
    event_type = "event_type"
    admin1 = "admin1"
    country = "country"


class Frequency(enum.StrEnum):
    week = "week"
    month = "month"


# -- import -----------------------------------------------------------------------------------------------------


def _import(dataset: str, path: Path, db: Path | None, as_json: bool) -> None:
    from sitreps.analysis.imports import import_file
    from sitreps.store import Store

    with errors_as_exit(), Store(db_path(db)) as store:
        report = import_file(store, dataset, path)
        after_write(store)
    problems = [{"input": p.input, "reason": p.reason} for p in report.problems]
    if as_json:
        echo_json({"dataset": report.dataset, "path": report.path, "rows": report.rows,
                    "imported": report.imported, "already_stored": report.already_stored,
                    "problems": problems})
        return
    typer.echo(f"{report.path}: {report.rows} rows, {report.imported} events imported, "
               f"{report.already_stored} already stored, {len(problems)} problems")
    for problem in problems[:_SHOWN_PROBLEMS]:
        typer.echo(f"  {problem['input']}: {problem['reason']}", err=True)
    if len(problems) > _SHOWN_PROBLEMS:
        typer.echo(f"  ... and {len(problems) - _SHOWN_PROBLEMS} more (see `sitreps errors`)", err=True)


@import_app.command("acled")
def import_acled(
    path: Annotated[Path, typer.Argument(help="An ACLED export (CSV, current or pre-2019 columns).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import an ACLED CSV export; bad rows are reported and recorded, good rows imported."""
    _import("acled", path, db, as_json)


@import_app.command("ucdp")
def import_ucdp(
    path: Annotated[Path, typer.Argument(help="A UCDP GED CSV file.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import a UCDP GED CSV file; bad rows are reported and recorded, good rows imported."""
    _import("ucdp", path, db, as_json)


# -- footprint --------------------------------------------------------------------------------------------------


def _ratio_text(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


@app.command("footprint")
def footprint_command(
    actor: Annotated[str, typer.Argument(help="An actor, by any name or alias the actor dictionary knows.")],
    country: CountryOption = None,
    admin1: Annotated[str | None, typer.Option("--admin1", help="Only this admin1 region.")] = None,
    window: Annotated[str, typer.Option("--window", help="Window length: 90d, 6m, 12m, 365d, 1y.")] = "12m",
    end: EndOption = None,
    resolution: ResolutionOption = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Where an actor was active (H3 cells, admin2 units) and how its area grew on the previous window."""
    from sitreps.analysis.footprint import footprint
    from sitreps.store import Store

    with errors_as_exit(), Store(db_path(db), read_only=True) as store:
        result = footprint(store, actor, country=country, admin1=admin1, window=window, end=end,
                           resolution=resolution)
    if as_json:
        echo_json(result.to_dict())
        return
    now, before = result.current, result.previous
    typer.echo(f"{result.actor}: footprint over {result.window} (H3 resolution {result.resolution})")
    for label, extent in (("window", now), ("previous", before)):
        typer.echo(f"  {label:9} {extent.start} to {extent.end}: {len(extent.cells)} cells, "
                   f"{extent.area_km2:,.0f} km², {len(extent.admin2)} admin2 units, "
                   f"{extent.events} events, {extent.fatalities} fatalities")
    interval = ""
    if result.interval:
        low, high = result.interval
        interval = f" ({result.confidence:.0%} interval {low:.2f}-{high:.2f})"
    note = "" if result.growth_ratio is not None else " (no activity in the previous window)"
    typer.echo(f"  growth ratio (area): {_ratio_text(result.growth_ratio)}{interval}{note}")
    typer.echo("  sensitivity: " + ", ".join(f"{k} {_ratio_text(v)}" for k, v in result.sensitivity.items()))


# -- trends -----------------------------------------------------------------------------------------------------


@app.command("trends")
def trends_command(
    by: Annotated[Grouping | None, typer.Option("--by", help="Group by actor, event type, admin1 or country.")] = None,
    freq: Annotated[Frequency, typer.Option("--freq", help="Count by week or by month.")] = Frequency.month,
    country: CountryOption = None,
    since: Annotated[str | None, typer.Option("--since", help="First day counted, YYYY-MM-DD.")] = None,
    anomalies: Annotated[bool, typer.Option("--anomalies", help="Show only the flagged periods.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events and fatalities by week or month, with anomalies flagged (Poisson tail against a trailing mean)."""
    from sitreps.analysis.trends import trends
    from sitreps.store import Store

    with errors_as_exit(), Store(db_path(db), read_only=True) as store:
        frame = trends(store, by=by.value if by else None, freq=freq.value, country=country, since=since)
    frame = frame[frame["anomaly"]] if anomalies else frame[frame["events"] > 0]
    if as_json:
        echo_json(frame.to_dict(orient="records"))
        return
    if frame.empty:
        typer.echo("no periods to show")
        return
    width = max(5, *(len(str(g)) for g in frame["group"]))
    typer.echo(f"{'period':10}  {'group':{width}}  {'events':>7}  {'deaths':>7}  {'baseline':>8}  flag")
    for row in frame.itertuples():
        baseline = "" if math.isnan(row.baseline) else f"{row.baseline:.1f}"
        mark = f"anomaly (p={row.p_value:.1g})" if row.anomaly else ""
        typer.echo(f"{row.period!s:10}  {row.group!s:{width}}  {row.events:>7}  {row.fatalities:>7}  "
                   f"{baseline:>8}  {mark}")


# -- hotspots ---------------------------------------------------------------------------------------------------


@app.command("hotspots")
def hotspots_command(
    window: Annotated[str, typer.Option("--window", help="Recent window: 30d, 90d, 3m.")] = "30d",
    baseline: Annotated[str, typer.Option("--baseline", help="Baseline before the window: 365d, 12m.")] = "365d",
    resolution: ResolutionOption = 5,
    end: EndOption = None,
    country: CountryOption = None,
    alpha: Annotated[float, typer.Option("--alpha", help="False discovery rate (Benjamini-Hochberg).")] = 0.05,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """H3 cells whose recent activity rose above their own baseline (Poisson test, Benjamini-Hochberg)."""
    from sitreps.analysis.hotspots import hotspots
    from sitreps.store import Store

    with errors_as_exit(), Store(db_path(db), read_only=True) as store:
        frame = hotspots(store, window=window, baseline=baseline, end=end, resolution=resolution,
                         country=country, alpha=alpha)
    meta = frame.attrs
    if as_json:
        echo_json({"window_start": meta["window_start"], "window_end": meta["window_end"],
                    "baseline_start": meta["baseline_start"], "baseline_end": meta["baseline_end"],
                    "resolution": meta["resolution"], "alpha": meta["alpha"], "tested": meta["tested"],
                    "hotspots": frame.to_dict(orient="records")})
        return
    typer.echo(f"{len(frame)} hotspots among {meta['tested']} cells, {meta['window_start']} to "
               f"{meta['window_end']} against {meta['baseline_start']} to {meta['baseline_end']}")
    for row in frame.itertuples():
        where = ", ".join(str(v) for v in (row.admin1, row.country) if isinstance(v, str))
        typer.echo(f"  {row.cell}  ({row.latitude:.3f}, {row.longitude:.3f}) {where}: {row.events} events "
                   f"against {row.expected:.2f} expected, q={row.q_value:.2g}")
