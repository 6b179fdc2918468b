"""Speakers' affiliations: the organisation or country an apposition beside a name ties them to.

After the name: ", now chief executive of X," / " of X" / " (X)"; before it:
"le porte-parole de l'armée, le colonel X" / "Army spokesman X".  The same
appositions let "the researcher" / "le chercheur" point back to the person
described so.
"""

from __future__ import annotations

import re

from sitreps.events.quote_marks import abbreviation_regex, fold
from sitreps.events.quote_persons import Person, QuoteContext
from sitreps.knowledge.speech import institutions, titles

AFFILIATION_PREP = re.compile(
    r"\b(?:of|at|for|with|from|de|du|des|d['’]|à|au|aux|auprès de)(?:\s+|(?<=['’]))", re.IGNORECASE
)


#: A description before a name: "le porte-parole de l'armée, le colonel" before "X".
_ROLE = re.compile(r"([^,.;“”«»\"]*?)[,\s]*(?:the\s+|le\s+|la\s+)?[\w.\- ]{0,30}$")
#: What may follow the description, up to the name.
_ROLE_TAIL = re.compile(r"[,\s]*(?:the\s+|le\s+|la\s+)?[\w.\- ]{0,30}\n?")  # "$" matches before a last "\n"
_ROLE_STOP = re.compile(r"[,.;“”«»\"]")


def _role_before(before: str) -> re.Match[str] | None:
    """``_ROLE.search(before)``, without trying the starts that cannot match (the search tries each start
    against each end, and costs a report milliseconds): a description holds no stop ("," "." ";" or a
    quotation mark), so no match starts before a stop that the tail after it cannot take in."""
    skip = 0
    for stop in reversed(list(_ROLE_STOP.finditer(before))):
        if not _ROLE_TAIL.fullmatch(before, stop.start()):
            skip = stop.start() + 1
            break
    return _ROLE.search(before, skip)


def _appositions(ctx: QuoteContext, person: Person, start: int, end: int) -> list[tuple[int, int, bool]]:
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
            if text[at] == "." and abbreviation_regex().search(text[max(0, at - 6) : at]):
                continue
            stop = at
            break
        opener = text[person.end : lead.end()].strip()
        found.append((k, stop, opener not in {",", "("}))
    before = text[max(start, person.start - 120) : person.start]
    role = _role_before(before)
    if role and role.group(1).strip():
        a = person.start - len(before) + role.start(1)
        found.append((a, a + len(role.group(1)), False))
    return found


def affiliation_of(ctx: QuoteContext, person: Person, start: int, end: int) -> str | None:
    """The organisation (or country) an apposition next to the name ties the person to."""
    for a, b, leading_prep in _appositions(ctx, person, start, end):
        found = _organisation(ctx, a, b, leading_prep=leading_prep)
        if found:
            return found
    return None


def described_person(ctx: QuoteContext, noun: str, at: int) -> Person | None:
    """The person an earlier apposition described with ``noun`` ("the researcher" -> X, a researcher)."""
    for person in reversed([p for p in ctx.persons if p.end <= at and at - p.end < 2000]):
        for a, b, _ in _appositions(ctx, person, max(0, person.start - 160), person.end + 200):
            if noun in fold(ctx.text[a:b]).replace("’", "'").split():
                return person
    return None


def _organisation(ctx: QuoteContext, a: int, b: int, *, leading_prep: bool) -> str | None:
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
            if ent.label_ in {"GPE", "LOC"} and not (role and role[-1].rstrip(".") in titles()):
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
                any(w[0].isupper() for w in words)
                or any(fold(w).strip("l'’") in institutions() for w in words)
            )
        ):
            return _strip_article(phrase)
    return None


def _strip_article(name: str) -> str:
    stripped = re.sub(r"^(?:the\s+|l['’]|la\s+|le\s+|les\s+)", "", name.strip(" ,"))
    return stripped or name
