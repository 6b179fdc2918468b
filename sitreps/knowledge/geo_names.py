"""Name folding shared by the gazetteer, the toponym finder and the resolver.

A place name is looked up by its *key*: accents removed, case folded,
apostrophes dropped, hyphens and dots turned into spaces.  So ``Ménaka``,
``MENAKA`` and ``Menaka`` share a key, as do ``Tin-Zaouatene`` and
``Tin Zaouatene``, and ``N'Djamena`` and ``Ndjamena``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_EXTRA = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
                        "œ": "oe", "Œ": "oe", "ı": "i", "ʼ": "", "'": "", "’": "", "‘": "", "`": "",
                        "´": "", "-": " ", "‐": " ", "‑": " ", "–": " ", ".": " ", ",": " "})
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"^[a-z0-9 ]+$")


def fold(text: str) -> str:
    """Accent-free, lower-case text with the same length-independent spelling rules as ``key``."""
    if text.isascii():  # most names: nothing to decompose
        return _SPACES.sub(" ", text.translate(_EXTRA).lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.translate(_EXTRA).casefold()).strip()


@functools.lru_cache(maxsize=65_536)
def key(name: str) -> str:
    """The look-up key of a place name (see the module docstring); cached, as names recur."""
    return fold(name)


def is_latin_key(k: str) -> bool:
    """True when a key holds only ASCII letters, digits and spaces (after folding)."""
    return bool(_LATIN.match(k))


def key_hash(k: str) -> int:
    """A stable signed 64-bit hash of a key, the form the index stores."""
    return int.from_bytes(hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest(), "little", signed=True)
