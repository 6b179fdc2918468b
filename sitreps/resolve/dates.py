"""Dates in English and French reports, resolved against the publication date.

``find_dates`` finds date expressions in a Doc or a sentence and resolves each
one to a day and an ACLED time precision (1 the day, 2 the week or month,
3 the year or longer).  The common patterns are explicit rules ("March 8",
"le mardi 10 janvier", "on Sunday", "dans la nuit de samedi à dimanche",
"le lendemain", "two days earlier", "last month", "fin décembre"); ``resolve_date`` falls back to
``dateparser`` (cached) for a short expression no rule reads.

Conventions: a night spanning two days is dated to its first day (ACLED codes
the day an attack began); a weekday is the latest such day on or before the
reference; a month without a day is dated to its 5th ("early"), 15th or 25th
("late"); a year alone to 1 July; a date with no year written that would fall
after the reference is moved back a year; an explicit date wins over a weekday
that disagrees with it.  Relative days ("the next day", "la veille", "two days earlier")
count from the last incident date before them: a date on which something was only said
("officials said on Tuesday") is skipped, and a night given as two days counts as its second.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitreps.knowledge.actors import fold_cased, fold_text
from sitreps.models import DAY, MONTH, YEAR
from sitreps.nlp.segment import doc_text

__all__ = ["DateMention", "find_dates", "resolve_date"]

MONTHS = {
    "january": 1, "jan": 1, "janvier": 1, "janv": 1,
    "february": 2, "feb": 2, "fevrier": 2, "fevr": 2, "fev": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4, "avr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7, "juil": 7,
    "august": 8, "aug": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "decembre": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4,
    "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
}  # fmt: skip

_ABBREVIATIONS = [
    m for m in MONTHS if len(m) <= 4 and m not in ("may", "mai", "mars", "juin", "june", "july")
]
_M = (
    "(?:"
    + "|".join(sorted((m for m in MONTHS if m not in _ABBREVIATIONS), key=len, reverse=True))
    + "|(?:"
    + "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")\.?)"
)
_WD = r"(?:" + "|".join(WEEKDAYS) + r")"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|eme|e)?"
_Y = r"(?:19|20)\d\d"
_N = r"(?:\d{1,2}|" + "|".join(NUMBERS) + r")"


@dataclass(frozen=True, kw_only=True)
class DateMention:
    """A date expression at ``start:end`` (document characters) and what it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int


@dataclass(frozen=True, kw_only=True)
class _Context:
    reference: dt.date | None
    horizon: dt.date | None  # the latest day the text can report: the reference's day, month or year
    previous: dt.date | None
    cased: str  # accent-folded text with its case, for English capitals
    previous_start: dt.date | None = None  # the first day of the previous mention (a night's evening)


Handler = Callable[[re.Match[str], _Context], tuple[dt.date | None, int] | None]
_RULES: list[tuple[re.Pattern[str], Handler]] = []


def _rule(pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(r"(?<![\w-])" + pattern + r"(?![\w])"), handler))
        return handler

    return register


# --- helpers ---------------------------------------------------------------


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".")]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dated(month: int, day: int, year: str | None, horizon: dt.date | None) -> dt.date | None:
    """A day of a month; without a year, the latest one not after the horizon."""
    if year:
        return _safe(int(year), month, day)
    if horizon is None:
        return None
    found = _safe(horizon.year, month, min(day, calendar.monthrange(horizon.year, month)[1]))
    if found and found > horizon:
        found = _safe(horizon.year - 1, month, day)
    return found


def _horizon(reference: dt.date | None, precision: int) -> dt.date | None:
    if reference is None or precision == DAY:
        return reference
    if precision == MONTH:
        return reference.replace(day=calendar.monthrange(reference.year, reference.month)[1])
    return reference.replace(month=12, day=31)


def _weekday_on_or_before(weekday: int, reference: dt.date, *, strictly: bool = False) -> dt.date:
    back = (reference.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return reference - dt.timedelta(days=back)


def _months_back(reference: dt.date, months: int, day: int = 15) -> dt.date:
    index = reference.year * 12 + reference.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, day)


