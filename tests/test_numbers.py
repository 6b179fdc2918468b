"""Casualty tolls: counts in words and digits, sides, updates, ranges, subsets (sitreps.resolve.numbers)."""

from __future__ import annotations

import pytest

from sitreps.resolve.numbers import (
    find_tolls,
    no_deaths_stated,
    parse_count,
    reports_deaths,
)
from sitreps.resolve.tolls import combine_tolls, merge_tolls


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
        ("le bilan fait état de 10 à 15 morts", "fr", 10),
        ("killing at least nine civilians, two local officials said", "en", 9),
        ("tuant neuf civils, deux sources locales ont indiqué", "fr", 9),
        ("Between 20 and 30 civilians were killed, while the government put the toll at 18", "en", 18),
        ("20 civilians were killed, residents said, and 25 people according to another source", "en", 20),
        ("a strike killed a commander and two of his bodyguards", "en", 3),
        ("killed more than 20 militants, adding that four of its soldiers were killed", "en", 24),
        ("trois volontaires pour la défense de la patrie (VDP) ont été tués mardi", "fr", 3),
        ("Un casque bleu de la Mission de l'ONU au Mali (MINUSMA) a été tué lundi", "fr", 1),
        ("attacked by a hundred terrorists and twenty-one of them were killed", "en", 21),
        ("Twenty people were killed, two of them children", "en", 20),
        ('its men killed "more than 20" of the assailants', "en", 20),
        ("20 morts parmi les soldats, tandis qu'une source locale évoque 35 morts", "fr", 20),
        ("15 soldiers were killed, while another source spoke of 40 dead", "en", 15),
        ("a landmine killed a woman and her two children", "en", 3),
        ("en ont neutralisé « plusieurs dizaines » lors d'une opération", "fr", 12),
        ("une femme et ses deux enfants avaient été tués par l'explosion", "fr", 3),
        ("the group said it killed 30 soldiers, while the ministry said 10 soldiers and 25 attackers died", "en", 35),
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
    neutralised = find_tolls("La riposte a permis de neutraliser 11 terroristes.", "fr")
    own_losses = find_tolls("Côté ami, on déplore 2 morts et 4 blessés.", "fr")
    assert merge_tolls([neutralised, own_losses]) == 13
    first = find_tolls("Community leaders first counted 17 dead", "en")
    risen = find_tolls("an official said the toll had risen to 23 civilians, among them two boys.", "en")
    assert merge_tolls([first, risen]) == 23
    soldiers = find_tolls("Six soldiers were killed when a patrol was attacked.", "en")
    assailants = find_tolls('The assailants, "more than a hundred terrorists", lost about forty men.', "en")
    assert [t.side for t in assailants] == ["armed"] and merge_tolls([soldiers, assailants]) == 46
    [update] = [t for t in find_tolls("In an updated toll released on Monday, the general staff said 17 soldiers "
                                      "had died.", "en") if t.kind == "killed"]
    assert update.update
    official = find_tolls("Au moins huit soldats ont été tués, a indiqué le ministère.", "fr")
    local = find_tolls("Une source locale évoque un bilan de douze morts parmi les militaires.", "fr")
    assert merge_tolls([official, local]) == 8
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


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        ("about 20 villagers were killed", "en", 20),
        ("around ten soldiers died in the ambush", "en", 10),
        ("some 30 herders were massacred", "en", 30),
        ("une vingtaine de personnes ont été tuées", "fr", 20),
        ("une quinzaine de soldats ont perdu la vie", "fr", 15),
        ("l'embuscade a fait une dizaine de morts", "fr", 10),
        ("several dozen villagers were killed", "en", 12),
        ("plusieurs dizaines de civils ont été tués", "fr", 12),
        ("hundreds of people died", "en", 100),
        ("plus de 100 personnes ont été tuées", "fr", 100),
        ("at least 13 soldiers lost their lives", "en", 13),
        ("au moins 13 soldats ont été tués", "fr", 13),
        ("plusieurs milliers de personnes ont été tuées", "fr", 1000),
    ],
)
def test_numbers_approximate_counts(text: str, lang: str, killed: int) -> None:
    assert combine_tolls(find_tolls(text, lang)) == killed


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        ("several thousand terrorists stormed the base, killing 12 soldiers", "en", 12),
        ("plusieurs milliers de terroristes ont attaqué la base, tuant 12 soldats", "fr", 12),
        ("dozens of assailants on motorbikes killed five villagers", "en", 5),
        ("des dizaines d'assaillants à moto ont tué cinq villageois", "fr", 5),
        ("gunmen burned 20 shops and killed two traders", "en", 2),
        ("des hommes armés ont incendié 20 boutiques et tué deux commerçants", "fr", 2),
        ("several hundred people marched through the town", "en", None),
        ("plusieurs centaines de personnes ont marché dans la ville", "fr", None),
        ("gunmen abducted 30 women from the village", "en", None),
        ("30 femmes ont été enlevées", "fr", None),
        ("12 people were wounded", "en", None),
        ("douze personnes ont été blessées", "fr", None),
        ("two senior officers lost their posts in the reshuffle", "en", None),
        ("killing at least nine civilians, two local officials said", "en", 9),
        ("killing 12 people, a local official said", "en", 12),
        ("tuant 12 personnes, a indiqué un élu local", "fr", 12),
        ("5 soldiers were killed and 3 are missing", "en", 5),
    ],
)
def test_numbers_counts_that_are_not_tolls(text: str, lang: str, killed: int | None) -> None:
    assert combine_tolls(find_tolls(text, lang)) == killed


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        ('Three soldiers and "several terrorists" were killed', "en", 3),
        ("the French army said about ten terrorists were put out of action", "en", 10),
        ("une dizaine de terroristes ont été mis hors de combat", "fr", 10),
        ("the rebels said they had lost seven fighters", "en", 7),
        ("les rebelles ont dit avoir perdu sept combattants", "fr", 7),
        ("trois soldats et deux VDP sont tombés", "fr", 5),
        ("a drone strike killed a commander and two of his bodyguards", "en", 3),
        ("une frappe a tué un chef et deux de ses gardes du corps", "fr", 3),
        ("the attack killed five people, two of them children", "en", 5),
        ("l'attaque a tué cinq personnes, dont deux enfants", "fr", 5),
        ("15 soldats et 50 assaillants ont été tués", "fr", 65),
        ("no one was killed", "en", 0),
        ("a soldier and two civilians were killed", "en", 3),
        ("un soldat et deux civils ont été tués", "fr", 3),
        ("gunmen killed between 10 and 15 people", "en", 10),
        ("les assaillants ont tué entre 10 et 15 personnes", "fr", 10),
        ("three people, two of whom were soldiers, were killed", "en", 3),
        ("two soldiers were killed and three civilians", "en", 5),
        ("un homme accusé de vol de bétail a été battu à mort par une foule", "fr", 1),
        ("a man accused of stealing cattle was beaten to death by a mob", "en", 1),
        ("the attack killed five gendarmes and a VDP auxiliary", "en", 6),
        ("l'attaque a tué cinq gendarmes et un volontaire", "fr", 6),
    ],
)
def test_numbers_sides_and_other_death_verbs(text: str, lang: str, killed: int) -> None:
    assert combine_tolls(find_tolls(text, lang)) == killed


