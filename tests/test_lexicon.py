"""The event lexicons: data files, folding, trigger coverage of the ACLED typology (sitreps.knowledge.lexicon)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from sitreps.events.classify import EVENT_TYPE
from sitreps.knowledge import lexicon

DATA_FILES = ("event_lexicon.tsv", "event_lexicon_cues.tsv", "event_lexicon_roles.tsv",
              "event_lexicon_numbers.tsv", "event_lexicon_tolls.tsv", "event_lexicon_capitals.tsv")


@pytest.mark.parametrize("name", DATA_FILES)
def test_lexicon_data_files_have_a_sources_header(name: str) -> None:
    text = resources.files("sitreps.knowledge.data").joinpath(name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines()[:6] if line.startswith("#")]
    assert header and any("Sources" in line for line in header)


@pytest.mark.parametrize("text", ["Ménaka", "ÉTAT-MAJOR", "l’armée", "Tinzaouatène — Kidal", "ﬁn", "İstanbul", ""])
def test_lexicon_fold_keeps_offsets(text: str) -> None:
    folded = lexicon.fold(text)
    assert len(folded) == len(text)
    assert folded == folded.lower() or not folded.isascii()


def test_lexicon_fold_strips_accents_and_quotes() -> None:
    assert lexicon.fold("Frappe AÉRIENNE à l’aube") == "frappe aerienne a l'aube"


def test_lexicon_labels_are_acled_sub_types_or_generic_classes() -> None:
    for lang in ("en", "fr"):
        for trigger in lexicon.triggers(lang):
            assert trigger.label in EVENT_TYPE or trigger.label in {"ATTACK", "KILL", "INJURE", "TERRITORY"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_lexicon_covers_every_sub_type_but_chemical_weapons(lang: str) -> None:
    labels = {t.label for t in lexicon.triggers(lang)}
    missing = set(EVENT_TYPE) - labels - {"Chemical weapon", "Protest with intervention",
                                          "Excessive force against protesters", "Non-state actor overtakes territory"}
    assert not missing


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("en", "a drone strike hit the camp", "Air/drone strike"),
        ("en", "the convoy struck an improvised explosive device", "Remote explosive/landmine/IED"),
        ("en", "a suicide bomber blew himself up", "Suicide bomb"),
        ("fr", "une frappe aérienne a visé", "Air/drone strike"),
        ("fr", "un engin explosif improvisé", "Remote explosive/landmine/IED"),
        ("fr", "un kamikaze", "Suicide bomb"),
        ("fr", "des affrontements ont éclaté", "Armed clash"),
        ("fr", "l'armée a repris le contrôle de la ville", "Government regains territory"),
        ("en", "the rebels took control of the town", "TERRITORY"),
        ("fr", "des manifestants ont défilé", "Peaceful protest"),
        ("fr", "une émeute a éclaté", "Violent demonstration"),
        ("en", "police arrested three men", "Arrests"),
        ("fr", "la rétrocession du camp", "Non-violent transfer of territory"),
        ("fr", "un coup d'État", "Other"),
        ("en", "gunmen abducted 12 women", "Abduction/forced disappearance"),
    ],
)
def test_lexicon_triggers_match_in_both_languages(lang: str, text: str, label: str) -> None:
    folded = lexicon.fold(text)
    assert any(t.regex.search(folded) for t in lexicon.triggers(lang) if t.label == label)


def test_lexicon_patterns_respect_word_boundaries() -> None:
    source = lexicon.compile_pattern("ied")
    assert re.search(source, "an ied exploded")
    assert not re.search(source, "he died")
    assert re.search(lexicon.compile_pattern("clash*"), "clashes erupted")
    assert re.search(lexicon.compile_pattern("took .. control of"), "took full control of")


def test_lexicon_number_words_both_languages() -> None:
    assert lexicon.number_words("en")["dozens"] == (12, "approx")
    assert lexicon.number_words("fr")["vingtaine"] == (20, "approx")
    assert lexicon.number_words("fr")["centaines"] == (100, "approx")


def test_lexicon_capitals_of_the_sahel_states() -> None:
    assert lexicon.capitals()["Niger"][0] == "Niamey"
    assert lexicon.capitals()["Burkina Faso"][0] == "Ouagadougou"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_lexicon_a_pattern_matches_only_where_its_head_is(lang: str) -> None:
    # the head filter skips a pattern whose first word's start is at no word start of a text: each pattern,
    # written out in the ways the lexicon allows (a hyphen as a space or nothing, any ending, a word in a gap),
    # after an apostrophe or a hyphenated prefix, must still be found, with its head present
    rows = [r for r in lexicon._rows("event_lexicon.tsv", 4) if r[0] in (lang, "*")]
    cues = [r for r in lexicon._rows("event_lexicon_cues.tsv", 3) if r[0] in (lang, "*")]
    tolls = [r for r in lexicon._rows("event_lexicon_tolls.tsv", 3) if r[0] in (lang, "*")]
    triggers = {(t.label, t.weight): t for t in lexicon.triggers(lang)}
    checked = 0
    for pattern, regex, heads in [(r[3], triggers[(r[1], int(r[2]))].regex, triggers[(r[1], int(r[2]))].heads)
                                  for r in rows] + [(r[2], lexicon.cues(lang)[r[1]], lexicon.cue_heads(lang)[r[1]])
                                                    for r in cues] + [
                                      (r[2], lexicon.toll_terms(lang)[r[1]], lexicon.toll_heads(lang)[r[1]])
                                      for r in tolls]:
        words = [w.rstrip("*") + ("s" if w.endswith("*") else "") for w in pattern.split() if w != ".."]
        for joiner in (" ", "-"):
            for before in ("", "a ", "l'", "(", "\n"):
                text = lexicon.fold(before + " ".join(w.replace("-", joiner) for w in words) + ".")
                if regex.search(text):
                    checked += 1
                    assert not heads.isdisjoint(lexicon.text_heads(text)), (pattern, text)
    assert checked > 3000  # every pattern, in several forms


def test_lexicon_text_heads_are_the_starts_of_words() -> None:
    heads = lexicon.text_heads(lexicon.fold("Des hommes armés ont attaqué l'école"))
    assert {"d", "de", "des", "hom", "arm", "l", "l'", "l'e", "eco", ""} <= heads
    assert "omm" not in heads and "tta" not in heads  # not a word start
