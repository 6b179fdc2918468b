"""Every CLI command has help text and appears in docs/cli.md (STYLE.md: docs are tested)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from sitreps.interfaces.app import app
from sitreps.interfaces.cli import _register

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _commands() -> list[tuple[str, object]]:
    _register()
    group = typer.main.get_group(app)
    found: list[tuple[str, object]] = []

    def walk(prefix: str, grp) -> None:  # type: ignore[no-untyped-def]
        for name, command in sorted(grp.commands.items()):
            full = f"{prefix} {name}".strip()
            found.append((full, command))
            if hasattr(command, "commands"):
                walk(full, command)

    walk("", group)
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_docs_command_has_help_and_is_documented(name: str, command) -> None:  # type: ignore[no-untyped-def]
    assert (command.help or "").strip(), f"`sitreps {name}` has no help text"
    assert f"sitreps {name}" in DOCS.read_text(encoding="utf-8"), f"`sitreps {name}` is not in docs/cli.md"
