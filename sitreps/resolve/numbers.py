"""Casualty tolls: counts of the dead, injured and abducted in English and French reports.

``find_tolls`` reads every count a text ties to a death, an injury or an abduction, in digits or words
("15", "1,200", "trois", "twenty-one", "une vingtaine", "dozens"), with its side (soldiers, attackers,
civilians), whether it revises an earlier toll and whether it is part of one already given; the coding
rules that combine them are in :mod:`sitreps.resolve.tolls`.  Counts that are not tolls are left out:
attackers ("dozens of assailants killed five villagers"), things ("burned 20 shops and killed two"), people
who report ("nine civilians, two officials said"), figures a later one replaced ("initially 60 dead") and
the deaths an incident followed ("protests after six traders were killed").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sitreps.knowledge import lexicon

KINDS = ("killed", "injured", "abducted")
_TOKEN = re.compile(r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?!\d)|\d+|[\w]+(?:['-][\w]+)*|[^\w\s]")
_ARTICLES = {"a", "an", "un", "une"}
_FILLERS = {
    "at", "least", "some", "about", "around", "nearly", "almost", "more", "than", "over", "up", "to",
    "an", "estimated", "of", "from", "between", "entre", "roughly", "approximately", "another", "further", "other", "still",
    "au", "moins", "plus", "de", "d", "pres", "environ", "quelque", "quelques", "a", "s'eleve", "est",
    "passe", "the", "le", "la", "les", "des", "rose", "stood", "stands", "now", "reached", "climbed",
    "jusqu'a", "d'au", "officially", "toll", "bilan", "plusieurs", "several",
}
_AUX = {"was", "were", "been", "is", "are", "ete", "sont", "est", "etaient", "etait", "have", "had", "has"}
_POSSESSIVE = {"his", "her", "its", "their", "ses", "leurs", "son", "sa"}
_LOCATIVE = {"a", "in", "at", "au", "dans", "near", "pres", "on"}
_CLAUSE_BREAK = {".", ";", ":", "!", "?"}
_QUOTES = {'"', "\u201c", "\u201d", "\u00ab", "\u00bb", "'"}


@dataclass(frozen=True, kw_only=True)
class Count:
    """A number in a text: its value and character span."""

    value: int
    start: int
    end: int
    first: int  # index of its first token
    last: int  # index of its last token
    article: bool = False  # "a", "un": a count of one only in the right frame


@dataclass(frozen=True, kw_only=True)
class Toll:
    """A count of victims of one kind (killed, injured, abducted)."""

    kind: str
    value: int
    start: int
    end: int
    text: str = ""
    side: str = "any"  # any | state | armed | civilian
    update: bool = False
    subset: bool = False
    joined: bool = False  # given with another count of the same clause ("four Americans and four Nigeriens")
    earlier: bool = False  # a figure a later one replaced ("initially 60", "un premier bilan de trois morts")
    prior: bool = False  # the deaths that led to the incident ("protests after six traders were killed")
    disputed: bool = False  # its victims named in quotation marks ('203 "terrorists"'): the label is contested
    more: bool = False  # further victims ("three more soldiers", "two other civilians", "deux autres")
    contrast: bool = False  # another source's figure ("tandis qu'une source locale évoque 35 morts")


class _Tok(NamedTuple):  # a tuple: made for every word of every clause, and a frozen dataclass is slow to build
    text: str
    start: int
    end: int


def _tokens(folded: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def _digits(text: str) -> int | None:
    clean = re.sub(r"[,.\u202f\u00a0 ]", "", text)
    return int(clean) if clean.isdigit() else None


def _word_value(word: str, lang: str) -> tuple[int, str] | None:
    words = lexicon.number_words(lang)
    if word in words:
        return words[word]
    parts = word.split("-")
    if len(parts) > 1 and all(p in words or p == "et" for p in parts):
        return _compose([p for p in parts if p != "et"], lang), "unit"
    return None


def _compose(words: Sequence[str], lang: str) -> int:
    """The value of a run of number words: "twenty one", "trois cents", "quatre vingt dix"."""
    table = lexicon.number_words(lang)
    total = current = 0
    for word in words:
        value, kind = table[word]
        if kind == "scale":
            current = (current or 1) * value
            if value >= 1000:
                total, current = total + current, 0
        elif kind == "approx":
            current = (current or 1) * value
        elif kind == "tens" and value == 20 and current in (4,):
            current *= 20  # quatre-vingt(s)
        else:
            current += value
    return total + current


def parse_count(text: str, lang: str = "en") -> int | None:
    """The number a short phrase states ("15", "fifteen", "une vingtaine", "dozens"), or None."""
    counts = find_counts(lexicon.fold(text), lang)
    return counts[0].value if counts else None


def find_counts(folded: str, lang: str, tokens: list[_Tok] | None = None) -> list[Count]:
    """Every count of a folded text, with its token indices."""
    toks = tokens if tokens is not None else _tokens(folded)
    counts: list[Count] = []
    i = 0
    while i < len(toks):
        tok = toks[i].text
        digits = _digits(tok) if tok[0].isdigit() else None
        if digits is not None:
            j, value = i, digits
            # "15 000" is handled by the token pattern; "2 dozen" multiplies.
            nxt = _word_value(toks[i + 1].text, lang) if i + 1 < len(toks) else None
            if nxt and nxt[1] in ("approx", "scale"):
                j, value = i + 1, digits * nxt[0]
            counts.append(Count(value=value, start=toks[i].start, end=toks[j].end, first=i, last=j))
            i = j + 1
            continue
        found = _word_value(tok, lang)
        if found is None:
            i += 1
            continue
        run = [i]
        j = i + 1
        if found[0] == 0 and tok not in ("zero",):
            # "no one was killed", "aucun soldat": nobody, not a count of one
            stop = i + 1 if i + 1 < len(toks) and toks[i + 1].text in ("one", "un", "une") else i
            counts.append(Count(value=0, start=toks[i].start, end=toks[stop].end, first=i, last=stop))
            i = stop + 1
            continue
        while j < len(toks):
            word = toks[j].text
            if _word_value(word, lang) is not None and word not in _ARTICLES and word not in ("no", "aucun"):
                run.append(j)
                j += 1
            elif word == "et" and j + 1 < len(toks) and toks[j + 1].text in ("un", "une"):
                run.append(j + 1)  # "vingt et un"
                j += 2
            elif word in ("and", "et") and j + 1 < len(toks) and _joinable(toks[j + 1].text, lang):
                j += 1
            else:
                break
        words: list[str] = []
        for k in run:
            words.extend(p for p in toks[k].text.split("-") if p != "et")
        if not all(w in lexicon.number_words(lang) for w in words):
            i = run[-1] + 1
            continue
        value = _compose(words, lang)
        article = len(run) == 1 and tok in _ARTICLES
        counts.append(
            Count(value=value, start=toks[run[0]].start, end=toks[run[-1]].end, first=run[0], last=run[-1],
                  article=article)
        )
        i = run[-1] + 1
    return counts


def _joinable(word: str, lang: str) -> bool:
    found = _word_value(word, lang)
    return found is not None and word not in _ARTICLES and found[1] in ("unit", "tens")


def _spans(regex: re.Pattern[str] | None, folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(folded)] if regex else []


_ANY = {"people", "persons", "others", "personnes", "autres", "individuals", "individus"}


def _side(text: str, lang: str) -> str:
    if text.split()[:1] and text.split()[0] in _ANY:
        return "any"
    for role, regex in lexicon.roles(lang):
        if regex.search(text):
            return {"military": "state", "police": "state", "uag": "armed", "civilians": "civilian"}.get(
                role, "any"
            )
    return "any"


def no_deaths_stated(text: str, lang: str = "en") -> bool:
    """Whether the text says that nobody died ("no casualties", "aucune victime")."""
    regex = lexicon.toll_terms(lang).get("none")
    return bool(regex and regex.search(lexicon.fold(text)))


def mentions(kind: str, text: str, lang: str = "en") -> bool:
    """Whether the text speaks of victims of ``kind`` at all, counted or not."""
    regex = lexicon.toll_terms(lang).get(kind)
    return bool(regex and regex.search(lexicon.fold(text)))


_AFTER_DEATH = re.compile(r"\b(?:after|following|apres|suite a)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?$")


def reports_deaths(text: str, lang: str = "en") -> bool:
    """Whether the text reports deaths of its own incident: a death term that is not "nobody died" and not
    the deaths the incident followed ("after the death of a driver", "après la mort d'un conducteur")."""
    if no_deaths_stated(text, lang):
        return False
    folded = lexicon.fold(text)
    regex = lexicon.toll_terms(lang).get("killed")
    if regex is None:
        return False
    own = [m for m in regex.finditer(folded) if m.group().endswith("ing")
           or not _AFTER_DEATH.search(folded[max(0, m.start() - 30) : m.start()])]
    if not own:
        return False
    tolls = [t for t in find_tolls(text, lang) if t.kind == "killed"]
    return not tolls or not all(t.prior for t in tolls)


_DEFINITE = re.compile(r"\b(?:the|these|those|les|ces)\s+([\w'-]+)")


def victims_referred(text: str, lang: str = "en") -> set[str]:
    """The sides a clause says died without counting them again ("The civilians died when ...", "les
    soldats ont été tués"): a definite role noun before a death term, for a toll given earlier."""
    folded = lexicon.fold(text)
    regex = lexicon.toll_terms(lang).get("killed")
    if regex is None:
        return set()
    deaths = [m.start() for m in regex.finditer(folded)]
    sides = set()
    for m in _DEFINITE.finditer(folded):
        side = _side(m.group(1), lang)
        if side not in ("any", "other") and any(0 < d - m.end() <= 25 for d in deaths):
            sides.add(side)
    return sides


def find_tolls(text: str, lang: str = "en", *, offset: int = 0) -> list[Toll]:
    """The victim counts of ``text``; spans are shifted by ``offset`` (the text's place in its document)."""
    folded = lexicon.fold(text)
    terms = lexicon.toll_terms(lang)
    toks = _tokens(folded)
    counts = find_counts(folded, lang, toks)
    if not counts:
        return []
    tok_at = {t.start: k for k, t in enumerate(toks)}
    tok_end = {t.end: k for k, t in enumerate(toks)}
    present, heads = lexicon.text_heads(folded), lexicon.toll_heads(lang)

    found: dict[str, list[tuple[int, int]]] = {}

    def term_tokens(name: str) -> list[tuple[int, int]]:
        if name not in found:  # each list is asked for more than once
            if heads.get(name, frozenset()).isdisjoint(present):
                found[name] = []  # none of its words starts a word here
            else:
                found[name] = [(tok_at[s], tok_end[e]) for s, e in _spans(terms.get(name), folded)
                               if s in tok_at and e in tok_end]
        return list(found[name])

    kind_terms = {kind: term_tokens(kind) for kind in (*KINDS, "toll", "loss")}
    # "the toll ... has risen to 89": the update verb anchors the count when a toll noun came before it
    toll_starts = [first for first, _ in kind_terms["toll"]]
    kind_terms["toll"] += [
        (first, last) for first, last in term_tokens("update") if any(0 < first - t <= 25 for t in toll_starts)
    ]
    persons = {first for first, _ in term_tokens("person")}
    units = {first for first, _ in term_tokens("unit")} | {first for first, _ in term_tokens("month")}
    months = {last for _, last in term_tokens("month")}
    update_toks = {k for s, e in term_tokens("update") for k in range(s, e + 1)}
    earlier_toks = {k for s, e in term_tokens("earlier") for k in range(s, e + 1)}
    subset_toks = {k for s, e in term_tokens("subset") for k in range(s, e + 1)}
    count_toks = {k for c in counts for k in range(c.first, c.last + 1)}
    trigger_spans = [
        (m.start(), m.end()) for t in lexicon.triggers(lang) if t.label == "ATTACK" and not t.heads.isdisjoint(present)
        for m in t.regex.finditer(folded)
    ]

    aside_starts = {first for first, _ in term_tokens("subset")} | {first for first, _ in term_tokens("aside")}
    aside_starts |= {c.first for c in counts if _part_of([t.text for t in toks[c.last + 1 : c.last + 4]], lang)}
    term_toks = {k for kind in KINDS for s, e in kind_terms[kind] for k in range(s, e + 1)}

    def clean_gap(a: int, b: int) -> bool:
        gap = toks[a:b]
        commas = [a + k for k, t in enumerate(gap) if t.text == ","]
        if len(commas) == 2 and commas[0] + 1 in aside_starts:
            # "100 people, mostly civilians, were killed": skip the aside
            gap = toks[a : commas[0]] + toks[commas[1] + 1 : b]
            if any(t.text in _CLAUSE_BREAK for t in gap):
                return False
            lo_hi = [(a, commas[0]), (commas[1] + 1, b)]
            return all(not any(k in count_toks for k in range(lo, hi)) for lo, hi in lo_hi)
        if any(t.text in _CLAUSE_BREAK or t.text == "," for t in gap):
            return False
        if any(k in count_toks for k in range(a, b)):
            return False
        lo, hi = (toks[a].start, toks[b - 1].end) if gap else (0, 0)
        return not any(lo <= s < hi for s, _ in trigger_spans)

    tolls: list[Toll] = []
    assigned: dict[int, tuple[int, str]] = {}
    term_of: dict[int, tuple[int, str, bool]] = {}  # count -> (its term's first token, A|B, passive)
    losers: dict[int, int] = {}  # count -> the first token of its "lost" verb ("the assailants lost forty men")
    for idx, count in enumerate(counts):
        after = count.last + 1
        if after in units or 1900 <= count.value <= 2100:
            continue
        if (count.first - 1) in months and (after >= len(toks) or toks[after].text in (",", "th", "st") or after in count_toks):
            continue
        best: tuple[int, str] | None = None
        # A: "15 soldiers were killed", "trois morts"
        for kind in KINDS:
            for first, _last in kind_terms[kind]:
                if first < after or first - after > 24 or not clean_gap(after, first):
                    continue
                gap_words = _outside_brackets([t.text for t in toks[after:first] if t.text not in _QUOTES])
                if len(gap_words) > 6 and "," not in gap_words and not (len(gap_words) <= 11 and gap_words[-1] in _AUX):
                    continue  # "un homme accusé de vol de bétail a été battu à mort": a long subject, then its verb
                if gap_words and gap_words[-1] in ("and", "et", "then", "puis", "who", "qui", "before", "avant"):
                    continue  # "burned 20 shops and killed two traders": the count is of something else
                if count.article and not (set(gap_words) & _AUX or (len(gap_words) == 1 and _side(gap_words[0], lang) != "any")):
                    continue
                if best is None or first - after < best[0]:
                    best = (first - after, kind)
                    term_of[idx] = (first, "A", bool(set(gap_words) & _AUX))
        # B: "killed at least 20 people", "tuant 12 personnes", "a toll of 14"
        for kind in (*KINDS, "toll", "loss"):
            for _first, last in kind_terms[kind]:
                if last >= count.first or count.first - last - 1 > 5:
                    continue
                gap = toks[last + 1 : count.first]
                if not clean_gap(last + 1, count.first) or any(t.text not in _FILLERS and t.text not in _QUOTES
                                                              and not _adverb(t.text, lang) for t in gap):
                    continue
                if count.article and (after >= len(toks) or _side(toks[after].text, lang) == "any") and not any(
                        k in persons for k in range(after, min(after + 3, len(toks)))):
                    continue
                distance = count.first - last - 1
                if best is None or distance < best[0]:
                    best = (distance, "killed" if kind in ("toll", "loss") else kind)
                    term_of[idx] = (_first, "B", False)
                    if kind == "loss":
                        losers[idx] = _first
        if best is None:
            continue
        assigned[idx] = (best[0], best[1])
    # "dozens of assailants killed five villagers": a count before an active verb whose victims follow
    objects = {term_of[k][0] for k in assigned if k in term_of and term_of[k][1] == "B"}
    for k in [k for k in assigned if k in term_of and term_of[k][1] == "A" and not term_of[k][2]]:
        if term_of[k][0] in objects:
            del assigned[k]
    joined: set[int] = set()
    added: set[int] = set()  # joined by "and": further victims, not a figure for the same ones
    # "killed a commander and two of his bodyguards": more victims of the same clause
    for idx, count in enumerate(counts):
        nxt = [t.text for t in toks[count.last + 1 : count.last + 3]]
        if count.first == 0 or toks[count.first - 1].text not in ("and", "et") or len(nxt) < 2 or not (
                nxt[0] in ("of", "de") and nxt[1] in _POSSESSIVE):
            continue
        earlier = [k for k in assigned if k < idx and not any(
            t.text in _CLAUSE_BREAK for t in toks[counts[k].last : count.first])]
        if earlier:
            assigned[idx] = (9, assigned[max(earlier)][1])
            joined.update({idx, max(earlier)})
            added.update({idx, max(earlier)})
    # coordination: "15 soldiers and 50 assailants were killed" / "killed 15 soldiers and 50 assailants"
    changed = True
    while changed:
        changed = False
        for idx, count in enumerate(counts):
            personal = count.article and any(k in persons or _side(toks[k].text, lang) != "any" for k in range(
                count.last + 1, min(count.last + 3, len(toks))))  # "a soldier and two civilians", "and a VDP auxiliary"
            if idx in assigned or count.article and not personal or count.last + 1 in units:
                continue
            for other_idx in (idx + 1, idx - 1):
                if other_idx not in assigned:
                    continue
                other = counts[other_idx]
                a, b = (other.last + 1, count.first) if other_idx < idx else (count.last + 1, other.first)
                between = [t.text for t in toks[a:b]]
                if any(k in term_toks for k in range(a, b)) and {t.text for t in toks[count.last + 1 : count.last + 4]} & _AUX:
                    continue  # "5 soldiers were killed and 3 are missing": the second count has its own verb
                kin = len(between) >= 2 and between[-2] in ("and", "et") and between[-1] in _POSSESSIVE
                if count.article and not (between[-1:] == ["and"] or between[-1:] == ["et"] or kin):
                    continue  # "12 people, a local official said": not another victim
                if other_idx > idx and _part_of([t.text for t in toks[other.last + 1 : other.last + 3]], lang):
                    continue  # "a hundred terrorists and twenty-one of them were killed": the group, not victims
                if other_idx < idx and _speakers(toks[count.last + 1 : count.last + 5], lang):
                    continue  # "nine civilians, two local officials said": the people who report
                if (1 <= len(between) <= 4 and between[-1] in ("and", "et", ",", "plus", "to", "or", "ou", "-") and not (
                    set(between) & _CLAUSE_BREAK
                )) or between == ["a"] or kin:  # "de 10 a 15 morts": a French range; "a woman and her two children"
                    assigned[idx] = (9, assigned[other_idx][1])
                    joined.update({idx, other_idx} if between[-1] in ("and", "et", ",", "plus") or kin else set())
                    added.update({idx, other_idx} if between[-1] in ("and", "et", "plus") or kin else set())
                    changed = True
                    break
            if idx in assigned or count.first == 0 or count.last + 1 >= len(toks):
                continue
            # "70 were killed in X and 30 in Y": a bare count before a place, after an earlier toll
            earlier = [k for k in assigned if k < idx]
            if (toks[count.first - 1].text in ("and", "et", ",") and toks[count.last + 1].text in _LOCATIVE
                    and earlier and not any(t.text in _CLAUSE_BREAK for t in toks[counts[max(earlier)].last:count.first])):
                assigned[idx] = (9, assigned[max(earlier)][1])
                changed = True
    for idx, count in enumerate(counts):
        if idx not in assigned:
            continue
        after = count.last + 1
        kind = assigned[idx][1]
        side_words = [t.text for t in toks[after : min(len(toks), after + 6)] if t.text not in _QUOTES][:4]
        more = bool(set(side_words[:2]) & _MORE) or (count.first > 0 and toks[count.first - 1].text in _MORE)
        if len(side_words) > 1 and side_words[0] in _MORE:
            side_words = side_words[1:]  # "deux autres soldats": soldiers
        side_text = " ".join(side_words[:3])
        side = _side(side_text, lang)
        if more and side == "any":
            side = "other"  # "three others": further victims, not a total
        if side == "any":
            side = _side_among([t.text for t in toks[after : after + 9]], lang)
        if side == "any" and idx in losers:  # the side that lost them: "the assailants ... lost about forty men"
            side = _side(" ".join(t.text for t in toks[max(0, losers[idx] - 12) : losers[idx]]), lang)
        part_of = idx not in added and _part_of([t.text for t in toks[after : after + 3]], lang)
        if part_of and idx > 0 and idx - 1 not in assigned and not counts[idx - 1].article:
            # "a hundred terrorists ... and twenty-one of them were killed": part of a group that is no toll
            part_of = False
            group = counts[idx - 1].last + 1
            side = _side(" ".join(t.text for t in toks[group : group + 3]), lang)
        window = range(max(0, count.first - 14), count.first)
        tolls.append(
            Toll(
                kind=kind,
                value=count.value,
                start=offset + count.start,
                end=offset + count.end,
                text=text[count.start : count.end],
                side=side if idx not in added or side != "any" else "other",
                update=any(k in update_toks and not any(k < c <= count.first - 1 for c in count_toks) for k in window),
                subset=any(k in subset_toks for k in range(max(0, count.first - 4), count.first)) or part_of,
                joined=idx in joined,
                earlier=any(k in earlier_toks for k in window),
                prior=_prior([t.text for t in toks[max(0, count.first - 6) : count.first]]),
                disputed=after < len(toks) and toks[after].text in _QUOTES,
                more=more,
                contrast=bool(_CONTRAST.search(" ".join(t.text for t in toks[max(0, count.first - 10) : count.first]))),
            )
        )
    return _resolve_ranges(tolls, text, offset)


#: Words that set a figure against another: another source's count of the same dead.
_CONTRAST = re.compile(r"\b(?:tandis|whereas|while|alors qu'?e?|pour sa part|for (?:its|their|his|her) part|"
                       r"(?:une |d')?autres? sources?|(?:another|other) sources?|evoque|speaks? of|spoke of)\b")
_MORE = {"more", "other", "others", "another", "further", "additional", "autres", "supplementaires"}
_AFTER = {"after", "following", "apres", "suite"}
_DETERMINERS = {"the", "la", "le", "les", "l'", "a", "de", "du", "des", "d"}


def _prior(before: list[str]) -> bool:
    """ "after six traders were killed", "après la mort de deux soldats": deaths the incident followed."""
    for k in range(len(before) - 1, -1, -1):
        if before[k] in _AFTER:
            nxt = before[k + 1] if k + 1 < len(before) else ""
            return nxt == "" or nxt in _DETERMINERS
        if before[k] in _CLAUSE_BREAK or before[k] == ",":
            return False
    return False


def _side_among(following: list[str], lang: str) -> str:
    """ "douze morts et de nombreux blesses parmi les militaires": the side named after "among"."""
    for k, word in enumerate(following):
        if word in ("among", "parmi") or following[k : k + 3] == ["dans", "les", "rangs"]:
            return _side(" ".join(following[k + 1 : k + 5]), lang)
        if word in _CLAUSE_BREAK or word == ",":
            break
    return "any"


def _outside_brackets(words: list[str]) -> list[str]:
    """The words of a gap without a bracketed aside: "trois volontaires (VDP) ont ete tues"."""
    out, depth = [], 0
    for word in words:
        depth += word == "("
        if not depth:
            out.append(word)
        depth -= word == ")" and depth > 0
    return out


def _speakers(following: Sequence[_Tok], lang: str) -> bool:
    """ "two local officials said", "deux sources locales ont indique": a count of people who report."""
    say = lexicon.cues(lang).get("say_verb")
    return say is not None and any(say.fullmatch(t.text) for t in following)


def _adverb(word: str, lang: str) -> bool:
    """ "exécuté sommairement 12 personnes", "brutally killed 12": a manner adverb between verb and count."""
    return len(word) > 5 and word.endswith("ment" if lang == "fr" else "ly")


def _part_of(following: list[str], lang: str) -> bool:
    """ "two of them", "deux d'entre eux": a count of victims already counted."""
    if following[:2] in (["of", "them"], ["of", "whom"], ["d'entre", "eux"], ["d'entre", "elles"]):
        return True
    # "two of their men": part of a group already counted; "four of its soldiers": a side of its own
    return len(following) >= 2 and following[0] in ("of", "de", "des") and following[1] in _POSSESSIVE and (
        len(following) < 3 or _side(following[2], lang) == "any")


def _resolve_ranges(tolls: list[Toll], text: str, offset: int) -> list[Toll]:
    """ "between 153 and 176" -> 153; "rose from 3 to 14" -> 14 (an update)."""
    out: list[Toll] = []
    skip = False
    for k, toll in enumerate(tolls):
        if skip:
            skip = False
            continue
        nxt = tolls[k + 1] if k + 1 < len(tolls) else None
        if nxt is not None and nxt.kind == toll.kind:
            between = lexicon.fold(text[toll.end - offset : nxt.start - offset]).strip()
            before = lexicon.fold(text[max(0, toll.start - offset - 9) : toll.start - offset])
            if between in ("to", "a", "-", "or", "ou", "and", "et") and (
                between not in ("and", "et") or re.search(r"\b(between|entre)\s*$", before)
            ):
                if re.search(r"\b(from|de)\s*$", before) and (toll.update or nxt.update):
                    out.append(Toll(**{**nxt.__dict__, "update": True}))
                    skip = True
                    continue
                low = toll if toll.value <= nxt.value else nxt
                out.append(Toll(**{**low.__dict__, "joined": False}))  # one figure, not two groups of victims
                skip = True
                continue
        out.append(toll)
    return out
