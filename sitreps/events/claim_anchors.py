"""Anchors of quantified claims: the quantities of a sentence and what each one counts.

A multiplying verb ("nearly doubled its territory", "a triplé") or a change by
a percentage ("expanded by 40%"); a number counting a force ("some 1,000
fighters", "the 15,000-strong force"), places held or handed over ("six bases
to abandon by December 15"), a share ("60% of the territory") or people killed,
wounded, abducted or displaced.  The counted nouns and verbs are
``knowledge/data/claims_lexicon.tsv``; number words come from the event lexicon.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitreps.knowledge.speech import casualty_words, claim_words
from sitreps.nlp.segment import doc_lowers, doc_text

# Grammar of quantity phrases (qualifiers, vague amounts); the counted nouns and verbs are in
# knowledge/data/claims_lexicon.tsv, number words in knowledge/data/event_lexicon_numbers.tsv.
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
#: Inflection endings -> base-form endings, for the verbs of the "leave" list (no lemmatiser runs).
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
FRENCH_OUTCOME = {"killed": "tués", "injured": "blessés", "abducted": "enlevés", "displaced": "déplacés"}
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
DEADLINE = re.compile(
    r"(?i)\b(?:by|before|avant|d['’]ici)\s+(?:(?:the\s+)?end\s+of\s+|(?:la\s+)?fin\s+(?:de\s+|d['’]))?(?:le\s+|the\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?|(?:{MONTHS})|"
    r"(?:this|next|the)\s+year|l['’]année|\d{4})(?:,?\s+\d{4})?"
)
#: A bare number of fighters below this is a detail of a story, not the size of a force.
MIN_FORCE = 100


@dataclass
class Anchor:
    start: int
    end: int
    quantity: str
    of: str
    kind: str  # "change", "force", "places", "share", "casualty"
    token: Token


def find_anchors(doc: Doc, sent: Span) -> list[Anchor]:
    found: list[Anchor] = []
    multiply, change = claim_words("multiply"), claim_words("change")
    for i, low in enumerate(doc_lowers(doc)[sent.start : sent.end], sent.start):
        if low in multiply or (low in change and BY_PERCENT.search(_after(doc, doc[i]))):
            found.append(_change_anchor(doc, doc[i]))
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
    return doc_text(doc)[tok.idx + len(tok.text) : tok.idx + len(tok.text) + 60].split("\n")[0]


def _change_anchor(doc: Doc, verb: Token) -> Anchor:
    mods = [c for c in verb.children if c.dep_ == "advmod" and c.i < verb.i and c.i >= verb.i - 3]
    first = mods[0] if mods else verb
    quantity = doc_text(doc)[first.idx : verb.idx + len(verb.text)]
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
            words = cut_phrase(place[0])
            of = f"{of} {nxt.text} {doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]}"
    return Anchor(
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
    text = doc_text(noun.doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
    # A period is not part of what is counted ("territory in Mali in less than a year").
    return PERIOD.split(text)[0].strip(" ,")


def _is_date_or_part(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    if any(t.ent_type_ in {"DATE", "TIME", "ORDINAL", "MONEY"} for t in span):
        return True
    if DATE_AROUND.match(doc_text(doc)[end : end + 14]) or DATE_BEFORE.search(
        doc_text(doc)[max(0, start - 12) : start]
    ):
        return True
    return bool(re.fullmatch(r"(?:19|20)\d\d", doc_text(doc)[start:end].strip()))


def _count_anchor(doc: Doc, sent: Span, match: re.Match[str], start: int, end: int) -> Anchor | None:
    text = doc_text(doc)
    rest = text[end : sent.end_char]
    num = match.group("num")
    qual = match.group("qual")
    if qual and qual.lower() == "over":
        particle = _token_at(doc, start)
        if particle is not None and (
            particle.dep_ in {"prt", "compound:prt"}
            or particle.i > 0
            and particle.nbor(-1).lower_ in claim_words("leave")
        ):
            qual = None  # "hand over nine camps": a particle, not "more than"
            start += len(match.group(0)) - len(match.group("num"))
    value = normalise_number(num, doc.lang_)
    quantity = f"{qual} {value}" if qual else value
    if match.group("range"):
        low = re.split(r"\s+", match.group("range").strip())
        quantity = f"{low[0]} {normalise_number(' '.join(low[1:-1]), doc.lang_)} {low[-1]} {value}"
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
        return Anchor(start=start, end=end, quantity=f"{quantity}%", of=what, kind="share", token=tok)
    if FORCE_SUFFIX.match(rest):
        tok = _token_at(doc, end + 1)
        return (
            None
            if tok is None
            else Anchor(start=start, end=end, quantity=quantity, of="personnel", kind="force", token=tok)
        )
    noun = _counted_noun(doc, rest, end)
    if noun is None:
        return None
    word = noun.lower_
    kind = _casualty(noun)
    if kind is not None and (word in claim_words("people") or word in claim_words("force")):
        label = FRENCH_OUTCOME[kind] if _french(noun) else kind
        counted = f"{_force_name(noun) if word == 'casques' else word} {label}" + _locative(doc, noun)
        return Anchor(start=start, end=end, quantity=quantity, of=counted, kind="casualty", token=noun)
    if word in claim_words("force") or (word == "casques" and "bleus" in rest[:20]):
        if not (match.group("range") or _magnitude(value) >= MIN_FORCE):
            return None  # "the two men were arrested": people in a story, not a force's size
        return Anchor(start=start, end=end, quantity=quantity, of=_force_name(noun), kind="force", token=noun)
    if word in claim_words("place"):
        verb = _leave_verb(noun)
        if verb is None:
            return None
        counted = f"{word} {'à' if _french(noun) else 'to'} {verb}" + _deadline(doc, sent, noun)
        return Anchor(start=start, end=end, quantity=quantity, of=counted, kind="places", token=noun)
    return None


@functools.lru_cache(maxsize=4)
def _number_values(lang: str) -> dict[str, tuple[int, bool]]:
    """Number words -> (value, whether the word multiplies: hundred, mille)."""
    from sitreps.knowledge.lexicon import number_words

    return {
        word: (value, kind == "scale")
        for word, (value, kind) in number_words(lang).items()
        if kind in {"unit", "tens", "scale"} and word not in claim_words("not_number")
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


def normalise_number(num: str, lang: str) -> str:
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
    span = doc.char_span(at, min(len(doc_text(doc)), at + 1), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _counted_noun(doc: Doc, rest: str, end: int) -> Token | None:
    """The noun a number counts: the first of the next few words that is one we count."""
    for match in re.finditer(r"[^\W\d][\w'’.-]*", rest[:60]):
        tok = _token_at(doc, end + match.start())
        if tok is None:
            return None
        low = tok.lower_
        if low in claim_words("force") or low in claim_words("place") or low in claim_words("people"):
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
        for kind, forms in casualty_words():
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
                words = cut_phrase(child)
                text = doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
                if (
                    len(words) <= 5
                    and not PERIOD.match(text)
                    and not any(t.ent_type_ == "DATE" for t in words)
                ):
                    return " " + text
    return ""


def cut_phrase(tok: Token) -> list[Token]:
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
    if base not in claim_words("leave"):
        return None
    particle = [c.text for c in verb.children if c.dep_ in {"prt", "compound:prt"}]
    return " ".join([base, *particle])


def _base(form: str) -> str:
    """The base form of a regular verb form (no lemmatiser runs)."""
    for suffix, repl in SUFFIXES:
        if form.endswith(suffix) and form[: -len(suffix)] + repl in claim_words("leave"):
            return form[: -len(suffix)] + repl
        if form.endswith(suffix) and form[: -len(suffix)] + "e" in claim_words("leave"):
            return form[: -len(suffix)] + "e"
    return form


def _deadline(doc: Doc, sent: Span, noun: Token) -> str:
    """ "by December 15", "d'ici le 31 décembre": the date places are to be left by."""
    match = DEADLINE.search(doc_text(doc), noun.idx, sent.end_char)
    return " " + match.group(0).strip() if match else ""
