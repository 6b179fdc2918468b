"""What the CLI does after every write to the store: evaluate the analyst's alert rules."""

from __future__ import annotations

from typing import Any

import typer

from sitreps.errors import SitrepsError


def after_write(store: Any) -> None:
    """Evaluate ``alerts.yaml`` beside the store, if any, and print the alerts new since the last run.

    A bad rules file is reported as a warning: it never fails the ingest or import that came before.
    """
    from sitreps.analysis.alerts import run_alerts_after_write

    try:
        alerts = run_alerts_after_write(store)
    except SitrepsError as exc:
        typer.echo(f"alert rules not evaluated: {exc}", err=True)
        return
    for alert in alerts:
        typer.echo(f"ALERT {alert.rule}: {alert.message}", err=True)
