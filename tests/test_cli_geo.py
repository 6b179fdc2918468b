"""`sitreps geoparse`: one JSON line per report, in the format score_geo.py reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitreps.interfaces.commands_geo as commands
from sitreps.interfaces.app import app
from sitreps.interfaces.cli import _register
from sitreps.models import Place

runner = CliRunner()
_register()  # every command module, so that `geoparse` is a sub-command as in the real CLI


def fake_geoparse(documents):  # type: ignore[no-untyped-def]
    """Stands in for the models: one place wherever the text says "Gao"."""
    for document in documents:
        start = document.text.find("Gao")
        places = [] if start < 0 else [Place(name="Gao", start=start, end=start + 3, latitude=16.27,
                                            longitude=-0.04, country="Mali", admin1="Gao", geo_precision=1)]
        yield document, places


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitreps.resolve.geo_parse

    monkeypatch.setattr(sitreps.resolve.geo_parse, "geoparse", fake_geoparse)


def test_cli_geo_jsonl_keeps_ids(tmp_path: Path, fake: None) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": "Clashes in Gao on Monday."}) + "\n"
                    + json.dumps({"id": "r2", "text": "Nothing to report."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["geoparse", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["r1", "r2"]
    [gao] = lines[0]["places"]
    assert set(gao) == set(commands.PLACE_KEYS)
    assert (gao["name"], gao["start"], gao["end"], gao["geo_precision"]) == ("Gao", 11, 14, 1)
    assert lines[1]["places"] == []


def test_cli_geo_tsv(tmp_path: Path, fake: None) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Clashes in Gao on Monday.", encoding="utf-8")
    result = runner.invoke(app, ["geoparse", str(path), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()
    assert header.split("\t")[0] == "id" and row.split("\t")[1] == "Gao"


def test_cli_geo_rejected_input_exits_1(tmp_path: Path, fake: None) -> None:
    result = runner.invoke(app, ["geoparse", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "rejected" in result.output


def test_cli_geo_help() -> None:
    result = runner.invoke(app, ["geoparse", "--help"])
    assert result.exit_code == 0 and "geo_precision" in result.output


@pytest.mark.slow
def test_cli_geo_real_models(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "lang": "fr", "text": "Des hommes armés ont attaqué Inékar, près de Ménaka, "
                                "au Mali, dans la nuit de samedi à dimanche."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["geoparse", str(path)])
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    names = {p["name"]: p for p in line["places"]}
    assert names["Inékar"]["admin1"] == "Ménaka" and names["Inékar"]["geo_precision"] == 1
    assert names["Ménaka"]["geo_precision"] == 2 and names["Mali"]["geo_precision"] == 3

