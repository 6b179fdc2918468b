"""The ``sitreps_line_breaks`` component: a line break always ends a sentence.

Reports put titles, datelines and captions on lines of their own, without a
full stop; left to itself the parser runs them into the next sentence, which
scrambles who did what to whom.  Runs before the parser, which keeps the
boundaries it finds set.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span

#: ``doc.user_data`` key: the (start, end) token runs the model's recogniser ran on
#: (``sitreps.nlp.cascade``); absent when it ran on the whole Doc in the usual way.
NER_RUNS = "sitreps_ner_runs"


@Language.component("sitreps_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """The word after a line break starts a sentence, and the word after it does not.

    spaCy keeps line breaks as whitespace tokens.  Given only the first
    boundary, the parser tends to cut again after the line's first word
    ("Eight | Nigerien soldiers were killed"), so the second word is tied to it.
    """
    for i in line_break_tokens(doc):
        if i + 1 < len(doc):
            first = doc[i + 1]
            first.is_sent_start = True
            if first.i + 1 < len(doc) and not first.is_space and not (nxt := doc[first.i + 1]).is_space \
                    and not nxt.is_punct:
                nxt.is_sent_start = False
    return doc


def line_break_tokens(doc: Doc) -> list[int]:
    """The indices of the whitespace tokens of ``doc`` that hold a line break (found without building a
    Token for every word)."""
    spaces = doc.to_array(IS_SPACE).nonzero()[0].tolist() if len(doc) else []
    return [i for i in spaces if "\n" in doc[i].text]


def token_mask(length: int, runs: Iterable[tuple[int, int]]) -> list[bool]:
    """For each of ``length`` tokens, whether it lies in one of the (start, end) ``runs``."""
    mask = [False] * length
    for start, end in runs:
        mask[start:end] = [True] * (end - start)
    return mask


def doc_text(doc: Doc | Span) -> str:
    """``doc.text``, kept once per Doc: spaCy joins every token again on each access."""
    if isinstance(doc, Span):
        return doc.text
    text = doc.user_data.get("sitreps_text")
    if text is None:
        text = doc.text
        doc.user_data["sitreps_text"] = text
    return str(text)


def doc_lowers(doc: Doc) -> tuple[str, ...]:
    """Every token's ``lower_``, read once per Doc (each ``doc[i]`` builds a Token object)."""
    lowers = doc.user_data.get("sitreps_lowers")
    if lowers is None:
        lowers = tuple(t.lower_ for t in doc)
        doc.user_data["sitreps_lowers"] = lowers
    return tuple(lowers)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of every sentence, computed once per Doc (``doc.sents`` walks every token)."""
    bounds = doc.user_data.get("sitreps_sentence_bounds")
    if bounds is None:
        text = doc_text(doc)
        bounds = []
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            if bounds and start > 0 and not text[start - 1].isspace():
                bounds[-1] = (bounds[-1][0], end)  # a cut inside a word ("camions|-citernes"): the parser erred
            else:
                bounds.append((start, end))
        doc.user_data["sitreps_sentence_bounds"] = bounds
    return list(bounds)
