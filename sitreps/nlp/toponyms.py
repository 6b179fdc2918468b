"""SCAFFOLD (to be replaced): the ``sitreps_toponyms`` component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitreps_toponyms", default_config={"lang": "en"})
def make_toponym_finder(nlp: Language, name: str, lang: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        return doc

    return component
