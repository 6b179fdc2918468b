"""What the ACLED and UCDP readers share: CSV rows, value parsing, actor folding.

A reader turns one CSV file into :class:`ImportedRow` records (an ``Event``
plus the columns the events table has no place for) and :class:`SourceError`
records, one per bad row, whose ``origin`` is ``path:row`` (the header is
row 1, the first record row 2).  A file that cannot be read at all (missing,
not UTF-8, missing required columns) raises ``SourceError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sitreps.errors import SourceError
from sitreps.models import Event

_LONG_AGO = dt.date(1, 1, 1)

#: Events dated before this are refused (UCDP GED starts in 1989, ACLED in 1997).
EARLIEST_DATE = dt.date(1989, 1, 1)

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y", "%Y/%m/%d")


@dataclass(frozen=True, kw_only=True)
class ImportedRow:
    """One good row of a dataset file.

    ``extra`` holds the row's columns that have no field in ``Event`` and the
    original text of every value the importer rewrote (an actor folded to its
    canonical name, a legacy event type, a date in another format), so that
    the file can be written back as it was.
    """

    row: int
    event: Event
    extra: Mapping[str, str] = field(default_factory=dict)


class RowProblem(ValueError):
    """A value of a row cannot be used; the reader turns it into a ``SourceError``."""


# -- actor folding ----------------------------------------------------------------------------------------------


class _Dictionary(Protocol):
    def lookup(self, text: str, *, on: dt.date | None = None) -> Any: ...


class ActorFolder:
    """Folds actor names to canonical names through the actor dictionary (``sitreps.knowledge.actors``).

    ``dictionary`` is anything with ``lookup(text, *, on=None) -> entry | None``
    whose entries have a ``name``; without one the folder loads the packaged
    dictionary lazily, and if none is installed it keeps names as they are.
    ``on`` is the date of the event: a name absorbed by a successor (Ansar
    Dine into JNIM in 2017) folds to the successor only from that date.
    """

    def __init__(self, dictionary: _Dictionary | None = None) -> None:
        self._dictionary = dictionary
        self._loaded = dictionary is not None
        self._cache: dict[tuple[str, dt.date | None], str] = {}
        self._steady: dict[str, str] = {}

    @property
    def dictionary(self) -> _Dictionary | None:
        if not self._loaded:
            self._dictionary = _packaged_dictionary()
            self._loaded = True
        return self._dictionary

    def entry(self, text: str, *, on: dt.date | None = None) -> Any:
        """The dictionary entry of ``text``, or None."""
        dictionary = self.dictionary
        if dictionary is None or not text.strip():
            return None
        return dictionary.lookup(text.strip(), on=on)

    def fold(self, text: str, *, on: dt.date | None = None) -> str:
        """The canonical name of one actor name (the name itself when the dictionary does not know it)."""
        steady = self._steady.get(text)
        if steady is None:
            # A name folds the same on every date unless it was absorbed by a successor: compare
            # its fold long ago with its fold today, and look it up per date only if they differ.
            early, late = self._name(text, _LONG_AGO), self._name(text, None)
            steady = self._steady[text] = late if early == late else ""
        if steady:
            return steady
        cached = self._cache.get((text, on))
        if cached is None:
            cached = self._cache[(text, on)] = self._name(text, on)
        return cached

    def _name(self, text: str, on: dt.date | None) -> str:
        entry = self.entry(text, on=on)
        return str(entry.name) if entry is not None and getattr(entry, "name", None) else text.strip()

    def fold_list(self, text: str, *, on: dt.date | None = None) -> str:
        """Fold each actor of a ``"A; B"`` list (ACLED's associated actors), keeping the separator."""
        parts = [p for p in (part.strip() for part in text.split(";")) if p]
        return "; ".join(self.fold(p, on=on) for p in parts)


def _packaged_dictionary() -> _Dictionary | None:
    """The packaged actor dictionary (``sitreps.knowledge.actors``), or None when it is not installed."""
    try:
        from sitreps.knowledge import actors as module
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("sitreps.knowledge"):
            return None
        raise
    return module.actor_dictionary()


# -- CSV --------------------------------------------------------------------------------------------------------


#: The longest field a row may hold (csv's own default limit).
MAX_FIELD_CHARS = 131_072


def open_rows(path: str | Path, *, aliases: Mapping[str, str] | None = None) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The normalised header of a CSV file and an iterator of ``(row_number, fields)``.

    Header names are stripped and lower-cased, then renamed through
    ``aliases`` (older exports' names for the same column).
    """
    source = Path(path)
    try:
        handle = source.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceError(str(path), f"cannot open: {exc.strerror or exc}") from exc
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        handle.close()
        raise SourceError(str(path), "empty file: no header row") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        handle.close()
        raise SourceError(str(path), f"not a UTF-8 CSV file: {exc}") from exc
    names = [(aliases or {}).get(h.strip().lower(), h.strip().lower()) for h in header]
    seen = [n for n in names if names.count(n) > 1]
    if seen:
        handle.close()
        raise SourceError(f"{path}:1", f"duplicate columns: {', '.join(sorted(set(seen)))}")

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        with handle:
            while True:
                number += 1
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    raise SourceError(f"{path}:{number}", f"not UTF-8 text: {exc}") from exc
                except csv.Error as exc:
                    yield number, [f"\x00csv error: {exc}"]
                    continue
                if not fields or all(not f.strip() for f in fields):
                    continue
                if any(len(f) > MAX_FIELD_CHARS for f in fields):
                    # Checked here rather than left to csv.field_size_limit, which other libraries raise.
                    yield number, [f"\x00csv error: field larger than field limit ({MAX_FIELD_CHARS})"]
                    continue
                yield number, fields

    return names, rows()


def check_columns(path: str | Path, names: list[str], required: tuple[tuple[str, ...], ...]) -> None:
    """Raise ``SourceError`` if a required column (or every one of a group of alternatives) is missing."""
    missing = [" or ".join(group) for group in required if not any(name in names for name in group)]
    if missing:
        raise SourceError(f"{path}:1", f"missing required columns: {', '.join(missing)}")


def row_values(names: list[str], fields: list[str]) -> dict[str, str]:
    """The row as ``{column: text}``; raises ``RowProblem`` if it has the wrong number of fields."""
    if len(fields) == 1 and fields[0].startswith("\x00csv error: "):
        raise RowProblem(f"malformed CSV: {fields[0][len(chr(0)) + 11:]}")
    if len(fields) != len(names):
        raise RowProblem(f"malformed row: {len(fields)} fields, the header has {len(names)}")
    return dict(zip(names, fields, strict=True))


def collect(
    path: str | Path,
    rows: Iterator[tuple[int, list[str]]],
    names: list[str],
    build: Callable[[dict[str, str]], ImportedRow],
) -> Iterator[ImportedRow | SourceError]:
    """Build every row, turning a ``RowProblem`` into a ``SourceError`` for ``path:row``; ids seen twice are errors."""
    first_seen: dict[str, int] = {}
    for number, fields in rows:
        try:
            values = row_values(names, fields)
            record = build(values)
        except RowProblem as exc:
            yield SourceError(f"{path}:{number}", str(exc))
            continue
        key = record.event.id
        if key in first_seen:
            yield SourceError(f"{path}:{number}", f"duplicate id {record.event.source_event_id} (first at row {first_seen[key]})")
            continue
        first_seen[key] = number
        yield ImportedRow(row=number, event=record.event, extra=record.extra)


# -- values -----------------------------------------------------------------------------------------------------


def text(values: Mapping[str, str], name: str) -> str | None:
    """The stripped text of a column, None when it is absent or empty."""
    value = values.get(name, "").strip()
    return value or None


def required_text(values: Mapping[str, str], name: str) -> str:
    value = text(values, name)
    if value is None:
        raise RowProblem(f"missing {name}")
    return value


def integer(values: Mapping[str, str], name: str, *, low: int | None = None, high: int | None = None) -> int | None:
    """A whole number (``"3"`` or ``"3.0"``) within ``[low, high]``; None when empty."""
    raw = text(values, name)
    if raw is None:
        return None
    try:
        number = float(raw)
    except ValueError:
        raise RowProblem(f"{name} is not a number: {raw!r}") from None
    if not number.is_integer():
        raise RowProblem(f"{name} is not a whole number: {raw!r}")
    value = int(number)
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"{low if low is not None else '...'}-{high if high is not None else '...'}"
        raise RowProblem(f"{name} out of range ({bounds}): {raw!r}")
    return value


def coordinates(values: Mapping[str, str]) -> tuple[float, float]:
    """Latitude and longitude, both required and within range."""
    lat_text, lon_text = text(values, "latitude"), text(values, "longitude")
    if lat_text is None or lon_text is None:
        raise RowProblem("missing coordinates (latitude/longitude)")
    try:
        latitude, longitude = float(lat_text), float(lon_text)
    except ValueError:
        raise RowProblem(f"coordinates are not numbers: {lat_text!r}, {lon_text!r}") from None
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise RowProblem(f"coordinates out of range: {lat_text}, {lon_text}")
    return latitude, longitude


@functools.lru_cache(maxsize=65536)
def _parse_date(raw: str) -> dt.date | None:
    head = raw.strip()
    if len(head) > 10 and head[4:5] == "-" and head[10:11] in (" ", "T"):
        head = head[:10]  # "2019-03-12 00:00:00.000"
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


def date_value(values: Mapping[str, str], name: str, *, latest: dt.date | None = None) -> dt.date:
    """A required date in one of the formats ACLED and UCDP exports use, between 1989 and ``latest`` (today)."""
    raw = required_text(values, name)
    parsed = _parse_date(raw)
    if parsed is None:
        raise RowProblem(f"{name} is not a date: {raw!r}")
    last = latest or dt.date.today()
    if not EARLIEST_DATE <= parsed <= last:
        raise RowProblem(f"{name} out of range ({EARLIEST_DATE.isoformat()} to {last.isoformat()}): {raw!r}")
    return parsed


def keep_original(extra: dict[str, str], name: str, original: str | None, rendered: str | None) -> None:
    """Remember the original text of a column whose stored value renders differently."""
    if (original or "") != (rendered or ""):
        extra[name] = original or ""
