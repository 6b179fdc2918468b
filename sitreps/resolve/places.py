"""Resolve the toponyms of a Doc to gazetteer entries, and pick an event's place.

``resolve_places(doc, document)`` reads ``doc.spans["toponyms"]`` (from the
``sitreps_toponyms`` component) and the coordinates written in the text, and
returns one ``Place`` a mention.  Each mention's candidates (every gazetteer
entry of that name) are scored in three passes:

1. alone: population (log), kind of feature (capitals up, second-level areas
   down), main name over alternate name, what the words around it say ("the X
   region" wants a region, "X village" a settlement);
2. with the report's focus: the share of mentions that point to each country,
   the countries and first-level regions the report names;
3. with its neighbours: candidates near the places chosen for other mentions.

``geo_precision`` follows ACLED: 1 the named town, 2 near a town ("30 km north
of X", "between X and Y", "near X"), 3 a region or larger (placed at its
centroid).  ``best_event_place`` and ``admin1_of`` serve the event coder.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from spacy.tokens import Doc

from sitreps.knowledge.gazetteer import Entry, Gazetteer, get_gazetteer, haversine_km
from sitreps.knowledge.geo_build import admin_short_name
from sitreps.models import Document, Place
from sitreps.nlp.segment import doc_text
from sitreps.resolve.geo_coords import coordinate_places

__all__ = ["Mention", "Resolver", "admin1_of", "best_event_place", "resolve_places"]

GEO_EXT = "sitreps_geo"  # the Span extension set by sitreps.nlp.toponyms
AREA_FEATURES = ("country", "admin1", "admin2", "continent", "region")
SETTLEMENTS = ("locality", "commune", "camp", "border_post")
ADMIN2_WORDS = ("cercle", "circle", "county", "department", "département", "departement", "province",
                "district", "parish", "prefecture", "préfecture", "arrondissement")
ADMIN1_WORDS = ("region", "région", "state", "governorate", "wilaya")
_FEATURE_PRIOR = {"continent": 1.0, "region": 1.0, "country": 1.0, "admin1": 0.0, "admin2": -0.6, "locality": 0.3, "commune": 0.3,
                  "camp": 0.3, "border_post": 0.3, "site": 0.0}
_SUPPLEMENT = "sitreps Sahel supplement"
_MODIFIER = re.compile(r"^(?:the\s+)?(?:north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|central|"
                       r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?|"
                       r"upper|lower|greater|downtown|rural)\s+", re.I)
MAX_CANDIDATES = 12


@dataclass(frozen=True, kw_only=True)
class Mention:
    """A toponym to resolve: its text, offsets and what its context says (see the toponym component)."""

    text: str
    start: int
    end: int
    relation: str = ""  # "", near, distance, between, area, settlement
    kind: str | None = None
    km: float | None = None
    direction: str | None = None


@dataclass
class _Group:
    """All mentions sharing one name: resolved together."""

    name: str
    mentions: list[Mention]
    candidates: list[Entry] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    choice: int | None = None


def _pop_score(entry: Entry) -> float:
    pop = entry.population
    if entry.feature in ("region", "continent") and pop == 0:
        pop = 10_000_000  # a world region: as likely as a big country
    if entry.source == _SUPPLEMENT and pop < 3000:
        pop = 3000
    return math.log10(pop + 1)


class Resolver:
    """Scores gazetteer candidates for a report's mentions (no spaCy needed)."""

    focus_weight = 4.0
    named_country_bonus = 1.0
    named_admin1_bonus = 1.5
    near_bonus = 1.0
    alternate_penalty = 3.0
    cluster_bonus = 0.8
    stray_population = 50_000
    contained_bonus = 3.0
    region_focus_weight = 3.0
    sequential_groups = 25

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or get_gazetteer()

    # -- candidates
    def _indices(self, text: str) -> list[tuple[int, bool]]:
        tried = [text]
        stripped = _MODIFIER.sub("", text)
        tried += [stripped, admin_short_name(stripped)]
        if stripped.lower().startswith("the "):
            tried.append(stripped[4:])
        if "-" in stripped:  # "D-Iowa City", "Gao-based": the longest piece
            tried.append(max(stripped.split("-"), key=len))
        for name in tried:
            found = self.gaz.indices(name)
            if found:
                return found
        return []

    def candidates(self, text: str) -> list[Entry]:
        found = self._indices(text)
        if not found:
            return []
        idx = np.array([i for i, _ in found])
        alt = np.array([a for _, a in found], dtype=bool)
        # cheap pre-ranking on population and main/alternate name, then full entries for the best
        rank = np.log10(self.gaz.pop[idx] + 1) - alt * 2 + (self.gaz.src[idx] == 3) * 3
        order = np.argsort(-rank, kind="stable")[: MAX_CANDIDATES * 2]
        entries = [self.gaz.entry(int(idx[j]), alternate=bool(alt[j])) for j in order]
        return _merge_supplement(entries)[:MAX_CANDIDATES]

    def base_score(self, entry: Entry, mentions: list[Mention]) -> float:
        score = _pop_score(entry) + _FEATURE_PRIOR.get(entry.feature, 0.0)
        if entry.capital:
            score += 0.7
        if entry.source == _SUPPLEMENT:
            score += 0.5
        if entry.alternate:
            score -= self.alternate_penalty
        relations = {m.relation for m in mentions}
        kinds = {(m.kind or "").lower() for m in mentions}
        if "area" in relations and entry.feature in AREA_FEATURES:
            score += 3.0
            if entry.feature == "admin2" and kinds & set(ADMIN2_WORDS):
                score += 1.5
            if entry.feature == "admin1" and kinds & set(ADMIN1_WORDS):
                score += 1.5
        elif relations & {"settlement", "near", "distance"} and entry.feature in SETTLEMENTS:
            score += 1.5
        return score

    # -- the passes
    def resolve(self, mentions: Sequence[Mention], text: str | None = None) -> list[tuple[Mention, Entry | None]]:
        """The chosen entry (or None) of each mention; ``text`` (the report) lets "X, Y" and "X (Y)" say
        that X lies in Y."""
        groups: dict[str, _Group] = {}
        for m in mentions:
            groups.setdefault(_group_key(m), _Group(name=m.text, mentions=[])).mentions.append(m)
        for g in groups.values():
            if g.mentions[0].relation == "demonym":
                code = self.gaz.demonym(g.name)
                country = self.gaz.country(code) if code else None
                g.candidates = [country] if country else []
                g.base = [0.0] * len(g.candidates)
                g.choice = 0 if g.candidates else None
                continue
            g.candidates = self.candidates(g.name)
            g.base = [self.base_score(c, g.mentions) for c in g.candidates]
            g.choice = int(np.argmax(g.base)) if g.candidates else None
        live = [g for g in groups.values() if g.candidates]
        if text is not None:
            self._containment(mentions, groups, text)
        self._cluster(live)
        # one group at a time, each seeing the others' latest choices (updating all at once can make two
        # names flip together between two readings: "Walker County" and "Huntsville" in Texas or Alabama)
        sequential = len(live) <= self.sequential_groups
        for _ in range(2):
            context = self._context(live)
            for g in live:
                scores = [b + self._context_score(c, g, context) for c, b in zip(g.candidates, g.base, strict=True)]
                choice = int(np.argmax(scores))
                if sequential and choice != g.choice:
                    g.choice = choice
                    context = self._context(live)
                g.choice = choice
        context = self._context(live)
        for g in live:
            if self._stray(g, context):
                g.choice = None
            else:
                g.choice = self._town_of_its_name(g)
        out: list[tuple[Mention, Entry | None]] = []
        for m in mentions:
            g = groups[_group_key(m)]
            out.append((m, g.candidates[g.choice] if g.choice is not None else None))
        return out

    def _containment(self, mentions: Sequence[Mention], groups: dict[str, _Group], text: str) -> None:
        """"Paris, Texas", "Kidal (Mali)", "Fargo, N.D.": candidates of X inside a candidate of Y score up."""
        ordered = sorted(mentions, key=lambda m: m.start)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if not _CONTAINED.match(text[a.end:b.start]):
                continue
            inner, outer = groups[_group_key(a)], groups[_group_key(b)]
            if inner is outer:
                continue
            for j, c in enumerate(inner.candidates):
                for k, d in enumerate(outer.candidates):
                    if _inside(c, d):
                        inner.base[j] += self.contained_bonus
                        outer.base[k] += self.contained_bonus / 3
                        break

    def _cluster(self, groups: list[_Group]) -> None:
        """Candidates with a candidate of another mention close by score up (towns named together)."""
        owner, lat, lon = [], [], []
        for n, g in enumerate(groups):
            for c in g.candidates:
                owner.append(n)
                lat.append(c.latitude)
                lon.append(c.longitude)
        if len(groups) < 2 or len(owner) > 2000:
            return
        la, lo = np.radians(np.array(lat)), np.radians(np.array(lon))
        a = (np.sin((la[:, None] - la[None, :]) / 2) ** 2
             + np.cos(la[:, None]) * np.cos(la[None, :]) * np.sin((lo[:, None] - lo[None, :]) / 2) ** 2)
        dist = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
        own = np.array(owner)
        dist[own[:, None] == own[None, :]] = np.inf
        k = 0
        for g in groups:
            for j, c in enumerate(g.candidates):
                if c.feature not in ("country", "continent", "admin1", "region"):
                    row = dist[k]
                    close = len({owner[m] for m in np.flatnonzero(row < 50)})
                    fair = len({owner[m] for m in np.flatnonzero(row < 150)}) - close
                    g.base[j] += self.cluster_bonus * min(2.0, close + fair / 2)
                k += 1

    def _context(self, groups: list[_Group]) -> dict[str, Any]:
        votes: dict[str, float] = defaultdict(float)
        region_votes: dict[tuple[str, str], float] = defaultdict(float)
        solid: dict[str, float] = defaultdict(float)  # votes of mentions that are not common words
        own: dict[str, tuple[str, float]] = {}
        named_countries: set[str] = set()
        named_admin1: set[tuple[str, str]] = set()
        points: list[tuple[str, float, float]] = []
        for g in groups:
            assert g.choice is not None
            chosen = g.candidates[g.choice]
            weight = len(g.mentions) * (2.0 if chosen.feature in ("country", "admin1") else 1.0)
            if chosen.alternate:
                weight *= 0.3  # a name that is only an alternate spelling is weak evidence of the focus
            votes[chosen.country_code] += weight
            # mentions of one name vote once: "Dublin" and "the Dublin area" are not two witnesses
            prev_cc, prev_weight = own.get(_name_key(g), (chosen.country_code, 0.0))
            own[_name_key(g)] = (prev_cc, prev_weight + weight)
            if not _is_common(g):
                solid[chosen.country_code] += weight
            if chosen.feature == "country":
                named_countries.add(chosen.country_code)
            elif chosen.feature == "admin1":
                named_admin1.add((chosen.country_code, _fold_admin(chosen.name)))
            if chosen.feature not in ("country", "admin1"):
                points.append((g.name, chosen.latitude, chosen.longitude))
            if chosen.feature != "country" and chosen.admin1:
                region_votes[(chosen.country_code, _fold_admin(chosen.admin1))] += weight
        return {"region_votes": region_votes, "votes": votes, "solid": solid, "total": sum(votes.values()), "own": own,
                "countries": named_countries,
                "admin1": named_admin1, "points": points}

    @staticmethod
    def _town_of_its_name(g: _Group) -> int:
        """A region or district named like its main town stands for the town, unless the text says
        "region" ("Ménaka" the town, "la région de Ménaka" the region)."""
        assert g.choice is not None
        chosen = g.candidates[g.choice]
        if chosen.feature not in ("admin1", "admin2") or any(m.relation == "area" for m in g.mentions):
            return g.choice
        area = _fold_admin(chosen.name)
        for j, c in enumerate(g.candidates):
            if (c.feature in SETTLEMENTS and c.country_code == chosen.country_code and not c.alternate
                    and (c.population >= 1000 or c.source == _SUPPLEMENT)
                    and area in {_fold_admin(c.admin1 or ""), _fold_admin(c.admin2 or "")}):
                return j
        return g.choice

    @staticmethod
    def _own_region(g: _Group) -> tuple[str, str] | None:
        assert g.choice is not None
        chosen = g.candidates[g.choice]
        return (chosen.country_code, _fold_admin(chosen.admin1)) if chosen.admin1 and chosen.feature != "country" else None

    def _stray(self, g: _Group, context: dict[str, Any]) -> bool:
        """A small foreign town that nothing else in a focused report points to: most likely a misreading
        (an acronym, a person, a common word) rather than a place."""
        assert g.choice is not None
        c = g.candidates[g.choice]
        own_cc, own_weight = context["own"].get(_name_key(g), ("", 0.0))
        others = context["total"] - own_weight
        support = context["votes"].get(c.country_code, 0.0) - (own_weight if own_cc == c.country_code else 0.0)
        if c.feature != "country" and _is_common(g):
            # "le Centre et le Nord" of Mali are not Burkina's regions: only other, ordinary names count
            return others >= 1 and context["solid"].get(c.country_code, 0.0) <= 0
        if c.feature in AREA_FEATURES or c.population >= self.stray_population or c.source == _SUPPLEMENT:
            return False
        return others >= 2 and support <= 0

    def _context_score(self, c: Entry, g: _Group, context: dict[str, Any]) -> float:
        # the report's focus, leaving out this mention's own vote
        own_cc, own_weight = context["own"].get(_name_key(g), ("", 0.0))
        total = context["total"] - own_weight
        votes = context["votes"].get(c.country_code, 0.0) - (own_weight if own_cc == c.country_code else 0.0)
        score = self.focus_weight * votes / total if total > 0 else 0.0
        if c.country_code in context["countries"] and c.feature != "country":
            score += self.named_country_bonus
        if c.admin1 and (c.country_code, _fold_admin(c.admin1)) in context["admin1"] and c.feature != "admin1":
            score += self.named_admin1_bonus
        if c.admin1 and c.feature != "country" and total > 0:
            # the report's first-level region: "Dublin" in a report about Ohio towns is Dublin, Ohio
            region = (c.country_code, _fold_admin(c.admin1))
            region_votes = context["region_votes"].get(region, 0.0)
            if own_cc == c.country_code and self._own_region(g) == region:
                region_votes -= own_weight
            score += self.region_focus_weight * max(region_votes, 0.0) / total
        if c.feature not in ("country", "admin1") and context["points"]:
            near = _nearest_km(c, g.name, context)
            if near < 100:
                score += self.near_bonus
            elif near < 300:
                score += self.near_bonus / 2
        return score


