"""CLI commands of event coding: ``train`` (a classifier on your own coded data) and ``evaluate``.

``evaluate`` runs the whole pipeline over a gold JSON Lines file and prints the gold format's figures,
with the reference scorer (``score.py``) when one is given or found beside the project, otherwise with
sitreps's own implementation of the same metrics.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer

from sitreps.errors import SitrepsError, SourceError
from sitreps.interfaces.app import app
from sitreps.models import RawInput

#: Where the reference scorer usually sits, relative to the working directory.
SCORER_CANDIDATES = ("../shared/eval/score.py", "shared/eval/score.py")


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The rows of a gold JSON Lines file."""
    if not path.exists():
        raise SourceError(str(path), "no such file")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}:{n}", f"not JSON: {exc}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise SourceError(f"{path}:{n}", "a gold line needs a JSON object with a 'text'")
        row.setdefault("id", f"{path.name}:{n}")
        rows.append(row)
    return rows


def system_records(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The scoring record (gold format's system output) of each gold row, through the whole pipeline."""
    from sitreps.documents import to_document
    from sitreps.pipeline import Pipeline

    rows = list(rows)
    documents = []
    for row in rows:
        raw = RawInput(origin=str(row["id"]), text=row["text"], id=str(row["id"]), url=row.get("url"),
                       published=row.get("published"), lang=row.get("lang"))
        documents.append(to_document(raw))
    for row, (_document, result) in zip(rows, Pipeline().pipe_results(documents), strict=True):
        if isinstance(result, SitrepsError):
            yield {"id": str(row["id"]), "events": [], "actors": [], "places": [], "error": str(result)}
        else:
            yield result.scoring_record(str(row["id"]))


def find_scorer(explicit: Path | None = None) -> Path | None:
    """The reference scorer: ``explicit``, or one found beside the working directory."""
    if explicit is not None:
        if not explicit.exists():
            raise SourceError(str(explicit), "no such scorer")
        return explicit
    for candidate in SCORER_CANDIDATES:
        path = Path(candidate)
        if path.exists():
            return path
    return None


def _load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("sitreps_reference_scorer", path)
    if spec is None or spec.loader is None:
        raise SourceError(str(path), "cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_records(gold: list[dict[str, Any]], system: list[dict[str, Any]], scorer: Path | None) -> dict[str, Any]:
    """Scores of ``system`` against ``gold`` with the reference scorer at ``scorer``, or sitreps's own."""
    gold_by_id = {str(row["id"]): row for row in gold}
    system_by_id = {str(row["id"]): row for row in system}
    if scorer is not None:
        module = _load_module(scorer)
        aliases = module.Aliases(scorer.with_name("actors.tsv"))
        result: dict[str, Any] = module.score(gold_by_id, system_by_id, aliases)
        result["scorer"] = str(scorer)
        return result
    from sitreps.events.scoring import score_events

    result = score_events(gold_by_id, system_by_id)
    result["scorer"] = "sitreps.events.scoring"
    return result


def render(result: dict[str, Any]) -> str:
    """The score table as text."""
    e = result["events"]
    lines = [
        f"scorer  {result.get('scorer')}",
        f"reports {result['reports']}",
        f"events  gold {e['gold']}  system {e['system']}  matched {e['matched']}  "
        f"P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}",
    ]
    for name, value in result["fields"].items():
        shown = "-" if value is None else f"{value:.3f}"
        lines.append(f"  {name:<15} {shown}  (n={result['fields_n'][name]})")
    for key in ("actors", "places"):
        if key in result:
            r = result[key]
            lines.append(f"{key:<7} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    return "\n".join(lines)


@app.command()
def train(
    sources: Annotated[list[Path], typer.Argument(help="Gold JSON Lines files or ACLED CSV exports to learn from.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder to save the model in (default: the user data folder).")
    ] = None,
) -> None:
    """Fit an event-type classifier on your own coded events; the coder consults it when its rules are unsure."""
    from sitreps.events import learned

    try:
        summary = learned.train(sources, out)
    except SitrepsError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"trained on {summary.examples} events of {len(summary.labels)} sub-event types; saved {summary.path}")
    for label, count in sorted(summary.labels.items(), key=lambda kv: -kv[1]):
        typer.echo(f"  {count:>5}  {label}")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold JSON Lines file (shared/eval/GOLD_FORMAT.md).")],
    scorer: Annotated[
        Path | None, typer.Option("--scorer", help="The reference score.py (default: ../shared/eval/score.py if present).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write the system's records here (JSON Lines).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Run the pipeline over a gold file and print event detection and field scores."""
    try:
        rows = read_gold(gold)
        found = find_scorer(scorer)
        records = list(system_records(rows))
        if output is not None:
            output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        result = score_records(rows, records, found)
    except SitrepsError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(json.dumps(result, indent=2) if as_json else render(result))
