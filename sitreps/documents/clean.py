"""Text normalisation and content hashes."""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Characters that carry no text: zero-width spaces and joiners, soft hyphens, BOMs.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
#: Control characters other than tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than newlines, including NBSP and thin spaces
_BLANK_LINES = re.compile(r"\n{3,}")

#: Length of the hex digest used as a document id when the input has none.
ID_LENGTH = 20


def normalise(text: str) -> str:
    """NFC, one kind of newline, no invisible or control characters, runs of spaces as one,
    at most one blank line between paragraphs, no space at the ends of lines."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def content_hash(text: str) -> str:
    """The sha256 hex digest of a normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_id(digest: str) -> str:
    """The id of a document that came without one: the start of its content hash."""
    return digest[:ID_LENGTH]
