"""ACLED exports (CSV as downloaded) read into ``Event`` records.

Both the current export (``event_id_cnty``, ``disorder_type``, ...; ``inter1``
as a code or, since 2024, as a label such as ``State forces``) and the
pre-2019 one (``data_id``, ``event_id_no_cnty``, ``ally_actor_1``, upper-case
headers, legacy event types such as ``Battle-No change of territory``) are
read.  Legacy types are mapped to the current typology through
``acled_legacy_types.tsv``; actor names are folded to canonical names; the
original text of every rewritten value and every column ``Event`` has no field
for are kept in ``ImportedRow.extra`` so that :func:`to_row` writes the row
back as it came.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from sitreps.errors import SourceError
from sitreps.knowledge.countries import iso3_of_numeric
from sitreps.models import Event
from sitreps.sources.datasets.common import (
    ActorFolder,
    ImportedRow,
    RowProblem,
    check_columns,
    collect,
    coordinates,
    date_value,
    integer,
    keep_original,
    open_rows,
    required_text,
    text,
)

DATASET = "acled"

#: The columns of a current ACLED export, in its order.
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
#: Columns of older exports that the current one dropped.
LEGACY_COLUMNS = ("data_id", "event_id_no_cnty", "iso3", "gwno")
#: Older names of current columns.
ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2", "geo_precis": "geo_precision"}
REQUIRED = (
    ("event_id_cnty", "data_id"), ("event_date",), ("event_type",), ("actor1",), ("country",),
    ("latitude",), ("longitude",), ("fatalities",),
)

#: The current ACLED event types (ACLED Codebook, 2019 onwards).
EVENT_TYPES = (
    "Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
    "Strategic developments",
)

#: ACLED's actor-type labels (exports since 2024) and their inter codes.
INTER_LABELS = {
    "state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3, "political militias": 3,
    "identity militia": 4, "identity militias": 4, "rioters": 5, "protesters": 6, "civilians": 7,
    "external/other forces": 8, "external/other": 8,
}

_AIR = re.compile(r"\b(air ?strikes?|drones?|aircraft|helicopters?|bombard\w*|jets?)\b", re.IGNORECASE)
_SHELLING = re.compile(r"\b(shell\w*|mortars?|rockets?|artillery|missiles?)\b", re.IGNORECASE)
_SUICIDE = re.compile(r"\bsuicide\b", re.IGNORECASE)

#: Columns whose value the importer may rewrite; their original text goes to ``extra`` when it does.
_REWRITTEN = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1",
              "assoc_actor_2", "inter1", "inter2", "iso")
#: Columns held in ``Event`` fields.
_MAPPED = set(_REWRITTEN) | {
    "event_id_cnty", "time_precision", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "notes", "fatalities",
}


@functools.lru_cache(maxsize=1)
def legacy_types() -> dict[str, tuple[str, str]]:
    """Legacy event type (case-folded) -> (current type, fallback sub-type), from the packaged TSV."""
    table: dict[str, tuple[str, str]] = {}
    path = Path(__file__).with_name("acled_legacy_types.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        legacy, current, sub = line.split("\t")
        table[legacy.strip().casefold()] = (current.strip(), sub.strip())
    return table


def current_type(event_type: str, sub_event_type: str | None, *, inter1: int | None, notes: str | None) -> tuple[str, str]:
    """The current (type, sub-type) of a row's type, mapping legacy types; raises ``RowProblem`` if unknown."""
    legacy = legacy_types().get(event_type.casefold())
    for known in EVENT_TYPES:
        if event_type.casefold() == known.casefold():
            # "Violence against civilians" is both; old files have no sub-type for it.
            return known, sub_event_type or (legacy[1] if legacy else "")
    if legacy is None:
        raise RowProblem(f"unknown event_type: {event_type!r}")
    kind, sub = legacy
    if event_type.casefold() == "remote violence":
        note = notes or ""
        if _SUICIDE.search(note):
            sub = "Suicide bomb"
        elif _AIR.search(note):
            sub = "Air/drone strike"
        elif _SHELLING.search(note):
            sub = "Shelling/artillery/missile attack"
    elif event_type.casefold() == "riots/protests" and inter1 == 5:
        kind, sub = "Riots", "Violent demonstration"
    return kind, sub_event_type or sub


def inter_code(values: Mapping[str, str], name: str) -> int | None:
    """An actor-type code given as a number or as ACLED's label."""
    raw = text(values, name)
    if raw is None:
        return None
    if raw.casefold() in INTER_LABELS:
        return INTER_LABELS[raw.casefold()]
    return integer(values, name, low=0, high=8)


