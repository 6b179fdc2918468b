"""The data-path commands, in process: exact exit codes and messages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitreps.interfaces.commands_ingest as commands
from sitreps.interfaces.app import app
from sitreps.models import Event, Span
from sitreps.store import Store

REPORT = "Gunmen attacked a village near Gao on Monday, killing {n} people, local officials said. "

runner = CliRunner()


def _report(n: int) -> str:
    return REPORT.format(n=n) + " ".join(f"w{n}x{i}" for i in range(40))


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder of two good reports and one of each common bad input."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "one.txt").write_text(_report(1), encoding="utf-8")
    (folder / "two.md").write_text(_report(2), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin.txt").write_bytes("armés".encode("latin-1"))
    (folder / "cut.rss").write_bytes(b"<?xml version='1.0'?><rss><channel><item><title>x")
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "L1", "text": _report(3)}) + "\n{oops\n" + json.dumps({"id": "L3", "text": _report(4)}),
        encoding="utf-8")
    return folder


def _seed_events(db: Path) -> None:
    with Store(db) as store:
        store.add_events([
            Event(id="acled:1", event_type="Battles", sub_event_type="Armed clash", country="Mali", iso="MLI",
                  event_date=dt.date(2024, 1, 5), actor1="JNIM", actor2="Military Forces of Mali",
                  location="Boni", latitude=15.05, longitude=-1.98, fatalities=8, dataset="acled",
                  source_event_id="1", spans=(Span(field="actor1", start=0, end=4, text="JNIM"),)),
            Event(id="acled:2", event_type="Violence against civilians", sub_event_type="Attack",
                  country="Burkina Faso", iso="BFA", event_date=dt.date(2024, 2, 1), actor1="ISSP",
                  actor2="Civilians", dataset="acled", source_event_id="2"),
        ])


@pytest.mark.usefixtures("blank_nlp")
def test_cli_ingest_good_and_bad_inputs(batch: Path, db_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(batch), str(batch / "missing.txt"), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines()[-1] == "4 ingested, 6 rejected: see `sitreps errors`"
    rejected = sorted(line for line in result.stderr.splitlines() if line.startswith("rejected: "))
    assert rejected == sorted([
        f"rejected: {batch / 'binary.txt'}: looks like a binary file, not text",
        f"rejected: {batch / 'cut.rss'}: is not a well-formed RSS/Atom feed: <unknown>:1:66: no element found",
        f"rejected: {batch / 'empty.txt'}: is empty",
        f"rejected: {batch / 'latin.txt'}: is not valid utf-8: byte 0xe9 at offset 3 (convert it to UTF-8)",
        f"rejected: {batch / 'lines.jsonl'}:2: is not valid JSON: Expecting property name enclosed in double "
        "quotes at column 2",
        f"rejected: {batch / 'missing.txt'}: does not exist",
    ])
    with Store(db_path, read_only=True) as store:
        assert len(store.documents()) == 4
        assert len(store.errors()) == 6


@pytest.mark.usefixtures("blank_nlp")
def test_cli_ingest_twice_reports_unchanged(batch: Path, db_path: Path) -> None:
    runner.invoke(app, ["ingest", str(batch / "one.txt"), "--db", str(db_path)])
    result = runner.invoke(app, ["ingest", str(batch / "one.txt"), "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "0 ingested, 1 unchanged, 0 rejected"


@pytest.mark.usefixtures("blank_nlp")
def test_cli_ingest_default_db_from_environment(batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env.duckdb"
    monkeypatch.setenv("SITREPS_DB", str(target))
    result = runner.invoke(app, ["ingest", str(batch / "one.txt")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "1 ingested, 0 rejected"
    assert target.exists()


@pytest.mark.usefixtures("blank_nlp")
def test_cli_ingest_max_mb(tmp_path: Path, db_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 69_800 + b" Gao.")
    result = runner.invoke(app, ["ingest", str(big), "--db", str(db_path), "--max-mb", "0.01"])
    assert result.exit_code == 1
    assert result.stderr == f"rejected: {big}: is 70 KB, above the 10 KB limit for one report (raise it with --max-mb)\n"
    raised = runner.invoke(app, ["ingest", str(big), "--db", str(db_path), "--max-mb", "0.1"])
    assert raised.exit_code == 0
    assert raised.stdout.strip() == "1 ingested, 0 rejected"


def test_cli_ingest_unusable_store_is_a_message(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database" * 100)
    report = tmp_path / "r.txt"
    report.write_text(_report(1), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(report), "--db", str(junk)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot open the store {junk}")
    assert "Traceback" not in result.output


def test_cli_documents_and_errors_json(db_path: Path) -> None:
    from sitreps.models import Document, IngestError

    with Store(db_path) as store:
        store.add_document(Document(id="d1", text="x", origin="a.txt", content_hash="h", language="en"))
        store.record_error(IngestError(input="bad.txt", reason="is empty"))
    documents = json.loads(runner.invoke(app, ["documents", "--db", str(db_path), "--json"]).stdout)
    assert [(d["id"], d["origin"], d["language"], d["events"]) for d in documents] == [("d1", "a.txt", "en", 0)]
    result = runner.invoke(app, ["errors", "--db", str(db_path), "--json"])
    assert result.exit_code == 0
    [error] = json.loads(result.stdout)
    assert (error["input"], error["reason"]) == ("bad.txt", "is empty")
    assert dt.datetime.fromisoformat(error["time"]).tzinfo is not None
    table = runner.invoke(app, ["errors", "--db", str(db_path)])
    assert "bad.txt" in table.stdout and "is empty" in table.stdout


def test_cli_read_commands_without_store(tmp_path: Path) -> None:
    for command in ("documents", "errors", "events"):
        result = runner.invoke(app, [command, "--db", str(tmp_path / "none.duckdb")])
        assert result.exit_code == 1
        assert result.stderr == f"Error: no store at {tmp_path / 'none.duckdb'}: ingest something first\n"


def test_cli_events_formats_and_filters(db_path: Path) -> None:
    _seed_events(db_path)
    lines = runner.invoke(app, ["events", "--db", str(db_path), "--format", "jsonl"]).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["acled:1", "acled:2"]
    assert records[0]["spans"] == [{"field": "actor1", "start": 0, "end": 4, "text": "JNIM"}]
    assert records[0]["event_date"] == "2024-01-05"

    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(app, ["events", "--db", str(db_path), "--format", "csv", "--country", "BFA"]).stdout)))
    assert [(r["id"], r["actor1"], r["country"]) for r in rows] == [("acled:2", "ISSP", "Burkina Faso")]
    assert "spans" not in rows[0]

    geo = json.loads(runner.invoke(app, ["events", "--db", str(db_path), "--format", "geojson",
                                         "--actor", "jnim"]).stdout)
    assert geo["type"] == "FeatureCollection"
    [feature] = geo["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-1.98, 15.05]}
    assert feature["properties"]["fatalities"] == 8

    since = runner.invoke(app, ["events", "--db", str(db_path), "--format", "jsonl", "--since", "2024-01-10"])
    assert [json.loads(line)["id"] for line in since.stdout.splitlines()] == ["acled:2"]
    typed = runner.invoke(app, ["events", "--db", str(db_path), "--format", "jsonl", "--type", "Armed clash",
                                "--until", "2024-01-31"])
    assert [json.loads(line)["id"] for line in typed.stdout.splitlines()] == ["acled:1"]
    table = runner.invoke(app, ["events", "--db", str(db_path)])
    assert table.exit_code == 0 and "Boni" in table.stdout and "2 events" in table.stdout


def test_cli_events_bad_date_is_a_usage_error(db_path: Path) -> None:
    _seed_events(db_path)
    result = runner.invoke(app, ["events", "--db", str(db_path), "--since", "last week"])
    assert result.exit_code == 2
    assert "'last week' is not a date like 2024-03-01" in result.stderr


@pytest.mark.usefixtures("blank_nlp")
def test_cli_extract_output_shape_and_ids(batch: Path) -> None:
    result = runner.invoke(app, ["extract", str(batch / "one.txt"), str(batch / "lines.jsonl"), "--format", "jsonl"])
    assert result.exit_code == 1  # line 2 of lines.jsonl is bad
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["one.txt", "L1", "L3"]
    for record in records:
        assert set(record) >= {"id", "events", "actors", "places", "quotes", "claims"}
        assert isinstance(record["events"], list) and isinstance(record["places"], list)
    assert result.stderr == f"rejected: {batch / 'lines.jsonl'}:2: is not valid JSON: Expecting property name " \
                            "enclosed in double quotes at column 2\n"


@pytest.mark.usefixtures("blank_nlp")
def test_cli_extract_id_override(batch: Path) -> None:
    result = runner.invoke(app, ["extract", str(batch / "two.md"), "--id", "news-042"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "news-042"
    many = runner.invoke(app, ["extract", str(batch / "one.txt"), str(batch / "two.md"), "--id", "x"])
    assert many.exit_code == 2
    assert "--id names a single report" in many.stderr
    assert many.stdout == ""


def test_cli_example_inputs_skip_readme_and_gold(tmp_path: Path) -> None:
    for name in ("README.md", "gold.jsonl", "a.txt", "b.html", "notes.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "wire.xml").write_text("x", encoding="utf-8")
    assert commands.example_inputs(tmp_path) == [str(tmp_path / "a.txt"), str(tmp_path / "b.html"),
                                                 str(tmp_path / "feeds" / "wire.xml")]


@pytest.mark.slow
def test_cli_demo_ingests_the_examples(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    inputs = commands.example_inputs(commands.examples_dir())
    assert f"Ingesting {len(inputs)} example files into {db}" in result.stdout
    assert "Events by type" in result.stdout and "Quotes" in result.stdout
    with Store(db, read_only=True) as store:
        assert len(store.documents()) >= len(inputs)
        assert store.errors() == []
        events = store.counts()
    again = runner.invoke(app, ["demo", "--db", str(db)])  # idempotent: a second demo changes nothing
    assert again.exit_code == 0, again.stderr
    assert "0 ingested" in again.stdout
    with Store(db, read_only=True) as store:
        assert store.counts() == events


@pytest.mark.slow
def test_cli_demo_uses_the_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREPS_DB", str(tmp_path / "default.duckdb"))
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "default.duckdb").exists()


@pytest.mark.usefixtures("blank_nlp")
def test_cli_ingest_stdin(db_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "-", "--db", str(db_path)], input=_report(5))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "1 ingested, 0 rejected"
    with Store(db_path, read_only=True) as store:
        assert [d["origin"] for d in store.documents()] == ["<stdin>"]


def test_cli_ingest_missing_model_is_one_message(tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitreps.errors import ConfigError
    from sitreps.pipeline import Pipeline

    def missing(self: Pipeline, lang: str) -> None:
        raise ConfigError("spaCy model 'xx_missing' is not installed: run ./install.sh")

    monkeypatch.setattr(Pipeline, "nlp", missing)
    report = tmp_path / "r.txt"
    report.write_text(_report(1), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(report), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stderr == "Error: spaCy model 'xx_missing' is not installed: run ./install.sh\n"
    with Store(db_path, read_only=True) as store:
        assert store.documents() == [] and store.errors() == []
