"""SCAFFOLD (to be replaced): the ``sitreps_actors`` component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitreps_actors", default_config={"lang": "en"})
def make_actor_ruler(nlp: Language, name: str, lang: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        return doc

    return component
