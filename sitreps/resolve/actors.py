"""SCAFFOLD (to be replaced by the actors work): the actors named in a Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.models import ActorMention, Document


def find_actors(doc: Doc, document: Document) -> list[ActorMention]:
    return []
