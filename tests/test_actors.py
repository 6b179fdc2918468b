"""The sitreps_actors component and find_actors on hand-built blank pipelines."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language

import sitreps.nlp.actors  # noqa: F401  (registers the factory)
from sitreps.models import ActorMention, Document, Event, Span
from sitreps.nlp.actors import SPAN_KEY, country_focus
from sitreps.resolve.actors import attribution, find_actors, report_actors


@pytest.fixture(scope="module")
def pipes() -> dict[str, Language]:
    made = {}
    for lang in ("en", "fr"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("sitreps_actors", config={"lang": lang})
        made[lang] = nlp
    return made


def _labels(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span.label_) for span in doc.spans[SPAN_KEY]]


def _mentions(nlp: Language, text: str, title: str | None = None) -> list[ActorMention]:
    return find_actors(nlp(text), Document(id="t", text=text, origin="test", title=title))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Fighters of the ISGS raided the camp.", ("ISGS", "Islamic State Sahel Province")),
        ("en", "JNIM said it attacked.", ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin")),
        ("en", "Suspected jihadists linked to al-Qaeda struck.",
         ("Suspected jihadists linked to al-Qaeda", "Jama'at Nusrat al-Islam wal-Muslimin")),
        ("fr", "Des jihadistes liés à Al-Qaïda ont frappé.",
         ("jihadistes liés à Al-Qaïda", "Jama'at Nusrat al-Islam wal-Muslimin")),
        ("fr", "Des combattants de l’État islamique au Sahel ont attaqué.",
         ("État islamique au Sahel", "Islamic State Sahel Province")),
        ("fr", "Des hommes armés non identifiés ont tué trois civils.",
         ("hommes armés non identifiés", "Unidentified Armed Group")),
        ("fr", "Les FAMa ont riposté.", ("FAMa", "Military Forces of Mali")),
        ("fr", "Des éléments de la Garde nationale du Niger ont été tués.",
         ("Garde nationale du Niger", "Military Forces of Niger")),
        ("en", "Nigerien troops repelled them.", ("Nigerien troops", "Military Forces of Niger")),
        ("fr", "Un soldat malien a été blessé.", ("soldat malien", "Military Forces of Mali")),
        ("en", "Burkina Faso's army said so.", ("Burkina Faso's army", "Military Forces of Burkina Faso")),
        ("fr", "L'armée du Burkina a riposté.", ("armée du Burkina", "Military Forces of Burkina Faso")),
        ("fr", "L'armée nigérienne a riposté.", ("L'armée nigérienne", "Military Forces of Niger")),
        ("en", "Chadian soldiers arrived.", ("Chadian soldiers", "Military Forces of Chad")),
        ("en", "Africa Corps instructors left.", ("Africa Corps", "Wagner Group")),
        ("en", "A pro-Bamako militia fought.", ("pro-Bamako militia", "Platform")),
        ("fr", "Les autorités de Bamako ont répondu.", ("Bamako", "Government of Mali")),
        ("en", "The FLA took the town.", ("FLA", "Azawad Liberation Front")),
        ("fr", "Des orpailleurs ont été tués.", ("orpailleurs", "Civilians")),
    ],
)  # fmt: skip
def test_actors_component_labels_canonical_names(
    pipes: dict[str, Language], lang: str, text: str, expected: tuple[str, str]
) -> None:
    assert expected in _labels(pipes[lang], text)


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        ("en", "Traffic in Bamako was heavy.", "Government of Mali"),
        ("en", "The un-named source spoke.", "United Nations"),
        ("fr", "Un homme a parlé au téléphone.", "African Union"),
        ("en", "The cma of the study was low.", "Coordination of Azawad Movements"),
        ("en", "The platform collapsed.", "Platform"),
        ("fr", "Une attaque armée a eu lieu.", "Military Forces of {country}"),
        ("en", "Military sources said nothing.", "Military Forces of {country}"),
        ("en", "Islamic State militants attacked.", "Unidentified Armed Group"),
        ("en", "A government official denied it.", "Government of {country}"),
    ],
)
def test_actors_component_skips_ambiguous_words(
    pipes: dict[str, Language], lang: str, text: str, absent: str
) -> None:
    assert absent not in {label for _text, label in _labels(pipes[lang], text)}


def test_actors_component_leaves_country_less_forces_as_template(pipes: dict[str, Language]) -> None:
    labels = _labels(pipes["en"], "Gunmen attacked a convoy. The army said soldiers died.")
    assert ("army", "Military Forces of {country}") in labels
    assert ("Gunmen", "Unidentified Armed Group") in labels


def test_actors_component_uses_the_sentence_country(pipes: dict[str, Language]) -> None:
    text = "Mali was calm. In Niger, soldiers repelled an attack near Tillaberi."
    assert ("soldiers", "Military Forces of Niger") in _labels(pipes["en"], text)


@pytest.mark.parametrize(
    ("lang", "text", "title", "focus"),
    [
        ("en", "Malian troops and the Malian army met Burkinabe officials.", None, "Mali"),
        ("fr", "Les FDS burkinabè ont riposté au Burkina Faso, près du Niger.", None, "Burkina Faso"),
        ("en", "Boats on the Niger river carried traders to Mopti in Mali.", None, "Mali"),
        ("en", "Fishermen along the Niger were attacked.", None, None),
        ("en", "An attack near the border.", "Niger: soldiers killed", "Niger"),
        ("en", "Nothing about any country here.", None, None),
        # a headline kicker names the report's country, whatever the embassy of the story
        ("fr", "Niger : l'ambassade de France prise pour cible\nDes manifestants ont visé l'ambassade de France.",
         None, "Niger"),
        ("en", "An attack near the Malian border.", "Niger: 25 killed near Malian border", "Niger"),
    ],
)
def test_actors_country_focus(
    pipes: dict[str, Language], lang: str, text: str, title: str | None, focus: str | None
) -> None:
    assert country_focus(pipes[lang](text), title=title) == focus


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Burkina Faso's junta said the army killed 20 terrorists.", "Military Forces of Burkina Faso"),
        (
            "fr",
            "Au Mali, les militaires ont riposté. Les FDS ont perdu deux hommes.",
            "Military Forces of Mali",
        ),
        # gendarmes are soldiers in the gold files' usage (a gendarmerie is a military corps in the Sahel)
        ("fr", "Selon une source nigérienne, les gendarmes ont été visés.", "Military Forces of Niger"),
        # security forces facing a demonstration are the police (ACLED's usage)
        ("en", "In Mali, security forces fired tear gas at protesters in Bamako.", "Police Forces of Mali"),
    ],
)
def test_actors_find_actors_resolves_generic_forces(
    pipes: dict[str, Language], lang: str, text: str, expected: str
) -> None:
    names = {m.name for m in _mentions(pipes[lang], text)}
    assert expected in names
    assert not any("{country}" in name for name in names)


def test_actors_find_actors_drops_forces_without_country(pipes: dict[str, Language]) -> None:
    names = {m.name for m in _mentions(pipes["en"], "Gunmen attacked. The army responded.")}
    assert names == {"Unidentified Armed Group"}


def test_actors_find_actors_fills_types_and_offsets(pipes: dict[str, Language]) -> None:
    text = "In Mali, FAMa soldiers and Wagner fighters killed villagers."
    mentions = _mentions(pipes["en"], text)
    by_name = {m.name: m for m in mentions}
    assert by_name["Military Forces of Mali"].actor_type == 1
    assert by_name["Wagner Group"].actor_type == 8
    assert by_name["Civilians"].actor_type == 7
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("lang", "text", "name", "expected"),
    [
        (
            "en",
            "JNIM claimed responsibility for the attack.",
            "Jama'at Nusrat al-Islam wal-Muslimin",
            "claimed",
        ),
        ("en", "The attack was claimed by the Islamic State.", "Islamic State Sahel Province", "claimed"),
        ("fr", "L'attaque a été revendiquée par l'EIGS.", "Islamic State Sahel Province", "claimed"),
        ("fr", "Le JNIM a revendiqué l'embuscade.", "Jama'at Nusrat al-Islam wal-Muslimin", "claimed"),
        ("en", "Suspected jihadists killed five people.", "Unidentified Armed Group", "suspected"),
        ("en", "The army blamed the attack on ISGS.", "Islamic State Sahel Province", "suspected"),
        ("fr", "Des jihadistes présumés ont tué cinq personnes.", "Unidentified Armed Group", "suspected"),
        ("fr", "Le massacre est attribué à l'EIGS.", "Islamic State Sahel Province", "suspected"),
        ("en", "Wagner denied any role in the killings.", "Wagner Group", "denied"),
        ("fr", "Le JNIM a démenti toute implication.", "Jama'at Nusrat al-Islam wal-Muslimin", "denied"),
        ("en", "Gunmen killed five people in Mali.", "Unidentified Armed Group", "stated"),
        # a date between the verb and "by"/"par"
        ("fr", "L'attaque a été revendiquée lundi par le JNIM.", "Jama'at Nusrat al-Islam wal-Muslimin", "claimed"),
        ("en", "The ambush was claimed on Sunday by JNIM.", "Jama'at Nusrat al-Islam wal-Muslimin", "claimed"),
        # a group saying its own men did it
        ("en", "JNIM said in a statement that its fighters carried out the assault.",
         "Jama'at Nusrat al-Islam wal-Muslimin", "claimed"),
        ("fr", "Le JNIM a affirmé que ses combattants ont mené l'attaque.",
         "Jama'at Nusrat al-Islam wal-Muslimin", "claimed"),
        ("en", "JNIM said its fighters were killed.", "Jama'at Nusrat al-Islam wal-Muslimin", "stated"),
        # active blame of the attack on a group
        ("fr", "Le gouverneur a imputé l'attaque à des miliciens de Dan Na Ambassagou.", "Dan Na Ambassagou",
         "suspected"),
        ("en", "Officials attributed the killings to ISGS.", "Islamic State Sahel Province", "suspected"),
    ],
)
def test_actors_find_actors_attribution(
    pipes: dict[str, Language], lang: str, text: str, name: str, expected: str
) -> None:
    found = {m.name: m.attribution for m in _mentions(pipes[lang], text)}
    assert found[name] == expected


def test_actors_claim_goes_to_the_nearest_actor_only(pipes: dict[str, Language]) -> None:
    text = "Soldiers killed 20 terrorists, the Malian army claimed."
    found = {(m.text, m.attribution) for m in _mentions(pipes["en"], text)}
    assert ("Malian army", "claimed") in found
    assert ("terrorists", "stated") in found


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        ("en", "Residents said gunmen came at night.", False),
        ("fr", "Selon des habitants, les assaillants étaient nombreux.", False),
        ("en", "Gunmen killed 12 villagers in Mali.", True),
        ("fr", "Les terroristes ont tué des civils.", True),
        # speakers after their verb or with a place between noun and verb
        ("fr", "Deux véhicules ont brûlé, ont rapporté des habitants.", False),
        ("en", "Residents of the area say convoys are often attacked.", False),
        # students or traders at a demonstration where nobody is hurt are protesters, not victims
        ("en", "Police fired tear gas at students protesting over grants.", False),
        ("fr", "Des commerçants ont manifesté contre la hausse des taxes.", False),
        ("en", "Soldiers shot dead two students during the protest.", True),
    ],
)
def test_actors_find_actors_skips_civilian_sources(
    pipes: dict[str, Language], lang: str, text: str, kept: bool
) -> None:
    names = {m.name for m in _mentions(pipes[lang], text)}
    assert ("Civilians" in names) is kept


def test_actors_attribution_helper_reads_one_sentence() -> None:
    sentence = "The killings were blamed on Dozo hunters."
    start = sentence.index("Dozo")
    assert attribution(sentence, start, start + len("Dozo hunters")) == "suspected"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Malian soldiers and Wagner mercenaries killed civilians in Moura, HRW said.",
         {"Military Forces of Mali", "Wagner Group", "Civilians", "Human Rights Watch"}),
        ("fr", "Des individus armés ont attaqué un poste de la gendarmerie au Burkina Faso.",
         {"Unidentified Armed Group", "Military Forces of Burkina Faso"}),
    ],
)  # fmt: skip
def test_actors_with_the_real_models(lang: str, text: str, expected: set[str]) -> None:
    from sitreps.nlp.load import load_nlp

    nlp = load_nlp(lang)
    names = {m.name for m in find_actors(nlp(text), Document(id="t", text=text, origin="test"))}
    assert names == expected


def test_actors_find_actors_uses_period_names_and_scored_names(pipes: dict[str, Language]) -> None:
    text = "Ansar Dine fighters attacked the camp. French soldiers and Chadian forces arrived."
    early = find_actors(
        pipes["en"](text), Document(id="t", text=text, origin="test", published=dt.date(2015, 1, 10))
    )
    late = find_actors(
        pipes["en"](text), Document(id="t", text=text, origin="test", published=dt.date(2021, 1, 10))
    )
    assert {m.name for m in early} == {"Ansar Dine", "Operation Barkhane", "Military Forces of Chad"}
    assert "Jama'at Nusrat al-Islam wal-Muslimin" in {m.name for m in late}


def test_actors_component_rejects_unknown_language() -> None:
    from sitreps.errors import ConfigError

    nlp = spacy.blank("en")
    with pytest.raises(ConfigError):
        nlp.add_pipe("sitreps_actors", config={"lang": "de"})


def test_actors_component_handles_empty_and_actorless_docs(pipes: dict[str, Language]) -> None:
    for text in ("", "   ", "Rain fell on the market town of Sévaré."):
        doc = pipes["fr"](text)
        assert list(doc.spans[SPAN_KEY]) == []
        assert find_actors(doc, Document(id="t", text=text, origin="test")) == []


def test_actors_component_skips_military_as_adjective(pipes: dict[str, Language]) -> None:
    labels = _labels(pipes["en"], "Rebels seized a military camp after fighting the Malian army.")
    assert labels == [("Malian army", "Military Forces of Mali")]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked the post, an assault that claimed the lives of ten soldiers.",
        "The ambush by jihadists claimed at least 12 lives.",
    ],
)
def test_actors_claimed_lives_is_not_a_claim(pipes: dict[str, Language], text: str) -> None:
    assert all(m.attribution != "claimed" for m in _mentions(pipes["en"], text))


@pytest.mark.parametrize(
    ("lang", "text", "country"),
    [
        ("en", "Mali: the government said the toll had risen.", "Mali"),
        ("fr", "Niger : le gouvernement a décrété un deuil national.", "Niger"),
        ("fr", "Burkina : les autorités ont fermé la route.", "Burkina Faso"),
    ],
)
def test_actors_find_actors_reads_the_government_of_the_report(
    pipes: dict[str, Language], lang: str, text: str, country: str
) -> None:
    names = {m.name for m in _mentions(pipes[lang], text)}
    assert f"Government of {country}" in names


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The army, backed by Russian fighters, retook the town."),
        ("en", "Soldiers patrolled the road beside the French convoy."),
        ("fr", "L'armée, appuyée par des instructeurs russes, a repris la ville."),
    ],
)
def test_actors_component_takes_no_foreign_country_from_the_sentence(
    pipes: dict[str, Language], lang: str, text: str
) -> None:
    labels = {label for _text, label in _labels(pipes[lang], text)}
    assert "Military Forces of {country}" in labels
    assert not any(label.startswith(("Military Forces of Russia", "Military Forces of France")) for label in labels)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The UN mission MINUSMA left its camp in Menaka."),
        ("en", "Rockets hit the UN camp in Kidal."),
        ("fr", "Des obus sont tombés sur le camp de la Minusma à Tessalit."),
        # the UN peacekeeping camp or convoy in Mali is MINUSMA's, not the United Nations'
        ("en", "Rockets struck the UN peacekeeping camp in Kidal on Sunday."),
        ("fr", "Un convoi de la Minusma a sauté sur une mine près de Tessalit."),
    ],
)
def test_actors_component_reads_the_un_mission_as_minusma(
    pipes: dict[str, Language], lang: str, text: str
) -> None:
    labels = {label for _text, label in _labels(pipes[lang], text)}
    assert labels == {"MINUSMA"}


def _event(actor1: str | None, actor2: str | None, spans: tuple[Span, ...] = ()) -> Event:
    return Event(id="e", event_type="Battles", sub_event_type="Armed clash", country="Mali", event_date=None,
                 actor1=actor1, actor2=actor2, spans=spans)


def _mention(name: str, start: int) -> ActorMention:
    return ActorMention(name=name, text=name.lower(), start=start, end=start + 5)


@pytest.mark.parametrize(
    ("mentions", "events", "expected"),
    [
        # "terrorists" only in background: no incident has them, so the report does not name them
        ([_mention("Jama'at Nusrat al-Islam wal-Muslimin", 0), _mention("Military Forces of Mali", 20),
          _mention("Unidentified Armed Group", 40)],
         [_event("Jama'at Nusrat al-Islam wal-Muslimin", "Military Forces of Mali")],
         ["Jama'at Nusrat al-Islam wal-Muslimin", "Military Forces of Mali"]),
        # gunmen who attacked are a side of the incident
        ([_mention("Unidentified Armed Group", 0), _mention("Civilians", 20)],
         [_event("Unidentified Armed Group", "Civilians")],
         ["Unidentified Armed Group", "Civilians"]),
        # no mention backs the side the coder chose: taken from the event's span
        ([_mention("Military Forces of Mali", 3)],
         [_event("Unidentified Armed Group", "Military Forces of Mali",
                 (Span(field="actor1", start=30, end=38, text="attacked"),))],
         ["Military Forces of Mali", "Unidentified Armed Group"]),
        # no incident at all: named actors stay, descriptions go
        ([_mention("United Nations", 0), _mention("Unidentified Armed Group", 9)], [], ["United Nations"]),
    ],
)
def test_actors_report_actors_keeps_descriptions_only_as_sides(
    mentions: list[ActorMention], events: list[Event], expected: list[str]
) -> None:
    assert [m.name for m in report_actors(mentions, events)] == expected


def test_actors_component_reads_no_country_from_a_border(pipes: dict[str, Language]) -> None:
    # "la frontière burkinabè" is where the fleeing fighters went, not whose air force struck
    text = "Au Niger, l'armée de l'air a visé des assaillants en fuite vers la frontière burkinabè."
    labels = dict(_labels(pipes["fr"], text))
    assert labels.get("armée de l'air", labels.get("l'armée de l'air")) == "Military Forces of Niger"


def test_actors_report_actors_adds_every_side_of_an_incident() -> None:
    # "Rioters" of a riot and "Civilians" of an abduction of "women" have no mention of their own
    events = [_event("Rioters", "Police Forces of Niger", ()), _event("Unidentified Armed Group", "Civilians", ())]
    names = [m.name for m in report_actors([_mention("Police Forces of Niger", 5)], events)]
    assert set(names) == {"Rioters", "Police Forces of Niger", "Unidentified Armed Group", "Civilians"}


def test_actors_component_reads_no_country_from_a_border_with_article(pipes: dict[str, Language]) -> None:
    # "près de la frontière avec le Mali": the neighbour is where the post stands, not whose gendarmes died
    text = "Près de la frontière avec le Mali, treize gendarmes ont été tués samedi, selon le ministère."
    assert "Mali" not in dict(_labels(pipes["fr"], text)).get("gendarmes", "")


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("JNIM, al Qaeda's affiliate in the Sahel, said in a statement on Wednesday that it had attacked the camp.",
         "JNIM", "claimed"),
        ("Le JNIM a affirmé dans un communiqué qu'il avait attaqué le camp de Boni.", "JNIM", "claimed"),
        ("JNIM said it had no fighters in the area.", "JNIM", "stated"),
        ("The alliance JNIM, formed last year by the merger of several Sahel jihadist groups, said it carried out "
         "the bombing.", "JNIM", "claimed"),
        ("The army, which deployed last week, said the attackers fled.", "army", "stated"),
        # attackers the authorities describe as a group's fighters are suspected of being them
        ("The ministry described the attackers as 'fighters of the so-called Islamic State' who had crossed "
         "from Mali.", "Islamic State", "suspected"),
        ("Residents identified the gunmen as members of JNIM.", "JNIM", "suspected"),
        ("Le ministère a présenté les assaillants comme des combattants de l'EIGS.", "EIGS", "suspected"),
        ("Le ministère a présenté les assaillants comme des éléments d'Ansarul Islam.", "Ansarul Islam", "suspected"),
        # what is described is not a perpetrator
        ("The army described the operation as a blow to JNIM.", "JNIM", "stated"),
    ],
)
def test_actors_claims_and_descriptions_read_from_the_sentence(sentence: str, name: str, expected: str) -> None:
    start = sentence.index(name)
    assert attribution(sentence, start, start + len(name)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a blame for a massacre three months before the report is history
        ("The attack came after 160 herders were killed in Ogossagou in March, which survivors blamed on "
         "Dozo hunters.", "stated"),
        ("Gunmen killed 11 villagers on Sunday, which survivors blamed on Dozo hunters.", "suspected"),
        # a trend over months is blamed, not the report's incident
        ("Gunmen killed 11 villagers on Sunday. In recent months, attacks in the area have been blamed on "
         "Dozo hunters.", "stated"),
        ("Gunmen killed 11 villagers on Sunday. Since the start of the year, a rise in attacks has been "
         "blamed on Dozo hunters.", "stated"),
    ],
)
def test_actors_blame_of_a_past_incident_is_not_news(pipes: dict[str, Language], sentence: str,
                                                     expected: str) -> None:
    document = Document(id="t", text=sentence, origin="test", published=dt.date(2019, 6, 11))
    found = {m.name: m.attribution for m in find_actors(pipes["en"](sentence), document)}
    assert found["Dan Na Ambassagou"] == expected



def test_actors_component_reads_no_country_from_a_list_after_a_border(pipes: dict[str, Language]) -> None:
    # "near the border with Niger and Mali": both neighbours are edges, not the army's country
    text = "The army said its aircraft struck fighters near Markoye, near the border with Niger and Mali."
    assert dict(_labels(pipes["en"], text)).get("army") == "Military Forces of {country}"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Un convoi de l'armée malienne et de ses supplétifs russes a été pris pour cible près d'Anefis."),
        ("en", "Malian troops and their Russian auxiliaries were ambushed near Anefis."),
    ],
)
def test_actors_russian_auxiliaries_are_wagner_not_the_vdp(pipes: dict[str, Language], lang: str, text: str) -> None:
    names = {m.name for m in _mentions(pipes[lang], text)}
    assert "Wagner Group" in names and "Volunteers for the Defense of the Homeland" not in names


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        ("en", "Fighters of the pro-Bamako GATIA militia clashed with CMA rebels near Anefis.", "Government of Mali"),
        ("fr", "Des manifestants ont scandé des slogans anti-français devant l'ambassade à Niamey.",
         "Government of France"),
    ],
)
def test_actors_a_stance_for_or_against_a_capital_names_no_government(
    pipes: dict[str, Language], lang: str, text: str, absent: str
) -> None:
    assert absent not in {m.name for m in _mentions(pipes[lang], text)}
