"""actor1/actor2 from participants: hand-built participants for ``choose_sides``, real parses for the
syntactic rules (slow)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitreps.events.participants import choose_sides
from tests.coding import code_sides, participant

JNIM = "Jama'at Nusrat al-Islam wal-Muslimin"
ISSP = "Islamic State Sahel Province"
UAG = "Unidentified Armed Group"


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [("suspected", JNIM), ("claimed", JNIM), ("stated", UAG)],
)
def test_events_participants_blamed_group_replaces_generic_attackers(attribution: str, expected: str) -> None:
    # "gunmen killed 15 worshippers, an attack blamed on JNIM": the blamed group is actor1
    parts = [
        participant(UAG, 0, "agent", inter=2, generic=True, role="uag"),
        participant("Civilians", 10, "patient", inter=7, generic=True, role="civilians"),
        participant(JNIM, 40, "patient", inter=2, attribution=attribution),
    ]
    sides = choose_sides(parts)
    assert sides.actor1 is not None and sides.actor1.name == expected
    assert sides.actor2 is not None and sides.actor2.name == "Civilians"


def test_events_participants_blamed_group_does_not_override_a_named_agent() -> None:
    parts = [
        participant("Military Forces of Mali", 0, "agent", inter=1),
        participant(ISSP, 30, None, inter=2, attribution="suspected"),
    ]
    sides = choose_sides(parts)
    assert sides.actor1 is not None and sides.actor1.name == "Military Forces of Mali"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Government of Niger", UAG),  # "the government said": a reporter, not the attacker
        ("Permanent Strategic Framework", "Permanent Strategic Framework"),  # "the CSP said its fighters ..."
    ],
)
def test_events_participants_source_stands_in_only_for_armed_speakers(source: str, expected: str) -> None:
    parts = [
        participant(UAG, 0, "agent", inter=2, generic=True, role="uag"),
        participant("Military Forces of Niger", 10, "patient", inter=1, generic=True, role="military"),
        participant(source, 30, "source", inter=1 if source.startswith("Government") else 2),
    ]
    sides = choose_sides(parts)
    assert sides.actor1 is not None and sides.actor1.name == expected


def test_events_participants_government_is_the_last_choice_of_target() -> None:
    parts = [
        participant(UAG, 0, "agent", inter=2, generic=True, role="uag"),
        participant("Government of Burkina Faso", 5, "patient", inter=1),
        participant("Civilians", 20, "patient", inter=7, generic=True, role="civilians"),
    ]
    sides = choose_sides(parts)
    assert sides.actor2 is not None and sides.actor2.name == "Civilians"


def _code(lang: str, text: str) -> list[tuple[str | None, str | None]]:
    return code_sides(lang, text, dt.date(2024, 3, 12))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "On Friday, fighters of the Permanent Strategic Framework (CSP), the rebel coalition that "
               "signed the accord as the CMA, attacked an army post near Lere in Mali, killing four soldiers.",
         ("Permanent Strategic Framework", "Military Forces of Mali")),
        ("fr", "Des combattants du JNIM, qui contrôlent la zone depuis que l'EIGS s'est retiré, ont attaqué "
               "dimanche un poste de l'armée malienne près de Léré.",
         (JNIM, "Military Forces of Mali")),
    ],
)
def test_events_participants_apposition_actor_takes_no_side(
    lang: str, text: str, expected: tuple[str, str]
) -> None:
    assert expected in _code(lang, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Gunmen killed 15 worshippers at a mosque near Djibo in Burkina Faso on Sunday, an attack "
               "that local officials blamed on JNIM."),
        ("fr", "Des hommes armés ont tué quinze fidèles dimanche dans une mosquée près de Djibo, au Burkina "
               "Faso, une attaque attribuée au JNIM par des sources locales."),
    ],
)
def test_events_participants_blamed_group_is_actor1_in_a_parse(lang: str, text: str) -> None:
    assert (JNIM, "Civilians") in _code(lang, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "JNIM fighters attacked an army post near Lere in Mali on Sunday, killing four soldiers."),
        ("fr", "Des jihadistes du JNIM ont attaqué dimanche un poste de l'armée malienne près de Léré, au Mali."),
    ],
)
def test_events_participants_group_fighters_are_the_group(lang: str, text: str) -> None:
    assert (JNIM, "Military Forces of Mali") in _code(lang, text)


@pytest.mark.slow
def test_events_participants_inverted_french_speaker_is_a_source() -> None:
    text = ("Au moins quinze personnes ont été tuées dimanche lorsqu'un camion transportant des commerçants a sauté "
            "sur un engin explosif sur l'axe Kaya-Dori, au Burkina Faso, a annoncé lundi le gouvernement dans un "
            "communiqué.")
    coded = _code("fr", text)
    assert coded and all(a2 == "Civilians" for _a1, a2 in coded)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "L'attaque menée samedi contre une position militaire à Tchintabaraden, au Niger, a fait neuf "
               "morts parmi les soldats. Les assaillants ont emporté deux véhicules."),
        ("en", "The attack carried out on Saturday against an army position in Tchintabaraden, Niger, killed "
               "nine soldiers. The assailants took two vehicles."),
    ],
)
def test_events_participants_the_target_of_a_participle_is_the_target(lang: str, text: str) -> None:
    # "l'attaque menée contre X": X is what was attacked, not who attacked
    sides = _code(lang, text)
    assert sides and sides[0][1] == "Military Forces of Niger"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "claimed", "unclaimed"),
    [
        ("en", "Militants attacked a gendarmerie post in Sebba, Burkina Faso, on Sunday, killing five gendarmes. "
               "JNIM claimed the attack on Monday. On Tuesday, two traders were killed when their truck hit a "
               "landmine near Titabe. No group has claimed that explosion.",
         (JNIM, "Military Forces of Burkina Faso"), ("Unidentified Armed Group", "Civilians")),
        ("fr", "Des assaillants ont attaqué dimanche la brigade de gendarmerie de Sebba, au Burkina Faso, tuant "
               "cinq gendarmes. Le JNIM a revendiqué l'attaque lundi. Mardi, deux commerçants ont été tués par "
               "l'explosion d'une mine au passage de leur camion près de Titabé. Cette explosion n'a pas été "
               "revendiquée.",
         (JNIM, "Military Forces of Burkina Faso"), ("Unidentified Armed Group", "Civilians")),
    ],
)
def test_events_participants_incident_nobody_claimed_keeps_its_unknown_author(
    lang: str, text: str, claimed: tuple[str, str], unclaimed: tuple[str, str]
) -> None:
    sides = _code(lang, text)
    assert claimed in sides and unclaimed in sides


@pytest.mark.slow
def test_events_participants_blame_beside_a_denied_claim_still_names_the_group() -> None:
    text = ("Gunmen killed twelve villagers in Seytenga, Burkina Faso, on Sunday. No group has claimed the attack, "
            "but the army blamed JNIM.")
    assert (JNIM, "Civilians") in _code("en", text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Gunmen killed nine villagers in Sebba, Burkina Faso, on Sunday. On Monday, two traders were killed "
               "when their truck hit a landmine near Titabe. JNIM claimed the Sebba attack on Tuesday."),
        ("fr", "Des hommes armés ont tué neuf villageois dimanche à Sebba, au Burkina Faso. Lundi, deux commerçants "
               "ont été tués par l'explosion d'une mine au passage de leur camion près de Titabé. L'attaque de "
               "Sebba a été revendiquée mardi par le JNIM."),
    ],
)
def test_events_participants_claim_naming_one_town_leaves_the_other_incident_unattributed(
    lang: str, text: str
) -> None:
    sides = _code(lang, text)
    # two incidents: the day of the claim is not the day of a third one
    assert sorted(sides) == sorted([(JNIM, "Civilians"), ("Unidentified Armed Group", "Civilians")])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "French forces of Operation Barkhane said on Tuesday that their helicopters had struck a group of "
               "armed terrorists near Tessalit, in Mali, on Monday, killing about ten of them.",
         ("Operation Barkhane", UAG)),
        ("fr", "La force Barkhane a indiqué mardi que ses hélicoptères avaient mené lundi des frappes aériennes "
               "contre un groupe de terroristes près de Tessalit, au Mali, en neutralisant une dizaine.",
         ("Operation Barkhane", UAG)),
    ],
)
def test_events_participants_helicopters_of_the_speaking_force_strike(
    lang: str, text: str, expected: tuple[str, str]
) -> None:
    assert _code(lang, text) == [expected]


@pytest.mark.slow
def test_events_participants_rights_group_speaking_of_troops_is_no_side() -> None:
    text = ("Human Rights Watch said on Tuesday that soldiers who arrived by helicopter killed 14 civilians in a "
            "village near Djenne, in Mali, on Sunday.")
    assert _code("en", text) == [("Military Forces of Mali", "Civilians")]


@pytest.mark.slow
def test_events_participants_claimant_outranks_a_side_a_toll_sentence_names() -> None:
    text = ("A supply convoy escorted by soldiers and VDP auxiliaries was ambushed by militants on Monday near "
            "Gayeri, in Burkina Faso. One source put the toll at 11 soldiers and 7 VDP killed. JNIM claimed the "
            "attack on Tuesday, saying its fighters had seized weapons.")
    assert _code("en", text) == [(JNIM, "Military Forces of Burkina Faso")]


@pytest.mark.slow
def test_events_participants_unnamed_soldiers_are_the_forces_of_the_incident_s_country() -> None:
    # the report names Mali (where the attackers came from) and never Niger: the post at Tassara is Nigerien
    text = ("Vingt-et-un militaires ont été tués mercredi lors de l'attaque du poste de Tassara, dans la région de "
            "Tahoua. Les assaillants étaient venus du Mali voisin, selon une source sécuritaire au Mali.")
    assert _code("fr", text) == [(UAG, "Military Forces of Niger")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le 11 décembre, une unité en reconnaissance a accroché un groupe de terroristes au nord d'Ayorou, au Niger.",
         ("Military Forces of Niger", UAG)),
        ("Le 6 décembre, un aéronef des Forces armées nigériennes a frappé un regroupement de terroristes près de "
         "Tillia, au Niger, en neutralisant une vingtaine.", ("Military Forces of Niger", UAG)),
    ],
)
def test_events_participants_communique_units_and_aircraft_act(text: str, expected: tuple[str, str]) -> None:
    assert _code("fr", text) == [expected]


@pytest.mark.slow
def test_events_participants_a_state_of_affairs_paragraphs_later_joins_no_strike() -> None:
    text = ("On Monday, according to state television, drones struck JNIM fighters withdrawing from Djibo, in "
            "Burkina Faso, killing dozens of them.\n"
            "The junta has staked its legitimacy on a promise to recover the territory lost under its predecessors, "
            "and analysts say the promise has so far been hard to keep. Whole provinces of the north and east are "
            "under blockade, and the roads between the main towns can only be travelled in escorted convoys that "
            "leave once or twice a month. Prices of food and fuel have doubled in the besieged towns.\n"
            "Traore, who seized power in 2022, has staked his name on that promise. He has expelled French forces, "
            "bought Turkish drones, and enlisted tens of thousands of civilians in the Volunteers for the Defence of "
            "the Homeland (VDP), whose units now fight alongside the army almost everywhere outside the cities.")
    assert _code("en", text) == [("Military Forces of Burkina Faso", JNIM)]


@pytest.mark.slow
def test_events_participants_an_aside_after_an_arrest_opens_no_kidnapping() -> None:
    text = ("Unidentified assailants abducted a European national from a guesthouse in Agadez, Niger, on Sunday. "
            "On Saturday, soldiers arrested four men near Arlit on suspicion of smuggling weapons, a local official "
            "said; it was not clear whether they had any connection with the kidnappers.")
    assert sorted(_code("en", text)) == [("Military Forces of Niger", "Civilians"), (UAG, "Civilians")]
