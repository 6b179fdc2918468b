"""The sitreps_toponyms component: entity and gazetteer spans, and what their context says."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from sitreps.nlp.toponyms import GEO_EXT, ToponymFinder, context_of, mark_between, register_extension

FAKE = {
    "tamalat": [("locality", 0, "supplement", False, "ML")],
    "sobane da": [("locality", 0, "supplement", False, "ML")],
    "police": [("locality", 30_000, "package", False, "PL")],
    "springfield": [("locality", 170_000, "package", False, "US")],
    "mali": [("country", 20_000_000, "package", False, "ML")],
    "smallville": [("locality", 2_000, "package", False, "US")],
    "butler county": [("admin2", 300_000, "package", False, "US")],
}


def fake_lookup(text: str) -> list[tuple[str, int, str, bool, str]]:
    return FAKE.get(text.lower(), [])


def finder_doc(text: str, lang: str = "en") -> Doc:
    nlp = spacy.blank(lang)
    doc = nlp(text)
    return ToponymFinder(lang, lookup=fake_lookup, demonyms=False)(doc)


def texts(doc: Doc) -> list[str]:
    return [s.text for s in doc.spans["toponyms"]]


def test_toponyms_gazetteer_finds_capitalised_names_only() -> None:
    doc = finder_doc("Gunmen raided Tamalat and Sobane Da ; the herders fled to Springfield .")
    assert texts(doc) == ["Tamalat", "Sobane Da", "Springfield"]
    assert all(s.label_ == "GAZ" for s in doc.spans["toponyms"])


def test_toponyms_gazetteer_skips_common_words_and_small_towns() -> None:
    doc = finder_doc("The Police chief met people from Smallville in the capital .")
    assert texts(doc) == []
    doc = finder_doc("Herders from Springfield said the springfield market was closed .")
    assert texts(doc) == []  # used lower-case in the same text: a common word here


def test_toponyms_small_town_of_a_named_country_is_kept() -> None:
    # the fake Smallville is in the US: naming no US, it stays out; a Malian village would come in
    doc = finder_doc("Troops left Mali for Tamalat and Smallville .")
    assert texts(doc) == ["Mali", "Tamalat"]


def test_toponyms_entities_are_kept_and_trimmed() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Fighting in the United States and in Sobane Da .")
    doc.ents = [Span(doc, 2, 5, label="GPE"), Span(doc, 7, 8, label="GPE")]
    doc = ToponymFinder("en", lookup=fake_lookup, demonyms=False)(doc)
    assert texts(doc) == ["United States", "Sobane Da"]  # "the" dropped, the partial entity widened


def tagged(text: str, ents: list[tuple[int, int, str]]) -> Doc:
    nlp = spacy.blank("en")
    doc = nlp(text)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return ToponymFinder("en", lookup=fake_lookup, demonyms=False)(doc)


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("He spoke for the Butler County Coroner 's Office .", [(3, 9, "ORG")], ["Butler County"]),
    ("He chairs the Springfield Historical Society .", [(2, 6, "ORG")], ["Springfield"]),
    ("The United Bank of Springfield Market opened .", [(0, 6, "ORG")], ["Springfield"]),
    ("Springfield Police said so .", [(0, 2, "PERSON")], ["Springfield"]),
    ("He chairs the Smallville Historical Society .", [(2, 6, "ORG")], []),
    # a name before "County" is the county's, never the namesake town of another state
    ("Call Springfield County Crimestoppers now .", [(1, 4, "ORG")], []),
    ("Call the Butler County Crimestoppers now .", [(1, 5, "ORG")], ["Butler County"]),
    # a "district" may be a chamber's or a school's, named after its town
    ("The Springfield District Chamber met .", [(0, 4, "ORG")], ["Springfield"]),
])
def test_toponyms_places_inside_organisation_names(text: str, ents: list[tuple[int, int, str]],
                                                    expected: list[str]) -> None:
    assert texts(tagged(text, ents)) == expected


def test_toponyms_one_sense_per_report() -> None:
    # a small town the model tags as a place once is taken where the model says ORG; alone it is not
    doc = tagged("Smallville voted . Smallville said no .", [(0, 1, "GPE"), (3, 4, "ORG")])
    assert texts(doc) == ["Smallville", "Smallville"]
    assert texts(tagged("Smallville said no .", [(0, 1, "ORG")])) == []


def test_toponyms_person_name_words_yield_to_the_place_sense() -> None:
    # a word of a person's name is the person where the model says PERSON ("Paris Hilton" ... "Paris")
    doc = tagged("Springfield Jones spoke . Springfield smiled .", [(0, 2, "PERSON"), (4, 5, "PERSON")])
    assert texts(doc) == []
    # unless the model also tags it as a place on its own: one sense per report, the place's
    doc = tagged("Springfield Jones spoke . Springfield smiled . Crime fell in Springfield .",
                 [(0, 2, "PERSON"), (4, 5, "PERSON"), (10, 11, "GPE")])
    assert texts(doc) == ["Springfield", "Springfield"]


@pytest.mark.parametrize(("text", "expected"), [
    ("SMALLVILLE — A fire destroyed a barn .", ["SMALLVILLE"]),
    ("Barn burns . SMALLVILLE , Kan. - A fire destroyed it .", ["SMALLVILLE"]),
    ("A fire in SMALLVILLE destroyed a barn .", []),
    ("UPDATE — A fire destroyed a barn .", []),
])
def test_toponyms_dateline_town_of_any_size(text: str, expected: list[str]) -> None:
    assert texts(finder_doc(text)) == expected


def test_toponyms_country_inside_a_run_of_capitalised_words() -> None:
    doc = finder_doc("The North East Mali Water Planning Group met .")
    assert texts(doc) == ["Mali"]


def context(text: str, name: str, lang: str) -> dict[str, object]:
    register_extension()
    doc = spacy.blank(lang)(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    return context_of(doc, span, lang)


@pytest.mark.parametrize(("lang", "text", "name", "relation", "km", "direction", "kind"), [
    ("en", "an attack 30 km north of Boni on Sunday", "Boni", "distance", 30.0, "north", None),
    ("en", "about 40 miles south-east of Gao", "Gao", "distance", 40 * 1.609, "southeast", None),
    ("en", "clashes near Tessit", "Tessit", "near", None, None, None),
    ("en", "on the outskirts of Djibo", "Djibo", "near", None, None, None),
    ("en", "in the Mopti region of central Mali", "Mopti", "area", None, None, "region"),
    ("en", "in the region of Gao", "Gao", "area", None, None, "region"),
    ("en", "gunmen entered Ogossagou village", "Ogossagou", "settlement", None, None, "village"),
    ("en", "the army camp of Boulkessi", "Boulkessi", "settlement", None, None, "army camp"),
    ("en", "fighting between Mondoro and Boulkessi", "Mondoro", "between", None, None, None),
    ("fr", "à 30 km au nord de Bandiagara", "Bandiagara", "distance", 30.0, "north", None),
    ("fr", "à une trentaine de kilomètres au sud de Djibo", "Djibo", "distance", 30.0, "south", None),
    ("fr", "à 15 km d'Ansongo", "Ansongo", "distance", 15.0, None, None),
    ("fr", "près de Ménaka", "Ménaka", "near", None, None, None),
    ("fr", "au nord-est de Tillabéri", "Tillabéri", "near", None, "northeast", None),
    ("fr", "dans la région de Mopti", "Mopti", "area", None, None, "région"),
    ("fr", "le cercle de Douentza", "Douentza", "area", None, None, "cercle"),
    ("fr", "la commune rurale de Tillia", "Tillia", "area", None, None, "commune rurale"),
    ("fr", "le village de Sobane Da", "Sobane Da", "settlement", None, None, "village"),
    ("fr", "le camp militaire de Boulkessi", "Boulkessi", "settlement", None, None, "camp militaire"),
    ("fr", "entre Mondoro et Hombori", "Mondoro", "between", None, None, None),
    ("en", "people of Gao said", "Gao", "", None, None, None),
])
def test_toponyms_context_patterns(lang: str, text: str, name: str, relation: str, km: float | None,
                                   direction: str | None, kind: str | None) -> None:
    info = context(text, name, lang)
    assert info["relation"] == relation
    assert info["direction"] == direction
    assert info["kind"] == kind
    if km is None:
        assert info["km"] is None
    else:
        assert info["km"] == pytest.approx(km, rel=0.01)


@pytest.mark.parametrize(("lang", "text", "second"), [
    ("en", "fighting between Mondoro and Boulkessi", "Boulkessi"),
    ("fr", "entre Mondoro et Hombori", "Hombori"),
])
def test_toponyms_between_marks_both(lang: str, text: str, second: str) -> None:
    register_extension()
    doc = spacy.blank(lang)(text)
    spans = [doc.char_span(text.index(n), text.index(n) + len(n)) for n in ("Mondoro", second)]
    for span in spans:
        assert span is not None
        span._.set(GEO_EXT, context_of(doc, span, lang))
    mark_between(doc, spans, lang)  # type: ignore[arg-type]
    assert [s._.get(GEO_EXT)["relation"] for s in spans] == ["between", "between"]  # type: ignore[union-attr]


# -- with the real models (slow) -------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Gunmen attacked Ogossagou village, 30 km north of Bandiagara in the Mopti region of Mali.",
     {"Ogossagou": "settlement", "Bandiagara": "distance", "Mopti": "area", "Mali": ""}),
    ("fr", "Des hommes armés ont attaqué le village de Sobane Da, à 30 km au nord de Bandiagara, dans la région "
           "de Mopti, entre Mondoro et Hombori.",
     {"Sobane Da": "settlement", "Bandiagara": "distance", "Mopti": "area", "Mondoro": "between",
      "Hombori": "between"}),
])
def test_toponyms_model_pipeline(lang: str, text: str, expected: dict[str, str]) -> None:
    from sitreps.nlp.load import load_nlp

    doc = load_nlp(lang)(text)
    got = {s.text: s._.get(GEO_EXT)["relation"] for s in doc.spans["toponyms"]}
    assert got == expected


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "", "   ", "Nothing happened here at all, nobody went anywhere.", "Le rapport ne cite aucun lieu.",
    "وقع هجوم في منطقة ميناكا شمال مالي", "Нападение произошло в регионе Гао.", "发生在马里北部的袭击",
    "The patrol was hit at 14.5N 1.2W, near 14°30'N.", "1234 5678 %%% ### ***",
])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_toponyms_bad_input_does_not_crash(text: str, lang: str) -> None:
    from sitreps.models import Document
    from sitreps.nlp.load import load_nlp
    from sitreps.resolve.places import resolve_places

    doc = load_nlp(lang)(text)
    places = resolve_places(doc, Document(id="x", text=text, origin="test", language=lang))
    for p in places:
        assert p.start is not None and p.end is not None and 0 <= p.start < p.end <= len(text)
    if "14.5N" in text:
        assert any(p.feature == "coordinates" and p.latitude == 14.5 and p.longitude == -1.2 for p in places)


@pytest.mark.slow
def test_toponyms_a_megabyte_of_place_names() -> None:
    from sitreps.models import Document
    from sitreps.nlp.load import load_nlp
    from sitreps.resolve.places import resolve_places

    text = ("Gao, Kidal, Ménaka, Tombouctou, Mopti, Djibo, Dori, Niamey, Tillabéri, Ouagadougou. " * 12_000)[:1_000_000]
    doc = load_nlp("en")(text)
    places = resolve_places(doc, Document(id="x", text=text, origin="test"))
    assert len(places) > 50_000
    assert {p.country for p in places if p.latitude is not None} <= {"Mali", "Burkina Faso", "Niger"}


def test_toponyms_a_name_inside_a_group_name_is_no_place_but_a_state_force_keeps_its_country() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Springfield mercenaries and the Tamalat army met in Sobane Da .")
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 4, 5, label="GPE"), Span(doc, 8, 10, label="GPE")]
    doc.spans["actors"] = [Span(doc, 0, 2, label="Springfield Group"),
                           Span(doc, 3, 6, label="Military Forces of Tamalat")]
    doc = ToponymFinder("en", lookup=fake_lookup, demonyms=False)(doc)
    assert texts(doc) == ["Tamalat", "Sobane Da"]
