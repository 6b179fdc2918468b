"""The ``sitreps_ner`` component: the model's entity recogniser, run only where it can change the output.

The recogniser is the costliest part of the English model (its own token
encoder plus a transition step per token), and most of a report needs nothing
from it: every name there is one our dictionaries already know.  So the
recogniser reads only ``WINDOW`` words either side of

- a capitalised word inside a sentence, or one opening it that the model's
  tagger calls a proper noun (a tagger that calls an unknown village a common
  noun must not hide it), unless it is a day or month, a common word that names
  no place, part of an actor name the actor dictionary matched, or a place name
  the gazetteer takes on its own (a country, a first-level region, a supplement
  place, a big town; see ``ToponymFinder.taken_alone``);
- (a second pass) a word of a person's name the first pass found: the toponym
  finder doubts such a word elsewhere unless the recogniser calls it a place.

Quotations need nothing more: their speakers are names, and a speaker's
affiliation sits beside the name.  A capitalised nationality ("Malian") needs
no recogniser: where it did not run, the toponym finder reads one as the
recogniser would (``NER_RUNS`` in ``doc.user_data`` says where it ran).

A report's windows go through the recogniser together, as one Doc of their
own with two more words of context either side of each and the parser's
sentence starts, and its entities inside the windows are copied back; the other tokens are
outside any entity.  A Doc that needs it everywhere goes through whole.
``PipelineConfig(ner_everywhere=True)`` turns the cascade off.

Against the recogniser on whole sentences (those holding a name or a
quotation mark), on our dev, example and validation reports: the events are
the same but for one location, now right, and quotations' speakers change in
15 reports, mostly for the better (a government or a ministry rather than the
country named beside it); geoparsing detection F1 moves from 0.854 to 0.853.
It reads a fifth of written reports' tokens rather than half of them, in less
than half the time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitreps.nlp.segment import NER_RUNS, token_mask
from sitreps.nlp.toponyms import capitalised, non_state_groups, word_list

#: Tokens either side of a name that the recogniser reads, and whose entities are kept.
WINDOW = 5
#: Tokens of context either side of a window.  The recogniser's encoder sees four words each way, so it
#: reads the words within WINDOW + CONTEXT - 4 = 3 of a name as it would in the whole sentence.
CONTEXT = 2


class GatedNER:
    """Wraps the model's ``ner`` (left in the pipeline, disabled) and the finder its gate asks."""

    def __init__(self, nlp: Language, everywhere: bool = False) -> None:
        self.nlp = nlp
        self.everywhere = everywhere
        self._ner: Any = None
        self._finder: Any = None

    @property
    def ner(self) -> Any:
        if self._ner is None:
            self._ner = self.nlp.get_pipe("ner")
        return self._ner

    @property
    def finder(self) -> Any:
        if self._finder is None:
            self._finder = self.nlp.get_pipe("sitreps_toponyms")
        return self._finder

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, docs: list[Doc]) -> list[Doc]:
        whole: list[Doc] = []
        parted: list[tuple[Doc, list[tuple[int, int]]]] = []
        for doc in docs:
            runs = self.runs(doc) if not self.everywhere else [(0, len(doc))]
            doc.user_data[NER_RUNS] = runs
            if runs == [(0, len(doc))]:
                whole.append(doc)
                continue
            doc.set_ents([], default="outside")
            if runs:
                parted.append((doc, runs))
        if whole:
            for _ in self.ner.pipe(whole):
                pass
        self._tag(parted)
        # one sense per report: a word of a person's name found here makes the toponym finder doubt
        # it elsewhere, unless the recogniser calls it a place there; so it reads around those words too
        again = [(doc, more) for doc, runs in parted if (more := self._people_runs(doc, runs))]
        self._tag(again)
        for doc, more in again:
            doc.user_data[NER_RUNS] = sorted([*doc.user_data[NER_RUNS], *more])
        return docs

    def _tag(self, parted: list[tuple[Doc, list[tuple[int, int]]]]) -> None:
        """Run the recogniser on each Doc's runs and add the entities found inside them."""
        built = [(doc, runs, *_part(doc, runs)) for doc, runs in parted]
        for (doc, runs, tokens, _), part in zip(built, self.ner.pipe([b[3] for b in built]), strict=True):
            inside = token_mask(len(doc), runs)
            ents = list(doc.ents)
            taken = token_mask(len(doc), [(e.start, e.end) for e in ents])  # a second pass adds, never overlaps
            for ent in part.ents:
                first, last = tokens[ent.start], tokens[ent.end - 1]
                if first >= 0 and last - first == ent.end - 1 - ent.start and inside[first] and inside[last] \
                        and not any(taken[first:last + 1]):
                    ents.append(Span(doc, first, last + 1, label=ent.label_))
            doc.set_ents(ents, default="outside")

    @staticmethod
    def _people_runs(doc: Doc, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Windows, outside ``runs`` (what the recogniser saw), around a word of a person's name it found."""
        words = {t.lower_ for e in doc.ents if e.label_ in ("PERSON", "PER") and len(e) > 1 for t in e
                 if capitalised(t.text)}
        if not words:
            return []
        seen = token_mask(len(doc), runs)
        more: list[tuple[int, int]] = []
        for sent in doc.sents:
            for token in sent:
                if not seen[token.i] and token.lower_ in words and capitalised(token.text):
                    _add_window(more, token.i, sent.start, sent.end)
        return more

    def runs(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token runs that need the recogniser: ``WINDOW`` words either side of each name it
        must read, inside the name's sentence."""
        covered = token_mask(len(doc), non_state_groups(doc))  # names in "the Niger army" stay places
        words = [t.text for t in doc]  # Token objects are built on each access: read the words once
        caps = [capitalised(w) for w in words]
        lower = {w.lower() for w in words if w.islower()}
        runs: list[tuple[int, int]] = []
        for sent in doc.sents:
            for i in self._names(doc, words, caps, sent.start, sent.end, covered, lower):
                _add_window(runs, i, sent.start, sent.end)
        return runs

    def _names(self, doc: Doc, words: list[str], caps: list[bool], start: int, end: int, covered: list[bool],
               lower: set[str]) -> Iterator[int]:
        """The tokens of ``doc[start:end]`` (a sentence) that only the recogniser can read."""
        finder = self.finder
        stop = finder.stop_words()
        calendar = word_list("calendar")
        i = start
        while i < end:
            word = words[i]
            if covered[i] or not caps[i] or finder.demonym(word):
                i += 1  # the toponym finder reads a nationality where the recogniser did not run
                continue
            taken = finder.taken_alone(doc, words, caps, i, end, lower)
            if taken is not None:
                i = taken
                continue
            token = doc[i]
            common = token.lower_ in stop and not token.is_upper  # "US" is a name
            named = bool(finder.matches(word))
            if token.lower_ not in calendar and (_proper(token) or not token.is_sent_start) and (not common or named):
                yield i  # a name; a common word that names a place ("Say", "l'Est")
            # else a common word ("The", "Thursday"), or no name ("Hundreds" opening a sentence)
            i += 1


def _add_window(runs: list[tuple[int, int]], i: int, first: int, end: int) -> None:
    """Add the ``WINDOW`` tokens either side of token ``i``, within ``[first, end)``, to the sorted ``runs``,
    joining a run it meets."""
    start, stop = max(first, i - WINDOW), min(end, i + WINDOW + 1)
    if runs and runs[-1][1] >= start:
        runs[-1] = (runs[-1][0], max(runs[-1][1], stop))
    else:
        runs.append((start, stop))


def _part(doc: Doc, runs: list[tuple[int, int]]) -> tuple[list[int], Doc]:
    """The runs' tokens, with ``CONTEXT`` tokens either side, as one Doc (the recogniser reads words, not
    the parse), pieces kept apart by a line break as separate lines are; and which token of ``doc``
    each of its tokens is (-1: a break)."""
    pieces: list[tuple[int, int]] = []
    for start, end in runs:
        start, end = max(0, start - CONTEXT), min(len(doc), end + CONTEXT)
        if pieces and pieces[-1][1] >= start:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    tokens: list[int] = []
    for start, end in pieces:
        if words:
            words.append("\n\n")
            spaces.append(False)
            starts.append(False)
            tokens.append(-1)
        for token in doc[start:end]:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            starts.append(token.i == start or bool(token.is_sent_start))
            tokens.append(token.i)
    # the sentence starts too: the recogniser tags no entity across one
    return tokens, Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)


def _proper(token: Token) -> bool:
    """Whether the model's tagger calls ``token`` a proper noun (it is taken as one when untagged)."""
    if token.tag_:
        return token.tag_ in ("NNP", "NNPS")
    return token.pos_ in ("PROPN", "")


@Language.factory("sitreps_ner", default_config={"everywhere": False}, assigns=["doc.ents"])
def make_gated_ner(nlp: Language, name: str, everywhere: bool) -> GatedNER:
    """The model's ``ner`` behind the gate; ``everywhere`` runs it on every sentence."""
    return GatedNER(nlp, everywhere=everywhere)
