"""Consistency checks for the held-apart validation corpus (tests/data/validation/).

The corpus is illustrative fiction coded by hand to the rules of the gold format
(ACLED-style typology, canonical actor names). It is used only to measure how well
the rule-based coder generalises, so these tests check the annotations, never the
coder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA_DIR = Path(__file__).parent / "data" / "validation"
REPORTS = DATA_DIR / "reports.jsonl"

# The ACLED event typology: 6 event types and their 25 sub-event types.
TYPOLOGY: dict[str, set[str]] = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}

# Canonical actor names of the evaluation's actor list (names of real groups and
# institutions), plus the "<Forces> of <Country>" / "Government of <Country>" pattern.
CANONICAL_ACTORS = {
    "Islamic State Sahel Province",
    "Jama'at Nusrat al-Islam wal-Muslimin",
    "Islamic State West Africa Province",
    "Al Mourabitoune",
    "Al-Qaeda in the Islamic Maghreb",
    "Volunteers for the Defense of the Homeland",
    "Wagner Group",
    "MINUSMA",
    "Operation Barkhane",
    "Takuba Task Force",
    "Movement for the Salvation of Azawad",
    "Imghad Tuareg and Allies Self-Defense Group",
    "Platform",
    "Coordination of Azawad Movements",
    "Permanent Strategic Framework",
    "Dan Na Ambassagou",
    "Civilians",
    "Unidentified Armed Group",
    "Protesters",
    "Rioters",
    "United Nations Security Council",
    "Human Rights Watch",
    "ECOWAS",
    "Ansaroul Islam",
    "United Nations",
    "National Movement for the Liberation of Azawad",
    "Military Forces of the United States",
    "African Union",
    "European Union",
}
STATE_ACTOR = re.compile(r"^(Military Forces|Police Forces|Government) of (Mali|Burkina Faso|Niger)$")
SAHEL_COUNTRIES = {"Mali", "Burkina Faso", "Niger"}
EVENT_FIELDS = {
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "event_date",
    "time_precision",
    "fatalities",
    "optional",
    "evidence",
}


def _load() -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(REPORTS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - reported as a failure
                pytest.fail(f"line {number} is not valid JSON: {exc}")
    return rows


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("-", " ").strip()


def _canonical(name: str) -> bool:
    return name in CANONICAL_ACTORS or bool(STATE_ACTOR.match(name))


def _published_end(published: str) -> dt.date:
    """Last day a report could have been published on (handles YYYY-MM)."""
    if len(published) == 7:
        year, month = (int(part) for part in published.split("-"))
        first_next = dt.date(year + month // 12, month % 12 + 1, 1)
        return first_next - dt.timedelta(days=1)
    return dt.date.fromisoformat(published)


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    return _load()


def _events(reports: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(report, event) for report in reports for event in report["events"]]


def test_validation_corpus_lines_are_complete_reports(reports: list[dict[str, Any]]) -> None:
    assert len(reports) >= 40
    ids = [r["id"] for r in reports]
    assert len(ids) == len(set(ids))
    for report in reports:
        assert re.fullmatch(r"val-\d{3}", report["id"])
        assert report["lang"] in {"en", "fr"}
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", report["published"])
        assert report["illustrative"] is True
        assert isinstance(report["text"], str) and len(report["text"]) > 150
        assert isinstance(report["events"], list)
        assert isinstance(report["actors"], list)
        assert all(set(p) == {"name", "country"} for p in report["places"])
        for event in report["events"]:
            assert set(event) == EVENT_FIELDS, report["id"]


def test_validation_corpus_covers_both_languages_and_all_event_types(reports: list[dict[str, Any]]) -> None:
    langs = Counter(r["lang"] for r in reports)
    assert langs["en"] >= 20 and langs["fr"] >= 14
    types = Counter(e["event_type"] for _, e in _events(reports))
    assert set(types) == set(TYPOLOGY)
    sizes = Counter(len(r["events"]) for r in reports)
    assert sizes[0] >= 2 and sum(n for k, n in sizes.items() if k > 1) >= 10


def test_validation_corpus_evidence_is_verbatim(reports: list[dict[str, Any]]) -> None:
    for report, event in _events(reports):
        assert event["evidence"], report["id"]
        assert event["evidence"] in report["text"], (report["id"], event["evidence"])


def test_validation_corpus_quotes_start_verbatim(reports: list[dict[str, Any]]) -> None:
    for report in reports:
        for quote in report.get("quotes", []):
            assert quote["speaker"]
            assert quote["start"] in report["text"], (report["id"], quote["start"])


def test_validation_corpus_uses_acled_typology(reports: list[dict[str, Any]]) -> None:
    for report, event in _events(reports):
        assert event["event_type"] in TYPOLOGY, report["id"]
        assert event["sub_event_type"] in TYPOLOGY[event["event_type"]], (
            report["id"],
            event["sub_event_type"],
        )


def test_validation_corpus_dates_are_iso_and_not_after_publication(reports: list[dict[str, Any]]) -> None:
    for report, event in _events(reports):
        date = dt.date.fromisoformat(event["event_date"])
        assert dt.date(2017, 1, 1) <= date <= _published_end(report["published"]), report["id"]
        assert event["time_precision"] in {1, 2, 3}


def test_validation_corpus_fatalities_and_flags_are_typed(reports: list[dict[str, Any]]) -> None:
    for report, event in _events(reports):
        fatalities = event["fatalities"]
        assert fatalities is None or (isinstance(fatalities, int) and fatalities >= 0), report["id"]
        assert isinstance(event["optional"], bool)


def test_validation_corpus_actor_names_are_canonical(reports: list[dict[str, Any]]) -> None:
    for report in reports:
        for actor in report["actors"]:
            assert _canonical(actor), (report["id"], actor)
        listed = set(report["actors"])
        for event in report["events"]:
            assert _canonical(event["actor1"]), (report["id"], event["actor1"])
            assert event["actor2"] is None or _canonical(event["actor2"]), (report["id"], event["actor2"])
            # Every actor coded in an event is also listed for the report.
            assert event["actor1"] in listed, (report["id"], event["actor1"])
            assert event["actor2"] is None or event["actor2"] in listed, (report["id"], event["actor2"])


def test_validation_corpus_locations_are_listed_places(reports: list[dict[str, Any]]) -> None:
    for report in reports:
        places = {(_fold(p["name"]), p["country"]) for p in report["places"]}
        for event in report["events"]:
            assert event["country"] in SAHEL_COUNTRIES, report["id"]
            assert (_fold(event["location"]), event["country"]) in places, (report["id"], event["location"])
            if not event["optional"]:
                assert event["admin1"], (report["id"], event["location"])


def test_validation_corpus_place_names_occur_in_text(reports: list[dict[str, Any]]) -> None:
    for report in reports:
        text = _fold(report["text"])
        for place in report["places"]:
            assert _fold(place["name"]) in text, (report["id"], place["name"])


def test_validation_corpus_readme_counts_match(reports: list[dict[str, Any]]) -> None:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    events = [e for _, e in _events(reports)]
    assert f"{len(reports)} reports" in readme
    assert f"{len(events)} events" in readme
