"""The ``sitreps_toponyms`` component: every place name of a Doc in ``doc.spans["toponyms"]``.

Two sources of candidates:

- the model's entities: GPE, LOC and FAC (English), LOC (French); MISC, ORG,
  PERSON and NORP entities too when their whole text is a strong gazetteer name
  (a country, a first-level region, a Sahel supplement place);
- a gazetteer matcher for the names the model misses: runs of capitalised
  tokens that are a gazetteer name, not a common word of the text, and (for a
  single word) a strong enough entry.

Each span's label is where it came from (``GPE``, ``LOC``, ``FAC``, ``GAZ``),
and ``span._.sitreps_geo`` holds what its context says (see ``geo_context``):
"30 km north of X", "near X", "the X region", "le cercle de X", "X village",
"between X and Y".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitreps.knowledge.geo_build import FEATURES
from sitreps.nlp.segment import NER_RUNS, doc_text, token_mask

PLACE_LABELS = {"en": ("GPE", "LOC", "FAC"), "fr": ("LOC",)}
OTHER_LABELS = ("MISC", "ORG", "PERSON", "PER", "NORP")
CONNECTORS = {"de", "du", "des", "la", "le", "of", "the", "-", "'", "’", "d'", "d’", "el", "al", "en", "sur",
              "upon", "on", "and", "y"}
MAX_TOKENS = 5
STRONG_FEATURES = ("country", "admin1")
#: Actor names that name a state, whose place names stay places ("the Niger army").
STATE_LABELS = ("Military Forces of ", "Police Forces of ", "Government of ")
LEADING_DROP = {"the", "le", "la", "les", "l'", "l’", "a", "an"}
#: Population a town needs to be found by the gazetteer alone from one ordinary word.
MIN_POPULATION = 50_000
#: What follows a dateline's place name.
DATELINE_MARKS = frozenset({"-", "--", "—", "–", ","})
#: Population a town needs to be taken from an ORG entity (alone or inside it) or a PERSON entity.
ORG_TOWN_POPULATION = 15_000
PERSON_TOWN_POPULATION = 50_000
#: Population a town needs to be taken from inside an organisation's name, after its first word.
INNER_TOWN_POPULATION = 100_000


class ToponymFinder:
    """Finds toponym spans; the gazetteer is loaded at the first document, not before."""

    def __init__(self, lang: str, lookup: Callable[[str], list[tuple[str, int, str, bool, str]]] | None = None,
                 demonyms: bool = True) -> None:
        if lang not in ("en", "fr"):
            lang = "en"
        self.lang = lang
        self.demonyms = demonyms
        self.place_labels = PLACE_LABELS[lang]
        self._lookup = lookup
        self._cache: dict[str, list[tuple[str, int, str, bool, str]]] = {}
        self._stop: frozenset[str] | None = None
        self._person_words: set[str] = set()
        self._countries: set[str] = set()
        self._place_texts: set[str] = set()
        self._country_cache: dict[str, frozenset[str]] = {}
        self._demonyms: dict[str, str | None] = {}
        self._tokens: list[Token] = []
        self._words: list[str] = []
        self._caps: list[bool] = []
        register_extension()

    # -- gazetteer access, kept small so tests can pass a fake
    def matches(self, text: str) -> list[tuple[str, int, str, bool, str]]:
        """``(feature, population, source, alternate, country code)`` of the entries named ``text``."""
        found = self._cache.get(text)
        if found is None:
            if self._lookup is None:
                self._lookup = _gazetteer_lookup
            found = self._lookup(text)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[text] = found
        return found

    def stop_words(self) -> frozenset[str]:
        if self._stop is None:
            if self.lang == "fr":
                from spacy.lang.fr.stop_words import STOP_WORDS
            else:
                from spacy.lang.en.stop_words import STOP_WORDS
            from spacy.lang.en.stop_words import STOP_WORDS as EN

            from sitreps.knowledge.geo_build import COMMON_WORDS, read_tsv

            common = {r["word"].lower() for r in read_tsv(COMMON_WORDS)}
            self._stop = frozenset(STOP_WORDS) | frozenset(EN) | word_list("calendar") | frozenset(common)
        return self._stop

    def strong(self, text: str) -> bool:
        """A country, a first-level region or a supplement place (by its main name, or any country name)."""
        return any((f in STRONG_FEATURES or src == "supplement") and not alt for f, _, src, alt, _ in self.matches(text))

    # -- the component
    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        taken = [False] * len(doc)
        blocked = [False] * len(doc)
        self._tokens = list(doc)  # Token objects are built on each access: build them once
        self._words = [t.text for t in self._tokens]
        self._caps = [capitalised(w) for w in self._words]
        inside_org: list[tuple[int, int]] = []
        # countries the model's place entities name: a town of theirs may be taken from a PERSON or ORG
        self._countries = self._countries_named(doc)
        # one sense per report: a name the model tags as a place once is a place where it says ORG or PERSON
        places = [self._trim(e) for e in doc.ents if e.label_ in self.place_labels]
        self._place_texts = {p.text for p in places if p is not None and capitalised(p.text)}
        self._person_words = self._people_words(doc)
        for ent in doc.ents:
            if ent.label_ in self.place_labels:
                longer = self._strong_run_from(ent)
                if longer is not None:
                    spans.append(longer)
                    continue
                span = self._trim(ent)
                if span is not None and self._keep_entity(span) and not (
                        len(span) == 1 and span[0].lower_ in self._person_words and not self.strong(span.text)):
                    spans.append(span)
                continue
            if ent.label_ not in OTHER_LABELS:
                continue
            span = self._trim(ent)
            longer = self._strong_run_from(ent)
            if longer is not None:
                spans.append(longer)
            elif span is not None and self.demonyms and self._demonym(span.text):
                spans.append(Span(doc, span.start, span.end, label="NORP"))
            elif span is not None and self._whole_entity_is_place(span, ent.label_):
                spans.append(Span(doc, span.start, span.end, label="GAZ"))
            else:
                for i in range(ent.start, ent.end):
                    blocked[i] = True
                if ent.label_ in ("ORG", "MISC") or (len(ent) > 1 and any(
                        t.lower_ in word_list("institution") for t in ent)):  # "Alexandria Police" tagged PERSON
                    inside_org.append((ent.start, ent.end))
        spans.extend(self._nationalities(doc, spans))
        for span in spans:
            for i in range(span.start, span.end):
                taken[i] = True
        spans.extend(self._gazetteer_spans(doc, taken, blocked))
        spans.extend(self._datelines(doc, taken))
        for start, end in inside_org:
            spans.extend(self._names_inside(doc, start, end))
        # a name inside a group's name is no place ("Wagner mercenaries": not Wagner, South Dakota); a state's
        # forces keep theirs ("the Niger army")
        groups = non_state_groups(doc)
        spans = sorted(filter_spans([s for s in spans if s.label_ == "NORP" or not any(
            a <= s.start and s.end <= b for a, b in groups)]), key=lambda s: s.start)
        text = doc_text(doc)  # built once: Doc.text joins every token each time it is read
        for span in spans:
            info = context_of(doc, span, self.lang, text=text)
            if span.label_ == "NORP":
                info["relation"] = "demonym"
            span._.set(GEO_EXT, info)
        mark_between(doc, spans, self.lang, text=text)
        doc.spans["toponyms"] = spans
        return doc

    def _nationalities(self, doc: Doc, found: list[Span]) -> Iterable[Span]:
        """Capitalised nationality words where the recogniser did not run (``sitreps.nlp.cascade``):
        where it runs, it tags them NORP, which the entity loop above reads."""
        runs = doc.user_data.get(NER_RUNS)
        if runs is None or not self.demonyms:
            return
        ran = token_mask(len(doc), [*runs, *((span.start, span.end) for span in found)])
        for i, word in enumerate(self._words):
            if not ran[i] and self._caps[i] and self.demonym(word):
                yield Span(doc, i, i + 1, label="NORP")

    def _people_words(self, doc: Doc) -> set[str]:
        """Words of people's names ("Paris" of "Paris Hilton"), but not a word the model tags as a place
        on its own elsewhere in the report ("Alexandria" of "Alexandria Commonwealth's Attorney" in a
        report that also says "in Alexandria"): one sense per report, the place's."""
        people = [self._trim(e) for e in doc.ents if e.label_ in ("PERSON", "PER")
                  and not any(t.lower_ in word_list("institution") for t in e)]
        return {t.lower_ for p in people if p is not None and len(p) > 1 for t in p
                if t.text not in self._place_texts}

    def _demonym(self, text: str) -> str | None:
        from sitreps.knowledge.gazetteer import get_gazetteer

        if self._lookup is not None and self._lookup is not _gazetteer_lookup:
            return None  # a test's fake gazetteer has no demonyms
        return get_gazetteer().demonym(text)

    def _countries_named(self, doc: Doc) -> set[str]:
        """Codes of the countries a text names (one or two capitalised words: "Niger", "Burkina Faso")."""
        found: set[str] = set()
        words, caps, tokens = self._words, self._caps, self._tokens
        for i, word in enumerate(words):
            if not caps[i]:
                continue
            names = [word]
            if i + 1 < len(words) and caps[i + 1]:
                names.append(word + tokens[i].whitespace_ + words[i + 1])
            for name in names:
                codes = self._country_cache.get(name)
                if codes is None:
                    codes = frozenset(cc for f, _, _, alt, cc in self.matches(name) if f == "country" and not alt)
                    self._country_cache[name] = codes
                found |= codes
        return found

    def _strong_run_from(self, ent: Span) -> Span | None:
        """A strong place name of capitalised words around an entity, longer than it: the model tagged
        only a part ("Bambara" of "Bambara Maoudé", "Bangou" of "Tchoma Bangou")."""
        doc = ent.doc
        first, end = ent.start, ent.end
        while first > 0 and ent.end - first < MAX_TOKENS and capitalised(doc[first - 1].text):
            first -= 1
        while end < len(doc) and end - first < MAX_TOKENS and capitalised(doc[end].text):
            end += 1
        if (first, end) == (ent.start, ent.end):
            return None
        for begin in range(first, ent.start + 1):
            for stop in range(end, ent.end - 1, -1):
                if (begin, stop) != (ent.start, ent.end) and self.strong(doc[begin:stop].text):
                    return Span(doc, begin, stop, label="GAZ")
        return None

    def _whole_entity_is_place(self, span: Span, label: str) -> bool:
        """An ORG or PERSON entity that is all a place name: a strong one, or a big enough town."""
        if len(span) == 1 and (span[0].lower_ in self.stop_words() or span[0].lower_ in self._person_words
                               or (span[0].is_upper and len(span[0]) <= 4 and not self.strong(span.text))):
            return False
        if self.strong(span.text):
            return label not in ("PERSON", "PER") or len(span) > 1 or span[0].lower_ not in self._person_words
        if span.text in self._place_texts and self.matches(span.text):
            return True
        if len(span) > 1 and span[-1].lower_ in word_list("area"):  # "Laurel County", "Rapides Parish"
            return any(f in ("admin1", "admin2") and not alt for f, _, _, alt, _ in self.matches(span.text))
        least = ORG_TOWN_POPULATION if label in ("ORG", "MISC") else PERSON_TOWN_POPULATION
        return any(f == "locality" and not alt and (pop >= least or cc in self._countries)
                   for f, pop, _, alt, cc in self.matches(span.text))

    def _area_at(self, doc: Doc, start: int) -> bool:
        """Whether ``doc[start]`` and the next word name a second-level area ("Henderson County"): a known
        one, or any name before "County" or "Parish" (never the town of that name elsewhere)."""
        if start + 1 >= len(doc) or doc[start + 1].lower_ not in word_list("area"):
            return False
        return doc[start + 1].lower_ in word_list("county") or any(
            f == "admin2" and not alt for f, _, _, alt, _ in self.matches(doc[start:start + 2].text))

    def _names_inside(self, doc: Doc, start: int, end: int) -> Iterable[Span]:
        """Places named inside an organisation: countries and first-level regions anywhere ("University
        of Texas"), a nationality or a big town as its first word ("American Red Cross", "Dublin City
        Council"), but a county rather than its namesake town ("Henderson County Crimestoppers")."""
        while start < end - 1 and doc[start].lower_ in ("the", "la", "le", "les", "l'"):
            start += 1  # "the Dublin Historical Society"
        first = doc[start]
        if self.demonyms and capitalised(first.text) and self._demonym(first.text):
            yield Span(doc, start, start + 1, label="NORP")
            start += 1
        elif end - start > 1 and capitalised(first.text) and first.lower_ not in self.stop_words() \
                and first.lower_ not in self._person_words \
                and not self._area_at(doc, start) and any(
                    f == "locality" and not alt and pop >= ORG_TOWN_POPULATION
                    for f, pop, _, alt, _ in self.matches(first.text)):
            yield Span(doc, start, start + 1, label="GAZ")
            start += 1
        for i in range(start, end):
            for j in range(min(end, i + MAX_TOKENS), i, -1):
                span = doc[i:j]
                if not capitalised(span[0].text) or not capitalised(span[-1].text):
                    continue
                if len(span) == 1 and span[0].lower_ in self.stop_words():
                    continue
                if self.strong(span.text) or (len(span) > 1 and span[-1].lower_ in word_list("area") and any(
                        f == "admin2" and not alt for f, _, _, alt, _ in self.matches(span.text))) or (
                        i > start and span[0].lower_ not in self._person_words and any(
                        f == "locality" and not alt and pop >= INNER_TOWN_POPULATION
                        for f, pop, _, alt, _ in self.matches(span.text))):
                    yield Span(doc, i, j, label="GAZ")  # a region, or "the Butler County Coroner's Office"
                    break

    def _keep_entity(self, span: Span) -> bool:
        if span.label_ != "FAC":
            return any(c.isalpha() for c in span.text)
        return self.strong(span.text)  # a facility only when it is a known camp, post or region

    @staticmethod
    def _trim(ent: Span) -> Span | None:
        """Drop leading determiners and descriptors ("camp militaire de"), a trailing "'s"."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (doc[start].lower_ in LEADING_DROP or not (doc[start].text[:1].isupper()
                                                                         or doc[start].text[:1].isdigit())):
            start += 1
        while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct
                               or doc[end - 1].is_lower):  # "Menaka lundi"
            end -= 1
        if start >= end:
            return None
        return Span(doc, start, end, label=ent.label_)

    def _gazetteer_spans(self, doc: Doc, taken: list[bool], blocked: list[bool]) -> Iterable[Span]:
        stop = self.stop_words()
        words, caps, tokens = self._words, self._caps, self._tokens
        lower_words = {w for w in words if w.islower()}
        n = len(doc)
        i = 0
        while i < n:
            if taken[i] or blocked[i] or not caps[i] or (
                    i > 0 and caps[i - 1] and not tokens[i - 1].is_sent_start):
                i += 1  # only runs of capitalised words are tried, from their first word
                continue
            found = None
            # longest run first: capitalised words, joined by connectors
            ends = run_ends(words, caps, i, n, lambda k: not taken[k] and not blocked[k])
            for stop_at in reversed(ends):
                span = doc[i:stop_at]
                if self._accept(span, stop, lower_words):
                    found = span
                    break
            if found is None:
                found = self._strong_inside(doc, i, ends, stop)
            if found is not None:
                yield Span(doc, found.start, found.end, label="GAZ")
                i = found.end
            else:
                i += 1

    def _datelines(self, doc: Doc, taken: list[bool]) -> Iterable[Span]:
        """A news dateline: upper-case words opening a sentence before a dash or a comma
        ("TORRINGTON — ...", "HURRICANE, W.Va. - ..."), a town of any size."""
        words, tokens, n = self._words, self._tokens, len(doc)
        for i in range(n):
            if not (tokens[i].is_sent_start or i == 0 or words[i - 1] in (".", "\n", "\n\n")):
                continue
            end = i
            while end < n and end - i < 3 and words[end].isupper() and words[end].isalpha() and not taken[end]:
                end += 1
            if end == i or end >= n or words[end] not in DATELINE_MARKS or len("".join(words[i:end])) < 3:
                continue
            if any(f in ("locality", "commune", "admin2") and not alt
                   for f, _, _, alt, _ in self.matches(doc[i:end].text)):
                yield Span(doc, i, end, label="GAZ")

    def _strong_inside(self, doc: Doc, start: int, ends: list[int], stop: frozenset[str]) -> Span | None:
        """A country, first-level region or supplement place inside a longer run of capitalised words
        ("the North East Texas Regional Water Planning Group")."""
        for j in range(start + 1, ends[-1]):
            if not self._caps[j] or self._words[j].lower() in stop:
                continue
            for stop_at in reversed(ends):
                if stop_at > j and self.strong(doc[j:stop_at].text):
                    return doc[j:stop_at]
        return None

    def _accept(self, span: Span, stop: frozenset[str], lower_words: set[str]) -> bool:
        return self._accepted(span, stop, lower_words, self._person_words, self._countries)

    def taken_alone(self, doc: Doc, words: Sequence[str], caps: Sequence[bool], start: int, end: int,
                    lower_words: set[str]) -> int | None:
        """Where the run of capitalised words at ``start`` ends, if the gazetteer takes it as a place
        whatever the model would say of it; None if not.  Stricter than the finder itself: it knows
        neither the report's people nor the countries its entities name.  ``words`` and ``caps`` are the
        Doc's words and whether each is capitalised; ``end`` bounds the run."""
        stop = self.stop_words()
        ends = run_ends(words, caps, start, end)
        if any(words[k] in ("-", "–") for k in range(start, ends[-1])):
            ends = ends[-1:]  # hyphened names ("Djibo-Bourzanga", a road) are taken whole or not at all
        for stop_at in reversed(ends):
            span = doc[start:stop_at]
            if self._accepted(span, stop, lower_words, set(), set()) and any(
                    not alt and (f in STRONG_FEATURES or src == "supplement" or pop >= MIN_POPULATION)
                    for f, pop, src, alt, _ in self.matches(span.text)):
                return stop_at
        return None

    def demonym(self, text: str) -> str | None:
        """The country a nationality word names ("Malian": ML), if the finder reads demonyms."""
        if not self.demonyms:
            return None
        if text not in self._demonyms:
            if len(self._demonyms) > 50_000:
                self._demonyms.clear()
            self._demonyms[text] = self._demonym(text)
        return self._demonyms[text]

    def _accepted(self, span: Span, stop: frozenset[str], lower_words: set[str], person_words: set[str],
                  countries: set[str]) -> bool:
        text = span.text
        matches = self.matches(text)
        if not matches:
            return False
        if len(span) > 1:
            return any(not alt or f in STRONG_FEATURES or src == "supplement" for f, _, src, alt, _ in matches)
        word = span[0]
        low = word.lower_
        if len(low) < 3 or low in stop or low in lower_words or word.is_digit or low in person_words:
            return False
        if word.is_upper and len(low) <= 4 and not any(f in STRONG_FEATURES and not alt for f, _, _, alt, _ in matches):
            return False  # acronyms
        strong = any((f in STRONG_FEATURES and not alt) or src == "supplement" for f, _, src, alt, _ in matches)
        if strong:
            return True
        if word.is_sent_start and not (word.is_upper and len(word) > 4):  # all-caps datelines may start
            return False
        return any(f == "locality" and not alt and (pop >= MIN_POPULATION or (cc in countries and pop >= 1000))
                   for f, pop, _, alt, cc in matches)


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """One of the finder's word lists in ``knowledge/data/toponym_words.tsv`` ("area", "institution",
    "calendar"); read once, at the first document."""
    from sitreps.knowledge.geo_build import TOPONYM_WORDS, read_tsv

    return frozenset(r["word"].lower() for r in read_tsv(TOPONYM_WORDS) if r["list"] == name)


