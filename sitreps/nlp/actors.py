"""The ``sitreps_actors`` component: actor mentions in ``doc.spans["actors"]``.

Each span's label is a canonical actor name from the actor dictionary, or,
for a generic description whose country the text does not give ("the army",
"les FDS"), a template such as ``"Military Forces of {country}"`` that
``sitreps.resolve.actors.find_actors`` fills from the report's country focus.

Matching runs over accent-folded, lower-cased "pieces" of the text (words and
punctuation marks; hyphens ignored) with a dictionary trie, so it is
independent of the tokenizer and costs a few dictionary look-ups per word.
Acronyms and ``=``-marked aliases must match with their case; capital-city
metonyms ("Bamako") only count in a government context ("pro-Bamako",
"les autorités de Bamako").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitreps.errors import ConfigError
from sitreps.knowledge.actors import (
    PIECE,
    ActorDictionary,
    AliasPattern,
    actor_dictionary,
    fold_cased,
    fold_text,
    key,
)
from sitreps.nlp.segment import doc_text

SPAN_KEY = "actors"
#: ``doc.user_data`` key where the component leaves the (char offset, country) mentions it found.
COUNTRY_KEY = "sitreps_country_mentions"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


UNIDENTIFIED = "Unidentified Armed Group"

#: Words after a capital that make it mean the government ("Bamako authorities").
GOVERNMENT_WORDS = _words(
    "authorities government junta regime rulers leaders officials autorites gouvernement junte "
    "regime pouvoir dirigeants"
)
#: Pieces allowed between a generic armed description and a named group it belongs to.
CONNECTORS = _words(
    "of from the linked to affiliated with allied loyal belonging members member fighters "
    "du de des d l la le ' a au aux lies lie liee liees affilies affilie proches proche membres "
    "membre appartenant issus se reclamant combattants"
)
FRENCH_CONNECTORS = frozenset({"a"})
#: Pieces after "Niger" (or before it) that make it the river, not the country.
RIVER_NEXT = _words("river delta basin valley bend inland")
RIVER_PREV = _words("fleuve river boucle delta office bassin vallee riviere rives banks bank")
STATE_NEXT = _words("government army junta authorities armed military state police forces")

#: Pieces before an alias that is also an adjective ("armée", "military") that make it a noun.
DETERMINERS = _words(
    "the its their our this these those l ' le les des la une un aux au du de d par ces ses son sa leur "
    "leurs nos notre deux trois plusieurs two three several many dozens of a an one each every "
    "suspected alleged presumed presume chaque"
)
#: Nouns after such a word that make it an adjective ("terrorist attack", "attaque terroriste").
ADJECTIVE_HEADS = _words(
    "attack attacks attaque attaques threat threats menace menaces violence insurgency insurrection "
    "activity activities incident incidents act acts acte actes financing financement propaganda "
    "propagande ideology ideologie operation operations campaign offensive camp camps base bases post "
    "posts outpost outposts source sources vehicle vehicles convoy convoys aircraft plane planes "
    "helicopter helicopters drone drones court courts tribunal spokesman spokesperson official "
    "officials hospital academy school training uniform uniforms equipment hardware cooperation"
)

_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'»”]+[A-ZÀ-Ý«\"“])|\n\s*\n")


@dataclass(frozen=True, kw_only=True)
class _Match:
    start: int  # first piece
    end: int  # piece after the last
    pattern: AliasPattern


class _Trie:
    """Piece sequences -> the values whose sequence ends there."""

    def __init__(self) -> None:
        self.root: dict[str | None, Any] = {}

    def add(self, seq: tuple[str, ...], value: Any) -> None:
        node = self.root
        for piece in seq:
            node = node.setdefault(piece, {})
        node.setdefault(None, []).append(value)

    def walk(self, words: list[str], i: int) -> Iterator[tuple[int, list[Any]]]:
        """(end, values) for every sequence that starts at ``words[i]``."""
        node: dict[str | None, Any] | None = self.root
        j = i
        while j < len(words):
            node = node.get(words[j]) if node is not None else None
            if node is None:
                return
            j += 1
            if None in node:
                yield j, node[None]


class _Text:
    """The folded pieces of a text with their character offsets."""

    def __init__(self, text: str) -> None:
        folded = fold_text(text)
        cased = fold_cased(text)
        self.offsets: list[tuple[int, int]] = []
        self.words: list[str] = []
        for m in PIECE.finditer(folded):
            self.offsets.append((m.start(), m.end()))
            self.words.append(m.group())
        self.cased = [cased[s:e] for s, e in self.offsets]

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""


class CountryFinder:
    """Country names and adjectives in folded pieces ("Niger" the river excluded)."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.trie = _Trie()
        for seq, country, adjective in dictionary.country_patterns():
            if seq:
                self.trie.add(seq, (country, adjective))

    def at(self, text: _Text, i: int) -> tuple[int, str] | None:
        """The longest country word starting at piece ``i``: (end, country)."""
        best: tuple[int, str] | None = None
        for end, values in self.trie.walk(text.words, i):
            country, adjective = values[0]
            if not adjective and not _capitalised(text, i):
                continue
            if text.words[i] == "niger" and _is_river(text, i):
                continue
            best = (end, country)
        return best

    def mentions(self, text: _Text) -> list[tuple[int, int, str]]:
        """(first piece, end piece, country) of every country word, in order."""
        found = []
        i = 0
        while i < len(text.words):
            hit = self.at(text, i)
            if hit:
                found.append((i, hit[0], hit[1]))
                i = hit[0]
            else:
                i += 1
        return found


