"""Geoparse whole documents: the spaCy pipeline of each one's language, then ``resolve_places``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

from sitreps.config import PipelineConfig
from sitreps.models import Document, Place
from sitreps.resolve.places import resolve_places


def geoparse(documents: Iterable[Document], *, config: PipelineConfig | None = None,
             ) -> Iterator[tuple[Document, list[Place]]]:
    """``(document, places)`` for each document, in order; runs of one language share a batch."""
    from sitreps.nlp.load import load_nlp

    config = config or PipelineConfig()
    for lang, run in groupby(documents, key=lambda d: "fr" if d.language == "fr" else "en"):
        docs = list(run)
        nlp = load_nlp(lang, config)
        for document, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=config.batch_size), strict=True):
            yield document, resolve_places(doc, document)
