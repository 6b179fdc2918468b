"""The records that pass between stages.

Every stage hands the next one of these frozen, keyword-only dataclasses; no
stage passes bare dicts.  ``to_dict`` gives the JSON-ready form used by the
CLI, the store and the scoring output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Place features the report-level place list leaves out: world regions and continents.
BROAD_FEATURES = frozenset({"region", "continent"})

#: ACLED time precision: 1 the day is known, 2 the week or month, 3 only the year or longer.
DAY, MONTH, YEAR = 1, 2, 3


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record: dates as ISO strings, tuples as lists."""

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    result = plain(record)
    assert isinstance(result, dict)
    return result


@dataclass(frozen=True, kw_only=True)
class RawInput:
    """One report as a source read it, before cleaning.

    ``origin`` names the input for messages and the errors table (a path, a
    URL, ``path:line`` for JSON Lines, ``<stdin>``).
    """

    origin: str
    text: str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Document:
    """A cleaned report, keyed by the hash of its normalised text (or its own id)."""

    id: str
    text: str
    origin: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_precision: int | None = None
    language: str = "other"
    source: str | None = None
    ingested_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    content_hash: str = ""
    duplicate_of: str | None = None


@dataclass(frozen=True, kw_only=True)
class IngestError:
    """An input that could not be ingested, and why."""

    input: str
    reason: str
    time: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


@dataclass(frozen=True, kw_only=True)
class Span:
    """A character span of a document that a coded field was taken from."""

    field: str
    start: int
    end: int
    text: str = ""


def _better_name(candidate: str, current: str, gazetteer_name: str) -> bool:
    """The gazetteer's own name when the report writes it, else the longest spelling ("U.S." < "United States")."""
    if current.casefold() == gazetteer_name.casefold():
        return False
    return candidate.casefold() == gazetteer_name.casefold() or len(candidate) > len(current)


@dataclass(frozen=True, kw_only=True)
class Place:
    """A toponym found in a text and resolved to a gazetteer entry (or not)."""

    name: str
    start: int | None = None
    end: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonames_id: int | None = None
    feature: str | None = None  # "country", "admin1", "admin2", "locality", ...
    geo_precision: int | None = None  # ACLED: 1 town, 2 near a town / part of an area, 3 region or larger
    source: str | None = None  # which gazetteer the entry came from
    relation: str | None = None  # how the text names it: "demonym", "near", "distance", "between", "area", ...


@dataclass(frozen=True, kw_only=True)
class ActorMention:
    """An actor named in a text, folded to its canonical name."""

    name: str  # canonical
    text: str
    start: int
    end: int
    actor_type: int | None = None  # ACLED inter code
    attribution: str = "stated"  # stated | claimed | suspected | denied


@dataclass(frozen=True, kw_only=True)
class Quote:
    speaker: str | None
    text: str
    affiliation: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A quantified statement about an actor, with its source."""

    subject: str | None
    quantity: str
    of: str
    period: str | None = None
    source: str | None = None
    evidence: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, kw_only=True)
class Event:
    """One coded incident, with ACLED's column names.

    ``spans`` link each coded field to the text it came from.  Imported events
    (ACLED, UCDP) carry their ``dataset`` and ``source_event_id`` and no spans.
    """

    id: str
    event_type: str
    sub_event_type: str
    country: str | None
    event_date: dt.date | None
    time_precision: int = YEAR
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    attribution: str = "stated"
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    iso: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    abducted: int | None = None
    evidence: str = ""
    confidence: float = 0.5
    optional: bool = False
    document_id: str | None = None
    dataset: str = "sitreps"
    source_event_id: str | None = None
    notes: str | None = None
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """Everything sitreps read out of one document."""

    document: Document
    events: tuple[Event, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()

    def scoring_record(self, doc_id: str | None = None) -> dict[str, Any]:
        """The system-output line of the gold format (``shared/eval/GOLD_FORMAT.md``)."""
        event_keys = (
            "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
            "location", "admin1", "admin2", "country", "event_date", "time_precision",
            "fatalities", "injured", "abducted", "latitude", "longitude", "geo_precision",
            "attribution", "confidence", "evidence",
        )
        events = []
        for event in self.events:
            row = {key: getattr(event, key) for key in event_keys}
            row["event_date"] = event.event_date.isoformat() if event.event_date else None
            events.append(row)
        # One entry a place, named as the report spells it: "U.S." and "United States" are one place.
        seen_places: dict[tuple[Any, ...], tuple[str, Place]] = {}
        for place in self.places:
            if place.feature in BROAD_FEATURES or place.relation == "demonym":
                continue  # "West Africa", "Europe"; "Malian" names no place
            written = place.name
            if place.start is not None and place.end is not None:
                written = self.document.text[place.start:place.end] or place.name
            key: tuple[Any, ...] = (place.geonames_id,) if place.geonames_id is not None else (
                place.name.casefold(), place.country, place.feature) if place.latitude is not None else (
                written.casefold(), place.country)
            kept = seen_places.get(key)
            if kept is None or _better_name(written, kept[0], place.name):
                seen_places[key] = (written, place)
        return {
            "id": doc_id or self.document.id,
            "events": events,
            "actors": sorted({a.name for a in self.actors}),
            "places": [
                {"name": written, "country": p.country, "latitude": p.latitude, "longitude": p.longitude}
                for written, p in seen_places.values()
            ],
            "quotes": [{"speaker": q.speaker, "affiliation": q.affiliation, "text": q.text} for q in self.quotes],
            "claims": [to_dict(c) for c in self.claims],
        }
