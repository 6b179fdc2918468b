"""The entity recogniser runs only around the names that need it (``sitreps.nlp.cascade``)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from sitreps.config import PipelineConfig
from sitreps.nlp.segment import NER_RUNS

pytestmark = pytest.mark.slow


def _sentences_seen(doc: Doc) -> list[str]:
    runs = doc.user_data[NER_RUNS]
    return [s.text.strip() for s in doc.sents if any(a <= s.start < b for a, b in runs)]


@pytest.fixture(scope="module")
def everywhere():  # type: ignore[no-untyped-def]
    from sitreps.nlp.load import load_nlp

    return load_nlp("en", PipelineConfig(ner_everywhere=True))


TEXT = ("JNIM fighters attacked an army post in Mali on Tuesday, killing four soldiers. "
        "Hundreds of residents fled to nearby villages. "
        "Moussa Diarra, a teacher from the area, was among the wounded. "
        "\"There was no warning at all,\" one resident said.")


def test_only_sentences_with_unknown_names_go_to_the_recogniser(en) -> None:  # type: ignore[no-untyped-def]
    seen = _sentences_seen(en(TEXT))
    # every name of the first two is known (an actor, a country, a day) or no name ("Hundreds"); a quotation
    # without a name needs no entity
    assert seen == ["Moussa Diarra, a teacher from the area, was among the wounded."]


def test_the_recogniser_reads_a_few_words_either_side_of_a_name(en) -> None:  # type: ignore[no-untyped-def]
    from sitreps.nlp.cascade import WINDOW

    doc = en("The convoy was hit by a mine on the road out of town early in the morning, and Moussa Diarra, "
             "a driver who was travelling with the convoy, was among the wounded.")
    name = next(t.i for t in doc if t.text == "Moussa")
    assert doc.user_data[NER_RUNS] == [(name - WINDOW, name + 1 + WINDOW + 1)]  # both words of the name
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Moussa Diarra"]


def test_entities_land_on_the_right_tokens(en, everywhere) -> None:  # type: ignore[no-untyped-def]
    gated, full = en(TEXT), everywhere(TEXT)
    person = [(e.start, e.end, e.label_) for e in gated.ents if e.label_ == "PERSON"]
    assert person and person == [(e.start, e.end, e.label_) for e in full.ents if e.label_ == "PERSON"]
    assert gated[person[0][0]].text == "Moussa"
    assert not any(e.start < gated[person[0][0]].sent.start for e in gated.ents)  # nothing from unseen sentences


def test_everywhere_runs_it_on_every_sentence(everywhere) -> None:  # type: ignore[no-untyped-def]
    doc = everywhere(TEXT)
    assert doc.user_data[NER_RUNS] == [(0, len(doc))]
    assert any(e.text == "Tuesday" for e in doc.ents)


def test_a_nationality_is_read_where_the_recogniser_did_not_run(en) -> None:  # type: ignore[no-untyped-def]
    doc = en("Malian soldiers repelled an attack near Gao on Monday.")
    assert doc.user_data[NER_RUNS] == []
    assert [(s.text, s.label_) for s in doc.spans["toponyms"]][:1] == [("Malian", "NORP")]


def test_a_word_of_a_persons_name_sends_its_other_sentences_too(en) -> None:  # type: ignore[no-untyped-def]
    text = ("Residents of Kati buried the dead on Sunday. "
            "The mayor, Seydou Kati Traore, said the army had arrived late.")
    doc = en(text)
    seen = _sentences_seen(doc)
    if not any(e.label_ == "PERSON" and "Kati" in e.text for e in doc.ents):
        pytest.skip("the model does not tag the mayor's name as a person here")
    assert seen[0].startswith("Residents of Kati")


def test_a_hyphened_pair_of_towns_is_left_to_the_recogniser(en) -> None:  # type: ignore[no-untyped-def]
    doc = en("A mine hit a bus on the Djibo-Bourzanga road on Friday.")
    assert doc.user_data[NER_RUNS] != []


def test_a_common_word_that_names_a_place_is_left_to_the_recogniser(fr) -> None:  # type: ignore[no-untyped-def]
    doc = fr("Cinq gendarmes ont été tués lundi lors de l'attaque de leur poste à Say.")
    assert doc.user_data[NER_RUNS] != []


def test_state_forces_do_not_hide_the_names_inside_them(en) -> None:  # type: ignore[no-untyped-def]
    finder = en.get_pipe("sitreps_ner")
    doc = en("US forces left the base on Monday.")
    assert finder.runs(doc) != []


def test_a_capitalised_word_inside_a_sentence_goes_whatever_its_tag(en) -> None:  # type: ignore[no-untyped-def]
    # a tagger that calls an unknown village a common noun must not hide it from the recogniser
    words = ["Gunmen", "attacked", "Ngouma", "on", "Monday", "."]
    doc = Doc(en.vocab, words=words, tags=["NNS", "VBD", "NN", "IN", "NNP", "."],
              sent_starts=[True] + [False] * 5)
    en.get_pipe("sitreps_actors")(doc)
    assert en.get_pipe("sitreps_ner").runs(doc) == [(0, 6)]
    # opening a sentence, only a proper noun goes
    doc = Doc(en.vocab, words=["Villagers", "fled", "."], tags=["NNS", "VBD", "."], sent_starts=[True, False, False])
    en.get_pipe("sitreps_actors")(doc)
    assert en.get_pipe("sitreps_ner").runs(doc) == []
