"""Checks on the illustrative gold corpus (tests/data/corpus/) and the examples' gold file.

These files are hand-coded; the checks catch coding slips: broken JSON, evidence that is not
a verbatim span of the text, event types outside the ACLED typology, impossible dates, actor
names that are not canonical, event locations missing from the report's places or from the
locality table.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
EXAMPLES = ROOT / "examples"

TYPOLOGY: dict[str, set[str]] = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}
EVENT_KEYS = {
    "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country",
    "event_date", "time_precision", "fatalities", "optional", "evidence",
}
SAHEL = {"Mali", "Burkina Faso", "Niger"}
# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max) of the three countries.
BOXES = {
    "Mali": (10.0, 25.1, -12.3, 4.3),
    "Burkina Faso": (9.3, 15.1, -5.6, 2.5),
    "Niger": (11.6, 23.6, 0.1, 16.0),
}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _canonical_actors() -> set[str]:
    text = (CORPUS / "canonical_actors.txt").read_text(encoding="utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def _localities() -> dict[tuple[str, str], dict[str, str]]:
    with (CORPUS / "localities.tsv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")]
    return {(row["name"], row["country"]): row for row in rows}


def _gold_files() -> list[Path]:
    return sorted(CORPUS.glob("reports*.jsonl")) + [EXAMPLES / "gold.jsonl"]


def _all_reports() -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for path in _gold_files():
        for report in _read_jsonl(path):
            found.append((f"{path.name}:{report.get('id')}", report))
    return found


REPORTS = _all_reports()
IDS = [name for name, _ in REPORTS]


def _published_end(published: str) -> dt.date:
    if re.fullmatch(r"\d{4}-\d{2}", published):
        year, month = (int(part) for part in published.split("-"))
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date.fromisoformat(published)


def test_corpus_files_exist_and_are_large_enough() -> None:
    corpus = [r for path in sorted(CORPUS.glob("reports*.jsonl")) for r in _read_jsonl(path)]
    assert len(corpus) >= 60
    langs = [r["lang"] for r in corpus]
    assert 0.5 <= langs.count("en") / len(langs) <= 0.7
    assert len({r["id"] for r in corpus}) == len(corpus), "duplicate ids in the corpus"


@pytest.mark.parametrize(("name", "report"), REPORTS, ids=IDS)
def test_corpus_report_is_well_formed(name: str, report: dict[str, Any]) -> None:
    for key in ("id", "lang", "published", "text", "events", "actors", "places"):
        assert key in report, f"{name}: missing {key}"
    assert report["lang"] in {"en", "fr"}
    assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", report["published"])
    _published_end(report["published"])
    for place in report["places"]:
        assert set(place) >= {"name", "country"} and place["name"] and place["country"]


@pytest.mark.parametrize(("name", "report"), REPORTS, ids=IDS)
def test_corpus_events_follow_the_coding_rules(name: str, report: dict[str, Any]) -> None:
    canonical = _canonical_actors()
    places = {p["name"] for p in report["places"]}
    latest = _published_end(report["published"])
    for event in report["events"]:
        assert set(event) == EVENT_KEYS, f"{name}: keys {sorted(set(event) ^ EVENT_KEYS)}"
        assert event["sub_event_type"] in TYPOLOGY[event["event_type"]]
        assert event["evidence"] and event["evidence"] in report["text"], f"{name}: evidence not verbatim"
        for role in ("actor1", "actor2"):
            actor = event[role]
            assert actor is None or actor in canonical, f"{name}: {actor!r} is not canonical"
            if not event["optional"]:
                assert actor is None or actor in report["actors"], f"{name}: {actor!r} missing from actors"
        assert event["location"] is None or event["location"] in places, f"{name}: {event['location']} not in places"
        assert event["country"]
        date = dt.date.fromisoformat(event["event_date"])
        assert date <= latest, f"{name}: event dated after publication"
        assert event["time_precision"] in {1, 2, 3}
        assert event["fatalities"] is None or (isinstance(event["fatalities"], int) and event["fatalities"] >= 0)
        assert isinstance(event["optional"], bool)
        if not event["optional"]:
            assert event["location"], f"{name}: a scored event needs a location"


@pytest.mark.parametrize(("name", "report"), REPORTS, ids=IDS)
def test_corpus_actors_and_quotes_are_valid(name: str, report: dict[str, Any]) -> None:
    canonical = _canonical_actors()
    assert set(report["actors"]) <= canonical, f"{name}: {set(report['actors']) - canonical}"
    assert len(set(report["actors"])) == len(report["actors"])
    for quote in report.get("quotes", []):
        assert quote["speaker"] and quote["start"] in report["text"], f"{name}: quote {quote['start']!r}"


def test_corpus_event_locations_are_in_the_locality_table() -> None:
    table = _localities()
    missing = []
    for name, report in REPORTS:
        for event in report["events"]:
            if event["country"] not in SAHEL or not event["location"] or event["optional"]:
                continue
            row = table.get((event["location"], event["country"]))
            if row is None:
                missing.append(f"{name}: {event['location']}")
            elif event["admin1"] and row["admin1"] != event["admin1"]:
                missing.append(f"{name}: {event['location']} admin1 {event['admin1']} != {row['admin1']}")
    assert not missing, missing


def test_corpus_localities_lie_in_their_country() -> None:
    table = _localities()
    assert len(table) >= 60
    for (place, country), row in table.items():
        lat, lon = float(row["lat"]), float(row["lon"])
        lat_min, lat_max, lon_min, lon_max = BOXES[country]
        assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, f"{place} ({country}) outside its country"
        assert row["source"].strip()


def test_corpus_sahel_places_of_every_report_are_in_the_locality_table() -> None:
    table = _localities()
    countries_and_regions = {"Mali", "Burkina Faso", "Niger"}
    missing = sorted(
        {
            f"{p['name']} ({p['country']})"
            for _, report in REPORTS
            for p in report["places"]
            if p["country"] in SAHEL and p["name"] not in countries_and_regions and (p["name"], p["country"]) not in table
        }
    )
    assert not missing, missing


def test_corpus_examples_gold_covers_every_example_report() -> None:
    gold_ids = {r["id"] for r in _read_jsonl(EXAMPLES / "gold.jsonl")}
    files = {p.name for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"}}
    jsonl_ids = {r["id"] for r in _read_jsonl(EXAMPLES / "reports.jsonl")}
    channel = ElementTree.parse(EXAMPLES / "feeds" / "sahel-wire.xml").getroot()
    links = {item.findtext("link") for item in channel.iter("item")}
    assert files and jsonl_ids and links
    assert files | jsonl_ids | links == gold_ids


def test_corpus_examples_are_marked_illustrative() -> None:
    for path in EXAMPLES.rglob("*"):
        if path.suffix in {".txt", ".html", ".xml"}:
            assert "llustrative" in path.read_text(encoding="utf-8").splitlines()[0] or "ILLUSTRATIVE" in path.read_text(
                encoding="utf-8"
            )[:200], path.name
    for line in _read_jsonl(EXAMPLES / "reports.jsonl"):
        assert "ILLUSTRATIVE" in line["source"]
        assert set(line) == {"id", "title", "published", "lang", "source", "text"}


WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}


@pytest.mark.parametrize(("name", "report"), REPORTS, ids=IDS)
def test_corpus_weekday_in_evidence_matches_event_date(name: str, report: dict[str, Any]) -> None:
    """An evidence span naming one weekday and no day number is dated to that weekday in the week before publication."""
    for event in report["events"]:
        if event["time_precision"] != 1:
            continue
        words = re.findall(r"[a-zé]+", event["evidence"].lower())
        named = {WEEKDAYS[w] for w in words if w in WEEKDAYS}
        if len(named) != 1 or re.search(r"\d{1,2}\s+[a-zéû]+", event["evidence"].lower()):
            continue
        date = dt.date.fromisoformat(event["event_date"])
        assert date.weekday() == named.pop(), f"{name}: {date} is not the weekday of {event['evidence'][:60]!r}"
        gap = (_published_end(report["published"]) - date).days
        assert 0 <= gap <= 7, f"{name}: a bare weekday should fall in the week before publication ({date})"
