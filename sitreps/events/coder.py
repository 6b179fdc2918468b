"""Code the incidents of a parsed report as ACLED events, each field tied to its evidence.

The coder reads the report clause by clause (:mod:`sitreps.events.detect`), gathers the clauses that
speak of one incident (same place and date, "the attack", a later toll) and opens a new incident where
the text moves to another place, date or kind of event.  Each incident is then typed
(:mod:`sitreps.events.classify`), given its actors (:mod:`sitreps.events.participants`), its place,
date and toll; summaries, background, forecasts and incidents with neither place nor date are left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from sitreps.events import conventions, learned, location, timing
from sitreps.events.classify import EVENT_TYPE, Typing, classify, family
from sitreps.events.detect import WEAK, Mention, clauses, find_mentions, headline_end
from sitreps.events.participants import UAG, Participant, Sides, choose_sides, find_participants
from sitreps.events.split import split_mention
from sitreps.knowledge import lexicon
from sitreps.knowledge.countries import iso3_of_alpha2
from sitreps.models import DAY, MONTH, YEAR, ActorMention, Document, Event, Place, Span
from sitreps.nlp.segment import doc_text, sentence_bounds
from sitreps.resolve import numbers
from sitreps.resolve.actors import country_focus
from sitreps.resolve.dates import find_dates
from sitreps.resolve.places import best_event_place
from sitreps.resolve.tolls import merge_tolls

#: How far back (characters) a clause without a place of its own may borrow one.
PLACE_LOOKBACK = 400
#: An incident dated this many days before publication, without a day, is background.
BACKGROUND_DAYS = 45


@dataclass(kw_only=True)
class _Incident:
    mentions: list[Mention] = field(default_factory=list)
    family: str = "violent"
    place: Place | None = None
    date: Any = None  # a DateMention
    note: str | None = None
    toll_groups: list[list[numbers.Toll]] = field(default_factory=list)  # one list per mention, then asides
    overview: bool = False  # sums up several incidents
    period: bool = False  # a total over a month or more, not a toll to share among the incidents that follow
    unknown_toll: bool = False  # its deaths were counted with another incident's
    context: list[Mention] = field(default_factory=list)

    @property
    def tolls(self) -> list[numbers.Toll]:
        return [t for group in self.toll_groups for t in group]

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def _same_place(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and lexicon.fold(a.name) == lexicon.fold(b.name)


def _majority_country(places: Sequence[Place]) -> str | None:
    counts: dict[str, int] = {}
    for place in places:
        if place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


#: The incident a protest or riot followed ("the unrest followed the killing of ..."): not its own toll.
_CAUSE = re.compile(r"\b(?:after|following|followed|follows|in response to|sparked by|triggered by|au lendemain de"
                    r"|apres|suite a|a la suite de)\s+(?:the\s+|la\s+|l'|les\s+|des\s+|de\s+|du\s+)?$")


#: Places named as areas in a list: "the Niono and Macina areas", "les zones de Djibo et d'Arbinda".
_AREAS = re.compile(r"(?:\s+(?:and|et)\s+[\w'-]+)?\s+(?:areas|regions|zones|districts|cercles|régions)\b")
#: A road between two towns, where an incident of its own may happen: "on the road between Téra and Dargol".
_ROAD = re.compile(r"\b(?:road|route|axe|axis|highway|piste|track|stretch|troncon)\s+(?:[\w'-]+\s+)?(?:between|entre)\s+$")
_THE_ATTACK = re.compile(r"\b(?:the|l')\s?(?:attack|ambush|raid|assault|attaque|embuscade|assaut)")
#: The target an anaphora names: "l'attaque contre le détachement", "the attack on the convoy".
_TARGET_OF = re.compile(r"\b(?:attaque|attack|assaut|assault|raid|embuscade|ambush)\s+(?:contre|sur|on|against|of)\s+"
                        r"(?:le |la |les |l'|the |a |an |un |une |their |leur )?(\w{4,})")


def _echoes(mention: Mention, incident: _Incident) -> bool:
    """Whether an incident's first account names the target the mention refers back to."""
    target = _TARGET_OF.search(lexicon.fold(mention.text))
    return target is not None and re.search(rf"\b{target.group(1)}", lexicon.fold(incident.first.text)) is not None


