"""What a quantified claim is about and where it comes from: subject, period and source.

The subject is the actor the clause is about: an actor mention in the
quantity's own phrase or the clause subject, else the nearest one in the
sentence, else the actor the surrounding text is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from sitreps.events.claim_anchors import PERIOD, Anchor, cut_phrase
from sitreps.knowledge.speech import claim_words, reporting_verbs
from sitreps.models import ActorMention
from sitreps.nlp.segment import doc_text

SOURCE = re.compile(r"(?i)\b(?:according\s+to|selon|d['’]après)\s+(?P<src>[^,.;:()]+)")
CATCH_ALL = frozenset({"Unidentified Armed Group", "Civilians", "Protesters", "Rioters"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})


def find_period(sent: Span, anchor: Anchor) -> str | None:
    """The span of time the quantity covers, nearest the anchor ("less than a year", "since 2013")."""
    best: tuple[int, str] | None = None
    for match in PERIOD.finditer(sent.text):
        at = sent.start_char + match.start()
        gap = abs(at - anchor.start)
        text = re.sub(r"(?i)^(?:in|within|over|during|en|dans)\s+", "", match.group(0))
        if best is None or gap < best[0]:
            best = (gap, text)
    return best[1] if best else None


def find_source(sent: Span, anchor: Anchor) -> tuple[str, int, int] | None:
    """Who the sentence says the figure comes from ("according to HRW", "a panel of UN experts claim")."""
    match = SOURCE.search(sent.text)
    if match:
        src = match.group("src")
        start = sent.start_char + match.start("src")
        return src.strip(), start, start + len(src)
    node: Token | None = anchor.token
    seen = 0
    while node is not None and seen < 8:
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in {"relcl", "acl:relcl", "acl"}:
            break
        if head.lower_ in reporting_verbs() and node.dep_ in {"ccomp", "parataxis", "advcl", "dep"}:
            subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.lower_ not in {"it", "il", "they", "ils", "which", "that"}:
                words = cut_phrase(subj)
                return _phrase_with_det(subj), words[0].idx, words[-1].idx + len(words[-1].text)
        node, seen = head, seen + 1
    return None


def _phrase_with_det(noun: Token) -> str:
    words = cut_phrase(noun)
    return doc_text(noun.doc)[words[0].idx : words[-1].idx + len(words[-1].text)].strip()


def find_subject(
    doc: Doc, sent: Span, anchor: Anchor, mentions: Sequence[ActorMention], reporter: list[ActorMention]
) -> str | None:
    """The actor a quantity is about (``reporter``: the actors the figure is attributed to)."""
    here = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
    # 1. An actor in the quantity's own phrase ("the 15,000-strong force MINUSMA", "1,000 ISGS fighters").
    phrase = _np_of(anchor.token) if anchor.kind != "change" else (anchor.start, anchor.start)
    inside = [m for m in here if phrase[0] <= m.start < phrase[1] and not _overlaps(m, anchor)]
    if inside and anchor.kind not in {"casualty", "change"}:
        return _names(inside)
    # The victims are what is counted, not whom the claim is about.
    if anchor.kind == "casualty":
        victims = _np_of(anchor.token)
        here = [m for m in here if not victims[0] <= m.start < victims[1]] or here
        agent = _agent(anchor.token)
        if agent is not None:
            named = [m for m in here if agent[0] <= m.start < agent[1]]
            if named:
                return _names(_specific(named))
    # 2. The clause subject, when it names an actor as its head.
    subj = _clause_subject(anchor.token)
    if subj is not None and subj.lower_ in claim_words("pronoun") and reporter:
        return _names(_specific(reporter))  # "the army said it had killed ..."
    weak: list[ActorMention] = []
    if subj is not None:
        if subj.lower_ in {"which", "who", "that", "qui"} and subj.head.dep_ in {"relcl", "acl:relcl"}:
            subj = subj.head.head
        lo, hi = _np_of(subj)
        named = [m for m in here if lo <= m.start < hi]
        strong = [m for m in named if not _modifier_only(doc, m)]
        if strong:
            return _names(_specific(strong + [m for m in named if m not in strong]))
        weak = named
        if not named and _generic(subj):
            joint = _joint(doc, sent, subj, mentions)
            if joint:
                return joint
            topic = _topic(doc, sent, mentions)
            if topic:
                return topic
    # 3. The nearest actor of the sentence that heads its phrase, then any.
    heads = [m for m in here if not _modifier_only(doc, m)]
    specific = [m for m in here if m.name not in CATCH_ALL]
    for pool in ([m for m in heads if m in specific], specific, heads, weak, here):
        if pool:
            return min(pool, key=lambda m: _distance(doc, m, anchor)).name
    # 4. The sentence subject's own words ("the conflict"); for a pronoun or a bare "the forces",
    #    the actor the text around is about.
    if subj is not None and not _generic(subj) and subj.lower_ not in {"which", "who", "that", "qui"}:
        return _phrase_with_det(subj)
    return _topic(doc, sent, mentions)


def _specific(mentions: list[ActorMention]) -> list[ActorMention]:
    """Named actors before catch-all labels ("the jihadists of ISGS" is about ISGS)."""
    named = [m for m in mentions if m.name not in CATCH_ALL]
    return named[:1] if named and len(named) < len(mentions) else mentions


def _agent(tok: Token) -> tuple[int, int] | None:
    """The bounds of the "by X" / "par X" agent of the verb a counted noun depends on."""
    for verb in (tok.head, tok.head.head):
        for child in verb.children:
            if child.dep_ == "agent" or (child.lower_ in {"by", "par"} and child.dep_ in {"prep", "case"}):
                target = next(iter(child.children), None) if child.dep_ != "case" else child.head
                if target is not None and target.i != verb.i:
                    return _np_of(target)
            if child.dep_ in {"obl:agent"}:
                return _np_of(child)
    return None


def _overlaps(m: ActorMention, anchor: Anchor) -> bool:
    return m.start < anchor.end and anchor.start < m.end


def _names(mentions: Sequence[ActorMention]) -> str:
    names: list[str] = []
    for m in mentions:
        if m.name not in names:
            names.append(m.name)
    return "; ".join(names)


def _np_of(tok: Token) -> tuple[int, int]:
    """Character bounds of a token's noun phrase, without its relative clauses."""
    skip: set[int] = set()
    for t in tok.subtree:
        if t.dep_ in {"relcl", "acl:relcl"} and t.i != tok.i:
            skip.update(x.i for x in t.subtree)
    toks = [t for t in tok.subtree if t.i not in skip] or [tok]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _clause_subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(10):
        subj = next((c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i != tok.i), None)
        if subj is not None and node.i != tok.i:
            return subj
        if node.head.i == node.i:
            return subj
        node = node.head
    return None


