"""The DuckDB store: registered migrations, one writer, idempotent writes.

Every write goes through :meth:`Store._write`, which runs a function inside one
transaction and rolls it back if anything fails, so a killed process leaves the
store as it was after the last complete write.  Rows go in through pyarrow
tables (one ``INSERT ... SELECT`` a table), never row by row, so the ACLED and
UCDP importers can load hundreds of thousands of events at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from sitreps.errors import StoreError
from sitreps.knowledge.actors import actor_dictionary
from sitreps.models import Document, Event, Extraction, IngestError, Span
from sitreps.store.migrations import MIGRATIONS, SCHEMA_MIGRATIONS, Migration

T = TypeVar("T")

_S, _I, _F, _D, _TS, _B = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.timestamp("us"), pa.bool_()

#: Arrow types of the columns each table is written with (column order is the insert order).
COLUMNS: dict[str, dict[str, pa.DataType]] = {
    "documents": {
        "id": _S, "text": _S, "origin": _S, "url": _S, "title": _S, "published": _D,
        "published_precision": _I, "language": _S, "source": _S, "ingested_at": _TS,
        "content_hash": _S, "duplicate_of": _S,
    },
    "events": {
        "id": _S, "event_type": _S, "sub_event_type": _S, "country": _S, "event_date": _D,
        "time_precision": _I, "actor1": _S, "actor2": _S, "assoc_actor_1": _S, "assoc_actor_2": _S,
        "inter1": _I, "inter2": _I, "attribution": _S, "location": _S, "admin1": _S, "admin2": _S,
        "iso": _S, "latitude": _F, "longitude": _F, "geo_precision": _I, "fatalities": _I,
        "injured": _I, "abducted": _I, "evidence": _S, "confidence": _F, "optional": _B,
        "document_id": _S, "dataset": _S, "source_event_id": _S, "notes": _S,
    },
    "evidence_spans": {
        "event_id": _S, "document_id": _S, "field": _S, "start": _I, "end": _I, "text": _S,
    },
    "actors": {
        "document_id": _S, "name": _S, "text": _S, "start": _I, "end": _I, "actor_type": _I,
        "attribution": _S,
    },
    "places": {
        "document_id": _S, "name": _S, "start": _I, "end": _I, "latitude": _F, "longitude": _F,
        "country": _S, "country_code": _S, "admin1": _S, "admin2": _S, "geonames_id": _I,
        "feature": _S, "geo_precision": _I, "source": _S, "relation": _S,
    },
    "quotes": {
        "document_id": _S, "speaker": _S, "text": _S, "affiliation": _S, "start": _I, "end": _I,
    },
    "claims": {
        "document_id": _S, "subject": _S, "quantity": _S, "of": _S, "period": _S, "source": _S,
        "evidence": _S, "start": _I, "end": _I,
    },
    "ingest_errors": {"input": _S, "reason": _S, "time": _TS},
    "document_signatures": {"document_id": _S, "signature": pa.binary()},
}

#: Tables holding what was read out of a document, keyed by ``document_id``.
_PER_DOCUMENT = ("evidence_spans", "actors", "places", "quotes", "claims")


def _quote(name: str) -> str:
    return f'"{name}"'


#: The timestamp columns of each table.
_TIMESTAMPS = {table: [name for name, kind in types.items() if pa.types.is_timestamp(kind)]
               for table, types in COLUMNS.items()}


def _utc_naive(value: dt.datetime) -> dt.datetime:
    """A timestamp as naive UTC, the form the store keeps."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _record_row(record: Any, table: str, **extra: Any) -> dict[str, Any]:
    """The row of ``table`` for ``record``: its attributes, overridden by ``extra``; timestamps as naive UTC."""
    row = {name: extra[name] if name in extra else getattr(record, name) for name in COLUMNS[table]}
    for name in _TIMESTAMPS[table]:
        if isinstance(row[name], dt.datetime):
            row[name] = _utc_naive(row[name])
    return row