def _another_kind(mention: Mention, incident: _Incident) -> bool:
    """Whether a clause's triggers name another kind of event than every account of the incident so far."""
    kinds = {label for m in incident.mentions for label in m.labels - WEAK}
    return not (mention.labels - WEAK) & kinds


def _a_cause(mention: Mention, text: str) -> bool:
    return any(_CAUSE.search(lexicon.fold(text[max(0, h.start - 40) : h.start])) for h in mention.hits)


_NEW_TARGET = re.compile(r"\b(?:the (?:attack|raid|assault|ambush)|l'(?:attaque|assaut|embuscade)) (?:on|against|of|"
                         r"contre) (?:a|an|un|une)\b|\bl'(?:attaque|assaut|embuscade) d'une?\b")


def _group(mentions: Sequence[Mention], places: Sequence[Place], dates: Sequence[Any], lang: str,
           doc_text: str, said: Sequence[Any] = ()) -> list[_Incident]:
    incidents: list[_Incident] = []
    pieces: list[tuple[Mention, list[numbers.Toll]]] = []
    for mention in mentions:
        tolls = numbers.find_tolls(mention.text, lang, offset=mention.start)
        pieces.extend(split_mention(mention, places, dates, tolls, doc_text, lang))
    previous: _Incident | None = None
    for mention, tolls in pieces:
        fam = family(mention.labels)
        in_clause = [p for p in location.places_in(places, mention.start, mention.end) if location.is_fine(p)]
        own_place = location.best_place(in_clause, doc_text, lang)
        between = None  # "on the road between X and Y": X, for an incident of its own
        if own_place is not None and location.rank(own_place, doc_text, lang)[1]:
            between = own_place if _ROAD.search(
                lexicon.fold(doc_text[max(0, (own_place.start or 0) - 40) : own_place.start or 0])) else None
            own_place = None  # "from Kidal", "towards the border": not where it happened
        own_dates = timing.dates_in(dates, mention.start, mention.end)
        if not own_dates and mention.full_start is not None:  # "attacked X on Sunday, then ambushed Y": that day
            own_dates = timing.dates_in(dates, mention.full_start, mention.start)[-1:]
        if fam == "violent":
            own_dates = [d for d in own_dates if d not in said]
        if mention.hits and len(own_dates) > 1:  # the date nearest the trigger: "annonce lundi avoir tué samedi"
            main = max(mention.hits, key=lambda h: h.weight)
            own_dates.sort(key=lambda d: min(abs(d.start - main.end), abs(main.start - d.end)))
        continues = mention.full_start is None and previous is not None and previous.mentions and not doc_text[
            previous.mentions[-1].start : previous.mentions[-1].end].rstrip().endswith((".", "!", "?", ";", "\n")) \
            and not doc_text[previous.mentions[-1].end : mention.start].strip()  # the very next words
        update = "toll_update" in mention.cues and not mention.strong  # "selon un nouveau bilan établi lundi"
        strong = mention.strong or bool(mention.labels & {"KILL"} and own_dates and not continues and not update)
        attaching = not mention.hits or ("intervention" in mention.cues and not strong)
        toll_only = not strong and bool(tolls)
        anaphora = "anaphora" in mention.cues and not (own_place is not None and _NEW_TARGET.search(
            lexicon.fold(mention.text)))  # "lors de l'attaque d'une position à Bourem": a new incident
        if anaphora and "sequence" in mention.cues and own_dates and previous is not None and previous.date is not None \
                and own_dates[0].date < previous.date.date and not timing.same_day(own_dates[0], previous.date):
            anaphora = False  # "the killings came a week after gunmen killed 58 in X on March 15"
        leading_date = bool(own_dates) and strong and own_dates[0].start - mention.start <= 25 and (
            doc_text[own_dates[0].end : own_dates[0].end + 2].strip().startswith((":", "-", "–"))
            or doc_text[max(0, own_dates[0].start - 4) : own_dates[0].start].count("\n") > 0
        )  # a bulletin listing incidents date by date: "Sunday 6 July: ...", "- Le mardi 18 mars, ..."
        referring = bool(mention.cues & {"anaphora", "same_day"}) or toll_only or attaching or bool(
            continues and not mention.strong)
        own_days = [d for d in own_dates if d not in said and d.precision == DAY]
        claim = bool(mention.cues & {"claim_verb", "blame_verb"}) or ("say_verb" in mention.cues and bool(
            _THE_ATTACK.search(lexicon.fold(mention.text))))  # "On Sunday, the group said its men carried out the ambush"
        opens_day = timing.leading(own_days, mention) and not claim
        merge_dates = [] if toll_only or update or anaphora and not opens_day else own_dates
        if not strong and not referring:
            continue
        if "accident" in mention.cues and not mention.strong and not referring:
            continue  # "a helicopter crashed, killing its crew": no act of violence
        overview = "cumulative" in mention.cues and (len({lexicon.fold(p.name) for p in in_clause}) != 1 or not any(
            location.is_spot(p) for p in in_clause))  # "25 killed in two attacks in the Tillaberi region"
        # "64 civilians were killed in the Ségou region in January": a month's total for a region, no incident
        period = bool(tolls and own_dates and in_clause) and all(d.precision != DAY for d in own_dates) and not any(
            location.is_spot(p) and not _AREAS.match(doc_text, p.end or 0) for p in in_clause)
        overview = overview or period
        target = previous if continues and not mention.strong and previous is not None and not previous.overview \
            else None  # the rest of a sentence the parser cut in two
        another = mention.strong and "same_day" in mention.cues and not anaphora  # "later the same day, X ambushed"
        # a clause with no day, no place and nothing that refers back continues the incident told last, or none:
        # it does not skip over that one to an earlier incident ("He has bought drones" after a coup)
        anchored = referring or own_place is not None or bool(own_dates)
        aside = False
        if target is None and "new_incident" not in mention.cues and not overview and not another and not (
                leading_date and not anaphora):
            candidates = list(reversed(incidents[-3:])) if anchored else incidents[-1:]
            aside = bool(candidates) and not anchored
            if anaphora and own_place is None:
                candidates.sort(key=lambda i: not _echoes(mention, i))  # "l'attaque contre le détachement"
            for incident in candidates:
                if incident.overview and not (anaphora and own_place is None and mention.full_start is None
                                              and incident is incidents[-1]):
                    continue  # a summary takes only what refers straight back to it ("during the fighting")
                # looting, or weapons seized, in the course of a violent incident are part of it
                looting = bool(mention.labels & {"Looting/property destruction", "Disrupted weapons use"}) and \
                    incident.family == "violent"
                arrests = mention.labels <= {"Arrests", "KILL", "INJURE"} and incident.family == "protest" and \
                    mention.start - incident.mentions[-1].end < 300  # arrests at the protest, told right after it
                if incident.family != fam and (not (toll_only or attaching or looting or arrests) or (
                        incident.family == "protest" and _a_cause(mention, doc_text))):
                    continue
                same_place = _same_place(own_place, incident.place)
                if between is not None and mention.strong and _another_kind(mention, incident):
                    continue  # "a convoy hit an explosive device on the road between Téra and Dargol"
                if anaphora and mention.strong and own_days and not claim and incident.date is not None and not \
                        timing.same_day(own_days[0], incident.date) and _another_kind(mention, incident):
                    continue  # "les FAMa ont rattrapé les assaillants lundi et en ont neutralisé": another fight
                if own_place is not None and location.is_spot(own_place) and not same_place and own_dates and not (
                        toll_only or update) and incident.date is not None and not timing.same_day(own_dates[0],
                                                                                                    incident.date):
                    continue  # "la veille, ... l'explosion d'un engin près de Pissila": another place, another day
                if own_place is not None and not same_place and not anaphora and (
                    incident.place is not None or not referring
                ):
                    continue
                if merge_dates and incident.date is not None and not timing.same_day(merge_dates[0], incident.date) \
                        and not ("claim_verb" in mention.cues and not tolls and same_place):
                    # the day of "JNIM claimed the Bourzanga ambush on Thursday" is the claim's
                    continue
                if merge_dates and incident.date is None and not same_place and not referring:
                    continue
                target = incident
                break
        if target is None:
            if attaching or not (strong or toll_only) or aside:
                continue  # an unanchored clause the incident told last could not take is an aside, not news
            target = _Incident(family=fam, overview=overview, period=period, place=own_place or between)
            incidents.append(target)
            if "same_day" in mention.cues and previous is not None and previous.date is not None:
                target.date = previous.date  # "later the same day", "le même jour"
        target.mentions.append(mention)
        target.toll_groups.append(tolls)
        if own_place is not None and (target.place is None or location.rank(own_place, doc_text, lang)[0]
                                      < location.rank(target.place, doc_text, lang)[0]):
            target.place = own_place
        if target.date is None and own_dates:
            target.date = own_dates[0]
        previous = target
    earlier: _Incident | None = None
    for incident in incidents:
        if incident.date is None:
            first = incident.first
            around = [d for d in timing.dates_in(dates, first.sent_start, first.sent_end)
                      if incident.family != "violent" or d not in said]
            incident.date = around[0] if around else None
        if incident.date is None and earlier is not None and incident.family == earlier.family == "protest" \
                and earlier.date is not None and incident.first.start - earlier.mentions[-1].end < 300:
            incident.date = earlier.date  # "À Bobo-Dioulasso, ... également": the day just reported
        earlier = incident
    return _settle_overviews(incidents, places, dates, doc_text, lang)


