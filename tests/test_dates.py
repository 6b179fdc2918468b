"""Dates resolved against the publication date, in English and French."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from sitreps.models import DAY, MONTH, YEAR
from sitreps.resolve.dates import DateMention, find_dates, resolve_date

#: A Wednesday.
REF = dt.date(2023, 3, 15)


@pytest.mark.parametrize(
    ("lang", "text", "date", "precision"),
    [
        ("en", "March 8", dt.date(2023, 3, 8), DAY),
        ("en", "on March 8, 2022", dt.date(2022, 3, 8), DAY),
        ("en", "the 3rd of March", dt.date(2023, 3, 3), DAY),
        ("en", "Friday 13 March 2020", dt.date(2020, 3, 13), DAY),
        ("fr", "8 mars 2022", dt.date(2022, 3, 8), DAY),
        ("fr", "le 1er mars", dt.date(2023, 3, 1), DAY),
        ("fr", "le mardi 10 janvier", dt.date(2023, 1, 10), DAY),
        ("en", "on 10/01/2023", dt.date(2023, 1, 10), DAY),
        ("en", "2023-02-11", dt.date(2023, 2, 11), DAY),
        ("en", "on Sunday", dt.date(2023, 3, 12), DAY),
        ("en", "on Wednesday", dt.date(2023, 3, 15), DAY),
        ("en", "last Wednesday", dt.date(2023, 3, 8), DAY),
        ("fr", "dimanche dernier", dt.date(2023, 3, 12), DAY),
        ("fr", "mercredi", dt.date(2023, 3, 15), DAY),
        ("en", "Saturday night", dt.date(2023, 3, 11), DAY),
        ("en", "yesterday", dt.date(2023, 3, 14), DAY),
        ("fr", "hier soir", dt.date(2023, 3, 14), DAY),
        ("fr", "avant-hier", dt.date(2023, 3, 13), DAY),
        ("fr", "il y a trois jours", dt.date(2023, 3, 12), DAY),
        ("en", "two weeks ago", dt.date(2023, 3, 1), MONTH),
        ("en", "last week", dt.date(2023, 3, 8), MONTH),
        ("fr", "la semaine dernière", dt.date(2023, 3, 8), MONTH),
        ("en", "last month", dt.date(2023, 2, 15), MONTH),
        ("fr", "le mois dernier", dt.date(2023, 2, 15), MONTH),
        ("fr", "fin décembre", dt.date(2022, 12, 25), MONTH),
        ("en", "early June", dt.date(2022, 6, 5), MONTH),
        ("fr", "début juin", dt.date(2022, 6, 5), MONTH),
        ("en", "mid-February", dt.date(2023, 2, 15), MONTH),
        ("en", "in June", dt.date(2022, 6, 15), MONTH),
        ("fr", "en mars", dt.date(2023, 3, 15), MONTH),
        ("en", "in June 2021", dt.date(2021, 6, 15), MONTH),
        ("fr", "dans la nuit de samedi à dimanche", dt.date(2023, 3, 11), DAY),
        ("en", "on the night of Saturday to Sunday", dt.date(2023, 3, 11), DAY),
        ("fr", "dans la nuit du 3 au 4 mars", dt.date(2023, 3, 3), DAY),
        ("en", "the night of March 3 to 4", dt.date(2023, 3, 3), DAY),
        ("fr", "du 3 au 7 mars", dt.date(2023, 3, 3), MONTH),
        ("en", "in 2019", dt.date(2019, 7, 1), YEAR),
        ("fr", "l'année dernière", dt.date(2022, 7, 1), YEAR),
    ],
)
def test_dates_resolve_date(lang: str, text: str, date: dt.date, precision: int) -> None:
    assert resolve_date(text, reference=REF, lang=lang) == (date, precision)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("March 20", dt.date(2022, 3, 20)),  # after the reference: last year's
        ("le 24 décembre", dt.date(2022, 12, 24)),
        ("in November", dt.date(2022, 11, 15)),
    ],
)
def test_dates_future_dates_roll_back_a_year(text: str, date: dt.date) -> None:
    assert resolve_date(text, reference=REF, lang="en")[0] == date


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        # 10 January 2023 was a Tuesday: the explicit date wins over a wrong weekday
        ("fr", "le jeudi 10 janvier", dt.date(2023, 1, 10)),
        ("en", "on Monday, March 8", dt.date(2023, 3, 8)),
    ],
)
def test_dates_explicit_date_beats_weekday(lang: str, text: str, date: dt.date) -> None:
    assert resolve_date(text, reference=REF, lang=lang) == (date, DAY)


@pytest.mark.parametrize(
    "text",
    ["this may be true", "protesters march on the palace", "the group said", ""],
)
def test_dates_no_date_in_text(text: str) -> None:
    assert resolve_date(text, reference=REF, lang="en") == (None, YEAR)


def test_dates_relative_dates_need_a_reference() -> None:
    assert resolve_date("on Sunday", reference=None, lang="en") == (None, YEAR)
    assert resolve_date("8 mars 2022", reference=None, lang="fr") == (dt.date(2022, 3, 8), DAY)


def test_dates_dateparser_fallback_reads_other_forms() -> None:
    date, precision = resolve_date("11 days ago", reference=REF, lang="en")
    assert date == dt.date(2023, 3, 4)
    assert precision == DAY


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Gunmen struck on Sunday. The following day, soldiers arrived. On March 3 the army "
            "attacked; the next day it withdrew.",
            [("on Sunday", dt.date(2023, 3, 12)), ("The following day", dt.date(2023, 3, 13)),
             ("On March 3", dt.date(2023, 3, 3)), ("the next day", dt.date(2023, 3, 4))],
        ),
        (
            "fr",
            "L'attaque a eu lieu le 5 mars. Le lendemain, l'armée a riposté. La veille, des tracts circulaient.",
            [("le 5 mars", dt.date(2023, 3, 5)), ("Le lendemain", dt.date(2023, 3, 6)),
             ("La veille", dt.date(2023, 3, 5))],
        ),
    ],
)  # fmt: skip
def test_dates_find_dates_in_a_doc(lang: str, text: str, expected: list[tuple[str, dt.date]]) -> None:
    doc = spacy.blank(lang)(text)
    found = find_dates(doc, REF)
    assert [(m.text, m.date) for m in found] == expected
    for mention in found:
        assert text[mention.start : mention.end] == mention.text


def test_dates_find_dates_in_a_span_keeps_document_offsets() -> None:
    doc = spacy.blank("en")("Nothing happened then. Gunmen struck yesterday.")
    span = doc[4:]
    (mention,) = find_dates(span, REF)
    assert mention == DateMention(
        start=37, end=46, text="yesterday", date=dt.date(2023, 3, 14), precision=DAY
    )
    assert doc.text[mention.start : mention.end] == "yesterday"


def test_dates_following_day_without_previous_date_is_skipped() -> None:
    doc = spacy.blank("en")("The following day, soldiers arrived.")
    assert find_dates(doc, REF) == []


@pytest.mark.parametrize(
    ("text", "reference_precision", "date"),
    [
        ("September 12", 1, dt.date(2022, 9, 12)),
        ("September 12", 2, dt.date(2023, 9, 12)),
        ("in late September", 2, dt.date(2023, 9, 25)),
    ],
)
def test_dates_month_precise_reference_widens_the_horizon(
    text: str, reference_precision: int, date: dt.date
) -> None:
    found, _precision = resolve_date(
        text, reference=dt.date(2023, 9, 1), lang="en", reference_precision=reference_precision
    )
    assert found == date


@pytest.mark.parametrize(
    ("lang", "text", "date", "precision"),
    [
        ("fr", "les 3 et 4 mars", dt.date(2023, 3, 3), DAY),
        ("en", "on 3-4 March", dt.date(2023, 3, 3), DAY),
        ("en", "late March", dt.date(2023, 3, 15), MONTH),
    ],
)
def test_dates_ranges_and_clipped_months(lang: str, text: str, date: dt.date, precision: int) -> None:
    assert resolve_date(text, reference=REF, lang=lang) == (date, precision)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (  # a date something was said on is not what "two days earlier" counts from
            "en",
            "Gunmen killed 11 soldiers on Sunday, the ministry said on Wednesday. Two days earlier, a bus hit a mine.",
            [("on Sunday", dt.date(2023, 3, 12)), ("on Wednesday", dt.date(2023, 3, 15)),
             ("Two days earlier", dt.date(2023, 3, 10))],
        ),
        (
            "en",
            "Ten gendarmes were killed early on Sunday, the government said in a statement on Tuesday. "
            "Armed men had attacked the village the previous evening.",
            [("early on Sunday", dt.date(2023, 3, 12)), ("on Tuesday", dt.date(2023, 3, 14)),
             ("the previous evening", dt.date(2023, 3, 11))],
        ),
        (
            "fr",
            "Le 5 mars, des hommes armés ont tué trois civils, a indiqué mardi le gouverneur. Le lendemain, l'armée a riposté.",
            [("Le 5 mars", dt.date(2023, 3, 5)), ("mardi", dt.date(2023, 3, 14)), ("Le lendemain", dt.date(2023, 3, 6))],
        ),
        (  # only a date of saying: the next day counts from it rather than from nothing
            "en",
            "Officials said on Monday that the town was calm. The following day, protesters gathered.",
            [("on Monday", dt.date(2023, 3, 13)), ("The following day", dt.date(2023, 3, 14))],
        ),
        (  # a wire dateline is the report's date
            "en",
            "NIAMEY, March 14 - Soldiers were killed on Sunday. Two days earlier, a mine exploded.",
            [("March 14", dt.date(2023, 3, 14)), ("on Sunday", dt.date(2023, 3, 12)),
             ("Two days earlier", dt.date(2023, 3, 10))],
        ),
    ],
)  # fmt: skip
def test_dates_relative_days_skip_dates_of_saying(lang: str, text: str, expected: list[tuple[str, dt.date]]) -> None:
    found = find_dates(spacy.blank(lang)(text), REF)
    assert [(m.text, m.date) for m in found] == expected


def test_dates_day_after_a_two_day_night_counts_from_its_second_day() -> None:
    text = "Des hommes armés ont attaqué le poste dans la nuit de samedi à dimanche. Le lendemain, un camion a sauté."
    found = find_dates(spacy.blank("fr")(text), REF)
    assert [(m.text, m.date) for m in found] == [
        ("dans la nuit de samedi à dimanche", dt.date(2023, 3, 11)),
        ("Le lendemain", dt.date(2023, 3, 13)),
    ]


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        ("en", "The camp was attacked on March 3. Four days later, the army withdrew.", dt.date(2023, 3, 7)),
        ("fr", "Le camp a été attaqué le 10 mars. Cinq jours plus tôt, un convoi avait sauté.", dt.date(2023, 3, 5)),
        ("fr", "Le camp a été attaqué le 10 mars. Trois jours auparavant, un convoi avait sauté.", dt.date(2023, 3, 7)),
        ("en", "The camp was attacked on March 3. A day earlier, a convoy hit a mine.", dt.date(2023, 3, 2)),
        ("en", "The camp was attacked on March 3. The night before, shots were heard.", dt.date(2023, 3, 2)),
        ("fr", "Le camp a été attaqué le 10 mars. La veille au soir, des coups de feu ont été entendus.", dt.date(2023, 3, 9)),
    ],
)
def test_dates_days_before_or_after_a_dated_incident(lang: str, text: str, date: dt.date) -> None:
    found = find_dates(spacy.blank(lang)(text), REF)
    assert found[-1].date == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Gunmen raided the village overnight on Friday. Hours earlier, gunmen had killed 14 people.", dt.date(2023, 3, 10)),
        ("Gunmen raided the village on Monday. A few hours later, soldiers arrived.", dt.date(2023, 3, 13)),
    ],
)
def test_dates_hours_earlier_or_later_keep_the_day_or_the_nights_evening(text: str, date: dt.date) -> None:
    found = find_dates(spacy.blank("en")(text), REF)
    assert found[-1].text.lower().endswith(("earlier", "later")) and found[-1].date == date


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Ayorou, known for its Sunday market, has emptied."),
        ("en", "Worshippers had gathered for Friday prayers."),
        ("fr", "Le marché du dimanche a été suspendu."),
    ],
)
def test_dates_weekday_naming_a_custom_is_not_a_date(lang: str, text: str) -> None:
    assert find_dates(spacy.blank(lang)(text), REF) == []


def test_dates_day_of_a_claim_is_not_what_the_previous_day_counts_from() -> None:
    text = (
        "Soldiers were killed on Saturday, March 11, near Tillia. The group claimed the attack on Sunday. "
        "Gunmen killed seven villagers in Tassara the previous day."
    )
    found = find_dates(spacy.blank("en")(text), REF)
    assert [(m.text, m.date) for m in found] == [
        ("on Saturday, March 11", dt.date(2023, 3, 11)),
        ("on Sunday", dt.date(2023, 3, 12)),
        ("the previous day", dt.date(2023, 3, 10)),
    ]
