"""Language detection (``en``, ``fr`` or ``other``) with py3langid, offline."""

from __future__ import annotations

import functools
import re
from typing import Any

#: The languages the classifier may choose from: ours, plus those a Sahel report is likely to be
#: in otherwise, so that an Arabic or Portuguese text is called ``other`` rather than forced to en/fr.
CANDIDATES = ("en", "fr", "ar", "es", "pt", "de", "it", "nl", "ha", "sw")
SUPPORTED = ("en", "fr")
#: Below this probability the guess is ``other`` (very short or mixed texts).
MIN_PROBABILITY = 0.5
#: Only the start of a long text is classified; two thousand characters (300 words) settle it.
SAMPLE_CHARS = 2000


#: Three letters somewhere: less is no text to classify.
_LETTERS = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}", re.S)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def fold_language(code: str | None) -> str | None:
    """A declared language tag (``fr-FR``, ``EN``) as ``en``/``fr``/``other``; None if absent."""
    if not code or not code.strip():
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in SUPPORTED else "other"


def detect_language(text: str) -> str:
    """``en``, ``fr`` or ``other``."""
    sample = text[:SAMPLE_CHARS]
    if not _LETTERS.search(sample):
        return "other"
    lang, probability = _identifier().classify(sample)
    if probability < MIN_PROBABILITY:
        return "other"
    return str(lang) if lang in SUPPORTED else "other"