def _settle_overviews(incidents: list[_Incident], places: Sequence[Place], dates: Sequence[Any], text: str,
                      lang: str) -> list[_Incident]:
    """Resolve a clause summing up several incidents ("two attacks near X and Y killed ...").

    When the incidents it sums up are reported after it, it is dropped and they take its date where
    they have none, and its actors as context.  Otherwise it becomes one incident per place it names,
    each with an unknown toll (noted): the text does not split it.
    """
    kept = []
    for k, incident in enumerate(incidents):
        if not incident.overview:
            kept.append(incident)
            continue
        if incident.first.cues & {"summary", "background"}:
            continue
        # the incidents it sums up: reported after it, on its day ("on Monday, aircraft struck ..." is another)
        days = {d.date for d in timing.dates_in(dates, incident.first.start, incident.first.end)}
        following = [i for i in incidents[k + 1 :] if not i.overview and (  # "on Thursday and Friday": either day
            timing.same_day(i.date, incident.date) or i.date is not None and i.date.date in days)]
        earlier = [i for i in kept if not i.overview and i.family == "violent"][-3:]
        if "claim_verb" in incident.first.cues and not incident.tolls and earlier and not any(
                location.is_spot(p) for p in location.places_in(places, incident.first.start, incident.first.end)):
            for before in earlier:  # "le GSIM a revendiqué les deux attaques": the claim covers those just told
                before.context.extend(incident.mentions)
            continue
        if following:
            per_side = {t.side: t for t in incident.tolls if t.kind == "killed" and not t.subset
                        and t.side not in ("any", "other")}
            total = any(t.kind == "killed" and not t.subset for t in incident.tolls)
            for later in following[:3]:
                later.context.extend(incident.mentions)
                if later.date is None:
                    later.date = incident.date
                for side in numbers.victims_referred(later.first.text, lang):
                    if side in per_side and not any(t.kind == "killed" and t.side == side for t in later.tolls):
                        later.toll_groups.append([per_side.pop(side)])  # "49 civilians and 15 soldiers ...
                        # The civilians died when ...": each incident takes its side's count
                if total and not incident.period and not any(t.kind == "killed" for t in later.tolls):
                    later.unknown_toll = True  # "two attacks killed 40": the dead of each are not told apart
                    later.note = "toll given for several incidents together"
            continue
        first = incident.first
        spots: list[Place] = []
        for place in location.places_in(places, first.start, first.end):
            if location.is_spot(place) and not any(
                _same_place(place, p) for p in spots
            ):
                spots.append(place)
        if len(spots) < 2:
            kept.append(incident)
            continue
        for n, place in enumerate(spots):  # one toll for all: no number can be taken for each (null)
            kept.append(dataclasses.replace(
                incident, place=place, overview=False, toll_groups=incident.toll_groups if n == 0 else [],
                note="toll given for several incidents together", unknown_toll=True,
            ))
    return kept