_MAYBE_COORDINATES = re.compile(r"\d\s*(?:°|º|deg|['′’]|[NS]\b)|\b[NS]\s*\d")
_CONTAINED = re.compile(r"^\s*(?:,|\(|-|–)\s*$")


def _inside(c: Entry, d: Entry) -> bool:
    """Whether entry ``c`` lies in the area ``d`` (a country, first or second-level region)."""
    if c is d or c.country_code != d.country_code or c.feature == d.feature:
        return False
    if d.feature == "country":
        return c.feature != "country"
    if d.feature == "admin1":
        return c.feature not in ("country", "admin1") and _fold_admin(c.admin1 or "") == _fold_admin(d.name)
    if d.feature == "admin2":
        return c.feature in SETTLEMENTS and _fold_admin(c.admin2 or "") == _fold_admin(d.name)
    return False


def _name_key(g: _Group) -> str:
    return _group_key(g.mentions[0]).split("\x1f")[0]


def _is_common(g: _Group) -> bool:
    return _group_key(g.mentions[0]).split("\x1f")[0] in _common_words()


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Folded capitalised common words that also name places ("Centre", "Nord", "Police")."""
    from sitreps.knowledge.geo_build import COMMON_WORDS, read_tsv
    from sitreps.knowledge.geo_names import key

    return frozenset(key(r["word"]) for r in read_tsv(COMMON_WORDS))


def _nearest_km(c: Entry, name: str, context: dict[str, Any]) -> float:
    """Distance from ``c`` to the nearest place chosen for another mention (vectorised)."""
    if "point_arrays" not in context:
        pts = context["points"]
        context["point_arrays"] = (np.array([p[0] for p in pts]), np.radians(np.array([p[1] for p in pts])),
                                   np.radians(np.array([p[2] for p in pts])))
    names, lat, lon = context["point_arrays"]
    la, lo = math.radians(c.latitude), math.radians(c.longitude)
    a = np.sin((lat - la) / 2) ** 2 + math.cos(la) * np.cos(lat) * np.sin((lon - lo) / 2) ** 2
    dist = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    dist = dist[names != name]
    return float(dist.min()) if dist.size else math.inf


def _group_key(mention: Mention) -> str:
    """Mentions of one name resolve together, but "the Ménaka region" apart from "Ménaka"."""
    from sitreps.knowledge.geo_names import key

    return key(mention.text) + ("\x1farea" if mention.relation == "area" else "")


@functools.lru_cache(maxsize=4096)
def _fold_admin(name: str) -> str:
    from sitreps.knowledge.geo_names import key

    return key(admin_short_name(name))


def _merge_supplement(entries: list[Entry]) -> list[Entry]:
    """A supplement row and a package town at the same spot are one place: keep the supplement's names."""
    supplement = [e for e in entries if e.source == _SUPPLEMENT]
    if not supplement:
        return entries
    out = []
    for e in entries:
        twin = next((s for s in supplement if e is not s and e.source != _SUPPLEMENT and e.feature in SETTLEMENTS
                     and s.country_code == e.country_code
                     and haversine_km(s.latitude, s.longitude, e.latitude, e.longitude) < 15), None)
        if twin is None:
            out.append(e)
    merged = []
    for e in out:
        if e.source == _SUPPLEMENT:
            twin = next((t for t in entries if t.source != _SUPPLEMENT and t.feature in SETTLEMENTS
                         and t.country_code == e.country_code
                         and haversine_km(t.latitude, t.longitude, e.latitude, e.longitude) < 15), None)
            if twin is not None:
                e = replace(e, geonames_id=twin.geonames_id, population=max(e.population, twin.population))
        merged.append(e)
    return merged


