"""Alert rules beside the store are evaluated after every import (and ingest), in process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitreps.interfaces.app import app
from sitreps.interfaces.cli import _register
from tests.test_cli_analysis import CELLS, _row, write_acled

runner = CliRunner()


@pytest.fixture
def acled_file(tmp_path: Path) -> Path:
    """Five quiet months in Tillaberi, then twelve deadly events in one week."""
    rows = [_row(n, dt.date(2024, 1 + n % 5, 10), CELLS[n % 5]) | {"fatalities": "1"} for n in range(10)]
    rows += [_row(100 + n, dt.date(2024, 6, 20), CELLS[20]) | {"fatalities": "5"} for n in range(12)]
    return write_acled(tmp_path / "acled.csv", rows)


def _import(acled_file: Path, db: Path):  # type: ignore[no-untyped-def]
    _register()
    return runner.invoke(app, ["import", "acled", str(acled_file), "--db", str(db)])


def test_cli_hooks_import_fires_surge_alert(tmp_path: Path, acled_file: Path) -> None:
    db = tmp_path / "store.duckdb"
    (tmp_path / "alerts.yaml").write_text(
        "- name: Tillaberi surge\n  kind: fatality_surge\n  admin1: Tillaberi\n"
        "  factor: 3\n  baseline: 90d\n  window: 7d\n",
        encoding="utf-8",
    )
    result = _import(acled_file, db)
    assert result.exit_code == 0, result.output
    assert "ALERT Tillaberi surge" in result.stderr
    again = _import(acled_file, db)  # nothing new: the alert is not repeated
    assert "ALERT" not in again.stderr


def test_cli_hooks_bad_rules_warn_but_import(tmp_path: Path, acled_file: Path) -> None:
    db = tmp_path / "store.duckdb"
    (tmp_path / "alerts.yaml").write_text("- kind: no_such_kind\n", encoding="utf-8")
    result = _import(acled_file, db)
    assert result.exit_code == 0, result.output
    assert "alert rules not evaluated" in result.stderr
    assert "events imported" in result.stdout


def test_cli_hooks_no_rules_file_no_alerts(tmp_path: Path, acled_file: Path) -> None:
    result = _import(acled_file, tmp_path / "store.duckdb")
    assert result.exit_code == 0
    assert "ALERT" not in result.stderr