def _cumulative(incidents: list[_Incident], lang: str) -> None:
    """A toll for "the two attacks" given after both: no number can be taken for either (null), noted."""
    for k in range(1, len(incidents)):
        later = incidents[k]
        for n in range(len(later.mentions) - 1, 0, -1):
            mention = later.mentions[n]
            if "cumulative" in mention.cues and later.toll_groups[n]:
                incidents[k - 1].mentions.append(later.mentions.pop(n))
                incidents[k - 1].toll_groups.append(later.toll_groups.pop(n))
                for incident in (incidents[k - 1], later):
                    incident.note = "toll given for several incidents together"
                    incident.unknown_toll = True


def _aside_tolls(incidents: list[_Incident], doc: Doc, mentions: Sequence[Mention], places: Sequence[Place],
                 dates: Sequence[Any], lang: str) -> None:
    """Deaths counted in a clause the event lexicon does not see: a quoted witness ("« Six assaillants ont
    été tués »"), "lost seven fighters", "put out of action", "deux VDP sont tombés".  Such a clause,
    in the sentence of an incident's last mention or the next one, adds its toll to that incident unless
    it names another place or day."""
    owner = {id(m): incident for incident in incidents for m in incident.mentions}
    taken = {m.index for m in mentions}
    sentences = sentence_bounds(doc)
    text = doc_text(doc)
    for index, (s_start, _s_end, start, end) in enumerate(clauses(doc)):
        if index in taken:
            continue
        before = [m for m in mentions if m.end <= start]
        if not before or id(before[-1]) not in owner:
            continue
        last = before[-1]
        incident = owner[id(last)]
        if incident.overview:
            continue
        k = next((n for n, (lo, hi) in enumerate(sentences) if lo <= last.start < hi), None)
        if k is None or not (s_start == last.sent_start or k + 1 < len(sentences) and s_start == sentences[k + 1][0]):
            continue
        tolls = [t for t in numbers.find_tolls(text[start:end], lang, offset=start) if t.kind == "killed"]
        if not tolls:
            continue
        spots = [p for p in location.places_in(places, start, end) if location.is_fine(p)]
        if any(not _same_place(p, incident.place) for p in spots):
            continue
        own = timing.dates_in(dates, start, end)
        if own and incident.date is not None and not timing.same_day(own[0], incident.date):
            continue
        incident.toll_groups.append(tolls)


