"""SCAFFOLD (to be replaced by the places work): resolve the toponyms of a Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.models import Document, Place


def resolve_places(doc: Doc, document: Document) -> list[Place]:
    return []
