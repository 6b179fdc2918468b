"""Tolls and regions of coded events (sitreps.events.coder, sitreps.events.location).

Places and actors are built by hand so that these tests check the coder, not the resolvers; the spaCy
models are loaded for the parse (``slow``).  The region rules are also checked on hand-built places.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from sitreps.events import location
from sitreps.models import Document, Event, Place

PUBLISHED = dt.date(2024, 3, 13)  # a Wednesday


def _place(text: str, name: str, country: str, *, feature: str = "locality", admin1: str | None = None,
           source: str | None = None) -> Place:
    start = text.index(name)
    located = source != "unresolved"
    return Place(name=name, start=start, end=start + len(name), country=country, feature=feature, admin1=admin1,
                 latitude=14.0 if located else None, longitude=-1.0 if located else None, source=source,
                 geo_precision=1 if feature == "locality" else 3)


def code(text: str, lang: str, places: Sequence[Place] = ()) -> list[Event]:
    from sitreps.events.coder import code_events
    from sitreps.nlp.load import load_nlp

    doc = load_nlp(lang)(text)
    document = Document(id="doc-t", text=text, origin="test", published=PUBLISHED, published_precision=1,
                        language=lang)
    return code_events(doc, document, places=list(places), actors=[])


# --- regions, no model needed


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [("Tombouctou", "Mali", "Timbuktu"), ("Ségou", "Mali", "Ségou"), ("Tillabéri", "Niger", "Tillabéri"),
     ("Tombouctou", "Niger", "Tombouctou"), (None, "Mali", None)],
)
def test_events_tolls_admin1_under_acled_names(name: str | None, country: str, expected: str | None) -> None:
    assert location.acled_admin1(name, country) == expected


def test_events_tolls_admin1_from_a_province_of_the_same_sentence() -> None:
    text = "Gunmen killed 14 people in Tadaryat, a village in Oudalan province, and fled towards Dori."
    village = _place(text, "Tadaryat", "Burkina Faso", source="unresolved")
    province = _place(text, "Oudalan", "Burkina Faso", feature="admin2", admin1="Sahel")
    town = _place(text, "Dori", "Burkina Faso", admin1="Sahel-town")
    found = location.admin1_nearby(village, [village, province, town], (0, len(text)), [], "Burkina Faso")
    assert found == "Sahel"  # the province wins over a town of the same sentence


def test_events_tolls_admin1_never_from_a_town_for_a_country_level_event() -> None:
    text = "Gunmen killed ten civilians in central Mali, the government said in Bamako."
    country = _place(text, "Mali", "Mali", feature="country")
    capital = _place(text, "Bamako", "Mali", admin1="Bamako")
    assert location.admin1_nearby(country, [country, capital], (0, len(text)), [], "Mali") is None
    assert location.admin1_nearby(None, [capital], (0, len(text)), [], "Mali") is None


def test_events_tolls_admin1_from_a_neighbouring_sentence_only_when_it_names_a_region() -> None:
    text = "Gunmen killed ten people in Kobou. The village lies in the Tillabéri region. Niamey sent troops."
    village = _place(text, "Kobou", "Niger", source="unresolved")
    region = _place(text, "Tillabéri", "Niger", feature="admin1", admin1="Tillabéri")
    capital = _place(text, "Niamey", "Niger", admin1="Niamey")
    first, second, third = (0, 34), (35, 77), (78, len(text))
    places = [village, region, capital]
    assert location.admin1_nearby(village, places, first, [second], "Niger") == "Tillabéri"
    assert location.admin1_nearby(village, places, first, [third], "Niger") is None
    assert location.admin1_nearby(village, places, first, [second], "Mali") is None  # another country's


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [("attacks in Mali's Menaka region", "Menaka", True), ("dans la région de Tillabéri", "Tillabéri", True),
     ("in the Bankass cercle of central Mali", "Bankass", True), ("dans la province du Soum", "Soum", True),
     ("in the town of Gao", "Gao", False), ("près de Gao, dans le nord", "Gao", False)],
)
def test_events_tolls_place_named_as_an_area(text: str, name: str, expected: bool) -> None:
    assert location.named_as_area(_place(text, name, "Mali"), text) is expected


def test_events_tolls_country_level_event_takes_a_region_named_as_such() -> None:
    text = "Gunmen killed ten civilians in Mali's Menaka region on Monday, officials said in Gao."
    country = _place(text, "Mali", "Mali", feature="country")
    region = _place(text, "Menaka", "Mali", admin1="Ménaka")  # resolved to the town of the same name
    town = _place(text, "Gao", "Mali", admin1="Gao")
    assert location.admin1_nearby(country, [country, region, town], (0, len(text)), [], "Mali", text=text) == "Ménaka"


# --- tolls across clauses, with the parser


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "place", "fatalities"),
    [
        ("fr", "Samedi, les volontaires de Falagountou ont repoussé une attaque contre leur position. "
               "« Six assaillants ont été tués, nous n'avons eu que deux blessés », a affirmé un responsable.",
         "Falagountou", 6),
        ("en", "On Sunday, soldiers repelled an attack on their post at Boulkessi. "
               "\"Seven attackers were killed and we had no losses,\" an officer said.", "Boulkessi", 7),
        ("fr", "Le jeudi 7 mars, un convoi de ravitaillement a été pris à partie près de Pissila. "
               "La riposte a permis de neutraliser 20 terroristes ; trois soldats et deux VDP sont tombés.",
         "Pissila", 25),
        ("en", "On Sunday, French troops clashed with militants near Ansongo. "
               "The French army said about ten terrorists were put out of action.", "Ansongo", 10),
    ],
)
def test_events_tolls_counted_in_a_clause_without_trigger(lang: str, text: str, place: str,
                                                          fatalities: int) -> None:
    events = code(text, lang, [_place(text, place, "Mali")])
    assert [e.fatalities for e in events if e.location == place] == [fatalities]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Angry residents set fire to the police station in Kaya on Monday after two traders were killed "
               "on the road."),
        ("fr", "Des jeunes en colère ont incendié lundi le commissariat de Kaya après la mort de deux "
               "commerçants sur la route."),
    ],
)
def test_events_tolls_deaths_a_riot_followed_are_not_its_toll(lang: str, text: str) -> None:
    events = code(text, lang, [_place(text, "Kaya", "Burkina Faso")])
    assert [e.fatalities for e in events if e.location == "Kaya"] == [0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "region"),
    [
        ("en", "Gunmen killed 14 people on Friday in Tadaryat, a village in Oudalan province.", "Oudalan"),
        ("fr", "Des hommes armés ont tué 14 personnes vendredi à Tadaryat, un village de la province de l'Oudalan.",
         "Oudalan"),
    ],
)
def test_events_tolls_unresolved_village_takes_its_province_region(lang: str, text: str, region: str) -> None:
    places = [_place(text, "Tadaryat", "Burkina Faso", source="unresolved"),
              _place(text, region, "Burkina Faso", feature="admin2", admin1="Sahel")]
    events = code(text, lang, places)
    assert [(e.location, e.admin1, e.fatalities) for e in events] == [("Tadaryat", "Sahel", 14)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "At least 49 civilians and 15 soldiers were killed on Tuesday in two attacks in northern Mali. "
               "The civilians died when a boat was targeted near Banikane. The soldiers were killed hours later "
               "when a military position in Bourem was attacked; the army said 50 assailants were neutralised."),
        ("fr", "Au moins 49 civils et 15 soldats ont été tués mardi dans deux attaques dans le nord du Mali. "
               "Les civils ont été tués quand un bateau a été visé près de Banikane. Les soldats ont été tués "
               "quelques heures plus tard quand une position militaire a été prise pour cible à Bourem ; "
               "l'armée dit avoir neutralisé 50 assaillants."),
        ("fr", "Au moins 49 civils et 15 soldats ont été tués mardi dans deux attaques dans le nord du Mali. "
               "Les civils ont été tués quand un bateau a été visé près de Banikane. Les soldats ont été tués "
               "quelques heures plus tard lors de l'attaque d'une position à Bourem ; l'armée dit avoir "
               "neutralisé 50 assaillants."),
    ],
)
def test_events_tolls_summary_counts_go_to_the_incidents_naming_their_victims(lang: str, text: str) -> None:
    events = code(text, lang, [_place(text, "Banikane", "Mali"), _place(text, "Bourem", "Mali")])
    assert {e.location: e.fatalities for e in events} == {"Banikane": 49, "Bourem": 65}