def read_acled(
    path: str | Path, *, actors: ActorFolder | None = None, latest: dt.date | None = None
) -> Iterator[ImportedRow | SourceError]:
    """The rows of an ACLED export: an ``ImportedRow`` per good row, a ``SourceError`` per bad one.

    A header with columns ACLED does not define yields one ``SourceError`` for
    row 1 (their values are kept in ``extra``).  Raises ``SourceError`` when
    the file cannot be read or lacks a required column.
    """
    names, rows = open_rows(path, aliases=ALIASES)
    check_columns(path, names, REQUIRED)
    folder = actors or ActorFolder()
    unknown = [n for n in names if n not in COLUMNS and n not in LEGACY_COLUMNS]
    if unknown:
        yield SourceError(f"{path}:1", f"unknown columns, kept as extra fields: {', '.join(unknown)}")

    def build(values: dict[str, str]) -> ImportedRow:
        return build_event(values, folder, latest=latest)

    yield from collect(path, rows, names, build)


def build_event(values: Mapping[str, str], folder: ActorFolder, *, latest: dt.date | None = None) -> ImportedRow:
    """One ACLED row as an ``ImportedRow``; raises ``RowProblem`` for a value that cannot be used."""
    source_id = text(values, "event_id_cnty") or text(values, "data_id")
    if source_id is None:
        raise RowProblem("missing event_id_cnty")
    event_date = date_value(values, "event_date", latest=latest)
    latitude, longitude = coordinates(values)
    inter1, inter2 = inter_code(values, "inter1"), inter_code(values, "inter2")
    notes = text(values, "notes")
    kind, sub = current_type(required_text(values, "event_type"), text(values, "sub_event_type"),
                             inter1=inter1, notes=notes)
    actor1 = folder.fold(required_text(values, "actor1"), on=event_date)
    actor2 = folder.fold(values["actor2"], on=event_date) if text(values, "actor2") else None
    assoc1 = folder.fold_list(values["assoc_actor_1"], on=event_date) if text(values, "assoc_actor_1") else None
    assoc2 = folder.fold_list(values["assoc_actor_2"], on=event_date) if text(values, "assoc_actor_2") else None
    event = Event(
        id=f"{DATASET}:{source_id}",
        event_type=kind,
        sub_event_type=sub,
        country=required_text(values, "country"),
        event_date=event_date,
        time_precision=integer(values, "time_precision", low=1, high=3) or 1,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc1 or None,
        assoc_actor_2=assoc2 or None,
        inter1=inter1,
        inter2=inter2,
        location=text(values, "location"),
        admin1=text(values, "admin1"),
        admin2=text(values, "admin2"),
        iso=iso3_of_numeric(text(values, "iso")),
        latitude=latitude,
        longitude=longitude,
        geo_precision=integer(values, "geo_precision", low=1, high=3),
        fatalities=integer(values, "fatalities", low=0),
        confidence=1.0,
        dataset=DATASET,
        source_event_id=source_id,
        notes=notes,
    )
    extra = {name: value for name, value in values.items() if name not in _MAPPED}
    rendered = to_row(event, {})
    for name in _REWRITTEN:
        if name in values:
            keep_original(extra, name, values[name].strip(), rendered.get(name))
    if "event_id_cnty" not in values:
        extra["\x00no event_id_cnty"] = "1"
    if "time_precision" in values and not text(values, "time_precision"):
        extra["time_precision"] = ""
    return ImportedRow(row=0, event=event, extra=extra)


def _str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_row(event: Event, extra: Mapping[str, str]) -> dict[str, str]:
    """The ACLED row an imported event came from: its fields in ACLED's columns, then ``extra`` over them."""
    row = {
        "event_id_cnty": event.source_event_id or event.id.removeprefix(f"{DATASET}:"),
        "event_date": _str(event.event_date),
        "time_precision": _str(event.time_precision),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _str(event.actor1),
        "assoc_actor_1": _str(event.assoc_actor_1),
        "inter1": _str(event.inter1),
        "actor2": _str(event.actor2),
        "assoc_actor_2": _str(event.assoc_actor_2),
        "inter2": _str(event.inter2),
        "iso": _str(event.iso),
        "country": _str(event.country),
        "admin1": _str(event.admin1),
        "admin2": _str(event.admin2),
        "location": _str(event.location),
        "latitude": _str(event.latitude),
        "longitude": _str(event.longitude),
        "geo_precision": _str(event.geo_precision),
        "notes": _str(event.notes),
        "fatalities": _str(event.fatalities),
    }
    if "\x00no event_id_cnty" in extra:
        row["data_id"] = row.pop("event_id_cnty")
    row.update({k: v for k, v in extra.items() if not k.startswith("\x00")})
    return row