def precision_of(entry: Entry, mention: Mention) -> int:
    """ACLED geo_precision of a resolved mention."""
    if entry.feature in AREA_FEATURES:
        return 3
    if mention.relation in ("near", "distance", "between") or entry.feature == "site":
        return 2
    return 1


def to_place(mention: Mention, entry: Entry | None) -> Place:
    if entry is None:
        return Place(name=mention.text, start=mention.start, end=mention.end, relation=mention.relation or None)
    return Place(
        name=entry.name, start=mention.start, end=mention.end, latitude=round(entry.latitude, 5),
        longitude=round(entry.longitude, 5), country=entry.country, country_code=entry.country_code,
        admin1=None if entry.feature == "country" else entry.admin1,
        admin2=entry.admin2 if entry.feature not in ("country", "admin1") else None,
        geonames_id=entry.geonames_id, feature=entry.feature, geo_precision=precision_of(entry, mention),
        source=entry.source, relation=mention.relation or None,
    )


def mentions_of(doc: Doc) -> list[Mention]:
    """The toponym spans of a Doc as ``Mention``s."""
    if "toponyms" not in doc.spans:
        return []
    out = []
    for span in doc.spans["toponyms"]:
        info = span._.get(GEO_EXT) if span.has_extension(GEO_EXT) else None
        info = info or {}
        out.append(Mention(text=span.text, start=span.start_char, end=span.end_char,
                           relation=str(info.get("relation") or ""), kind=info.get("kind"),
                           km=info.get("km"), direction=info.get("direction")))
    return out


