"""Quantified claims about actors: territory, force sizes, base withdrawals, tolls over periods.

A claim is anchored on a quantity in a sentence:

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
period and a source where the sentence gives them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitreps.events.quotes import SPEECH_VERBS
from sitreps.models import ActorMention, Claim


@functools.lru_cache(maxsize=2)
def _text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from the tokens on every access."""
    return doc.text


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Closed-class vocabulary of quantity sentences (qualifiers, counted nouns); number words come from
# the shared lexicon (knowledge/data/event_lexicon_numbers.tsv).
VAGUE = r"dozens|hundreds|thousands|scores|des\s+dizaines|des\s+centaines|des\s+milliers|une\s+(?:dizaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine)"
QUALIFIER = (
    r"more\s+than|over|nearly|almost|about|around|some|at\s+least|up\s+to|roughly|approximately|close\s+to|"
    r"as\s+many\s+as|fewer\s+than|less\s+than|an\s+estimated|plus\s+de|près\s+de|environ|quelque|au\s+moins|"
    r"jusqu['’]à|moins\s+de|pas\s+moins\s+de|quasiment|presque"
)
PERCENT = re.compile(r"(?i)^\s*(?:%|per\s*cent|percent|pour\s*cent)")
FORCE_SUFFIX = re.compile(
    r"(?i)^-(?:person|strong|member|man|men)\s+(?:[\w.]+\s+)?(?:force|forces|contingent|mission|army|unit|battalion|brigade)\b"
)
FORCE = _words(
    """
    troops soldiers fighters militants jihadists combatants members men personnel peacekeepers policemen
    officers gendarmes mercenaries recruits insurgents rebels forces terrorists assailants attackers gunmen
    soldats militaires combattants jihadistes djihadistes terroristes hommes éléments membres policiers
    gendarmes mercenaires recrues insurgés rebelles casques assaillants
    """
)
PLACES = _words("bases camps posts positions outposts garrisons localities emprises postes positions sites")
PEOPLE = _words(
    """
    people persons civilians villagers residents refugees hostages children women students peacekeepers
    soldiers troops fighters militants personnes civils villageois habitants réfugiés otages enfants femmes
    élèves casques soldats militaires combattants
    """
)
MULTIPLY = _words("doubled tripled quadrupled halved trebled doublé triplé quadruplé doublée triplée")
CHANGE = _words(
    """
    expanded increased grew rose risen surged jumped fell dropped declined decreased shrank augmenté
    progressé étendu accru baissé diminué chuté reculé bondi
    """
)
CASUALTY = {
    "killed": _words(
        """
        kill kills killed killing slaughter slaughtered slaughtering massacre massacred massacring murder
        murdered murdering execute executed executing tuer tué tués tuées massacré massacrés exécuté
        exécutés dead died deaths morts tué
        """
    ),
    "injured": _words("wound wounded wounding injure injured injuring blessé blessés blessées"),
    "abducted": _words(
        "abduct abducted abducting kidnap kidnapped kidnapping enlevé enlevés enlevées kidnappé kidnappés"
    ),
    "displaced": _words("displace displaced displacing déplacé déplacés déplacées fled flee forced"),
}
#: Inflection endings -> base-form endings, for verbs of LEAVE (no lemmatiser runs).
SUFFIXES = (
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
    ("ées", "er"),
    ("és", "er"),
    ("ée", "er"),
    ("é", "er"),
)
#: Verbs of leaving or handing over places, by their base form.
LEAVE = _words(
    "abandon leave close vacate evacuate quit withdraw hand cede transfer relinquish "
    "quitter fermer évacuer rétrocéder céder abandonner transférer remettre"
)
FRENCH_OUTCOME = {"killed": "tués", "injured": "blessés", "abducted": "enlevés", "displaced": "déplacés"}
TOTAL_CUES = re.compile(
    r"(?i)\b(?:claimed\s+the\s+lives|in\s+total|in\s+all|a\s+total\s+of|cumulative|deadliest|accused|blamed|"
    r"au\s+total|en\s+tout|accusé|accusés|imputé|bilan\s+global|le\s+plus\s+meurtrier)\b"
)
PERIOD = re.compile(
    r"(?i)\b(?:(?:in|within|over|during|en|dans)\s+(?:less|more|moins|plus)\s+(?:than\s+|d['’]\s*)(?:a|an|one|un|une|\w+)\s+"
    r"(?:years?|months?|weeks?|days?|decades?|ans?|années?|mois|semaines?|jours?)"
    r"|(?:in|over|during|within)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?)"
    r"|(?:in|over|within)\s+(?:\w+|\d+)\s+(?:years?|months?|weeks?)"
    r"|(?:en|dans)\s+(?:un|une|deux|trois|quatre|cinq|six|quelques|\d+)\s+(?:ans?|années?|mois|semaines?|jours?)"
    r"|since\s+(?:(?:the\s+)?(?:start|beginning|end)\s+of\s+)?(?:\w+\s+)?\d{4}"
    r"|depuis\s+(?:(?:le\s+)?(?:début|fin)\s+)?(?:\w+\s+)?\d{4}"
    r"|au\s+cours\s+des?\s+(?:\w+\s+){0,2}(?:ans|années|mois|semaines|jours)(?:\s+derni(?:ers|ères))?"
    r"|(?:this|last|past)\s+(?:year|month|week)|cette\s+année|l['’]an(?:née)?\s+derni(?:er|ère)"
    r"|(?:in|en)\s+\d{4}|between\s+\d{4}\s+and\s+\d{4}|entre\s+\d{4}\s+et\s+\d{4})\b"
)
BY_PERCENT = re.compile(
    r"(?i)\b(?:by|de)\s+(?:(?:more\s+than|nearly|about|plus\s+de|près\s+de)\s+)?\d+(?:[.,]\d+)?\s*(?:%|per\s*cent|percent|pour\s*cent)"
)
MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sept?|oct|nov|dec|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre"
)
DATE_AROUND = re.compile(
    rf"(?i)^\s*(?:{MONTHS})\b|^\s*(?:h|heures?|hours?|o['’]clock|ans?|years?\s+old|am|pm)\b"
)
DATE_BEFORE = re.compile(rf"(?i)\b(?:{MONTHS})\s*$")
SOURCE = re.compile(r"(?i)\b(?:according\s+to|selon|d['’]après)\s+(?P<src>[^,.;:()]+)")
DEADLINE = re.compile(
    r"(?i)\b(?:by|before|avant|d['’]ici)\s+(?:(?:the\s+)?end\s+of\s+|(?:la\s+)?fin\s+(?:de\s+|d['’]))?(?:le\s+|the\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?|(?:{MONTHS})|"
    r"(?:this|next|the)\s+year|l['’]année|\d{4})(?:,?\s+\d{4})?"
)
GENERIC_SUBJECTS = _words(
    """
    forces force troops soldiers mission peacekeepers group groups it they its their fighters militants army
    armée militaires soldats mission groupe groupes il ils elle elles casques forces
    """
)
#: A bare number of fighters below this is a detail of a story, not the size of a force.
MIN_FORCE = 100
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "il", "ils", "elle", "elles", "nous"})
CATCH_ALL = frozenset({"Unidentified Armed Group", "Civilians", "Protesters", "Rioters"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
REPORTING = SPEECH_VERBS | _words(
    "estimate estimated document documented find found show shows showed constate"
)


@dataclass
class _Anchor:
    start: int
    end: int
    quantity: str
    of: str
    kind: str  # "change", "force", "places", "share", "casualty"
    token: Token


def find_claims(doc: Doc, actors: Sequence[ActorMention]) -> list[Claim]:
    """The quantified claims of ``doc`` about the actors found in it."""
    mentions = sorted(actors, key=lambda m: m.start)
    claims: list[Claim] = []
    keys: dict[tuple[str | None, str, str], int] = {}
    for sent in _sentences(doc):
        for anchor in _anchors(doc, sent):
            period = _period(sent, anchor)
            found = _source(sent, anchor)
            source = found[0] if found else None
            if anchor.kind == "casualty" and not (period or TOTAL_CUES.search(sent.text)):
                continue  # one incident's toll: the event coder's business
            # An actor named as the source of a figure is not what the figure is about.
            pool = [m for m in mentions if not (found and found[1] <= m.start < found[2])]
            reporter = [m for m in mentions if m not in pool]
            subject = _subject(doc, sent, anchor, pool or mentions, reporter)
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
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text and tok.is_space:
                if tok.i > start:
                    out.append(doc[start : tok.i])
                start = tok.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return out


def _merge_key(anchor: _Anchor) -> str:
    words = anchor.quantity.split()
    return words[-1] if anchor.kind == "change" else f"{_number(anchor.quantity)}|{anchor.of.split()[0]}"


def _number(quantity: str) -> str:
    digits = re.sub(r"[^\d]", "", quantity)
    return digits or quantity


# --- anchors ---------------------------------------------------------------------------------------


def _anchors(doc: Doc, sent: Span) -> list[_Anchor]:
    found: list[_Anchor] = []
    for tok in sent:
        low = tok.lower_
        if low in MULTIPLY or (low in CHANGE and BY_PERCENT.search(_after(doc, tok))):
            found.append(_change_anchor(doc, tok))
    for match in _quantity_regex(doc.lang_).finditer(sent.text):
        start = sent.start_char + match.start()
        end = sent.start_char + match.end()
        if _is_date_or_part(doc, start, end):
            continue
        anchor = _count_anchor(doc, sent, match, start, end)
        if anchor is not None:
            found.append(anchor)
    return found


def _after(doc: Doc, tok: Token) -> str:
    return _text(doc)[tok.idx + len(tok.text) : tok.idx + len(tok.text) + 60].split("\n")[0]


def _change_anchor(doc: Doc, verb: Token) -> _Anchor:
    mods = [c for c in verb.children if c.dep_ == "advmod" and c.i < verb.i and c.i >= verb.i - 3]
    first = mods[0] if mods else verb
    quantity = _text(doc)[first.idx : verb.idx + len(verb.text)]
    by = BY_PERCENT.search(_after(doc, verb))
    if by:
        quantity = f"{quantity} {by.group(0).strip()}"
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None)
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}), None)
    of = _phrase(obj) if obj is not None else ""
    if obj is not None and obj.right_edge.i + 1 < len(doc):
        nxt = doc[obj.right_edge.i + 1]
        place = [
            t for t in nxt.children
            if any(w.text[:1].isupper() for w in t.subtree) and not any(w.ent_type_ == "DATE" for w in t.subtree)
        ]  # fmt: skip
        if nxt.lower_ in {"in", "en", "au", "dans"} and nxt.head.i == verb.i and place:
            words = _cut(place[0])
            of = f"{of} {nxt.text} {_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]}"
    return _Anchor(
        start=first.idx, end=verb.idx + len(verb.text), quantity=quantity, of=of, kind="change", token=verb
    )


