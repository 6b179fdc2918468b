"""Casualty tolls: counts in words and digits, sides, updates, ranges, subsets (sitreps.resolve.numbers)."""

from __future__ import annotations

import pytest

from sitreps.resolve.numbers import combine_tolls, find_tolls, merge_tolls, no_deaths_stated, parse_count


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("15", "en", 15),
        ("1,200", "en", 1200),
        ("fifteen", "en", 15),
        ("twenty-one", "en", 21),
        ("one hundred and five", "en", 105),
        ("a dozen", "en", 12),
        ("dozens", "en", 12),
        ("hundreds", "en", 100),
        ("trois", "fr", 3),
        ("vingt et un", "fr", 21),
        ("quatre-vingt-dix", "fr", 90),
        ("une vingtaine", "fr", 20),
        ("une dizaine", "fr", 10),
        ("des dizaines", "fr", 12),
        ("des centaines", "fr", 100),
        ("trois cents", "fr", 300),
    ],
)
def test_numbers_parse_count_words_and_digits(text: str, lang: str, value: int) -> None:
    assert parse_count(text, lang) == value


def test_numbers_parse_count_none_without_number() -> None:
    assert parse_count("several soldiers", "en") is None


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        ("15 soldiers and 50 assailants were killed", "en", 65),
        ("the army killed 15 soldiers and 50 assailants", "en", 65),
        ("three soldiers were killed while 20 attackers were neutralised", "en", 23),
        ("the toll rose from 3 to 14 dead", "en", 14),
        ("Le bilan est passé de 5 à 12 morts", "fr", 12),
        ("Selon un nouveau bilan, 14 personnes ont été tuées", "fr", 14),
        ("between 153 and 176 people were killed", "en", 153),
        ("dozens of civilians were killed", "en", 12),
        ("des dizaines de civils ont été tués", "fr", 12),
        ("more than 100 people died", "en", 100),
        ("hundreds of people were killed", "en", 100),
        ("une vingtaine de terroristes ont été neutralisés", "fr", 20),
        ("a soldier was killed", "en", 1),
        ("the gunmen shot dead a villager", "en", 1),
        ("20 people were killed, including 15 soldiers", "en", 20),
        ("L'attaque a fait 10 morts dont 3 civils", "fr", 10),
        ("at least 20 killed", "en", 20),
        ("trois soldats tués et cinq blessés", "fr", 3),
        ("quatre-vingt-dix civils ont été tués", "fr", 90),
        ("Onze personnes, dont sept VDP et quatre civils, ont été tuées", "fr", 11),
        ("plus de 100 personnes, en majorité des civils, ont été tuées", "fr", 100),
        ("The death toll from the attack on the camp on Thursday has risen to 89 soldiers", "en", 89),
        ("a permis de neutraliser une quinzaine de terroristes", "fr", 15),
        ("vingt et un soldats ont été tués", "fr", 21),
        ("quatre soldats américains et quatre soldats nigériens avaient été tués", "fr", 8),
    ],
)
def test_numbers_killed_toll(text: str, lang: str, killed: int) -> None:
    assert combine_tolls(find_tolls(text, lang), "killed") == killed


@pytest.mark.parametrize(
    "text",
    [
        "gunmen on 20 motorcycles attacked the village",
        "the attack happened 90 km east of Gao",
        "in 2019 the camp was attacked",
        "a 25-year-old man was arrested",
    ],
)
def test_numbers_other_counts_are_not_tolls(text: str) -> None:
    assert combine_tolls(find_tolls(text, "en"), "killed") is None


def test_numbers_injured_and_abducted_are_their_own_kinds() -> None:
    tolls = find_tolls("an attack killed five people, injured 10 and kidnapped 12 women", "en")
    assert combine_tolls(tolls, "killed") == 5
    assert combine_tolls(tolls, "injured") == 10
    assert combine_tolls(tolls, "abducted") == 12


def test_numbers_conflicting_figures_take_lowest() -> None:
    assert combine_tolls(find_tolls("officials said 10 soldiers were killed, a source said 15 soldiers died")) == 10


def test_numbers_spans_point_at_the_count() -> None:
    text = "Gunmen killed 12 villagers."
    [toll] = find_tolls(text, "en", offset=100)
    assert (toll.start, toll.end, toll.text) == (114, 116, "12")


def test_numbers_elliptical_second_toll_per_place() -> None:
    tolls = find_tolls("70 personnes ont été tuées à Tchoma Bangou et 30 à Zaroumdareye.", "fr")
    assert [t.value for t in tolls if t.kind == "killed"] == [70, 30]


def test_numbers_merge_later_clause_updates_or_adds_sides() -> None:
    first = find_tolls("At least 3 soldiers were killed.", "en")
    update = find_tolls("The toll later rose to 14 soldiers.", "en")
    other_side = find_tolls("The army said 20 assailants were neutralised.", "en")
    aside = find_tolls("Two of their men had been killed last year.", "en")
    assert merge_tolls([first, update]) == 14
    assert merge_tolls([first, other_side]) == 23
    assert merge_tolls([first, aside]) == 3
    assert merge_tolls([[], []]) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [("There were no casualties.", "en"), ("Nobody was killed.", "en"), ("L'attaque n'a fait aucune victime.", "fr")],
)
def test_numbers_no_deaths_stated(text: str, lang: str) -> None:
    assert no_deaths_stated(text, lang)


def test_numbers_garbage_never_crashes() -> None:
    for text in ("", "...", "1 2 3 4", "killed killed 99999999999999", "tués à 3,5,7", "∞ morts"):
        assert isinstance(find_tolls(text, "fr"), list)