def _borrow_place(incident: _Incident, places: Sequence[Place], text: str, lang: str,
                  sentences: Sequence[tuple[int, int]]) -> Place | None:
    first = incident.first
    body = [p for p in places if (p.start or 0) >= headline_end(text)]
    inside = location.best_place(location.places_in(body, first.sent_start, first.sent_end), text, lang)
    if inside is not None:
        return inside
    earlier = [p for p in body if p.start is not None and first.start - PLACE_LOOKBACK <= p.start < first.start
               and location.is_fine(p)]
    if earlier:  # the most precise of the last sentence that names one: "zone de Koro, région de Mopti" -> Koro
        at = earlier[-1].start or 0
        sentence = next((a for a, b in sentences if a <= at < b), 0)
        last = [p for p in earlier if p.start is not None and p.start >= sentence]
        return min(reversed(last or earlier), key=lambda p: p.geo_precision or 3)
    towns = {lexicon.fold(p.name): p for p in body if location.is_fine(p)}
    return next(iter(towns.values())) if len(towns) == 1 else None  # the one town the report is about


def _perfect(mention: Mention, text: str, lang: str) -> bool:
    """Whether an English clause reports in the present perfect ("JNIM has besieged ...")."""
    if lang != "en":
        return False
    for hit in mention.hits:
        before = lexicon.fold(text[max(0, hit.start - 12) : hit.start]).split()
        if before and before[-1] in ("has", "have"):
            return True
    return False


def _event_id(document_id: str, event_type: str, location: str | None, date: dt.date | None,
              actor1: str | None, seen: set[str]) -> str:
    key = "|".join([document_id, event_type, location or "", date.isoformat() if date else "", actor1 or ""])
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    n = 2
    candidate = digest
    while candidate in seen:
        candidate = f"{digest}-{n}"
        n += 1
    seen.add(candidate)
    return candidate