def _modifier_only(doc: Doc, mention: ActorMention) -> bool:
    """An actor named only as a modifier of another noun ("the U.N. panel", "Wagner operatives")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (
        root.dep_ in {"compound", "amod", "nmod", "poss", "nummod"}
        and not span.start <= root.head.i < span.end
    )


def _generic(tok: Token) -> bool:
    return tok.lower_ in claim_words("generic_subject")


def _joint(doc: Doc, sent: Span, subj: Token, mentions: Sequence[ActorMention]) -> str | None:
    """ "The joint forces", "both", "les deux": the last pair of actors named together before."""
    words = {t.lower_ for t in subj.subtree}
    if not words & {"joint", "both", "two", "allied", "combined", "conjointes", "deux", "alliés"}:
        return None
    before = [m for m in mentions if m.end <= sent.start_char and sent.start_char - m.end < 1500]
    for first, second in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        gap = doc_text(doc)[first.end : second.start]
        if re.fullmatch(r"(?i)\s*(?:,|and|et|,\s*and)\s*", gap) and first.name != second.name:
            return f"{first.name}; {second.name}"
    return None


def _topic(doc: Doc, sent: Span, mentions: Sequence[ActorMention]) -> str | None:
    """The actor the preceding text is mostly about (head mentions, recent ones weigh more)."""
    window = [m for m in mentions if sent.start_char - 1200 <= m.start < sent.start_char]
    scores: dict[str, float] = {}
    for m in window:
        if _modifier_only(doc, m):
            continue
        recency = 1.0 - (sent.start_char - m.start) / 2400
        scores[m.name] = scores.get(m.name, 0.0) + recency
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: kv[1])[0]


def _distance(doc: Doc, mention: ActorMention, anchor: Anchor) -> int:
    return min(abs(mention.start - anchor.start), abs(mention.end - anchor.start))
