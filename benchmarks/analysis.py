"""Time footprint, trends and hotspots on a large generated store.

Generates ``--n`` events (default 1,000,000) spread over Mali, Burkina Faso
and Niger across five years, named after several actors, into a temporary
store, then times each analysis: once cold (the first call computes the H3
cells of every distinct location) and ``--repeat`` times warm, printing the
median warm time.  Target: every warm query under 1 s.

Events repeat at a pool of ``--places`` locations (default 20,000), as
dataset events do at named towns and villages; the pool sits around real
Sahel towns with a spread of about 0.5 degrees.

    python3 benchmarks/analysis.py            # 1,000,000 events
    python3 benchmarks/analysis.py --n 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from sitreps.analysis import footprint, hotspots, trends
from sitreps.store import Store
from sitreps.store.store import COLUMNS

# Town centres (approximate coordinates) around which the generated places cluster.
TOWNS = [
    ("Mali", "Mopti", 14.49, -4.20), ("Mali", "Timbuktu", 16.77, -3.01), ("Mali", "Gao", 16.27, -0.04),
    ("Mali", "Menaka", 15.92, 2.40), ("Mali", "Segou", 13.43, -6.26), ("Mali", "Kidal", 18.44, 1.41),
    ("Burkina Faso", "Sahel", 14.04, -0.03), ("Burkina Faso", "Nord", 13.58, -2.42),
    ("Burkina Faso", "Est", 12.06, 0.36), ("Burkina Faso", "Boucle du Mouhoun", 12.46, -3.46),
    ("Niger", "Tillaberi", 14.21, 1.45), ("Niger", "Tahoua", 14.89, 5.27), ("Niger", "Diffa", 13.31, 12.61),
]
ISO = {"Mali": "MLI", "Burkina Faso": "BFA", "Niger": "NER"}
ACTORS = [
    "Jama'at Nusrat al-Islam wal-Muslimin", "Islamic State Sahel Province", "Military Forces of Mali",
    "Military Forces of Burkina Faso", "Military Forces of Niger", "Wagner Group",
    "Volunteers for the Defense of the Homeland", "Dan Na Ambassagou", "Unidentified Armed Group",
]
TYPES = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Protests", "Peaceful protest"),
         ("Strategic developments", "Looting/property destruction")]


def generate(n: int, places: int, seed: int = 0) -> pa.Table:
    """``n`` events as an arrow table with the store's ``events`` columns."""
    rng = np.random.default_rng(seed)
    town = rng.integers(0, len(TOWNS), places)
    place_lat = np.array([TOWNS[t][2] for t in town]) + rng.normal(0, 0.5, places)
    place_lon = np.array([TOWNS[t][3] for t in town]) + rng.normal(0, 0.5, places)
    place = rng.integers(0, places, n)
    start = dt.date(2020, 1, 1)
    days = rng.integers(0, 5 * 365, n)
    actor1 = rng.integers(0, len(ACTORS), n)
    actor2 = rng.integers(-1, len(ACTORS), n)
    kind = rng.integers(0, len(TYPES), n)
    country = [TOWNS[t][0] for t in town[place]]
    columns: dict[str, Any] = {
        "id": [f"bench:{i}" for i in range(n)],
        "event_type": [TYPES[k][0] for k in kind],
        "sub_event_type": [TYPES[k][1] for k in kind],
        "country": country,
        "event_date": pa.array(np.datetime64(start) + days.astype("timedelta64[D]"), type=pa.date32()),
        "time_precision": np.ones(n, dtype=np.int64),
        "actor1": [ACTORS[a] for a in actor1],
        "actor2": [ACTORS[a] if a >= 0 else None for a in actor2],
        "admin1": [TOWNS[t][1] for t in town[place]],
        "admin2": [f"{TOWNS[t][1]} cercle {p % 7}" for t, p in zip(town[place], place, strict=True)],
        "iso": [ISO[c] for c in country],
        "latitude": place_lat[place],
        "longitude": place_lon[place],
        "geo_precision": rng.choice([1, 2, 3], n, p=[0.7, 0.2, 0.1]),
        "fatalities": rng.poisson(1.5, n),
        "dataset": ["bench"] * n,
        "source_event_id": [str(i) for i in range(n)],
    }
    arrays = {}
    for name, kind_type in COLUMNS["events"].items():
        value = columns.get(name)
        arrays[name] = pa.array([None] * n, type=kind_type) if value is None else pa.array(value, type=kind_type)
    return pa.table(arrays)


def load(store: Store, table: pa.Table) -> None:
    def work(con: Any) -> None:
        con.register("bench_events", table)
        con.execute("INSERT INTO events SELECT * FROM bench_events")
        con.unregister("bench_events")

    store._write(work)  # the store's one writer, for a bulk load of ready-made rows


def timed(label: str, call: Callable[[], Any], repeat: int) -> tuple[float, float]:
    start = time.perf_counter()
    call()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        warm.append(time.perf_counter() - start)
    median = statistics.median(warm)
    flag = "ok" if median < 1.0 else "SLOW"
    print(f"{label:44} cold {cold:6.3f} s   warm median {median:6.3f} s   {flag}")
    return cold, median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="events to generate")
    parser.add_argument("--places", type=int, default=20_000, help="distinct locations")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per query")
    args = parser.parse_args()

    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores; {args.n:,} events at {args.places:,} places")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        start = time.perf_counter()
        table = generate(args.n, args.places)
        with Store(path) as store:
            load(store, table)
        print(f"generated and loaded in {time.perf_counter() - start:.1f} s")
        with Store(path, read_only=True) as store:
            timed("footprint JNIM, Mali, 12m, res 5", lambda: footprint(
                store, "JNIM", country="Mali", window="12m"), args.repeat)
            timed("footprint ISSP, all countries, 6m, res 6", lambda: footprint(
                store, "Islamic State Sahel Province", window="6m", resolution=6), args.repeat)
            timed("trends by actor, month", lambda: trends(store, by="actor", freq="month"), args.repeat)
            timed("trends by admin1, week, Burkina Faso", lambda: trends(
                store, by="admin1", freq="week", country="Burkina Faso"), args.repeat)
            timed("hotspots 30d vs 365d, res 5", lambda: hotspots(store, window="30d", baseline="365d"),
                  args.repeat)


if __name__ == "__main__":
    main()