@pytest.mark.parametrize(
    ("clauses", "lang", "killed"),
    [
        # a claim and a denial: the lowest figure
        (["The group claimed to have killed 20 soldiers.", "The ministry said five soldiers were killed."], "en", 5),
        (["Le groupe affirme avoir tué 20 soldats.", "Le ministère parle de cinq soldats tués."], "fr", 5),
        # one side counted twice by two sources, then a generic lower figure: the lowest
        (["Une vingtaine de civils ont été tués.", "Une source évoque au moins 18 morts."], "fr", 18),
        (["About 20 civilians were killed.", "A hospital source counted 18 dead."], "en", 18),
        # an earlier figure that a later one replaced, given after it
        (["At least 137 people were killed.", "Local officials had initially counted about 60 dead."], "en", 137),
        (["Neuf militaires ont été tués.", "Un premier bilan faisait état de trois morts."], "fr", 9),
        # two sides of one incident in two clauses: summed
        (["15 soldiers were killed.", "The army said it neutralised 40 terrorists."], "en", 55),
        (["Quinze soldats ont été tués.", "L'armée dit avoir neutralisé 40 terroristes."], "fr", 55),
        # civilians by one account, "terrorists" in quotation marks by the other: the same dead
        (["Soldiers executed about 300 civilians.", 'The army said 203 "terrorists" were neutralised.'], "en", 203),
        (["Les soldats ont exécuté 300 civils.", "L'armée affirme avoir neutralisé 203 « terroristes »."], "fr", 203),
        (["Gunmen killed 10 civilians.", "The army then killed 5 assailants."], "en", 15),
        # further victims of a side already counted are added, not weighed against it
        (["The first wave killed 5 soldiers.", "A second wave killed 3 more soldiers."], "en", 8),
        (["Cinq soldats ont été tués.", "Deux autres soldats ont succombé à leurs blessures."], "fr", 7),
        (["Five soldiers were killed.", "Two others later died of their wounds."], "en", 7),
        # an earlier figure is dropped only for the victims a current one counts
        (["Selon un premier bilan, 12 soldats ont été tués.", "L'armée dit avoir neutralisé 20 assaillants."],
         "fr", 32),
    ],
)
def test_numbers_merge_conflicting_and_replaced_figures(clauses: list[str], lang: str, killed: int) -> None:
    assert merge_tolls([find_tolls(c, lang) for c in clauses]) == killed


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("residents burned two police vehicles after six traders were killed on the road", "en"),
        ("following the deaths of 4 soldiers, protesters blocked the road", "en"),
        ("des jeunes ont manifesté après la mort de deux commerçants", "fr"),
    ],
)
def test_numbers_deaths_the_incident_followed_are_not_its_toll(text: str, lang: str) -> None:
    assert combine_tolls(find_tolls(text, lang)) is None
    assert not reports_deaths(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("after killing 20 people, the gunmen fled", "en", True),
        ("après avoir tué cinq civils, les assaillants ont fui", "fr", True),
        ("un homme a été battu à mort par la foule", "fr", True),
        ("The drivers were released and no one was killed.", "en", False),
        ("Personne n'a été tué.", "fr", False),
        ("Des jeunes ont saccagé le commissariat après la mort d'un conducteur.", "fr", False),
    ],
)
def test_numbers_reports_deaths(text: str, lang: str, expected: bool) -> None:
    assert reports_deaths(text, lang) is expected