def _capitalised(text: _Text, i: int) -> bool:
    piece = text.cased[i]
    return bool(piece) and piece[0].isupper()


def _is_river(text: _Text, i: int) -> bool:
    nxt, prev, prev2 = text.word(i + 1), text.word(i - 1), text.word(i - 2)
    if nxt in RIVER_NEXT or prev in RIVER_PREV:
        return True
    if prev in ("du", "of") and prev2 in RIVER_PREV:
        return True
    if prev == "the" and prev2 not in ("of", "in", "to") and nxt not in STATE_NEXT:
        return True
    return prev == "the" and prev2 == "of" and text.word(i - 3) in RIVER_PREV


class ActorRuler:
    """Finds actor mentions; see the module docstring."""

    def __init__(self, lang: str = "en", dictionary: ActorDictionary | None = None) -> None:
        self.lang = lang
        self.dictionary = dictionary or actor_dictionary()
        self.trie = _Trie()
        for pattern in self.dictionary.patterns():
            self.trie.add(pattern.pieces, pattern)
        self.countries = CountryFinder(self.dictionary)
        self._home = frozenset(c.name for c in self.dictionary.countries if c.home)

    def __call__(self, doc: Doc) -> Doc:
        text = _Text(doc_text(doc))
        matches = self._select(self._candidates(text), text.offsets)
        matches = self._absorb_generic_armed(matches, text)
        sentences = sentence_bounds(doc)
        country_hits = self.countries.mentions(text)
        doc.user_data[COUNTRY_KEY] = [(text.offsets[s][0], c) for s, _e, c in country_hits]
        spans = []
        for match in matches:
            label = match.pattern.label
            if "{country}" in label:
                country, end, start = self._country_beside(text, match)
                if country is None and match.pattern.mode == "generic_explicit":
                    continue
                if country is None:
                    country = _sentence_country(text, match, country_hits, sentences, self._home)
                else:
                    match = _Match(start=start, end=end, pattern=match.pattern)
                if country is not None:
                    label = self.dictionary.format_generic(label, country)
            first, last = text.offsets[match.start][0], text.offsets[match.end - 1][1]
            span = doc.char_span(first, last, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = _dedupe(spans)
        return doc

    def _candidates(self, text: _Text) -> list[_Match]:
        found = []
        for i in range(len(text.words)):
            for end, values in self.trie.walk(text.words, i):
                for value in values:
                    pattern: AliasPattern = value
                    if pattern.cased is not None and tuple(text.cased[i:end]) != pattern.cased:
                        continue
                    if pattern.mode == "context" and not self._government_context(text, i, end):
                        continue
                    if pattern.needs_determiner and not self._determined(text, i, end):
                        continue
                    found.append(_Match(start=i, end=end, pattern=pattern))
        return found

    @staticmethod
    def _government_context(text: _Text, start: int, end: int) -> bool:
        if text.word(start - 1) == "pro":
            return True
        after = end + 2 if text.word(end) == "'" and text.word(end + 1) == "s" else end
        if text.word(after) in GOVERNMENT_WORDS:
            return True
        return text.word(start - 1) in ("de", "in", "of", "a") and text.word(start - 2) in GOVERNMENT_WORDS

    def _determined(self, text: _Text, start: int, end: int) -> bool:
        """ "l'armée", "the military", "les militaires", "Malian military" but not "attaque armée"."""
        if text.word(end) in ADJECTIVE_HEADS:
            return False
        prev = text.word(start - 1)
        if prev in DETERMINERS or prev.isdigit():
            return True
        return bool(self.countries.at(text, end)) or any(
            (hit := self.countries.at(text, k)) is not None and hit[0] == start
            for k in range(max(0, start - 3), start)
        )

    @staticmethod
    def _select(candidates: list[_Match], offsets: list[tuple[int, int]]) -> list[_Match]:
        """Longest matches first, named actors before generic ones, no overlaps."""

        def rank(m: _Match) -> tuple[int, int, int, int]:
            generic = m.pattern.mode.startswith("generic")
            chars = offsets[m.end - 1][1] - offsets[m.start][0]
            return (-(m.end - m.start), int(generic), -chars, m.start)

        taken: list[_Match] = []
        used: set[int] = set()
        for match in sorted(candidates, key=rank):
            cells = set(range(match.start, match.end))
            if cells & used:
                continue
            used |= cells
            taken.append(match)
        return sorted(taken, key=lambda m: m.start)

    def _absorb_generic_armed(self, matches: list[_Match], text: _Text) -> list[_Match]:
        """Fold "militants" of "Islamic State militants" or "jihadistes liés à Al-Qaïda" into
        the named group's span."""
        named = [m for m in matches if self._armed_group(m.pattern.label)]
        grown: dict[int, _Match] = {id(m): m for m in named}
        kept = []
        for match in matches:
            if match.pattern.label == UNIDENTIFIED:
                owner = next(
                    (o for o in named if self._joined(text, o, match) or self._joined(text, match, o)),
                    None,
                )
                if owner is not None:
                    old = grown[id(owner)]
                    grown[id(owner)] = _Match(
                        start=min(old.start, match.start), end=max(old.end, match.end), pattern=old.pattern
                    )
                    continue
            kept.append(match)
        return [grown.get(id(m), m) for m in kept]

    def _joined(self, text: _Text, first: _Match, second: _Match) -> bool:
        """Whether ``second`` follows ``first`` with at most four connector pieces between."""
        gap = second.start - first.end
        if gap < 0 or gap > 4:
            return False
        allowed = CONNECTORS | FRENCH_CONNECTORS if self.lang == "fr" else CONNECTORS
        return all(text.words[k] in allowed for k in range(first.end, second.start))

    def _armed_group(self, label: str) -> bool:
        if label == UNIDENTIFIED or "{country}" in label:
            return False
        entry = self.dictionary.entries.get(label)
        return entry is not None and entry.inter in (2, 3, 4)

    def _country_beside(self, text: _Text, match: _Match) -> tuple[str | None, int, int]:
        """A country adjective or name in the phrase: (country, new end, new start)."""
        after = match.end
        hit = self.countries.at(text, after)
        if hit:
            return hit[1], hit[0], match.start
        # "army of Mali", "l'armée du Burkina", "forces de défense du Niger"
        for gap in (1, 2):
            if all(
                text.word(after + k) in ("of", "du", "de", "d", "'", "the", "la", "l") for k in range(gap)
            ):
                hit = self.countries.at(text, after + gap)
                if hit and not _adjective_only(self.dictionary, text, after + gap, hit[0]):
                    return hit[1], hit[0], match.start
        # "Malian army", "Burkina Faso's army", "the Nigerien National Guard"
        before = match.start
        if text.word(before - 1) == "s" and text.word(before - 2) == "'":
            before -= 2
        for size in (3, 2, 1):
            start = before - size
            if start < 0:
                continue
            hit = self.countries.at(text, start)
            if hit and hit[0] == before:
                return hit[1], match.end, start
        return None, match.end, match.start


def _adjective_only(dictionary: ActorDictionary, text: _Text, start: int, end: int) -> bool:
    country = dictionary.country(" ".join(text.words[start:end]))
    if country is None:
        return True
    return " ".join(text.words[start:end]) not in {key(n) for n in (country.name, *country.names)}


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the sentences: the parser's when it ran, else punctuation."""
    text = doc_text(doc)
    if len(doc) > 1:
        starts = doc.to_array("SENT_START")
        if (starts[1:] != 0).any():
            firsts = [0, *(int(i) for i in (starts[1:] == 1).nonzero()[0] + 1)]
            chars = [doc[i].idx for i in firsts] + [len(text)]
            return list(zip(chars[:-1], chars[1:], strict=True))
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _sentence_country(
    text: _Text, match: _Match, hits: list[tuple[int, int, str]], sentences: list[tuple[int, int]],
    home: frozenset[str] = frozenset(),
) -> str | None:
    """The country named last before the match in its sentence, else the first after it.

    Only home countries count here: "the army, backed by Russian fighters" or "soldiers ... the
    Russia-linked Wagner Group" are not Russian forces; foreign forces are named beside their
    country ("French troops"), which ``_country_beside`` reads.
    """
    char = text.offsets[match.start][0]
    bounds = next(((s, e) for s, e in sentences if s <= char < e), None)
    if bounds is None:
        return None
    edges = _border_hits(text, [h for h in hits if bounds[0] <= text.offsets[h[0]][0] < bounds[1]])
    inside = [h for h in hits if bounds[0] <= text.offsets[h[0]][0] < bounds[1] and (not home or h[2] in home)
              and h not in edges]
    before = [h for h in inside if h[1] <= match.start]
    if before:
        return before[-1][2]
    after = [h for h in inside if h[0] >= match.end]
    return after[0][2] if after else None


#: Words that make a country name the edge of a place, not the owner of a force: "the Malian border",
#: "la frontière burkinabè", "the border with Mali".
_BORDER = frozenset({"border", "borders", "frontier", "frontiere", "frontieres", "bordering", "frontaliere", "frontalier"})


def _border_hits(text: _Text, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The countries named as the edge of a place, with those listed after one ("near the border with Niger
    and Mali")."""
    edges: list[tuple[int, int, str]] = []
    for k, hit in enumerate(hits):
        listed = k > 0 and hits[k - 1] in edges and hit[0] - hits[k - 1][1] == 1 and text.word(hit[0] - 1) in (
            "and", "et", "or", "ou", ",")
        if listed or _at_border(text, hit):
            edges.append(hit)
    return edges


def _at_border(text: _Text, hit: tuple[int, int, str]) -> bool:
    start, end = hit[0], hit[1]
    before = start - 1
    while text.word(before) in ("le", "la", "l", "'", "the"):
        before -= 1  # "la frontière avec le Mali", "the border with the Niger republic"
    return (text.word(end) in _BORDER or text.word(start - 1) in _BORDER
            or text.word(before) in ("with", "avec", "du", "de") and text.word(before - 1) in _BORDER)


def _dedupe(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for span in spans:
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            out.append(span)
    return out


def country_focus(
    doc: Doc, *, title: str | None = None, dictionary: ActorDictionary | None = None
) -> str | None:
    """The country a report is mainly about: the most named one (home countries weigh
    more, the title counts twice, ties go to the first named), or ``None``."""
    dictionary = dictionary or actor_dictionary()
    finder = _finder(dictionary)
    scores: dict[str, float] = {}
    first: dict[str, int] = {}

    def count(hits: list[tuple[int, str]], weight: float, order: int) -> None:
        for start, country in hits:
            scores[country] = scores.get(country, 0.0) + weight
            first.setdefault(country, order * 1_000_000 + start)

    if title:
        title_text = _Text(title)
        count([(title_text.offsets[s][0], c) for s, _e, c in finder.mentions(title_text)], 2.0, -1)
        count([(s, c) for s, c in ((title_text.offsets[s][0], c) for s, _e, c in finder.mentions(title_text))
               if s < _kicker_end(title)], 3.0, -1)
    hits = doc.user_data.get(COUNTRY_KEY)
    if hits is None:
        text = _Text(doc_text(doc))
        hits = [(text.offsets[s][0], c) for s, _e, c in finder.mentions(text)]
    count(hits, 1.0, 0)
    kicker = _kicker_end(doc_text(doc))
    count([(s, c) for s, c in hits if s < kicker], 3.0, 0)
    if not scores:
        return None
    home = {c.name for c in dictionary.countries if c.home}
    return max(scores, key=lambda c: (scores[c] * (1.5 if c in home else 1.0), -first[c]))


#: A headline's kicker: "Niger : ...", "Centre du Mali: ...", "MALI - ..." names the report's country.
_KICKER = re.compile(r"^\s*([^\n:]{2,30}?)\s*(?::|\s-\s)")


def _kicker_end(text: str) -> int:
    """Where the kicker of a text's first line ends (0 without one)."""
    m = _KICKER.match(text)
    return m.end(1) if m else 0


@functools.lru_cache(maxsize=4)
def _finder(dictionary: ActorDictionary) -> CountryFinder:
    return CountryFinder(dictionary)


@Language.factory(
    "sitreps_actors",
    default_config={"lang": "en"},
    assigns=["doc.spans"],
)
def make_actor_ruler(nlp: Language, name: str, lang: str) -> ActorRuler:
    """The registered factory; ``lang`` is "en" or "fr"."""
    if lang not in ("en", "fr"):
        raise ConfigError(f"sitreps_actors: lang must be 'en' or 'fr', not {lang!r}")
    return ActorRuler(lang=lang)