def resolve_places(doc: Doc, document: Document, *, keep_unresolved: bool = False) -> list[Place]:
    """One ``Place`` a toponym of ``doc`` (and a coordinate pair written in the text), in text order.

    Mentions the gazetteer cannot place are dropped unless ``keep_unresolved``.
    """
    mentions = mentions_of(doc)
    text = doc_text(doc)  # built once: Doc.text joins every token each time it is read
    places: list[Place] = []
    if mentions:
        resolver = Resolver()
        for mention, entry in resolver.resolve(mentions, text):
            if entry is not None or keep_unresolved:
                places.append(to_place(mention, entry))
    if _MAYBE_COORDINATES.search(text):
        places.extend(coordinate_places(text, get_gazetteer))
    return sorted(places, key=lambda p: (p.start or 0, p.end or 0))


def best_event_place(places: Sequence[Place], start: int, end: int, *, window: int = 300) -> Place | None:
    """The most precise located place mentioned in ``[start, end)``, else the nearest within ``window`` chars.

    Precision 1 beats 2 beats 3; among equals the first mentioned wins (outside the range: the closest).
    """
    located = [p for p in places if p.latitude is not None and p.start is not None and p.end is not None]
    inside = [p for p in located if p.start >= start and p.end <= end]  # type: ignore[operator]
    if inside:
        return min(inside, key=lambda p: (p.geo_precision or 3, p.start))
    nearby = []
    for p in located:
        assert p.start is not None and p.end is not None
        gap = start - p.end if p.end <= start else p.start - end
        if gap <= window:
            nearby.append((p.geo_precision or 3, max(gap, 0), p))
    return min(nearby, key=lambda t: (t[0], t[1]))[2] if nearby else None


def admin1_of(place: Place) -> str | None:
    """The first-level region of a place (its own name when it is one; None for a country)."""
    if place.feature == "country":
        return None
    if place.feature == "admin1":
        return place.admin1 or place.name
    return place.admin1