def _is_background(incident: _Incident, published: dt.date | None, placed: bool) -> bool:
    first = incident.first
    date = incident.date
    if date is not None and published is not None:
        delta = (published - date.date).days
        if delta < -1:
            return True  # a date after the report: a plan or a forecast
        if delta > BACKGROUND_DAYS and (date.precision != DAY or not placed):
            return True
        if delta > 366 and not placed:
            return True
    flagged = first.cues & {"summary", "background", "forecast"}
    if flagged and not (incident.place is not None and date is not None and date.precision in (DAY, MONTH)):
        return True
    return "generic" in first.cues and not placed and date is None


def _toll(incident: _Incident, lang: str, kind: str) -> tuple[int | None, list[numbers.Toll]]:
    used = [t for t in incident.tolls if t.kind == kind]
    return merge_tolls(incident.toll_groups, kind), used


def _fatalities(incident: _Incident, lang: str) -> tuple[int | None, list[numbers.Toll]]:
    if incident.unknown_toll:
        return None, []
    value, used = _toll(incident, lang, "killed")
    if value is not None:
        return value, used
    text = " ".join(m.text for m in incident.mentions)
    if not numbers.reports_deaths(text, lang):
        return 0, []
    return None, []


def _sides(doc: Doc, incident: _Incident, actors: Sequence[ActorMention], lang: str, country: str | None,
           claimed: Participant | None = None, text: str | None = None, group: Participant | None = None) -> Sides:
    parts: list[Participant] = []
    for mention in incident.mentions:
        triggers = [(h.start, h.end) for h in sorted(mention.hits, key=lambda h: -h.weight)]
        start = mention.full_start if mention.full_start is not None else mention.start
        end = mention.full_end if mention.full_end is not None else mention.end
        parts.extend(find_participants(doc, start, end, actors, lang, country, triggers, text=text))
    trigger = [p for p in parts if incident.first.start <= p.start < incident.first.end]
    others = [p for p in parts if p not in trigger]
    sides = choose_sides(trigger)
    named_agents = [p for p in others if p.side == "agent" and not p.generic and p.name != UAG
                    and p.inter != 7 and (sides.actor2 is None or p.name != sides.actor2.name)]
    # the group that claimed the attack before any other side a later sentence makes an agent
    named_agent = min(named_agents, key=lambda p: p.attribution != "claimed", default=None)
    if named_agent is None and claimed is not None and (sides.actor2 is None or claimed.name != sides.actor2.name):
        named_agent = claimed
    weak = sides.actor1 is None or sides.fallback or sides.actor1.generic or sides.actor1.name == UAG
    if named_agent is not None and weak:
        sides = dataclasses.replace(sides, actor1=named_agent, fallback=False)
    if sides.actor2 is None:
        rest = choose_sides(others)
        candidate = rest.actor2 or next((p for p in others if p.side == "patient"), None)
        if candidate is not None and (sides.actor1 is None or candidate.name != sides.actor1.name):
            sides = dataclasses.replace(sides, actor2=candidate)
    state = next((p for p in parts if p.inter == 1), None)
    armed = tuple(p for p in parts if p.inter in (1, 2, 3, 4, 8) and p.side != "source")
    sides = conventions.report_groups(dataclasses.replace(sides, state=state, armed=armed), group, actors,
                                      incident.first.start)
    if sides.actor1 is None:
        rest = choose_sides(others)
        if rest.actor1 is not None and (sides.actor2 is None or rest.actor1.name != sides.actor2.name):
            sides = dataclasses.replace(sides, actor1=rest.actor1, assoc1=rest.assoc1)
    return sides