class Store:
    """A DuckDB file holding documents, coded events and their evidence.

    Use it as a context manager; ``connection`` is the DuckDB connection for
    analysis queries (read it, do not write through it)::

        with Store("sitreps.duckdb") as store:
            store.add_extraction(extraction)
            frame = store.connection.sql("SELECT * FROM events").df()
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        target = str(path)
        if read_only and target != ":memory:" and not Path(target).exists():
            raise StoreError(f"no store at {target}: ingest something first")
        if target != ":memory:":
            parent = Path(target).parent
            if not read_only and not parent.exists():
                try:
                    parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"cannot create the folder of {target}: {exc}") from exc
        try:
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {target}: {exc}") from exc
        try:
            if read_only:
                self._check_version()
            else:
                self._migrate()
        except BaseException:
            self.close()
            raise

    # -- life cycle -------------------------------------------------------------------------------

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for read queries."""
        if self._con is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._con

    def close(self) -> None:
        if self._con is not None:
            with contextlib.suppress(duckdb.Error):
                self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- migrations -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest migration applied to this store (0 for a new file)."""
        try:
            exists = self._query(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
            )[0][0]
            if not exists:
                return 0
            return int(self._query("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0])
        except duckdb.Error as exc:
            raise StoreError(f"cannot read the schema version of {self.path}: {exc}") from exc

    def _check_version(self) -> None:
        latest = MIGRATIONS[-1].version
        current = self.schema_version()
        if current < latest:
            raise StoreError(
                f"the store {self.path} is at schema version {current}, this sitreps needs {latest}: "
                "open it once without read-only to migrate it"
            )

    def _migrate(self) -> None:
        def create_table(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(SCHEMA_MIGRATIONS)

        self._write(create_table)
        done = {row[0] for row in self._query("SELECT version FROM schema_migrations")}
        for migration in sorted(MIGRATIONS, key=lambda m: m.version):
            if migration.version not in done:
                self._apply(migration)

    def _apply(self, migration: Migration) -> None:
        def work(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [migration.version, migration.name, _utc_naive(dt.datetime.now(dt.UTC))],
            )

        try:
            self._write(work)
        except StoreError as exc:
            raise StoreError(f"migration {migration.version} ({migration.name}) failed: {exc}") from exc

    # -- the one writer ---------------------------------------------------------------------------

    def _write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work`` in one transaction; every write of the store goes through here."""
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        con = self.connection
        with self._lock:
            try:
                con.begin()
                result = work(con)
                con.commit()
                return result
            except (duckdb.Error, pa.ArrowException, TypeError, ValueError) as exc:
                with contextlib.suppress(duckdb.Error):
                    con.rollback()
                raise StoreError(f"write to {self.path} failed: {exc}") from exc
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    con.rollback()
                raise

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work(connection)`` in one transaction through the store's one writer.

        For later stages that keep tables of their own (imports, alerts):
        duckdb errors come back as ``StoreError`` and nothing is half-written.
        """
        return self._write(work)

    def _query(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        with self._lock:
            return self.connection.execute(sql, params or []).fetchall()

    def _read(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        try:
            return self._query(sql, params)
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc

    @staticmethod
    def _insert(
        con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]], *, ignore: bool = False
    ) -> int:
        """Insert ``rows`` through one arrow table; with ``ignore``, rows whose key exists are skipped."""
        if not rows:
            return 0
        columns = {name: [row[name] for row in rows] for name in COLUMNS[table]}
        return Store._insert_columns(con, table, columns, ignore=ignore)

    @staticmethod
    def _insert_columns(
        con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list[Any]], *, ignore: bool = False
    ) -> int:
        types = COLUMNS[table]
        arrow = pa.table({name: pa.array(columns[name], type=kind) for name, kind in types.items()})
        if arrow.num_rows == 0:
            return 0
        names = ", ".join(_quote(name) for name in types)
        view = f"_sitreps_batch_{table}"
        con.register(view, arrow)
        try:
            conflict = " ON CONFLICT DO NOTHING" if ignore else ""
            result = con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}{conflict}")
            counted = result.fetchone()
        finally:
            con.unregister(view)
        return int(counted[0]) if counted else 0

    # -- writes -----------------------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        """Store ``doc`` unless a document with its id is already there; True if it was added."""
        row = _record_row(doc, "documents")
        return self._write(lambda con: self._insert(con, "documents", [row], ignore=True)) > 0

    def add_extraction(self, extraction: Extraction, *, signature: bytes | None = None) -> None:
        """Store a document and everything read out of it, replacing what an earlier run stored for it.

        One transaction: either all of it is stored or none.  Adding the same
        extraction twice leaves the store as it was after the first time.
        """
        self.add_extractions([(extraction, signature)])

    def add_extractions(
        self, items: Sequence[tuple[Extraction, bytes | None]], *, clear_errors: bool = False
    ) -> None:
        """Store several extractions (each with its near-duplicate signature, or None) in one transaction.

        The batch form of ``add_extraction``: the rows of every table go in as
        one arrow table each, which is what makes a large ingest fast.  With
        ``clear_errors``, errors recorded earlier for the documents' origins are
        forgotten in the same transaction.
        """
        if not items:
            return
        origins = [extraction.document.origin for extraction, _ in items]
        # A later reading of the same document id replaces an earlier one, as with add_extraction.
        items = list({extraction.document.id: (extraction, signature) for extraction, signature in items}.values())
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in ("documents", "events", *_PER_DOCUMENT)}
        signatures: list[dict[str, Any]] = []
        for extraction, signature in items:
            document = extraction.document
            doc_id = document.id
            rows["documents"].append(_record_row(document, "documents"))
            rows["events"].extend(_record_row(e, "events", document_id=e.document_id or doc_id)
                                  for e in extraction.events)
            rows["evidence_spans"].extend(
                _record_row(span, "evidence_spans", event_id=event.id, document_id=doc_id)
                for event in extraction.events for span in event.spans)
            for table, records in (("actors", extraction.actors), ("places", extraction.places),
                                   ("quotes", extraction.quotes), ("claims", extraction.claims)):
                rows[table].extend(_record_row(r, table, document_id=doc_id) for r in records)
            if signature is not None:
                signatures.append({"document_id": doc_id, "signature": signature})
        doc_ids = [row["id"] for row in rows["documents"]]

        def work(con: duckdb.DuckDBPyConnection) -> None:
            old = dict(con.execute("SELECT id, ingested_at FROM documents WHERE id IN (SELECT unnest(?))",
                                   [doc_ids]).fetchall())
            if old:  # earlier readings to replace (the deletes scan, so only when needed)
                stale = list(old)
                for row in rows["documents"]:
                    row["ingested_at"] = old.get(row["id"], row["ingested_at"])
                con.execute("DELETE FROM events WHERE document_id IN (SELECT unnest(?)) AND dataset = 'sitreps'",
                            [stale])
                for table in _PER_DOCUMENT:
                    con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT unnest(?))", [stale])
                con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [stale])
            for table, table_rows in rows.items():
                self._insert(con, table, table_rows, ignore=table == "events")
            if signatures:
                con.execute("DELETE FROM document_signatures WHERE document_id IN (SELECT unnest(?))",
                            [[row["document_id"] for row in signatures]])
                self._insert(con, "document_signatures", signatures)
            if clear_errors:
                con.execute("DELETE FROM ingest_errors WHERE input IN (SELECT unnest(?))", [origins])

        self._write(work)

    def add_events(self, events: Iterable[Event], *, chunk_size: int = 200_000) -> int:
        """Store events whose id is not stored yet (spans included); returns how many were added.

        Meant for bulk loads (the ACLED and UCDP importers): the events go in
        as arrow tables of ``chunk_size`` rows, all in one transaction.
        """
        names = list(COLUMNS["events"])

        def work(con: duckdb.DuckDBPyConnection) -> int:
            added = 0
            chunk: list[Event] = []
            for event in events:
                chunk.append(event)
                if len(chunk) >= chunk_size:
                    added += self._add_event_chunk(con, names, chunk)
                    chunk = []
            return added + self._add_event_chunk(con, names, chunk)

        return self._write(work)

    def _add_event_chunk(self, con: duckdb.DuckDBPyConnection, names: list[str], chunk: list[Event]) -> int:
        if not chunk:
            return 0
        spans = [
            _record_row(span, "evidence_spans", event_id=event.id, document_id=event.document_id)
            for event in chunk for span in event.spans
        ]
        if spans:
            # Spans only of events that are new, so that adding twice changes nothing.
            ids = list({event.id for event in chunk})
            known = {r[0] for r in con.execute("SELECT id FROM events WHERE id IN (SELECT unnest(?))",
                                               [ids]).fetchall()}
            spans = [s for s in spans if s["event_id"] not in known]
        columns = {name: [getattr(event, name) for event in chunk] for name in names}
        added = self._insert_columns(con, "events", columns, ignore=True)
        self._insert(con, "evidence_spans", spans)
        return added

    def record_error(self, err: IngestError) -> None:
        """Remember an input that could not be ingested, replacing an older error of the same input,
        so that the table says why each input last failed and re-running a batch changes nothing."""
        row = _record_row(err, "ingest_errors")

        def work(con: duckdb.DuckDBPyConnection) -> None:
            con.execute("DELETE FROM ingest_errors WHERE input = ?", [err.input])
            self._insert(con, "ingest_errors", [row])

        self._write(work)

    def clear_errors(self, inputs: Iterable[str]) -> None:
        """Forget the errors recorded for ``inputs`` (an input that now reads cleanly)."""
        names = list(inputs)
        if names:
            self._write(lambda con: con.execute(
                "DELETE FROM ingest_errors WHERE input IN (SELECT unnest(?))", [names]))

    # -- reads ------------------------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        """Every document, without its text: its fields plus ``chars`` and its number of ``events``."""
        columns = [c for c in COLUMNS["documents"] if c != "text"]
        select = ", ".join(f"d.{_quote(c)}" for c in columns)
        rows = self._read(
            f"SELECT {select}, length(d.text) AS chars, count(e.id) AS events FROM documents d "
            "LEFT JOIN events e ON e.document_id = d.id "
            f"GROUP BY ALL ORDER BY d.ingested_at, d.id"
        )
        result = [dict(zip([*columns, "chars", "events"], row, strict=True)) for row in rows]
        for row in result:
            row["ingested_at"] = row["ingested_at"].replace(tzinfo=dt.UTC)
        return result

    def document(self, doc_id: str) -> Document | None:
        """The stored document with this id, text included."""
        columns = list(COLUMNS["documents"])
        rows = self._read(f"SELECT {', '.join(map(_quote, columns))} FROM documents WHERE id = ?", [doc_id])
        if not rows:
            return None
        values = dict(zip(columns, rows[0], strict=True))
        values["ingested_at"] = values["ingested_at"].replace(tzinfo=dt.UTC)
        return Document(**values)

    def document_hash(self, doc_id: str) -> str | None:
        """The content hash of the stored document with this id, or None if there is none."""
        return self.document_hashes([doc_id]).get(doc_id)

    def document_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The content hash of each stored document among ``doc_ids``."""
        if not doc_ids:
            return {}
        return dict(self._read("SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?))",
                               [list(doc_ids)]))

    def document_with_content(self, content_hash: str) -> str | None:
        """The id of a stored original (not itself a duplicate) with this content hash, if any."""
        return self.originals_with_content([content_hash]).get(content_hash)

    def originals_with_content(self, content_hashes: Sequence[str]) -> dict[str, str]:
        """For each content hash, the id of a stored document with it: an original (not itself a
        duplicate) when there is one, the lowest id first."""
        if not content_hashes:
            return {}
        rows = self._read("SELECT content_hash, id FROM documents WHERE content_hash IN (SELECT unnest(?)) "
                          "ORDER BY duplicate_of NULLS FIRST, id", [list(content_hashes)])
        found: dict[str, str] = {}
        for content_hash, doc_id in rows:
            found.setdefault(content_hash, doc_id)
        return found

    def signatures(self) -> list[tuple[str, bytes]]:
        """The near-duplicate signatures of the stored originals, as ``(document_id, bytes)``."""
        rows = self._read(
            "SELECT s.document_id, s.signature FROM document_signatures s "
            "JOIN documents d ON d.id = s.document_id WHERE d.duplicate_of IS NULL ORDER BY d.id"
        )
        return [(row[0], bytes(row[1])) for row in rows]

    def errors(self) -> list[dict[str, Any]]:
        """Every recorded ingest error, oldest first: ``input``, ``reason``, ``time``."""
        rows = self._read("SELECT input, reason, time FROM ingest_errors ORDER BY time, input")
        return [{"input": r[0], "reason": r[1], "time": r[2].replace(tzinfo=dt.UTC)} for r in rows]

    def counts(self) -> dict[str, int]:
        """The number of rows of each table."""
        return {table: int(self._read(f"SELECT count(*) FROM {table}")[0][0]) for table in COLUMNS}

    def events(
        self,
        *,
        actor: str | None = None,
        event_type: str | None = None,
        country: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[Event]:
        """Stored events, by date then id, filtered on any of the arguments.

        ``actor`` matches any of the four actor columns, ``event_type`` the type
        or the sub-type, ``country`` the name or the ISO code, all ignoring
        case; ``since`` and ``until`` are inclusive.
        """
        where, params = self._event_filter(actor, event_type, country, since, until)
        columns = list(COLUMNS["events"])
        rows = self._read(
            f"SELECT {', '.join(map(_quote, columns))} FROM events {where} "
            "ORDER BY event_date NULLS LAST, id",
            params,
        )
        spans: dict[str, list[Span]] = {}
        if rows:
            span_rows = self._read(
                'SELECT s.event_id, s.field, s."start", s."end", s.text FROM evidence_spans s '
                f"WHERE s.event_id IN (SELECT id FROM events {where}) ORDER BY s.event_id, s.\"start\"",
                params,
            )
            for event_id, field, start, end, text in span_rows:
                spans.setdefault(event_id, []).append(Span(field=field, start=start, end=end, text=text or ""))
        events = []
        for row in rows:
            values = dict(zip(columns, row, strict=True))
            values = {k: v for k, v in values.items() if v is not None or _nullable_event_field(k)}
            events.append(Event(**values, spans=tuple(spans.get(values["id"], ()))))
        return events

    @staticmethod
    def _event_filter(
        actor: str | None, event_type: str | None, country: str | None,
        since: dt.date | None, until: dt.date | None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if actor:
            # Any alias the actor dictionary knows ("JNIM") finds the canonical name the events hold.
            entry = actor_dictionary().lookup(actor)
            names = sorted({actor.casefold(), *([str(entry.name).casefold()] if entry is not None else [])})
            clauses.append("(" + " OR ".join(
                f"lower({column}) IN (SELECT unnest(?::VARCHAR[]))"
                for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
            params.extend([names] * 4)
        if event_type:
            clauses.append("lower(?) IN (lower(event_type), lower(sub_event_type))")
            params.append(event_type)
        if country:
            clauses.append("lower(?) IN (lower(country), lower(iso))")
            params.append(country)
        if since:
            clauses.append("event_date >= ?")
            params.append(since)
        if until:
            clauses.append("event_date <= ?")
            params.append(until)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


_EVENT_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Event)}


def _nullable_event_field(name: str) -> bool:
    """Whether a NULL in this column maps to None (rather than the field's default)."""
    default = _EVENT_DEFAULTS.get(name, dataclasses.MISSING)
    return default is None or default is dataclasses.MISSING
