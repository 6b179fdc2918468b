"""The wired pipeline: order, failures isolated, ingest idempotency, duplicates, interrupted runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitreps.documents import to_document
from sitreps.errors import ExtractionError, SourceError
from sitreps.models import Event, Extraction, RawInput
from sitreps.pipeline import IngestSummary, Pipeline, Progress, extract, ingest
from sitreps.store import Store

EN = "Gunmen attacked a village near Gao on Monday, killing {n} people, local officials said. "
FR = "Des hommes armés ont attaqué un village près de Mopti lundi, tuant {n} personnes, selon des élus. "


def _text(n: int, lang: str = "en") -> str:
    # Each report differs in more than a number so that they are not near-duplicates of each other.
    words = " ".join(f"w{n}x{i}" for i in range(80))
    return (EN if lang == "en" else FR).format(n=n) * 3 + words


def _write(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"report-{n:04d}.txt"
        path.write_text(_text(n, "fr" if n % 3 == 0 else "en"), encoding="utf-8")
        paths.append(path)
    return paths


def _counts(store: Store) -> dict[str, int]:
    return store.counts()


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_pipe_keeps_input_order_across_languages() -> None:
    documents = [to_document(RawInput(origin=f"r{n}", text=_text(n, "fr" if n % 2 else "en"))) for n in range(40)]
    assert {d.language for d in documents} == {"en", "fr"}
    out = list(Pipeline().pipe(documents, batch_size=3))
    assert [e.document.id for e in out] == [d.id for d in documents]
    assert all(isinstance(e, Extraction) for e in out)


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_stage_failure_is_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitreps.resolve.places as places

    def resolve(doc, document):  # type: ignore[no-untyped-def]
        if "13 people" in document.text:
            raise RuntimeError("gazetteer exploded")
        return []

    monkeypatch.setattr(places, "resolve_places", resolve)
    documents = [to_document(RawInput(origin=f"r{n}", text=_text(n))) for n in range(12, 15)]
    results = [r for _, r in Pipeline().pipe_results(documents)]
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractionError", "Extraction"]
    assert "gazetteer exploded" in str(results[1])
    with pytest.raises(ExtractionError, match="r13"):
        list(Pipeline().pipe(documents))


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_text_longer_than_the_model_limit_fails_alone() -> None:
    from sitreps.pipeline import Pipeline as P

    nlp = P().nlp("en")
    long_doc = to_document(RawInput(origin="long.txt", text="word " * (nlp.max_length // 5 + 10)))
    short = to_document(RawInput(origin="short.txt", text=_text(1)))
    results = [r for _, r in P().pipe_results([long_doc, short])]
    assert isinstance(results[0], ExtractionError) and "above the pipeline's limit" in str(results[0])
    assert isinstance(results[1], Extraction)


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_ingest_good_and_bad_inputs(tmp_path: Path, store: Store) -> None:
    good = _write(tmp_path / "in", 3)
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    seen: list[Progress] = []
    summary = ingest([str(tmp_path / "in"), str(tmp_path / "missing.txt")], store, progress=seen.append)
    assert (summary.ingested, summary.duplicates, summary.unchanged, summary.rejected) == (3, 0, 0, 2)
    assert {e.input for e in summary.errors} == {str(empty), str(tmp_path / "missing.txt")}
    assert sorted(d["origin"] for d in store.documents()) == sorted(str(p) for p in good)
    assert len(store.errors()) == 2
    assert [p.done for p in seen] == [1, 2, 3, 4, 5]
    assert sorted(p.status for p in seen) == ["ingested"] * 3 + ["rejected"] * 2


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_ingest_twice_changes_nothing(tmp_path: Path, store: Store) -> None:
    _write(tmp_path / "in", 5)
    (tmp_path / "in" / "bad.txt").write_bytes(b"caf\xc3\x28 is not utf8")
    first = ingest([str(tmp_path / "in")], store)
    before = _counts(store)
    documents = store.documents()
    second = ingest([str(tmp_path / "in")], store)
    assert first.ingested == 5 and first.rejected == 1
    assert (second.ingested, second.unchanged, second.duplicates, second.rejected) == (0, 5, 0, 1)
    assert _counts(store) == before
    assert store.documents() == documents


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_ingest_exact_and_near_duplicates(tmp_path: Path, db_path: Path) -> None:
    lines = [{"id": "a", "text": _text(1)}, {"id": "b", "text": _text(1)}, {"id": "c", "text": _text(2)}]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with Store(db_path) as store:
        summary = ingest([str(batch)], store)
    assert (summary.ingested, summary.duplicates) == (2, 1)
    # A later run, a new store handle: a near-copy (one word changed) is linked to the original.
    near = tmp_path / "near.txt"
    near.write_text(_text(2).replace("w2x5 ", "changed "), encoding="utf-8")
    with Store(db_path) as store:
        summary = ingest([str(near)], store)
        links = {d["id"]: d["duplicate_of"] for d in store.documents()}
    assert (summary.ingested, summary.duplicates) == (0, 1)
    assert links["b"] == "a"
    assert [v for k, v in links.items() if k not in ("a", "b", "c")] == ["c"]
    assert links["a"] is None and links["c"] is None


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_ingest_changed_report_replaces_its_reading(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitreps.events.coder as coder

    def code(doc, document, *, places, actors):  # type: ignore[no-untyped-def]
        return [Event(id=f"{document.id}:{document.content_hash[:6]}", event_type="Battles",
                      sub_event_type="Armed clash", country="Mali", event_date=None, document_id=document.id)]

    monkeypatch.setattr(coder, "code_events", code)
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": _text(1)}), encoding="utf-8")
    ingest([str(path)], store)
    path.write_text(json.dumps({"id": "r1", "text": _text(99)}), encoding="utf-8")
    summary = ingest([str(path)], store)
    assert summary.ingested == 1
    [event] = store.events()
    assert event.document_id == "r1"
    assert store.document("r1").text == _text(99).strip()  # type: ignore[union-attr]


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_extract_without_store(tmp_path: Path) -> None:
    paths = _write(tmp_path, 2)
    items = list(extract([str(paths[0]), str(tmp_path / "nope.txt"), str(paths[1])]))
    errors = [i for i in items if isinstance(i, SourceError)]
    extractions = [i for i in items if isinstance(i, Extraction)]
    assert [e.document.origin for e in extractions] == [str(p) for p in paths]
    assert [e.origin for e in errors] == [str(tmp_path / "nope.txt")]


def test_pipeline_summary_is_frozen() -> None:
    summary = IngestSummary()
    with pytest.raises(AttributeError):
        summary.ingested = 3  # type: ignore[misc]


@pytest.mark.slow
def test_pipeline_real_models_english_and_french() -> None:
    documents = [to_document(RawInput(origin=f"r{n}", text=_text(n, "fr" if n % 2 else "en"))) for n in range(4)]
    out = list(Pipeline().pipe(documents))
    assert [e.document.origin for e in out] == ["r0", "r1", "r2", "r3"]
    assert [e.document.language for e in out] == ["en", "fr", "en", "fr"]


TOTAL = 400


@pytest.mark.slow
def test_pipeline_sigkill_midway_then_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(TOTAL):  # short reports: the point is the interruption, not the NLP
        (folder / f"r{n:04d}.txt").write_text(f"Report {n}: gunmen attacked village {n} near Gao on Monday.",
                                             encoding="utf-8")
    db = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "sitreps", "ingest", str(folder), "--db", str(db), "--quiet"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        # Wait until some documents are committed, then kill without warning.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.3)
            if db.exists() and _committed(db) >= 1:
                break
        assert process.poll() is None, "ingest finished before it could be killed: make the batch bigger"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    with Store(db) as store:
        partial = store.counts()
        origins = [d["origin"] for d in store.documents()]
        assert 0 < partial["documents"] < TOTAL
        assert len(origins) == len(set(origins))
        assert store.connection.execute(
            "SELECT count(*) FROM document_signatures s LEFT JOIN documents d ON d.id = s.document_id "
            "WHERE d.id IS NULL").fetchone() == (0,)
    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{TOTAL - partial['documents']} ingested" in rerun.stdout
    with Store(db) as store:
        documents = store.documents()
        assert len(documents) == TOTAL
        assert len({d["origin"] for d in documents}) == TOTAL
        assert store.errors() == []


def _committed(db: Path) -> int:
    """Documents committed so far, read from a copy so as not to take the writer's lock."""
    import shutil

    import duckdb

    copy = db.with_suffix(".peek")
    try:
        shutil.copy(db, copy)
        wal = Path(str(db) + ".wal")
        if wal.exists():
            shutil.copy(wal, Path(str(copy) + ".wal"))
        con = duckdb.connect(str(copy), read_only=True)
        try:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]
        finally:
            con.close()
    except Exception:  # the file may be mid-write; try again later
        return 0
    finally:
        for leftover in (copy, Path(str(copy) + ".wal")):
            leftover.unlink(missing_ok=True)


