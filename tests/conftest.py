"""Shared fixtures: a fresh store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitreps.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a store file that does not exist yet."""
    return tmp_path / "test.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An open, empty, migrated store."""
    with Store(db_path) as opened:
        yield opened


@pytest.fixture
def blank_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the pipeline on blank spaCy pipelines (tokenizer and sentencizer, no model loaded) and with
    the resolve and events stages stubbed to find nothing, so tests of the wiring do not depend on them.
    A test can still patch one stage back in after this fixture."""
    import spacy

    import sitreps.events.claims
    import sitreps.events.coder
    import sitreps.events.quotes
    import sitreps.resolve.actors
    import sitreps.resolve.places
    from sitreps.pipeline import Pipeline

    blanks = {}
    for lang in ("en", "fr"):
        blanks[lang] = spacy.blank(lang)
        blanks[lang].add_pipe("sentencizer")
    monkeypatch.setattr(Pipeline, "nlp", lambda self, lang: blanks["fr" if lang == "fr" else "en"])

    def nothing(*args: object, **kwargs: object) -> list[object]:
        return []

    monkeypatch.setattr(sitreps.resolve.places, "resolve_places", nothing)
    monkeypatch.setattr(sitreps.resolve.actors, "find_actors", nothing)
    monkeypatch.setattr(sitreps.events.coder, "code_events", nothing)
    monkeypatch.setattr(sitreps.events.quotes, "find_quotes", nothing)
    monkeypatch.setattr(sitreps.events.claims, "find_claims", nothing)


@pytest.fixture(scope="session")
def en():  # type: ignore[no-untyped-def]
    """The English pipeline exactly as sitreps runs it (model parser and NER plus sitreps's components)."""
    from sitreps.nlp.load import load_nlp

    return load_nlp("en")


@pytest.fixture(scope="session")
def fr():  # type: ignore[no-untyped-def]
    """The French pipeline exactly as sitreps runs it."""
    from sitreps.nlp.load import load_nlp

    return load_nlp("fr")
