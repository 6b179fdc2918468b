"""SCAFFOLD (to be replaced by the event coding work): code the incidents of a Doc."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from sitreps.models import ActorMention, Document, Event, Place


def code_events(
    doc: Doc, document: Document, *, places: Sequence[Place], actors: Sequence[ActorMention]
) -> list[Event]:
    return []
