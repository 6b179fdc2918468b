"""The actor dictionary: canonical names, aliases, ACLED inter codes, countries.

The data lives in ``data/actors.yaml`` (its header names the sources); it is
read once, on first use.  Matching folds case and accents and ignores hyphens,
so "Al-Qaïda", "al Qaida" and "AL-QAIDA" are the same key.

>>> entry = actor_dictionary().lookup("EIGS")
>>> entry.name if entry else None
'Islamic State Sahel Province'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitreps.errors import ConfigError

DATA_PATH = Path(__file__).with_name("data") / "actors.yaml"

#: A piece is a run of word characters or one punctuation mark; hyphens and
#: whitespace separate pieces and are not pieces themselves.
PIECE = re.compile(r"\w+|[^\w\s\-\u2010-\u2015]")

_QUOTES = {"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"}


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _QUOTES.get(char) or unicodedata.normalize("NFD", char)[0]
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_cased(text: str) -> str:
    """``text`` with accents stripped and curly quotes straightened, same length."""
    if text.isascii():
        return text
    return text.translate(_FOLD)


def fold_text(text: str) -> str:
    """``fold_cased`` and lower-cased, keeping the length (so offsets stay valid)."""
    cased = fold_cased(text)
    lowered = cased.lower()
    if len(lowered) == len(cased):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in cased)


def pieces(text: str) -> tuple[str, ...]:
    """The folded pieces of ``text``: ``"l'Armée"`` -> ``("l", "'", "armee")``."""
    return tuple(PIECE.findall(fold_text(text)))


def key(text: str) -> str:
    """The lookup key of a name: its pieces joined by spaces."""
    return " ".join(pieces(text))


def _is_acronym(alias: str) -> bool:
    """Single words with two or more capitals (AU, FAMa, U.N.) are matched with their case."""
    return " " not in alias.strip() and sum(c.isupper() for c in alias) >= 2


@dataclass(frozen=True, kw_only=True)
class Period:
    """The name an actor went by between two dates (``end`` excluded)."""

    name: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or on >= self.start) and (self.end is None or on < self.end)


@dataclass(frozen=True, kw_only=True)
class ActorEntry:
    """One actor: its scored canonical name, aliases and ACLED inter code."""

    name: str
    inter: int
    aliases: tuple[str, ...] = ()
    country: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    successor: str | None = None
    periods: tuple[Period, ...] = ()

    def name_on(self, on: dt.date | None) -> str:
        """The name the actor went by on ``on`` (ACLED's period name), else the canonical one."""
        if on is not None:
            for period in self.periods:
                if period.covers(on):
                    return period.name
        return self.name


@dataclass(frozen=True, kw_only=True)
class Country:
    name: str
    actor_name: str
    home: bool = False
    capital: str | None = None
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class GenericActor:
    """A description with no country ("the army"): ``template`` holds ``{country}``."""

    template: str
    inter: int
    aliases: tuple[str, ...] = ()
    explicit_country: bool = False


@dataclass(frozen=True, kw_only=True)
class AliasPattern:
    """One alias as the ``sitreps_actors`` ruler matches it.

    ``label`` is a canonical name or a template with ``{country}``; ``mode`` is
    ``"plain"``, ``"context"`` (government metonyms such as "Bamako"),
    ``"generic"`` or ``"generic_explicit"`` (needs a country beside it).
    ``cased`` holds the accent-folded pieces to compare when the alias is
    case-sensitive, else ``None``.
    """

    pieces: tuple[str, ...]
    label: str
    mode: str = "plain"
    cased: tuple[str, ...] | None = None
    needs_determiner: bool = False


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in str(value).split("|") if part.strip())


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"actor dictionary: bad date {value!r} in {where}") from exc


def _bare(alias: str) -> str:
    return alias[1:] if alias[:1] in "=~!^" else alias


