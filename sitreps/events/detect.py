"""Find the incident mentions of a document, clause by clause, with the event lexicon.

A mention is a clause (a sentence, or a part of one cut at ";" or a line break) holding at least one
trigger phrase, with the context cues a coder reads around it: is it a forecast, a summary, background,
a reference back to an incident already reported ("the attack", "l'attaque")?
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc

from sitreps.knowledge import lexicon
from sitreps.nlp.segment import doc_text, sentence_bounds

_QUOTED = re.compile(r"“[^”]{8,}?”|«[^»]{8,}?»|\"[^\"\n]{8,}?\"")
#: Cues that make a clause without a trigger part of an incident ("the attack was claimed by ...").
ATTACHING = {"claim_verb", "blame_verb", "intervention", "excessive_force", "toll_update"}
_CLAUSE_CUT = re.compile(r";|\n+|(?<=\S)\s[-–•]\s(?=[A-ZÀ-Ý])")
#: Triggers that name an incident by themselves; KILL alone needs a toll or a target to count.
WEAK = {"KILL", "INJURE"}


@dataclass(frozen=True, kw_only=True)
class Hit:
    """One trigger phrase in a text."""

    label: str
    weight: int
    start: int
    end: int
    text: str

    @property
    def strong(self) -> bool:
        """A trigger that names an incident by itself."""
        return self.label not in WEAK and self.weight >= 2


@dataclass(frozen=True, kw_only=True)
class Mention:
    """A clause that reports (or refers to) an incident."""

    index: int  # clause number in the document
    sent_start: int  # the sentence the clause belongs to
    sent_end: int
    start: int
    end: int
    text: str
    hits: tuple[Hit, ...]
    cues: frozenset[str]
    headline: bool = False
    full_start: int | None = None  # a part of a clause split by place: the whole clause
    full_end: int | None = None

    @functools.cached_property
    def labels(self) -> frozenset[str]:
        return frozenset(h.label for h in self.hits)

    @property
    def strong(self) -> bool:
        return any(h.strong for h in self.hits)


#: An act still planned when the report speaks of it: "terrorists preparing an ambush", "qui préparaient une attaque".
_PLANNED = re.compile(
    r"\b(?:preparing|planning|plotting|preparaient|preparait|preparant|planifiaient|projetaient|"
    r"s'appretaient a (?:lancer|mener|commettre))\s+(?:(?:an?|une?|des|d'|new|another|nouvelles?|autres?)\s*){0,2}$"
)


#: An earlier act a clause gives as the start of a state of affairs: "(the embassy, guarded by soldiers) since
#: protesters set fire to its door", "depuis que des manifestants ont incendié".
_SINCE = re.compile(r"\b(?:since\s+|depuis qu(?:e\s+|'))(?:[\w'-]+\s+){0,4}$")


def _aside(folded: str, start: int) -> bool:
    """Whether the words before ``start`` make what follows an act planned, or one long past."""
    return bool(_PLANNED.search(folded, max(0, start - 48), start) or _SINCE.search(folded, max(0, start - 48), start))


def find_hits(text: str, lang: str, offset: int = 0) -> list[Hit]:
    """The trigger phrases of ``text``, overlapping ones resolved to the heaviest, then the longest; an act
    the text says was still being prepared is none, nor one it gives as the start of a state of affairs."""
    folded = lexicon.fold(text)
    present = lexicon.text_heads(folded)
    found: list[Hit] = []
    for trigger in lexicon.triggers(lang):
        if trigger.heads.isdisjoint(present):
            continue
        for m in trigger.regex.finditer(folded):
            if _aside(folded, m.start()):
                continue
            found.append(
                Hit(label=trigger.label, weight=trigger.weight, start=offset + m.start(), end=offset + m.end(),
                    text=text[m.start() : m.end()])
            )
    found.sort(key=lambda h: (-h.weight, -(h.end - h.start), h.start))
    kept: list[Hit] = []
    for hit in found:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def find_cues(text: str, lang: str, only: Collection[str] | None = None) -> frozenset[str]:
    """The cues of ``text`` (those of ``only`` when given)."""
    folded = lexicon.fold(text)
    present = lexicon.text_heads(folded)
    heads = lexicon.cue_heads(lang)
    return frozenset(name for name, regex in lexicon.cues(lang).items()
                     if (only is None or name in only) and not heads[name].isdisjoint(present)
                     and any(not _aside(folded, m.start()) for m in regex.finditer(folded)))


def clauses(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(sentence start, sentence end, clause start, clause end) character offsets of every clause."""
    text = doc_text(doc)
    out = []
    for s_start, s_end in sentence_bounds(doc):
        pos = s_start
        for cut in _CLAUSE_CUT.finditer(text, s_start, s_end):
            if cut.start() > pos:
                out.append((s_start, s_end, pos, cut.start()))
            pos = cut.end()
        if pos < s_end:
            out.append((s_start, s_end, pos, s_end))
    return [c for c in out if text[c[2] : c[3]].strip()]


def headline_end(text: str) -> int:
    """Where the report's headline ends (0 when it has none): a short first line without a full stop."""
    first, newline, rest = text.partition("\n")
    stripped = first.strip()
    if not newline or not rest.strip() or len(stripped) > 200 or stripped.endswith((".", "!", "?")):
        return 0
    return len(first)


def find_mentions(doc: Doc, lang: str) -> list[Mention]:
    """Every clause of ``doc`` that holds a trigger phrase (outside quotations), in text order.

    Clauses that only attribute an incident ("claimed responsibility") come too, without hits.
    """
    full = doc_text(doc)
    say = lexicon.cues(lang).get("say_verb")
    quoted = []
    for m in _QUOTED.finditer(full):
        after = lexicon.fold(full[m.end() : m.end() + 30]).replace(",", " ").split()[:2]
        spoken = say is not None and any(say.fullmatch(w) for w in after)
        if len(m.group().split()) >= 8 or spoken:
            quoted.append((m.start(), m.end()))  # a statement quoted: commentary, not the report's account
    head = headline_end(full)
    mentions = []
    for index, (s_start, s_end, start, end) in enumerate(clauses(doc)):
        text = full[start:end]
        hits = [h for h in find_hits(text, lang, start) if not any(a <= h.start < b for a, b in quoted)]
        if not hits and not find_cues(text, lang, ATTACHING):
            continue
        cues = find_cues(text, lang)
        mentions.append(
            Mention(index=index, sent_start=s_start, sent_end=s_end, start=start, end=end, text=text,
                    hits=tuple(hits), cues=cues, headline=start < head)
        )
    if any(not m.headline and m.hits for m in mentions):
        mentions = [m for m in mentions if not m.headline]
    return mentions
