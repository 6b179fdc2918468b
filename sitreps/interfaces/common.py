"""What every CLI command module shares: the common options, error handling and JSON output."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from sitreps.config import default_db_path
from sitreps.errors import SitrepsError

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="The store file (default: $SITREPS_DB or ./sitreps.duckdb).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
CountryOption = Annotated[str | None, typer.Option("--country", help="Only this country (name or ISO code).")]


def db_path(path: Path | None) -> Path:
    """The store file: the option's value, else ``$SITREPS_DB``, else ``./sitreps.duckdb``."""
    return path if path is not None else default_db_path()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``Error: message`` on stderr; the caller raises the returned ``typer.Exit``."""
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


@contextlib.contextmanager
def errors_as_exit() -> Iterator[None]:
    """Library and file errors as a one-line message and exit code 1 (130 on Ctrl-C), never a traceback."""
    try:
        yield
    except SitrepsError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from None
    except KeyboardInterrupt:
        raise fail("interrupted; what was stored so far is kept, run the command again to finish", 130) from None


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` option value; a usage error (exit 2) naming the option otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-03-01", param_hint=option) from None


def plain(value: Any) -> Any:
    """A value JSON can hold: dates as ISO text, NaN as null, numpy scalars as Python numbers, bytes as hex."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def echo_json(value: Any) -> None:
    """Print ``value`` as indented JSON."""
    typer.echo(json.dumps(plain(value), ensure_ascii=False, indent=2))
