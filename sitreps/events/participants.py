"""Who acted and who was acted upon: actor1 and actor2 of an incident from the dependency parse.

Candidates are the named actors the resolver found plus generic nouns ("gunmen", "soldiers",
"villageois"); each gets a side from its syntactic role: the subject of an active verb or the
"by"/"par" phrase of a passive one acted; the object, the passive subject, the "on"/"contre" phrase
was acted upon.  Reporting verbs are seen through: the subject of "said" is a source, the object of
"blamed"/"accused" is a suspected author, the subject of "claimed" a claimed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from sitreps.knowledge import lexicon
from sitreps.knowledge.actors import actor_dictionary
from sitreps.models import ActorMention
from sitreps.nlp.segment import doc_text

#: ACLED inter codes of the generic roles.
ROLE_INTER = {"military": 1, "police": 1, "uag": 2, "civilians": 7, "protesters": 6, "rioters": 5}
UAG = "Unidentified Armed Group"
GOVERNMENT = "Government of "
ARMED_TYPES = {1, 2, 3, 4, 8}
_AGENT_DEPS = {"nsubj", "csubj", "agent", "obl:agent"}
_PATIENT_DEPS = {"dobj", "obj", "nsubjpass", "nsubj:pass", "iobj"}
_BY = {"by", "par"}
_POSSESSIVES = {"their", "its", "his", "our", "leurs", "leur", "ses", "son", "sa", "nos"}
_ON = {"on", "against", "contre", "upon", "sur", "at", "with", "avec"}
#: A French reporting clause with its subject after the verb ("a indiqué dimanche l'armée").
_INVERTED_SAY = re.compile(
    r"[,;]\s*(?:a|ont|avait|avaient)\s+(?:annonce|indique|declare|precise|affirme|rapporte|ajoute|explique|"
    r"souligne|assure|confirme|reconnu|fait savoir)e?s?(?:\s+[\w-]+){0,3}?\s+(?:le|la|les|l')\s*$"
)


#: The agent phrase of an escort: "escorted by the", "escorté par des".
_ESCORTED_BY = re.compile(r"\bescort(?:ed|ing|e|ee|es|ees)?\s+(?:by|par)\s+(?:the\s+|des\s+|les\s+|la\s+|le\s+|l')?$")
_BY_AFTER = re.compile(r"\s+(?:by|par)\b")


#: Verbs and nouns whose subject undergoes the act: "the camp came under fire", "soldiers died",
#: "l'unité a été la cible d'une embuscade", "a essuyé des tirs", "a subi une attaque".
_UNDERGO = re.compile(
    r"(?:suffer(?:ed|s|ing)?|sustain(?:ed|s)?|endured?|die[ds]?|dying|perish(?:ed|es)?|targets?|victims?|"
    r"essuy\w*|essuie\w*|subi[rst]?|subiss\w*|cibles?|victimes?|morte?s?|meur\w*|mouru\w*|peri[rst]?|"
    r"periss\w*|succomb\w*)"
)
_UNDER = {"under", "sous"}
_LOSE = re.compile(r"(?:perd\w*|lost|lose|loses|losing)")
#: "Des affrontements ont opposé X à Y": X is the first side, Y ("à Y") the second.
_OPPOSE = re.compile(r"oppos(?:e|es|ee|ees|ent|ait|aient|ant)")


def _undergoes(verb: Token) -> bool:
    """Whether the subject of ``verb`` is on the receiving end of the act."""
    word = lexicon.fold(verb.text)
    if _UNDERGO.fullmatch(word):
        return True
    children = list(verb.children)
    if word in ("came", "come", "comes", "coming") and any(c.text.lower() in _UNDER for c in children):
        return True  # "came under attack"
    objects = {lexicon.fold(c.text) for c in children if c.dep_ in ("obj", "dobj")}
    if _LOSE.fullmatch(word) and objects & {"vie", "vies", "life", "lives"}:
        return True  # "27 militaires ont perdu la vie", "soldiers lost their lives": they died
    if word.startswith("trouv") and "mort" in objects:
        return True  # "cinq militaires avaient trouvé la mort"
    return word == "fait" and any(lexicon.fold(c.text) == "objet" for c in children)  # "a fait l'objet d'une attaque"


@dataclass(frozen=True, kw_only=True)
class Participant:
    """A named or generic actor of a clause, with its side (agent, patient, source or None)."""

    name: str
    start: int
    end: int
    text: str
    inter: int | None
    attribution: str = "stated"
    generic: bool = False
    role: str | None = None
    side: str | None = None
    possessed: bool = False  # "their fighters", "ses hommes": the group of the sentence's speaker
    separate: bool = False  # in a sentence told as another incident ("Separately, ...", "Par ailleurs, ...")


def role_name(role: str, country: str | None) -> str:
    """The ACLED actor name of a generic role in ``country``."""
    if role == "military":
        return f"Military Forces of {country}" if country else "Military Forces"
    if role == "police":
        return f"Police Forces of {country}" if country else "Police Forces"
    return {"uag": UAG, "civilians": "Civilians", "protesters": "Protesters", "rioters": "Rioters"}[role]


def _matches(cue: str, token: Token, lang: str) -> bool:
    regex = lexicon.cues(lang).get(cue)
    return bool(regex and regex.fullmatch(lexicon.fold(token.text)))


def _has_case(token: Token, words: set[str]) -> bool:
    return any(c.dep_ == "case" and c.text.lower() in words for c in token.children)


def _path(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head.i != path[-1].i and len(path) < 40:
        path.append(path[-1].head)
    return path


def _edge_side(child: Token, meet: Token, trigger: Token, lang: str) -> tuple[str | None, str]:
    """The side given by the edge from ``child`` up to ``meet``, where the paths to the trigger meet."""
    dep = child.dep_
    above_trigger = meet.i != trigger.i
    if dep in _AGENT_DEPS:
        if _matches("claim_verb", meet, lang):
            return "agent", "claimed"
        if above_trigger and (_matches("say_verb", meet, lang) or _matches("blame_verb", meet, lang)):
            return "source", "stated"
        if dep != "agent" and _undergoes(meet):
            return "patient", "stated"
        return "agent", "stated"
    if dep in ("agent", "obl:agent") or (dep == "prep" and child.text.lower() in _BY):
        return ("agent", "claimed") if _matches("claim_verb", meet, lang) else ("agent", "stated")
    if dep in _PATIENT_DEPS:
        if _matches("blame_verb", meet, lang):
            return "agent", "suspected"
        if above_trigger and _matches("say_verb", meet, lang):
            return None, "stated"
        if dep in ("dobj", "obj") and _OPPOSE.fullmatch(lexicon.fold(meet.text)):
            return "agent", "stated"  # "des combats ont opposé les FAMa à des terroristes": the first side
        return "patient", "stated"
    if dep == "prep":
        word = child.text.lower()
        if word in _ON or (word == "of" and not above_trigger):
            return "patient", "stated"
        return None, "stated"
    if dep in ("obl", "nmod", "obl:mod", "obl:arg"):
        if _has_case(child, _BY):
            return "agent", "stated"
        if _has_case(child, _ON) or (not above_trigger and _has_case(child, {"de", "du", "des", "d'"})):
            return "patient", "stated"
        if not above_trigger and not any(c.dep_ == "case" for c in child.children):
            return "patient", "stated"  # an object the parser took for an oblique
        return None, "stated"
    if dep in ("poss", "nmod:poss", "compound", "amod") and not above_trigger:
        return "agent", "stated"
    return None, "stated"


def syntactic_side(doc: Doc, start: int, end: int, lang: str,
                   triggers: Sequence[tuple[int, int]] = ()) -> tuple[str | None, str]:
    """(side, attribution) of the text at ``start:end`` relative to the trigger phrases of its clause."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, "stated"
    cpath = _path(span.root)
    met = False
    for t_start, t_end in triggers:
        tspan = doc.char_span(t_start, t_end, alignment_mode="expand")
        if tspan is None or len(tspan) == 0:
            continue
        trigger = tspan.root
        tpath = {tok.i for tok in _path(trigger)}
        for k, tok in enumerate(cpath):
            if tok.i in tpath:
                if k == 0:
                    break
                met = True
                side, attribution = _edge_side(cpath[k - 1], tok, trigger, lang)
                if side is None and k >= 2 and tok.i == trigger.i and cpath[k - 1].dep_ in ("acl", "relcl"):
                    # "l'attaque menée contre une position militaire": the participle that qualifies the
                    # trigger says who is on which side
                    side, attribution = _edge_side(cpath[k - 2], cpath[k - 1], trigger, lang)
                if side is not None:
                    return side, attribution
                break
    return (None, "stated") if met else _legacy_side(cpath, lang)


