"""The actors a report names: canonical names, ACLED inter codes and attribution.

``find_actors`` reads the ``sitreps_actors`` spans of a Doc, fills generic
national forces ("the army", "les FDS") with the report's country focus, drops
civilians who are only a source ("residents said"), and decides for each
mention whether the text states the actor's role, or says the actor claimed,
is suspected of, or denied it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from sitreps.knowledge.actors import actor_dictionary, fold_text
from sitreps.models import ActorMention, Document, Event
from sitreps.nlp.actors import SPAN_KEY, country_focus, sentence_bounds
from sitreps.nlp.segment import doc_text
from sitreps.resolve.dates import find_dates

__all__ = ["country_focus", "find_actors", "attribution", "report_actors"]

#: Descriptions, not names: they count as actors of a report only when they take part in a coded incident.
DESCRIPTIVE = frozenset({"Unidentified Armed Group"})

_W = r"[\w'-]+\W+"  # one word and what follows it

#: A claim made by the actor ("JNIM claimed", "l'EIGS a revendiqué") ...
_CLAIM_AFTER = re.compile(
    rf"^\W*(?:{_W}){{0,6}}?(?:claimed|claims|has claimed|took responsibility|"
    r"a revendique|ont revendique|revendique|revendiquent|a assume|s'est attribue)\b"
)
#: ... or about it ("claimed by the Islamic State", "revendiquée par le JNIM").
_CLAIM_BEFORE = re.compile(
    rf"(?:claimed by|claim by|claimed responsibility on behalf of|revendiquee?s? par|"
    rf"revendication d[eu]|revendication de l|"
    # "claimed on Sunday by", "revendiquée lundi par": a date or adverb between the verb and "by"
    rf"claimed\W+(?:{_W}){{1,3}}?by|revendiquee?s?\W+(?:{_W}){{1,3}}?par)\W+(?:{_W}){{0,2}}$"
)
#: A group saying its own men did it: "JNIM said in a statement that its fighters carried out the assault".
_CLAIM_SAID = re.compile(
    rf"^\W*(?:{_W}){{0,6}}?(?:said|says|announced|stated|a affirme|ont affirme|a annonce|ont annonce|affirme)\W+"
    rf"(?:{_W}){{0,6}}?(?:its|their|ses|leurs?)\s+(?:fighters|men|militants|combattants|hommes|elements|moudjahidines?)"
    r"\W+(?:had\s+|have\s+|avaient\s+|ont\s+|avait\s+)?(?:carried out|conducted|launched|staged|were behind|"
    r"mene|menee|conduit|perpetre|lance)\b"
    # "JNIM said in a statement that it had attacked the camp", "a affirmé qu'il avait attaqué"
    rf"|^\W*(?:{_W}){{0,6}}?(?:said|says|announced|stated|a affirme|ont affirme|a annonce|ont annonce)\W+"
    rf"(?:{_W}){{0,6}}?(?:that\s+|qu')?(?:it|they|il|ils|elle)\s+(?:had\s+|has\s+|have\s+|avait\s+|a\s+|avaient\s+|ont\s+)?"
    r"(?:attacked|carried out|conducted|launched|staged|was behind|were behind|attaque|mene|menee|conduit|perpetre)\b"
)
_LIVES = re.compile(r"\W*(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:lives|life)\b")
_DENY_AFTER = re.compile(
    rf"^\W*(?:{_W}){{0,6}}?(?:denied|denies|has denied|rejected responsibility|rejects|"
    r"a dementi|ont dementi|dement|dementent|a nie|ont nie|nie toute|rejette|a rejete|ont rejete)\b"
)
_SUSPECT_BEFORE = re.compile(
    rf"(?:suspected|alleged|presumed|presumably|believed to be|thought to be|blamed on|"
    rf"attributed to|blamed|accused|accuse|accusent|accusait|presumes?|presumees?|supposes?|"
    rf"soupconnes?|soupconnees?|attribuee?s? a|imputee?s? a|attribuee?s? aux?|imputee?s? aux?|"
    # "a imputé l'attaque à", "attributed the killings to": the verb, its object, then the author
    rf"(?:attribue|impute)\W+(?:{_W}){{1,2}}?(?:a|aux?)|attributed\W+(?:{_W}){{1,3}}?to|"
    # "the ministry described the assailants as terrorists of the so-called Islamic State", "présentés comme"
    rf"(?:described|identified)\W+(?:{_W}){{1,3}}?as\W+(?:{_W}){{0,2}}?(?:members?|fighters?|militants?|"
    rf"terrorists?|jihadists?|elements?)\W+(?:of|from)|(?:presentee?s?|decrite?s?|identifiee?s?)\W+(?:{_W}){{0,3}}?"
    rf"comme\W+(?:{_W}){{0,2}}?(?:membres?|combattants?|elements?|terroristes?|jihadistes?)\W+(?:de|du|des|d))"
    rf"\W+(?:{_W}){{0,3}}$"
)
_SUSPECT_AFTER = re.compile(
    r"^\W*(?:(?:are|were|is|was|sont|etaient|seraient)\s+)?(?:presumes?|presumees?|suspected|soupconnes?|"
    r"suspects?|supposes?|allegedly|presumably|"
    r"(?:was|were|is|are|has been|have been|a ete|ont ete|est|sont) (?:blamed|accused|accusee?s?|soupconnee?s?|"
    r"pointee?s? du doigt|tenue?s? pour responsables?))\b"
)
_SOURCE_BEFORE = re.compile(
    rf"(?:according to|selon|d'apres|told|interviewed|"
    # "..., ont rapporté des habitants": a French speaker after its verb
    rf"(?:ont|a|avaient|avait) (?:rapporte|raconte|indique|affirme|declare|temoigne|confie|explique|assure))"
    rf"\W+(?:{_W}){{0,3}}$"
)
_SOURCE_AFTER = re.compile(
    # "Residents of the area say", "des habitants de Djibo ont raconté"
    r"^\s*(?:(?:of|in|from|near|de|du|des|d')\s*(?:[\w'-]+\s+){1,3}?)?(?:[\w'-]+\s+){0,2}?"
    r"(?:said|say|says|told|reported|recounted|described|"
    r"ont (?:indique|declare|raconte|rapporte|affirme|confie|temoigne|explique)|"
    r"a (?:indique|declare|raconte|rapporte|affirme|confie|temoigne|explique)|interroges|contactes|joints)\b"
)


#: An aside right after the actor's name, between commas.
_APPOSITIVE = re.compile(r"^\s*,[^,;.]{1,140},")


def attribution(sentence: str, start: int, end: int) -> str:
    """How a sentence ties the actor at ``sentence[start:end]`` to what happened:
    "claimed", "denied", "suspected" or "stated"."""
    return _attribution(fold_text(sentence), start, end)[0]


def _attribution(folded: str, start: int, end: int) -> tuple[str, int | None]:
    """The attribution and, when it comes from a verb after the actor, where that verb ends."""
    before, inside, after = folded[:start], folded[start:end], folded[end:]
    after = _APPOSITIVE.sub(" ", after, count=1)  # "JNIM, formed last year by a merger, said it carried out"
    claim = _CLAIM_AFTER.search(after)
    if claim and _LIVES.match(after[claim.end() :]):
        claim = None  # "the attack claimed the lives of ten soldiers" is a toll
    if claim:
        return "claimed", end + claim.end()
    if _CLAIM_BEFORE.search(before):
        return "claimed", None
    said = _CLAIM_SAID.search(after)
    if said:
        return "claimed", end + said.end()
    deny = _DENY_AFTER.search(after)
    if deny:
        return "denied", end + deny.end()
    if (
        re.search(r"\b(?:suspected|alleged|presumed|presumes?|presumees?)\b", inside)
        or _SUSPECT_BEFORE.search(before[-80:])
        or _SUSPECT_AFTER.search(after)
    ):
        return "suspected", None
    return "stated", None


#: A sentence about a demonstration ...
_PROTEST = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|marched|sit-in|manifest\w*|rassembl\w*|"
                      r"march(?:e|ent|aient)|greve|strike)\b")
#: ... in which nobody is hurt: its students, traders and worshippers are protesters, not victims.
_HARM = re.compile(r"\b(?:kill\w*|dead|died|death|wound\w*|injur\w*|abduct\w*|kidnap\w*|attack\w*|shot|"
                   r"massacr\w*|tue\w*|morts?|blesse\w*|enlev\w*|attaqu\w*|execut\w*|assassin\w*)\b")


#: A prefix that makes a government's name a stance: "pro-Bamako", "anti-French".
_STANCE = re.compile(r"(?i)\b(?:pro|anti)[-\u2011 ]$")


def _only_protesting(folded_sentence: str) -> bool:
    return bool(_PROTEST.search(folded_sentence)) and not _HARM.search(folded_sentence)


def _is_source(folded: str, start: int, end: int) -> bool:
    return bool(_SOURCE_BEFORE.search(folded[:start][-60:]) or _SOURCE_AFTER.search(folded[end:]))


def find_actors(doc: Doc, document: Document) -> list[ActorMention]:
    """Every actor mention of ``doc`` with its canonical name, inter code and attribution.

    Generic forces without a country in their sentence take the report's
    country focus (title included); without one they are left out.
    """
    dictionary = actor_dictionary()
    spans = doc.spans.get(SPAN_KEY, [])
    bounds = sentence_bounds(doc)
    text = doc_text(doc)
    focus: list[str | None] = []
    mentions: list[tuple[ActorMention, int, int | None]] = []
    folded_sentences: dict[int, str] = {}
    for span in spans:
        name = span.label_
        if name.startswith("Government of ") and _STANCE.search(text, max(0, span.start_char - 5), span.start_char):
            continue  # "the pro-Bamako GATIA militia", "anti-French protests": a stance, not the government
        if "{country}" in name:
            if not focus:
                focus.append(country_focus(doc, title=document.title, dictionary=dictionary))
            if focus[0] is None:
                continue
            name = dictionary.format_generic(name, focus[0])
        name = _canonical(name, span.text, document)
        if name.startswith("Police Forces of ") and "gendarm" in fold_text(span.text):
            name = "Military Forces of " + name.removeprefix("Police Forces of ")  # gendarmes are soldiers
        sent_start, sent_end = next(((s, e) for s, e in bounds if s <= span.start_char < e), (0, len(text)))
        if sent_start not in folded_sentences:
            folded_sentences[sent_start] = fold_text(text[sent_start:sent_end])
        folded = folded_sentences[sent_start]
        start, end = span.start_char - sent_start, span.end_char - sent_start
        if name == "Civilians" and (_is_source(folded, start, end) or _only_protesting(folded)):
            continue
        if name.startswith("Military Forces of ") and "secur" in fold_text(span.text) and _PROTEST.search(folded):
            name = "Police Forces of " + name.removeprefix("Military Forces of ")  # "security forces" at a rally
        label, cue = _attribution(folded, start, end)
        if label == "suspected" and (_told_of_the_past(doc, sent_start, span.start_char, document)
                                     or _TREND.search(folded[:start])):
            label = "stated"  # "the massacre in March, which survivors blamed on X": history, not this report's news
        mention = ActorMention(
            name=name,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            actor_type=dictionary.inter_code(name),
            attribution=label,
        )
        mentions.append((mention, sent_start, None if cue is None else sent_start + cue))
    return sorted(_nearest_subject(mentions), key=lambda m: (m.start, m.end))


#: How long before the report an incident is history: its blame says nothing of the report's news.
PAST_DAYS = 30
#: A span of months or years before a blame: a trend's author ("depuis le début de l'année ... des attaques
#: attribuées à X", "in recent months, attacks blamed on X"), not the author of the report's incident.
_TREND = re.compile(
    r"\b(?:(?:depuis|since|over|during|in|for)\s+(?:le\s+debut\s+de\s+l['’]annee|the\s+(?:start|beginning)\s+of\s+"
    r"(?:the|this)\s+year|(?:the\s+)?(?:past|last|recent)\s+(?:few\s+|several\s+|\w+\s+)?(?:months|years)|"
    r"(?:plusieurs\s+|de\s+longs\s+)?mois|des\s+annees|plusieurs\s+annees)|"
    r"ces\s+derniers\s+mois|ces\s+dernieres\s+annees)\b")


def _told_of_the_past(doc: Doc, start: int, end: int, document: Document) -> bool:
    """Whether the last date of the sentence before the blamed actor (``start:end``) lies well before
    the report: "160 herders were killed in March, which survivors blamed on X".  A date after the
    actor ("dissoute après le massacre de mars") describes the actor, not what it is blamed for."""
    published = document.published
    span = doc.char_span(start, end, alignment_mode="contract")
    if published is None or span is None or len(span) == 0:
        return False
    dates = [d.date for d in find_dates(span, published)]
    return bool(dates) and dates[-1] is not None and (published - dates[-1]).days > PAST_DAYS


def _canonical(name: str, text: str, document: Document) -> str:
    """The scored name: "Military Forces of France" -> "Operation Barkhane"; an absorbed
    group's own name ("Ansar Dine") in reports from before it was absorbed."""
    dictionary = actor_dictionary()
    entry = dictionary.lookup(name)
    if entry is not None:
        name = entry.name
    if document.published is not None:
        older = dictionary.lookup(text, on=document.published)
        if older is not None and older.name != name and older.successor is not None:
            name = older.name
    return name


