"""Time the actor component, actor resolution and date finding on 800-word reports.

Usage: python3 benchmarks/actors_dates.py [--runs 50]

Uses a blank English pipeline with a sentencizer so that only sitreps's own
code is timed (the statistical models are timed in benchmarks/ingest.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import spacy

import sitreps.nlp.actors
from sitreps.models import Document
from sitreps.resolve.actors import find_actors
from sitreps.resolve.dates import find_dates

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def sample_text(words: int = 800) -> str:
    pool: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        pool.extend(path.read_text(encoding="utf-8").split())
    while len(pool) < words:
        pool.extend(pool)
    return " ".join(pool[:words])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    text = sample_text()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = sitreps.nlp.actors.ActorRuler(lang="en")
    docs = [nlp(text) for _ in range(args.runs)]
    meta = Document(id="bench", text=text, origin="bench")
    t0 = time.perf_counter()
    for doc in docs:
        ruler(doc)
    t1 = time.perf_counter()
    for doc in docs:
        find_actors(doc, meta)
    t2 = time.perf_counter()
    for doc in docs:
        find_dates(doc, dt.date(2024, 6, 1))
    t3 = time.perf_counter()
    n = len(docs)
    print(f"800 words, {n} runs: sitreps_actors {1000 * (t1 - t0) / n:.1f} ms, "
          f"find_actors {1000 * (t2 - t1) / n:.1f} ms, find_dates {1000 * (t3 - t2) / n:.1f} ms per report")


if __name__ == "__main__":
    main()
