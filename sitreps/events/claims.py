"""Quantified claims about actors: territory, force sizes, base withdrawals, tolls over periods.

A claim is anchored on a quantity in a sentence (:mod:`claim_anchors`):

- a multiplying verb ("nearly doubled its territory", "a triplé") or a change
  by a percentage ("expanded by 40%", "a augmenté de 30 %");
- a number counting a noun of interest: a force ("some 1,000 fighters",
  "the 15,000-strong force", "15 000 casques bleus"), places held or handed
  over ("six bases to abandon by December 15"), a share ("60% of the
  territory"), or people killed, wounded, abducted or displaced when the
  sentence makes it a total (a period, "claimed the lives of", an accusation)
  rather than one incident's toll, which the event coder owns.

Each claim gets a subject (the actor the clause is about: an actor mention in
the clause subject or the quantity's own phrase, else the nearest one in the
sentence, else the actor the surrounding text is about), what is counted, a
period and a source where the sentence gives them (:mod:`claim_subjects`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from sitreps.events.claim_anchors import Anchor, find_anchors
from sitreps.events.claim_subjects import find_period, find_source, find_subject
from sitreps.models import ActorMention, Claim
from sitreps.nlp.segment import line_break_tokens

TOTAL_CUES = re.compile(
    r"(?i)\b(?:claimed\s+the\s+lives|in\s+total|in\s+all|a\s+total\s+of|cumulative|deadliest|accused|blamed|"
    r"au\s+total|en\s+tout|accusé|accusés|imputé|bilan\s+global|le\s+plus\s+meurtrier)\b"
)


def find_claims(doc: Doc, actors: Sequence[ActorMention]) -> list[Claim]:
    """The quantified claims of ``doc`` about the actors found in it."""
    mentions = sorted(actors, key=lambda m: m.start)
    claims: list[Claim] = []
    keys: dict[tuple[str | None, str, str], int] = {}
    for sent in _sentences(doc):
        for anchor in find_anchors(doc, sent):
            period = find_period(sent, anchor)
            found = find_source(sent, anchor)
            source = found[0] if found else None
            if anchor.kind == "casualty" and not (period or TOTAL_CUES.search(sent.text)):
                continue  # one incident's toll: the event coder's business
            # An actor named as the source of a figure is not what the figure is about.
            reporter = [m for m in mentions if found and found[1] <= m.start < found[2]]
            pool = [m for m in mentions if not (found and found[1] <= m.start < found[2])]
            subject = find_subject(doc, sent, anchor, pool or mentions, reporter)
            claim = Claim(
                subject=subject,
                quantity=anchor.quantity,
                of=anchor.of,
                period=period,
                source=source,
                evidence=sent.text.strip(),
                start=sent.start_char,
                end=sent.end_char,
            )
            key = (subject, anchor.kind, _merge_key(anchor))
            if key in keys:
                old = claims[keys[key]]
                claims[keys[key]] = Claim(
                    subject=old.subject, quantity=old.quantity, of=old.of,
                    period=old.period or period, source=old.source or source,
                    evidence=old.evidence, start=old.start, end=old.end,
                )  # fmt: skip
                continue
            keys[key] = len(claims)
            claims.append(claim)
    return claims


def _sentences(doc: Doc) -> list[Span]:
    """The parser's sentences, also cut at line breaks (paragraphs never share a sentence)."""
    out: list[Span] = []
    if not doc.has_annotation("SENT_START"):
        return [doc[:]] if len(doc) else []
    breaks = line_break_tokens(doc)
    for sent in doc.sents:
        start = sent.start
        for i in breaks[bisect.bisect_left(breaks, sent.start) : bisect.bisect_left(breaks, sent.end)]:
            if i > start:
                out.append(doc[start:i])
            start = i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return out


def _merge_key(anchor: Anchor) -> str:
    words = anchor.quantity.split()
    return words[-1] if anchor.kind == "change" else f"{_number(anchor.quantity)}|{anchor.of.split()[0]}"


def _number(quantity: str) -> str:
    digits = re.sub(r"[^\d]", "", quantity)
    return digits or quantity
