"""Every Sahel locality of the supplement, named in a sentence, resolves to its row (slow: spaCy models).

The truth here is the supplement's own coordinates (recalled from GeoNames/OSM and
cross-checked by tests/test_gazetteer.py against package towns), so these tests check
that detection and resolution find the row, not that the row is right.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitreps.knowledge import geo_build
from sitreps.knowledge.gazetteer import get_gazetteer, haversine_km
from sitreps.knowledge.geo_build import read_tsv
from sitreps.knowledge.geo_names import key
from sitreps.models import Document

COUNTRY = {"ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "MR": "Mauritania", "BJ": "Benin"}
ROWS = [r for r in read_tsv(geo_build.SUPPLEMENT) if r["feature"] in ("locality", "camp", "border_post", "commune")]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.slow


def places_of(text: str, lang: str):  # type: ignore[no-untyped-def]
    from sitreps.nlp.load import load_nlp
    from sitreps.resolve.places import resolve_places

    doc = load_nlp(lang)(text)
    return resolve_places(doc, Document(id="t", text=text, origin="test", language=lang))


def found(places, text: str, name: str):  # type: ignore[no-untyped-def]
    start = text.index(name)
    return [p for p in places if p.start is not None and p.start <= start < (p.end or 0)]


@pytest.mark.parametrize(("lang", "template", "precision"), [
    ("en", "Gunmen attacked {name} in {country} on Sunday, killing five civilians, residents said.", 1),
    ("en", "The convoy was ambushed about 20 km north of {name}, in {country}, officials said.", 2),
    ("fr", "Des hommes armés ont attaqué {name} ({country}) dimanche, tuant cinq civils.", 1),
    ("fr", "Le convoi est tombé dans une embuscade à 20 km au nord de {name}, au {country}.", 2),
])
def test_places_sahel_every_supplement_locality_resolves(lang: str, template: str, precision: int) -> None:
    failures: list[tuple[object, ...]] = []
    for row in ROWS:
        text = template.format(name=row["name"], country=COUNTRY[row["country_code"]])
        hits = found(places_of(text, lang), text, row["name"])
        if not hits:
            failures.append((row["name"], "not found"))
            continue
        p = hits[0]
        km = haversine_km(p.latitude or 0, p.longitude or 0, float(row["latitude"]), float(row["longitude"]))
        if km > 25 or p.geo_precision != precision:
            failures.append((row["name"], p.name, p.country, round(km), p.geo_precision))
    assert failures == []


@pytest.mark.parametrize(("lang", "a", "b"), [
    ("fr", "Ménaka", "Menaka"), ("fr", "Tombouctou", "Timbuktu"), ("en", "Tillabéri", "Tillaberi"),
    ("en", "Ségou", "Segou"), ("en", "Anderamboukane", "Andéramboukane"),
])
def test_places_sahel_spelling_variants_resolve_alike(lang: str, a: str, b: str) -> None:
    got = []
    for name in (a, b):
        text = f"Soldiers were deployed to {name} on Monday." if lang == "en" else f"Des soldats sont arrivés à {name} lundi."
        [p] = found(places_of(text, lang), text, name)
        got.append(p)
    assert haversine_km(got[0].latitude, got[0].longitude, got[1].latitude, got[1].longitude) < 25  # type: ignore[arg-type]


def _truth(name: str, country: str) -> tuple[float, float] | None:
    """Where a place of the examples is: its supplement row, else the gazetteer's settlement of that name."""
    for row in read_tsv(geo_build.SUPPLEMENT):
        if key(name) in {key(row["name"]), *(key(a) for a in row["alternates"].split("|") if a)}:
            return float(row["latitude"]), float(row["longitude"])
    towns = [e for e in get_gazetteer().lookup(name) if e.country == country and e.feature == "locality"
             and not e.alternate]
    return (towns[0].latitude, towns[0].longitude) if towns else None


def test_places_sahel_example_localities_resolve() -> None:
    """Every town or village that examples/gold.jsonl lists resolves within 25 km in its report."""
    gold_path = EXAMPLES / "gold.jsonl"
    if not gold_path.exists():
        pytest.skip("the examples are not there")
    gaz = get_gazetteer()
    failures = []
    checked = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        lang = gold.get("lang") or ("fr" if " le " in gold["text"] else "en")
        places = places_of(gold["text"], lang)
        for want in gold.get("places", []):
            areas = [e for e in gaz.lookup(want["name"]) if e.feature in ("country", "admin1", "admin2", "region")
                     and not e.alternate]
            truth = _truth(want["name"], want["country"])
            if truth is None or (areas and not any(e.feature == "locality" for e in gaz.lookup(want["name"]))):
                continue  # a country or region, not a locality
            checked += 1
            same = [p for p in places if key(p.name) == key(want["name"]) and p.country == want["country"]]
            if same and all(p.feature in ("admin1", "admin2") for p in same):
                continue  # the report names the region ("the Mopti region"), not the town
            hits = [p for p in places if p.latitude is not None
                    and haversine_km(p.latitude, p.longitude or 0, *truth) <= 25 and p.country == want["country"]]
            if not hits:
                failures.append((gold["id"], want["name"], [(p.name, p.country) for p in places]))
    assert checked >= 25
    assert failures == []