@pytest.mark.usefixtures("blank_nlp")
def test_pipeline_fixed_input_clears_its_error(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"")
    assert ingest([str(path)], store).rejected == 1
    assert [e["input"] for e in store.errors()] == [str(path)]
    path.write_text(_text(5), encoding="utf-8")
    summary = ingest([str(path)], store)
    assert (summary.ingested, summary.rejected) == (1, 0)
    assert store.errors() == []


@pytest.mark.slow
def test_pipeline_workers_give_the_serial_results_in_order() -> None:
    from sitreps.config import PipelineConfig
    from sitreps.documents import to_document
    from sitreps.models import RawInput
    from sitreps.pipeline import Pipeline

    texts = [f"Gunmen killed {n + 2} villagers in Boni, Mali, on Sunday, residents said." for n in range(9)]
    texts += ["Des hommes armés ont tué trois civils à Djibo samedi, selon des sources locales."]
    documents = [to_document(RawInput(origin=f"r{n}", text=t, published="2024-03-12")) for n, t in enumerate(texts)]
    serial = [x.scoring_record() for x in Pipeline().pipe(documents, batch_size=2)]
    parallel = [x.scoring_record() for x in Pipeline(PipelineConfig(n_process=2)).pipe(documents, batch_size=2)]
    assert parallel == serial
    assert [r["id"] for r in parallel] == [d.id for d in documents]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pipeline_line_break_ends_a_sentence(lang: str) -> None:
    from sitreps.nlp.load import load_nlp

    text = {"en": "Mali: army post attacked in Boni\nGunmen attacked the post on Sunday.",
            "fr": "Mali : un poste attaqué à Boni\nDes hommes armés ont attaqué le poste dimanche."}[lang]
    doc = load_nlp(lang)(text)
    first = next(iter(doc.sents))
    assert first.text.strip() == text.split("\n")[0]


