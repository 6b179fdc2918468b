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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from sitreps.events import learned, location
from sitreps.events._interfaces import best_event_place, country_focus, find_dates
from sitreps.events.classify import EVENT_TYPE, Typing, classify, family
from sitreps.events.detect import Mention, find_mentions
from sitreps.events.participants import UAG, Participant, Sides, choose_sides, find_participants, role_name
from sitreps.knowledge import lexicon
from sitreps.models import DAY, MONTH, YEAR, ActorMention, Document, Event, Place, Span
from sitreps.resolve import numbers

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
    tolls: list[numbers.Toll] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def _places_in(places: Sequence[Place], start: int, end: int) -> list[Place]:
    return [p for p in places if p.start is not None and start <= p.start < end]


def _dates_in(dates: Sequence[Any], start: int, end: int) -> list[Any]:
    return [d for d in dates if start <= d.start < end and d.date is not None]


def _same_place(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and lexicon.fold(a.name) == lexicon.fold(b.name)


def _close_dates(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return True
    return bool(abs((a.date - b.date).days) <= 1)


def _majority_country(places: Sequence[Place]) -> str | None:
    counts: dict[str, int] = {}
    for place in places:
        if place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def _split(mention: Mention, places: Sequence[Place], tolls: list[numbers.Toll],
           text: str, lang: str) -> list[tuple[Mention, list[numbers.Toll]]]:
    """A clause naming several places, each with its own toll, as one part per place."""
    spots = sorted((p for p in _places_in(places, mention.start, mention.end) if location.is_fine(p)
                    and p.feature in (None, "locality")), key=lambda p: p.start or 0)
    names = {lexicon.fold(p.name) for p in spots}
    killed = [t for t in tolls if t.kind == "killed"]
    if len(names) < 2 or len(killed) < 2:
        return [(mention, tolls)]
    cuts = [mention.start] + [p.end or 0 for p in spots[:-1]] + [mention.end]
    parts = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        part_tolls = [t for t in tolls if lo <= t.start < hi]
        if not [t for t in part_tolls if t.kind == "killed"]:
            return [(mention, tolls)]
        parts.append((dataclasses.replace(mention, start=lo, end=hi, text=text[lo:hi]), part_tolls))
    return parts


def _group(mentions: Sequence[Mention], places: Sequence[Place], dates: Sequence[Any], lang: str,
           doc_text: str) -> list[_Incident]:
    incidents: list[_Incident] = []
    pieces: list[tuple[Mention, list[numbers.Toll]]] = []
    for mention in mentions:
        tolls = numbers.find_tolls(mention.text, lang, offset=mention.start)
        pieces.extend(_split(mention, places, tolls, doc_text, lang))
    previous: _Incident | None = None
    for mention, tolls in pieces:
        fam = family(mention.labels)
        own_place = location.best_place(_places_in(places, mention.start, mention.end), doc_text, lang)
        own_dates = _dates_in(dates, mention.start, mention.end)
        attaching = not mention.hits
        toll_only = not mention.strong and bool(tolls)
        referring = bool(mention.cues & {"anaphora", "same_day"}) or toll_only or attaching
        if not mention.strong and not referring:
            continue
        target = None
        if "new_incident" not in mention.cues:
            for incident in reversed(incidents[-3:]):
                looting = "Looting/property destruction" in mention.labels and incident.family == "violent"
                if incident.family != fam and not (toll_only or attaching or looting):
                    continue
                same_place = _same_place(own_place, incident.place)
                if own_place is not None and not same_place and (incident.place is not None or not referring):
                    continue
                if own_dates and not same_place and not referring and incident.date is None:
                    continue
                if own_dates and not _close_dates(own_dates[0], incident.date):
                    continue
                target = incident
                break
        if target is None:
            if attaching or not (mention.strong or toll_only):
                continue
            target = _Incident(family=fam)
            incidents.append(target)
            if not own_dates and "same_day" in mention.cues and previous is not None:
                target.date = previous.date
        target.mentions.append(mention)
        target.tolls.extend(tolls)
        if own_place is not None and (target.place is None or location.rank(own_place, doc_text, lang)[0]
                                      < location.rank(target.place, doc_text, lang)[0]):
            target.place = own_place
        if target.date is None and own_dates:
            target.date = own_dates[0]
        previous = target
    for incident in incidents:
        if incident.date is None:
            first = incident.first
            around = _dates_in(dates, first.sent_start, first.sent_end)
            incident.date = around[0] if around else None
    return incidents


def _cumulative(incidents: list[_Incident], lang: str) -> None:
    """A toll for "the two attacks" given after both: keep it on the first and note it."""
    for k in range(1, len(incidents)):
        later = incidents[k]
        for mention in list(later.mentions[1:]):
            moved = [t for t in later.tolls if mention.start <= t.start < mention.end]
            if "cumulative" in mention.cues and moved:
                later.mentions.remove(mention)
                later.tolls = [t for t in later.tolls if t not in moved]
                incidents[k - 1].mentions.append(mention)
                incidents[k - 1].tolls.extend(moved)
                incidents[k - 1].note = "toll given for several incidents together, assigned to the first"


def _borrow_place(incident: _Incident, places: Sequence[Place], text: str, lang: str) -> Place | None:
    first = incident.first
    inside = location.best_place(_places_in(places, first.sent_start, first.sent_end), text, lang)
    if inside is not None:
        return inside
    earlier = [p for p in places if p.start is not None and first.start - PLACE_LOOKBACK <= p.start < first.start
               and location.is_fine(p)]
    return earlier[-1] if earlier else None


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
    if flagged and not (placed and date is not None and date.precision == DAY):
        return True
    return "generic" in first.cues and not placed and date is None


def _toll(incident: _Incident, lang: str, kind: str) -> tuple[int | None, list[numbers.Toll]]:
    used = [t for t in incident.tolls if t.kind == kind]
    return numbers.combine_tolls(used, kind), used


def _fatalities(incident: _Incident, lang: str) -> tuple[int | None, list[numbers.Toll]]:
    value, used = _toll(incident, lang, "killed")
    if value is not None:
        return value, used
    text = " ".join(m.text for m in incident.mentions)
    if numbers.no_deaths_stated(text, lang) or not numbers.mentions("killed", text, lang):
        return 0, []
    return None, []


def _actor_name(p: Participant | None) -> str | None:
    return p.name if p is not None else None


def _sides(doc: Doc, incident: _Incident, actors: Sequence[ActorMention], lang: str, country: str | None) -> Sides:
    parts: list[Participant] = []
    for mention in incident.mentions:
        triggers = [(h.start, h.end) for h in sorted(mention.hits, key=lambda h: -h.weight)]
        parts.extend(find_participants(doc, mention.start, mention.end, actors, lang, country, triggers))
    trigger = [p for p in parts if incident.first.start <= p.start < incident.first.end]
    others = [p for p in parts if p not in trigger]
    sides = choose_sides(trigger)
    named_agent = next((p for p in others if p.side == "agent" and not p.generic), None)
    if named_agent is not None and (sides.actor1 is None or sides.actor1.generic and sides.actor1.role == "uag"):
        sides = Sides(actor1=named_agent, actor2=sides.actor2, assoc1=sides.assoc1, assoc2=sides.assoc2)
    if sides.actor2 is None:
        rest = choose_sides(others)
        candidate = rest.actor2 or next((p for p in others if p.side == "patient"), None)
        if candidate is not None and (sides.actor1 is None or candidate.name != sides.actor1.name):
            sides = Sides(actor1=sides.actor1, actor2=candidate, assoc1=sides.assoc1, assoc2=sides.assoc2)
    if sides.actor1 is None:
        rest = choose_sides(others)
        if rest.actor1 is not None and (sides.actor2 is None or rest.actor1.name != sides.actor2.name):
            sides = Sides(actor1=rest.actor1, actor2=sides.actor2, assoc1=rest.assoc1, assoc2=sides.assoc2)
    return sides


def _fix_actors(typing: Typing, sides: Sides, country: str | None) -> tuple[str | None, str | None, int | None,
                                                                              int | None]:
    a1, a2 = sides.actor1, sides.actor2
    name1, name2 = _actor_name(a1), _actor_name(a2)
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    event_type, sub = typing.event_type, typing.sub_event_type
    if event_type == "Protests":
        if name1 != "Protesters":
            if name1 is not None and inter1 == 1 and name2 is None:
                name2, inter2 = name1, inter1
            name1, inter1 = "Protesters", 6
        if sub == "Peaceful protest" or inter2 != 1:
            name2, inter2 = None, None
    elif event_type == "Riots":
        if inter1 not in (5, 6):
            if name1 is not None and name2 is None:
                name2, inter2 = name1, inter1
            name1, inter1 = "Rioters", 5
    elif event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence"):
        if name1 is None or inter1 == 7:
            if name1 is not None and name2 is None:
                name2, inter2 = name1, inter1
            name1, inter1 = UAG, 2
            if sub == "Air/drone strike":
                name1, inter1 = role_name("military", country), 1
        if event_type == "Violence against civilians" and (name2 is None or inter2 not in (7, None)):
            name2, inter2 = "Civilians", 7
        if event_type == "Battles" and name2 is None and inter1 == 1:
            name2, inter2 = UAG, 2
    if name1 == name2 and event_type != "Battles":
        name2, inter2 = None, None
    return name1, name2, inter1, inter2


def code_events(
    doc: Doc, document: Document, *, places: Sequence[Place], actors: Sequence[ActorMention]
) -> list[Event]:
    """The ACLED events of one parsed report, in text order."""
    text = doc.text
    if not text.strip():
        return []
    lang = "fr" if document.language == "fr" else "en"
    published = document.published
    usable = location.usable_places(places, actors, text)
    focus = country_focus(doc) or _majority_country(usable)
    usable = sorted(usable + location.unresolved_places(doc, places, actors, lang, focus), key=lambda p: p.start or 0)
    dates = [d for d in find_dates(doc, published) if getattr(d, "date", None) is not None] if published else []
    incidents = _group(find_mentions(doc, lang), usable, dates, lang, text)
    _cumulative(incidents, lang)
    model = learned.load_default()
    events: list[Event] = []
    seen: set[str] = set()
    for incident in incidents:
        event = _code_incident(doc, document, incident, usable, actors, lang, focus, model, seen)
        if event is not None:
            events.append(event)
    return events


def _code_incident(doc: Doc, document: Document, incident: _Incident, places: Sequence[Place],
                   actors: Sequence[ActorMention], lang: str, focus: str | None, model: Any,
                   seen: set[str]) -> Event | None:
    text = doc.text
    first = incident.first
    chosen = incident.place
    if chosen is None:
        chosen = _borrow_place(incident, places, text, lang) or best_event_place(places, first.start, first.end)
    placed = chosen is not None and location.is_fine(chosen)
    if _is_background(incident, document.published, placed):
        return None
    if not placed and incident.date is None:
        return None
    country = (chosen.country if chosen is not None else None) or focus
    sides = _sides(doc, incident, actors, lang, country)
    weights: dict[str, int] = {}
    for mention in incident.mentions:
        for hit in mention.hits:
            weights[hit.label] = max(weights.get(hit.label, 0), hit.weight)
    cues = frozenset().union(*(m.cues for m in incident.mentions))
    a1, a2 = sides.actor1, sides.actor2
    typing = classify(
        weights, cues, actor1_inter=a1.inter if a1 else None, actor2_inter=a2.inter if a2 else None,
        actor1_state=bool(a1 and (a1.inter == 1 or a1.role in ("military", "police"))),
        killed=bool(numbers.combine_tolls(incident.tolls, "killed")),
        lead=frozenset(first.labels),
    )
    if not typing.certain and model is not None:
        guess = model.predict(first.text)
        if guess is not None and guess in EVENT_TYPE:
            typing = Typing(event_type=EVENT_TYPE[guess], sub_event_type=guess, certain=False)
    name1, name2, inter1, inter2 = _fix_actors(typing, sides, country)
    fatalities, used = _fatalities(incident, lang)
    if typing.event_type in ("Strategic developments", "Protests") and fatalities is None:
        fatalities = 0
    injured = numbers.combine_tolls(_toll(incident, lang, "injured")[1], "injured")
    abducted = numbers.combine_tolls(_toll(incident, lang, "abducted")[1], "abducted")
    date_mention = incident.date
    if date_mention is not None:
        event_date, precision = date_mention.date, int(date_mention.precision or DAY)
    else:
        event_date = document.published
        precision = MONTH if document.published_precision in (None, DAY) else YEAR
    attribution = a1.attribution if a1 is not None and a1.name == name1 else "stated"
    place_name = chosen.name if placed and chosen is not None else None
    ev_start, ev_end = (first.sent_start, first.sent_end)
    if "\n" in text[ev_start:ev_end].strip() or ev_end - ev_start > 600:
        ev_start, ev_end = first.start, first.end
    evidence = text[ev_start:ev_end].strip()
    spans = [Span(field="evidence", start=ev_start, end=ev_end, text=text[ev_start:ev_end])]
    main_hit = max(first.hits, key=lambda h: h.weight)
    spans.append(Span(field="event_type", start=main_hit.start, end=main_hit.end, text=main_hit.text))
    spans.append(Span(field="sub_event_type", start=main_hit.start, end=main_hit.end, text=main_hit.text))
    for name, part in (("actor1", a1), ("actor2", a2), ("assoc_actor_1", sides.assoc1), ("assoc_actor_2", sides.assoc2)):
        if part is not None:
            spans.append(Span(field=name, start=part.start, end=part.end, text=part.text))
    if chosen is not None and chosen.start is not None and chosen.end is not None:
        spans.append(Span(field="location", start=chosen.start, end=chosen.end, text=text[chosen.start : chosen.end]))
    if date_mention is not None:
        spans.append(Span(field="event_date", start=date_mention.start, end=date_mention.end, text=date_mention.text))
    for toll in used:
        spans.append(Span(field="fatalities", start=toll.start, end=toll.end, text=toll.text))
    confidence = 0.3 + 0.15 * placed + 0.15 * (date_mention is not None) + 0.1 * (a1 is not None and not a1.generic)
    confidence += 0.1 * bool(used) + 0.1 * typing.certain + 0.05 * (main_hit.weight >= 3)
    assoc1 = _actor_name(sides.assoc1)
    assoc2 = _actor_name(sides.assoc2)
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
        admin1=chosen.admin1 if chosen is not None else None,
        admin2=chosen.admin2 if chosen is not None else None,
        iso=chosen.country_code if chosen is not None else None,
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
