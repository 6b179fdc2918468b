"""Helpers for tests of the event coder: participants to feed its rules, and a sentence coded through the
real resolvers and coder (models loaded)."""

from __future__ import annotations

import datetime as dt

from sitreps.events.participants import Participant


def participant(name: str, start: int, side: str | None = None, *, inter: int, generic: bool = False,
                attribution: str = "stated", possessed: bool = False, role: str | None = None,
                text: str | None = None) -> Participant:
    """A participant four characters long at ``start``, written ``text`` (the name's first four letters
    unless given)."""
    return Participant(name=name, start=start, end=start + 4, text=text or name[:4], inter=inter, generic=generic,
                       attribution=attribution, side=side, possessed=possessed, role=role)


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
