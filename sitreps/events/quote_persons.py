"""The people a text names outside its quotations: the speakers a quotation can be attributed to.

Person names (titles stripped) form a registry keyed by surname, so "Keita
said" resolves to the full name even where NER mislabels it; a person who is a
clause subject, or follows "according to" / "selon", is salient: the
antecedent of a later "he said" / "a-t-il dit".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitreps.events.quote_marks import RawQuote, fold
from sitreps.knowledge.speech import titles

PERSON_LABELS = frozenset({"PERSON", "PER"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl:subj"})


@dataclass
class Person:
    name: str
    start: int
    end: int
    salient: bool


@dataclass
class QuoteContext:
    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    quotes: list[RawQuote]
    inside: list[tuple[int, int]]
    persons: list[Person] = field(default_factory=list)
    affiliations: dict[str, str] = field(default_factory=dict)


@dataclass
class Speaker:
    name: str | None
    affiliation: str | None


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


def _clean_name(words: list[str]) -> str:
    """A person's name without leading titles, ranks and units."""
    cut = 0
    for k, word in enumerate(words[:-1]):
        if fold(word).rstrip(".") in titles():
            cut = k + 1
    name = " ".join(words[cut:]).strip(" ,;:")
    return re.sub(r"[’']s$", "", name)


def _surname(name: str) -> str:
    return fold(name.split()[-1]) if name.split() else ""


def in_quote(ctx: QuoteContext, start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    return any(a <= start and end <= b + 1 for a, b in ctx.inside)


def collect_persons(ctx: QuoteContext) -> None:
    doc, text = ctx.doc, ctx.text
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and not in_quote(ctx, ent.start_char, ent.end_char):
            name = _clean_name(ent.text.split())
            if name and name[0].isupper() or name.startswith(("de ", "van ", "von ", "al-", "ag ")):
                found.append((ent.start_char, ent.end_char, name))
    full = [n for _, _, n in found if len(n.split()) >= 2]
    surnames = {_surname(n) for n in full if len(_surname(n)) >= 3}
    folded = fold(text)
    for sur in surnames:
        pattern = re.compile(r"(?<![\w-])" + re.escape(sur) + r"(?![\w-])")
        for match in pattern.finditer(folded):
            a, b = match.start(), match.end()
            if text[a].isupper() and not in_quote(ctx, a, b) and not any(s <= a < e for s, e, _ in found):
                found.append((a, b, text[a:b]))
    found.sort()
    for a, b, name in found:
        resolved = _resolve_name(name, a, full_names=[(s, n) for s, _, n in found if len(n.split()) >= 2])
        ctx.persons.append(Person(name=resolved, start=a, end=b, salient=_salient(doc, text, a, b)))


def _resolve_name(name: str, at: int, *, full_names: list[tuple[int, str]]) -> str:
    """A bare or partial name ("Keita", "de Melo") expanded to the full name it abbreviates."""
    words = fold(name).split()

    def longer(full: str) -> bool:
        other = fold(full).split()
        return len(other) > len(words) and other[-len(words) :] == words

    before = [n for s, n in full_names if s < at and longer(n)]
    after = [n for s, n in full_names if s > at and longer(n)]
    if before:
        return before[-1]
    if after and len(words) < 2:
        return after[0]
    return name


def _salient(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether a name is a clause subject or follows "according to" / "selon"."""
    if re.search(
        r"(?:according\s+to|selon|d['’]apr[eè]s|by|par)\s+$", text[max(0, start - 16) : start], re.I
    ):
        return True  # the source of a statement, or the agent of "was condemned by X"
    for tok in tokens_between(doc, start, end):
        node = tok
        for _ in range(4):
            if node.dep_ in SUBJECT_DEPS:
                return True
            if (
                node.dep_ not in {"compound", "flat", "flat:name", "punct", "appos", "nmod"}
                or node.head is node
            ):
                break
            node = node.head
    return False


def person_at(ctx: QuoteContext, start: int, end: int) -> Person | None:
    for person in ctx.persons:
        if start <= person.start < end or person.start <= start < person.end:
            return person
    return None


def topic_before(ctx: QuoteContext, at: int) -> Person | None:
    """The person a "he" / "she" at ``at`` refers to: the latest one who was a subject (or a source),
    else, close by, the latest one named at all."""
    before = [p for p in ctx.persons if p.end <= at]
    salient = [p for p in before if p.salient]
    if salient:
        return salient[-1]
    return before[-1] if before and at - before[-1].end < 400 else None
