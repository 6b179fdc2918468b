"""SCAFFOLD (to be replaced by the quotes work): direct quotations and their speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.models import Quote


def find_quotes(doc: Doc) -> list[Quote]:
    return []
