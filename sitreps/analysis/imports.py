"""Load ACLED and UCDP files into the store, and write imported events back out.

One file is one transaction: its good rows, the extra fields of those rows and
the message of each bad row are written together or not at all.  Events keep
``id = dataset:source_event_id``, so importing a file twice adds nothing.  The
columns of a dataset that ``Event`` has no field for (and the original text of
values the importer rewrote, such as an actor name folded to its canonical
form) go to the table ``dataset_fields`` as JSON, so :func:`export_rows` gives
back the rows as they were read.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from sitreps.analysis._base import connection_of
from sitreps.errors import AnalysisError, SourceError
from sitreps.models import Event, IngestError
from sitreps.sources.datasets import READERS, WRITERS, ActorFolder, ImportedRow
from sitreps.store import Store
from sitreps.store.migrations import DATASET_FIELDS
from sitreps.store.store import COLUMNS

DATASETS = tuple(READERS)


@dataclass(frozen=True, kw_only=True)
class ImportReport:
    """What importing one file did: rows read, events added, rows already stored, problems recorded."""

    dataset: str
    path: str
    rows: int
    imported: int
    already_stored: int
    problems: tuple[IngestError, ...] = ()


def import_file(
    store: Store,
    dataset: str,
    path: str | Path,
    *,
    actors: ActorFolder | None = None,
    latest: dt.date | None = None,
) -> ImportReport:
    """Import an ACLED or UCDP CSV file into ``store`` in one transaction.

    Each bad row is recorded in the store's errors table as ``path:row`` with
    its problem (replacing what an earlier import of the same file recorded)
    and the good rows are imported.  Raises ``SourceError`` (after recording
    it) when the file cannot be read at all, ``AnalysisError`` for an unknown
    dataset.
    """
    reader = READERS.get(dataset)
    if reader is None:
        raise AnalysisError(f"unknown dataset {dataset!r}: use one of {', '.join(DATASETS)}")
    label = str(path)
    good: list[ImportedRow] = []
    problems: list[IngestError] = []
    try:
        for item in reader(path, actors=actors or ActorFolder(), latest=latest):
            if isinstance(item, SourceError):
                problems.append(IngestError(input=item.origin, reason=item.reason))
            else:
                good.append(item)
    except SourceError as exc:
        _replace_errors(store, label, [IngestError(input=exc.origin, reason=exc.reason)])
        raise

    def work(con: duckdb.DuckDBPyConnection) -> int:
        con.execute(DATASET_FIELDS)
        added = _insert_events(con, [row.event for row in good])
        _insert_fields(con, dataset, good)
        _delete_errors(con, label)
        _insert_errors(con, problems)
        return added

    added = store.write(work)  # the store's one writer: one transaction for the file
    bad_rows = sum(1 for p in problems if p.input != f"{label}:1")
    return ImportReport(dataset=dataset, path=label, rows=len(good) + bad_rows, imported=added,
                        already_stored=len(good) - added, problems=tuple(problems))


def _replace_errors(store: Store, label: str, errors: list[IngestError]) -> None:
    def work(con: duckdb.DuckDBPyConnection) -> None:
        _delete_errors(con, label)
        _insert_errors(con, errors)

    store.write(work)


def _delete_errors(con: duckdb.DuckDBPyConnection, label: str) -> None:
    con.execute("DELETE FROM ingest_errors WHERE input = ? OR starts_with(input, ?)", [label, f"{label}:"])


def _arrow_insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table, conflict: str = "") -> int:
    if data.num_rows == 0:
        return 0
    view = f"_sitreps_import_{table}"
    names = ", ".join(f'"{n}"' for n in data.column_names)
    con.register(view, data)
    try:
        counted = con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}{conflict}").fetchone()
    finally:
        con.unregister(view)
    return int(counted[0]) if counted else 0


def _insert_events(con: duckdb.DuckDBPyConnection, events: list[Event]) -> int:
    types = COLUMNS["events"]
    data = pa.table({name: pa.array([getattr(e, name) for e in events], type=kind) for name, kind in types.items()})
    return _arrow_insert(con, "events", data, " ON CONFLICT DO NOTHING")


def _insert_fields(con: duckdb.DuckDBPyConnection, dataset: str, rows: list[ImportedRow]) -> None:
    data = pa.table({
        "event_id": pa.array([r.event.id for r in rows], type=pa.string()),
        "dataset": pa.array([dataset] * len(rows), type=pa.string()),
        "fields": pa.array([json.dumps(dict(r.extra), ensure_ascii=False) for r in rows], type=pa.string()),
    })
    _arrow_insert(con, "dataset_fields", data, " ON CONFLICT DO NOTHING")


def _insert_errors(con: duckdb.DuckDBPyConnection, errors: list[IngestError]) -> None:
    def naive(value: dt.datetime) -> dt.datetime:
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value

    data = pa.table({
        "input": pa.array([e.input for e in errors], type=pa.string()),
        "reason": pa.array([e.reason for e in errors], type=pa.string()),
        "time": pa.array([naive(e.time) for e in errors], type=pa.timestamp("us")),
    })
    _arrow_insert(con, "ingest_errors", data)


# -- export -----------------------------------------------------------------------------------------------------


def export_rows(source: Any, dataset: str) -> list[dict[str, str]]:
    """The stored events of ``dataset`` as rows of that dataset's CSV format, ordered by source id."""
    writer = WRITERS.get(dataset)
    if writer is None:
        raise AnalysisError(f"unknown dataset {dataset!r}: use one of {', '.join(DATASETS)}")
    con = connection_of(source)
    names = list(COLUMNS["events"])
    has_fields = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dataset_fields' AND NOT temporary"
    ).fetchone()
    join = "LEFT JOIN dataset_fields f ON f.event_id = e.id" if has_fields and has_fields[0] else ""
    fields = "f.fields" if join else "NULL"
    cursor = con.execute(
        f"SELECT {', '.join(f'e.{n}' for n in names)}, {fields} FROM events e {join} "
        "WHERE e.dataset = ? ORDER BY e.source_event_id, e.id",
        [dataset],
    )
    rows = []
    for record in cursor.fetchall():
        values = dict(zip(names, record[:-1], strict=True))
        values = {k: v for k, v in values.items() if v is not None or k not in _DEFAULTED}
        extra: Mapping[str, str] = json.loads(record[-1]) if record[-1] else {}
        rows.append(writer(Event(**values), extra))
    return rows


_DEFAULTED = {"time_precision", "attribution", "evidence", "confidence", "optional", "dataset"}


def export_csv(source: Any, dataset: str, path: str | Path) -> int:
    """Write the stored events of ``dataset`` to a CSV file in its format; returns the number of rows."""
    rows = export_rows(source, dataset)
    columns: list[str] = []
    for row in rows:
        columns.extend(name for name in row if name not in columns)
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=columns, restval="")
        out.writeheader()
        out.writerows(rows)
    return len(rows)
