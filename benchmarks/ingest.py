"""Ingest throughput: synthetic reports end to end into a temporary store, against raw spaCy.

    python benchmarks/ingest.py            # 1,000 reports of ~800 words
    python benchmarks/ingest.py --n 200    # a quicker run
    python benchmarks/ingest.py --from tests/data/corpus/reports-01.jsonl --lang en
                                           # reports of ~800 words made of real-style ones

Prints a small table and the machine it ran on.  The reports are generated
from templates written for this benchmark (no real text), with a fixed seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import subprocess
import tempfile
import time
from pathlib import Path

ACTORS = ["JNIM fighters", "Islamic State Sahel Province militants", "unidentified gunmen", "Malian soldiers",
          "Burkinabe troops", "VDP volunteers", "Nigerien forces", "CSP rebels", "Dozo hunters",
          "suspected jihadists", "men on motorcycles", "a self-defence militia"]
TARGETS = ["a military post", "a village", "a convoy of lorries", "a weekly market", "a gendarmerie station",
           "displaced families", "a patrol", "a school", "a health centre", "herders"]
PLACES = ["Boni", "Djibo", "Menaka", "Gao", "Ansongo", "Tillaberi", "Dori", "Arbinda", "Niono", "Bankass",
          "Kaya", "Fada N'Gourma", "Ouahigouya", "Tessit", "Banibangou", "Ayorou", "Diffa", "Tahoua"]
REGIONS = ["Mopti", "Sahel", "Gao", "Tillaberi", "Segou", "Centre-Nord", "Est", "Nord", "Tahoua", "Menaka"]
DAYS = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday morning", "overnight on Friday",
        "on Saturday", "early on Sunday", "last week", "two days earlier"]
SOURCES = ["local officials said", "a security source told reporters", "residents said by telephone",
           "the army said in a statement", "an aid worker said", "according to a humanitarian report",
           "a local elected official said", "sources in the regional capital said"]
TEMPLATES = [
    "{actor} attacked {target} near {place} {day}, killing {n} people, {source}.",
    "{actor} ambushed {target} on the road between {place} and {place2} {day}, {source}.",
    "At least {n} civilians were killed when {actor} raided {target} in the {region} region {day}.",
    "The toll from the attack on {target} near {place} rose to {n}, {source}.",
    "{actor} abducted {small} people from {target} outside {place} {day}, {source}.",
    "An improvised explosive device hit {target} near {place} {day}, wounding {small}, {source}.",
    "{actor} clashed with {actor2} around {place} {day}; neither side gave a toll.",
    "Hundreds of residents fled {place} for {place2} after {actor} threatened {target}, {source}.",
    "Air strikes targeted positions of {actor} near {place} in the {region} region {day}, {source}.",
    "Protesters gathered in {place} {day} to denounce the insecurity in the {region} region.",
    "The situation around {place} remained tense {day}, and movement on the roads to {place2} was limited.",
    "Humanitarian agencies said access to {target} in the {region} region had been cut for weeks.",
]


def synthetic_report(rng: random.Random, words: int = 800) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        template = rng.choice(TEMPLATES)
        sentence = template.format(
            actor=rng.choice(ACTORS), actor2=rng.choice(ACTORS), target=rng.choice(TARGETS),
            place=rng.choice(PLACES), place2=rng.choice(PLACES), region=rng.choice(REGIONS),
            day=rng.choice(DAYS), source=rng.choice(SOURCES), n=rng.randint(2, 60), small=rng.randint(2, 12),
        )
        sentence = sentence[0].upper() + sentence[1:]
        sentences.append(sentence)
        count += len(sentence.split())
        if rng.random() < 0.2:
            sentences.append("\n\n")
    return " ".join(sentences).replace(" \n\n ", "\n\n")


def joined_reports(rng: random.Random, files: list[Path], lang: str | None, n: int, words: int) -> list[str]:
    """``n`` texts of about ``words`` words, each a few whole reports of ``files`` one after another
    (the reports of our corpora are shorter than 800 words): prose as it is written, names and all."""
    import json

    pool = [row["text"] for path in files for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and (row := json.loads(line)).get("text") and (lang is None or row.get("lang") == lang)]
    if not pool:
        raise SystemExit(f"no reports{' in ' + lang if lang else ''} in {', '.join(map(str, files))}")
    texts = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(pool))
        texts.append("\n\n".join(parts))
    return texts


def machine() -> str:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(os.cpu_count())
    import duckdb
    import spacy

    return (f"{dt.date.today().isoformat()}; nproc {nproc}; CPU {cpu}; Python {platform.python_version()}; "
            f"spaCy {spacy.__version__}; DuckDB {duckdb.__version__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--words", type=int, default=800, help="words per report (default 800)")
    parser.add_argument("--batch-size", type=int, default=None, help="documents a batch (default: the pipeline's)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker process counts to measure (default: 1 and 2)")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw spaCy run")
    parser.add_argument("--from", dest="source", type=Path, nargs="+", default=None,
                        help="JSON Lines reports (with a 'text') to build the reports from, instead of templates")
    parser.add_argument("--lang", default=None, help="with --from: only reports in this language")
    args = parser.parse_args()

    import spacy

    from sitreps.config import PipelineConfig
    from sitreps.nlp.load import load_nlp
    from sitreps.pipeline import ingest
    from sitreps.store import Store

    args.batch_size = args.batch_size or PipelineConfig().batch_size
    rng = random.Random(20240301)
    if args.source:
        texts = joined_reports(rng, args.source, args.lang, args.n, args.words)
    else:
        texts = [synthetic_report(rng, args.words) for _ in range(args.n)]
    total_words = sum(len(t.split()) for t in texts)
    config = PipelineConfig(batch_size=args.batch_size)
    rows: list[tuple[str, float, float]] = []

    with tempfile.TemporaryDirectory(prefix="sitreps-bench-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"report-{i:05d}.txt").write_text(text, encoding="utf-8")

        start = time.perf_counter()
        load_nlp("en", config)
        load_seconds = time.perf_counter() - start

        for workers in args.workers:
            run_config = PipelineConfig(batch_size=args.batch_size, n_process=workers)
            with Store(Path(tmp) / f"bench-{workers}.duckdb") as store:
                start = time.perf_counter()
                summary = ingest([str(folder)], store, config=run_config)
                seconds = time.perf_counter() - start
                events = store.counts()["events"]
            if summary.ingested != args.n:
                raise SystemExit(f"expected {args.n} ingested, got {summary}")
            rows.append((f"sitreps ingest, {workers} worker(s) (read, clean, dedupe, NLP, resolve, code, store)",
                         seconds, args.n / seconds))

        if not args.no_raw:
            full = spacy.load(PipelineConfig().english_model)  # every component, nothing disabled
            start = time.perf_counter()
            for _ in full.pipe(texts, batch_size=args.batch_size):
                pass
            seconds = time.perf_counter() - start
            rows.append((f"raw spaCy nlp.pipe, {PipelineConfig().english_model}, all components", seconds,
                         args.n / seconds))

    print(f"{args.n} synthetic reports, {total_words} words ({total_words / args.n:.0f} a report), "
          f"batch size {args.batch_size}; {events} events coded; model load {load_seconds:.1f} s (not counted)")
    print()
    print("| run | seconds | reports/s |")
    print("| --- | ---: | ---: |")
    for name, seconds, rate in rows:
        print(f"| {name} | {seconds:.1f} | {rate:.1f} |")
    print()
    print(f"Machine: {machine()}")


if __name__ == "__main__":
    main()
