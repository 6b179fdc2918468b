"""Direct quotations, their speakers and the speakers' affiliations.

1. Quotation marks are paired and split quotes joined (:mod:`quote_marks`).
2. Person names outside quotes form a registry of possible speakers
   (:mod:`quote_persons`).
3. Each quote's attribution window is searched for a verb of saying, "according
   to" or an announcing colon (:mod:`quote_speakers`); an apposition beside the
   name gives the affiliation (:mod:`quote_affiliation`).

Quotes under four words (scare quotes, titles) are kept only when attributed.
The vocabulary (verbs of saying, titles, ...) is ``knowledge/data/speech_lexicon.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitreps.events.quote_marks import (
    find_spans,
    is_titlecase,
    join_split,
    paragraphs,
    quoted_content,
    sentence_stops,
    word_count,
)
from sitreps.events.quote_persons import QuoteContext, Speaker, collect_persons
from sitreps.events.quote_speakers import attribute, attribution_windows, inherit_speaker
from sitreps.models import Quote
from sitreps.nlp.segment import doc_text

MIN_WORDS = 4
#: How many tokens after a closing mark the verb of a trailing attribution may be.
POST_NEAR = 8


def find_quotes(doc: Doc) -> list[Quote]:
    """The direct quotations of ``doc``, in text order, with speaker and affiliation."""
    text = doc_text(doc)
    raw = join_split(text, find_spans(text))
    if not raw:
        return []
    inside = [(s.open_at, s.close_at) for q in raw for s in q.segments]
    ctx = QuoteContext(doc=doc, text=text, quotes=raw, inside=inside)
    collect_persons(ctx)
    paras = paragraphs(text)
    speakers: list[Speaker | None] = []
    for index in range(len(raw)):
        speaker = None
        for a, b, where in attribution_windows(ctx, index, paras):
            speaker = attribute(ctx, a, b, near=POST_NEAR if where == "post" else None)
            if speaker is not None:
                break
        speakers.append(speaker or inherit_speaker(ctx, index, speakers, paras))
    # "The assailants, "more than a hundred men", were "neutralised", the ministry said.": an
    # unattributed quote shares the attribution of a later quote of the same sentence.
    for index in range(len(raw) - 2, -1, -1):
        gap = (raw[index].close_at + 1, raw[index + 1].open_at)
        if speakers[index] is None and "\n" not in text[gap[0] : gap[1]] and not sentence_stops(text, *gap):
            speakers[index] = speakers[index + 1]
    results: list[Quote] = []
    for quote, speaker in zip(raw, speakers, strict=True):
        pieces = [quoted_content(text, seg) for seg in quote.segments]
        body = " ".join(text[a:b] for a, b in pieces).strip()
        if not any(c.isalpha() for c in body):
            continue
        if speaker is None and (word_count(body) < MIN_WORDS or is_titlecase(body)):
            continue
        results.append(
            Quote(
                speaker=speaker.name if speaker else None,
                affiliation=speaker.affiliation if speaker else None,
                text=body,
                start=pieces[0][0],
                end=pieces[-1][1],
            )
        )
    return results
