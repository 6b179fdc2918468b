"""Place resolution: candidates scored by population, context and focus; precision codes; event places."""

from __future__ import annotations

import numpy as np
import pytest

from sitreps.knowledge import geo_build
from sitreps.knowledge.gazetteer import Gazetteer, haversine_km
from sitreps.models import Document, Place
from sitreps.resolve.geo_coords import parse_coordinates
from sitreps.resolve.places import Mention, Resolver, admin1_of, best_event_place, precision_of


def world() -> Gazetteer:
    """A hand-built gazetteer with an ambiguous Paris and an ambiguous Ménaka."""
    b = geo_build._Builder()

    def add(name: str, lat: float, lon: float, cc: str, feature: str, pop: int, admin1: str | None = None,
            source: int = 2, flags: int = 0, alternates: tuple[str, ...] = ()) -> None:
        b.add(name=name, lat=lat, lon=lon, cc=cc, admin1=admin1, admin2=None, population=pop, feature=feature,
              source=source, geonames_id=len(b.names) + 1, flags=flags, alternates=alternates)

    add("France", 46.0, 2.0, "FR", "country", 67_000_000, source=0)
    add("United States", 39.8, -98.5, "US", "country", 327_000_000, source=0, alternates=("U.S.",))
    add("Mali", 17.0, -4.0, "ML", "country", 20_000_000, source=0)
    add("Texas", 31.25, -99.25, "US", "admin1", 22_000_000, admin1="Texas", source=1)
    add("Ménaka", 15.77, 2.85, "ML", "admin1", 40_000, admin1="Ménaka", source=1)
    add("Centre", 12.3, -1.5, "BF", "admin1", 2_500_000, admin1="Centre", source=1)
    add("Paris", 48.85, 2.35, "FR", "locality", 2_100_000, admin1="Île-de-France", flags=geo_build.CAPITAL)
    add("Paris", 33.66, -95.56, "US", "locality", 25_000, admin1="Texas")
    add("Dallas", 32.78, -96.80, "US", "locality", 1_300_000, admin1="Texas")
    add("Ménaka", 15.92, 2.40, "ML", "locality", 14_000, admin1="Ménaka")
    add("Tamalat", 15.60, 2.85, "ML", "locality", 0, admin1="Ménaka", source=3)
    add("Springfield", 37.2, -93.3, "US", "locality", 170_000, admin1="Missouri")
    add("Springfield", 51.6, 0.5, "GB", "locality", 5_000, admin1="England")
    add("England", 52.5, -1.5, "GB", "admin1", 53_000_000, admin1="England", source=1)
    add("Aleppo", 36.2, 37.16, "SY", "locality", 2_000_000, admin1="Aleppo", alternates=("Berea",))
    add("Berea", 37.57, -84.3, "US", "locality", 14_000, admin1="Kentucky")
    add("Springfield", 39.8, -89.65, "US", "locality", 115_000, admin1="Illinois")
    add("Rockford", 47.0, -89.0, "US", "locality", 150_000, admin1="Illinois")  # moved far: only its region counts
    arrays = b.arrays()
    arrays["country_codes"] = np.array("\x1f".join(["BF", "FR", "GB", "ML", "SY", "US"]))
    arrays["country_names"] = np.array("\x1f".join(["Burkina Faso", "France", "United Kingdom", "Mali", "Syria", "United States"]))
    return Gazetteer(arrays)


def resolve(*mentions: Mention) -> list[Place]:
    from sitreps.resolve.places import to_place

    return [to_place(m, e) for m, e in Resolver(world()).resolve(list(mentions))]


def m(text: str, start: int = 0, **kw: object) -> Mention:
    return Mention(text=text, start=start, end=start + len(text), **kw)  # type: ignore[arg-type]


def test_places_paris_alone_is_the_capital() -> None:
    [paris] = resolve(m("Paris"))
    assert paris.country == "France" and paris.geo_precision == 1


def test_places_paris_with_texas_context_is_in_texas() -> None:
    paris, texas = resolve(m("Paris"), m("Texas", 10))
    assert paris.country_code == "US" and paris.admin1 == "Texas"
    assert texas.geo_precision == 3 and admin1_of(texas) == "Texas"


def test_places_paris_with_us_focus_is_in_texas() -> None:
    places = resolve(m("Dallas"), m("Paris", 20), m("United States", 40), m("U.S.", 60))
    assert places[1].country_code == "US"


def test_places_the_reports_region_picks_the_town() -> None:
    springfield, _ = resolve(m("Springfield"), m("Rockford", 20))
    assert springfield.admin1 == "Illinois"
    [alone] = resolve(m("Springfield"))
    assert alone.admin1 == "Missouri"  # the bigger one when nothing else is said


def test_places_a_repeated_name_is_not_its_own_witness() -> None:
    # five "Paris" and one "the Paris area" are one name: Texas, named once, decides for all of them
    mentions = [m("Paris", 10 * i) for i in range(5)] + [m("Paris", 60, relation="area"), m("Texas", 80)]
    places = resolve(*mentions)
    assert {p.admin1 for p in places[:5]} == {"Texas"}


def test_places_paris_with_france_named_stays_in_france() -> None:
    paris, _ = resolve(m("Paris"), m("France", 10))
    assert paris.country_code == "FR"


def test_places_region_words_choose_the_region() -> None:
    [town] = resolve(m("Ménaka"))
    assert town.feature == "locality" and town.geo_precision == 1
    [region] = resolve(m("Ménaka", relation="area", kind="région"))
    assert region.feature == "admin1" and region.geo_precision == 3