def _legacy_side(cpath: list[Token], lang: str) -> tuple[str | None, str]:
    """The side from the candidate's own path to the root, where no trigger decides."""
    for token in cpath[:8]:
        dep, head = token.dep_, token.head
        if dep in ("agent", "obl:agent") or (dep in ("obl", "nmod") and _has_case(token, _BY)) or (
            dep == "pobj" and head.text.lower() in _BY
        ):
            return "agent", "stated"
        if dep in _AGENT_DEPS:
            if _matches("claim_verb", head, lang):
                return "agent", "claimed"
            if _matches("say_verb", head, lang) or _matches("blame_verb", head, lang):
                return "source", "stated"
            if dep != "agent" and _undergoes(head):
                return "patient", "stated"
            return "agent", "stated"
        if dep in _PATIENT_DEPS:
            if _matches("blame_verb", head, lang):
                return "agent", "suspected"
            return "patient", "stated"
        if head.i == token.i:
            break
    return None, "stated"


def find_participants(
    doc: Doc, start: int, end: int, actors: Sequence[ActorMention], lang: str, country: str | None,
    triggers: Sequence[tuple[int, int]] = (), text: str | None = None,
) -> list[Participant]:
    """The named and generic actors between ``start`` and ``end``, each with its side."""
    found: list[Participant] = []
    for mention in actors:
        if start <= mention.start < end:
            side, attribution = syntactic_side(doc, mention.start, mention.end, lang, triggers)
            if _ESCORTED_BY.search(lexicon.fold(doc_text(doc)[max(0, mention.start - 30) : mention.start])):
                side = "patient"  # "un convoi escorté par des VDP a été visé": the escort shares the target's lot
            if lang == "fr" and _INVERTED_SAY.search(lexicon.fold(doc_text(doc)[max(0, mention.start - 60) : mention.start])):
                side = "source"  # "..., a annoncé lundi le gouvernement": the speaker, whatever the parse says
            name = _forces_of(mention, country)
            if name.startswith("Police Forces of ") and "gendarm" in lexicon.fold(mention.text):
                name = "Military Forces of " + name.removeprefix("Police Forces of ")  # gendarmes are soldiers
            found.append(
                Participant(
                    name=name, start=mention.start, end=mention.end, text=mention.text,
                    inter=mention.actor_type,
                    attribution=mention.attribution if mention.attribution != "stated" else attribution,
                    side=side,
                )
            )
    text = text if text is not None else doc_text(doc)
    folded = lexicon.fold(text[start:end])
    for role, regex in lexicon.roles(lang):
        for m in regex.finditer(folded):
            s, e = start + m.start(), start + m.end()
            if any(p.start < e and s < p.end for p in found) or _BY_AFTER.match(folded, m.end()):
                continue  # "escorté par": a participle, not the noun "escorte"
            side, attribution = syntactic_side(doc, s, e, lang, triggers)
            before = folded[max(0, m.start() - 7) : m.start()].split()
            found.append(
                Participant(
                    name=role_name(role, country), start=s, end=e, text=text[s:e], inter=ROLE_INTER[role],
                    attribution=attribution, generic=True, role=role, side=side,
                    possessed=bool(before) and before[-1] in _POSSESSIVES,
                )
            )
    parts = _inherit_membership(_described(doc, sorted(found, key=lambda p: p.start)), text, lang)
    if separate_incident(text, start):
        parts = [replace(p, separate=True) for p in parts]
    return parts


