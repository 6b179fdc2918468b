"""Tests of sitreps.events.claims: quantified statements about actors."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from sitreps.events.claim_anchors import PERIOD, normalise_number
from sitreps.events.claims import find_claims
from sitreps.knowledge.speech import (
    CASUALTY_KINDS,
    casualty_words,
    claim_words,
    reporting_verbs,
    speech_verbs,
)
from sitreps.models import ActorMention
from tests.shared_paths import EVAL_ACTORS, SEED_GOLD, SEED_TEXT

ACTORS_TSV = EVAL_ACTORS


def _mentions(text: str, names: dict[str, str]) -> list[ActorMention]:
    """Hand-built actor mentions: every occurrence of each surface form, as the actor stage would give."""
    found = []
    for surface, name in names.items():
        for match in re.finditer(rf"(?<![\w.]){re.escape(surface)}(?!\w)", text):
            found.append(ActorMention(name=name, text=surface, start=match.start(), end=match.end()))
    return sorted(found, key=lambda m: m.start)




@pytest.mark.parametrize(
    ("written", "lang", "value"),
    [("three hundred", "en", "300"), ("six", "en", "6"), ("15,000", "en", "15,000"), ("twenty-five", "en", "25"),
     ("deux mille", "fr", "2000"), ("dix-sept", "fr", "17"), ("a hundred", "en", "100"), ("dozens", "en", "dozens"), ("1 200", "fr", "1 200")],
)  # fmt: skip
def test_claims_normalise_number_words(written: str, lang: str, value: str) -> None:
    assert normalise_number(written, lang) == value


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("grew in less than a year", "in less than a year"),
        ("killed since 2015 in the region", "since 2015"),
        ("over the past three years", "over the past three years"),
        ("en moins d'un an", "en moins d'un an"),
        ("depuis 2013", "depuis 2013"),
        ("ont augmenté de 30 % en un an", "en un an"),
        ("doubled in a year", "in a year"),
        ("au cours des six derniers mois", "au cours des six derniers mois"),
    ],
)
def test_claims_period_expressions(text: str, period: str) -> None:
    match = PERIOD.search(text)
    assert match is not None and match.group(0) == period


EN_CASES = [
    pytest.param(
        "Some 1,000 ISGS fighters now operate around Menaka, according to HRW.",
        {"ISGS": "Islamic State Sahel Province", "HRW": "Human Rights Watch"},
        ("Islamic State Sahel Province", "Some 1,000", "fighters", None, "HRW"),
        id="force-size-according-to",
    ),
    pytest.param(
        "JNIM has expanded its territory by 40% since 2021, a UN report said.",
        {"JNIM": "Jama'at Nusrat al-Islam wal-Muslimin", "UN": "United Nations"},
        ("Jama'at Nusrat al-Islam wal-Muslimin", "expanded by 40%", "territory", "since 2021", "a UN report"),
        id="percent-expansion-reported",
    ),
    pytest.param(
        "More than 2,000 civilians have been killed by the Malian army since January 2022, "
        "according to Human Rights Watch.",
        {
            "civilians": "Civilians",
            "Malian army": "Military Forces of Mali",
            "Human Rights Watch": "Human Rights Watch",
        },
        (
            "Military Forces of Mali",
            "More than 2,000",
            "civilians killed",
            "since January 2022",
            "Human Rights Watch",
        ),
        id="toll-over-period-by-agent",
    ),
    pytest.param(
        "MINUSMA must leave its last four camps by 31 December.",
        {"MINUSMA": "MINUSMA"},
        ("MINUSMA", "4", "camps to leave by 31 December", None, None),
        id="places-to-leave-by-date",
    ),
    pytest.param(
        "The 1,200-strong Wagner contingent arrived in March.",
        {"Wagner": "Wagner Group"},
        ("Wagner Group", "1,200", "personnel", None, None),
        id="n-strong-force",
    ),
    pytest.param(
        "The Islamic State affiliate has tripled its fighters in the Menaka region in two years, analysts estimate.",
        {"Islamic State": "Islamic State Sahel Province"},
        ("Islamic State Sahel Province", "tripled", "fighters in the Menaka region", "two years", "analysts"),
        id="multiplier-period-source",
    ),
]

EN_CASES += [
    pytest.param(
        "JNIM, which has some 2,000 fighters in the region, claimed the attack.",
        {"JNIM": "Jama'at Nusrat al-Islam wal-Muslimin"},
        ("Jama'at Nusrat al-Islam wal-Muslimin", "some 2,000", "fighters", None, None),
        id="relative-clause-force",
    ),
    pytest.param(
        "Since 2012, the conflict has killed more than 10,000 people, according to ACLED.",
        {},
        ("the conflict", "more than 10,000", "people killed", "since 2012", "ACLED"),
        id="non-actor-subject-words",
    ),
    pytest.param(
        "The army said it had killed 450 terrorists since 2022.",
        {"army": "Military Forces of Mali", "terrorists": "Unidentified Armed Group"},
        ("Military Forces of Mali", "450", "terrorists killed", "since 2022", "The army"),
        id="reported-toll-pronoun-subject",
    ),
]

FR_CASES = [
    pytest.param(
        "Le JNIM compte entre 2 000 et 3 000 combattants au Mali, selon des experts.",
        {"JNIM": "Jama'at Nusrat al-Islam wal-Muslimin"},
        ("Jama'at Nusrat al-Islam wal-Muslimin", "entre 2 000 et 3 000", "combattants", None, "des experts"),
        id="range-selon",
    ),
    pytest.param(
        "Selon l'ONU, les jihadistes de l'EIGS contrôlent désormais plus de 60 % du territoire.",
        {
            "ONU": "United Nations",
            "jihadistes": "Unidentified Armed Group",
            "EIGS": "Islamic State Sahel Province",
        },
        ("Islamic State Sahel Province", "plus de 60%", "territoire", None, "l'ONU"),
        id="share-selon",
    ),
    pytest.param(
        "L'Etat islamique au Sahel a doublé sa zone d'influence en moins d'un an, selon un rapport de l'ONU.",
        {"Etat islamique au Sahel": "Islamic State Sahel Province", "ONU": "United Nations"},
        (
            "Islamic State Sahel Province",
            "doublé",
            "zone d'influence",
            "moins d'un an",
            "un rapport de l'ONU",
        ),
        id="double-selon",
    ),
    pytest.param(
        "Depuis 2013, plus de 300 casques bleus ont été tués au Mali.",
        {"casques bleus": "MINUSMA"},
        ("MINUSMA", "plus de 300", "casques bleus tués", "depuis 2013", None),
        id="toll-depuis",
    ),
    pytest.param(
        "La MINUSMA doit quitter six emprises d'ici le 31 décembre.",
        {"MINUSMA": "MINUSMA"},
        ("MINUSMA", "6", "emprises à quitter d'ici le 31 décembre", None, None),
        id="places-d-ici",
    ),
]


def _check(claims, expected) -> None:
    subject, quantity, of, period, source = expected
    hits = [c for c in claims if c.quantity == quantity]
    assert hits, [(c.subject, c.quantity) for c in claims]
    claim = hits[0]
    assert claim.subject == subject
    assert claim.of == of
    assert (claim.period or "").lower() == (period or "").lower()
    assert claim.source == source
    assert claim.start is not None and claim.end is not None and claim.evidence


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "expected"), EN_CASES)
def test_claims_english(en, text: str, names: dict[str, str], expected) -> None:
    _check(find_claims(en(text), _mentions(text, names)), expected)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "names", "expected"), FR_CASES)
def test_claims_french(fr, text: str, names: dict[str, str], expected) -> None:
    _check(find_claims(fr(text), _mentions(text, names)), expected)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Ten soldiers were killed in an ambush near Gao on Sunday.",
        "The attack took place at 5 o'clock on 12 March 2023.",
        "The 15-member council met in New York.",
        "The two soldiers were arrested at a checkpoint.",
        "The army said it had killed 50 terrorists during the operation.",
    ],
)
def test_claims_skips_single_tolls_dates_and_committees(en, text: str) -> None:
    assert find_claims(en(text), _mentions(text, {"soldiers": "Military Forces of Mali"})) == []


@pytest.mark.slow
def test_claims_joint_forces_take_the_pair_named_before(en) -> None:
    text = (
        "Investigators blamed abuses on the Malian army and Wagner fighters.\n"
        "Last year, the joint forces were accused of killing more than 500 people in one village."
    )
    names = {"Malian army": "Military Forces of Mali", "Wagner": "Wagner Group"}
    claims = find_claims(en(text), _mentions(text, names))
    assert [(c.subject, c.quantity) for c in claims] == [
        ("Military Forces of Mali; Wagner Group", "more than 500")
    ]


@pytest.mark.slow
def test_claims_generic_subject_resolves_to_the_actor_of_the_context(en) -> None:
    text = (
        "MINUSMA was created in 2013. The MINUSMA mandate ends this year, and MINUSMA is packing up.\n"
        "The troops must hand over nine camps by the end of the year."
    )
    claims = find_claims(en(text), _mentions(text, {"MINUSMA": "MINUSMA"}))
    assert [(c.subject, c.quantity) for c in claims] == [("MINUSMA", "9")]


# --- the seed article ------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _dictionary_mentions(text: str) -> list[ActorMention]:
    """Actor mentions by plain alias lookup in the shared actor table (a stand-in for the actor stage)."""
    entries = []
    for line in ACTORS_TSV.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        canonical, aliases = line.split("\t")[:2]
        entries += [(alias, canonical) for alias in [canonical, *aliases.split("|")] if alias]
    entries.sort(key=lambda e: -len(e[0]))
    taken: list[tuple[int, int]] = []
    folded, found = _fold(text), []
    for alias, canonical in entries:
        haystack, needle = (text, alias) if alias.isupper() else (folded, _fold(alias))
        for match in re.finditer(rf"(?<![\w.]){re.escape(needle)}(?!\w)", haystack):
            if any(match.start() < b and a < match.end() for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(ActorMention(name=canonical, text=text[match.start() : match.end()],
                                      start=match.start(), end=match.end()))  # fmt: skip
    return sorted(found, key=lambda m: m.start)


@pytest.mark.slow
@pytest.mark.skipif(
    not (SEED_TEXT.exists() and SEED_GOLD.exists() and ACTORS_TSV.exists()), reason="shared seed not present"
)
def test_claims_seed_article_gold_claims_found(en) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    text = SEED_TEXT.read_text(encoding="utf-8")
    claims = find_claims(en(text), _dictionary_mentions(text))
    got = {(c.subject, c.quantity) for c in claims}
    missing = [
        (g["subject"], g["quantity"]) for g in gold["claims"] if (g["subject"], g["quantity"]) not in got
    ]
    assert missing == []


def test_claims_blank_pipeline_reads_the_surface_without_a_parse() -> None:
    import spacy

    doc = spacy.blank("en")("Some 1,000 fighters joined the group since 2020.")
    claims = find_claims(doc, [])
    assert [(c.subject, c.quantity, c.of, c.period) for c in claims] == [
        (None, "Some 1,000", "fighters", "since 2020")
    ]


# --- the claim vocabulary (knowledge/data/claims_lexicon.tsv) --------------------------------------


@pytest.mark.parametrize(
    ("key", "word"),
    [("force", "fighters"), ("force", "casques"), ("place", "bases"), ("people", "civils"),
     ("multiply", "doubled"), ("change", "augmenté"), ("leave", "hand"), ("generic_subject", "mission"),
     ("not_number", "une")],
)  # fmt: skip
def test_claims_lexicon_lists_load_from_the_data_file(key: str, word: str) -> None:
    assert word in claim_words(key)


def test_claims_lexicon_casualty_outcomes_in_lookup_order() -> None:
    outcomes = casualty_words()
    assert tuple(kind for kind, _ in outcomes) == CASUALTY_KINDS
    assert "massacred" in dict(outcomes)["killed"] and "enlevés" in dict(outcomes)["abducted"]


def test_claims_lexicon_reporting_verbs_add_to_the_verbs_of_saying() -> None:
    assert speech_verbs() < reporting_verbs()
    assert {"documented", "constate"} <= reporting_verbs() - speech_verbs()
