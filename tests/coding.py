"""A helper for tests that code a sentence through the real resolvers and coder (models loaded)."""

from __future__ import annotations

import datetime as dt


def code_sides(lang: str, text: str, published: dt.date) -> list[tuple[str | None, str | None]]:
    """(actor1, actor2) of every event coded from ``text``, with places and actors from the resolvers."""
    from sitreps.events.coder import code_events
    from sitreps.models import Document
    from sitreps.nlp.load import load_nlp
    from sitreps.resolve.actors import find_actors
    from sitreps.resolve.places import resolve_places

    doc = load_nlp(lang)(text)
    document = Document(id="t", text=text, origin="test", language=lang, published=published)
    actors = find_actors(doc, document)
    return [(e.actor1, e.actor2) for e in code_events(doc, document, places=resolve_places(doc, document),
                                                      actors=actors)]