def _forces_of(mention: ActorMention, country: str | None) -> str:
    """The mention's name; "soldiers", "les forces de l'ordre" (words that name no country, given the report's
    country when the actors were read) are the forces of the home country where the incident took place."""
    dictionary = actor_dictionary()
    place = dictionary.country_by_name(country) if country is not None else None
    home = place is not None and place.home
    for prefix in ("Military Forces of ", "Police Forces of "):
        if home and mention.name.startswith(prefix) and mention.name != f"{prefix}{country}" \
                and dictionary.lookup(mention.text) is None:
            return f"{prefix}{country}"
    return mention.name


#: Openings that tell an incident apart from the one before: a claim or blame of that one is not about it.
_SEPARATE = re.compile(
    r"\W*(?:separately|in (?:a|another) separate \w+|in another (?:incident|attack)|elsewhere|meanwhile|"
    r"par ailleurs|ailleurs|dans un autre (?:incident|registre)|lors d'un autre incident|d'autre part)\b"
)


def separate_incident(text: str, start: int) -> bool:
    """Whether the sentence holding offset ``start`` opens as a separate incident."""
    opening = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    return bool(_SEPARATE.match(lexicon.fold(text[opening : start + 40])))


_DESCRIPTION_DEPS = {"appos", "relcl", "acl", "acl:relcl"}