def _capitalised(match: re.Match[str], group: str, ctx: _Context) -> bool:
    """English month and weekday names are written with a capital ("may" is a verb)."""
    start = match.start(group)
    return start < 0 or ctx.cased[start].isupper() or not ctx.cased[start].isascii()


# --- rules, longest match wins, earlier rule on ties --------------------------


@_rule(rf"(?P<y>{_Y})-(?P<m>[01]\d)-(?P<d>[0-3]\d)")
def _iso(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    return _safe(int(m["y"]), int(m["m"]), int(m["d"])), DAY


@_rule(r"(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)?\d\d)")
def _numeric(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
    if month > 12 >= day:
        day, month = month, day
    year = year + 2000 if year < 100 else year
    found = _safe(year, month, day)
    return (found, DAY) if found else None


@_rule(
    rf"(?:(?:(?:dans |pendant |during |on |in )?(?:la |the )?(?:nuit du|night of(?: the)?)|overnight(?: on)?|"
    rf"du|from|between|entre(?: le)?|les|on) )?(?P<d>{_D})(?: (?P<m1>{_M}))? ?(?P<sep>au|to|and|et|-|/) ?"
    rf"(?:le |the )?(?P<d2>{_D}) (?P<m>{_M})(?:,? (?P<y>{_Y}))?"
)
def _range(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if m["m1"] is None and _day(m["d2"]) <= _day(m["d"]):
        return None  # "killed 12 and 3 March" is a count and a date, not a range
    month = _month(m["m1"] or m["m"])
    first = _dated(month, _day(m["d"]), m["y"], ctx.horizon)
    night = "nuit" in m.group() or "night" in m.group() or "overnight" in m.group()
    short = abs(_day(m["d2"]) - _day(m["d"])) <= 1 or m["m1"] is not None
    return first, DAY if night or short else MONTH


@_rule(
    rf"(?:(?:the )?night of|overnight(?: on)?) (?P<m>{_M}) (?P<d>{_D})(?: ?(?:-|to|and|into) ?{_D})?(?:,? (?P<y>{_Y}))?"
)
def _english_night(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if not _capitalised(m, "m", ctx):
        return None
    return _dated(_month(m["m"]), _day(m["d"]), m["y"], ctx.horizon), DAY


@_rule(
    rf"(?:(?:le|on|this|ce|since|depuis le) )?(?:(?P<wd>{_WD}),? )?(?:the )?(?P<d>{_D})(?: of)? (?P<m>{_M})"
    rf"(?:,? (?P<y>{_Y}))?"
)
def _day_month(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if m["m"].rstrip(".") in ("may", "mar", "jun", "sep", "dec") and not _capitalised(m, "m", ctx):
        return None
    found = _dated(_month(m["m"]), _day(m["d"]), m["y"], ctx.horizon)
    return (found, DAY) if found else None


@_rule(rf"(?:(?:on|this) )?(?:(?P<wd>{_WD}),? )?(?P<m>{_M}) (?P<d>{_D})(?![\d:])(?:,? (?P<y>{_Y}))?")
def _month_day(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if not _capitalised(m, "m", ctx):
        return None
    found = _dated(_month(m["m"]), _day(m["d"]), m["y"], ctx.horizon)
    return (found, DAY) if found else None


_FULL_MONTHS = frozenset(
    name for name in MONTHS if len(name) > 4 or name in ("may", "mai", "juin", "june", "july", "aout", "mars")
)
_ENGLISH_MONTHS = frozenset(calendar.month_name[i].lower() for i in range(1, 13))
_PART = {
    "early": 5, "beginning of": 5, "the beginning of": 5, "debut": 5, "le debut": 5, "au debut": 5,
    "debut du mois de": 5, "mid": 15, "the middle of": 15, "mi": 15, "la mi": 15, "a la mi": 15,
    "late": 25, "end of": 25, "the end of": 25, "at the end of": 25, "fin": 25, "la fin": 25,
    "a la fin": 25, "fin du mois de": 25, "courant": 15,
}  # fmt: skip
_PARTS = "|".join(sorted((re.escape(p) for p in _PART), key=len, reverse=True))


@_rule(
    rf"(?:(?P<prep>in|en|since|depuis|during|durant|of|d'|au mois de|in the month of|le mois de) ?)?"
    rf"(?:(?P<part>{_PARTS})[ -]?(?:de |d')?)?(?P<m>{_M})(?: (?P<y>{_Y}))?"
)
def _month_only(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if not (m["prep"] or m["part"] or m["y"]):
        return None
    if m["m"] not in _FULL_MONTHS or m["m"] in _ENGLISH_MONTHS and not _capitalised(m, "m", ctx):
        return None
    day = _PART.get(m["part"] or "", 15)
    month = _month(m["m"])
    if m["y"]:
        return _safe(int(m["y"]), month, day), MONTH
    if ctx.horizon is None:
        return None
    year = ctx.horizon.year if month <= ctx.horizon.month else ctx.horizon.year - 1
    return min(dt.date(year, month, day), ctx.horizon), MONTH


@_rule(rf"(?:in|en|since|depuis|during|durant|au cours de l'annee|of|in early|in late|fin|debut) (?P<y>{_Y})")
def _year(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    return dt.date(int(m["y"]), 7, 1), YEAR


@_rule(
    rf"(?:(?:dans |pendant |during |on |in )?(?:la |the )?(?:nuit|night) (?:de |du |of )?(?P<a>{_WD}) "
    rf"(?:a|au|to|into|-) ?(?P<b>{_WD}))"
)
def _night_between(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if ctx.reference is None:
        return None
    second = _weekday_on_or_before(WEEKDAYS[m["b"]], ctx.reference)
    gap = (WEEKDAYS[m["b"]] - WEEKDAYS[m["a"]]) % 7 or 7
    return second - dt.timedelta(days=gap), DAY


@_rule(
    rf"(?:(?P<mod>last|past|this|on|ce|le|late on|early on|overnight|overnight on) )?(?P<wd>{_WD})"
    r"(?: (?P<post>dernier|passe|soir|matin|apres-midi|night|morning|evening|afternoon|nuit|dans la nuit))?"
)
def _weekday(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if ctx.reference is None or not _capitalised(m, "wd", ctx) and m["wd"] in _ENGLISH_WEEKDAYS:
        return None
    if _HABITUAL_AFTER.match(ctx.cased, m.end()) or _HABITUAL_BEFORE.search(ctx.cased, 0, m.start()):
        return None  # "its Sunday market", "Friday prayers", "le marché du dimanche": a custom, not a date
    strictly = m["mod"] in ("last", "past") or m["post"] in ("dernier", "passe")
    return _weekday_on_or_before(WEEKDAYS[m["wd"]], ctx.reference, strictly=strictly), DAY


_ENGLISH_WEEKDAYS = frozenset(w for w in WEEKDAYS if w.endswith("day"))
_HABITUAL_AFTER = re.compile(r"(?i)(?:'s)? (?:markets?|prayers?|sermons?|services?|mass|fairs?)\b")
_HABITUAL_BEFORE = re.compile(r"(?i)\b(?:marches?|prieres?|foires?|messes?|sermons?)(?: hebdomadaires?)? du $")
_RELATIVE_DAYS = {
    "yesterday": 1, "hier": 1, "hier soir": 1, "hier matin": 1, "yesterday morning": 1,
    "yesterday evening": 1, "yesterday afternoon": 1, "the day before yesterday": 2, "avant-hier": 2,
    "avant hier": 2, "today": 0, "aujourd'hui": 0, "ce jour": 0, "this morning": 0, "ce matin": 0,
    "this afternoon": 0, "cet apres-midi": 0, "last night": 1, "overnight": 1, "cette nuit": 1,
    "la nuit derniere": 1, "tonight": 0, "ce soir": 0, "earlier today": 0,
}  # fmt: skip
_RELATIVE_WORDS = "|".join(sorted((re.escape(w) for w in _RELATIVE_DAYS), key=len, reverse=True))


@_rule(rf"(?P<w>{_RELATIVE_WORDS})")
def _relative_day(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if ctx.reference is None:
        return None
    return ctx.reference - dt.timedelta(days=_RELATIVE_DAYS[m["w"]]), DAY


@_rule(
    rf"(?:(?P<n>{_N}) (?P<unit>days?|weeks?|months?|years?) ago|il y a (?P<n2>{_N}) "
    r"(?P<unit2>jours?|semaines?|mois|ans?|annees?))"
)
def _ago(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if ctx.reference is None:
        return None
    n = _number(m["n"] or m["n2"])
    unit = (m["unit"] or m["unit2"]).rstrip("s")
    if unit in ("day", "jour"):
        return ctx.reference - dt.timedelta(days=n), DAY
    if unit in ("week", "semaine"):
        return ctx.reference - dt.timedelta(days=7 * n), MONTH
    if unit in ("month", "moi"):
        return _months_back(ctx.reference, n, min(ctx.reference.day, 28)), MONTH
    return _safe(ctx.reference.year - n, 7, 1), YEAR


_PERIODS = {
    "last week": ("week", 1), "la semaine derniere": ("week", 1), "la semaine passee": ("week", 1),
    "earlier this week": ("week", 0), "this week": ("week", 0), "cette semaine": ("week", 0),
    "en debut de semaine": ("week", 0), "last weekend": ("weekend", 1), "le week-end dernier": ("weekend", 1),
    "ce week-end": ("weekend", 0), "this weekend": ("weekend", 0), "over the weekend": ("weekend", 0),
    "le week-end": ("weekend", 0), "the weekend": ("weekend", 0),
    "last month": ("month", 1), "le mois dernier": ("month", 1), "le mois passe": ("month", 1),
    "earlier this month": ("month", 0), "this month": ("month", 0), "ce mois-ci": ("month", 0),
    "depuis le debut du mois": ("month", 0), "last year": ("year", 1), "l'annee derniere": ("year", 1),
    "l'an dernier": ("year", 1), "l'an passe": ("year", 1), "l'annee passee": ("year", 1),
    "this year": ("year", 0), "cette annee": ("year", 0), "earlier this year": ("year", 0),
}  # fmt: skip
_PERIOD_WORDS = "|".join(sorted((re.escape(w) for w in _PERIODS), key=len, reverse=True))


@_rule(rf"(?P<w>{_PERIOD_WORDS})")
def _period(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    ref = ctx.reference
    if ref is None:
        return None
    unit, back = _PERIODS[m["w"]]
    if unit == "week":
        return ref - dt.timedelta(days=7 * back), MONTH
    if unit == "weekend":
        return _weekday_on_or_before(5, ref, strictly=bool(back) and ref.weekday() in (5, 6)), MONTH
    if unit == "month":
        day = _months_back(ref, back)
        return (min(day, ref), MONTH)
    return min(dt.date(ref.year - back, 7, 1), ref), YEAR


_FOLLOWING = {
    "the following day": 1, "the next day": 1, "the day after": 1, "a day later": 1, "le lendemain": 1,
    "le jour suivant": 1, "un jour plus tard": 1, "the following morning": 1, "the next morning": 1,
    "le lendemain matin": 1, "the previous day": -1, "the day before": -1, "la veille": -1,
    "the same day": 0, "that day": 0, "le meme jour": 0, "ce jour-la": 0, "the same night": 0,
    "la meme nuit": 0, "two days later": 2, "deux jours plus tard": 2, "three days later": 3,
    "trois jours plus tard": 3, "deux jours apres": 2, "two days earlier": -2, "deux jours plus tot": -2,
    "the previous evening": -1, "the previous night": -1, "the evening before": -1, "the night before": -1,
    "a day earlier": -1, "one day earlier": -1, "la veille au soir": -1, "la nuit precedente": -1,
    "un jour plus tot": -1, "the following evening": 1, "the next evening": 1, "le lendemain soir": 1,
}  # fmt: skip
_FOLLOWING_WORDS = "|".join(sorted((re.escape(w) for w in _FOLLOWING), key=len, reverse=True))


@_rule(rf"(?P<w>{_FOLLOWING_WORDS})")
def _following(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    if ctx.previous is None:
        return None
    return ctx.previous + dt.timedelta(days=_FOLLOWING[m["w"]]), DAY


@_rule(
    rf"(?P<n>{_N}) (?P<unit>days?|jours?) (?P<dir>later|earlier|after that|before that|plus tard|plus tot|"
    r"auparavant|apres)"
)
def _days_apart(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    """ "Four days later", "cinq jours plus tôt": counted from the previous dated mention, like "the next day"."""
    if ctx.previous is None:
        return None
    sign = -1 if m["dir"] in ("earlier", "before that", "plus tot", "auparavant") else 1
    return ctx.previous + dt.timedelta(days=sign * _number(m["n"])), DAY


@_rule(
    r"(?:(?:a few|several|some|two|three|\d{1,2}) )?hours (?P<dir>earlier|later)|"
    r"(?:quelques|plusieurs|deux|trois|\d{1,2}) heures (?P<dir2>plus tot|plus tard|auparavant)"
)
def _hours_apart(m: re.Match[str], ctx: _Context) -> tuple[dt.date | None, int] | None:
    """ "Hours earlier" is the previous incident's day, or the evening a night began ("overnight on Friday")."""
    if ctx.previous is None:
        return None
    if (m["dir"] or m["dir2"]) in ("earlier", "plus tot", "auparavant"):
        return ctx.previous_start or ctx.previous, DAY
    return ctx.previous, DAY


# --- scanning ----------------------------------------------------------------


def _scan(text: str, reference: dt.date | None, precision: int = DAY) -> list[DateMention]:
    folded = fold_text(text).replace("\u00a0", " ")
    folded = re.sub(r"[ \t]", " ", folded)
    cased = fold_cased(text)
    horizon = _horizon(reference, precision)
    candidates = []
    windows = _windows(folded)
    for order, (pattern, handler) in enumerate(_RULES):
        for first, last in windows:
            for match in pattern.finditer(folded, first, last):
                candidates.append((match.start(), -(match.end() - match.start()), order, match, handler))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    mentions: list[DateMention] = []
    previous: dt.date | None = None  # the last day an incident was dated to: what "the next day" counts from
    said: dt.date | None = None  # the last day something was said on, used only when no incident is dated
    previous_start: dt.date | None = None
    taken_until = -1
    for start, _neg, _order, match, handler in candidates:
        if start < taken_until:
            continue
        ctx = _Context(reference=reference, horizon=horizon, previous=previous or said, cased=cased,
                       previous_start=previous_start if previous else said)
        result = handler(match, ctx)
        if result is None:
            continue
        date, precision = result
        end = match.end()
        mentions.append(
            DateMention(start=start, end=end, text=text[start:end], date=date, precision=precision)
        )
        taken_until = end
        if date is None or precision != DAY:
            continue
        if _REPORTED.search(folded, max(0, start - 60), start) or _is_dateline(folded, start, end):
            said = date
        else:
            previous_start = date
            previous = date + dt.timedelta(days=1) if _TWO_DAY_NIGHT.search(match.group()) else date
    return _longest(mentions)


#: A date just after a verb of saying or claiming ("officials said on Tuesday", "said in a statement on
#: Monday", "a annoncé dimanche", "a revendiqué lundi") is when the report was made: "two days earlier"
#: in the next sentence counts from the incident, not from the statement.
_SAY = (
    r"(?:said|says|announced|reported|stated|added|confirmed|claimed|declared|told (?:\w+ ?){1,3}|published|"
    r"released|issued|(?:a|ont|avait|avaient) (?:annonce|indique|declare|affirme|precise|rapporte|confirme|"
    r"revendique|publie|assure)e?s?|annonce|indique|declare|affirme|precise|revendique|publie)"
)
_STATEMENT = (
    r"(?:in|on|by|to|through|via|a|an|the|its|his|her|their|state|national|public|statement|communique|"
    r"message|audio|video|television|radio|telephone|phone|reporters|journalists|media|arm|agency|news|"
    r"website|read|released|issued|posted|late|early|dans|un|une|le|la|les|par|sur|aux|a la|lu|diffuse|"
    r"publie|television|nationale|publique|soir|matin|communique|de|du|presse)"
)
_REPORTED = re.compile(
    rf"\b(?:{_SAY},?(?: {_STATEMENT}){{0,7}}|(?:claimed|(?:a|ont) revendique)(?: [^\s.;:!?]+){{1,4}}),? ?$"
)  # "claimed the attack on Sunday", "a revendiqué l'embuscade lundi": when the claim came
#: A wire dateline ("NIAMEY, March 12 - ") dates the report, not an incident.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[^\W\d][\w' .-]{1,30}, ?$")


def _is_dateline(folded: str, start: int, end: int) -> bool:
    return bool(_DATELINE_BEFORE.search(folded, max(0, start - 40), start)) and bool(
        re.match(r" ?[-\u2013\u2014(]", folded[end : end + 3])
    )


#: A night given as two days ("dans la nuit de samedi à dimanche") is coded to its second day; what
#: follows ("le lendemain") counts from that day.
_TWO_DAY_NIGHT = re.compile(r"\b(?:nuit d[eu] .+ (?:a|au) |night (?:of|from) .+ (?:to|into) |overnight)")


#: Every date expression holds one of these; the rules only run near them.
_TRIGGER = re.compile(
    r"\d|\b(?:"
    + "|".join(
        sorted(
            {*MONTHS, *WEEKDAYS, *(w.split()[-1] for w in (*_RELATIVE_DAYS, *_PERIODS, *_FOLLOWING))},
            key=len,
            reverse=True,
        )
    )
    + r"|ago|il y a|hier|veille|lendemain|auparavant)"
)
_REACH = 48  # characters a rule may reach before or after its trigger word


def _windows(folded: str) -> list[tuple[int, int]]:
    """Merged stretches of text around trigger words, ending between words."""
    windows: list[tuple[int, int]] = []
    for m in _TRIGGER.finditer(folded):
        first = max(0, m.start() - _REACH)
        last = folded.find(" ", min(len(folded), m.end() + _REACH))
        last = len(folded) if last < 0 else last
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], last))
        else:
            windows.append((first, last))
    return windows


def _longest(mentions: list[DateMention]) -> list[DateMention]:
    """Keep a later, longer mention over an earlier one it overlaps (rare after the scan)."""
    out: list[DateMention] = []
    for mention in mentions:
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


def find_dates(
    doc: Doc | Span, reference: dt.date | None, *, reference_precision: int = DAY
) -> list[DateMention]:
    """The date expressions of a Doc or a sentence, in order, resolved against ``reference``.

    "The following day" and "la veille" count from the previous dated mention in
    the same text; offsets are characters of the whole document.  With
    ``reference_precision`` 2 (a publication date known to the month), a date
    later in that month is not taken for one in the future.
    """
    offset = doc.start_char if isinstance(doc, Span) else 0
    mentions = _scan(doc_text(doc), reference, reference_precision)
    if not offset:
        return mentions
    return [
        DateMention(
            start=m.start + offset, end=m.end + offset, text=m.text, date=m.date, precision=m.precision
        )
        for m in mentions
    ]


def resolve_date(
    text: str, *, reference: dt.date | None, lang: str, reference_precision: int = DAY
) -> tuple[dt.date | None, int]:
    """The date a short expression names and its ACLED precision; ``(None, 3)`` when unknown.

    The explicit rules come first; a short text they cannot read goes to
    ``dateparser`` (results cached), with dates after the reference refused.
    """
    for mention in _scan(text, reference, reference_precision):
        if mention.date is not None:
            return mention.date, mention.precision
    if len(text) > 80 or not text.strip():
        return None, YEAR
    if reference is None and not re.search(r"\b(?:19|20)\d\d\b", text):
        return None, YEAR  # relative to what? dateparser would count from today
    found, precision = _dateparser(text.strip(), reference, lang)
    horizon = _horizon(reference, reference_precision)
    if found is not None and horizon is not None and found > horizon:
        return None, YEAR
    return found, precision


@functools.lru_cache(maxsize=2048)
def _dateparser(text: str, reference: dt.date | None, lang: str) -> tuple[dt.date | None, int]:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(reference, dt.time(12))
    languages = [lang] if lang in ("en", "fr") else ["en", "fr"]
    try:
        data = DateDataParser(languages=languages, settings=settings).get_date_data(text)
    except (ValueError, TypeError, OverflowError):
        return None, YEAR
    if data.date_obj is None:
        return None, YEAR
    precision = {"day": DAY, "time": DAY, "week": MONTH, "month": MONTH}.get(data.period or "", YEAR)
    return data.date_obj.date(), precision
