"""Direct quotations, their speakers and the speakers' affiliations.

1. Quotation marks (curly, straight, low-9, single curly, guillemets with or
   without inner spaces) are paired paragraph by paragraph; a paragraph that
   leaves a quote open is continued by the next one when that opens with a mark
   (the news convention for long quotes), else the quote stops at the
   paragraph's end.  Halves split by an attribution ("The army," he said, "has
   left.") are joined.
2. Person names outside quotes (titles stripped) form a registry keyed by
   surname, so "Keita said" resolves to the full name even where NER
   mislabels it; a person who is a clause subject, or follows "according
   to" / "selon", becomes the antecedent of a later "he said" / "a-t-il dit";
   "the researcher" / "le chercheur" goes back to the person so described.
3. The clause right after the closing mark, then the one before the opening
   mark, is searched for a verb of saying, "according to" or an announcing
   colon; its subject is the speaker, an apposition beside the name gives the
   affiliation.  An unattributed quote takes the speaker of the previous quote
   of its paragraph (or of a quote-only paragraph's predecessor).

Quotes under four words (scare quotes, titles) are kept only when attributed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitreps.models import Quote


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Closed-class lexicon (verbs of saying, titles, pronouns): grammar of the
# attribution sentence rather than domain data, so it lives with the code.
SPEECH_VERBS = _words(
    """
    say says said saying tell tells told add adds added explain explains explained stress stresses stressed
    emphasize emphasizes emphasized emphasise emphasises emphasised assert asserts asserted conjecture
    conjectured surmise surmised note notes noted warn warns warned argue argues argued insist insists
    insisted claim claims claimed state states stated declare declares declared remark remarked comment
    commented write writes wrote acknowledge acknowledged admit admitted recall recalled continue continued
    conclude concluded observe observed highlight highlighted caution cautioned complain complained lament
    lamented announce announced confirm confirmed deny denied reply replied respond responded answer
    answered ask asked urge urged describe described call calls called estimate estimated predict predicted
    suggest suggested maintain maintained contend contended testify testified tweet tweeted post posted
    report reported affirm affirmed allege alleged express expressed expressing concede conceded agree
    agreed point pointed mused quip quipped recount recounted shout shouted cried whisper whispered dit dire
    déclaré déclare déclarait indiqué indique indiquait affirmé affirme affirmait ajouté ajoute ajoutait
    expliqué explique expliquait souligné souligne précisé précise estimé estime assuré assure confié confie
    raconté raconte racontait témoigné témoigne martelé martèle insisté insiste rappelé rappelle annoncé
    annonce dénoncé dénonce prévenu prévient averti avertit lancé lance poursuivi poursuit conclu conclut
    regretté regrette déploré déplore confirmé confirme démenti dément écrit écrivait commenté commente
    observé observe noté note relevé relève reconnu reconnaît admis admet jugé juge tranché tranche réagi
    réagit fustigé fustige soutenu soutient répondu répond résumé résume glissé glisse lâché lâche clamé
    clame signalé signale qualifié qualifie qualifiant dubbed branded calling describing vow vowed pledge
    pledged promise promised threaten threatened reveal revealed accuse accused blame blamed promis promet
    menacé menace révélé révèle accusé accuse
    """
)
#: Prepositional attributions: "according to X", "selon X", "d'après X".
ACCORDING = re.compile(r"\b(?:according\s+to|selon|d['’]apr[eè]s)\s+", re.IGNORECASE)
TITLES = _words(
    """
    mr mrs ms miss dr prof professor gen general lt lieutenant col colonel maj major capt captain cpt sgt
    sergeant adm admiral cmdr commander president vice ambassador minister sen senator rep gov governor
    retired ret former sheikh imam cheikh father rev reverend judge mayor chief spokesman spokeswoman
    spokesperson m mme mlle général commandant capitaine président présidente ministre docteur maître me
    lieutenant-colonel adjudant sergent chef caporal abbé porte-parole maire juge préfet gouverneur
    """
)
HE_SHE = frozenset({"he", "she", "il", "elle", "-il", "-elle", "-t-il", "-t-elle"})
RELATIVE = frozenset({"which", "who", "that", "qui", "lequel", "laquelle"})
PERSON_LABELS = frozenset({"PERSON", "PER"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl:subj"})
INVERTED_DEPS = frozenset(
    {"dobj", "obj", "attr", "appos", "npadvmod", "oprd", "dep", "obl", "obl:arg", "obl:mod"}
)
AFFILIATION_PREP = re.compile(
    r"\b(?:of|at|for|with|from|de|du|des|d['’]|à|au|aux|auprès de)(?:\s+|(?<=['’]))", re.IGNORECASE
)
#: Nouns that make an uncapitalised phrase an institution ("the army", "l'armée").
INSTITUTIONS = _words(
    """
    army armee military police gendarmerie government gouvernement ministry ministere mission association
    organisation organization ngo ong council conseil commission agency agence institute institut university
    universite centre center group groupe office bureau party parti union coalition movement mouvement front
    forces committee comite network reseau foundation fondation navy marine junta junte presidency
    presidence embassy ambassade
    """
)
#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr gov sen rep st jr sr no mt ft ltd inc co corp vs
    etc m mme mlle cf dept fig approx est
    """
)
ABBREVIATION = re.compile(
    r"(?:\b(?i:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")|\b[A-Za-z]|\.[A-Za-z])$"
)
ANONYMITY = re.compile(r"(?i)\s+(?:sous\s+couvert|on\s+condition|who\s+asked|qui\s+a\s+requis|requesting)\b")
#: Opening mark -> closing marks.
PAIRS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‘": "’"}
MIN_WORDS = 4
#: How many tokens after a closing mark the verb of a trailing attribution may be.
POST_NEAR = 8


