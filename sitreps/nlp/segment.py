"""The ``sitreps_line_breaks`` component: a line break always ends a sentence.

Reports put titles, datelines and captions on lines of their own, without a
full stop; left to itself the parser runs them into the next sentence, which
scrambles who did what to whom.  Runs before the parser, which keeps the
boundaries it finds set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("sitreps_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and not token.is_space or token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
