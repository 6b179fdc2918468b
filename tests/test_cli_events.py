"""The ``train`` and ``evaluate`` commands and the classifier behind ``train`` (sitreps.interfaces.commands_events)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitreps.events import learned
from sitreps.events.scoring import score_events
from sitreps.interfaces.app import app
from sitreps.interfaces.cli import _register

_register()
runner = CliRunner()

EXAMPLES = [
    ("Gunmen killed twelve villagers in the market", "Attack"),
    ("Armed men shot dead five herders near the village", "Attack"),
    ("Jihadists executed the village chief and his sons", "Attack"),
    ("Soldiers clashed with militants near the border", "Armed clash"),
    ("Fighting broke out between the army and rebels", "Armed clash"),
    ("The army repelled an assault on its base", "Armed clash"),
    ("A drone strike hit a wedding gathering", "Air/drone strike"),
    ("An air strike targeted a jihadist camp", "Air/drone strike"),
    ("Aircraft bombed positions held by the rebels", "Air/drone strike"),
]


def _gold_file(path: Path) -> Path:
    rows = [{"id": f"g{n}", "text": text, "events": [{"sub_event_type": label, "evidence": text}]}
            for n, (text, label) in enumerate(EXAMPLES)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_events_train_saves_a_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREPS_HOME", str(tmp_path / "home"))
    gold = _gold_file(tmp_path / "gold.jsonl")
    result = runner.invoke(app, ["train", str(gold)])
    assert result.exit_code == 0, result.output
    assert "trained on 9 events of 3 sub-event types" in result.output
    model = learned.load(learned.model_path())
    assert model is not None
    assert model.predict("A drone strike hit the camp") in (None, "Air/drone strike")


def test_cli_events_train_from_acled_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "acled.csv"
    lines = ["event_id_cnty,sub_event_type,notes"] + [f"X{n},{label},\"{text}\"" for n, (text, label) in enumerate(EXAMPLES)]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = learned.train([csv_path], tmp_path / "out")
    assert summary.examples == 9 and summary.path.exists()


def test_cli_events_train_needs_two_labels(tmp_path: Path) -> None:
    gold = tmp_path / "one.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "x", "events": [{"sub_event_type": "Attack", "evidence": "x"}]}) + "\n")
    result = runner.invoke(app, ["train", str(gold), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "two sub-event types" in result.output


def test_cli_events_train_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_cli_events_evaluate_bad_gold_line(tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text("{not json\n")
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 1
    assert "not JSON" in result.output


def test_cli_events_own_scoring_matches_and_counts() -> None:
    gold = {"a": {"events": [
        {"event_type": "Battles", "actor1": "JNIM", "location": "Boni", "country": "Mali", "event_date": "2023-05-01",
         "fatalities": 3},
        {"event_type": "Riots", "location": "Kaya", "country": "Burkina Faso", "event_date": "2023-05-01",
         "optional": True},
    ]}}
    system = {"a": {"events": [
        {"event_type": "Battles", "actor1": "JNIM", "location": "Boni", "country": "Mali", "event_date": "2023-05-02",
         "fatalities": 3},
        {"event_type": "Battles", "location": "Gao", "country": "Mali", "event_date": "2023-05-01"},
    ]}}
    result = score_events(gold, system)
    assert result["events"]["matched"] == 1 and result["events"]["system"] == 2 and result["events"]["gold"] == 1
    assert result["fields"]["fatalities"] == 1.0 and result["fields"]["event_date"] == 0.0
    assert result["fields"]["event_date_3d"] == 1.0


@pytest.mark.slow
def test_cli_events_evaluate_runs_the_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREPS_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)  # no ../shared/eval here: sitreps's own scoring is used
    gold = tmp_path / "gold.jsonl"
    row = {"id": "r1", "lang": "en", "published": "2023-05-10",
           "text": "Gunmen killed 12 villagers in Gossi, Mali, on Sunday.",
           "events": [{"event_type": "Violence against civilians", "sub_event_type": "Attack",
                       "actor1": "Unidentified Armed Group", "actor2": "Civilians", "location": "Gossi",
                       "country": "Mali", "event_date": "2023-05-07", "fatalities": 12}]}
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = tmp_path / "system.jsonl"
    result = runner.invoke(app, ["evaluate", str(gold), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["scorer"] == "sitreps.events.scoring"
    assert scores["events"]["gold"] == 1
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["id"] == "r1" and isinstance(record["events"], list)
