"""The analysis commands in process: import, footprint, trends, hotspots (exit codes, messages, JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import h3
import pytest
from typer.testing import CliRunner

import sitreps.interfaces.commands_analysis  # noqa: F401  (registers the commands)
from sitreps.interfaces.app import app
from sitreps.sources.datasets.acled import COLUMNS
from sitreps.store import Store

runner = CliRunner()
CELLS = sorted(h3.grid_disk(h3.latlng_to_cell(15.0, 1.0, 5), 3))[:30]
ISSP = "Islamic State Sahel Province"


def _row(n: int, day: dt.date, cell: str, actor: str = "ISGS") -> dict[str, str]:
    lat, lon = h3.cell_to_latlng(cell)
    return {"event_id_cnty": f"NIR{n}", "event_date": day.isoformat(), "year": str(day.year),
            "time_precision": "1", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": actor,
            "inter1": "2", "inter2": "0", "iso": "562", "country": "Niger", "admin1": "Tillaberi",
            "admin2": f"Unit {n % 4}", "location": "Somewhere", "latitude": f"{lat:.6f}",
            "longitude": f"{lon:.6f}", "geo_precision": "1", "fatalities": "2"}


@pytest.fixture
def acled_file(tmp_path: Path) -> Path:
    rows = [_row(n, dt.date(2023, 9, 1), c) for n, c in enumerate(CELLS[:5])]
    rows += [_row(100 + n, dt.date(2024, 3, 1), c) for n, c in enumerate(CELLS[:10])]
    rows += [_row(200 + n, dt.date(2024, 6, 20), CELLS[20]) for n in range(12)]
    rows.append(_row(999, dt.date(2024, 3, 1), CELLS[0]) | {"latitude": ""})
    return write_acled(tmp_path / "acled.csv", rows)


def write_acled(path: Path, rows: list[dict[str, str]]) -> Path:
    """An ACLED export of ``rows`` at ``path``."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def db(tmp_path: Path, acled_file: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["import", "acled", str(acled_file), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_cli_analysis_import_reports_rows_and_problems(tmp_path, acled_file) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["import", "acled", str(acled_file), "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["rows"], report["imported"], report["already_stored"]) == (28, 27, 0)
    assert report["problems"] == [{"input": f"{acled_file}:29", "reason": "missing coordinates (latitude/longitude)"}]
    again = runner.invoke(app, ["import", "acled", str(acled_file), "--db", str(path)])
    assert again.exit_code == 0
    assert "0 events imported, 27 already stored, 1 problems" in again.stdout
    with Store(path, read_only=True) as store:
        assert store.counts()["events"] == 27
        assert [e["input"] for e in store.errors()] == [f"{acled_file}:29"]


def test_cli_analysis_import_missing_columns_exits_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id_cnty,event_date\nMLI1,2020-01-01\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "acled", str(bad), "--db", str(tmp_path / "y.duckdb")])
    assert result.exit_code == 1
    assert f"Error: {bad}:1: missing required columns: event_type, actor1, country" in result.stderr


def test_cli_analysis_footprint_json(db) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["footprint", "EIGS", "--country", "Niger", "--window", "6m",
                                 "--end", "2024-03-31", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["actor"] == ISSP
    assert (data["cells"], data["previous"]["cells"], data["cell_ratio"]) == (10, 5, 2.0)
    assert data["growth_ratio"] == pytest.approx(2.0, rel=0.01)
    assert data["window_start"] == "2023-10-01" and data["previous"]["window_end"] == "2023-09-30"
    assert set(data["sensitivity"]) == {"resolution_4", "resolution_5", "resolution_6", "without_geo_precision_3"}
    assert data["interval"]["draws"] == 500


def test_cli_analysis_footprint_text_and_errors(db) -> None:  # type: ignore[no-untyped-def]
    text = runner.invoke(app, ["footprint", "ISGS", "--window", "6m", "--end", "2024-03-31", "--db", str(db)])
    assert text.exit_code == 0 and "growth ratio (area): 2.0" in text.stdout
    unknown = runner.invoke(app, ["footprint", "Nobody at all", "--db", str(db)])
    assert unknown.exit_code == 1
    assert "Error: no stored event names the actor 'Nobody at all'" in unknown.stderr
    empty = runner.invoke(app, ["footprint", "ISGS", "--end", "2020-01-01", "--db", str(db)])
    assert empty.exit_code == 1 and "has no events between 2019-01-02 and 2020-01-01" in empty.stderr
    bad_date = runner.invoke(app, ["footprint", "ISGS", "--end", "soon", "--db", str(db)])
    assert bad_date.exit_code == 1 and "end is not a date" in bad_date.stderr


def test_cli_analysis_trends_json(db) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["trends", "--by", "actor", "--freq", "month", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["group"] for r in rows} == {ISSP}
    assert sum(r["events"] for r in rows) == 27


def test_cli_analysis_hotspots_json(db) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["hotspots", "--window", "30d", "--baseline", "365d", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [h["cell"] for h in data["hotspots"]] == [CELLS[20]]
    assert data["window_end"] == "2024-06-20"


def test_cli_analysis_missing_store_exits_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["hotspots", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store at" in result.stderr