def test_pipeline_line_break_tokens_are_the_spaces_holding_a_line_break() -> None:
    import spacy

    from sitreps.nlp.segment import line_break_tokens

    doc = spacy.blank("en")("Title\n\nBody  text.\nMore \t words.\n")
    assert [doc[i].text for i in line_break_tokens(doc)] == ["\n\n", "\n", "\n"]
    assert line_break_tokens(spacy.blank("en")("")) == []


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Niger: eight soldiers killed near Filingue\nEight Nigerien soldiers were killed on Friday near Filingue."),
    ("fr", "Téra : dix militaires tués\nDix militaires nigériens ont été tués samedi près de Téra."),
])
def test_pipeline_line_start_is_not_a_sentence_of_its_own(lang: str, text: str) -> None:
    from sitreps.nlp.load import load_nlp

    sentences = [s.text.strip() for s in load_nlp(lang)(text).sents]
    assert sentences == [line.strip() for line in text.split("\n")]


def test_pipeline_ingest_writes_held_extractions_after_a_few_seconds(store: Store,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # extractions are written 128 at a time, or once they have waited WRITE_SECONDS: a slow run shows its
    # progress and a killed one loses little
    from sitreps import pipeline

    clock = [100.0]
    monkeypatch.setattr(pipeline.time, "monotonic", lambda: clock[0])
    run = pipeline._IngestRun(store, None)
    documents = [to_document(RawInput(origin=f"r{n}", text=f"Report {n}: nothing happened in Gao.")) for n in range(3)]
    run.finish(documents[0], Extraction(document=documents[0]))
    run.finish(documents[1], Extraction(document=documents[1]))
    assert store.counts()["documents"] == 0 and run.counts["ingested"] == 0
    clock[0] += pipeline.WRITE_SECONDS
    run.finish(documents[2], Extraction(document=documents[2]))
    assert store.counts()["documents"] == 3 and run.counts["ingested"] == 3
