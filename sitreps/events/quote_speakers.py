"""Attribution: the speaker of each quotation.

The clause right after the closing mark, then the one before the opening mark,
is searched for a verb of saying, "according to" or an announcing colon; its
subject is the speaker, an apposition beside the name gives the affiliation.
A "he said" goes to the salient person before it, "the researcher" to the
person so described.  An unattributed quote takes the speaker of the previous
quote of its paragraph (or of a quote-only paragraph's predecessor).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from sitreps.events.quote_affiliation import affiliation_of, described_person
from sitreps.events.quote_marks import fold, para_of, sentence_stops
from sitreps.events.quote_persons import (
    SUBJECT_DEPS,
    Person,
    QuoteContext,
    Speaker,
    in_quote,
    person_at,
    tokens_between,
    topic_before,
)
from sitreps.knowledge.speech import speech_verbs, speech_words

#: Prepositional attributions: "according to X", "selon X", "d'après X".
ACCORDING = re.compile(r"\b(?:according\s+to|selon|d['’]apr[eè]s)\s+", re.IGNORECASE)
INVERTED_DEPS = frozenset(
    {"dobj", "obj", "attr", "appos", "npadvmod", "oprd", "dep", "obl", "obl:arg", "obl:mod"}
)
ANONYMITY = re.compile(r"(?i)\s+(?:sous\s+couvert|on\s+condition|who\s+asked|qui\s+a\s+requis|requesting)\b")


def attribution_windows(
    ctx: QuoteContext, index: int, paras: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Character windows where a quotation's attribution may be: after it, then before it."""
    text = ctx.text
    quote = ctx.quotes[index]
    last = quote.segments[-1]
    first = quote.segments[0]
    last_para = para_of(paras, last.open_at)
    first_para = para_of(paras, first.open_at)
    next_open = ctx.quotes[index + 1].open_at if index + 1 < len(ctx.quotes) else len(text)
    post_limit = min(paras[last_para][1], next_open)
    post_start = min(last.close_at + 1, post_limit)
    post_end = (
        (sentence_stops(text, post_start, post_limit) or [post_limit])[0] if last.closed else post_start
    )
    prev_close = ctx.quotes[index - 1].close_at + 1 if index > 0 else 0
    pre_floor = max(paras[first_para][0], prev_close)
    pre_start = ([pre_floor] + sentence_stops(text, pre_floor, first.open_at))[-1]
    windows = [(post_start, post_end, "post"), (pre_start, first.open_at, "pre")]
    return [(*quote.gap, "gap"), *windows] if quote.gap else windows


