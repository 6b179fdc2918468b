"""Importing ACLED and UCDP files: every field round-trips, bad rows are reported, writes are atomic."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitreps.analysis import imports
from sitreps.analysis.imports import export_csv, export_rows, import_file
from sitreps.errors import SourceError, StoreError
from sitreps.sources.datasets import ActorFolder
from sitreps.sources.datasets.acled import COLUMNS as ACLED_COLUMNS
from sitreps.sources.datasets.ucdp import COLUMNS as UCDP_COLUMNS
from sitreps.store import Store

NUMERIC = {"latitude", "longitude"}
LATEST = dt.date(2025, 12, 31)


class FakeActors:
    """A tiny actor dictionary: aliases folded to canonical names, Ansar Dine absorbed by JNIM in 2017."""

    ALIASES = {
        "isgs": "Islamic State Sahel Province", "islamic state (sahel)": "Islamic State Sahel Province",
        "eigs": "Islamic State Sahel Province", "jnim": "Jama'at Nusrat al-Islam wal-Muslimin",
        "military forces of mali (2021-)": "Military Forces of Mali", "fama": "Military Forces of Mali",
        "wagner": "Wagner Group", "africa corps": "Wagner Group",
    }

    def lookup(self, text: str, *, on: dt.date | None = None) -> SimpleNamespace | None:
        key = text.strip().casefold()
        if key == "ansar dine":
            if on is None or on >= dt.date(2017, 3, 2):
                return SimpleNamespace(name="Jama'at Nusrat al-Islam wal-Muslimin")
            return SimpleNamespace(name="Ansar Dine")
        name = self.ALIASES.get(key)
        return SimpleNamespace(name=name) if name else None


@pytest.fixture
def folder() -> ActorFolder:
    return ActorFolder(FakeActors())


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


def _write(path: Path, header: list[str], rows: list[dict[str, str]] | list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header] if isinstance(row, dict) else row)
    return path


ACTORS = ["ISGS", "Islamic State (Sahel)", "JNIM", "Military Forces of Mali (2021-)", "Wagner", "Ansar Dine",
          "Civilians (Mali)", "Unidentified Armed Group (Mali)", "Dan Na Ambassagou"]
TYPES = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Protests", "Peaceful protest"),
         ("Strategic developments", "Looting/property destruction"), ("Riots", "Mob violence")]
INTER = ["1", "2", "3", "4", "State forces", "Rebel group", "Civilians", "Identity militia"]


def acled_rows(count: int, seed: int = 1) -> list[dict[str, str]]:
    """Rows in the current ACLED export format with varied values (made up, not real ACLED data)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(4500))
        kind, sub = rng.choice(TYPES)
        row = {
            "event_id_cnty": f"{rng.choice(['MLI', 'BFO', 'NIR'])}{1000 + n}",
            "event_date": rng.choice([day.isoformat(), day.strftime("%d %B %Y")]),
            "year": str(day.year), "time_precision": str(rng.randint(1, 3)),
            "disorder_type": rng.choice(["Political violence", "Demonstrations", "Strategic developments"]),
            "event_type": kind, "sub_event_type": sub,
            "actor1": rng.choice(ACTORS), "assoc_actor_1": rng.choice(["", "Wagner", "FAMa; Wagner", "EIGS"]),
            "inter1": rng.choice(INTER), "actor2": rng.choice(["", *ACTORS]),
            "assoc_actor_2": rng.choice(["", "Civilians (Mali)"]), "inter2": rng.choice(["0", *INTER]),
            "interaction": str(rng.randint(10, 88)), "civilian_targeting": rng.choice(["", "Civilian targeting"]),
            "iso": rng.choice(["466", "854", "562"]), "region": "Western Africa",
            "country": rng.choice(["Mali", "Burkina Faso", "Niger"]),
            "admin1": rng.choice(["Mopti", "Sahel", "Tillaberi", ""]), "admin2": rng.choice(["Djenne", "Oudalan", ""]),
            "admin3": rng.choice(["", "Kouakourou"]), "location": f"Place {rng.randrange(200)}",
            "latitude": f"{rng.uniform(10, 20):.4f}", "longitude": f"{rng.uniform(-6, 5):.4f}",
            "geo_precision": str(rng.randint(1, 3)), "source": rng.choice(["AFP", "Menastream; RFI"]),
            "source_scale": rng.choice(["National", "International", "Other"]),
            "notes": rng.choice(["", "On a market day, armed men attacked \"the\" village, killing 3.", "Ligne\nà deux"]),
            "fatalities": str(rng.randint(0, 40)), "tags": rng.choice(["", "crowd size=no report"]),
            "timestamp": str(1_600_000_000 + n),
        }
        rows.append(row)
    return rows