def code_events(
    doc: Doc, document: Document, *, places: Sequence[Place], actors: Sequence[ActorMention]
) -> list[Event]:
    """The ACLED events of one parsed report, in text order."""
    text = doc_text(doc)
    if not text.strip():
        return []
    lang = "fr" if document.language == "fr" else "en"
    published = document.published
    usable = location.usable_places(places, actors, text, lang)
    focus = country_focus(doc) or _majority_country(usable)
    usable = sorted(usable + location.unresolved_places(doc, places, actors, lang, focus)
                    + location.capital_places(text, lang, focus), key=lambda p: p.start or 0)
    precision = document.published_precision or DAY
    dates = timing.nights([timing.night_end(d) for d in find_dates(doc, published, reference_precision=precision)
                     if d.date is not None], text) if published else []
    said = [d for d in dates if timing.said_on(text, d, lang)]
    mentions = find_mentions(doc, lang)
    incidents = _group(mentions, usable, dates, lang, text, said)
    _cumulative(incidents, lang)
    _aside_tolls(incidents, doc, mentions, usable, dates, lang)
    model = learned.load_default()
    events: list[Event] = []
    seen: set[str] = set()
    groups = conventions.incident_groups([(i.mentions + i.context, i.place) for i in incidents], actors, usable,
                                         sentence_bounds(doc))
    for incident, group in zip(incidents, groups, strict=True):
        event = _code_incident(doc, document, incident, usable, actors, lang, focus, model, seen, text, group)
        if event is not None:
            events.append(event)
    return events


