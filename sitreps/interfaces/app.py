"""The typer application that every CLI command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sitreps",
    help="Turn conflict reporting into ACLED-style events with their evidence, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
