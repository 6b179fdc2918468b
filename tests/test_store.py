"""The DuckDB store: migrations, idempotent writes, filters, errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from sitreps.errors import StoreError
from sitreps.models import (
    ActorMention,
    Claim,
    Document,
    Event,
    Extraction,
    IngestError,
    Place,
    Quote,
    Span,
)
from sitreps.store import MIGRATIONS, Store


def _document(doc_id: str = "doc-1", text: str = "Gunmen attacked Gao on Monday.") -> Document:
    return Document(id=doc_id, text=text, origin=f"{doc_id}.txt", content_hash=f"hash-{doc_id}",
                    published=dt.date(2024, 5, 6), published_precision=1, language="en")


def _event(event_id: str, **fields: object) -> Event:
    values: dict[str, object] = {
        "id": event_id, "event_type": "Battles", "sub_event_type": "Armed clash", "country": "Mali",
        "event_date": dt.date(2024, 5, 6), "time_precision": 1, "actor1": "JNIM",
        "actor2": "Military Forces of Mali", "iso": "MLI", "fatalities": 4,
    }
    values.update(fields)
    return Event(**values)  # type: ignore[arg-type]


def _extraction(doc_id: str = "doc-1") -> Extraction:
    event = _event(f"{doc_id}-e1", document_id=doc_id,
                   spans=(Span(field="actor1", start=0, end=6, text="Gunmen"),
                          Span(field="location", start=16, end=19, text="Gao")))
    return Extraction(
        document=_document(doc_id),
        events=(event,),
        actors=(ActorMention(name="Unidentified Armed Group", text="Gunmen", start=0, end=6),),
        places=(Place(name="Gao", start=16, end=19, latitude=16.27, longitude=-0.04, country="Mali"),),
        quotes=(Quote(speaker="An official", text="They came at dawn."),),
        claims=(Claim(subject="JNIM", quantity="4", of="soldiers killed", source="a statement"),),
    )


def test_store_migrations_recorded_once(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version() == MIGRATIONS[-1].version
    with Store(db_path) as store:
        rows = store.connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert rows == [(m.version, m.name) for m in MIGRATIONS]


def test_store_events_table_has_one_column_per_event_field(store: Store) -> None:
    columns = {row[0] for row in store.connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
    assert columns == {f.name for f in dataclasses.fields(Event)} - {"spans"}


def test_store_add_extraction_writes_every_table(store: Store) -> None:
    store.add_extraction(_extraction())
    counts = store.counts()
    assert {t: counts[t] for t in ("documents", "events", "evidence_spans", "actors", "places",
                                   "quotes", "claims")} == {
        "documents": 1, "events": 1, "evidence_spans": 2, "actors": 1, "places": 1, "quotes": 1, "claims": 1}
    [event] = store.events()
    assert event == _extraction().events[0]


def test_store_add_extraction_twice_changes_nothing(store: Store) -> None:
    store.add_extraction(_extraction())
    before = store.counts()
    first_seen = store.documents()[0]["ingested_at"]
    store.add_extraction(_extraction())
    assert store.counts() == before
    assert store.documents()[0]["ingested_at"] == first_seen


def test_store_add_extraction_replaces_an_older_reading(store: Store) -> None:
    store.add_extraction(_extraction())
    store.add_extraction(Extraction(document=_document()))
    assert store.counts()["events"] == 0
    assert store.counts()["evidence_spans"] == 0
    assert store.counts()["documents"] == 1


def test_store_failed_extraction_leaves_nothing(store: Store) -> None:
    bad = dataclasses.replace(_extraction(), places=(Place(name="Gao", latitude="north"),))  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.add_extraction(bad)
    assert store.counts()["documents"] == 0
    assert store.counts()["events"] == 0


def test_store_add_document_is_idempotent(store: Store) -> None:
    assert store.add_document(_document()) is True
    assert store.add_document(_document()) is False
    assert [d["id"] for d in store.documents()] == ["doc-1"]
    assert store.document("doc-1") == dataclasses.replace(
        _document(), ingested_at=store.document("doc-1").ingested_at)  # type: ignore[union-attr]
    assert store.document_hash("doc-1") == "hash-doc-1"
    assert store.document_with_content("hash-doc-1") == "doc-1"
    assert store.document_hash("nope") is None


def test_store_looks_up_many_documents_at_once(store: Store) -> None:
    store.add_document(_document("doc-2"))
    store.add_document(dataclasses.replace(_document("doc-0"), content_hash="hash-doc-2", duplicate_of="doc-2"))
    store.add_document(_document("doc-1"))
    assert store.document_hashes(["doc-1", "doc-0", "nope"]) == {"doc-1": "hash-doc-1", "doc-0": "hash-doc-2"}
    # the original, not its duplicate, even when the duplicate's id sorts first
    assert store.originals_with_content(["hash-doc-2", "hash-doc-1", "nope"]) == {
        "hash-doc-2": "doc-2", "hash-doc-1": "doc-1"}
    assert store.document_hashes([]) == {} and store.originals_with_content([]) == {}


def test_store_add_events_bulk_is_idempotent(store: Store) -> None:
    events = [_event(f"acled:{i}", dataset="acled", source_event_id=str(i),
                     event_date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 400)) for i in range(5000)]
    assert store.add_events(events, chunk_size=1000) == 5000
    assert store.add_events(events[:10] + [_event("acled:new", dataset="acled")]) == 1
    assert store.counts()["events"] == 5001


def test_store_add_events_keeps_spans_once(store: Store) -> None:
    event = _event("e-span", spans=(Span(field="actor1", start=0, end=4, text="JNIM"),))
    store.add_events([event])
    store.add_events([event])
    assert store.counts()["evidence_spans"] == 1


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a", "b", "c"]),
        ({"actor": "jnim"}, ["a", "c"]),
        ({"actor": "ISSP"}, ["b"]),
        ({"event_type": "Violence against civilians"}, ["b"]),
        ({"event_type": "armed clash"}, ["a", "c"]),
        ({"country": "BFA"}, ["c"]),
        ({"country": "mali"}, ["a", "b"]),
        ({"since": dt.date(2024, 2, 1)}, ["b", "c"]),
        ({"until": dt.date(2024, 2, 1)}, ["a", "b"]),
        ({"since": dt.date(2024, 2, 1), "until": dt.date(2024, 2, 1), "country": "Mali"}, ["b"]),
    ],
)
def test_store_events_filters(store: Store, filters: dict[str, object], expected: list[str]) -> None:
    store.add_events([
        _event("a", event_date=dt.date(2024, 1, 1)),
        _event("b", event_type="Violence against civilians", sub_event_type="Attack", actor1="ISSP",
               actor2="Civilians", event_date=dt.date(2024, 2, 1)),
        _event("c", country="Burkina Faso", iso="BFA", event_date=dt.date(2024, 3, 1)),
    ])
    assert [e.id for e in store.events(**filters)] == expected  # type: ignore[arg-type]


def test_store_records_errors(store: Store) -> None:
    store.record_error(IngestError(input="bad.txt", reason="the file is empty"))
    [row] = store.errors()
    assert (row["input"], row["reason"]) == ("bad.txt", "the file is empty")
    assert row["time"].tzinfo is not None
    store.clear_errors(["bad.txt"])
    assert store.errors() == []


def test_store_read_only_refuses_writes(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_document(_document())
    with Store(db_path, read_only=True) as store:
        assert len(store.documents()) == 1
        with pytest.raises(StoreError, match="read-only"):
            store.add_document(_document("doc-2"))


def test_store_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_store_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a duckdb file at all" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)


def test_store_closed_connection_raises(db_path: Path) -> None:
    store = Store(db_path)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.documents()


def test_store_migration_failure_rolls_back(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitreps.store import migrations
    from sitreps.store import store as store_module

    broken = (*migrations.MIGRATIONS, migrations.Migration(99, "broken", "CREATE TABLE x (a INT); SELEC 1"))
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises(StoreError, match="migration 99"):
        Store(db_path)
    con = duckdb.connect(str(db_path))
    try:
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (migrations.MIGRATIONS[-1].version,)
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "x" not in tables
    finally:
        con.close()


def test_store_record_error_replaces_older_error_of_same_input(store: Store) -> None:
    store.record_error(IngestError(input="bad.txt", reason="the file is empty"))
    store.record_error(IngestError(input="bad.txt", reason="is not valid UTF-8"))
    store.record_error(IngestError(input="other.txt", reason="is empty"))
    assert [(r["input"], r["reason"]) for r in store.errors()] == [
        ("bad.txt", "is not valid UTF-8"), ("other.txt", "is empty")]


def test_store_public_writer_rolls_back_on_error(store: Store) -> None:
    store.write(lambda con: con.execute("CREATE TABLE side (a INTEGER)"))

    def half(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("INSERT INTO side VALUES (1)")
        con.execute("INSERT INTO side VALUES ('not a number')")

    with pytest.raises(StoreError, match="write to"):
        store.write(half)
    assert store.connection.execute("SELECT count(*) FROM side").fetchone() == (0,)


@pytest.mark.parametrize("alias", ["JNIM", "jnim", "Jama'at Nusrat al-Islam wal-Muslimin", "GSIM"])
def test_store_events_actor_filter_folds_aliases(store: Store, alias: str) -> None:
    store.add_events([
        _event("a", actor1="Jama'at Nusrat al-Islam wal-Muslimin", event_date=dt.date(2024, 1, 1)),
        _event("b", actor1="Islamic State Sahel Province", event_date=dt.date(2024, 1, 2)),
    ])
    assert [e.id for e in store.events(actor=alias)] == ["a"]
    assert store.events(actor="Nobody at all") == []