def _described(doc: Doc, parts: list[Participant]) -> list[Participant]:
    """A named actor inside the apposition or relative clause of another one ("the CSP, the alliance
    that signed the accord as the CMA") describes it; it takes no side in the incident."""
    tokens: list[set[int]] = []
    for part in parts:
        span = doc.char_span(part.start, part.end, alignment_mode="expand")
        tokens.append({t.i for t in span} if span is not None else set())
    out = []
    for k, part in enumerate(parts):
        span = doc.char_span(part.start, part.end, alignment_mode="expand")
        if part.generic or span is None or len(span) == 0 or part.side is None:
            out.append(part)
            continue
        crossed = False
        owner = False
        for token in _path(span.root)[:12]:
            if crossed and any(token.i in tokens[j] for j in range(len(parts)) if j != k
                               and parts[j].name != part.name):
                owner = True
                break
            if token.dep_ in _DESCRIPTION_DEPS:
                crossed = True
        out.append(replace(part, side=None) if owner else part)
    return out


#: A hedged membership between a generic noun and a named group: "gunmen believed to belong to the",
#: "des hommes soupçonnés d'appartenir à la", "militants thought to be from".
_BELONGING = re.compile(
    r"(?:(?:believed|thought|said|suspected|alleged(?:ly)?|presumed|reported(?:ly)?)\s+(?:to\s+)?)?"
    r"(?:belong(?:ing|s)?\s+to|be\s+(?:members?\s+)?(?:of|from)|members?\s+of)(?:\s+the)?"
    r"|(?:(?:soupconne|presume|suppose)e?s?\s+)?(?:d'\s*appartenir|appartenant|appartenir|d'\s*etre\s+membres?|"
    r"membres?)\s+(?:a|au|aux|du|de|des)(?:\s+la|\s+l')?"
)


def _inherit_membership(parts: list[Participant], text: str, lang: str) -> list[Participant]:
    """ "Fighters of JNIM", "les combattants du CSP": the named group takes the generic noun's side."""
    member = lexicon.cues(lang).get("member_of")
    out: list[Participant] = []
    skip: set[int] = set()
    for k, part in enumerate(parts):
        if k in skip:
            continue
        nxt = parts[k + 1] if k + 1 < len(parts) else None
        if nxt is not None and nxt.role == "uag" and not part.generic and part.inter in (2, 3, 4) \
                and part.name != UAG and 0 <= nxt.start - part.end <= 2 and not text[part.end:nxt.start].strip(" -"):
            # "JNIM fighters", "ISGS militants": the generic noun is the named group's
            out.append(replace(part, side=nxt.side or part.side, end=nxt.end, text=text[part.start : nxt.end]))
            skip.add(k + 1)
            continue
        if (part.role == "uag" or part.name == UAG) and nxt is not None and not nxt.generic and nxt.name != UAG \
                and member is not None:
            gap = lexicon.fold(text[part.end : nxt.start])
            words = gap.split()
            if 0 < len(gap) <= 40 and "," not in gap and words and (
                member.fullmatch(words[0]) or member.fullmatch(" ".join(words[:2]))
                or _BELONGING.fullmatch(" ".join(words).replace(" '", "'"))
            ):
                out.append(replace(nxt, side=part.side or nxt.side, start=part.start,
                                   text=text[part.start : nxt.end]))
                skip.add(k + 1)
                continue
        out.append(part)
    return out


