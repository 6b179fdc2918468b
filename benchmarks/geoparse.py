"""Geoparsing benchmark: accuracy on LGL + GeoVirus, speed on generated reports, peak memory.

    python3 benchmarks/geoparse.py [--gold PATH] [--limit N] [--speed-docs N] [--skip-speed] [--dump PATH]

Accuracy: runs the English pipeline and ``resolve_places`` over the gold file
(``<shared>/eval/dev/geoparsing/lgl_geovirus.jsonl`` by default, read here,
never copied), writes the system file to a temporary directory and scores it
with ``<shared>/eval/score_geo.py``; ``<shared>`` is ``$SITREPS_SHARED`` or the
``shared`` folder beside the checkout.  Speed: reports of about 800 words
built from a fixed template and gazetteer names; spaCy's own time is reported
apart from the toponym component and the resolver.  Prints one JSON object.

Latest results (2026-11-24, the shared 2-core dev container, other jobs running;
``python3 benchmarks/geoparse.py --speed-docs 100``):

- LGL + GeoVirus (817 reports, 6629 toponyms): detection P 0.835 R 0.873 F1 0.854;
  resolution acc@161km 0.860; end-to-end acc@161km 0.751; median error 1.6 km
  (before the second 2026-11-24 pass: P 0.842 R 0.867 F1 0.854, resolution 0.857,
  end to end 0.744, median 4.2 km; before the first: end to end 0.690).
- 800-word reports: spaCy (en_core_web_sm copy, parser + ner) about 140 ms each; the
  toponym component 7-11 ms and the resolver 10-17 ms each (about 18 ms for sitreps's
  own part on a quiet machine, 28 ms under load); peak RSS 710 MB.

``--dump PATH`` keeps the system file, to compare with the gold place by place.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(os.environ.get("SITREPS_SHARED") or Path(__file__).resolve().parents[2] / "shared")
GOLD = SHARED / "eval" / "dev" / "geoparsing" / "lgl_geovirus.jsonl"
SCORER = SHARED / "eval" / "score_geo.py"

SENTENCES = [
    "Gunmen attacked the village of {a} on Sunday, killing {n} civilians, local officials said.",
    "The army said it had repelled an assault on its camp near {a}, about 40 km north of {b}.",
    "Residents fled towards {b} after the attack, according to a humanitarian worker in {c}.",
    "Fighting between {a} and {b} continued for several hours before reinforcements arrived from {c}.",
    "The governor of the {c} region visited the wounded in the hospital of {b}.",
    "Aid groups said roads between {b} and {c} had been cut by improvised explosive devices.",
    "Officials in {d} said the situation in the north of the country remained tense.",
    "A convoy travelling from {a} to {c} was ambushed, the ministry of defence in {d} said.",
]
PLACES = ["Djibo", "Dori", "Kaya", "Menaka", "Gao", "Mopti", "Tillaberi", "Ouallam", "Ayorou", "Boulkessi",
          "Hombori", "Douentza", "Bankass", "Arbinda", "Seytenga", "Solhan", "Tahoua", "Niamey", "Bamako",
          "Ouagadougou", "Kidal", "Timbuktu", "Segou", "Fada N'Gourma", "Diapaga", "Djenne", "Tessit"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_reports(n: int, words: int = 800, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    reports = []
    for _ in range(n):
        parts: list[str] = []
        count = 0
        while count < words:
            s = rng.choice(SENTENCES).format(a=rng.choice(PLACES), b=rng.choice(PLACES), c=rng.choice(PLACES),
                                             d=rng.choice(["Bamako", "Niamey", "Ouagadougou"]), n=rng.randint(2, 40))
            parts.append(s)
            count += len(s.split())
        reports.append(" ".join(parts))
    return reports


def accuracy(gold: Path, limit: int | None, dump: Path | None = None) -> dict[str, object]:
    from sitreps.models import Document
    from sitreps.nlp.load import load_nlp
    from sitreps.resolve.places import resolve_places

    nlp = load_nlp("en")
    rows = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    if limit:
        rows = rows[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        system = Path(tmp) / "system.jsonl"
        gold_part = Path(tmp) / "gold.jsonl"
        t0 = time.perf_counter()
        with system.open("w", encoding="utf-8") as out:
            for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=32), strict=True):
                document = Document(id=str(row["id"]), text=row["text"], origin=str(gold))
                places = resolve_places(doc, document)
                out.write(json.dumps({"id": row["id"], "places": [
                    {"name": p.name, "start": p.start, "end": p.end, "latitude": p.latitude,
                     "longitude": p.longitude} for p in places]}) + "\n")
        elapsed = time.perf_counter() - t0
        if dump:  # the system file, for comparing with the gold place by place
            dump.write_text(system.read_text(encoding="utf-8"), encoding="utf-8")
        if limit:
            gold_part.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            gold = gold_part
        result = subprocess.run([sys.executable, str(SCORER), str(gold), str(system), "--json"],
                                capture_output=True, text=True, check=True)
    scores = json.loads(result.stdout)
    scores["seconds"] = round(elapsed, 1)
    return scores


def speed(n: int) -> dict[str, object]:
    from sitreps.models import Document
    from sitreps.nlp.load import load_nlp
    from sitreps.resolve.places import resolve_places

    nlp = load_nlp("en")
    reports = make_reports(n)
    list(nlp.pipe(reports[:4]))  # warm up: models and gazetteer loaded
    toponyms = nlp.get_pipe("sitreps_toponyms")
    spacy_s = toponym_s = resolve_s = 0.0
    n_places = 0
    with nlp.select_pipes(disable=["sitreps_toponyms", "sitreps_actors"]):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(reports, batch_size=32))
        spacy_s = time.perf_counter() - t0
    for i, doc in enumerate(docs):
        t0 = time.perf_counter()
        doc = toponyms(doc)
        t1 = time.perf_counter()
        n_places += len(resolve_places(doc, Document(id=str(i), text=reports[i], origin="bench")))
        t2 = time.perf_counter()
        toponym_s += t1 - t0
        resolve_s += t2 - t1
    ours = toponym_s + resolve_s
    return {"reports": n, "words_each": 800, "places": n_places,
            "spacy_model_s": round(spacy_s, 2), "toponym_component_s": round(toponym_s, 2),
            "resolve_s": round(resolve_s, 2), "ours_ms_per_report": round(ours / n * 1000, 2),
            "ours_reports_per_s": round(n / ours, 1),
            "reports_per_s_with_spacy": round(n / (spacy_s + ours), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--speed-docs", type=int, default=200)
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--dump", type=Path, default=None, help="also write the system places (JSONL) here")
    ap.add_argument("--skip-accuracy", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    from sitreps.knowledge.gazetteer import get_gazetteer

    get_gazetteer()
    out: dict[str, object] = {"gazetteer_load_s": round(time.perf_counter() - t0, 2)}
    if not args.skip_accuracy and args.gold.exists() and SCORER.exists():
        out["accuracy"] = accuracy(args.gold, args.limit, args.dump)
    if not args.skip_speed:
        out["speed"] = speed(args.speed_docs)
    out["peak_rss_mb"] = round(rss_mb())
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
