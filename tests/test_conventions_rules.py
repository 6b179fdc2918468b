"""ACLED conventions of ``sitreps.events.conventions`` for harder reporting: the target of a state strike
on "terrorists", the force facing a riot, and a blamed group standing for "gunmen"."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from sitreps.events.classify import Typing
from sitreps.events.conventions import fix_actors
from sitreps.events.participants import Participant, Sides
from tests.coding import participant

UAG = "Unidentified Armed Group"
MALI = "Military Forces of Mali"
DNA = "Dan Na Ambassagou"
STRIKE = Typing(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", certain=True)
RIOT = Typing(event_type="Riots", sub_event_type="Violent demonstration", certain=True)
ATTACK = Typing(event_type="Violence against civilians", sub_event_type="Attack", certain=True)


def _part(name: str, start: int, **fields: Any) -> Participant:
    """A participant written with its whole name unless ``text`` says otherwise."""
    return participant(name, start, **{"text": name, **fields})


def test_conventions_state_strike_on_terrorists_has_them_as_target() -> None:
    # "les vecteurs aériens des FAMa ont frappé un regroupement de terroristes": the army parsed as target
    army = _part(MALI, 10, inter=1, side="patient")
    terrorists = _part(UAG, 60, inter=2, side="patient", generic=True, role="uag", text="terroristes")
    sides = Sides(actor1=None, actor2=army, armed=(army, terrorists))
    assert fix_actors(STRIKE, sides, "Mali")[:2] == (MALI, UAG)


def test_conventions_state_strike_without_any_armed_target_keeps_none() -> None:
    army = _part(MALI, 10, inter=1, side="agent")
    sides = Sides(actor1=army, actor2=None, armed=(army,))
    assert fix_actors(STRIKE, sides, "Mali")[:2] == (MALI, None)


@pytest.mark.parametrize(
    ("forces", "expected"),
    [
        # "dispersés par la police": the police, before soldiers the sentence also names
        ([("Military Forces of Niger", "militaires"), ("Police Forces of Niger", "police")], "Police Forces of Niger"),
        # "security forces fired on demonstrators": at a demonstration they are the police
        ([(MALI, "security forces")], "Police Forces of Mali"),
        ([(MALI, "soldiers")], MALI),
    ],
)
def test_conventions_riot_faces_the_force_that_intervened(forces: list[tuple[str, str]], expected: str) -> None:
    parts = tuple(_part(name, 20 * k, inter=1, side="agent", generic=True,
                        role="police" if name.startswith("Police") else "military", text=text)
                  for k, (name, text) in enumerate(forces))
    country = expected.rsplit(" of ", 1)[1]
    sides = Sides(actor1=None, actor2=None, armed=parts, state=parts[0])
    assert fix_actors(RIOT, sides, country)[:2] == ("Rioters", expected)


def test_conventions_riot_ignores_a_force_that_only_reports() -> None:
    police = _part("Police Forces of Mali", 0, inter=1, side="source", generic=True, role="police", text="police")
    sides = Sides(actor1=None, actor2=None, armed=(police,), state=police)
    assert fix_actors(RIOT, sides, "Mali")[:2] == ("Rioters", None)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("des hommes armés", DNA),  # "a imputé l'attaque à Dan Na Ambassagou": the gunmen are that militia
        ("unidentified gunmen", UAG),  # the text insists nobody knows
    ],
)
def test_conventions_blamed_group_stands_for_gunmen(words: str, expected: str) -> None:
    gunmen = _part(UAG, 0, inter=2, side="agent", generic=True, role="uag", text=words)
    civilians = _part("Civilians", 30, inter=7, side="patient", generic=True, role="civilians")
    group = _part(DNA, 90, inter=4, attribution="suspected")
    sides = Sides(actor1=gunmen, actor2=civilians, armed=(gunmen,), group=group)
    assert fix_actors(ATTACK, sides, "Mali")[:2] == (expected, "Civilians")


def test_conventions_claimed_group_does_not_replace_gunmen() -> None:
    # a claim names the author of one attack; "gunmen" of another incident stay unidentified
    gunmen = _part(UAG, 0, inter=2, side="agent", generic=True, role="uag", text="gunmen")
    civilians = _part("Civilians", 30, inter=7, side="patient", generic=True, role="civilians")
    group = _part(DNA, 90, inter=4, attribution="claimed")
    sides = Sides(actor1=gunmen, actor2=civilians, armed=(gunmen,), group=group)
    assert fix_actors(ATTACK, sides, "Mali")[:2] == (UAG, "Civilians")


def test_conventions_claim_does_not_reach_a_separate_incident() -> None:
    # "JNIM claimed the attack ... Separately, eight VDP were wounded when their vehicle struck a mine"
    vdp = Participant(name="Volunteers for the Defense of the Homeland", start=80, end=84, text="VDP", inter=3,
                      side="patient", separate=True)
    group = _part("Jama'at Nusrat al-Islam wal-Muslimin", 20, inter=2, attribution="claimed")
    ied = Typing(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                 certain=True)
    sides = Sides(actor1=None, actor2=vdp, armed=(vdp,), group=group)
    assert fix_actors(ied, sides, "Burkina Faso")[:2] == (UAG, "Volunteers for the Defense of the Homeland")
    joined = dataclasses.replace(sides, actor2=dataclasses.replace(vdp, separate=False), armed=())
    assert fix_actors(ied, joined, "Burkina Faso")[0] == "Jama'at Nusrat al-Islam wal-Muslimin"


CLASH = Typing(event_type="Battles", sub_event_type="Armed clash", certain=True)
ARRESTS = Typing(event_type="Strategic developments", sub_event_type="Arrests", certain=True)


def test_conventions_crowd_is_no_side_of_a_clash() -> None:
    # "un accrochage entre des chasseurs de Dan Na Ambassagou et des hommes armés non identifiés", with the
    # "jeunes en colère" of the next sentence taken for the agent
    youths = _part("Rioters", 200, inter=5, side="agent", text="jeunes en colère")
    militia = _part(DNA, 40, inter=4, side="patient")
    gunmen = _part(UAG, 80, inter=2, side="patient", text="hommes armés non identifiés")
    sides = Sides(actor1=youths, actor2=militia, armed=(militia, gunmen))
    assert fix_actors(CLASH, sides, "Mali")[:2] == (UAG, DNA)


def test_conventions_arrested_suspects_are_civilians() -> None:
    # "nos forces ont interpellé six individus soupçonnés de ravitailler les groupes armés"
    army = _part(MALI, 0, inter=1, side="agent")
    groups = _part(UAG, 60, inter=2, side=None, text="groupes armés", attribution="suspected")
    sides = Sides(actor1=army, actor2=groups, armed=(army, groups))
    assert fix_actors(ARRESTS, sides, "Mali")[:2] == (MALI, "Civilians")
    # "soupçonnés de collaborer avec l'EIGS" are suspects; "arrested a JNIM commander" is the group's man
    for attribution, expected in (("suspected", "Civilians"), ("stated", "Islamic State Sahel Province")):
        group = _part("Islamic State Sahel Province", 60, inter=2, side="patient", attribution=attribution)
        sides = Sides(actor1=army, actor2=group, armed=(army, group))
        assert fix_actors(ARRESTS, sides, "Mali")[:2] == (MALI, expected)


def test_conventions_disrupted_weapons_are_foiled_by_state_forces() -> None:
    # "une unité en mission de reconnaissance a découvert et saisi un important stock d'armes"
    disrupted = Typing(event_type="Strategic developments", sub_event_type="Disrupted weapons use", certain=True)
    assert fix_actors(disrupted, Sides(), "Mali")[:2] == (MALI, UAG)
    assert fix_actors(disrupted, Sides(), None)[:2] == (None, None)


def test_conventions_camp_handed_to_the_army_by_an_unnamed_giver() -> None:
    # "MINUSMA said it handed its camp in Tessalit to the Malian armed forces": "it" names nobody
    transfer = Typing(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory",
                      certain=True)
    army = _part(MALI, 60, inter=1, side="patient")
    mission = _part("MINUSMA", 0, inter=8, side=None)
    assert fix_actors(transfer, Sides(actor2=army, armed=(mission, army)), "Mali")[:2] == (MALI, "MINUSMA")
    assert fix_actors(transfer, Sides(actor2=army, armed=(army,)), "Mali")[:2] == (MALI, None)


def test_conventions_property_destroyed_by_armed_men_is_the_civilians() -> None:
    # "des individus armés ont pillé puis incendié le centre de santé de Torodi"
    looting = Typing(event_type="Strategic developments", sub_event_type="Looting/property destruction",
                     certain=True)
    gunmen = _part(UAG, 0, inter=2, side="agent", generic=True, role="uag", text="individus armés")
    assert fix_actors(looting, Sides(actor1=gunmen, armed=(gunmen,)), "Niger")[:2] == (UAG, "Civilians")
    assert fix_actors(looting, Sides(), "Niger")[:2] == (UAG, "Civilians")  # "ils ont incendié des camions"


def test_conventions_mob_violence_has_civilian_victims() -> None:
    # "un homme accusé de vol de bétail a été battu à mort par une foule"
    mob = Typing(event_type="Riots", sub_event_type="Mob violence", certain=True)
    assert fix_actors(mob, Sides(), "Mali")[:2] == ("Rioters", "Civilians")