@dataclass(frozen=True, kw_only=True)
class Sides:
    actor1: Participant | None = None
    actor2: Participant | None = None
    assoc1: Participant | None = None
    assoc2: Participant | None = None
    fallback: bool = False  # actor1 was guessed, not read from the syntax
    state: Participant | None = None  # a state force named in the incident (for protests put down)
    armed: tuple[Participant, ...] = ()  # every armed participant of the incident, in text order
    group: Participant | None = None  # the one non-state group the report attributes its violence to
    named: Participant | None = None  # the one rebel group the report names before the incident


#: Foreign fighters who act beside a national army, which is coded first.
PARTNER_FORCES = frozenset({"Wagner Group", "Africa Corps"})
#: Foreign forces that fight (ACLED inter 8, like the UN agencies and rights groups that only report).
FOREIGN_FORCES = frozenset({"Operation Barkhane", "Operation Serval", "Takuba Task Force", "G5 Sahel Joint Force"})


def _fights(p: Participant) -> bool:
    """Whether a named speaker is a side that can act: state forces, armed groups, foreign forces."""
    return p.inter in (1, 2, 3) or p.inter == 8 and (p.name in FOREIGN_FORCES or p.name.startswith("Military Forces of"))


def _rank(p: Participant) -> tuple[int, int]:
    return (1 if p.generic else 0, p.start)


def _blamed_group(parts: Sequence[Participant], actor1: Participant | None) -> Participant | None:
    """A named armed group the clause says claimed or is suspected of the act ("blamed on JNIM",
    "revendiquée par l'EIGS"), where the agent found is only a generic one ("gunmen") or none."""
    if actor1 is not None and not actor1.generic and actor1.name != UAG:
        return None
    return next((p for p in parts if not p.generic and p.name != UAG and p.inter in (2, 3, 4)
                 and p.attribution in ("claimed", "suspected") and p.side != "source"), None)


def choose_sides(parts: Sequence[Participant], *, prefer_armed_actor1: bool = True) -> Sides:
    """actor1/actor2 (and associated actors) of an incident from its participants in text order.

    The first element of ``parts`` should be the participants of the trigger clause: the caller
    passes them first.
    """
    agents = [p for p in parts if p.side == "agent"]
    patients = [p for p in parts if p.side == "patient"]
    # a group speaking of "its fighters" acted; a government that reports an attack did not, nor a
    # force that reports the attack on its own men ("killing three soldiers, the army said")
    sources = [p for p in parts if p.side == "source" and not p.generic and _fights(p)
               and not p.name.startswith(GOVERNMENT) and all(q.name != p.name for q in patients)]
    if sources and all(p.generic and (p.role == "uag" or p.possessed) for p in agents):
        agents = sources[:1] + [p for p in agents if not p.possessed]
    speaker = next((p for p in parts if p.side == "source" and not p.generic and _fights(p)
                    and not p.name.startswith(GOVERNMENT)), None)
    if speaker is not None:
        # "nine of its fighters were killed", "ses hommes ont été tués": the speaking group was hit
        patients = [replace(speaker, side="patient") if p.generic and p.possessed else p for p in patients]
    undecided = [p for p in parts if p.side is None]
    actor1 = min(agents, key=_rank) if agents else None
    fallback = False
    blamed = _blamed_group(parts, actor1)
    if blamed is not None:
        actor1 = blamed
        patients = [p for p in patients if p.name != blamed.name]
    if actor1 is None and prefer_armed_actor1:
        armed = [p for p in undecided if p.inter in (2, 3, 4) and p.role != "civilians"]
        armed.sort(key=lambda p: (p.inter == 1, _rank(p)))
        if any(p.name == "Civilians" for p in undecided + patients):
            # civilians the victims, no agent parsed: a named force before an unnamed one ("Malian soldiers
            # and foreign fighters ... executed 14 civilians")
            armed = sorted(armed + [p for p in undecided if p.inter == 1 and not p.name.startswith(GOVERNMENT)],
                           key=_rank)
        actor1 = armed[0] if armed else None
        fallback = actor1 is not None
    remaining = [p for p in patients if actor1 is None or p.name != actor1.name]
    # a government is rarely the target; where another patient exists it is the side acted upon
    actor2 = min(remaining, key=lambda p: (p.name.startswith(GOVERNMENT), p.start)) if remaining else None
    if actor2 is None:
        rest = [p for p in undecided if actor1 is None or p.name != actor1.name]
        civilians = [p for p in rest if p.role == "civilians" or p.name == "Civilians"]
        actor2 = min(civilians or rest, key=_rank) if (civilians or rest) else None
    assoc1 = next(
        (p for p in agents if actor1 and p.name != actor1.name and not p.generic and p.inter != 7 and p.name != UAG
         and (actor2 is None or p.name != actor2.name)), None,
    )
    assoc2 = next(
        (p for p in patients if actor2 and p.name != actor2.name and not p.generic and p.inter != 7 and p.name != UAG
         and (actor1 is None or p.name != actor1.name)), None,
    )
    if actor1 is not None and actor1.name in PARTNER_FORCES and assoc1 is not None and assoc1.inter == 1:
        actor1, assoc1 = assoc1, actor1  # "Wagner mercenaries and Malian troops executed ...": the army, with Wagner
    return Sides(actor1=actor1, actor2=actor2, assoc1=assoc1, assoc2=assoc2, fallback=fallback)


