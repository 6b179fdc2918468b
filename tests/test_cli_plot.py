"""The network, alerts and plot commands, run in process with typer's CliRunner."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitreps.interfaces.app import app
from sitreps.interfaces.cli import _register
from sitreps.models import Event
from sitreps.store import Store

ISSP = "Islamic State Sahel Province"
FAMA = "Military Forces of Mali (2021-)"
END = dt.date(2024, 6, 30)

runner = CliRunner()


def _events() -> list[Event]:
    spots = [("Gao", "Ansongo", 15.66, 0.50), ("Menaka", "Menaka", 15.92, 2.40), ("Gao", "Tessit", 15.93, 0.29)]
    events = []
    for n, before in enumerate((300, 240, 200, 150, 120, 90, 60, 45, 20, 6)):
        admin1, admin2, lat, lon = spots[n % 2]
        events.append(Event(
            id=f"e{n}", event_type="Battles", sub_event_type="Armed clash", country="Mali",
            event_date=END - dt.timedelta(days=before), actor1=ISSP, actor2=FAMA, admin1=admin1, admin2=admin2,
            latitude=lat, longitude=lon, fatalities=n % 3, geo_precision=1,
        ))
    admin1, admin2, lat, lon = spots[2]
    events.append(Event(
        id="new", event_type="Violence against civilians", sub_event_type="Attack", country="Mali",
        event_date=END, actor1=ISSP, actor2="Civilians (Mali)", admin1=admin1, admin2=admin2,
        latitude=lat, longitude=lon, fatalities=4, geo_precision=1,
    ))
    return events


@pytest.fixture
def db(tmp_path: Path) -> Path:
    _register()
    path = tmp_path / "sitreps.duckdb"
    with Store(path) as store:
        store.add_events(_events())
    return path


def test_cli_plot_network_json(db: Path) -> None:
    result = runner.invoke(app, ["network", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    edges = {(e["source"], e["target"]): e for e in json.loads(result.stdout)}
    assert edges[(ISSP, FAMA)]["events"] == 10
    assert edges[(ISSP, FAMA)]["fatalities"] == sum(n % 3 for n in range(10))
    assert edges[(ISSP, "Civilians (Mali)")]["first_date"] == END.isoformat()


def test_cli_plot_network_filters_and_table(db: Path) -> None:
    result = runner.invoke(app, ["network", "--db", str(db), "--since", "2024-06-30", "--json"])
    assert result.exit_code == 0
    assert [(e["source"], e["target"]) for e in json.loads(result.stdout)] == [(ISSP, "Civilians (Mali)")]
    table = runner.invoke(app, ["network", "--db", str(db), "--min-events", "2"])
    assert table.exit_code == 0 and "1 edges" in table.stdout


def test_cli_plot_network_bad_date_is_a_usage_error(db: Path) -> None:
    result = runner.invoke(app, ["network", "--db", str(db), "--since", "last week"])
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_cli_plot_missing_store_exits_1(tmp_path: Path) -> None:
    _register()
    result = runner.invoke(app, ["network", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no store at" in result.stderr


def test_cli_plot_alerts_evaluate_record_and_list(db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"- {{name: ISSP moves, kind: new_admin2, actor: {ISSP}}}\n", encoding="utf-8")
    first = runner.invoke(app, ["alerts", "--db", str(db), "--rules", str(rules), "--json"])
    assert first.exit_code == 0, first.output
    (alert,) = json.loads(first.stdout)
    assert alert["subject"] == "Tessit, Gao, Mali" and alert["evidence"] == ["new"]
    again = runner.invoke(app, ["alerts", "--db", str(db), "--rules", str(rules), "--json"])
    assert again.exit_code == 0 and len(json.loads(again.stdout)) == 1


def test_cli_plot_alerts_default_rules_beside_the_store(db: Path) -> None:
    none = runner.invoke(app, ["alerts", "--db", str(db), "--json"])
    assert none.exit_code == 0 and json.loads(none.stdout) == []
    assert "No rules file" in none.stderr
    (db.parent / "alerts.yaml").write_text(f"- {{kind: new_admin2, actor: {ISSP}}}\n", encoding="utf-8")
    found = runner.invoke(app, ["alerts", "--db", str(db)])
    assert found.exit_code == 0 and "Tessit" in found.stdout


def test_cli_plot_alerts_bad_rules_exit_1(db: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("- {name: typo, kind: fatality_surge, windw: 7d}\n", encoding="utf-8")
    result = runner.invoke(app, ["alerts", "--db", str(db), "--rules", str(rules)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {rules}: rule 1 ('typo'): unknown key(s) for fatality_surge: windw"
    )


@pytest.mark.parametrize("suffix", [".png", ".html"])
def test_cli_plot_network_file(db: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"network{suffix}"
    result = runner.invoke(app, ["plot", "network", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000 and "3 actors, 2 edges" in result.stdout


@pytest.mark.parametrize("suffix", [".png", ".html"])
def test_cli_plot_footprint_file(db: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"footprint{suffix}"
    result = runner.invoke(app, ["plot", "footprint", ISSP, "--window", "3m", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 10_000
    if suffix == ".png":
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_plot_trend_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "trend.png"
    result = runner.invoke(app, ["plot", "trend", "--by", "admin1", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("command", [["network"], ["trend"], ["footprint", ISSP]])
def test_cli_plot_other_extension_is_a_usage_error(db: Path, tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "chart.svg"
    result = runner.invoke(app, ["plot", *command, "--db", str(db), "-o", str(out)])
    assert result.exit_code == 2
    assert "use .png or .html" in result.output
    assert not out.exists()


def test_cli_plot_unknown_actor_exits_1(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["plot", "footprint", "Nobody At All", "--db", str(db), "-o", str(tmp_path / "f.png")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
