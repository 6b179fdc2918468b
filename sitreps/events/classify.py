"""ACLED event type and sub-event type of an incident from its triggers, cues and participants.

The rules follow the gold coding rules: explosions and remote violence take precedence; a fight is a
battle when both sides are armed and violence against civilians when the victims are not; a change of
control is a battle (the government regains, a non-state actor overtakes); protests turn into
"with intervention" or "excessive force" when the state steps in; the rest are strategic developments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SUB_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
EVENT_TYPE = {sub: event for event, subs in SUB_TYPES.items() for sub in subs}
EXPLOSIONS = set(SUB_TYPES["Explosions/Remote violence"])
STRATEGIC = set(SUB_TYPES["Strategic developments"])
VIOLENT = {"ATTACK", "KILL", "Attack", "Armed clash", "TERRITORY", "Government regains territory"} | EXPLOSIONS | {
    "Abduction/forced disappearance", "Sexual violence"}
PROTEST = {"Peaceful protest", "Protest with intervention", "Violent demonstration", "Mob violence"}


@dataclass(frozen=True, kw_only=True)
class Typing:
    event_type: str
    sub_event_type: str
    certain: bool  # False where the type fell back on a default


def family(labels: Iterable[str]) -> str:
    """violent | protest | strategic: which incidents a clause may be merged with."""
    found = set(labels)
    if found & PROTEST:
        return "protest"
    if found & (VIOLENT - {"KILL"}):
        return "violent"
    if found - {"KILL", "INJURE"}:
        return "strategic"
    return "violent"


def classify(
    weights: dict[str, int],
    cues: set[str] | frozenset[str],
    *,
    actor1_inter: int | None,
    actor2_inter: int | None,
    actor1_state: bool = False,
    killed: bool = False,
    lead: frozenset[str] = frozenset(),
    victims: frozenset[str] = frozenset(),
) -> Typing:
    """The ACLED typing of an incident.

    ``weights`` maps each trigger label found in the incident to its heaviest weight; ``cues`` are the
    context cues of its clauses; the inter codes are those of the chosen actors; ``killed`` whether
    anyone died; ``lead`` the labels of the clause that first reports it; ``victims`` the sides
    (civilian, state, armed) counted among the dead of that clause.
    """
    labels = set(weights)
    armed2 = actor2_inter is not None and actor2_inter not in (6, 7)
    civilian2 = actor2_inter == 7 or (actor2_inter is None and "civilian_target" in cues and "armed_target" not in cues)

    def pick(candidates: set[str]) -> str:
        return max(sorted(candidates), key=lambda label: weights[label])

    if "Disrupted weapons use" in labels and not labels & {"KILL", "Armed clash", "Other"} and (
        not lead or "Disrupted weapons use" in lead
    ):
        return Typing(event_type="Strategic developments", sub_event_type="Disrupted weapons use", certain=True)
    explosions = labels & EXPLOSIONS
    strong_explosions = {label for label in explosions if weights[label] >= 3}
    if lead and not lead & EXPLOSIONS and lead & {"ATTACK", "Armed clash", "Attack", "TERRITORY"}:
        strong_explosions = set()  # an assault with mortar fire is a battle, not shelling
        explosions = set()
    ground_fight = weights.get("Armed clash", 0) >= 3 and (armed2 or "armed_target" in cues)
    if ground_fight and not explosions & {"Air/drone strike", "Shelling/artillery/missile attack"}:
        strong_explosions = explosions = set()  # a bombing followed by an exchange of fire is a battle
    armed_labels = {"ATTACK", "Armed clash", "TERRITORY", "Abduction/forced disappearance"} | EXPLOSIONS
    if (actor1_inter in (5, 6) or actor1_inter == 7) and not labels & armed_labels:
        if labels & {"KILL", "ATTACK", "Attack"} and not labels & {"Looting/property destruction"}:
            return Typing(event_type="Riots", sub_event_type="Mob violence", certain=True)
        if labels & {"Looting/property destruction", "Violent demonstration"}:
            return Typing(event_type="Riots", sub_event_type="Violent demonstration", certain=True)
    if strong_explosions or (explosions and labels & {"ATTACK", "KILL"}):
        sub = pick(strong_explosions or explosions)
        return Typing(event_type=EVENT_TYPE[sub], sub_event_type=sub, certain=True)
    if "Sexual violence" in labels:
        return Typing(event_type="Violence against civilians", sub_event_type="Sexual violence", certain=True)
    if labels & {"TERRITORY", "Government regains territory"} and (not lead or lead & {"TERRITORY",
                                                                              "Government regains territory"}):
        state = actor1_state or actor1_inter == 1
        sub = "Government regains territory" if state else "Non-state actor overtakes territory"
        if "Government regains territory" in labels and actor1_inter in (None, 1):
            sub = "Government regains territory"
        return Typing(event_type="Battles", sub_event_type=sub, certain=True)
    if labels & PROTEST:
        if "Mob violence" in labels:
            return Typing(event_type="Riots", sub_event_type="Mob violence", certain=True)
        if "Violent demonstration" in labels or "violent_protest" in cues:
            return Typing(event_type="Riots", sub_event_type="Violent demonstration", certain=True)
        if "excessive_force" in cues or killed:
            return Typing(event_type="Protests", sub_event_type="Excessive force against protesters", certain=True)
        if "intervention" in cues or "Arrests" in labels or "Protest with intervention" in labels:
            return Typing(event_type="Protests", sub_event_type="Protest with intervention", certain=True)
        return Typing(event_type="Protests", sub_event_type="Peaceful protest", certain=True)
    # men "taken away" after a killing the first clause reports: the killing is the incident's type
    abduction_first = not lead or "Abduction/forced disappearance" in lead or not killed
    if "Abduction/forced disappearance" in labels and abduction_first and not (armed2 and "Armed clash" in labels):
        return Typing(event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance",
                      certain=True)
    clash = weights.get("Armed clash", 0)
    lead_clash = "Armed clash" in lead and clash >= 3
    if victims == {"civilian"} and not lead_clash and not armed2 and labels & {"ATTACK", "KILL", "Attack", "Armed clash"}:
        return Typing(event_type="Violence against civilians", sub_event_type="Attack", certain=True)
    if clash >= 3:
        return Typing(event_type="Battles", sub_event_type="Armed clash", certain=True)
    if labels & {"ATTACK", "KILL", "Attack", "Armed clash"}:
        if civilian2 and not armed2:
            return Typing(event_type="Violence against civilians", sub_event_type="Attack", certain=True)
        if armed2 or clash or "armed_target" in cues:
            return Typing(event_type="Battles", sub_event_type="Armed clash", certain=armed2 or bool(clash))
        if "Attack" in labels:
            return Typing(event_type="Violence against civilians", sub_event_type="Attack", certain=True)
        if actor1_inter == 1:
            return Typing(event_type="Battles", sub_event_type="Armed clash", certain=False)
        return Typing(event_type="Violence against civilians", sub_event_type="Attack", certain=False)
    strategic = labels & STRATEGIC
    if strategic:
        # "interpellés ... et remis aux services compétents", "arrested and handed over to the police": an arrest
        order = ("Other", "Agreement", "Arrests", "Non-violent transfer of territory", "Headquarters or base established",
                 "Change to group/activity", "Looting/property destruction")
        sub = next(s for s in order if s in strategic)
        return Typing(event_type="Strategic developments", sub_event_type=sub, certain=weights[sub] >= 3)
    return Typing(event_type="Violence against civilians", sub_event_type="Attack", certain=False)