def _phrase(noun: Token) -> str:
    """A noun phrase without its determiner or possessive, relative clauses and appositions."""
    toks: list[Token] = []
    for t in noun.subtree:
        if t.i > noun.i and (
            t.text in {",", "(", "—", "–", ";"} or t.dep_ in {"relcl", "acl", "appos", "acl:relcl"}
        ):
            break
        if t.i < noun.i and t.dep_ in {"det", "poss", "predet"}:
            continue
        toks.append(t)
    if not toks:
        return ""
    text = _text(noun.doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
    # A period is not part of what is counted ("territory in Mali in less than a year").
    return PERIOD.split(text)[0].strip(" ,")


def _is_date_or_part(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    if any(t.ent_type_ in {"DATE", "TIME", "ORDINAL", "MONEY"} for t in span):
        return True
    if DATE_AROUND.match(_text(doc)[end : end + 14]) or DATE_BEFORE.search(
        _text(doc)[max(0, start - 12) : start]
    ):
        return True
    return bool(re.fullmatch(r"(?:19|20)\d\d", _text(doc)[start:end].strip()))


def _count_anchor(doc: Doc, sent: Span, match: re.Match[str], start: int, end: int) -> _Anchor | None:
    text = _text(doc)
    rest = text[end : sent.end_char]
    num = match.group("num")
    qual = match.group("qual")
    if qual and qual.lower() == "over":
        particle = _token_at(doc, start)
        if particle is not None and (
            particle.dep_ in {"prt", "compound:prt"} or particle.i > 0 and particle.nbor(-1).lower_ in LEAVE
        ):
            qual = None  # "hand over nine camps": a particle, not "more than"
            start += len(match.group(0)) - len(match.group("num"))
    value = _normalise(num, doc.lang_)
    quantity = f"{qual} {value}" if qual else value
    if match.group("range"):
        low = re.split(r"\s+", match.group("range").strip())
        quantity = f"{low[0]} {_normalise(' '.join(low[1:-1]), doc.lang_)} {low[-1]} {value}"
    percent = PERCENT.match(rest)
    if percent:
        after = rest[percent.end() :]
        of = re.match(
            r"(?i)\s*(?:of|du|de\s+la|de\s+l['’]|des|de)\s+(?:the\s+|its\s+|their\s+|le\s+|la\s+)?([\w'’ -]{2,60})",
            after,
        )
        if not of:
            return None
        what = re.split(r"(?i)\s+(?:in|since|over|by|en|depuis|au|selon|according)\s+|,", of.group(1))[
            0
        ].strip()
        tok = _token_at(doc, end + percent.end() + of.start(1))
        if tok is None:
            return None
        return _Anchor(start=start, end=end, quantity=f"{quantity}%", of=what, kind="share", token=tok)
    if FORCE_SUFFIX.match(rest):
        tok = _token_at(doc, end + 1)
        return (
            None
            if tok is None
            else _Anchor(start=start, end=end, quantity=quantity, of="personnel", kind="force", token=tok)
        )
    noun = _counted_noun(doc, rest, end)
    if noun is None:
        return None
    word = noun.lower_
    kind = _casualty(noun)
    if kind is not None and (word in PEOPLE or word in FORCE):
        label = FRENCH_OUTCOME[kind] if _french(noun) else kind
        counted = f"{_force_name(noun) if word == 'casques' else word} {label}" + _locative(doc, noun)
        return _Anchor(start=start, end=end, quantity=quantity, of=counted, kind="casualty", token=noun)
    if word in FORCE or (word == "casques" and "bleus" in rest[:20]):
        if not (match.group("range") or _magnitude(value) >= MIN_FORCE):
            return None  # "the two men were arrested": people in a story, not a force's size
        return _Anchor(
            start=start, end=end, quantity=quantity, of=_force_name(noun), kind="force", token=noun
        )
    if word in PLACES:
        verb = _leave_verb(noun)
        if verb is None:
            return None
        counted = f"{word} {'à' if _french(noun) else 'to'} {verb}" + _deadline(doc, sent, noun)
        return _Anchor(start=start, end=end, quantity=quantity, of=counted, kind="places", token=noun)
    return None


#: Number words that are also articles or determiners ("a", "une", "both") are not read as numbers here.
NOT_NUMBERS = frozenset({"a", "an", "no", "single", "both", "zero", "un", "une", "aucun", "aucune"})


@functools.lru_cache(maxsize=4)
def _number_values(lang: str) -> dict[str, tuple[int, bool]]:
    """Number words -> (value, whether the word multiplies: hundred, mille)."""
    from sitreps.knowledge.lexicon import number_words

    return {
        word: (value, kind == "scale")
        for word, (value, kind) in number_words(lang).items()
        if kind in {"unit", "tens", "scale"} and word not in NOT_NUMBERS
    }


@functools.lru_cache(maxsize=4)
def _quantity_regex(lang: str) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _number_values(lang)), key=len, reverse=True))
    number = (
        rf"\d{{1,3}}(?:[,\u202f\u00a0 ]\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?|{VAGUE}|"
        rf"(?:an?\s+(?=hundred|thousand|million))?(?:{words})(?:(?:[\s-]+|\s+and\s+|\s+et\s+)(?:{words}))*"
    )
    return re.compile(
        rf"(?i)(?<![\w-])(?:(?P<range>(?:between|entre)\s+(?:{number})\s+(?:and|et)\s+)|(?P<qual>{QUALIFIER})\s+)?"
        rf"(?P<num>{number})(?![\w])"
    )


