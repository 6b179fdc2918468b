"""UCDP Georeferenced Event Dataset (GED) CSV files read into ``Event`` records.

UCDP codes violence by ``type_of_violence`` (1 state-based, 2 non-state,
3 one-sided); the importer maps 1 and 2 to ACLED's ``Battles / Armed clash``
and 3 to ``Violence against civilians / Attack``, ``side_a``/``side_b`` to
``actor1``/``actor2`` (folded to canonical names), ``best`` to
``fatalities``, ``date_start`` to ``event_date``, ``date_prec`` and
``where_prec`` to ACLED's time and geo precision.  Every other column, and the
original text of every rewritten value, is kept in ``ImportedRow.extra`` so that
:func:`to_row` writes the row back as it came.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

from sitreps.errors import SourceError
from sitreps.knowledge.countries import iso3_of_country
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

DATASET = "ucdp"

#: The columns of a GED CSV file (version 23.1 and later), in its order.
COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start", "date_end",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)
REQUIRED = (
    ("id",), ("type_of_violence",), ("side_a",), ("side_b",), ("country",), ("date_start",),
    ("latitude",), ("longitude",), ("best",),
)

#: type_of_violence -> ACLED (event type, sub-event type).
VIOLENCE_TYPES = {
    1: ("Battles", "Armed clash"),
    2: ("Battles", "Armed clash"),
    3: ("Violence against civilians", "Attack"),
}

#: UCDP date_prec (1 exact day ... 5 more than a month) -> ACLED time_precision.
_TIME_PRECISION = {1: 1, 2: 2, 3: 2, 4: 2, 5: 3}
#: UCDP where_prec (1 exact place ... 7 international waters) -> ACLED geo_precision.
_GEO_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}

_REWRITTEN = ("side_a", "side_b", "date_start", "type_of_violence")
_MAPPED = set(_REWRITTEN) | {"id", "country", "adm_1", "adm_2", "where_coordinates",
                             "latitude", "longitude", "best"}


def read_ucdp(
    path: str | Path, *, actors: ActorFolder | None = None, latest: dt.date | None = None
) -> Iterator[ImportedRow | SourceError]:
    """The rows of a GED CSV file: an ``ImportedRow`` per good row, a ``SourceError`` per bad one.

    Unknown columns yield one ``SourceError`` for row 1 (their values are kept
    in ``extra``).  Raises ``SourceError`` when the file cannot be read or
    lacks a required column.
    """
    names, rows = open_rows(path)
    check_columns(path, names, REQUIRED)
    folder = actors or ActorFolder()
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        yield SourceError(f"{path}:1", f"unknown columns, kept as extra fields: {', '.join(unknown)}")

    def build(values: dict[str, str]) -> ImportedRow:
        return build_event(values, folder, latest=latest)

    yield from collect(path, rows, names, build)


def build_event(values: Mapping[str, str], folder: ActorFolder, *, latest: dt.date | None = None) -> ImportedRow:
    """One GED row as an ``ImportedRow``; raises ``RowProblem`` for a value that cannot be used."""
    source_id = required_text(values, "id")
    violence = integer(values, "type_of_violence", low=1, high=3)
    if violence is None:
        raise RowProblem("missing type_of_violence")
    kind, sub = VIOLENCE_TYPES[violence]
    event_date = date_value(values, "date_start", latest=latest)
    latitude, longitude = coordinates(values)
    date_prec = integer(values, "date_prec", low=1, high=5)
    where_prec = integer(values, "where_prec", low=1, high=7)
    country = required_text(values, "country")
    event = Event(
        id=f"{DATASET}:{source_id}",
        event_type=kind,
        sub_event_type=sub,
        country=country,
        event_date=event_date,
        time_precision=_TIME_PRECISION.get(date_prec or 1, 1),
        actor1=folder.fold(required_text(values, "side_a"), on=event_date),
        actor2=folder.fold(required_text(values, "side_b"), on=event_date),
        location=text(values, "where_coordinates"),
        admin1=text(values, "adm_1"),
        admin2=text(values, "adm_2"),
        iso=iso3_of_country(country),
        latitude=latitude,
        longitude=longitude,
        geo_precision=_GEO_PRECISION.get(where_prec) if where_prec else None,
        fatalities=integer(values, "best", low=0),
        confidence=1.0,
        dataset=DATASET,
        source_event_id=source_id,
        notes=text(values, "source_headline"),
    )
    extra = {name: value for name, value in values.items() if name not in _MAPPED}
    rendered = to_row(event, {})
    for name in _REWRITTEN:
        keep_original(extra, name, values[name].strip(), rendered.get(name))
    return ImportedRow(row=0, event=event, extra=extra)


def _str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_row(event: Event, extra: Mapping[str, str]) -> dict[str, str]:
    """The GED row an imported event came from: its fields in GED's columns, then ``extra`` over them."""
    violence = next((code for code, pair in VIOLENCE_TYPES.items()
                     if pair == (event.event_type, event.sub_event_type)), None)
    row = {
        "id": event.source_event_id or event.id.removeprefix(f"{DATASET}:"),
        "type_of_violence": _str(violence),
        "side_a": _str(event.actor1),
        "side_b": _str(event.actor2),
        "where_coordinates": _str(event.location),
        "adm_1": _str(event.admin1),
        "adm_2": _str(event.admin2),
        "latitude": _str(event.latitude),
        "longitude": _str(event.longitude),
        "country": _str(event.country),
        "date_start": _str(event.event_date),
        "best": _str(event.fatalities),
    }
    row.update(extra)
    return row