def _nearest_subject(found: list[tuple[ActorMention, int, int | None]]) -> list[ActorMention]:
    """A "claimed"/"denied" verb belongs to the nearest actor before it, not to every one."""
    owner: dict[int, int] = {}
    for index, (mention, _sentence, cue) in enumerate(found):
        if cue is not None:
            best = owner.get(cue)
            if best is None or found[best][0].end < mention.end:
                owner[cue] = index
    out = []
    for index, (mention, _sentence, cue) in enumerate(found):
        if cue is not None and owner[cue] != index:
            mention = dataclasses.replace(mention, attribution="stated")
        out.append(mention)
    return out


def report_actors(mentions: Sequence[ActorMention], events: Sequence[Event]) -> list[ActorMention]:
    """The actors a report names, given the incidents coded from it.

    Named actors are kept.  "Gunmen", "terrorists", "armed groups" are descriptions: a report "names"
    an Unidentified Armed Group only when it is a side of one of its incidents, not when the words
    describe fighters already named ("JNIM ... the attackers"), tolls ("50 assailants were killed") or
    background ("the fight against jihadist groups").  A side that no mention backs (an actor the
    coder supplied by convention) is added from the event's actor span.
    """
    sides = {name for e in events for name in (e.actor1, e.actor2) if name}
    kept = [m for m in mentions if m.name not in DESCRIPTIVE or m.name in sides]
    have = {m.name for m in kept}
    dictionary = actor_dictionary()
    for event in events:
        for field, name in (("actor1", event.actor1), ("actor2", event.actor2)):
            # every side of an incident is an actor of the report, also one the coder supplied by convention
            # ("Rioters" of a riot, "Civilians" of an abduction of "women")
            if name and name not in have:
                span = next((s for s in event.spans if s.field == field), None)
                start, end, text = (span.start, span.end, span.text) if span else (0, 0, "")
                kept.append(ActorMention(name=name, text=text, start=start, end=end,
                                         actor_type=dictionary.inter_code(name)))
                have.add(name)
    return sorted(kept, key=lambda m: (m.start, m.end))