class ActorDictionary:
    """Actors, generic descriptions and countries, indexed by folded alias."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        *,
        generics: Iterable[GenericActor] = (),
        countries: Iterable[Country] = (),
    ) -> None:
        self.entries: dict[str, ActorEntry] = {}
        self.generics = tuple(generics)
        self.countries = tuple(countries)
        self._index: dict[str, str] = {}
        for entry in entries:
            if entry.name in self.entries:
                raise ConfigError(f"actor dictionary: {entry.name!r} is listed twice")
            self.entries[entry.name] = entry
        # canonical names first, so no alias can shadow a canonical name
        for entry in self.entries.values():
            self._index.setdefault(key(entry.name), entry.name)
        for entry in self.entries.values():
            for alias in entry.aliases:
                self._index.setdefault(key(_bare(alias)), entry.name)
            for period in entry.periods:
                self._index.setdefault(key(period.name), entry.name)
        for name in (e.successor for e in self.entries.values() if e.successor):
            if name not in self.entries:
                raise ConfigError(f"actor dictionary: unknown successor {name!r}")
        self._generic_index: dict[str, GenericActor] = {}
        for generic in self.generics:
            for alias in generic.aliases:
                self._generic_index.setdefault(key(_bare(alias)), generic)
        self._country_words: dict[str, Country] = {}
        for country in self.countries:
            for word in (country.name, *country.names, *country.adjectives):
                self._country_words.setdefault(key(word), country)
        self._templates = {
            key(generic.template.format(country=c.actor_name)): (generic, c)
            for generic in self.generics
            for c in self.countries
        }

    @classmethod
    def from_path(cls, path: Path) -> ActorDictionary:
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read the actor dictionary {path}: {exc}") from exc
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path}: expected a mapping with 'actors'")
        return cls.from_mapping(data)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ActorDictionary:
        entries = []
        for row in data.get("actors") or []:
            name = str(row["name"])
            periods = tuple(
                Period(
                    name=str(p["name"]),
                    start=_date(p.get("from"), name),
                    end=_date(p.get("until"), name),
                )
                for p in row.get("periods") or []
            )
            entries.append(
                ActorEntry(
                    name=name,
                    inter=int(row["inter"]),
                    aliases=_split(row.get("aliases")),
                    country=row.get("country"),
                    start=_date(row.get("from"), name),
                    end=_date(row.get("until"), name),
                    successor=row.get("successor"),
                    periods=periods,
                )
            )
        generics = [
            GenericActor(
                template=str(row["template"]),
                inter=int(row["inter"]),
                aliases=_split(row.get("aliases")),
                explicit_country=bool(row.get("explicit_country", False)),
            )
            for row in data.get("generic") or []
        ]
        countries = [
            Country(
                name=str(row["name"]),
                actor_name=str(row.get("actor_name") or row["name"]),
                home=bool(row.get("home", False)),
                capital=row.get("capital"),
                names=_split(row.get("names")),
                adjectives=_split(row.get("adjectives")),
            )
            for row in data.get("countries") or []
        ]
        return cls(entries, generics=generics, countries=countries)

    def __len__(self) -> int:
        return len(self.entries)

    def alias_count(self) -> int:
        """How many distinct folded aliases (canonical names included) lookup() knows."""
        return len(self._index) + len(self._generic_index)

    def _follow(self, entry: ActorEntry, on: dt.date | None) -> ActorEntry:
        seen = {entry.name}
        while entry.successor and entry.end and (on is None or on >= entry.end):
            entry = self.entries[entry.successor]
            if entry.name in seen:
                break
            seen.add(entry.name)
        return entry

    def lookup(self, text: str, *, on: dt.date | None = None) -> ActorEntry | None:
        """The actor ``text`` names (any alias, any case or accents), or ``None``.

        Names of actors that were absorbed by another (Ansar Dine into JNIM in
        2017) resolve to the successor on and after that date, and when ``on``
        is ``None``.  Country descriptions ("Chadian soldiers", "l'armée du
        Mali") resolve to entries built from the generic templates.
        """
        folded = key(text)
        if not folded:
            return None
        name = self._index.get(folded)
        if name is not None:
            return self._follow(self.entries[name], on)
        if folded in self._templates:
            return self._generic_entry(*self._templates[folded])
        return self._country_description(folded.split(" "))

    def _country_description(self, words: list[str]) -> ActorEntry | None:
        """ "Chadian soldiers", "soldats tchadiens", "army of Chad" -> a templated entry."""
        for size in (3, 2, 1):
            if len(words) <= size:
                continue
            for country_words, rest in (
                (words[:size], words[size:]),
                (words[-size:], words[:-size]),
            ):
                country = self._country_words.get(" ".join(country_words))
                if country is None:
                    continue
                rest = [w for w in rest if w not in ("the", "le", "la", "les", "l", "'", "s")]
                while rest and rest[-1] in ("of", "du", "de", "d", "'"):
                    rest = rest[:-1]
                generic = self._generic_index.get(" ".join(rest))
                if generic is not None:
                    return self._generic_entry(generic, country)
        return None

    def _generic_entry(self, generic: GenericActor, country: Country) -> ActorEntry:
        name = generic.template.format(country=country.actor_name)
        if name in self.entries:
            return self.entries[name]
        inter = generic.inter if country.home or generic.inter != 1 else 8
        return ActorEntry(name=name, inter=inter, country=country.name)

    def country(self, text: str) -> Country | None:
        """The country a name or adjective denotes ("burkinabè" -> Burkina Faso)."""
        return self._country_words.get(key(text))

    def country_by_name(self, name: str) -> Country | None:
        return next((c for c in self.countries if c.name == name or c.actor_name == name), None)

    def format_generic(self, template: str, country: str) -> str:
        """The actor name a generic template gives for a country name."""
        found = self.country_by_name(country)
        return template.format(country=found.actor_name if found else country)

    def inter_code(self, name: str) -> int | None:
        """The ACLED inter code of a canonical name or alias, or ``None`` when unknown."""
        entry = self.lookup(name)
        return entry.inter if entry is not None else None

    def patterns(self) -> list[AliasPattern]:
        """Every alias as the ruler matches it (canonical names included)."""
        found: list[AliasPattern] = []
        for entry in self.entries.values():
            target = self._follow(entry, None).name
            # a one-word canonical name ("Platform") is matched with its case
            name = f"={entry.name}" if " " not in entry.name else entry.name
            for alias in (name, *entry.aliases, *(p.name for p in entry.periods)):
                if alias.startswith("!"):
                    continue
                mode = "context" if alias.startswith("~") else "plain"
                found.append(_pattern(alias, target, mode))
        for generic in self.generics:
            mode = "generic_explicit" if generic.explicit_country else "generic"
            for alias in generic.aliases:
                found.append(_pattern(alias, generic.template, mode))
        return [p for p in found if p.pieces]

    def country_patterns(self) -> list[tuple[tuple[str, ...], str, bool]]:
        """(pieces, country name, is_adjective) for every country name and adjective."""
        out = []
        for country in self.countries:
            for word in (country.name, *country.names):
                out.append((pieces(word), country.name, False))
            for word in country.adjectives:
                out.append((pieces(word), country.name, True))
        return out


def _pattern(alias: str, label: str, mode: str) -> AliasPattern:
    exact = alias.startswith("=")
    bare = _bare(alias)
    cased = None
    if exact or _is_acronym(bare):
        cased = tuple(PIECE.findall(fold_cased(bare)))
    return AliasPattern(
        pieces=pieces(bare), label=label, mode=mode, cased=cased, needs_determiner=alias.startswith("^")
    )


@functools.lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The packaged actor dictionary, read on first use."""
    return ActorDictionary.from_path(DATA_PATH)
