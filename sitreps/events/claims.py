"""SCAFFOLD (to be replaced by the claims work): quantified statements about actors."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from sitreps.models import ActorMention, Claim


def find_claims(doc: Doc, actors: Sequence[ActorMention]) -> list[Claim]:
    return []
