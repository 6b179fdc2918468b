"""ACLED event coding (sitreps.events): detection, typing, actors, places, dates, tolls, merging.

Places and actors are built by hand so that these tests check the coder, not the resolvers; the
spaCy models are loaded for the parse (``slow``).  Typing rules are also checked without models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
import spacy

from sitreps.events.classify import classify, family
from sitreps.events.detect import find_cues, find_hits, headline_end
from sitreps.knowledge import lexicon
from sitreps.models import ActorMention, Document, Event, Place

PUBLISHED = dt.date(2023, 5, 10)  # a Wednesday


def _place(text: str, name: str, country: str, feature: str = "locality", admin1: str | None = None,
           occurrence: int = 0) -> Place:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return Place(name=name, start=start, end=start + len(name), country=country, feature=feature, admin1=admin1,
                 latitude=14.0, longitude=-3.0, geo_precision=1 if feature == "locality" else 3)


def _actor(text: str, surface: str, name: str, actor_type: int, attribution: str = "stated") -> list[ActorMention]:
    out = []
    start = text.find(surface)
    while start != -1:
        out.append(ActorMention(name=name, text=surface, start=start, end=start + len(surface),
                                actor_type=actor_type, attribution=attribution))
        start = text.find(surface, start + 1)
    return out


def code(text: str, lang: str = "en", places: Sequence[tuple[str, ...]] = (), actors: Sequence[tuple[str, str, int]] = (),
         published: dt.date | None = PUBLISHED) -> list[Event]:
    from sitreps.events.coder import code_events
    from sitreps.nlp.load import load_nlp

    doc = load_nlp(lang)(text)
    document = Document(id="doc-1", text=text, origin="test", published=published, published_precision=1,
                        language=lang)
    # every mention of each place, as the resolver gives them
    place_list = [_place(text, spec[0], spec[1], spec[2] if len(spec) > 2 else "locality", occurrence=k)
                  for spec in places for k in range(text.count(spec[0]))]
    actor_list = [m for surface, name, kind in actors for m in _actor(text, surface, name, kind)]
    return code_events(doc, document, places=place_list, actors=actor_list)


# --- typing rules, no model needed


def test_events_classify_explosions_take_precedence() -> None:
    typing = classify({"Air/drone strike": 4, "KILL": 1, "Armed clash": 3}, frozenset(),
                      actor1_inter=1, actor2_inter=2)
    assert (typing.event_type, typing.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")


def test_events_classify_assault_with_mortars_is_a_battle() -> None:
    typing = classify({"ATTACK": 2, "Shelling/artillery/missile attack": 4}, frozenset(), actor1_inter=2,
                      actor2_inter=1, lead=frozenset({"ATTACK"}))
    assert typing.event_type == "Battles"


@pytest.mark.parametrize(
    ("actor2_inter", "expected"),
    [(1, "Battles"), (7, "Violence against civilians")],
)
def test_events_classify_attack_by_target(actor2_inter: int, expected: str) -> None:
    assert classify({"ATTACK": 2}, frozenset(), actor1_inter=2, actor2_inter=actor2_inter).event_type == expected


def test_events_classify_suspects_handed_over_after_an_arrest_were_arrested() -> None:
    # "quatorze individus ont été interpellés à Filingué et remis aux services compétents"
    typing = classify({"Arrests": 3, "Non-violent transfer of territory": 4}, frozenset(), actor1_inter=1,
                      actor2_inter=None)
    assert typing.sub_event_type == "Arrests"


def test_events_classify_men_taken_away_after_a_killing_is_an_attack() -> None:
    # "soldiers executed 14 civilians ... three other men taken away have not been seen since"
    weights = {"KILL": 1, "Abduction/forced disappearance": 3}
    killing = classify(weights, frozenset(), actor1_inter=1, actor2_inter=7, killed=True, lead=frozenset({"KILL"}))
    assert killing.sub_event_type == "Attack"
    taken = classify(weights, frozenset(), actor1_inter=2, actor2_inter=7, killed=True,
                     lead=frozenset({"Abduction/forced disappearance"}))
    assert taken.sub_event_type == "Abduction/forced disappearance"


def test_events_classify_territory_by_who_took_it() -> None:
    assert classify({"TERRITORY": 3}, frozenset(), actor1_inter=1, actor2_inter=2,
                    actor1_state=True).sub_event_type == "Government regains territory"
    assert classify({"TERRITORY": 3}, frozenset(), actor1_inter=2,
                    actor2_inter=1).sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    ("cues", "killed", "sub"),
    [
        (frozenset(), False, "Peaceful protest"),
        (frozenset({"intervention"}), False, "Protest with intervention"),
        (frozenset({"intervention"}), True, "Excessive force against protesters"),
    ],
)
def test_events_classify_protests(cues: frozenset[str], killed: bool, sub: str) -> None:
    typing = classify({"Peaceful protest": 3}, cues, actor1_inter=6, actor2_inter=None, killed=killed)
    assert typing.sub_event_type == sub


def test_events_family_groups_labels() -> None:
    assert family({"KILL"}) == "violent"
    assert family({"Arrests"}) == "strategic"
    assert family({"Peaceful protest", "KILL"}) == "protest"


def test_events_hits_prefer_the_longest_heaviest_phrase() -> None:
    hits = find_hits("Une frappe de drone a visé le camp", "fr")
    assert [h.label for h in hits if h.text.lower().startswith("frappe")] == ["Air/drone strike"]
    assert hits[0].text == "frappe de drone"


@pytest.mark.parametrize(
    ("lang", "text", "planned"),
    [
        ("en", "Aircraft struck a group of fighters who were preparing an ambush near Tessalit.", "ambush"),
        ("fr", "Des frappes aériennes ont visé des terroristes qui préparaient une attaque près de Tessalit.",
         "attaque"),
    ],
)
def test_events_act_still_being_prepared_is_no_trigger(lang: str, text: str, planned: str) -> None:
    hits = [h.text for h in find_hits(text, lang)]
    assert hits and planned not in hits


@pytest.mark.parametrize(
    ("lang", "text", "past"),
    [
        ("en", "Police fired tear gas at students near the embassy, guarded by soldiers since protesters set fire "
               "to its door in July.", "set fire to"),
        ("fr", "La police a dispersé des étudiants devant l'ambassade, gardée par des soldats depuis que des "
               "manifestants ont incendié sa porte en juillet.", "incendie"),
    ],
)
def test_events_act_that_started_a_state_of_affairs_is_no_trigger(lang: str, text: str, past: str) -> None:
    assert [h for h in find_hits(text, lang) if lexicon.fold(h.text).startswith(past)] == []
    assert "violent_protest" not in find_cues(text, lang)


def test_events_headline_detected_only_before_a_body() -> None:
    assert headline_end("Mali: ten killed in Gao\nGunmen killed ten people.") == len("Mali: ten killed in Gao")
    assert headline_end("Gunmen killed ten people in Gao.") == 0
    assert headline_end("Only a headline about an attack") == 0


# --- the coder end to end on hand-built places and actors


CASES = [
    # (lang, text, places, actors, event_type, sub_event_type, actor1, actor2, fatalities)
    ("en", "Gunmen killed 12 villagers in Tamalat on Sunday.", [("Tamalat", "Mali")],
     [("Gunmen", "Unidentified Armed Group", 2), ("villagers", "Civilians", 7)],
     "Violence against civilians", "Attack", "Unidentified Armed Group", "Civilians", 12),
    ("fr", "Des hommes armés ont tué douze villageois à Tamalat dimanche.", [("Tamalat", "Mali")],
     [("hommes armés", "Unidentified Armed Group", 2), ("villageois", "Civilians", 7)],
     "Violence against civilians", "Attack", "Unidentified Armed Group", "Civilians", 12),
    ("en", "Malian soldiers were ambushed by JNIM fighters near Boni on Monday, leaving 15 soldiers and 20 assailants dead.",
     [("Boni", "Mali")], [("Malian soldiers", "Military Forces of Mali", 1), ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", 2)],
     "Battles", "Armed clash", "Jama'at Nusrat al-Islam wal-Muslimin", "Military Forces of Mali", 35),
    ("fr", "Une patrouille des FAMa a été prise en embuscade par des terroristes près de Boni lundi, faisant trois morts.",
     [("Boni", "Mali")], [("FAMa", "Military Forces of Mali", 1), ("terroristes", "Unidentified Armed Group", 2)],
     "Battles", "Armed clash", "Unidentified Armed Group", "Military Forces of Mali", 3),
    ("en", "A drone strike by the Malian army killed eight people in Amasrakad on Sunday.", [("Amasrakad", "Mali")],
     [("Malian army", "Military Forces of Mali", 1)],
     "Explosions/Remote violence", "Air/drone strike", "Military Forces of Mali", None, 8),
    ("fr", "Une frappe de drone de l'armée malienne a tué huit personnes à Amasrakad dimanche.", [("Amasrakad", "Mali")],
     [("armée malienne", "Military Forces of Mali", 1)],
     "Explosions/Remote violence", "Air/drone strike", "Military Forces of Mali", None, 8),
    ("en", "Two soldiers were killed when their vehicle hit an improvised explosive device near Gossi on Monday.",
     [("Gossi", "Mali")], [("soldiers", "Military Forces of Mali", 1)],
     "Explosions/Remote violence", "Remote explosive/landmine/IED", "Unidentified Armed Group", "Military Forces of Mali", 2),
    ("fr", "Deux soldats ont été tués lundi par un engin explosif improvisé près de Gossi.",
     [("Gossi", "Mali")], [("soldats", "Military Forces of Mali", 1)],
     "Explosions/Remote violence", "Remote explosive/landmine/IED", "Unidentified Armed Group", "Military Forces of Mali", 2),
    ("en", "Gunmen abducted 12 women near Djibo on Sunday.", [("Djibo", "Burkina Faso")],
     [("Gunmen", "Unidentified Armed Group", 2), ("women", "Civilians", 7)],
     "Violence against civilians", "Abduction/forced disappearance", "Unidentified Armed Group", "Civilians", 0),
    ("fr", "Des hommes armés ont enlevé douze femmes près de Djibo dimanche.", [("Djibo", "Burkina Faso")],
     [("hommes armés", "Unidentified Armed Group", 2), ("femmes", "Civilians", 7)],
     "Violence against civilians", "Abduction/forced disappearance", "Unidentified Armed Group", "Civilians", 0),
    ("en", "Hundreds of demonstrators marched in Niamey on Sunday against the French military presence.",
     [("Niamey", "Niger")], [], "Protests", "Peaceful protest", "Protesters", None, 0),
    ("fr", "Des centaines de manifestants ont défilé dimanche à Niamey; la police a dispersé la foule au gaz lacrymogène.",
     [("Niamey", "Niger")], [("police", "Police Forces of Niger", 1)],
     "Protests", "Protest with intervention", "Protesters", "Police Forces of Niger", 0),
    ("en", "Rioters looted and burned shops in Kaya on Monday after a rumour spread.", [("Kaya", "Burkina Faso")],
     [], "Riots", "Violent demonstration", "Rioters", None, 0),
    ("fr", "Des émeutiers ont incendié la mairie de Kaya lundi.", [("Kaya", "Burkina Faso")], [],
     "Riots", "Violent demonstration", "Rioters", None, 0),
    ("en", "Police arrested a journalist in Bamako on Tuesday.", [("Bamako", "Mali")],
     [("Police", "Police Forces of Mali", 1)], "Strategic developments", "Arrests", "Police Forces of Mali", None, 0),
    ("fr", "Les gendarmes ont interpellé mardi à Bamako un journaliste.", [("Bamako", "Mali")],
     [("gendarmes", "Military Forces of Mali", 1)], "Strategic developments", "Arrests", "Military Forces of Mali", None, 0),
    ("en", "The Burkinabe army recaptured the town of Djibo on Monday.", [("Djibo", "Burkina Faso")],
     [("Burkinabe army", "Military Forces of Burkina Faso", 1)],
     "Battles", "Government regains territory", "Military Forces of Burkina Faso", None, 0),
    ("fr", "L'armée burkinabè a repris le contrôle de Djibo lundi.", [("Djibo", "Burkina Faso")],
     [("armée burkinabè", "Military Forces of Burkina Faso", 1)],
     "Battles", "Government regains territory", "Military Forces of Burkina Faso", None, 0),
    ("en", "MINUSMA handed over its camp in Ber to the Malian army on Sunday.", [("Ber", "Mali")],
     [("MINUSMA", "MINUSMA", 8), ("Malian army", "Military Forces of Mali", 1)],
     "Strategic developments", "Non-violent transfer of territory", "Military Forces of Mali", "MINUSMA", 0),
    ("fr", "Des individus armés ont pillé puis incendié le centre de santé de Torodi dimanche.", [("Torodi", "Niger")],
     [("individus armés", "Unidentified Armed Group", 2)],
     "Strategic developments", "Looting/property destruction", "Unidentified Armed Group", None, 0),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "places", "actors", "event_type", "sub", "actor1", "actor2", "fatalities"), CASES,
    ids=[f"{c[0]}-{c[5]}" for c in CASES],
)
def test_events_codes_one_sentence(lang: str, text: str, places: list[tuple[str, str]],
                                   actors: list[tuple[str, str, int]], event_type: str, sub: str, actor1: str,
                                   actor2: str | None, fatalities: int | None) -> None:
    [event] = code(text, lang, places, actors)
    assert (event.event_type, event.sub_event_type) == (event_type, sub)
    assert event.actor1 == actor1
    if actor2 is not None:
        assert event.actor2 == actor2
    assert event.fatalities == fatalities
    assert event.location == places[0][0] and event.country == places[0][1]


@pytest.mark.slow
def test_events_date_resolved_against_publication_and_spans_point_at_evidence() -> None:
    text = "Gunmen killed 12 villagers in Tamalat on Sunday."
    [event] = code(text, places=[("Tamalat", "Mali")], actors=[("Gunmen", "Unidentified Armed Group", 2)])
    assert event.event_date == dt.date(2023, 5, 7) and event.time_precision == 1
    fields = {span.field for span in event.spans}
    assert {"evidence", "event_type", "actor1", "location", "event_date", "fatalities"} <= fields
    for span in event.spans:
        assert text[span.start : span.end] == span.text
    assert event.evidence in text
    assert 0.0 <= event.confidence <= 1.0


@pytest.mark.slow
def test_events_id_is_stable_and_idempotent() -> None:
    text = "Gunmen killed 12 villagers in Tamalat on Sunday."
    first = code(text, places=[("Tamalat", "Mali")])
    again = code(text, places=[("Tamalat", "Mali")])
    assert [e.id for e in first] == [e.id for e in again]
    assert len({e.id for e in first}) == len(first)


@pytest.mark.slow
def test_events_merges_anaphora_and_toll_updates() -> None:
    text = ("Gunmen attacked the village of Tamalat on Sunday, killing three people. "
            "The attack was claimed by the Islamic State. The toll later rose to 14 dead, officials said.")
    [event] = code(text, places=[("Tamalat", "Mali")],
                   actors=[("Gunmen", "Unidentified Armed Group", 2), ("Islamic State", "Islamic State Sahel Province", 2)])
    assert event.fatalities == 14
    assert event.actor1 == "Islamic State Sahel Province" and event.attribution == "claimed"


@pytest.mark.slow
def test_events_splits_a_communique_listing_several_incidents() -> None:
    text = ("Le mardi 2 mai, une patrouille a été prise à partie par des terroristes près de Tamou; dix assaillants "
            "ont été neutralisés. Le jeudi 4 mai, un engin explosif a détruit un véhicule civil près de Torodi, "
            "tuant trois passagers. Le samedi 6 mai, les forces de défense ont interpellé six suspects à Ouallam.")
    events = code(text, "fr", places=[("Tamou", "Niger"), ("Torodi", "Niger"), ("Ouallam", "Niger")],
                  actors=[("terroristes", "Unidentified Armed Group", 2)])
    assert [(e.location, e.sub_event_type, e.fatalities) for e in events] == [
        ("Tamou", "Armed clash", 10), ("Torodi", "Remote explosive/landmine/IED", 3), ("Ouallam", "Arrests", 0)]
    assert [e.event_date for e in events] == [dt.date(2023, 5, 2), dt.date(2023, 5, 4), dt.date(2023, 5, 6)]


@pytest.mark.slow
def test_events_splits_tolls_given_per_place() -> None:
    text = "Selon des élus, 70 personnes ont été tuées samedi à Tchoma Bangou et 30 à Zaroumdareye."
    events = code(text, "fr", places=[("Tchoma Bangou", "Niger"), ("Zaroumdareye", "Niger")])
    assert [(e.location, e.fatalities) for e in events] == [("Tchoma Bangou", 70), ("Zaroumdareye", 30)]


@pytest.mark.slow
def test_events_splits_a_clause_chaining_two_dated_incidents_under_one_total() -> None:
    text = ("Two attacks in the north killed at least 40 people over the weekend, security sources said. "
            "Gunmen raided the village of Tamalat on Saturday, and on Sunday jihadists ambushed a convoy near Anefis.")
    events = code(text, places=[("Tamalat", "Mali"), ("Anefis", "Mali")],
                  actors=[("Gunmen", "Unidentified Armed Group", 2), ("jihadists", "Unidentified Armed Group", 2)])
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [
        ("Tamalat", dt.date(2023, 5, 6), None), ("Anefis", dt.date(2023, 5, 7), None)]


@pytest.mark.slow
def test_events_one_clause_one_day_then_another_place_is_two_incidents() -> None:
    text = "Gunmen attacked Tamalat on Saturday, killing five people, and then raided Anefis, residents said."
    events = code(text, places=[("Tamalat", "Mali"), ("Anefis", "Mali")],
                  actors=[("Gunmen", "Unidentified Armed Group", 2)])
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [
        ("Tamalat", dt.date(2023, 5, 6), 5), ("Anefis", dt.date(2023, 5, 6), 0)]


@pytest.mark.slow
def test_events_one_clause_one_place_two_verbs_stays_one_incident() -> None:
    text = "Gunmen attacked Tamalat on Saturday and then set fire to its market, residents said."
    events = code(text, places=[("Tamalat", "Mali")], actors=[("Gunmen", "Unidentified Armed Group", 2)])
    assert len(events) == 1


@pytest.mark.slow
def test_events_background_summary_and_forecast_not_coded() -> None:
    text = ("Gunmen killed 12 villagers in Tamalat on Sunday. "
            "More than 400 civilians have been killed in the region over the past several weeks. "
            "The attack came three years after a coup in 2020 in Bamako. "
            "Analysts fear the jihadists could attack Menaka next.")
    events = code(text, places=[("Tamalat", "Mali"), ("Bamako", "Mali"), ("Menaka", "Mali")])
    assert [e.location for e in events] == ["Tamalat"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The weather in Bamako was hot on Sunday and the market was busy.", "en"),
        ("", "en"),
        ("   ", "fr"),
        ("Attack", "en"),
        ("Der Angriff wurde am Sonntag gemeldet, zwölf Menschen starben.", "en"),
        ("12 12 12 killed killed tués tués", "fr"),
    ],
)
def test_events_bad_input_gives_sensible_output(text: str, lang: str) -> None:
    events = code(text, lang, places=[("Bamako", "Mali")] if "Bamako" in text else [])
    assert isinstance(events, list)
    if "weather" in text or not text.strip():
        assert events == []


@pytest.mark.slow
def test_events_future_date_and_old_year_are_not_fresh_incidents() -> None:
    text = "Gunmen attacked Boni on 20 May 2023. Gunmen attacked Gossi in 2015."
    events = code(text, places=[("Boni", "Mali"), ("Gossi", "Mali")])
    assert events == []


@pytest.mark.slow
def test_events_headline_only_report_is_coded() -> None:
    text = "Gunmen kill 12 villagers in Tamalat on Sunday"
    [event] = code(text, places=[("Tamalat", "Mali")])
    assert event.location == "Tamalat" and event.fatalities == 12


@pytest.mark.slow
def test_events_contradictory_figures_take_the_lowest() -> None:
    text = "Between 20 and 30 soldiers were killed in an attack on the army camp at Boulkessi on Sunday."
    [event] = code(text, places=[("Boulkessi", "Mali")])
    assert event.fatalities == 20 and event.event_type == "Battles"


@pytest.mark.slow
def test_events_place_near_a_town_gets_precision_two() -> None:
    text = "Gunmen killed five herders about 90 km east of Gao on Sunday."
    [event] = code(text, places=[("Gao", "Mali")])
    assert event.location == "Gao" and event.geo_precision == 2


@pytest.mark.slow
def test_events_publication_date_without_date_in_text() -> None:
    text = "Gunmen killed five herders in Gossi."
    [event] = code(text, places=[("Gossi", "Mali")])
    assert event.event_date == PUBLISHED and event.time_precision == 2


@pytest.mark.slow
def test_events_repelled_attack_makes_the_defender_actor2() -> None:
    text = "Soldiers repelled an attack on the army camp at Boulkessi on Saturday, the army said."
    [event] = code(text, places=[("Boulkessi", "Mali")], actors=[("Soldiers", "Military Forces of Mali", 1)])
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group", "Military Forces of Mali")


@pytest.mark.slow
def test_events_troops_that_fought_off_attackers_are_actor2() -> None:
    # "fought off" is the defence, not the "fought" of two sides that clash
    text = "Soldiers fought off militants who attacked their camp at Boulkessi on Saturday, the army said."
    [event] = code(text, places=[("Boulkessi", "Mali")], actors=[("Soldiers", "Military Forces of Mali", 1)])
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group", "Military Forces of Mali")


@pytest.mark.slow
def test_events_post_that_came_under_fire_is_attacked() -> None:
    text = "Le poste militaire de Falagountou a essuyé des tirs mardi matin, selon une source sécuritaire."
    [event] = code(text, lang="fr", places=[("Falagountou", "Burkina Faso")])
    assert (event.sub_event_type, event.actor2) == ("Armed clash", "Military Forces of Burkina Faso")


@pytest.mark.slow
def test_events_arrests_told_paragraphs_later_are_not_the_protest_s() -> None:
    text = ("On Saturday, several hundred traders marched peacefully through Sikasso to demand that fuel supplies "
            "be restored.\nAnalysts say the shortages have cost the junta much of its support. \"People queue for "
            "a whole day at the pumps, and they know whom to blame,\" said one economist, who asked not to be named "
            "because she works with the ministries. Traders in other towns have threatened to close "
            "their shops, and bus companies have cut their services to the south by half since the start of the month.\n"
            "The junta has announced armed escorts for convoys and arrested several transport union leaders.")
    events = code(text, places=[("Sikasso", "Mali")])
    assert [e.sub_event_type for e in events if e.location == "Sikasso"] == ["Peaceful protest"]


@pytest.mark.slow
def test_events_shortly_after_a_landmark_is_the_same_ambush() -> None:
    text = ("A Malian army convoy was ambushed on Saturday near Bourem, killing nine soldiers. The column came under "
            "machine-gun and rocket fire shortly after crossing a dry riverbed, a source said.")
    assert len(code(text, places=[("Bourem", "Mali")])) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le 8 décembre, une équipe du génie a découvert et neutralisé deux engins explosifs improvisés sur "
               "l'axe Say-Tamou."),
        ("en", "On Sunday, engineers found and destroyed two explosive devices buried on the road near Tamou."),
    ],
)
def test_events_explosive_devices_neutralised_are_disrupted_weapons_use(lang: str, text: str) -> None:
    [event] = code(text, lang=lang, places=[("Tamou", "Niger")])
    assert (event.sub_event_type, event.fatalities) == ("Disrupted weapons use", 0)


@pytest.mark.slow
def test_events_date_of_the_statement_is_not_the_date_of_the_attack() -> None:
    text = "Gunmen killed 12 villagers in Tamalat on Sunday, officials said on Tuesday."
    [event] = code(text, places=[("Tamalat", "Mali")])
    assert event.event_date == dt.date(2023, 5, 7)


@pytest.mark.slow
def test_events_summary_of_two_attacks_splits_by_place_with_an_unknown_toll_each() -> None:
    text = "Fifty-one soldiers were killed on Friday in two attacks on army units near Tin-Akoff and Deou."
    events = code(text, places=[("Tin-Akoff", "Burkina Faso"), ("Deou", "Burkina Faso")])
    assert [(e.location, e.fatalities) for e in events] == [("Tin-Akoff", None), ("Deou", None)]
    assert all(e.notes and "several incidents" in e.notes for e in events)


@pytest.mark.slow
def test_events_long_quotation_is_commentary_not_an_incident() -> None:
    text = ('"The fighting is now everywhere outside the cities and nobody is safe," said a diplomat in '
            "Ouagadougou.")
    assert code(text, places=[("Ouagadougou", "Burkina Faso")]) == []


@pytest.mark.slow
def test_events_quoted_words_of_a_communique_still_count() -> None:
    text = "Dimanche près de Sebba, l'opération a permis de « neutraliser une quinzaine de terroristes »."
    [event] = code(text, "fr", places=[("Sebba", "Burkina Faso")])
    assert event.fatalities == 15 and event.event_type == "Battles"


@pytest.mark.slow
def test_events_place_named_as_a_source_is_not_the_location() -> None:
    text = "Plusieurs proches du chef jihadiste ont été tués lundi près de Ménaka, selon Paris."
    [event] = code(text, "fr", places=[("Ménaka", "Mali"), ("Paris", "France")])
    assert event.location == "Ménaka"


@pytest.mark.slow
def test_events_coup_is_the_army_against_the_government() -> None:
    text = "Mutinous soldiers seized power in Niamey on Wednesday and detained the president."
    events = code(text, places=[("Niamey", "Niger")])
    assert events and events[0].sub_event_type == "Other"
    assert (events[0].actor1, events[0].actor2) == ("Military Forces of Niger", "Government of Niger")


@pytest.mark.slow
def test_events_arrest_of_suspects_defaults_to_civilians() -> None:
    text = "Le samedi 6 mai, six individus suspects ont été interpellés à Koupéla par la gendarmerie."
    [event] = code(text, "fr", places=[("Koupéla", "Burkina Faso")])
    assert event.sub_event_type == "Arrests"
    assert (event.actor1, event.actor2) == ("Military Forces of Burkina Faso", "Civilians")


@pytest.mark.slow
def test_events_government_named_by_its_capital_is_not_the_location() -> None:
    text = "Gunmen killed five herders near Banibangou on Sunday, the Niamey authorities said."
    [event] = code(text, places=[("Banibangou", "Niger"), ("Niamey", "Niger")])
    assert event.location == "Banibangou"


@pytest.mark.slow
def test_events_the_capital_is_the_capital_of_the_report_country() -> None:
    text = "Thousands of people marched peacefully in the capital of Niger on Sunday against the finance law."
    [event] = code(text, places=[("Niger", "Niger")])
    assert (event.event_type, event.location, event.country) == ("Protests", "Niamey", "Niger")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Cinq gendarmes ont été tués dans la nuit du samedi 6 au dimanche 7 mai lors de l'attaque de leur poste à Say.", 7),
        ("Cinq gendarmes ont été tués dans la nuit de samedi à dimanche lors de l'attaque de leur poste à Say.", 7),
    ],
)
def test_events_night_between_two_days_is_coded_on_the_second(text: str, day: int) -> None:
    [event] = code(text, "fr", places=[("Say", "Niger")])
    assert event.event_date == dt.date(2023, 5, day)


@pytest.mark.slow
def test_events_toll_update_in_its_own_sentence() -> None:
    text = ("Suspected jihadists killed at least 11 civilians on Sunday in an attack on the village of Tamalat. "
            "The toll later rose to 15, according to a local official.")
    [event] = code(text, places=[("Tamalat", "Mali")])
    assert event.fatalities == 15


@pytest.mark.slow
def test_events_date_nearest_the_trigger_not_the_statement() -> None:
    text = "L'armée affirme dans un communiqué lu lundi avoir neutralisé une vingtaine de terroristes samedi près de Tillia."
    [event] = code(text, "fr", places=[("Tillia", "Niger")])
    assert event.event_date == dt.date(2023, 5, 6) and event.fatalities == 20


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("fr", "une patrouille a été accrochée par un groupe armé près de Dori", "Armed clash"),
        ("en", "youths burned tyres and clashed with police in the town centre", "Violent demonstration"),
        ("fr", "des jeunes ont brûlé des pneus et érigé des barricades", "Violent demonstration"),
        ("en", "residents threw stones at the gendarmerie", "Violent demonstration"),
        ("fr", "des notables ont conclu avec le groupe un accord autorisant le ravitaillement", "Agreement"),
        ("fr", "des milliers de personnes ont marché dans les rues de la capitale", "Peaceful protest"),
        ("fr", "une marche similaire avait réuni quelques centaines de personnes", "Peaceful protest"),
        ("en", "the mission handed its camp in the town over to the army", "Non-violent transfer of territory"),
        ("en", "rebels moved into the United Nations camp hours after the peacekeepers left",
         "Non-violent transfer of territory"),
    ],
)
def test_events_hits_communique_and_riot_phrases(lang: str, text: str, label: str) -> None:
    hits = find_hits(text, lang)
    assert max(hits, key=lambda h: h.weight).label == label


@pytest.mark.slow
def test_events_the_killing_a_riot_followed_is_not_the_riot_toll() -> None:
    text = ("Angry residents of Tamalat burned tyres and set fire to the town hall on Monday. Police fired tear gas; "
            "no one was hurt, an official said. The unrest followed the killing of several villagers by gunmen "
            "near Tamalat on Saturday.")
    events = code(text, places=[("Tamalat", "Mali")], actors=[("gunmen", "Unidentified Armed Group", 2)])
    riot = [e for e in events if e.event_type == "Riots"]
    assert len(riot) == 1 and riot[0].fatalities == 0
    assert any(e.event_type == "Violence against civilians" for e in events)


@pytest.mark.slow
def test_events_an_unplaced_incident_takes_the_one_town_of_the_report() -> None:
    filler = "Residents described hours of fear and confusion, and several families left for the regional capital. " * 5
    text = ("Gunmen abducted two traders in Tamalat on Saturday, residents said. " + filler
            + "On Monday, armed men kidnapped a teacher at his home, his family said.")
    events = code(text, places=[("Tamalat", "Mali")], actors=[("Gunmen", "Unidentified Armed Group", 2)])
    assert [e.location for e in events] == ["Tamalat", "Tamalat"]


@pytest.mark.slow
def test_events_a_toll_update_dated_the_day_it_was_given_merges_into_its_incident() -> None:
    text = ("Des hommes armés ont attaqué le village de Tamalat dans la nuit de samedi à dimanche, tuant des civils. "
            "Un premier bilan faisait état de douze morts. Selon un nouveau bilan établi lundi par une source "
            "hospitalière, 26 civils ont été tués.")
    events = code(text, "fr", places=[("Tamalat", "Mali")], actors=[("hommes armés", "Unidentified Armed Group", 2)])
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Tamalat", dt.date(2023, 5, 7), 26)]


@pytest.mark.slow
def test_events_a_total_for_two_attacks_in_a_region_is_no_incident_of_its_own() -> None:
    text = ("Gunmen killed 25 people in two attacks on Saturday in the Tillaberi region, security sources said. "
            "In the first attack, assailants opened fire on farmers near Tamalat. A few hours later, another group "
            "raided a market near Anefis.")
    events = code(text, places=[("Tillaberi", "Niger", "admin1"), ("Tamalat", "Niger"), ("Anefis", "Niger")],
                  actors=[("Gunmen", "Unidentified Armed Group", 2)])
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [
        ("Tamalat", dt.date(2023, 5, 6), None), ("Anefis", dt.date(2023, 5, 6), None)]


@pytest.mark.slow
def test_events_the_next_day_the_attackers_came_back_is_a_new_incident() -> None:
    text = ("Des jihadistes ont attaqué dimanche un village près de Tamalat, faisant dix-huit morts. "
            "Le lendemain, les assaillants sont revenus incendier des greniers dans deux hameaux voisins.")
    events = code(text, "fr", places=[("Tamalat", "Mali")], actors=[("jihadistes", "Unidentified Armed Group", 2),
                                                                    ("assaillants", "Unidentified Armed Group", 2)])
    assert [(e.event_date, e.sub_event_type) for e in events] == [
        (dt.date(2023, 5, 7), "Attack"), (dt.date(2023, 5, 8), "Looting/property destruction")]
    assert [e.location for e in events] == ["Tamalat", "Tamalat"]


@pytest.mark.slow
def test_events_a_crowd_that_beat_suspects_to_death_is_mob_violence() -> None:
    [event] = code("A crowd beat to death two men accused of theft in a market in Tamalat on Sunday, police said.",
                   places=[("Tamalat", "Mali")])
    assert (event.sub_event_type, event.fatalities) == ("Mob violence", 2)


def test_events_a_wire_dateline_is_where_the_report_was_filed() -> None:
    from sitreps.events.location import _dateline

    assert _dateline("NIAMEY, Nov 8 - Gunmen killed 25 people.", 0, 6)
    assert _dateline("OUAGADOUGOU, 12 janvier - Des hommes armés", 0, 11)
    assert not _dateline("Gao, the main town of the north, was calm.", 0, 3)


@pytest.mark.slow
def test_events_later_the_same_day_opens_another_incident() -> None:
    text = ("Gunmen opened fire on a market near Tamalat on Tuesday, killing nine civilians. "
            "Later the same day, suspected jihadists ambushed an army unit sent to the area; two soldiers were killed.")
    events = code(text, places=[("Tamalat", "Mali")], actors=[("Gunmen", "Unidentified Armed Group", 2)])
    assert [(e.event_date, e.fatalities) for e in events] == [(dt.date(2023, 5, 9), 9), (dt.date(2023, 5, 9), 2)]


@pytest.mark.slow
def test_events_the_attack_on_the_detachment_refers_back_to_the_detachment() -> None:
    text = ("Des hommes armés ont attaqué dimanche le détachement militaire de Tamalat, puis ont tendu une embuscade "
            "à des renforts venus de Kaya près d'Anefis. Le bilan de l'attaque contre le détachement s'élève à "
            "20 morts parmi les soldats, tandis qu'une source locale évoque 35 morts. L'embuscade près d'Anefis "
            "aurait fait six morts parmi les militaires.")
    events = code(text, "fr", places=[("Tamalat", "Mali"), ("Kaya", "Burkina Faso"), ("Anefis", "Mali")],
                  actors=[("hommes armés", "Unidentified Armed Group", 2)])
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [
        ("Tamalat", dt.date(2023, 5, 7), 20), ("Anefis", dt.date(2023, 5, 7), 6)]


@pytest.mark.slow
def test_events_a_regional_total_for_a_month_is_no_incident_and_no_toll_to_share() -> None:
    text = ("An aid group said on Thursday that at least 64 civilians were killed in the Tillaberi region in April, "
            "as fighting spread across the Tamalat and Anefis areas. Among the incidents it documented, armed men "
            "abducted 11 passengers from a bus near Tamalat on April 12.")
    events = code(text, places=[("Tillaberi", "Niger", "admin1"), ("Tamalat", "Niger"), ("Anefis", "Niger")],
                  actors=[("armed men", "Unidentified Armed Group", 2)])
    assert [(e.location, e.sub_event_type, e.fatalities) for e in events] == [
        ("Tamalat", "Abduction/forced disappearance", 0)]


@pytest.mark.slow
def test_events_a_total_for_attacks_on_two_named_days_leaves_each_unknown() -> None:
    text = ("Gunmen killed at least 40 civilians in two attacks on nomad camps on Thursday and Friday, officials said. "
            "The first attack hit a camp near Tamalat on Thursday; the next day the gunmen struck a second camp near "
            "Anefis.")
    events = code(text, places=[("Tamalat", "Mali"), ("Anefis", "Mali")], actors=[("Gunmen", "Unidentified Armed Group", 2)])
    assert [(e.location, e.fatalities) for e in events] == [("Tamalat", None), ("Anefis", None)]


@pytest.mark.slow
def test_events_a_clause_opening_on_its_own_day_is_another_incident_despite_the_attackers() -> None:
    text = ("Dimanche, un accrochage entre des miliciens et des hommes armés près de Tamalat a fait quatre morts. "
            "Mardi matin, des jeunes en colère ont incendié à Tamalat le véhicule d'un commerçant qu'ils accusaient "
            "d'avoir renseigné les assaillants.")
    events = code(text, "fr", places=[("Tamalat", "Mali")], actors=[("hommes armés", "Unidentified Armed Group", 2)])
    assert [e.event_date for e in events] == [dt.date(2023, 5, 7), dt.date(2023, 5, 9)]


@pytest.mark.slow
def test_events_a_claim_dated_on_its_own_day_stays_with_its_incident() -> None:
    text = ("Seven soldiers were killed when their patrol was ambushed near Tamalat on Saturday. On Sunday, a jihadist "
            "group said in a message that its men had carried out the ambush.")
    events = code(text, places=[("Tamalat", "Mali")])
    assert [(e.event_date, e.fatalities) for e in events] == [(dt.date(2023, 5, 6), 7)]


@pytest.mark.slow
def test_events_the_army_catching_the_attackers_next_day_is_another_fight() -> None:
    text = ("Des terroristes ont attaqué dimanche un convoi de camions près de Tamalat, tuant deux chauffeurs. "
            "Selon l'armée, les FAMa ont rattrapé les assaillants lundi et en ont neutralisé plusieurs dizaines.")
    events = code(text, "fr", places=[("Tamalat", "Mali")], actors=[("terroristes", "Unidentified Armed Group", 2),
                                                                    ("FAMa", "Military Forces of Mali", 1)])
    assert [(e.event_date, e.fatalities) for e in events] == [(dt.date(2023, 5, 7), 2), (dt.date(2023, 5, 8), 12)]


def test_segment_a_parser_cut_inside_a_word_is_no_sentence_end() -> None:
    from sitreps.nlp.segment import sentence_bounds

    nlp = spacy.blank("fr")
    doc = nlp("Un convoi de camions-citernes a été attaqué. Deux chauffeurs ont été tués.")
    for token in doc:
        token.is_sent_start = token.i == 0 or token.text in ("-", "Deux")
    assert [doc.text[a:b] for a, b in sentence_bounds(doc)] == [
        "Un convoi de camions-citernes a été attaqué.", "Deux chauffeurs ont été tués."]


@pytest.mark.slow
def test_events_a_rally_that_broke_up_by_itself_had_no_intervention() -> None:
    [event] = code("Des milliers de personnes se sont rassemblées samedi à Tamalat pour exiger le départ des soldats "
                   "étrangers. Le rassemblement s'est dispersé dans le calme.", "fr", places=[("Tamalat", "Niger")])
    assert event.sub_event_type == "Peaceful protest"


@pytest.mark.slow
def test_events_a_blast_on_the_road_between_two_towns_is_an_incident_of_its_own() -> None:
    text = ("Six soldiers were killed when a patrol was attacked near Tamalat on Wednesday, the ministry said. "
            "The same communiqué said that a logistics convoy hit an explosive device on the road between Anefis "
            "and Kidal on Wednesday, damaging a truck.")
    events = code(text, places=[("Tamalat", "Mali"), ("Anefis", "Mali"), ("Kidal", "Mali")])
    assert [(e.location, e.sub_event_type) for e in events] == [
        ("Tamalat", "Armed clash"), ("Anefis", "Remote explosive/landmine/IED")]


@pytest.mark.slow
def test_events_an_army_convoy_that_hits_a_mine_is_the_target() -> None:
    [event] = code("An army convoy hit an improvised explosive device near Tamalat on Sunday, wounding two soldiers.",
                   places=[("Tamalat", "Mali")], actors=[("army", "Military Forces of Mali", 1)])
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group", "Military Forces of Mali")


@pytest.mark.slow
def test_events_a_camp_handed_over_goes_to_the_side_that_takes_it() -> None:
    [event] = code("The UN mission MINUSMA handed its camp in Tamalat over to the Malian armed forces on Tuesday.",
                   places=[("Tamalat", "Mali")], actors=[("MINUSMA", "MINUSMA", 8),
                                                         ("Malian armed forces", "Military Forces of Mali", 1)])
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Non-violent transfer of territory", "Military Forces of Mali", "MINUSMA")


@pytest.mark.slow
def test_events_a_claim_of_both_attacks_covers_the_incidents_just_told() -> None:
    text = ("Des hommes armés ont attaqué dimanche le détachement de Tamalat, puis ont tendu une embuscade à des "
            "renforts près d'Anefis. Le GSIM a revendiqué lundi les deux attaques dans un message audio.")
    events = code(text, "fr", places=[("Tamalat", "Mali"), ("Anefis", "Mali")],
                  actors=[("hommes armés", "Unidentified Armed Group", 2),
                          ("GSIM", "Jama'at Nusrat al-Islam wal-Muslimin", 2)])
    assert [(e.location, e.actor1) for e in events] == [
        ("Tamalat", "Jama'at Nusrat al-Islam wal-Muslimin"), ("Anefis", "Jama'at Nusrat al-Islam wal-Muslimin")]


@pytest.mark.slow
def test_events_a_helicopter_crash_is_no_incident() -> None:
    assert code("A Malian army helicopter crashed near Tamalat on Tuesday, killing its crew, the army said.",
                places=[("Tamalat", "Mali")]) == []


@pytest.mark.slow
def test_events_wagner_beside_the_army_is_its_associate() -> None:
    [event] = code("Wagner mercenaries and Malian troops executed dozens of men in Tamalat on Sunday, the UN said.",
                   places=[("Tamalat", "Mali")], actors=[("Wagner mercenaries", "Wagner Group", 8),
                                                         ("Malian troops", "Military Forces of Mali", 1)])
    assert (event.actor1, event.assoc_actor_1) == ("Military Forces of Mali", "Wagner Group")