@pytest.mark.parametrize("relation", ["near", "distance", "between"])
def test_places_near_a_town_is_precision_two(relation: str) -> None:
    [place] = resolve(m("Tamalat", relation=relation, km=30.0, direction="north"))
    assert place.name == "Tamalat" and place.geo_precision == 2
    assert place.relation == relation  # kept, so the report-level list can tell how the text named it


def test_places_plain_mention_has_no_relation() -> None:
    [place] = resolve(m("Tamalat"))
    assert place.relation is None


def test_places_supplement_village_resolves() -> None:
    [place] = resolve(m("TAMALAT"))
    assert place.admin1 == "Ménaka" and place.country == "Mali"
    assert haversine_km(place.latitude or 0, place.longitude or 0, 15.60, 2.85) < 1


def test_places_alternate_names_lose_to_main_names() -> None:
    [berea] = resolve(m("Berea"))
    assert berea.country_code == "US"  # not Aleppo, a hundred times bigger but named so only by an alternate


def test_places_x_comma_y_puts_x_in_y() -> None:
    text = "Floods hit Springfield, England"
    first, england = m("Springfield", 11), m("England", 24)
    resolver = Resolver(world())
    assert [e.country_code for _, e in resolver.resolve([first], text)] == ["US"]  # type: ignore[union-attr]
    got = resolver.resolve([first, england], text)
    assert [e.country_code for _, e in got] == ["GB", "GB"]  # type: ignore[union-attr]


def test_places_common_word_region_of_another_country_is_dropped() -> None:
    [(_, centre)] = Resolver(world()).resolve([m("Centre")])
    assert centre is not None and centre.country_code == "BF"  # alone, nothing says otherwise
    got = Resolver(world()).resolve([m("Centre"), m("Tamalat", 20), m("Mali", 40)])
    assert got[0][1] is None and got[1][1] is not None


def test_places_unknown_name_is_unresolved() -> None:
    [(mention, entry)] = Resolver(world()).resolve([m("Atlantis")])
    assert entry is None


def test_places_precision_of_a_country_is_three() -> None:
    gaz = world()
    [mali] = gaz.lookup("Mali")
    assert precision_of(mali, m("Mali", relation="near")) == 3


def place(name: str, start: int, precision: int, lat: float | None = 1.0) -> Place:
    return Place(name=name, start=start, end=start + len(name), latitude=lat, longitude=lat,
                 geo_precision=precision, admin1="A", feature="locality" if precision < 3 else "admin1")


def test_places_best_event_place_prefers_the_most_precise_in_range() -> None:
    places = [place("Mopti", 0, 3), place("Boni", 20, 1), place("Gao", 40, 2), place("Kidal", 300, 1)]
    assert best_event_place(places, 0, 60).name == "Boni"  # type: ignore[union-attr]
    assert best_event_place(places, 35, 60).name == "Gao"  # type: ignore[union-attr]
    assert best_event_place(places, 100, 120, window=50) is None
    assert best_event_place(places, 100, 120).name == "Boni"  # type: ignore[union-attr]
    assert best_event_place(places[2:], 100, 120, window=150).name == "Gao"  # type: ignore[union-attr]
    assert best_event_place([place("Nowhere", 5, 1, lat=None)], 0, 60) is None


def test_places_admin1_of() -> None:
    assert admin1_of(Place(name="Mali", feature="country", admin1=None)) is None
    assert admin1_of(Place(name="Ménaka", feature="admin1")) == "Ménaka"
    assert admin1_of(Place(name="Tamalat", feature="locality", admin1="Ménaka")) == "Ménaka"


@pytest.mark.parametrize(("text", "lat", "lon"), [
    ("at 14.5N 1.2W today", 14.5, -1.2), ("position 14°30'N, 1°12'W.", 14.5, -1.2), ("N 14.5 W 1.2", 14.5, -1.2),
    ("(15.1N, 0.9E)", 15.1, 0.9),
])
def test_places_coordinates_in_text(text: str, lat: float, lon: float) -> None:
    [(start, end, got_lat, got_lon)] = parse_coordinates(text)
    assert (round(got_lat, 3), round(got_lon, 3)) == (lat, lon)
    assert text[start:end].strip()


@pytest.mark.parametrize("text", ["14°30'N only", "ratio 3.5N", "95N 200E", ""])
def test_places_no_coordinates(text: str) -> None:
    assert parse_coordinates(text) == []


def test_places_resolve_places_reads_the_doc_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    from sitreps.nlp.toponyms import GEO_EXT, register_extension
    from sitreps.resolve import places as places_module

    register_extension()
    gaz = world()
    monkeypatch.setattr(places_module, "get_gazetteer", lambda: gaz)
    doc = spacy.blank("en")("Clashes near Tamalat and in Paris , Texas .")
    spans = [doc[2:3], doc[5:6], doc[7:8]]
    spans[0]._.set(GEO_EXT, {"relation": "near"})
    doc.spans["toponyms"] = spans
    document = Document(id="d", text=doc.text, origin="test")
    out = places_module.resolve_places(doc, document)
    assert [(p.name, p.geo_precision, p.country_code) for p in out] == [
        ("Tamalat", 2, "ML"), ("Paris", 1, "US"), ("Texas", 3, "US")]
    assert [doc.text[p.start:p.end] for p in out] == ["Tamalat", "Paris", "Texas"]  # type: ignore[misc]
