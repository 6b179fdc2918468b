"""Where an incident happened: the most precise place of the clauses that report it.

Localities beat districts and regions; a place the text moves away from or towards ("from Kidal",
"heading to", "between X and Y" after a more precise "near Z") gives way to one it happened at; a
place "90 km east of X" or "near X" is X with ACLED geo-precision 2.  Toponyms the gazetteer could not
resolve but that the parser tagged as places after "in", "near", "à"... stand in for an unresolved
village, with the report's country.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources

from spacy.tokens import Doc

from sitreps.knowledge import lexicon
from sitreps.models import ActorMention, Place
from sitreps.nlp.segment import doc_text

COARSE = {"country", "continent", "region"}
_RANK = {"locality": 0, "admin3": 1, "admin2": 2, "admin1": 3}


def places_in(places: Sequence[Place], start: int, end: int) -> list[Place]:
    """The places named between two character offsets."""
    return [p for p in places if p.start is not None and start <= p.start < end]


def is_spot(place: Place) -> bool:
    """A town, village, camp or other point, not an administrative area."""
    return is_fine(place) and (place.feature or "locality") not in _RANK or place.feature == "locality"


def is_fine(place: Place) -> bool:
    """Finer than a country."""
    return (place.feature or "locality") not in COARSE


def rank(place: Place, text: str, lang: str) -> tuple[int, int, int]:
    """Sort key: (feature rank, 1 if the text moves away from/towards it, position)."""
    before = lexicon.fold(text[max(0, (place.start or 0) - 24) : place.start or 0])
    away = lexicon.cues(lang).get("away")
    words = before.split()
    moving = bool(away and words and (away.fullmatch(words[-1]) or away.fullmatch(" ".join(words[-2:]))))
    return (_RANK.get(place.feature or "locality", 0), int(moving), place.start or 0)


def best_place(places: Sequence[Place], text: str, lang: str) -> Place | None:
    fine = [p for p in places if is_fine(p)]
    return min(fine, key=lambda p: rank(p, text, lang)) if fine else None


def geo_precision(place: Place, text: str, lang: str) -> int:
    """ACLED geo-precision: 1 the town itself, 2 near it or part of an area, 3 a region or larger."""
    before = lexicon.fold(text[max(0, (place.start or 0) - 30) : place.start or 0])
    near = lexicon.cues(lang).get("near")
    precision = place.geo_precision or (1 if is_spot(place) else 3)
    if near is not None and near.search(before) and precision == 1:
        return 2
    return precision


#: What follows a dateline's town: "(Reuters) -", "— ", ", March 3 (AFP) -", ", 12 janvier 2024 (APS) -".
_DATELINE_TAIL = re.compile(
    r"\s*(\([^()\n]{1,25}\)\s*[-—–:]|[-—–]\s|,\s*(\d{1,2}\s+)?\w+\.?\s+(\d{1,2},?\s+)?(\d{4}\s*)?\("
    r"|,\s*(\d{1,2}\s+)?[A-Za-zéû]+\.?(\s+\d{1,2})?(,?\s+\d{4})?\s*[-—–]\s)")  # "NIAMEY, Nov 8 - "


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether the place opens a line as a news dateline (the place the report was filed from)."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and _DATELINE_TAIL.match(text, end) is not None


def usable_places(places: Sequence[Place], actors: Sequence[ActorMention], text: str, lang: str = "en") -> list[Place]:
    """Places that may locate an incident: not inside an actor's name, not a dateline."""
    out = []
    for place in places:
        if place.start is None or place.end is None:
            continue
        if any(a.start <= place.start < a.end for a in actors):
            continue
        before = lexicon.fold(text[max(0, place.start - 14) : place.start]).replace("-", " ").split()
        metonym = lexicon.cues(lang).get("metonym")
        if before and metonym is not None and (metonym.fullmatch(before[-1]) or metonym.fullmatch(" ".join(before[-2:]))):
            continue  # "according to Paris", "pro-Bamako": a government, not a place of the incident
        after = lexicon.fold(text[place.end : place.end + 14]).split()[:1]
        follow = lexicon.cues(lang).get("metonym_after")
        if after and follow is not None and follow.fullmatch(after[0]):
            continue  # "the Niamey authorities": a government, not a place of the incident
        if _dateline(text, place.start, place.end):
            continue  # "BAMAKO (Reuters) -", the place the report was filed from
        out.append(place)
    return out


