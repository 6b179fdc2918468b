#!/usr/bin/env python3
"""Event-extraction benchmark: quality against gold reports, and speed end to end.

Usage:
    python3 benchmarks/extract.py [GOLD.jsonl ...] [--scorer PATH] [--speed N] [--no-quality]

Quality: runs the whole pipeline (what ``sitreps extract`` does) over gold JSON Lines files (default:
``tests/data/corpus/*.jsonl`` plus ``../shared/eval/dev/seed.jsonl`` when present) and scores the output
with the reference ``score.py`` when found, otherwise with ``sitreps.events.scoring``.

Speed: generates N synthetic reports of about 800 words (English and French) and measures reports per
second through ``Pipeline.pipe`` against the bare English spaCy model's ``nlp.pipe`` on the same texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitreps.interfaces.commands_events import find_scorer, read_gold, render, score_records, system_records  # noqa: E402
from sitreps.models import RawInput  # noqa: E402

PLACES = ["Gao", "Menaka", "Mopti", "Djibo", "Kaya", "Tillaberi", "Diffa", "Boni", "Gossi", "Ansongo", "Dori", "Fada"]
GROUPS = ["gunmen", "suspected jihadists", "JNIM fighters", "Islamic State militants", "armed men"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_SENTENCES = [
    "{group} attacked a military post near {place} on {day}, killing {n} soldiers, a security source said.",
    "The army said it had repelled the assault and neutralised {m} assailants during the fighting.",
    "Residents of {place} said the attackers arrived on motorcycles before dawn and fired at the post.",
    "A drone strike on {day} hit a gathering near {place}, local officials said, without giving a toll.",
    "Aid workers said thousands of people had fled the villages around {place} in recent months.",
    "The region has been hit by repeated attacks since the start of the insurgency more than a decade ago.",
    "Protesters gathered in {place} on {day} to demand better protection from the security forces.",
    "Police arrested {n} people suspected of supplying fuel to the armed groups, the prosecutor said.",
]
FR_SENTENCES = [
    "Des hommes armés ont attaqué {day} un poste militaire près de {place}, tuant {n} soldats.",
    "L'armée affirme avoir repoussé l'assaut et neutralisé {m} terroristes lors des combats.",
    "Selon des habitants de {place}, les assaillants sont arrivés à moto avant l'aube.",
    "Une frappe de drone a visé {day} un rassemblement près de {place}, selon des sources locales.",
    "Des milliers de personnes ont fui les villages autour de {place} ces derniers mois.",
    "Des manifestants se sont rassemblés {day} à {place} pour réclamer davantage de sécurité.",
    "La gendarmerie a interpellé {n} personnes soupçonnées de ravitailler les groupes armés.",
]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def synthetic_reports(count: int, words: int = 800, seed: int = 7) -> list[RawInput]:
    """``count`` generated reports of about ``words`` words, alternating English and French."""
    rng = random.Random(seed)
    reports = []
    for n in range(count):
        french = n % 2 == 1
        templates, days = (FR_SENTENCES, FR_DAYS) if french else (EN_SENTENCES, WEEKDAYS)
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(templates).format(
                group=rng.choice(GROUPS), place=rng.choice(PLACES), day=rng.choice(days),
                n=rng.randint(2, 40), m=rng.randint(2, 60)))
        text = " ".join(parts)
        text = text[0].upper() + text[1:]
        reports.append(RawInput(origin=f"synthetic-{n}", id=f"synthetic-{n}", text=text, published="2024-03-10",
                                lang="fr" if french else "en"))
    return reports


def quality(paths: list[Path], scorer: Path | None, *, by_language: bool = False) -> None:
    rows = [row for path in paths for row in read_gold(path)]
    start = time.perf_counter()
    records = list(system_records(rows))
    elapsed = time.perf_counter() - start
    result = score_records(rows, records, scorer)
    print(f"# quality: {len(rows)} gold reports from {', '.join(str(p) for p in paths)} ({elapsed:.1f}s)")
    print(render(result))
    if by_language:
        for lang in sorted({str(row.get("lang")) for row in rows}):
            keep = [i for i, row in enumerate(rows) if str(row.get("lang")) == lang]
            part = score_records([rows[i] for i in keep], [records[i] for i in keep], scorer)
            print(f"# quality, lang={lang}: {len(keep)} reports")
            print(render(part))


def speed(count: int) -> None:
    from sitreps.config import PipelineConfig
    from sitreps.documents import to_document
    from sitreps.nlp.load import load_nlp
    from sitreps.pipeline import Pipeline

    raws = synthetic_reports(count)
    documents = [to_document(raw) for raw in raws]
    pipeline = Pipeline()
    for lang in ("en", "fr"):
        load_nlp(lang, pipeline.config)  # load outside the timing
    list(pipeline.pipe(documents[:2]))  # warm up lazy data (lexicons, gazetteer, actors)
    start = time.perf_counter()
    extractions = list(pipeline.pipe(documents))
    full = time.perf_counter() - start
    events = sum(len(e.events) for e in extractions)

    import spacy

    bare = spacy.load(PipelineConfig().english_model)
    texts = [d.text for d in documents]
    list(bare.pipe(texts[:2]))
    start = time.perf_counter()
    list(bare.pipe(texts, batch_size=PipelineConfig().batch_size))
    raw = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"# speed: {count} synthetic reports of ~{words:.0f} words (half French), {platform.machine()}, "
          f"{platform.python_version()}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"sitreps pipeline (parse + resolve + code): {count / full:6.2f} reports/s  ({events} events)")
    print(f"bare {PipelineConfig().english_model} nlp.pipe (all components): {count / raw:6.2f} reports/s")
    print(f"ratio: {full / raw:.2f}x the bare model's time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--scorer", type=Path, default=None)
    parser.add_argument("--speed", type=int, default=40, help="synthetic reports for the speed test (0: skip)")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--by-language", action="store_true", help="also score each language apart")
    args = parser.parse_args(argv)
    if not args.no_quality:
        paths = args.gold or sorted((ROOT / "tests" / "data" / "corpus").glob("*.jsonl"))
        seed = ROOT.parent / "shared" / "eval" / "dev" / "seed.jsonl"
        if not args.gold and seed.exists():
            paths.append(seed)
        scorer = args.scorer or find_scorer(None) or (
            ROOT.parent / "shared" / "eval" / "score.py" if (ROOT.parent / "shared" / "eval" / "score.py").exists()
            else None)
        if paths:
            quality(paths, scorer, by_language=args.by_language)
        else:
            print("# quality: no gold files found")
    if args.speed:
        speed(args.speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