def _code_incident(doc: Doc, document: Document, incident: _Incident, places: Sequence[Place],
                   actors: Sequence[ActorMention], lang: str, focus: str | None, model: Any,
                   seen: set[str], text: str, group: Participant | None) -> Event | None:
    first = incident.first
    chosen = incident.place
    if chosen is None:
        chosen = _borrow_place(incident, places, text, lang, sentence_bounds(doc))
    if chosen is None:
        nearest = best_event_place(places, first.start, first.end)
        if nearest is not None and first.sent_start <= (nearest.start or -1) < first.sent_end:
            chosen = nearest
    placed = chosen is not None and location.is_fine(chosen)
    if _is_background(incident, document.published, placed):
        return None
    if not placed and incident.date is None:
        return None
    country = (chosen.country if chosen is not None else None) or focus
    claimed = None
    for mention in incident.context:
        for part in find_participants(doc, mention.start, mention.end, actors, lang, country,
                                      [(h.start, h.end) for h in mention.hits], text=text):
            if claimed is None and part.side == "agent" and not part.generic and part.name != UAG and part.inter != 7:
                claimed = part
    sides = _sides(doc, incident, actors, lang, country, claimed, text, group)
    weights: dict[str, int] = {}
    for mention in incident.mentions:
        for hit in mention.hits:
            weights[hit.label] = max(weights.get(hit.label, 0), hit.weight)
    cues = frozenset().union(*(m.cues for m in incident.mentions))
    a1, a2 = sides.actor1, sides.actor2
    typing = classify(
        weights, cues, actor1_inter=a1.inter if a1 else None, actor2_inter=a2.inter if a2 else None,
        actor1_state=bool(a1 and (a1.inter == 1 or a1.role in ("military", "police"))),
        killed=bool(merge_tolls(incident.toll_groups, "killed")),
        lead=frozenset(first.labels),
        victims=frozenset(t.side for t in incident.toll_groups[0] if t.kind == "killed" and not t.subset and not t.prior
                          ) if incident.toll_groups else frozenset(),
    )
    if not typing.certain and model is not None:
        guess = model.predict(first.text)
        if guess is not None and guess in EVENT_TYPE:
            typing = Typing(event_type=EVENT_TYPE[guess], sub_event_type=guess, certain=False)
    sides = conventions.defence_and_clash(sides, typing, first, lang, country)
    a1, a2 = sides.actor1, sides.actor2
    coup_words = lexicon.cues(lang).get("coup")
    lead_coup = coup_words is not None and any(coup_words.search(lexicon.fold(h.text)) for h in first.hits)
    name1, name2, inter1, inter2 = conventions.fix_actors(typing, sides, country, sides.state, lead_coup)
    fatalities, used = _fatalities(incident, lang)
    if incident.place is None and incident.date is None and not fatalities:
        return None  # neither its own place, nor a date, nor a toll: too vague to code
    if incident.date is None and (chosen is None or location.rank(chosen, text, lang)[0] >= 2):
        return None  # a region and no date: a summary more than an incident
    if incident.date is None and (incident.family == "protest" or _perfect(first, text, lang)):
        return None  # "has attacked convoys", "a common sight at rallies": a state of affairs, not an incident
    if typing.event_type in ("Strategic developments", "Protests") and fatalities is None:
        fatalities = 0
    injured = _toll(incident, lang, "injured")[0]
    abducted = _toll(incident, lang, "abducted")[0]
    date_mention = incident.date
    if date_mention is not None:
        event_date, precision = date_mention.date, int(date_mention.precision or DAY)
    else:
        event_date = document.published
        precision = MONTH if document.published_precision in (None, DAY) else YEAR
    attribution = a1.attribution if a1 is not None and a1.name == name1 else "stated"
    place_name = location.surface_name(chosen, text) if placed and chosen is not None else None
    ev_start, ev_end = (first.sent_start, first.sent_end)
    if "\n" in text[ev_start:ev_end].strip() or ev_end - ev_start > 600:
        ev_start, ev_end = first.start, first.end
    evidence = text[ev_start:ev_end].strip()
    spans = [Span(field="evidence", start=ev_start, end=ev_end, text=text[ev_start:ev_end])]
    main_hit = max(first.hits, key=lambda h: h.weight)
    spans.append(Span(field="event_type", start=main_hit.start, end=main_hit.end, text=main_hit.text))
    spans.append(Span(field="sub_event_type", start=main_hit.start, end=main_hit.end, text=main_hit.text))
    linked: list[tuple[str, Participant | None]] = [
        ("actor1", a1), ("actor2", a2), ("assoc_actor_1", sides.assoc1), ("assoc_actor_2", sides.assoc2)]
    for name, who in linked:
        if who is not None:
            spans.append(Span(field=name, start=who.start, end=who.end, text=who.text))
    if chosen is not None and chosen.start is not None and chosen.end is not None:
        spans.append(Span(field="location", start=chosen.start, end=chosen.end, text=text[chosen.start : chosen.end]))
    if date_mention is not None:
        spans.append(Span(field="event_date", start=date_mention.start, end=date_mention.end, text=date_mention.text))
    for toll in used:
        spans.append(Span(field="fatalities", start=toll.start, end=toll.end, text=toll.text))
    admin1 = chosen.admin1 if chosen is not None else None
    if admin1 is None:
        sentences = sentence_bounds(doc)
        k = next((n for n, (lo, hi) in enumerate(sentences) if lo <= first.start < hi), 0)
        admin1 = location.admin1_nearby(chosen, places, (first.sent_start, first.sent_end),
                                        [sentences[n] for n in (k - 1, k + 1) if 0 <= n < len(sentences)],
                                        country, headline_end(text), text)
    confidence = 0.3 + 0.15 * placed + 0.15 * (date_mention is not None) + 0.1 * (a1 is not None and not a1.generic)
    confidence += 0.1 * bool(used) + 0.1 * typing.certain + 0.05 * (main_hit.weight >= 3)
    assoc1 = conventions.actor_name(sides.assoc1)
    assoc2 = conventions.actor_name(sides.assoc2)
    return Event(
        id=_event_id(document.id, typing.event_type, place_name, event_date, name1, seen),
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        country=country,
        event_date=event_date,
        time_precision=precision,
        actor1=name1,
        actor2=name2,
        assoc_actor_1=assoc1 if assoc1 not in (name1, name2) else None,
        assoc_actor_2=assoc2 if assoc2 not in (name1, name2) else None,
        inter1=inter1,
        inter2=inter2,
        attribution=attribution,
        location=place_name,
        admin1=location.acled_admin1(admin1, country),
        admin2=chosen.admin2 if chosen is not None else None,
        iso=iso3_of_alpha2(chosen.country_code) if chosen is not None else None,
        latitude=chosen.latitude if placed and chosen is not None else None,
        longitude=chosen.longitude if placed and chosen is not None else None,
        geo_precision=location.geo_precision(chosen, text, lang) if chosen is not None else 3,
        fatalities=fatalities,
        injured=injured,
        abducted=abducted,
        evidence=evidence,
        confidence=round(min(1.0, confidence), 2),
        optional=not placed or date_mention is None and event_date is None,
        document_id=document.id,
        notes=incident.note,
        spans=tuple(spans),
    )