def unresolved_places(doc: Doc, places: Sequence[Place], actors: Sequence[ActorMention], lang: str,
                      country: str | None) -> list[Place]:
    """Toponyms the parser found after a locative word that no resolved place or actor covers."""
    locative = lexicon.cues(lang).get("locative")
    out = []
    strong = lexicon.cues(lang).get("place_of")
    text = doc_text(doc)
    for ent in doc.ents:
        if not ent.text[:1].isupper() or ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            continue
        before = lexicon.fold(text[max(0, ent.start_char - 14) : ent.start_char]).split()
        near = bool(before and strong is not None and (strong.fullmatch(before[-1]) or strong.fullmatch(
            " ".join(before[-2:]))))
        if ent.label_ not in ("GPE", "LOC", "FAC") and not near:
            continue
        start, end = ent.start_char, ent.end_char
        if any(p.start is not None and p.end is not None and p.start < end and start < p.end for p in places):
            continue
        if any(a.start < end and start < a.end for a in actors):
            continue
        before = lexicon.fold(text[max(0, start - 14) : start]).split()
        if not before or locative is None or not (
            locative.fullmatch(before[-1]) or locative.fullmatch(" ".join(before[-2:]))
        ):
            continue
        out.append(Place(name=ent.text, start=start, end=end, country=country, feature="locality",
                         geo_precision=2, source="unresolved"))
    return out


def surface_name(place: Place, text: str) -> str:
    """The place as the report spells it ("Chinagodrar", "Timbuktu"), else the gazetteer's name."""
    if place.start is None or place.end is None or place.source == "capital":
        return place.name
    surface = text[place.start : place.end].strip()
    for suffix in ("'s", "’s"):
        surface = surface.removesuffix(suffix)
    if not surface or not surface[:1].isupper() or len(surface) > 60:
        return place.name
    return surface


def capital_places(text: str, lang: str, country: str | None) -> list[Place]:
    """ "in the capital", "dans la capitale": the capital of the report's country, where it is known."""
    regex = lexicon.cues(lang).get("capital")
    if regex is None or country is None or country not in lexicon.capitals():
        return []
    name, admin1 = lexicon.capitals()[country]
    return [Place(name=name, start=m.start(), end=m.end(), country=country, admin1=admin1, feature="locality",
                  geo_precision=1, source="capital") for m in regex.finditer(lexicon.fold(text))]


@functools.lru_cache(maxsize=1)
def _acled_names() -> dict[tuple[str, str], str]:
    text = resources.files("sitreps.knowledge.data").joinpath("acled_admin1_names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {(country, lexicon.fold(name)): acled for country, name, acled in rows[1:]}


def acled_admin1(name: str | None, country: str | None) -> str | None:
    """A first-level region under ACLED's name ("Tombouctou" -> "Timbuktu")."""
    if name is None:
        return None
    return _acled_names().get((country or "", lexicon.fold(name)), name)


_ADMIN_RANK = {"admin1": 0, "admin2": 1, "admin3": 2}


_AREA_AFTER = re.compile(r"^(?:'s)?\s*(?:region|province|cercle|department|district|prefecture)\b")
_AREA_BEFORE = re.compile(r"\b(?:region|province|cercle|departement|prefecture)\s+(?:de\s+l'|de\s+la\s+|du\s+|de\s+|des\s+)?$")


def named_as_area(place: Place, text: str) -> bool:
    """Whether the text names the place as an area: "the Menaka region", "la région de Tillabéri",
    "the Bankass cercle", "province du Soum"."""
    if place.start is None or place.end is None:
        return False
    after = lexicon.fold(text[place.end : place.end + 16])
    before = lexicon.fold(text[max(0, place.start - 24) : place.start])
    return bool(_AREA_AFTER.search(after) or _AREA_BEFORE.search(before))


def admin1_nearby(chosen: Place | None, places: Sequence[Place], sentence: tuple[int, int],
                  neighbours: Sequence[tuple[int, int]], country: str | None, skip_before: int = 0,
                  text: str = "") -> str | None:
    """The region of an incident whose place has none (an unresolved village, or only the country), from
    a region or province named in its sentence ("Tadaryat, a village in Oudalan province"), else in the
    sentence before or after it.  A town of the same sentence stands in only for an unresolved place;
    the capital ("in the capital") and the headline never do."""
    if country is None:
        return None

    def usable(p: Place, lo: int, hi: int) -> bool:
        return (p.start is not None and lo <= p.start < hi and p.start >= skip_before and p.country == country
                and p.source not in ("capital", "unresolved") and p is not chosen and p.admin1 is not None)

    at = chosen.start if chosen is not None and chosen.start is not None else sentence[0]
    spot = chosen is not None and is_fine(chosen)
    def area(p: Place) -> bool:
        return p.feature in _ADMIN_RANK or bool(text) and named_as_area(p, text)

    inside = [p for p in places if usable(p, *sentence)
              and (area(p) or spot and p.feature in (None, "locality"))]
    if inside:
        best = min(inside, key=lambda p: (_ADMIN_RANK.get(p.feature or "", 3 - area(p)), abs((p.start or 0) - at)))
        return best.admin1
    for lo, hi in neighbours:
        near = [p for p in places if usable(p, lo, hi) and area(p)]
        if len({p.admin1 for p in near}) == 1:
            return near[0].admin1
    return None
