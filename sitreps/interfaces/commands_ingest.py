"""CLI commands of the data path: ingest, documents, errors, events, extract, demo.

Each command parses its arguments, calls one library function and renders
what it returns; library errors become a message on stderr and an exit code.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from sitreps.config import DEFAULT_WORKERS, PipelineConfig
from sitreps.errors import SourceError
from sitreps.interfaces.app import app
from sitreps.interfaces.common import DbOption, db_path, errors_as_exit, fail, parse_date
from sitreps.interfaces.hooks import after_write
from sitreps.models import Event, Extraction, to_dict

MaxMbOption = Annotated[
    float, typer.Option("--max-mb", min=0.001, help="Refuse a single report larger than this many MB.")
]
FollowOption = Annotated[
    bool, typer.Option("--follow-links", help="For feed items, fetch the linked page and read its main text.")
]
WorkersOption = Annotated[int, typer.Option(
    "--workers", min=1,
    help="Worker processes for large batches (each loads the models; used from 128 reports on).")]


class EventFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"


class ExtractFormat(enum.StrEnum):
    jsonl = "jsonl"


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _max_bytes(max_mb: float) -> int:
    return max(1, int(max_mb * 1_000_000))


# -- ingest -----------------------------------------------------------------------------------------

def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def run_ingest(
    inputs: list[str], db: Path, *, follow_links: bool, quiet: bool, max_bytes: int, workers: int = 1
) -> int:
    """Ingest and report; returns the exit code (1 if any input was rejected)."""
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    from sitreps.pipeline import Progress, ingest
    from sitreps.store import Store

    console = Console(stderr=True)
    show_bar = not quiet and sys.stderr.isatty()
    with Store(db) as store, Bar(
        SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} inputs"),
        TimeElapsedColumn(), console=console, disable=not show_bar, transient=True,
    ) as bar:
        task = bar.add_task("ingesting", total=None)

        def progress(event: Progress) -> None:
            bar.update(task, completed=event.done, description=f"{event.status}: {event.origin}"[:70])
            if event.status in ("rejected", "failed"):
                line = f"rejected: {event.origin}: {event.reason}"
                if show_bar:
                    bar.console.print(line, markup=False, highlight=False)
                else:
                    typer.echo(line, err=True)

        summary = ingest(inputs, store, progress=progress, follow_links=follow_links, max_bytes=max_bytes,
                         config=PipelineConfig(n_process=workers))
        after_write(store)
    parts = [f"{summary.ingested} ingested"]
    if summary.duplicates:
        parts.append(_plural(summary.duplicates, "duplicate"))
    if summary.unchanged:
        parts.append(f"{summary.unchanged} unchanged")
    parts.append(f"{summary.rejected} rejected")
    line = ", ".join(parts)
    if summary.rejected:
        line += ": see `sitreps errors`"
    typer.echo(line)
    return 1 if summary.rejected else 0


@app.command("ingest")
def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for stdin.", metavar="PATH|URL",
                                                show_default=False)],
    db: DbOption = None,
    follow_links: FollowOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_mb: MaxMbOption = 2.0,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    """Read reports, code their events and store everything; re-running changes nothing.

    Prints one line per rejected input on stderr and a summary; exits 1 if any
    input was rejected.
    """
    with errors_as_exit():
        code = run_ingest(inputs, db_path(db), follow_links=follow_links, quiet=quiet, max_bytes=_max_bytes(max_mb),
                          workers=workers)
    raise typer.Exit(code)


# -- documents, errors, events ----------------------------------------------------------------------

def _print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    Console().print(table)


def _open_read_only(db: Path | None) -> Any:
    from sitreps.store import Store

    return Store(db_path(db), read_only=True)


@app.command("documents")
def documents_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, one object per document.")] = False,
) -> None:
    """List the stored documents (id, origin, language, date, events, duplicate of)."""
    with errors_as_exit(), _open_read_only(db) as store:
        rows = store.documents()
    if as_json:
        typer.echo(json.dumps(rows, default=_json_default, ensure_ascii=False, indent=1))
        return
    _print_table(f"{len(rows)} documents", ["id", "origin", "lang", "published", "events", "duplicate of"], [
        [r["id"], r["origin"], r["language"], r["published"], r["events"], r["duplicate_of"]] for r in rows])


@app.command("errors")
def errors_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, one object per error.")] = False,
) -> None:
    """List the inputs that could not be ingested, and why (the latest error of each)."""
    with errors_as_exit(), _open_read_only(db) as store:
        rows = store.errors()
    if as_json:
        typer.echo(json.dumps(rows, default=_json_default, ensure_ascii=False, indent=1))
        return
    _print_table(f"{len(rows)} errors", ["input", "reason", "time"], [
        [r["input"], r["reason"], r["time"].strftime("%Y-%m-%d %H:%M:%S")] for r in rows])


def _event_record(event: Event) -> dict[str, Any]:
    record = to_dict(event)
    record["spans"] = [to_dict(span) for span in event.spans]
    return record


def _write_events(events: list[Event], fmt: EventFormat) -> None:
    out = sys.stdout
    if fmt is EventFormat.table:
        _print_table(f"{len(events)} events", ["date", "type", "sub-type", "actor 1", "actor 2", "location",
                                               "country", "deaths"], [
            [e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.location, e.country,
             e.fatalities] for e in events])
    elif fmt is EventFormat.csv:
        columns = [name for name in to_dict(events[0]) if name != "spans"] if events else ["id"]
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(to_dict(event))
    elif fmt is EventFormat.jsonl:
        for event in events:
            out.write(json.dumps(_event_record(event), ensure_ascii=False) + "\n")
    else:
        features = []
        for event in events:
            properties = _event_record(event)
            has_point = event.latitude is not None and event.longitude is not None
            geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]} if has_point else None
            features.append({"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties})
        out.write(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n")


@app.command("events")
def events_command(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Only events with this actor on either side.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Only this event type or sub-type.")] = None,
    country: Annotated[str | None, typer.Option(help="Only this country (name or ISO code).")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date (YYYY-MM-DD).")] = None,
    fmt: Annotated[EventFormat, typer.Option("--format", help="How to print them.")] = EventFormat.table,
) -> None:
    """List stored events, filtered, as a table, CSV, JSON Lines or GeoJSON."""
    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    with errors_as_exit(), _open_read_only(db) as store:
        events = store.events(actor=actor, event_type=event_type, country=country, since=start, until=end)
    _write_events(events, fmt)


# -- extract ----------------------------------------------------------------------------------------

def record_id(extraction: Extraction) -> str:
    """The id of a report in the system output: its own id, else its file name, else its content id."""
    from sitreps.documents import has_own_id

    document = extraction.document
    if has_own_id(document):
        return document.id
    origin = document.origin
    if origin.startswith(("http://", "https://")):
        return origin
    if origin.startswith("<"):
        return document.id
    return Path(origin).name


@app.command("extract")
def extract_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for stdin.", metavar="PATH|URL",
                                                show_default=False)],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = ExtractFormat.jsonl,
    report_id: Annotated[str | None, typer.Option("--id", help="The id to give a single report.")] = None,
    follow_links: FollowOption = False,
    max_mb: MaxMbOption = 2.0,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    """Code reports without storing them: one JSON line per report, in the scoring output format.

    JSON Lines inputs keep each line's id, a file's id is its file name, and
    --id sets the id of a single report.  Exits 1 if any input was rejected.
    """
    from sitreps.pipeline import extract

    rejected = 0
    written = 0
    held: list[Extraction] = []
    with errors_as_exit():
        for item in extract(inputs, follow_links=follow_links, max_bytes=_max_bytes(max_mb),
                            config=PipelineConfig(n_process=workers)):
            if isinstance(item, SourceError):
                rejected += 1
                typer.echo(f"rejected: {item.origin}: {item.reason}", err=True)
                continue
            if report_id is not None:
                held.append(item)
                if len(held) > 1:
                    raise fail("--id names a single report, but the inputs hold more than one", 2)
                continue
            sys.stdout.write(json.dumps(item.scoring_record(record_id(item)), ensure_ascii=False,
                                        default=_json_default) + "\n")
            sys.stdout.flush()
            written += 1
    for item in held:
        sys.stdout.write(json.dumps(item.scoring_record(report_id), ensure_ascii=False,
                                    default=_json_default) + "\n")
        written += 1
    raise typer.Exit(1 if rejected else 0)


# -- demo -------------------------------------------------------------------------------------------

def examples_dir() -> Path:
    """The bundled example reports: ``examples/`` beside the package in a source checkout."""
    import sitreps

    folder = Path(sitreps.__file__).resolve().parents[1] / "examples"
    if not folder.is_dir():
        raise SourceError(str(folder), "the bundled examples are not there (they come with the source checkout)")
    return folder


def example_inputs(folder: Path) -> list[str]:
    """The example reports, without the README and the gold annotations."""
    from sitreps.sources import reader_for_extension

    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or reader_for_extension(path.suffix) is None:
            continue
        if path.name.lower().startswith(("readme", "gold")):
            continue
        found.append(str(path))
    return found


def _summarise(store: Any) -> None:
    con = store.connection
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    events = store.events()
    typer.echo(f"\n{documents} reports, {len(events)} events, "
               f"{con.execute('SELECT count(*) FROM quotes').fetchone()[0]} quotes\n")
    by_type = Counter(f"{e.event_type} / {e.sub_event_type}" for e in events)
    _print_table("Events by type", ["type / sub-type", "events"], [[k, v] for k, v in by_type.most_common()])
    by_actor = Counter(a for e in events for a in {e.actor1, e.actor2} if a)
    _print_table("Events by actor", ["actor", "events"], [[k, v] for k, v in by_actor.most_common(15)])
    by_place = Counter(", ".join(p for p in (e.location, e.admin1, e.country) if p) or "(unknown)" for e in events)
    _print_table("Events by place", ["place", "events"], [[k, v] for k, v in by_place.most_common(15)])
    quotes = con.execute("SELECT speaker, affiliation, text FROM quotes ORDER BY document_id, \"start\"").fetchall()
    _print_table("Quotes", ["speaker", "affiliation", "quote"], [
        [s or "?", a, (t[:117] + "...") if len(t) > 120 else t] for s, a, t in quotes])


@app.command("demo")
def demo_command(db: DbOption = None) -> None:
    """Ingest the bundled example reports into the store and summarise the situation they describe."""
    from sitreps.store import Store

    db = db_path(db)
    with errors_as_exit():
        inputs = example_inputs(examples_dir())
        typer.echo(f"Ingesting {len(inputs)} example files into {db}")
        code = run_ingest(inputs, db, follow_links=False, quiet=False, max_bytes=_max_bytes(2.0))
        with Store(db, read_only=True) as store:
            _summarise(store)
    typer.echo(f"\nExplore further: sitreps events --db {db}")
    raise typer.Exit(code)