#: A generic attacker the report leaves unattributed: "unidentified", "inconnus", and the nouns that name
#: no side at all ("gunmen", "armed men", "des hommes armés"), unlike "the militants" or "les assaillants",
#: which describe a side the report may have named.
_UNATTRIBUTED = re.compile(
    r"(?i)\b(?:unidentified|unknown|unattributed|non[- ]identifi\w*|inconnu\w*|gunm[ae]n|armed\s+(?:men|individuals)|"
    r"(?:hommes|individus|personnes)\s+arm\w*)"
)


#: The hedge of a description that leaves the attackers unnamed: "suspected jihadists", "présumés jihadistes".
_HEDGED = re.compile(r"(?i)\b(?:suspected|alleged|presumed|presum\w*|pr\u00e9sum\w*|suppos\w*|soup\u00e7onn\w*|soupconn\w*)")


def report_group(actors: Sequence[ActorMention]) -> Participant | None:
    """The non-state armed group a report attributes its violence to: the only one it says claimed an
    attack, before or after the incident (failing a claim, the only one it blames).  "The militants", "les assaillants", an attack with no stated
    author in that report are that group; with two groups claiming, nobody can tell."""
    claimed = [m for m in actors if m.actor_type == 2 and m.name != UAG and m.attribution == "claimed"]
    if not claimed and not any(m.name == UAG and _HEDGED.search(m.text) for m in actors):
        # no claim: the one group officials or witnesses blame ("a imputé l'attaque à Dan Na Ambassagou"),
        # unless the report calls its attackers "suspected jihadists" (it leaves them unidentified); jihadists
        # an NGO "accuses" of the killings are named by the group it then blames
        claimed = [m for m in actors if m.actor_type in (2, 3, 4) and m.name != UAG and m.attribution == "suspected"]
    if len({m.name for m in claimed}) != 1:
        return None
    m = claimed[0]
    return Participant(name=m.name, start=m.start, end=m.end, text=m.text, inter=m.actor_type,
                       attribution=m.attribution)


def named_group(actors: Sequence[ActorMention], before: int) -> Participant | None:
    """The only rebel group the report names before offset ``before``: whose "attacks" a later "the army
    repelled the attacks" speaks of."""
    named = [m for m in actors if m.actor_type == 2 and m.name != UAG and m.start < before
             and m.attribution != "denied"]
    if len({m.name for m in named}) != 1:
        return None
    m = named[0]
    return Participant(name=m.name, start=m.start, end=m.end, text=m.text, inter=m.actor_type,
                       attribution=m.attribution)


#: The words by which a text insists that nobody knows who the attackers were.
_UNIDENTIFIED = re.compile(r"(?i)\b(?:unidentified|unknown|unattributed|non[- ]identifi\w*|inconnu\w*)")


def unidentified(p: Participant | None) -> bool:
    """Whether a participant is an attacker the text calls unidentified or unknown (not merely "gunmen")."""
    return p is not None and bool(_UNIDENTIFIED.search(p.text))


def unattributed(p: Participant | None) -> bool:
    """Whether a participant is an attacker the text itself calls unidentified."""
    return p is not None and bool(_UNATTRIBUTED.search(p.text))

