"""Rules of ``sitreps.events.participants`` written for harder reporting: a speaker hit by the attack it
reports, "its fighters" killed, the group a report blames, subjects that undergo the act ("came under
fire", "a été la cible d'une embuscade", "soldiers died") and "des combats ont opposé X à Y"."""

from __future__ import annotations

import datetime as dt

import pytest

from sitreps.events.participants import choose_sides, report_group, unattributed, unidentified
from sitreps.models import ActorMention
from tests.coding import code_sides, participant

UAG = "Unidentified Armed Group"
JNIM = "Jama'at Nusrat al-Islam wal-Muslimin"
ISSP = "Islamic State Sahel Province"
MALI = "Military Forces of Mali"
MSA = "Movement for the Salvation of Azawad"


def _mention(name: str, attribution: str, actor_type: int = 2, start: int = 0) -> ActorMention:
    return ActorMention(name=name, text=name, start=start, end=start + len(name), actor_type=actor_type,
                        attribution=attribution)


def test_participants_force_reporting_its_own_losses_is_not_the_attacker() -> None:
    # "A suicide car bomb exploded at the army camp, killing three soldiers, the army said."
    parts = [
        participant(MALI, 0, "patient", inter=1, generic=True, role="military"),
        participant(MALI, 30, "source", inter=1),
    ]
    assert choose_sides(parts).actor1 is None


def test_participants_force_reporting_its_kills_is_still_the_actor() -> None:
    # "The army said it killed 20 terrorists."
    parts = [
        participant(MALI, 0, "source", inter=1),
        participant(UAG, 30, "patient", inter=2, generic=True, role="uag"),
    ]
    sides = choose_sides(parts)
    assert sides.actor1 is not None and sides.actor1.name == MALI
    assert sides.actor2 is not None and sides.actor2.name == UAG


def test_participants_its_fighters_killed_are_the_speaking_group() -> None:
    # "The MSA said nine of its fighters were killed when Islamic State militants attacked its positions."
    parts = [
        participant(MSA, 0, "source", inter=3),
        participant(UAG, 20, "patient", inter=2, generic=True, possessed=True, role="uag"),
        participant(ISSP, 50, "agent", inter=2),
    ]
    sides = choose_sides(parts)
    assert sides.actor1 is not None and sides.actor1.name == ISSP
    assert sides.actor2 is not None and sides.actor2.name == MSA


def test_participants_report_group_falls_back_on_the_one_blamed_group() -> None:
    actors = [_mention(UAG, "stated"), _mention("Dan Na Ambassagou", "suspected", actor_type=4, start=40)]
    group = report_group(actors)
    assert group is not None and group.name == "Dan Na Ambassagou" and group.attribution == "suspected"


@pytest.mark.parametrize(
    "actors",
    [
        # the report calls its attackers "suspected jihadists": it leaves them unidentified
        [ActorMention(name=UAG, text="Suspected jihadists", start=0, end=19, actor_type=2, attribution="suspected"),
         _mention(JNIM, "suspected", start=40)],
        # two blamed groups: nobody can tell
        [_mention(JNIM, "suspected"), _mention(ISSP, "suspected", start=40)],
        # blame alone on a state force does not make it the report's armed group
        [_mention(MALI, "suspected", actor_type=1)],
    ],
)
def test_participants_report_group_ignores_unclear_blame(actors: list[ActorMention]) -> None:
    assert report_group(actors) is None


def test_participants_report_group_names_the_accused_jihadists() -> None:
    # "une ONG a accusé des combattants jihadistes ... attribue ces exécutions à la katiba Macina"
    actors = [ActorMention(name=UAG, text="jihadistes", start=0, end=10, actor_type=2, attribution="suspected"),
              _mention(JNIM, "suspected", start=40)]
    group = report_group(actors)
    assert group is not None and group.name == JNIM


def test_participants_a_claim_wins_over_a_blame() -> None:
    actors = [_mention(ISSP, "suspected"), _mention(JNIM, "claimed", start=40)]
    group = report_group(actors)
    assert group is not None and group.name == JNIM


@pytest.mark.parametrize(
    ("text", "is_unidentified", "is_unattributed"),
    [
        ("unidentified gunmen", True, True),
        ("individus armés non identifiés", True, True),
        ("gunmen", False, True),
        ("des hommes armés", False, True),
        ("the militants", False, False),
    ],
)
def test_participants_unidentified_is_stricter_than_unattributed(text: str, is_unidentified: bool,
                                                                 is_unattributed: bool) -> None:
    part = participant(UAG, 0, "agent", inter=2, generic=True, role="uag", text=text)
    assert unidentified(part) is is_unidentified
    assert unattributed(part) is is_unattributed


