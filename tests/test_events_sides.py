"""Which side is actor1 and which actor2: ACLED conventions on hand-built sides, and whole reports whose
sides depend on sentences before the incident (slow: the spaCy models parse them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from sitreps.events.classify import Typing
from sitreps.events.conventions import fix_actors
from sitreps.events.participants import Participant, Sides, report_group
from sitreps.models import ActorMention, Document, Event, Place

UAG = "Unidentified Armed Group"
JNIM = "Jama'at Nusrat al-Islam wal-Muslimin"
ISSP = "Islamic State Sahel Province"
STRIKE = Typing(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", certain=True)


def _part(name: str, start: int, *, inter: int, generic: bool = False, side: str | None = None) -> Participant:
    return Participant(name=name, start=start, end=start + 4, text=name[:4], inter=inter, generic=generic, side=side)


@pytest.mark.parametrize(
    ("actor2", "expected"),
    [
        (None, ("Military Forces of Mali", UAG)),  # "terrorists" near a drone strike: the army struck them
        ("Civilians", ("Military Forces of Mali", "Civilians")),  # civilians killed by a drone strike
        ("Military Forces of Mali", ("Military Forces of Mali", UAG)),  # the striker parsed as the target
        ("Military Forces of France", ("Military Forces of France", UAG)),  # a named foreign striker
    ],
)
def test_events_sides_air_strike_is_flown_by_state_forces(actor2: str | None,
                                                          expected: tuple[str, str]) -> None:
    a2 = None
    if actor2 is not None:
        a2 = _part(actor2, 20, inter=7 if actor2 == "Civilians" else 1, generic=True)
    sides = Sides(actor1=_part(UAG, 0, inter=2, generic=True, side="agent"), actor2=a2)
    name1, name2, inter1, _ = fix_actors(STRIKE, sides, "Mali")
    assert (name1, name2) == expected and inter1 == 1


def test_events_sides_air_strike_keeps_a_named_non_state_striker() -> None:
    sides = Sides(actor1=_part(JNIM, 0, inter=2, side="agent"),
                  actor2=_part("Military Forces of Mali", 20, inter=1))
    assert fix_actors(STRIKE, sides, "Mali")[:2] == (JNIM, "Military Forces of Mali")


def _mention(name: str, start: int, attribution: str, kind: int = 2) -> ActorMention:
    return ActorMention(name=name, text=name[:4], start=start, end=start + 4, actor_type=kind, attribution=attribution)


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ([_mention(JNIM, 0, "claimed"), _mention(JNIM, 90, "stated")], JNIM),
        ([_mention(JNIM, 0, "stated")], None),  # named, never said to have claimed anything
        ([_mention(JNIM, 0, "claimed"), _mention(ISSP, 50, "claimed")], None),  # two claimants: no telling
        ([_mention("Volunteers for the Defense of the Homeland", 0, "claimed", kind=3)], None),  # not a rebel group
    ],
)
def test_events_sides_report_group_is_the_one_claimant(mentions: list[ActorMention], expected: str | None) -> None:
    group = report_group(mentions)
    assert (group.name if group is not None else None) == expected


CLASH = Typing(event_type="Battles", sub_event_type="Armed clash", certain=True)
ATTACK = Typing(event_type="Violence against civilians", sub_event_type="Attack", certain=True)


@pytest.mark.parametrize(
    ("typing", "surface1", "actor2", "expected"),
    [
        (CLASH, "the militants", "Military Forces of Mali", (JNIM, "Military Forces of Mali")),
        (CLASH, "les assaillants", "Military Forces of Mali", (JNIM, "Military Forces of Mali")),
        (ATTACK, "", "Civilians", (JNIM, "Civilians")),  # "a boat was targeted": no stated author
        (ATTACK, "unidentified gunmen", "Civilians", (UAG, "Civilians")),  # the text says nobody knows
        (ATTACK, "des hommes armés", "Civilians", (UAG, "Civilians")),
    ],
)
def test_events_sides_generic_attacker_is_the_claimant(typing: Typing, surface1: str, actor2: str,
                                                       expected: tuple[str, str]) -> None:
    group = _part(JNIM, 200, inter=2)
    a1 = Participant(name=UAG, start=0, end=len(surface1), text=surface1, inter=2, generic=True, side="agent")
    a2 = _part(actor2, 30, inter=7 if actor2 == "Civilians" else 1, generic=True, side="patient")
    assert fix_actors(typing, Sides(actor1=a1, actor2=a2, group=group), "Mali")[:2] == expected
    assert fix_actors(typing, Sides(actor1=a1, actor2=a2), "Mali")[:2] == (UAG, actor2)


def test_events_sides_state_forces_fight_the_claimant() -> None:
    # "soldiers clashed with the terrorists" in a report where JNIM claimed: the target is JNIM
    a1 = _part("Military Forces of Mali", 0, inter=1, generic=True, side="agent")
    a2 = Participant(name=UAG, start=30, end=43, text="les terroristes", inter=2, generic=True, side="patient")
    sides = Sides(actor1=a1, actor2=a2, group=_part(JNIM, 200, inter=2))
    assert fix_actors(CLASH, sides, "Mali")[:2] == ("Military Forces of Mali", JNIM)


# --- whole reports, parsed


def _mentions(text: str, surface: str, name: str, kind: int, attribution: str) -> list[ActorMention]:
    out, start = [], text.find(surface)
    while start != -1:
        out.append(ActorMention(name=name, text=surface, start=start, end=start + len(surface), actor_type=kind,
                                attribution=attribution))
        start = text.find(surface, start + 1)
    return out


def _code(text: str, lang: str, places: Sequence[tuple[str, str]],
          actors: Sequence[tuple[str, str, int, str]]) -> list[Event]:
    from sitreps.events.coder import code_events
    from sitreps.nlp.load import load_nlp

    doc = load_nlp(lang)(text)
    document = Document(id="doc-1", text=text, origin="test", published=dt.date(2023, 5, 10),
                        published_precision=1, language=lang)
    place_list = []
    for name, country in places:
        start = text.index(name)
        place_list.append(Place(name=name, start=start, end=start + len(name), country=country, feature="locality",
                                latitude=14.0, longitude=-3.0, geo_precision=1))
    mentions = [m for surface, name, kind, how in actors for m in _mentions(text, surface, name, kind, how)]
    return code_events(doc, document, places=place_list, actors=sorted(mentions, key=lambda m: m.start))


STRIKES = [
    ("en", "A drone strike killed eight civilians in Amasrakad on Sunday, residents said.", [("Amasrakad", "Mali")],
     [("civilians", "Civilians", 7, "stated")], "Military Forces of Mali", "Civilians"),
    ("fr", "Une frappe de drone a tué huit civils dimanche à Amasrakad, selon des habitants.", [("Amasrakad", "Mali")],
     [("civils", "Civilians", 7, "stated")], "Military Forces of Mali", "Civilians"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "places", "actors", "actor1", "actor2"), STRIKES,
                         ids=[c[0] for c in STRIKES])
def test_events_sides_unattributed_drone_strike_is_the_military(
        lang: str, text: str, places: list[tuple[str, str]], actors: list[tuple[str, str, int, str]],
        actor1: str, actor2: str) -> None:
    events = [e for e in _code(text, lang, places, actors) if e.sub_event_type == "Air/drone strike"]
    assert events and (events[0].actor1, events[0].actor2) == (actor1, actor2)


CLAIMED = [
    ("en", "At least 20 people were killed on Thursday in two attacks claimed by JNIM, the government said. Twelve "
     "civilians died when a bus was ambushed near Boni. Hours later, a military post in Hombori was attacked, "
     "killing eight soldiers.", [("Boni", "Mali"), ("Hombori", "Mali")],
     [("JNIM", JNIM, 2, "claimed"), ("civilians", "Civilians", 7, "stated"),
      ("soldiers", "Military Forces of Mali", 1, "stated")]),
    ("fr", "Au moins vingt personnes ont été tuées jeudi dans deux attaques revendiquées par le JNIM, selon le "
     "gouvernement. Douze civils ont péri lorsqu'un car a été pris en embuscade près de Boni. Quelques heures plus "
     "tard, un poste militaire a été attaqué à Hombori, faisant huit morts parmi les soldats.",
     [("Boni", "Mali"), ("Hombori", "Mali")],
     [("JNIM", JNIM, 2, "claimed"), ("civils", "Civilians", 7, "stated"),
      ("soldats", "Military Forces of Mali", 1, "stated")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "places", "actors"), CLAIMED, ids=[c[0] for c in CLAIMED])
def test_events_sides_incidents_of_a_claim_are_the_claimants(
        lang: str, text: str, places: list[tuple[str, str]], actors: list[tuple[str, str, int, str]]) -> None:
    # the claim is made in the lead; the incidents are told later without naming their author
    sides = {e.location: (e.actor1, e.actor2) for e in _code(text, lang, places, actors)}
    assert sides == {"Boni": (JNIM, "Civilians"), "Hombori": (JNIM, "Military Forces of Mali")}


REPELLED = [
    ("en", "JNIM fighters attacked army positions in Kayes on Tuesday, the army said. On Wednesday, the army said it "
     "had repelled new attacks in Diema and neutralised about 30 assailants.", [("Kayes", "Mali"), ("Diema", "Mali")],
     [("JNIM", JNIM, 2, "stated"), ("army", "Military Forces of Mali", 1, "stated")]),
    ("fr", "Le JNIM multiplie les attaques contre l'armée dans l'ouest du pays. Jeudi, les soldats ont repoussé une "
     "attaque des assaillants contre leur position à Diema, a indiqué l'armée.", [("Diema", "Mali")],
     [("JNIM", JNIM, 2, "stated"), ("soldats", "Military Forces of Mali", 1, "stated"),
      ("armée", "Military Forces of Mali", 1, "stated")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "places", "actors"), REPELLED, ids=[c[0] for c in REPELLED])
def test_events_sides_repelled_attackers_are_the_group_named_before(
        lang: str, text: str, places: list[tuple[str, str]], actors: list[tuple[str, str, int, str]]) -> None:
    events = [e for e in _code(text, lang, places, actors) if e.location == "Diema"]
    assert events and (events[0].actor1, events[0].actor2) == (JNIM, "Military Forces of Mali")