@dataclass
class _Segment:
    open_at: int  # offset of the opening mark
    close_at: int  # offset of the closing mark (or of the paragraph end when unclosed)
    closed: bool


@dataclass
class _RawQuote:
    segments: list[_Segment]
    gap: tuple[int, int] | None = None  # the attribution between the halves of a split quote

    @property
    def open_at(self) -> int:
        return self.segments[0].open_at

    @property
    def close_at(self) -> int:
        return self.segments[-1].close_at


@dataclass
class _Person:
    name: str
    start: int
    end: int
    salient: bool


@dataclass
class _Context:
    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    quotes: list[_RawQuote]
    inside: list[tuple[int, int]]
    persons: list[_Person] = field(default_factory=list)
    affiliations: dict[str, str] = field(default_factory=dict)


def fold(text: str) -> str:
    """Lower-cased, accent-free text, one character for one (offsets stay valid)."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    low = base.lower()
    return low if len(low) == 1 else char


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[_Segment], _Segment | None]:
    """Closed quotation segments of a paragraph, and the unclosed one if any."""
    segments: list[_Segment] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in PAIRS and (ch not in '"‘' or _opens_straight(text, i, start)):
            closers = PAIRS[ch]
            j = i + 1
            depth = 0
            while j < end:
                cj = text[j]
                if ch == "«" and cj == "«":
                    depth += 1
                elif cj in closers and (ch != "‘" or j + 1 == end or not text[j + 1].isalpha()):
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            if j >= end and ch == "‘":
                i += 1  # an apostrophe-like mark never closed: not a quotation
                continue
            if j >= end:
                return segments, _Segment(open_at=i, close_at=end, closed=False)
            segments.append(_Segment(open_at=i, close_at=j, closed=True))
            i = j + 1
            continue
        i += 1
    return segments, None


def _opens_straight(text: str, i: int, para_start: int) -> bool:
    """A straight or single quote opens when not glued to the word before it."""
    return i == para_start or not text[i - 1].isalnum()


def _find_spans(text: str) -> list[_RawQuote]:
    quotes: list[_RawQuote] = []
    pending: _RawQuote | None = None
    for start, end in _paragraphs(text):
        first = start
        while first < end and text[first].isspace():
            first += 1
        segments, unclosed = _scan_paragraph(text, start, end)
        if pending is not None:
            opening = [seg for seg in [*segments[:1], unclosed] if seg is not None and seg.open_at == first]
            if opening:
                head = opening[0]
                if head is not unclosed:
                    segments.pop(0)
                pending.segments.append(head)
                if head is unclosed:
                    unclosed = None
                    continue  # still open: carries on into the next paragraph
                quotes.append(pending)
                pending = None
            else:
                quotes.append(pending)
                pending = None
        quotes.extend(_RawQuote(segments=[s]) for s in segments)
        if unclosed is not None:
            pending = _RawQuote(segments=[unclosed])
    if pending is not None:
        quotes.append(pending)
    quotes.sort(key=lambda q: q.open_at)
    return quotes


def _join_split(text: str, quotes: list[_RawQuote]) -> list[_RawQuote]:
    """One quote from halves around an attribution: "The army," he said, "has left us."."""
    out: list[_RawQuote] = []
    for quote in quotes:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.segments) == 1
            and len(quote.segments) == 1
            and prev.segments[0].closed
        ):
            a, b = prev.close_at + 1, quote.open_at
            body = text[quote.open_at + 1 : quote.open_at + 4].lstrip()
            gap = text[a:b]
            joined = text[prev.open_at : prev.close_at].rstrip().endswith(",") or gap.lstrip().startswith(",")
            if (
                joined
                and gap.rstrip().endswith(",")
                and len(gap) < 80
                and "\n" not in gap
                and body[:1].islower()
            ):
                out[-1] = _RawQuote(segments=[prev.segments[0], quote.segments[0]], gap=(a, b))
                continue
        out.append(quote)
    return out


def _content(text: str, seg: _Segment) -> tuple[int, int]:
    """The quoted words: no marks, no padding, no comma handing over to the attribution."""
    a, b = seg.open_at + 1, seg.close_at
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


def _clean_name(words: list[str]) -> str:
    """A person's name without leading titles, ranks and units."""
    cut = 0
    for k, word in enumerate(words[:-1]):
        if fold(word).rstrip(".") in TITLES:
            cut = k + 1
    name = " ".join(words[cut:]).strip(" ,;:")
    return re.sub(r"[’']s$", "", name)