def _magnitude(value: str) -> int:
    """The size a written number stands for (vague amounts count as large)."""
    plain = re.sub(r"[,\s\u202f\u00a0]", "", value).split(".")[0]
    return int(plain) if plain.isdigit() else 10**6


def _normalise(num: str, lang: str) -> str:
    """Number words as digits ("three hundred" -> "300"); digits and vague amounts as written."""
    table = _number_values(lang)
    words = re.split(
        r"[\s-]+", re.sub(r"^an?\s+", "", num.lower()).replace(" and ", " ").replace(" et ", " ")
    )
    if num.lower() in table:
        words = [num.lower()]
    if not all(w in table for w in words):
        return num
    total = current = 0
    for w in words:
        value, scale = table[w]
        if not scale:
            current += value
        else:
            current = max(current, 1) * value
            if value >= 1000:
                total, current = total + current, 0
    return str(total + current)


def _token_at(doc: Doc, at: int) -> Token | None:
    span = doc.char_span(at, min(len(_text(doc)), at + 1), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _counted_noun(doc: Doc, rest: str, end: int) -> Token | None:
    """The noun a number counts: the first of the next few words that is one we count."""
    for match in re.finditer(r"[^\W\d][\w'’.-]*", rest[:60]):
        tok = _token_at(doc, end + match.start())
        if tok is None:
            return None
        low = tok.lower_
        if low in FORCE or low in PLACES or low in PEOPLE:
            return tok
        if low in {"of", "de", "d'", "in", "dans", "who", "qui", "and", "et", "were", "have", "ont", "sont"}:
            return None
    return None


def _casualty(noun: Token) -> str | None:
    """How a counted group of people fared: killed, injured, abducted, displaced."""
    near = [noun.head, *noun.children, *noun.head.children]
    if noun.head.dep_ == "prep":  # "the lives of N peacekeepers"
        near += [noun.head.head, noun.head.head.head]
    for tok in near:
        for kind, forms in CASUALTY.items():
            if tok.lower_ in forms:
                return kind
    if noun.head.lower_ == "of" and noun.head.head.lower_ == "lives":
        return "killed"
    return None


def _locative(doc: Doc, noun: Token) -> str:
    """A place phrase right after the counted noun or its verb ("in a single town")."""
    for tok in (noun, noun.head):
        for child in tok.children:
            if child.lower_ in {"in", "at", "dans", "à"} and child.i > noun.i:
                words = _cut(child)
                text = _text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
                if (
                    len(words) <= 5
                    and not PERIOD.match(text)
                    and not any(t.ent_type_ == "DATE" for t in words)
                ):
                    return " " + text
    return ""


def _cut(tok: Token) -> list[Token]:
    """A token's subtree up to the first comma or relative clause."""
    out: list[Token] = []
    for t in tok.subtree:
        if t.i > tok.i and (t.text in {",", ";", "(", "—", "–"} or t.dep_ in {"relcl", "acl:relcl", "appos"}):
            break
        out.append(t)
    return out


def _french(tok: Token) -> bool:
    return tok.doc.lang_ == "fr"


def _force_name(noun: Token) -> str:
    if noun.lower_ == "casques":
        return "casques bleus"
    return "personnel" if noun.lower_ in {"person", "personnel"} else noun.lower_


def _leave_verb(noun: Token) -> str | None:
    verb = noun.head
    if noun.dep_ not in {"dobj", "obj"}:
        return None
    base = _base(verb.lower_)
    if base not in LEAVE:
        return None
    particle = [c.text for c in verb.children if c.dep_ in {"prt", "compound:prt"}]
    return " ".join([base, *particle])


def _base(form: str) -> str:
    """The base form of a regular verb form (no lemmatiser runs)."""
    for suffix, repl in SUFFIXES:
        if form.endswith(suffix) and form[: -len(suffix)] + repl in LEAVE:
            return form[: -len(suffix)] + repl
        if form.endswith(suffix) and form[: -len(suffix)] + "e" in LEAVE:
            return form[: -len(suffix)] + "e"
    return form


def _deadline(doc: Doc, sent: Span, noun: Token) -> str:
    """ "by December 15", "d'ici le 31 décembre": the date places are to be left by."""
    match = DEADLINE.search(_text(doc), noun.idx, sent.end_char)
    return " " + match.group(0).strip() if match else ""


# --- period, source, subject -------------------------------------------------------------------------


def _period(sent: Span, anchor: _Anchor) -> str | None:
    """The span of time the quantity covers, nearest the anchor ("less than a year", "since 2013")."""
    best: tuple[int, str] | None = None
    for match in PERIOD.finditer(sent.text):
        at = sent.start_char + match.start()
        gap = abs(at - anchor.start)
        text = re.sub(r"(?i)^(?:in|within|over|during|en|dans)\s+", "", match.group(0))
        if best is None or gap < best[0]:
            best = (gap, text)
    return best[1] if best else None


def _source(sent: Span, anchor: _Anchor) -> tuple[str, int, int] | None:
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
        if head.lower_ in REPORTING and node.dep_ in {"ccomp", "parataxis", "advcl", "dep"}:
            subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.lower_ not in {"it", "il", "they", "ils", "which", "that"}:
                words = _cut(subj)
                return _phrase_with_det(subj), words[0].idx, words[-1].idx + len(words[-1].text)
        node, seen = head, seen + 1
    return None


def _phrase_with_det(noun: Token) -> str:
    words = _cut(noun)
    return _text(noun.doc)[words[0].idx : words[-1].idx + len(words[-1].text)].strip()


def _subject(
    doc: Doc, sent: Span, anchor: _Anchor, mentions: Sequence[ActorMention], reporter: list[ActorMention]
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
    if subj is not None and subj.lower_ in PRONOUNS and reporter:
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


def _overlaps(m: ActorMention, anchor: _Anchor) -> bool:
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
    return tok.lower_ in GENERIC_SUBJECTS


def _joint(doc: Doc, sent: Span, subj: Token, mentions: Sequence[ActorMention]) -> str | None:
    """ "The joint forces", "both", "les deux": the last pair of actors named together before."""
    words = {t.lower_ for t in subj.subtree}
    if not words & {"joint", "both", "two", "allied", "combined", "conjointes", "deux", "alliés"}:
        return None
    before = [m for m in mentions if m.end <= sent.start_char and sent.start_char - m.end < 1500]
    for first, second in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        gap = _text(doc)[first.end : second.start]
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


def _distance(doc: Doc, mention: ActorMention, anchor: _Anchor) -> int:
    return min(abs(mention.start - anchor.start), abs(mention.end - anchor.start))
