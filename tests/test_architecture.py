"""The stages import only from stages to their left and from the ground floor (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sitreps"
STAGES = ["sources", "documents", "nlp", "resolve", "events", "store", "analysis", "interfaces"]
GROUND = {"models", "errors", "config", "knowledge", "__init__", "__main__"}


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "sitreps" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _cases() -> list[tuple[str, Path]]:
    return [(stage, path) for stage in STAGES for path in sorted((PACKAGE / stage).rglob("*.py"))]


@pytest.mark.parametrize(("stage", "path"), _cases(), ids=lambda v: str(v).rsplit("sitreps/", 1)[-1])
def test_architecture_imports_flow_one_way(stage: str, path: Path) -> None:
    allowed = set(STAGES[: STAGES.index(stage) + 1]) | GROUND
    if stage == "interfaces":
        allowed |= {"pipeline", "distributed"}
    for module in _imports(path):
        target = _stage_of(module)
        if target is None:
            continue
        assert target in allowed, f"{path.relative_to(PACKAGE)} imports {module}: {target} is right of {stage}"


def test_architecture_ground_floor_imports_no_stage() -> None:
    for name in ("models.py", "errors.py", "config.py"):
        for module in _imports(PACKAGE / name):
            assert _stage_of(module) in (None, "models", "errors", "config"), f"{name} imports {module}"
    for path in sorted((PACKAGE / "knowledge").rglob("*.py")):
        for module in _imports(path):
            assert _stage_of(module) in (None, "models", "errors", "config", "knowledge"), f"{path} imports {module}"


def test_architecture_pipeline_wires_stages_only() -> None:
    for module in _imports(PACKAGE / "pipeline.py"):
        assert _stage_of(module) not in ("analysis", "interfaces"), f"pipeline.py imports {module}"