def _surname(name: str) -> str:
    return fold(name.split()[-1]) if name.split() else ""


def _in_quote(ctx: _Context, start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    return any(a <= start and end <= b + 1 for a, b in ctx.inside)


def _collect_persons(ctx: _Context) -> None:
    doc, text = ctx.doc, ctx.text
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS and not _in_quote(ctx, ent.start_char, ent.end_char):
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
            if text[a].isupper() and not _in_quote(ctx, a, b) and not any(s <= a < e for s, e, _ in found):
                found.append((a, b, text[a:b]))
    found.sort()
    for a, b, name in found:
        resolved = _resolve_name(name, a, full_names=[(s, n) for s, _, n in found if len(n.split()) >= 2])
        ctx.persons.append(_Person(name=resolved, start=a, end=b, salient=_salient(doc, text, a, b)))


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
    for tok in _tokens(doc, start, end):
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


def _person_at(ctx: _Context, start: int, end: int) -> _Person | None:
    for person in ctx.persons:
        if start <= person.start < end or person.start <= start < person.end:
            return person
    return None


def _topic_before(ctx: _Context, at: int) -> _Person | None:
    """The person a "he" / "she" at ``at`` refers to: the latest one who was a subject (or a source),
    else, close by, the latest one named at all."""
    before = [p for p in ctx.persons if p.end <= at]
    salient = [p for p in before if p.salient]
    if salient:
        return salient[-1]
    return before[-1] if before and at - before[-1].end < 400 else None


def _stops(text: str, start: int, end: int) -> list[int]:
    """Offsets just after the sentence-final marks of ``text[start:end]`` (abbreviations skipped)."""
    return [
        start + m.end()
        for m in re.finditer(r"[.!?](?=\s|$)", text[start:end])
        if text[start + m.start()] != "."
        or not ABBREVIATION.search(text[max(0, start + m.start() - 6) : start + m.start()])
    ]


def _windows(ctx: _Context, index: int, paras: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Character windows where a quotation's attribution may be: after it, then before it."""
    text = ctx.text
    quote = ctx.quotes[index]
    last = quote.segments[-1]
    first = quote.segments[0]
    last_para = _para_of(paras, last.open_at)
    first_para = _para_of(paras, first.open_at)
    next_open = ctx.quotes[index + 1].open_at if index + 1 < len(ctx.quotes) else len(text)
    post_limit = min(paras[last_para][1], next_open)
    post_start = min(last.close_at + 1, post_limit)
    post_end = (_stops(text, post_start, post_limit) or [post_limit])[0] if last.closed else post_start
    prev_close = ctx.quotes[index - 1].close_at + 1 if index > 0 else 0
    pre_floor = max(paras[first_para][0], prev_close)
    pre_start = ([pre_floor] + _stops(text, pre_floor, first.open_at))[-1]
    windows = [(post_start, post_end, "post"), (pre_start, first.open_at, "pre")]
    return [(*quote.gap, "gap"), *windows] if quote.gap else windows


def _para_of(paras: list[tuple[int, int]], at: int) -> int:
    for k, (a, b) in enumerate(paras):
        if a <= at <= b:
            return k
    return len(paras) - 1


@dataclass
class _Speaker:
    name: str | None
    affiliation: str | None


def _attribute(ctx: _Context, start: int, end: int, *, near: int | None = None) -> _Speaker | None:
    """The speaker named in an attribution window, if the window holds one.

    ``near`` limits where the verb of saying (or "according to") may sit to the
    first ``near`` tokens of the window: after a quotation the attribution
    follows it at once ("...," said X / "..." X added), while a verb further on
    belongs to another clause.
    """
    text = ctx.text
    if end <= start:
        return None
    tokens = [t for t in _tokens(ctx.doc, start, end) if not _in_quote(ctx, t.idx)]
    # After a quotation the verb comes first; before one, the verb closest to it governs it.
    verb_zone = tokens[:near] if near is not None else tokens[::-1]
    zone_end = max((t.idx + len(t.text) for t in verb_zone), default=start)
    match = ACCORDING.search(text, start, max(start, zone_end))
    if match and not _in_quote(ctx, match.start()):
        return _speaker_from_chars(ctx, match.end(), end)
    for tok in verb_zone:
        if tok.lower_ not in SPEECH_VERBS:
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


def _speaker_of_verb(ctx: _Context, verb: Token, start: int, end: int) -> _Speaker | None:
    def inside(t: Token) -> bool:
        return start <= t.idx < end and not _in_quote(ctx, t.idx)

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
            c for c in node.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i and not _in_quote(ctx, c.idx)
        ]
    for cand in candidates:
        speaker = _speaker_from_token(ctx, cand, min(start, cand.left_edge.idx), end)
        if speaker is not None:
            return speaker
    # The parser may attach the speaker elsewhere: take the first name or pronoun near the verb.
    lo, hi = max(start, verb.idx - 120), min(end, verb.idx + 160)
    for person in ctx.persons:
        if lo <= person.start < hi and not _in_quote(ctx, person.start):
            return _speaker_for_person(ctx, person, start, end)
    for tok in _tokens(ctx.doc, lo, hi):
        if tok.lower_ in HE_SHE and not _in_quote(ctx, tok.idx):
            return _pronoun(ctx, tok.idx)
    return None


def _speaker_from_token(ctx: _Context, tok: Token, start: int, end: int) -> _Speaker | None:
    if tok.lower_ in HE_SHE:
        return _pronoun(ctx, tok.idx)
    if tok.lower_ == "-t":
        return None
    if tok.lower_ in RELATIVE and tok.head.dep_ in {"relcl", "acl:relcl"}:
        tok = tok.head.head
    span = [t for t in tok.subtree if start <= t.idx < end and not _in_quote(ctx, t.idx)]
    if not span:
        return None
    a, b = span[0].idx, span[-1].idx + len(span[-1].text)
    person = _person_at(ctx, a, b)
    if person is not None:
        return _speaker_for_person(ctx, person, start, end)
    if tok.lower_ in {"they", "ils", "elles", "we", "nous", "i", "je", "it", "you", "one", "on"}:
        return None
    words = _noun_phrase(tok, start, end)
    if re.match(r"(?i)(?:the|le|la|l['’])\s*\S+$", words):
        described = _described(ctx, fold(tok.text), tok.idx)
        if described is not None:
            return _known(ctx, described)
    return _Speaker(name=words, affiliation=None) if words else None


def _noun_phrase(tok: Token, start: int, end: int) -> str:
    """A compact noun phrase for a non-person speaker ("the army", "le ministère de la Défense")."""
    keep = [t for t in tok.subtree if start <= t.idx < end]
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


def _speaker_from_chars(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The speaker right after "according to" / "selon"."""
    for person in ctx.persons:
        if start <= person.start < min(end, start + 60):
            return _speaker_for_person(ctx, person, start, end)
    toks = _tokens(ctx.doc, start, end)
    if not toks:
        return None
    if toks[0].lower_ in {"him", "her", "lui", "elle"}:
        return _pronoun(ctx, toks[0].idx)  # "according to him", "selon lui"
    head = toks[0]
    while head.head.i != head.i and start <= head.head.idx < end and head.head.i <= toks[0].i + 8:
        if head.head.lower_ in SPEECH_VERBS or head.head.dep_ == "ROOT" and head.head.i > toks[0].i + 8:
            break
        head = head.head
    words = _noun_phrase(head, start, end)
    return _Speaker(name=words, affiliation=None) if words else None


def _pronoun(ctx: _Context, at: int) -> _Speaker | None:
    person = _topic_before(ctx, at)
    if person is None:
        return None
    return _known(ctx, person)


def _known(ctx: _Context, person: _Person) -> _Speaker:
    """A person named earlier, with the affiliation given where they were introduced."""
    if person.name not in ctx.affiliations:
        for mention in ctx.persons:
            if mention.name == person.name:
                found = _affiliation(ctx, mention, max(0, mention.start - 160), mention.end + 240)
                if found:
                    ctx.affiliations[person.name] = found
                    break
    return _Speaker(name=person.name, affiliation=ctx.affiliations.get(person.name))


def _speaker_for_person(ctx: _Context, person: _Person, start: int, end: int) -> _Speaker:
    affiliation = _affiliation(ctx, person, start, end) or ctx.affiliations.get(person.name)
    if affiliation and person.name not in ctx.affiliations:
        ctx.affiliations[person.name] = affiliation
    return _Speaker(name=person.name, affiliation=affiliation)


def _appositions(ctx: _Context, person: _Person, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Descriptions next to a name: ``(start, end, opens_with_preposition)``.

    After the name: ", now chief executive of X," / " of X" / " (X)".  Before
    it: "le porte-parole de l'armée, le colonel X" / "Army spokesman X".
    """
    text = ctx.text
    found: list[tuple[int, int, bool]] = []
    lead = re.compile(r"\s*(?:,|\(|(?=\b(?:of|from|at|de|du)\b))").match(
        text, person.end, max(person.end, end)
    )
    if lead:
        k = lead.end()
        stop = end
        for match in re.finditer(r"[,);“”«»\"]|\.(?=\s|$)", text[k:end]):
            at = k + match.start()
            if text[at] == "." and ABBREVIATION.search(text[max(0, at - 6) : at]):
                continue
            stop = at
            break
        opener = text[person.end : lead.end()].strip()
        found.append((k, stop, opener not in {",", "("}))
    before = text[max(start, person.start - 120) : person.start]
    role = re.search(r"([^,.;“”«»\"]*?)[,\s]*(?:the\s+|le\s+|la\s+)?[\w.\- ]{0,30}$", before)
    if role and role.group(1).strip():
        a = person.start - len(before) + role.start(1)
        found.append((a, a + len(role.group(1)), False))
    return found


def _affiliation(ctx: _Context, person: _Person, start: int, end: int) -> str | None:
    """The organisation (or country) an apposition next to the name ties the person to."""
    for a, b, leading_prep in _appositions(ctx, person, start, end):
        found = _organisation(ctx, a, b, leading_prep=leading_prep)
        if found:
            return found
    return None


def _described(ctx: _Context, noun: str, at: int) -> _Person | None:
    """The person an earlier apposition described with ``noun`` ("the researcher" -> X, a researcher)."""
    for person in reversed([p for p in ctx.persons if p.end <= at and at - p.end < 2000]):
        for a, b, _ in _appositions(ctx, person, max(0, person.start - 160), person.end + 200):
            if noun in fold(ctx.text[a:b]).replace("’", "'").split():
                return person
    return None


def _organisation(ctx: _Context, a: int, b: int, *, leading_prep: bool) -> str | None:
    """The organisation or country named in an apposition ``text[a:b]``."""
    text = ctx.text
    segment = text[a:b]
    ents = [e for e in ctx.doc.ents if a <= e.start_char and e.end_char <= b]
    prep = re.match(r"\s*", segment) if leading_prep else AFFILIATION_PREP.search(segment)
    if prep:
        for ent in ents:
            if ent.start_char < a + prep.start() or ent.label_ not in {"ORG", "GPE", "FAC", "LOC"}:
                continue
            role = fold(text[a : a + prep.start()]).split()
            # A town names where someone lives ("a trader from Gao"), not whom they work for,
            # unless a title ties them to it ("the mayor of Gao", "ambassador of France").
            if ent.label_ in {"GPE", "LOC"} and not (role and role[-1].rstrip(".") in TITLES):
                continue
            return _strip_article(ent.text)
    head = re.match(r"\s*(?:the\s+)?", segment)
    for ent in ents:
        at_head = head is not None and ent.start_char == a + head.end()
        if at_head and ent.label_ in {"ORG", "GPE", "NORP", "LOC"} and text[ent.end_char] != "-":
            return _strip_article(ent.text)
    if prep:
        phrase = re.split(r"\s+(?:and|et|who|qui|where|où)\s+", segment[prep.end() :])[0].strip(" ,")
        words = phrase.split()
        place = any(
            e.label_ in {"GPE", "LOC"} and _strip_article(e.text) == _strip_article(phrase) for e in ents
        )
        if (
            words
            and len(words) <= 6
            and not place
            and (
                any(w[0].isupper() for w in words) or any(fold(w).strip("l'’") in INSTITUTIONS for w in words)
            )
        ):
            return _strip_article(phrase)
    return None


def _strip_article(name: str) -> str:
    stripped = re.sub(r"^(?:the\s+|l['’]|la\s+|le\s+|les\s+)", "", name.strip(" ,"))
    return stripped or name


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def _titlecase(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.5


def find_quotes(doc: Doc) -> list[Quote]:
    """The direct quotations of ``doc``, in text order, with speaker and affiliation."""
    text = doc.text
    raw = _join_split(text, _find_spans(text))
    if not raw:
        return []
    inside = [(s.open_at, s.close_at) for q in raw for s in q.segments]
    ctx = _Context(doc=doc, text=text, quotes=raw, inside=inside)
    _collect_persons(ctx)
    paras = _paragraphs(text)
    speakers: list[_Speaker | None] = []
    for index in range(len(raw)):
        speaker = None
        for a, b, where in _windows(ctx, index, paras):
            speaker = _attribute(ctx, a, b, near=POST_NEAR if where == "post" else None)
            if speaker is not None:
                break
        speakers.append(speaker or _inherit(ctx, index, speakers, paras))
    # "The assailants, "more than a hundred men", were "neutralised", the ministry said.": an
    # unattributed quote shares the attribution of a later quote of the same sentence.
    for index in range(len(raw) - 2, -1, -1):
        gap = (raw[index].close_at + 1, raw[index + 1].open_at)
        if speakers[index] is None and "\n" not in text[gap[0] : gap[1]] and not _stops(text, *gap):
            speakers[index] = speakers[index + 1]
    results: list[Quote] = []
    for quote, speaker in zip(raw, speakers, strict=True):
        pieces = [_content(text, seg) for seg in quote.segments]
        body = " ".join(text[a:b] for a, b in pieces).strip()
        if not any(c.isalpha() for c in body):
            continue
        if speaker is None and (_word_count(body) < MIN_WORDS or _titlecase(body)):
            continue
        results.append(
            Quote(
                speaker=speaker.name if speaker else None,
                affiliation=speaker.affiliation if speaker else None,
                text=body,
                start=pieces[0][0],
                end=pieces[-1][1],
            )
        )
    return results


def _inherit(
    ctx: _Context, index: int, speakers: list[_Speaker | None], paras: list[tuple[int, int]]
) -> _Speaker | None:
    """The speaker of an unattributed quotation, taken from its neighbours."""
    text = ctx.text
    quote = ctx.quotes[index]
    para = _para_of(paras, quote.open_at)
    for k in range(index - 1, -1, -1):
        prev = ctx.quotes[k]
        if _para_of(paras, prev.close_at) != para:
            break
        if speakers[k] is not None:
            return speakers[k]
    p_start = paras[para][0]
    opens_paragraph = text[p_start : quote.open_at].strip() == ""
    if opens_paragraph and para > 0:
        prev_text = text[paras[para - 1][0] : paras[para - 1][1]].rstrip()
        if prev_text.endswith(":"):
            speaker = _attribute(ctx, paras[para - 1][0], paras[para - 1][1])
            if speaker is not None:
                return speaker
        if index > 0 and _para_of(paras, ctx.quotes[index - 1].close_at) == para - 1 and speakers[index - 1]:
            return speakers[index - 1]
        topic = _topic_before(ctx, quote.open_at)
        if topic is not None and topic.start >= paras[para - 1][0]:
            return _known(ctx, topic)
    return None
