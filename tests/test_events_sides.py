"""Which side is actor1 and which actor2: ACLED conventions on hand-built sides, and whole reports whose
sides depend on sentences before the incident (slow: the spaCy models parse them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from sitreps.events.classify import Typing
from sitreps.events.conventions import fix_actors
from sitreps.events.participants import Participant, Sides
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
