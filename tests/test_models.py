from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sitreps.models import Document, Event, Extraction, Place, Span, to_dict

TEXT = "Malian troops left Tombouctou for Timbuktu's airport; West Africa watched."


def _place(name: str, surface: str, **kw: object) -> Place:
    start = TEXT.index(surface)
    return Place(name=name, start=start, end=start + len(surface), country=kw.pop("country", "Mali"), **kw)  # type: ignore[arg-type]


def _extraction(*places: Place) -> Extraction:
    return Extraction(document=Document(id="d1", text=TEXT, origin="t"), places=places)


def test_models_scoring_places_are_named_as_written() -> None:
    record = _extraction(_place("Timbuktu", "Tombouctou", feature="locality"),
                         _place("Timbuktu", "Timbuktu", feature="locality")).scoring_record()
    assert [p["name"] for p in record["places"]] == ["Tombouctou", "Timbuktu"]


@pytest.mark.parametrize(("place", "kept"), [
    (_place("Mali", "Malian", feature="country", relation="demonym"), False),
    (_place("West Africa", "West Africa", feature="region", country=None), False),
    (_place("Mali", "Malian", feature="country"), True),
])
def test_models_scoring_places_leave_out_demonyms_and_areas(place: Place, kept: bool) -> None:
    assert bool(_extraction(place).scoring_record()["places"]) is kept


def test_models_scoring_record_has_gold_event_fields() -> None:
    event = Event(id="e1", event_type="Battles", sub_event_type="Armed clash", country="Mali",
                  event_date=dt.date(2024, 3, 1), time_precision=1, actor1="Military Forces of Mali",
                  location="Boni", fatalities=3, spans=(Span(field="location", start=0, end=4),))
    record = dataclasses.replace(_extraction(), events=(event,)).scoring_record("gold-1")
    assert record["id"] == "gold-1"
    row = record["events"][0]
    assert (row["event_date"], row["fatalities"], row["location"]) == ("2024-03-01", 3, "Boni")


def test_models_to_dict_is_json_ready() -> None:
    event = Event(id="e1", event_type="Riots", sub_event_type="Mob violence", country="Niger",
                  event_date=dt.date(2023, 7, 30), spans=(Span(field="actor1", start=1, end=2),))
    data = to_dict(event)
    assert data["event_date"] == "2023-07-30"
    assert data["spans"] == [{"field": "actor1", "start": 1, "end": 2, "text": ""}]


def test_models_scoring_places_one_entry_a_place_under_its_fullest_name() -> None:
    text = "U.S. officials and the US embassy said the United States would help; Gao and Gao region were calm."
    def at(surface: str, occurrence: int = 0, **kw: object) -> Place:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        return Place(start=start, end=start + len(surface), latitude=1.0, longitude=2.0, **kw)  # type: ignore[arg-type]
    us = {"name": "United States", "country": "United States", "feature": "country", "geonames_id": 6252001}
    record = Extraction(document=Document(id="d2", text=text, origin="t"), places=(
        at("U.S.", **us), at("US", **us), at("United States", **us),
        at("Gao", name="Gao", country="Mali", feature="locality"),
        at("Gao", 1, name="Gao", country="Mali", feature="admin1"),
    )).scoring_record()
    assert [(p["name"], p["country"]) for p in record["places"]] == [
        ("United States", "United States"), ("Gao", "Mali"), ("Gao", "Mali")]