def attribute(ctx: QuoteContext, start: int, end: int, *, near: int | None = None) -> Speaker | None:
    """The speaker named in an attribution window, if the window holds one.

    ``near`` limits where the verb of saying (or "according to") may sit to the
    first ``near`` tokens of the window: after a quotation the attribution
    follows it at once ("...," said X / "..." X added), while a verb further on
    belongs to another clause.
    """
    text = ctx.text
    if end <= start:
        return None
    tokens = [t for t in tokens_between(ctx.doc, start, end) if not in_quote(ctx, t.idx)]
    # After a quotation the verb comes first; before one, the verb closest to it governs it.
    verb_zone = tokens[:near] if near is not None else tokens[::-1]
    zone_end = max((t.idx + len(t.text) for t in verb_zone), default=start)
    match = ACCORDING.search(text, start, max(start, zone_end))
    if match and not in_quote(ctx, match.start()):
        return _speaker_from_chars(ctx, match.end(), end)
    for tok in verb_zone:
        if tok.lower_ not in speech_verbs():
            continue
        if not _verb_like(tok):
            continue  # "the United States", "a report": the word, not the verb
        speaker = _speaker_of_verb(ctx, tok, start, end)
        if speaker is not None:
            return speaker
    if near is None and text[start:end].rstrip().endswith(":") and tokens:
        # "The minister was blunt: “...”": the subject of the clause that announces the quote.
        subject = next((t for t in tokens if t.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return _speaker_from_token(ctx, subject, start, end)
    return None


def _verb_like(tok: Token) -> bool:
    verbal = {
        "ROOT",
        "ccomp",
        "conj",
        "parataxis",
        "relcl",
        "advcl",
        "xcomp",
        "acl",
        "pcomp",
        "acl:relcl",
        "dep",
    }
    return tok.dep_ in verbal or any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _speaker_of_verb(ctx: QuoteContext, verb: Token, start: int, end: int) -> Speaker | None:
    def inside(t: Token) -> bool:
        return start <= t.idx < end and not in_quote(ctx, t.idx)

    candidates = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and inside(c)]
    for child in verb.children:
        if child.dep_ in INVERTED_DEPS and child.i > verb.i and inside(child):
            # "told Reuters" / "a déclaré à l'AFP un responsable": the recipient is not the speaker,
            # though the parser may hang the speaker from it as an apposition.
            if any(c.dep_ == "case" and c.lower_ in {"à", "au", "aux", "to"} for c in child.children):
                candidates += [c for c in child.children if c.dep_ == "appos" and inside(c)]
            else:
                candidates.append(child)
    # A participle or a coordinated verb shares the subject of the verb it hangs from
    # ("issued a statement expressing ...", "highlighted X and noted that ...").
    node, hops = verb, 0
    while not candidates and hops < 3 and node.head.i != node.i and node.dep_ not in {"ccomp", "parataxis"}:
        node, hops = node.head, hops + 1
        candidates = [
            c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i and not in_quote(ctx, c.idx)
        ]
    for cand in candidates:
        speaker = _speaker_from_token(ctx, cand, min(start, cand.left_edge.idx), end)
        if speaker is not None:
            return speaker
    # The parser may attach the speaker elsewhere: take the first name or pronoun near the verb.
    lo, hi = max(start, verb.idx - 120), min(end, verb.idx + 160)
    for person in ctx.persons:
        if lo <= person.start < hi and not in_quote(ctx, person.start):
            return _speaker_for_person(ctx, person, start, end)
    for tok in tokens_between(ctx.doc, lo, hi):
        if tok.lower_ in speech_words("he_she") and not in_quote(ctx, tok.idx):
            return _pronoun(ctx, tok.idx)
    return None


def _speaker_from_token(ctx: QuoteContext, tok: Token, start: int, end: int) -> Speaker | None:
    if tok.lower_ in speech_words("he_she"):
        return _pronoun(ctx, tok.idx)
    if tok.lower_ == "-t":
        return None
    if tok.lower_ in speech_words("relative") and tok.head.dep_ in {"relcl", "acl:relcl"}:
        tok = tok.head.head
    span = [t for t in tok.subtree if start <= t.idx < end and not in_quote(ctx, t.idx)]
    if not span:
        return None
    a, b = span[0].idx, span[-1].idx + len(span[-1].text)
    person = person_at(ctx, a, b)
    if person is not None:
        return _speaker_for_person(ctx, person, start, end)
    if tok.lower_ in {"they", "ils", "elles", "we", "nous", "i", "je", "it", "you", "one", "on"}:
        return None
    words = _noun_phrase(tok, start, end)
    if re.match(r"(?i)(?:the|le|la|l['’])\s*\S+$", words):
        described = described_person(ctx, fold(tok.text), tok.idx)
        if described is not None:
            return _known(ctx, described)
    return Speaker(name=words, affiliation=None) if words else None


def _noun_phrase(tok: Token, start: int, end: int) -> str:
    """A compact noun phrase for a non-person speaker ("the army", "le ministère de la Défense")."""
    # without a parse (a blank pipeline) spaCy's subtree reads unset edges: it can crash the process
    tree = tok.subtree if tok.doc.has_annotation("DEP") else tok.doc[tok.i : tok.i + 10]
    keep = [t for t in tree if start <= t.idx < end]
    out: list[Token] = []
    for t in keep:
        if t.i > tok.i and (
            t.text in {",", "(", "—", "–"} or t.dep_ in {"relcl", "acl", "appos", "acl:relcl"}
        ):
            break
        out.append(t)
    out = out[:10]
    if not out:
        return ""
    words = ANONYMITY.split(text_of(out))[0]
    return words.strip(" ,") if any(c.isalpha() for c in words) else ""


def text_of(tokens: list[Token]) -> str:
    """The document text a run of tokens covers."""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _speaker_from_chars(ctx: QuoteContext, start: int, end: int) -> Speaker | None:
    """The speaker right after "according to" / "selon"."""
    for person in ctx.persons:
        if start <= person.start < min(end, start + 60):
            return _speaker_for_person(ctx, person, start, end)
    toks = tokens_between(ctx.doc, start, end)
    if not toks:
        return None
    if toks[0].lower_ in {"him", "her", "lui", "elle"}:
        return _pronoun(ctx, toks[0].idx)  # "according to him", "selon lui"
    head = toks[0]
    while head.head.i != head.i and start <= head.head.idx < end and head.head.i <= toks[0].i + 8:
        if head.head.lower_ in speech_verbs() or head.head.dep_ == "ROOT" and head.head.i > toks[0].i + 8:
            break
        head = head.head
    words = _noun_phrase(head, start, end)
    return Speaker(name=words, affiliation=None) if words else None


def _pronoun(ctx: QuoteContext, at: int) -> Speaker | None:
    person = topic_before(ctx, at)
    if person is None:
        return None
    return _known(ctx, person)


def _known(ctx: QuoteContext, person: Person) -> Speaker:
    """A person named earlier, with the affiliation given where they were introduced."""
    if person.name not in ctx.affiliations:
        for mention in ctx.persons:
            if mention.name == person.name:
                found = affiliation_of(ctx, mention, max(0, mention.start - 160), mention.end + 240)
                if found:
                    ctx.affiliations[person.name] = found
                    break
    return Speaker(name=person.name, affiliation=ctx.affiliations.get(person.name))


def _speaker_for_person(ctx: QuoteContext, person: Person, start: int, end: int) -> Speaker:
    affiliation = affiliation_of(ctx, person, start, end) or ctx.affiliations.get(person.name)
    if affiliation and person.name not in ctx.affiliations:
        ctx.affiliations[person.name] = affiliation
    return Speaker(name=person.name, affiliation=affiliation)


def inherit_speaker(
    ctx: QuoteContext, index: int, speakers: list[Speaker | None], paras: list[tuple[int, int]]
) -> Speaker | None:
    """The speaker of an unattributed quotation, taken from its neighbours."""
    text = ctx.text
    quote = ctx.quotes[index]
    para = para_of(paras, quote.open_at)
    for k in range(index - 1, -1, -1):
        prev = ctx.quotes[k]
        if para_of(paras, prev.close_at) != para:
            break
        if speakers[k] is not None:
            return speakers[k]
    p_start = paras[para][0]
    opens_paragraph = text[p_start : quote.open_at].strip() == ""
    if opens_paragraph and para > 0:
        prev_text = text[paras[para - 1][0] : paras[para - 1][1]].rstrip()
        if prev_text.endswith(":"):
            speaker = attribute(ctx, paras[para - 1][0], paras[para - 1][1])
            if speaker is not None:
                return speaker
        if index > 0 and para_of(paras, ctx.quotes[index - 1].close_at) == para - 1 and speakers[index - 1]:
            return speakers[index - 1]
        topic = topic_before(ctx, quote.open_at)
        if topic is not None and topic.start >= paras[para - 1][0]:
            return _known(ctx, topic)
    return None
