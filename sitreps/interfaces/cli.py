"""Entry point of the ``sitreps`` command: imports each command module so it registers itself."""

from __future__ import annotations

import importlib

from sitreps.interfaces.app import app

# One module a group of commands; each registers its commands on ``app`` when imported.
COMMAND_MODULES = (
    "sitreps.interfaces.commands_ingest",  # ingest, documents, errors, events, extract, demo
    "sitreps.interfaces.commands_geo",  # geoparse
    "sitreps.interfaces.commands_events",  # train, evaluate
    "sitreps.interfaces.commands_analysis",  # import, footprint, trends, hotspots
    "sitreps.interfaces.commands_plot",  # network, alerts, plot
)


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def main() -> None:
    _register()
    app()
