"""ACLED actor conventions applied once an incident is typed.

"The army repelled an attack": the defender is actor2 and the attacker actor1.  Protesters and rioters
are actor1 of protests and riots, with the state forces that intervened as actor2.  Battles oppose two
armed sides; violence against civilians has "Civilians" as actor2; unattributed attackers are the
"Unidentified Armed Group"; a coup is the military against the government; an arrest is made by state
forces.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sitreps.events import location
from sitreps.events.classify import Typing
from sitreps.events.detect import Mention
from sitreps.events.participants import (
    UAG,
    Participant,
    Sides,
    named_group,
    report_group,
    role_name,
    unattributed,
    unidentified,
)
from sitreps.knowledge import lexicon
from sitreps.models import ActorMention, Place


def report_groups(sides: Sides, group: Participant | None, actors: Sequence[ActorMention], start: int) -> Sides:
    """``sides`` with the report's claimant for this incident (``incident_groups``) and the rebel group named
    before ``start`` (the incident)."""
    return dataclasses.replace(sides, group=group, named=named_group(actors, start))


def incident_groups(incidents: Sequence[tuple[Sequence[Mention], Place | None]], actors: Sequence[ActorMention],
                    places: Sequence[Place], sentences: Sequence[tuple[int, int]]) -> list[Participant | None]:
    """For each incident (its mentions with the claims attached to it, and its place), the group the report
    attributes its violence to (``report_group``), or None where the report's claim or blame speaks of other
    incidents only, so that the group it names does not stand for this incident's attackers:

    - the report says nobody claimed it ("No group has claimed that blast", "Cette attaque n'a pas été
      revendiquée"), unless that sentence names the group ("no group claimed it, but the army blamed X");
    - every sentence of the group's claim names the town of another incident ("L'attaque de Tchoma Bangou a
      été revendiquée par l'EI Sahel": not the mine near Makalondi).
    """
    group = report_group(actors)
    if group is None:
        return [None] * len(incidents)
    named = [m.start for m in actors if m.name == group.name and m.attribution == group.attribution]
    scenes = {lexicon.fold(place.name) for _, place in incidents if place is not None and location.is_spot(place)}
    # a blame is often the incident's own sentence: only a claim is read for the towns it names
    towns = _claimed_towns(named if group.attribution == "claimed" else [], places, sentences, scenes)

    def unclaimed(mentions: Sequence[Mention]) -> bool:
        return any("no_claim" in m.cues for m in mentions) and not any(
            m.sent_start <= start < m.sent_end for m in mentions for start in named)

    def elsewhere(place: Place | None) -> bool:
        return bool(towns) and place is not None and location.is_spot(place) and lexicon.fold(place.name) not in towns

    return [None if unclaimed(mentions) or elsewhere(place) else group for mentions, place in incidents]


def _claimed_towns(claims: Sequence[int], places: Sequence[Place], sentences: Sequence[tuple[int, int]],
                   scenes: set[str]) -> set[str]:
    """The incidents' towns the sentences holding ``claims`` name; none when one of them names no such town
    (that claim may speak of any incident)."""
    towns: set[str] = set()
    for start, end in {bound for bound in sentences for c in claims if bound[0] <= c < bound[1]}:
        spots = {lexicon.fold(p.name) for p in places if start <= (p.start or -1) < end} & scenes
        if not spots:
            return set()
        towns |= spots
    return towns


def actor_name(p: Participant | None) -> str | None:
    return p.name if p is not None else None


def defence_and_clash(sides: Sides, typing: Typing, first: Mention, lang: str, country: str | None) -> Sides:
    """ "The army repelled an attack": the subject defended, the attacker is actor1.  "X and Y clashed":
    the second fighting party is actor2."""
    if typing.event_type != "Battles":
        return sides
    a1, a2 = sides.actor1, sides.actor2
    repel = lexicon.cues(lang).get("repel")
    repelled = repel is not None and any(repel.fullmatch(lexicon.fold(h.text)) for h in first.hits)
    if repelled and (a1 is None or a1.inter in (1, 3) or a1.role in ("military", "police")):
        attacker = a2 if a2 is not None and a2.inter not in (1, 7) else None
        defender = a1 or Participant(name=role_name("military", country), start=first.start, end=first.start,
                                     text="", inter=1, generic=True, role="military")
        if attacker is None or attacker.name == UAG and not unattributed(attacker):
            # "it repelled the attacks", "les assaillants": the attacks of the group told before
            attacker = sides.group or sides.named or attacker
        if attacker is None:
            attacker = Participant(name=UAG, start=first.start, end=first.start, text="", inter=2, generic=True,
                                   role="uag")
        return dataclasses.replace(sides, actor1=attacker, actor2=defender, assoc1=None,
                                   assoc2=sides.assoc1, fallback=False)
    other = sides.assoc1
    if a1 is not None and other is not None and (a2 is None or a2.generic or a2.name == UAG) and (
        other.inter in (2, 3, 4) and a1.inter in (1, 2, 3, 4) and a1.inter != other.inter or
        other.inter in (2, 3, 4) and a1.inter in (2, 3, 4)
    ):
        return dataclasses.replace(sides, actor2=other, assoc1=None)
    return sides


def fix_actors(typing: Typing, sides: Sides, country: str | None, state: Participant | None = None,
                lead_coup: bool = False) -> tuple[str | None, str | None, int | None, int | None]:
    a1, a2 = sides.actor1, sides.actor2
    name1, name2 = actor_name(a1), actor_name(a2)
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    event_type, sub = typing.event_type, typing.sub_event_type
    if event_type == "Protests" and sub != "Peaceful protest" and inter2 != 1 and state is not None:
        name2, inter2 = state.name, state.inter
    if event_type == "Protests":
        if name1 != "Protesters":
            if name1 is not None and inter1 == 1 and name2 is None:
                name2, inter2 = name1, inter1
            name1, inter1 = "Protesters", 6
        if sub == "Peaceful protest" or inter2 != 1:
            name2, inter2 = None, None
    elif event_type == "Riots":
        if inter1 != 5:
            if name1 is not None and name2 is None and inter1 == 1:
                name2, inter2 = name1, inter1
            name1, inter1 = "Rioters", 5
        if inter2 != 1 or (name2 or "").startswith("Government of"):
            name2, inter2 = None, None
        if sub == "Mob violence" and name2 is None:
            name2, inter2 = "Civilians", 7  # "un homme accusé de vol a été battu à mort par une foule"
        if sub == "Violent demonstration" and name2 is None:
            # the force that fired on, dispersed or was attacked by the rioters ("dispersés par la police")
            forces = [p for p in (state, *sides.armed) if p is not None and p.inter == 1
                      and p.side != "source" and not p.name.startswith("Government of")]
            force = min(forces, key=lambda p: not p.name.startswith("Police Forces of"), default=None)
            if force is not None:
                name2, inter2 = _crowd_control(force, country), force.inter
    elif event_type == "Strategic developments":
        coup = sub == "Other" and lead_coup
        if coup:
            if inter1 != 1 or (name1 or "").startswith("Government of"):
                name1, inter1 = role_name("military", country), 1
            if country is not None:
                name2, inter2 = f"Government of {country}", 1
        elif sub == "Arrests":
            if name1 is None:
                name1, inter1 = (state.name, state.inter) if state is not None else (role_name("police", country), 1)
            suspects = a2 is not None and a2.name == name2 and a2.attribution == "suspected"
            if name2 is None or name2 in (name1, UAG) or suspects and inter2 in (2, 3, 4):
                # those arrested are detainees, not fighters: "individus soupçonnés de ravitailler les groupes
                # armés", "soupçonnés de collaborer avec l'EIGS"
                name2, inter2 = "Civilians", 7
        elif name1 is None:
            other = next((p for p in sides.armed if p.name != name2), None)
            if other is not None:
                name1, inter1 = other.name, other.inter
        if sub == "Non-violent transfer of territory" and inter1 == 8 and name2 is not None:
            # "MINUSMA handed its camp over to the Malian army": the side that takes the ground is actor1
            name1, name2, inter1, inter2 = name2, name1, inter2, inter1
        elif sub == "Non-violent transfer of territory" and name1 is None and name2 is not None:
            # "the mission said it handed its camp to the Malian army": the army takes it from the mission
            giver = next((p for p in sides.armed if p.inter == 8 and p.name != name2), None)
            name1, inter1 = name2, inter2
            name2, inter2 = (giver.name, giver.inter) if giver is not None else (None, None)
        if sub == "Looting/property destruction" and name1 != "Civilians" and (name2 is None or name2 == name1):
            # "des individus armés ont pillé puis incendié le centre de santé": an armed group destroys what
            # civilians own
            if name1 is None:
                name1, inter1 = UAG, 2
            if inter1 in (2, 3, 4):
                name2, inter2 = "Civilians", 7
        if sub == "Disrupted weapons use" and country is not None:
            # "une unité a saisi un stock d'armes", "un engin explosif a été désamorcé": state forces foil the
            # weapons of an armed group the report does not name
            if name1 is None:
                name1, inter1 = role_name("military", country), 1
            if name2 is None and inter1 == 1:
                name2, inter2 = UAG, 2
    elif event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence"):
        if name1 is not None and name1.startswith("Government of"):
            name1, inter1 = None, None  # a government reports or reacts; it does not fight
        if inter1 in (5, 6):
            name1, inter1 = _armed_instead_of_crowd(sides, name2)
        if name1 is None or inter1 == 7:
            if name1 is not None and name2 is None:
                name2, inter2 = name1, inter1
            name1, inter1 = UAG, 2
            if sub == "Air/drone strike":
                name1, inter1 = role_name("military", country), 1
        if sub == "Air/drone strike" and name1 == UAG:
            name1, inter1, name2, inter2 = _state_striker(name2, inter2, country)
        if sub == "Remote explosive/landmine/IED" and inter1 in (1, 8) and name2 is None:
            # "an army convoy hit an explosive device": the forces are the target, whoever laid it is not named
            name1, inter1, name2, inter2 = UAG, 2, name1, inter1
        if event_type == "Violence against civilians" and (name2 is None or inter2 not in (7, None)):
            name2, inter2 = "Civilians", 7
        if name1 == name2 or (event_type == "Battles" and inter2 == 7):
            name2, inter2 = None, None
        if event_type == "Explosions/Remote violence" and inter1 == 1 and name2 is None and any(
                p.name == UAG and p.side != "agent" for p in sides.armed):
            name2, inter2 = UAG, 2  # "les FAMa ont frappé un regroupement de terroristes"
        if event_type == "Battles" and name2 is None:
            other = next((p for p in sides.armed if p.name != name1 and p.name != UAG and p.inter != 8
                          and (p.inter == 1) != (inter1 == 1)), None)
            if other is not None:
                name2, inter2 = other.name, other.inter
            elif inter1 == 1:
                name2, inter2 = UAG, 2
            elif country is not None:
                name2, inter2 = role_name("military", country), 1
        # "gunmen" of a report that blames one group are that group; "unidentified gunmen" stay unidentified
        blamed = sides.group is not None and sides.group.attribution == "suspected"
        separate = any(p.separate for p in (a1, a2, *sides.armed) if p is not None)
        if sides.group is not None and not separate and not (unidentified(a1) or unidentified(a2)) and (
                blamed or not (unattributed(a1) or unattributed(a2))):
            name1, name2, inter1, inter2 = _attributed(sides.group, name1, name2, inter1, inter2)
    if name1 == name2:
        name2, inter2 = None, None
    return name1, name2, inter1, inter2


def _armed_instead_of_crowd(sides: Sides, name2: str | None) -> tuple[str | None, int | None]:
    """A crowd (rioters, protesters) is no side of a fight or an armed attack: a crowd of another sentence
    was taken for the agent.  The other armed participant of the incident acted, else unknown gunmen."""
    other = next((p for p in sides.armed if p.name != name2 and p.inter in (1, 2, 3, 4, 8)), None)
    return (other.name, other.inter) if other is not None else (None, None)


def _crowd_control(force: Participant, country: str | None) -> str:
    """The force facing a crowd: "security forces" at a demonstration are the police (ACLED's usage)."""
    if force.generic and force.role == "military" and "secur" in lexicon.fold(force.text):
        return role_name("police", country)
    return force.name


def _attributed(group: Participant, name1: str | None, name2: str | None, inter1: int | None,
                inter2: int | None) -> tuple[str | None, str | None, int | None, int | None]:
    """"The militants", "les assaillants", an attack with no stated author: in a report that attributes its
    violence to one group, the unnamed armed side is that group (the attacker, or the target of state
    forces)."""
    if name1 == UAG:
        return group.name, name2, group.inter, inter2
    if name2 == UAG and inter1 == 1:
        return name1, group.name, inter1, group.inter
    return name1, name2, inter1, inter2


def _state_striker(name2: str | None, inter2: int | None,
                   country: str | None) -> tuple[str, int, str | None, int | None]:
    """Air and drone strikes in the Sahel are flown by state forces: an unattributed striker ("terroristes"
    seen near a "frappe de drone") is the country's military, and the armed group becomes the target.  A
    state force parsed as the target is the striker; a non-state or civilian target is kept."""
    military = role_name("military", country)
    if name2 is not None and inter2 == 1:
        return (military if name2.startswith("Government of") else name2), 1, UAG, 2
    if name2 is None:
        return military, 1, UAG, 2
    return military, 1, name2, inter2
