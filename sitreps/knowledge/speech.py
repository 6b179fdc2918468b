"""The word lists of the quotation and claim finders, read lazily from ``knowledge/data/``.

``speech_lexicon.tsv`` holds the vocabulary of attribution (verbs of saying, titles, institution
nouns, abbreviations, pronouns); ``claims_lexicon.tsv`` the vocabulary of quantified claims
(counted nouns, verbs of change, casualty words, ...).  Both files have the columns ``list``,
``lang`` and ``word``; the finders use every language's words together, so the functions
here return the union over languages.  Each file is read once, on first use.
"""

from __future__ import annotations

import functools
from importlib import resources

from sitreps.errors import ConfigError

_DATA = "sitreps.knowledge.data"
_HEADER = ["list", "lang", "word"]
SPEECH_FILE = "speech_lexicon.tsv"
CLAIMS_FILE = "claims_lexicon.tsv"
#: Outcomes of the casualty lists, in the order a word is looked up.
CASUALTY_KINDS = ("killed", "injured", "abducted", "displaced")


@functools.lru_cache(maxsize=2)
def _lists(name: str) -> dict[str, frozenset[str]]:
    """The word lists of one data file, keyed by list name."""
    try:
        text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ConfigError(f"lexicon file {name} is missing from the installation") from exc
    grouped: dict[str, set[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts == _HEADER:
            continue
        if len(parts) != 3 or not parts[2]:
            raise ConfigError(f"{name}:{n}: expected 3 tab-separated columns (list, lang, word)")
        grouped.setdefault(parts[0], set()).add(parts[2])
    return {key: frozenset(words) for key, words in grouped.items()}


def _words(name: str, key: str) -> frozenset[str]:
    lists = _lists(name)
    if key not in lists:
        raise ConfigError(f"lexicon file {name} has no list {key!r}")
    return lists[key]


def speech_words(key: str) -> frozenset[str]:
    """One list of ``speech_lexicon.tsv`` (``speech_verb``, ``title``, ``institution``, ...)."""
    return _words(SPEECH_FILE, key)


def claim_words(key: str) -> frozenset[str]:
    """One list of ``claims_lexicon.tsv`` (``force``, ``place``, ``people``, ``leave``, ...)."""
    return _words(CLAIMS_FILE, key)


@functools.lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Verb forms that attribute a quotation ("said", "told", "a déclaré", "estime")."""
    return speech_words("speech_verb")


@functools.lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Titles and ranks written before a name ("gen", "minister", "porte-parole")."""
    return speech_words("title")


@functools.lru_cache(maxsize=1)
def institutions() -> frozenset[str]:
    """Accent-folded nouns that make an uncapitalised phrase an institution ("army", "armee")."""
    return speech_words("institution")


@functools.lru_cache(maxsize=1)
def abbreviations() -> tuple[str, ...]:
    """Words after which a full stop does not end a sentence, longest first."""
    return tuple(sorted(speech_words("abbreviation"), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Verbs whose subject is the source of a figure: the verbs of saying and ``reporting``."""
    return speech_verbs() | claim_words("reporting")


@functools.lru_cache(maxsize=1)
def casualty_words() -> tuple[tuple[str, frozenset[str]], ...]:
    """(outcome, word forms) for each casualty outcome, in :data:`CASUALTY_KINDS` order."""
    return tuple((kind, claim_words(f"casualty_{kind}")) for kind in CASUALTY_KINDS)
