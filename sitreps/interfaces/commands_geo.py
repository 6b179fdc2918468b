"""CLI command ``geoparse``: every place of each report, resolved offline."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from sitreps.errors import SitrepsError, SourceError
from sitreps.interfaces.app import app
from sitreps.models import Document, Place

PLACE_KEYS = ("name", "start", "end", "latitude", "longitude", "country", "admin1", "admin2", "geo_precision")


class GeoFormat(enum.StrEnum):
    jsonl = "jsonl"
    tsv = "tsv"


def place_record(place: Place) -> dict[str, Any]:
    """The output fields of one place (the format ``score_geo.py`` reads, plus region names)."""
    return {key: getattr(place, key) for key in PLACE_KEYS}


def _documents(inputs: list[str], rejected: list[str]) -> Iterator[Document]:
    from sitreps.documents import to_document
    from sitreps.sources import read_inputs

    for item in read_inputs(inputs):
        if isinstance(item, SourceError):
            rejected.append(f"{item.origin}: {item.reason}")
            typer.echo(f"rejected: {item.origin}: {item.reason}", err=True)
            continue
        try:
            yield to_document(item)
        except SourceError as exc:
            rejected.append(str(exc))
            typer.echo(f"rejected: {exc}", err=True)


@app.command("geoparse")
def geoparse_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or - for stdin.", show_default=False)],
    fmt: Annotated[GeoFormat, typer.Option("--format", help="jsonl: one line per report; tsv: one row per place.")]
    = GeoFormat.jsonl,
) -> None:
    """Find and resolve every place named in each report, offline.

    Prints {"id", "places": [{"name", "start", "end", "latitude", "longitude",
    "country", "admin1", "admin2", "geo_precision"}]} per report (JSON Lines input
    keeps its ids).  Exits 1 if any input was rejected, 2 on an error.
    """
    from sitreps.resolve.geo_parse import geoparse

    rejected: list[str] = []
    try:
        if fmt is GeoFormat.tsv:
            sys.stdout.write("id\t" + "\t".join(PLACE_KEYS) + "\n")
        for document, places in geoparse(_documents(inputs, rejected)):
            if fmt is GeoFormat.jsonl:
                line = {"id": document.id, "places": [place_record(p) for p in places]}
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            else:
                for p in places:
                    row = [document.id] + ["" if v is None else str(v) for v in place_record(p).values()]
                    sys.stdout.write("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row) + "\n")
            sys.stdout.flush()
    except SitrepsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    raise typer.Exit(1 if rejected else 0)
