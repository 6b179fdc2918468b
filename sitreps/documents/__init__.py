"""Clean text, detect the language, parse the publication date, hash, find near-duplicates."""

from __future__ import annotations

from sitreps.documents.clean import content_hash, hash_id, normalise
from sitreps.documents.dates import parse_published
from sitreps.documents.dedupe import NearDuplicates
from sitreps.documents.language import detect_language, fold_language
from sitreps.errors import SourceError
from sitreps.models import Document, RawInput

__all__ = [
    "NearDuplicates",
    "content_hash",
    "detect_language",
    "has_own_id",
    "normalise",
    "parse_published",
    "to_document",
]


def to_document(raw: RawInput) -> Document:
    """A cleaned ``Document`` of a raw input.

    The id is the input's own id when it has one (a JSON Lines ``id``, a feed
    item's guid), otherwise the start of the content hash, which is always
    the sha256 of the normalised text.  A declared language wins over
    detection.  Raises ``SourceError`` if nothing is left after cleaning.
    """
    text = normalise(raw.text)
    if not text:
        raise SourceError(raw.origin, "has no text left after cleaning")
    digest = content_hash(text)
    own_id = raw.id.strip() if raw.id and raw.id.strip() else None
    published, precision = parse_published(raw.published)
    title = normalise(raw.title) if raw.title else None
    return Document(
        id=own_id or hash_id(digest),
        text=text,
        origin=raw.origin,
        url=raw.url,
        title=title or None,
        published=published,
        published_precision=precision,
        language=fold_language(raw.lang) or detect_language(text),
        source=raw.source,
        content_hash=digest,
    )


def has_own_id(document: Document) -> bool:
    """Whether the document's id came with its input rather than from its content hash."""
    return document.id != hash_id(document.content_hash)