def run_ends(words: Sequence[str], caps: Sequence[bool], start: int, limit: int,
             free: Callable[[int], bool] | None = None) -> list[int]:
    """Where the runs of capitalised words from ``start`` may end, shortest first: words joined by
    connectors ("Sobane Da", "Fada N'Gourma"), before ``limit``, at most ``MAX_TOKENS`` long, through
    tokens ``free`` allows."""
    ends = [start + 1]
    end = start + 1
    while end < limit and end - start < MAX_TOKENS and (free is None or free(end)):
        if caps[end] or (words[end].lower() in CONNECTORS and end + 1 < limit and caps[end + 1]):
            end += 1
            if caps[end - 1]:
                ends.append(end)
        else:
            break
    return ends


def non_state_groups(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) tokens of the actor names that name no state: a place inside them is no place
    ("Wagner mercenaries"), while "the Niger army" keeps its country."""
    return [(a.start, a.end) for a in doc.spans.get("actors", []) if not a.label_.startswith(STATE_LABELS)]


def capitalised(word: str) -> bool:
    """A word of two characters or more that opens with a capital and has a letter."""
    return len(word) > 1 and word[0].isupper() and any(c.isalpha() for c in word)


def _gazetteer_lookup(text: str) -> list[tuple[str, int, str, bool, str]]:
    from sitreps.knowledge.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    return [(FEATURES[int(gaz.feat[i])], int(gaz.pop[i]), "supplement" if int(gaz.src[i]) == 3 else "package", alt,
             str(gaz.cc[i])) for i, alt in gaz.indices(text)]


@Language.factory(
    "sitreps_toponyms",
    default_config={"lang": "en", "demonyms": True},
    requires=["doc.ents"],
    assigns=["doc.spans"],
)
def make_toponym_finder(nlp: Language, name: str, lang: str, demonyms: bool) -> ToponymFinder:
    """Build the component (``lang`` "en" or "fr"; ``demonyms``: "Malian" marks Mali).

    The gazetteer loads at the first doc, not here.
    """
    return ToponymFinder(lang, demonyms=demonyms)


# -- what the words around a toponym say about it ------------------------------------------------

#: The Span extension holding a toponym's context: a dict (plain values, so Docs still serialise) with
#: ``relation`` ("", "near", "distance", "between", "area", "settlement"), ``kind`` (the word that named
#: it: "region", "cercle", "village", ...), ``km`` and ``direction``.
GEO_EXT = "sitreps_geo"

_DIRS_EN = (r"north(?:\s*-?\s*east|\s*-?\s*west)?|south(?:\s*-?\s*east|\s*-?\s*west)?|east|west|"
            r"northeast|northwest|southeast|southwest")
_DIRS_FR = r"nord(?:\s*-\s*est|\s*-\s*ouest)?|sud(?:\s*-\s*est|\s*-\s*ouest)?|est|ouest"
_NUM = (r"(?P<num>\d+(?:[.,]\d+)?|a few|several|some|about|quelques|une\s+(?:dizaine|quinzaine|vingtaine|"
        r"trentaine|quarantaine|cinquantaine|soixantaine|centaine))")
_ROUGHLY = {"dizaine": 10.0, "quinzaine": 15.0, "vingtaine": 20.0, "trentaine": 30.0, "quarantaine": 40.0,
            "cinquantaine": 50.0, "soixantaine": 60.0, "centaine": 100.0}
_AREA_EN = r"region|province|department|district|state|county|cercle|circle|commune|area|prefecture|governorate|parish"
_AREA_FR = r"r[ée]gion|province|pr[ée]fecture|cercle|commune(?:\s+rurale|\s+urbaine)?|d[ée]partement|arrondissement|zone|wilaya"
_SETTLE_EN = r"village|town|city|locality|hamlet|camp|military camp|army camp|base|military base|outpost|border post"
_SETTLE_FR = (r"village|localit[ée]|ville|bourgade|hameau|camp(?:\s+militaire)?|base(?:\s+militaire)?|"
              r"poste(?:\s+militaire|\s+fronti[èe]re|\s+de\s+s[ée]curit[ée])?|garnison|commune")

_BEFORE = {
    "en": (
        ("distance", re.compile(_NUM + r"\s*(?:-\s*)?(?P<unit>km|kms|kilomet(?:er|re)s?|miles?|mi)\b[^.;:]{0,25}?"
                                r"(?:\b(?P<dir>" + _DIRS_EN + r")\b[^.;:]{0,12}?)?\b(?:of|from|outside)\s+"
                                r"(?:the\s+)?(?:(?:town|city|village|commune|locality)\s+of\s+)?$", re.I)),
        ("near", re.compile(r"\b(?P<dir>" + _DIRS_EN + r")\s+of\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.I)),
        ("near", re.compile(r"\b(?:near|nearby|outside|close\s+to|on\s+the\s+outskirts\s+of|outskirts\s+of|"
                            r"in\s+the\s+vicinity\s+of|not\s+far\s+from|around)\s+(?:the\s+)?"
                            r"(?:(?:town|city|village|locality)\s+of\s+)?$", re.I)),
        ("area", re.compile(r"\b(?:the|a|its|their)\s+(?P<kind>" + _AREA_EN + r")\s+of\s+(?:the\s+)?$", re.I)),
        ("settlement", re.compile(r"\b(?P<kind>" + _SETTLE_EN + r")\s+of\s+$", re.I)),
        ("between", re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|localities|cities)\s+of\s+)?$", re.I)),
    ),
    "fr": (
        ("distance", re.compile(_NUM + r"\s*(?:de\s+)?(?P<unit>km|kms|kilom[èe]tres?)\b[^.;:]{0,25}?"
                                r"(?:\b(?:au|à\s+l['’]|a\s+l['’]|à|a)\s*(?P<dir>" + _DIRS_FR + r")\b[^.;:]{0,12}?)?"
                                r"(?:\bde\s+(?:la\s+(?:ville|localité|commune)\s+de\s+|la\s+|l['’])?|\bd['’]|\bdu\s+)$",
                                re.I)),
        ("near", re.compile(r"\b(?:au|à\s+l['’]|a\s+l['’])\s*(?P<dir>" + _DIRS_FR + r")\s+(?:de\s+(?:la\s+)?|d['’]|du\s+)$",
                            re.I)),
        ("near", re.compile(r"\b(?:près|pres|non\s+loin|aux\s+environs|dans\s+les\s+environs|à\s+proximité|"
                            r"a\s+proximite|aux\s+alentours|en\s+périphérie|à\s+la\s+sortie|aux\s+abords)\s+"
                            r"(?:de\s+(?:la\s+(?:ville|localité)\s+de\s+)?|d['’]|du\s+)$", re.I)),
        ("area", re.compile(r"\b(?P<kind>" + _AREA_FR + r")\s+(?:de\s+|du\s+|des\s+|d['’]\s*)$", re.I)),
        ("settlement", re.compile(r"\b(?P<kind>" + _SETTLE_FR + r")\s+(?:de\s+|d['’]\s*)$", re.I)),
        ("between", re.compile(r"\bentre\s+(?:les\s+(?:localités|villages|villes|communes)\s+de\s+)?$", re.I)),
    ),
}
_AFTER = {
    "en": (("area", re.compile(r"^\s+(?P<kind>" + _AREA_EN + r")\b", re.I)),
           ("settlement", re.compile(r"^\s+(?P<kind>village|town|camp|military camp|army base|base)\b", re.I))),
    "fr": (),
}
_AND = re.compile(r"^\s*(?:and|et|&)\s+(?:the\s+|la\s+|le\s+|l['’])?$", re.I)


def register_extension() -> None:
    if not Span.has_extension(GEO_EXT):
        Span.set_extension(GEO_EXT, default=None)


def context_of(doc: Doc, span: Span, lang: str, *, text: str | None = None) -> dict[str, object]:
    """What the text just before and after ``span`` says about it (see ``GEO_EXT``); pass ``text``
    (``doc.text``) when calling this for many spans."""
    text = doc_text(doc) if text is None else text
    before = text[max(0, span.start_char - 90): span.start_char]
    after = text[span.end_char: span.end_char + 30]
    info: dict[str, object] = {"relation": "", "kind": None, "km": None, "direction": None}
    for relation, pattern in _BEFORE["fr" if lang == "fr" else "en"]:
        m = pattern.search(before)
        if m:
            groups = m.groupdict()
            info.update(relation=relation, kind=(groups.get("kind") or "").lower() or None,
                        direction=_direction(groups.get("dir")), km=_km(groups.get("num"), groups.get("unit")))
            break
    if not info["relation"]:
        for relation, pattern in _AFTER["fr" if lang == "fr" else "en"]:
            m = pattern.search(after)
            if m:
                info.update(relation=relation, kind=m.group("kind").lower())
                break
    return info


def mark_between(doc: Doc, spans: list[Span], lang: str, *, text: str | None = None) -> None:
    """"between X and Y" / "entre X et Y": mark Y as X is marked."""
    text = doc_text(doc) if text is None else text
    for first, second in zip(spans, spans[1:], strict=False):
        info = first._.get(GEO_EXT) or {}
        if info.get("relation") == "between" and _AND.match(text[first.end_char: second.start_char]):
            second._.set(GEO_EXT, {**(second._.get(GEO_EXT) or {}), "relation": "between"})


def _direction(text: str | None) -> str | None:
    if not text:
        return None
    t = re.sub(r"[\s-]+", "", text.lower())
    return {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "nordest": "northeast",
            "nordouest": "northwest", "sudest": "southeast", "sudouest": "southwest"}.get(t, t)


def _km(num: str | None, unit: str | None) -> float | None:
    if not num:
        return None
    try:
        value = float(num.replace(",", "."))
    except ValueError:
        value = _ROUGHLY.get(num.split()[-1].lower(), 10.0)  # "une trentaine": 30; "a few", "several": 10
    if unit and unit.lower().startswith("mi"):
        value *= 1.609
    return value