def ucdp_rows(count: int, seed: int = 2) -> list[dict[str, str]]:
    """Rows in the UCDP GED format with varied values (made up, not real UCDP data)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        day = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(10000))
        violence = rng.randint(1, 3)
        row = {name: "" for name in UCDP_COLUMNS}
        row.update({
            "id": str(300000 + n), "relid": f"MLI-{n}", "year": str(day.year), "active_year": rng.choice(["0", "1"]),
            "code_status": "Clear", "type_of_violence": str(violence), "conflict_dset_id": str(rng.randint(1, 999)),
            "conflict_new_id": str(rng.randint(1, 999)), "conflict_name": "Mali: Government",
            "dyad_name": "Government of Mali - JNIM", "side_a": rng.choice(["Government of Mali", "ISGS", "JNIM"]),
            "side_b": "Civilians" if violence == 3 else rng.choice(["JNIM", "Ansar Dine", "IS Sahel"]),
            "number_of_sources": str(rng.randint(1, 5)), "source_article": "\"Reuters,2019-03-02,Attack\"",
            "source_headline": rng.choice(["", "Attack on a base"]), "where_prec": str(rng.randint(1, 7)),
            "where_coordinates": f"Town {rng.randrange(50)}", "where_description": "near the town",
            "adm_1": rng.choice(["Mopti region", "Gao region", ""]), "adm_2": rng.choice(["Djenne cercle", ""]),
            "latitude": f"{rng.uniform(10, 20):.5f}", "longitude": f"{rng.uniform(-6, 5):.5f}",
            "geom_wkt": "POINT (-4.5 13.9)", "priogrid_gid": str(rng.randint(100000, 200000)),
            "country": rng.choice(["Mali", "Burkina Faso", "Niger"]), "country_id": "432", "region": "Africa",
            "event_clarity": rng.choice(["1", "2"]), "date_prec": str(rng.randint(1, 5)),
            "date_start": rng.choice([day.isoformat(), f"{day.isoformat()} 00:00:00.000"]),
            "date_end": (day + dt.timedelta(days=rng.randint(0, 3))).isoformat(),
            "deaths_a": str(rng.randint(0, 9)), "deaths_b": str(rng.randint(0, 9)),
            "deaths_civilians": str(rng.randint(0, 9)), "deaths_unknown": "0", "best": str(rng.randint(0, 30)),
            "high": str(rng.randint(30, 60)), "low": str(rng.randint(0, 5)), "gwnoa": "432", "gwnob": "",
        })
        rows.append(row)
    return rows


def _same(original: dict[str, str], exported: dict[str, str]) -> list[str]:
    """The columns whose values differ (numbers compared as numbers)."""
    differ = []
    for name, value in original.items():
        back = exported.get(name, "<missing>")
        if name in NUMERIC and value and back:
            if float(value) != float(back):
                differ.append(name)
        elif value.strip() != back:
            differ.append(name)
    return differ


@pytest.mark.parametrize(("dataset", "make", "columns"), [
    ("acled", acled_rows, ACLED_COLUMNS), ("ucdp", ucdp_rows, UCDP_COLUMNS),
])
def test_import_round_trips_every_field(store, folder, tmp_path, dataset, make, columns) -> None:  # type: ignore[no-untyped-def]
    rows = make(300)
    path = _write(tmp_path / f"{dataset}.csv", list(columns), rows)
    report = import_file(store, dataset, path, actors=folder, latest=LATEST)
    assert (report.rows, report.imported, report.problems) == (300, 300, ())
    id_column = "event_id_cnty" if dataset == "acled" else "id"
    exported = {row[id_column]: row for row in export_rows(store, dataset)}
    assert len(exported) == 300
    for row in rows:
        assert _same(row, exported[row[id_column]]) == [], row[id_column]
    again = tmp_path / "again.csv"
    assert export_csv(store, dataset, again) == 300
    with again.open(encoding="utf-8", newline="") as handle:
        back = {r[id_column]: r for r in csv.DictReader(handle)}
    assert all(_same(row, back[row[id_column]]) == [] for row in rows)


def test_import_acled_stores_folded_and_current_values(store, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    row = acled_rows(1)[0] | {
        "event_id_cnty": "MLI7", "event_date": "12 March 2019", "actor1": "Islamic State (Sahel)",
        "assoc_actor_1": "FAMa; Wagner", "inter1": "Rebel group", "iso": "466", "latitude": "14.5000",
        "longitude": "-4.2000", "fatalities": "12", "actor2": "Ansar Dine",
    }
    import_file(store, "acled", _write(tmp_path / "a.csv", list(ACLED_COLUMNS), [row]), actors=folder)
    (event,) = store.events()
    assert event.id == "acled:MLI7" and event.dataset == "acled" and event.source_event_id == "MLI7"
    assert event.event_date == dt.date(2019, 3, 12)
    assert event.actor1 == "Islamic State Sahel Province"
    assert event.actor2 == "Jama'at Nusrat al-Islam wal-Muslimin"  # absorbed in 2017, event in 2019
    assert event.assoc_actor_1 == "Military Forces of Mali; Wagner Group"
    assert (event.inter1, event.iso, event.latitude, event.fatalities) == (2, "MLI", 14.5, 12)


LEGACY_HEADER = ["GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION",
                 "EVENT_TYPE", "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2", "INTERACTION",
                 "COUNTRY", "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION",
                 "SOURCE", "NOTES", "FATALITIES"]


@pytest.mark.parametrize(("legacy", "notes", "inter1", "expected"), [
    ("Battle-No change of territory", "", "2", ("Battles", "Armed clash")),
    ("Battle-Government regains territory", "", "1", ("Battles", "Government regains territory")),
    ("Battle-Non-state actor overtakes territory", "", "2", ("Battles", "Non-state actor overtakes territory")),
    ("Violence against civilians", "", "2", ("Violence against civilians", "Attack")),
    ("Remote violence", "An air strike hit the camp.", "1", ("Explosions/Remote violence", "Air/drone strike")),
    ("Remote violence", "Mortar shells fell on the base.", "2",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Remote violence", "A roadside device exploded.", "2",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Riots/Protests", "", "6", ("Protests", "Peaceful protest")),
    ("Riots/Protests", "", "5", ("Riots", "Violent demonstration")),
    ("Strategic development", "", "2", ("Strategic developments", "Other")),
    ("Headquarters or base established", "", "2", ("Strategic developments", "Headquarters or base established")),
    ("Non-violent transfer of territory", "", "2", ("Strategic developments", "Non-violent transfer of territory")),
])
def test_import_acled_legacy_types_map_to_current(store, folder, tmp_path, legacy, notes, inter1, expected) -> None:  # type: ignore[no-untyped-def]
    row = ["432", "MLI55", "55", "12-March-2014", "2014", "1", legacy, "JNIM", "", inter1, "", "", "0", "20",
           "Mali", "Mopti", "Djenne", "", "Djenne", "13.9", "-4.55", "1", "AFP", notes, "3"]
    path = _write(tmp_path / "old.csv", LEGACY_HEADER, [row])
    report = import_file(store, "acled", path, actors=folder)
    assert report.imported == 1 and report.problems == ()
    (event,) = store.events()
    assert (event.event_type, event.sub_event_type) == expected
    assert event.event_date == dt.date(2014, 3, 12)
    (back,) = export_rows(store, "acled")
    original = dict(zip([h.lower().replace("ally_", "assoc_") for h in LEGACY_HEADER], row, strict=True))
    assert _same(original, back) == []


def test_import_bad_rows_are_recorded_and_good_rows_imported(store, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = acled_rows(3)
    header = [*ACLED_COLUMNS, "my_column"]
    bad_coordinates = good[0] | {"event_id_cnty": "BAD1", "latitude": "", "longitude": ""}
    bad_date = good[0] | {"event_id_cnty": "BAD2", "event_date": "2099-01-01"}
    old_date = good[0] | {"event_id_cnty": "BAD3", "event_date": "1950-01-01"}
    not_date = good[0] | {"event_id_cnty": "BAD4", "event_date": "yesterday"}
    bad_type = good[0] | {"event_id_cnty": "BAD5", "event_type": "Picnic"}
    bad_deaths = good[0] | {"event_id_cnty": "BAD6", "fatalities": "-2"}
    duplicate = good[1]
    path = tmp_path / "bad.csv"
    _write(path, header, [good[0], bad_coordinates, bad_date, old_date, good[1], not_date, bad_type, bad_deaths,
                          duplicate, good[2]])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("MLI9,2019-01-01,2019\n")  # a short row: row 12
    report = import_file(store, "acled", path, actors=folder, latest=LATEST)
    assert report.imported == 3 and report.rows == 11
    problems = {p.input: p.reason for p in report.problems}
    assert problems == {
        f"{path}:1": "unknown columns, kept as extra fields: my_column",
        f"{path}:3": "missing coordinates (latitude/longitude)",
        f"{path}:4": "event_date out of range (1989-01-01 to 2025-12-31): '2099-01-01'",
        f"{path}:5": "event_date out of range (1989-01-01 to 2025-12-31): '1950-01-01'",
        f"{path}:7": "event_date is not a date: 'yesterday'",
        f"{path}:8": "unknown event_type: 'Picnic'",
        f"{path}:9": "fatalities out of range (0-...): '-2'",
        f"{path}:10": f"duplicate id {good[1]['event_id_cnty']} (first at row 6)",
        f"{path}:12": f"malformed row: 3 fields, the header has {len(header)}",
    }
    recorded = {e["input"]: e["reason"] for e in store.errors()}
    assert recorded == problems
    again = import_file(store, "acled", path, actors=folder, latest=LATEST)
    assert (again.imported, again.already_stored) == (0, 3)
    assert len(store.errors()) == len(problems)  # re-importing replaces, not duplicates, the messages


def test_import_csv_error_skips_only_that_row(store, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = acled_rows(3)
    rows[1]["notes"] = "x" * 200_000  # over the csv module's field size limit
    path = _write(tmp_path / "big.csv", list(ACLED_COLUMNS), rows)
    report = import_file(store, "acled", path, actors=folder, latest=LATEST)
    assert report.imported == 2
    assert [(p.input, p.reason) for p in report.problems] == [
        (f"{path}:3", "malformed CSV: field larger than field limit (131072)")
    ]


def test_import_missing_required_columns_imports_nothing(store, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    header = [c for c in ACLED_COLUMNS if c not in ("latitude", "fatalities")]
    path = _write(tmp_path / "short.csv", header, acled_rows(2))
    with pytest.raises(SourceError, match="missing required columns: latitude, fatalities"):
        import_file(store, "acled", path, actors=folder)
    assert store.counts()["events"] == 0
    assert [e["input"] for e in store.errors()] == [f"{path}:1"]


def test_import_unreadable_file_raises_source_error(store, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SourceError, match="cannot open"):
        import_file(store, "ucdp", tmp_path / "nothing.csv", actors=folder)
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="empty file"):
        import_file(store, "ucdp", tmp_path / "empty.csv", actors=folder)


def test_import_file_is_one_transaction(store, folder, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "a.csv", list(ACLED_COLUMNS), acled_rows(20))

    def broken(*args: object) -> None:
        raise ValueError("disk full")

    monkeypatch.setattr(imports, "_insert_fields", broken)
    with pytest.raises(StoreError, match="disk full"):
        import_file(store, "acled", path, actors=folder, latest=LATEST)
    assert store.counts()["events"] == 0


def test_import_ucdp_maps_violence_types_and_precision(store, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    row = ucdp_rows(1)[0] | {"id": "9", "type_of_violence": "3", "side_a": "ISGS", "side_b": "Civilians",
                             "date_start": "2019-03-02 00:00:00.000", "date_prec": "4", "where_prec": "4",
                             "best": "11", "country": "Niger"}
    import_file(store, "ucdp", _write(tmp_path / "u.csv", list(UCDP_COLUMNS), [row]), actors=folder)
    (event,) = store.events()
    assert event.id == "ucdp:9" and event.dataset == "ucdp"
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert (event.actor1, event.actor2) == ("Islamic State Sahel Province", "Civilians")
    assert (event.event_date, event.time_precision, event.geo_precision) == (dt.date(2019, 3, 2), 2, 3)
    assert (event.fatalities, event.iso) == (11, "NER")


def test_import_unknown_dataset_is_an_analysis_error(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sitreps.errors import AnalysisError

    with pytest.raises(AnalysisError, match="unknown dataset 'gdelt'"):
        import_file(store, "gdelt", tmp_path / "x.csv")


def test_import_ucdp_bad_rows_are_recorded(store, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = ucdp_rows(4)
    rows[1]["type_of_violence"] = "4"
    rows[2]["longitude"] = ""
    rows[3]["best"] = "many"
    header = [*UCDP_COLUMNS, "comment"]
    path = _write(tmp_path / "u.csv", header, rows)
    report = import_file(store, "ucdp", path, actors=folder, latest=LATEST)
    assert report.imported == 1
    assert {p.input: p.reason for p in report.problems} == {
        f"{path}:1": "unknown columns, kept as extra fields: comment",
        f"{path}:3": "type_of_violence out of range (1-3): '4'",
        f"{path}:4": "missing coordinates (latitude/longitude)",
        f"{path}:5": "best is not a number: 'many'",
    }