def _code(lang: str, text: str) -> list[tuple[str | None, str | None]]:
    return code_sides(lang, text, dt.date(2024, 3, 15))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Le 13 mars, une unité des FAMa a été la cible d'une embuscade tendue par des terroristes entre "
               "Hombori et Boni, au Mali.", (UAG, MALI)),
        ("fr", "Le 13 mars, le camp de la MINUSMA à Tessalit, au Mali, a essuyé des tirs d'obus.", (UAG, "MINUSMA")),
        ("en", "On Wednesday, dozens of Malian soldiers died when fighters stormed the army post in Boni, in Mali.",
         (UAG, MALI)),
    ],
)
def test_participants_subject_that_undergoes_the_act_is_the_target(lang: str, text: str,
                                                                   expected: tuple[str, str]) -> None:
    assert expected in _code(lang, text)


@pytest.mark.slow
def test_participants_opposer_names_the_first_side_first() -> None:
    text = ("Des affrontements ont opposé dimanche des combattants du JNIM à des miliciens de Dan Na Ambassagou "
            "près de Koro, au Mali, faisant dix-huit morts.")
    assert (JNIM, "Dan Na Ambassagou") in _code("fr", text)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("JNIM claimed the attack. Separately, eight VDP were wounded near Diapaga.", "eight", True),
        ("Le JNIM a revendiqué l'attaque.\nPar ailleurs, trois VDP ont été tués mardi.", "trois", True),
        ("In another incident, gunmen killed two herders.", "gunmen", True),
        ("JNIM claimed the attack. Eight VDP were wounded near Diapaga.", "Eight", False),
        ("Gunmen attacked a village; residents fled elsewhere.", "residents", False),
    ],
)
def test_participants_separate_incident_opening(text: str, word: str, expected: bool) -> None:
    from sitreps.events.participants import separate_incident

    assert separate_incident(text, text.index(word)) is expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "On March 12, gunmen believed to belong to JNIM burned houses in a village near Macina, in Mali, "
               "and killed four men."),
        ("fr", "Le 12 mars, des hommes armés soupçonnés d'appartenir au JNIM ont tué quatre civils près de "
               "Macina, au Mali."),
    ],
)
def test_participants_hedged_membership_names_the_attacker(lang: str, text: str) -> None:
    # "gunmen believed to belong to X": the report names who they were, however cautiously
    assert _code(lang, text)[0][0] == JNIM


@pytest.mark.slow
def test_participants_escort_of_a_target_is_a_target() -> None:
    # the VDP escorting the convoy did not lay the mine that hit it
    text = ("Le 14 avril, un convoi de ravitaillement escorté par des VDP a été visé par un engin explosif "
            "improvisé près de Kantchari, au Burkina Faso ; deux VDP ont perdu la vie.")
    assert _code("fr", text)[0] == (UAG, "Volunteers for the Defense of the Homeland")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Le 4 octobre, quatre soldats américains et cinq militaires nigériens ont trouvé la mort dans une "
               "embuscade près de Tongo Tongo, au Niger.", (UAG, "Military Forces of the United States")),
        ("fr", "Le 12 mars, douze militaires ont perdu la vie dans une attaque contre le poste de Boni, au Mali.",
         (UAG, MALI)),
    ],
)
def test_participants_those_who_lost_their_lives_are_the_target(lang: str, text: str,
                                                                expected: tuple[str, str]) -> None:
    assert expected in _code(lang, text)


def test_participants_unparsed_killers_of_civilians_are_the_named_force_first() -> None:
    parts = [participant("Military Forces of Mali", 10, None, inter=1),
             participant("Unidentified Armed Group", 30, None, inter=2, generic=True, role="uag"),
             participant("Civilians", 60, None, inter=7)]
    sides = choose_sides(parts)
    assert sides.actor1 is not None and sides.actor1.name == "Military Forces of Mali"


def test_participants_unparsed_attack_on_soldiers_still_prefers_the_armed_group() -> None:
    parts = [participant("Military Forces of Mali", 10, None, inter=1),
             participant("Unidentified Armed Group", 30, None, inter=2, generic=True, role="uag")]
    sides = choose_sides(parts)
    assert sides.actor1 is not None and sides.actor1.name == "Unidentified Armed Group"
