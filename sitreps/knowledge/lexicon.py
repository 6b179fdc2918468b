"""The event lexicons: trigger phrases per ACLED sub-event type, context cues, participant roles and
number words, in English and French, read lazily from ``knowledge/data/event_lexicon*.tsv``.

Patterns are matched against :func:`fold`-ed text, which keeps every character at its offset so that a
match gives the span of the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from sitreps.errors import ConfigError

_DATA = "sitreps.knowledge.data"


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents, one output character per input character."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    low = char.lower()
    if len(low) != 1:
        low = char
    if ord(low) > 127:
        base = unicodedata.normalize("NFKD", low)
        low = base[0] if base and not unicodedata.combining(base[0]) else low
        lowered = low.lower()
        low = lowered if len(lowered) == 1 else low
        if low in "’‘`´":
            low = "'"
        elif low in "‐‑–—":
            low = "-"
    return low


_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"
#: Where a pattern can start: a character that no word character or hyphen precedes (``_BEFORE``).
_STARTS = re.compile(_BEFORE + r"\S")
#: Characters of a pattern's first word a text must hold at such a place for the pattern to match there.
_HEAD = 3


def compile_pattern(pattern: str) -> str:
    """The regular expression (source) of one lexicon pattern, as a whole word or phrase."""
    return _BEFORE + _pattern_body(pattern) + _AFTER


def _pattern_body(pattern: str) -> str:
    parts = []
    for word in pattern.split():
        if word == "..":
            parts.append(r"(?:[\w'-]+\s+){0,3}?")
            continue
        if word == "*":
            parts.append(r"[\w'-]+\s+")
            continue
        tail = r"[\w-]*" if word.endswith("*") else ""
        core = re.escape(word.rstrip("*")).replace(r"\-", "-").replace("-", r"[-\s]?")
        parts.append(core + tail + r"\s+")
    source = "".join(parts)
    return source[: -len(r"\s+")] if source.endswith(r"\s+") else source


def _head(pattern: str) -> str:
    """The start of ``pattern``'s first word that any text it matches holds (the part before a hyphen,
    which may also be written as a space or not at all); "" for a pattern opening with a gap."""
    first = pattern.split()[0]
    if first in ("..", "*"):
        return ""
    return fold(first.rstrip("*")).split("-")[0][:_HEAD]


def heads(patterns: list[str]) -> frozenset[str]:
    """The heads (``_head``) of ``patterns``: a text that holds none of them at a word start matches none."""
    return frozenset(_head(p) for p in patterns)


@functools.lru_cache(maxsize=64)
def text_heads(folded: str) -> frozenset[str]:
    """Every start (one to ``_HEAD`` characters) of the places a pattern can start in ``folded``, and "".

    Scanning a clause for dozens of long alternations costs more than this; a pattern whose heads are
    all missing here is skipped (``Trigger.heads``, ``cue_heads``).
    """
    longest = {folded[m.start():m.start() + _HEAD] for m in _STARTS.finditer(folded)}
    return frozenset({"", *longest, *(key[:n] for n in range(1, _HEAD) for key in longest)})


@dataclass(frozen=True, kw_only=True)
class Trigger:
    """All trigger patterns of one label in one language, as one compiled expression."""

    label: str
    weight: int
    regex: re.Pattern[str]
    heads: frozenset[str]  # a text without one of them at a word start has no match (``text_heads``)


def _rows(name: str, columns: int) -> list[list[str]]:
    try:
        text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ConfigError(f"lexicon file {name} is missing from the installation") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != columns:
            raise ConfigError(f"{name}:{n}: expected {columns} tab-separated columns, got {len(parts)}")
        rows.append(parts)
    return rows


def _lang_ok(row_lang: str, lang: str) -> bool:
    return row_lang == "*" or row_lang == lang


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    # Longest patterns first so that "drone strike" wins over "drone".
    # The word boundaries are checked once, outside the alternation: most positions fail there.
    ordered = sorted(patterns, key=len, reverse=True)
    return re.compile(_BEFORE + "(?:" + "|".join(f"(?:{_pattern_body(p)})" for p in ordered) + ")" + _AFTER)


@functools.lru_cache(maxsize=4)
def triggers(lang: str) -> tuple[Trigger, ...]:
    """The trigger expressions of ``lang`` ("en" or "fr"), one per (label, weight)."""
    lang = "fr" if lang == "fr" else "en"
    grouped: dict[tuple[str, int], list[str]] = {}
    for row_lang, label, weight, pattern in _rows("event_lexicon.tsv", 4):
        if _lang_ok(row_lang, lang):
            grouped.setdefault((label, int(weight)), []).append(pattern)
    return tuple(
        Trigger(label=label, weight=weight, regex=_alternation(patterns), heads=heads(patterns))
        for (label, weight), patterns in sorted(grouped.items(), key=lambda kv: -kv[0][1])
    )


@functools.lru_cache(maxsize=4)
def cues(lang: str) -> dict[str, re.Pattern[str]]:
    """Context cue expressions of ``lang`` keyed by cue name (``armed_target``, ``forecast``, ...)."""
    return {cue: _alternation(patterns) for cue, patterns in _named_patterns("event_lexicon_cues.tsv", lang).items()}


@functools.lru_cache(maxsize=4)
def cue_heads(lang: str) -> dict[str, frozenset[str]]:
    """The heads (``heads``) of each cue of ``lang``."""
    return {cue: heads(patterns) for cue, patterns in _named_patterns("event_lexicon_cues.tsv", lang).items()}


@functools.lru_cache(maxsize=4)
def toll_terms(lang: str) -> dict[str, re.Pattern[str]]:
    """Toll vocabulary of ``lang`` keyed by class (``killed``, ``injured``, ``update``, ``none``, ...)."""
    return {term: _alternation(patterns)
            for term, patterns in _named_patterns("event_lexicon_tolls.tsv", lang).items()}


@functools.lru_cache(maxsize=4)
def toll_heads(lang: str) -> dict[str, frozenset[str]]:
    """The heads (``heads``) of each class of toll vocabulary of ``lang``."""
    return {term: heads(patterns) for term, patterns in _named_patterns("event_lexicon_tolls.tsv", lang).items()}


def _named_patterns(name: str, lang: str) -> dict[str, list[str]]:
    """The patterns of a (lang, name, pattern) lexicon file for ``lang``, by name."""
    lang = "fr" if lang == "fr" else "en"
    grouped: dict[str, list[str]] = {}
    for row_lang, key, pattern in _rows(name, 3):
        if _lang_ok(row_lang, lang):
            grouped.setdefault(key, []).append(pattern)
    return grouped


@functools.lru_cache(maxsize=4)
def roles(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Generic participant nouns of ``lang`` as (role, expression) pairs."""
    lang = "fr" if lang == "fr" else "en"
    grouped: dict[str, list[str]] = {}
    for row_lang, role, pattern in _rows("event_lexicon_roles.tsv", 3):
        if _lang_ok(row_lang, lang):
            grouped.setdefault(role, []).append(pattern)
    return tuple((role, _alternation(patterns)) for role, patterns in grouped.items())


@functools.lru_cache(maxsize=4)
def number_words(lang: str) -> dict[str, tuple[int, str]]:
    """Number words of ``lang``: folded word -> (value, kind) with kind unit|tens|scale|approx."""
    lang = "fr" if lang == "fr" else "en"
    return {
        word: (int(value), kind)
        for row_lang, word, value, kind in _rows("event_lexicon_numbers.tsv", 4)
        if _lang_ok(row_lang, lang)
    }


@functools.lru_cache(maxsize=1)
def capitals() -> dict[str, tuple[str, str]]:
    """Country -> (capital, its first-level region)."""
    return {country: (capital, admin1) for country, capital, admin1 in _rows("event_lexicon_capitals.tsv", 3)}
