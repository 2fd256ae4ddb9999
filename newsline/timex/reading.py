"""Reading: a temporal expression's text -> a small typed ``Reading``, before any anchor.

The grammar is data. ``PHRASES`` maps the fixed phrases ("yesterday", "the next day",
"recently") to their reading; ``RULES`` is the ordered list of named patterns, each a regular
expression over the cleaned text and the small function that reads its match (the way spaCy
keeps its language data and HeidelTime its rule files). ``read_expression`` looks the phrase up,
then tries the rules in order: the first rule whose pattern matches the whole text decides,
even when it decides that the text is no date ("February 30"). A new rule is one function and
one line in its place in ``RULES``; ``rule_for`` tells which rule reads a text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, NamedTuple

from newsline.timex.lexicon import (
    CLOCK,
    DAY,
    DAY_ORDINAL_NAMES,
    DAY_ORDINALS,
    HALVES,
    HOLIDAY_NAMES,
    LEADING_QUALIFIERS,
    MONTH,
    MONTH_NAMES,
    MONTHS,
    NON_TEMPORAL,
    NUMBER,
    NUMBERS,
    ONES,
    ORDINALS,
    PARTS_OF_DAY,
    REL,
    SEASONS,
    SPELLED_YEAR,
    TENS,
    TIME_UNITS,
    UNIT,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    YEARS_IN,
    ZONE,
)

# fmt: off
Kind = Literal[
    "date", "weekday", "relative", "season", "quarter", "half", "decade", "century", "duration",
    "set", "reference", "narrative", "time", "holiday", "weekend", "unknown",
]
# fmt: on


@dataclass(frozen=True)
class Reading:
    """What an expression says before it is anchored.

    ``kind`` says which fields matter: ``date`` (year/month/day, any may be None), ``weekday``,
    ``relative`` (unit and offset from the anchor), ``season``, ``quarter``, ``half``, ``decade``,
    ``century``, ``duration``, ``set``, ``reference``, ``narrative`` (days, or with unit "year"
    years, from the last date the text gave), ``time`` (a part of day or clock time on a relative
    day), ``holiday`` (a named day, or with unit "week" its week), ``weekend``, and ``unknown``
    (temporal, but not readable). A weekday or date with a ``clock`` is a time on that day.
    """

    kind: Kind
    timex_type: str = "DATE"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None  # last / next / this
    unit: str | None = None
    offset: int = 0
    year_offset: int | None = None  # for "the spring of next year"
    code: str | None = None  # season, quarter, reference, duration or set value
    clock: str | None = None  # "T15:00" or "TMO"


# --- the fixed phrases -------------------------------------------------------------------------


def _time_of_day(offset: int, part: str) -> Reading:
    return Reading("time", "TIME", unit="day", offset=offset, clock="T" + PARTS_OF_DAY[part])


def _phrase_table(*groups: dict[str, Reading]) -> dict[str, Reading]:
    """The groups as one table; a phrase in two groups would make their order matter."""
    table: dict[str, Reading] = {}
    for group in groups:
        if twice := table.keys() & group.keys():
            raise ValueError(f"phrases in two groups: {sorted(twice)}")
        table.update(group)
    return table


# fmt: off
REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "in the past": "PAST_REF", "the past": "PAST_REF", "past": "PAST_REF",
    "formerly": "PAST_REF", "previously": "PAST_REF", "several years ago": "PAST_REF",
    "years ago": "PAST_REF", "in the future": "FUTURE_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "near future": "FUTURE_REF",
}
SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y"}
# Days from the last day the text named.
NARRATIVE_OFFSETS = {
    "the next day": 1, "next day": 1, "the following day": 1, "following day": 1,
    "the day after": 1, "the previous day": -1, "the day before": -1, "the same day": 0,
    "same day": 0, "that day": 0, "that same day": 0, "the day": 0,
}
DAYS_FROM_ANCHOR = {
    "today": Reading("relative", unit="day"),
    "yesterday": Reading("relative", unit="day", offset=-1),
    "tomorrow": Reading("relative", unit="day", offset=1),
    "tonight": _time_of_day(0, "night"), "this morning": _time_of_day(0, "morning"),
    "this afternoon": _time_of_day(0, "afternoon"), "this evening": _time_of_day(0, "evening"),
    "last night": _time_of_day(-1, "night"), "tomorrow morning": _time_of_day(1, "morning"),
    "yesterday morning": _time_of_day(-1, "morning"),
}
# This year, said of its end, its fiscal year or as "the year" ("the end of the year" is "the
# year" once its qualifier is gone).
THIS_YEAR = ("year end", "the year end", "year's end", "the year's end", "the fiscal year",
             "the current fiscal year", "this fiscal year", "the year", "the full year",
             "the current year", "the calendar year")
# Business news reports on the quarter that ended before it was written...
LATEST_QUARTER = ("the quarter", "the latest quarter", "the most recent quarter",
                  "the recent quarter", "the just ended quarter", "the latest period",
                  "the most recent period")
# ... and compares it with the same quarter a year before.
YEAR_AGO_QUARTER = ("last year's quarter", "the quarter a year ago", "the quarter a year earlier",
                    "the same quarter last year", "the year ago period", "the year earlier period")
PHRASES: dict[str, Reading] = _phrase_table(
    {phrase: Reading("reference", code=code) for phrase, code in REFERENCES.items()},
    {phrase: Reading("set", "SET", code=code) for phrase, code in SETS.items()},
    {phrase: Reading("narrative", offset=days) for phrase, days in NARRATIVE_OFFSETS.items()},
    dict.fromkeys(("that year", "that same year", "the same year", "that very year"),
                  Reading("narrative", unit="year")),
    dict.fromkeys(("the latest fiscal year", "the latest year", "the most recent fiscal year"),
                  Reading("relative", unit="year", offset=-1)),
    DAYS_FROM_ANCHOR,
    dict.fromkeys(THIS_YEAR, Reading("relative", unit="year", offset=0)),
    dict.fromkeys(LATEST_QUARTER, Reading("relative", unit="quarter", offset=-1)),
    dict.fromkeys(YEAR_AGO_QUARTER, Reading("relative", unit="quarter", offset=-5)),
)
YEAR_OFFSETS = {"next year": 1, "last year": -1, "this year": 0, "the previous year": -1,
                "the following year": 1, "the coming year": 1, "the upcoming year": 1,
                "the current year": 0}
RELATIVE_OFFSETS = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
                    "following": 1, "upcoming": 1}
# fmt: on


# --- small readers the rules share -------------------------------------------------------------


def unit_of(match: re.Match[str]) -> str:
    """The unit a match names, singular: "centuries" matches as "centurie"."""
    unit = match["unit"]
    return "century" if unit == "centurie" else unit


def number(word: str) -> int | None:
    word = word.lower()
    if re.fullmatch(r"\d+", word):
        return int(word)
    if word in NUMBERS:
        return NUMBERS[word]
    parts = word.split()
    if len(parts) == 2 and all(p in NUMBERS for p in parts):  # "twenty four"
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def clock_time(text: str) -> str | None:
    """The TIMEX3 time of a clock reading: "10:35 a.m." is "T10:35", "noon" is "T12:00"."""
    if text in ("noon", "midday"):
        return "T12:00"
    if text == "midnight":
        return "T24:00"
    m = re.fullmatch(r"(?P<h>\d{1,2})(?::(?P<min>[0-5]\d))? ?(?P<ampm>a\.?m\.?|p\.?m\.?)", text)
    if m is None or not 1 <= int(m["h"]) <= 12:  # "25 p.m." is no time of day
        return None
    hour = int(m["h"]) % 12 + (12 if m["ampm"].startswith("p") else 0)
    return f"T{hour:02d}:{m['min'] or '00'}"


def _spelled_year(m: re.Match[str]) -> str:
    if m["century"]:
        return str(TENS[m["century"]] * 100 + TENS[m["tens"]] + ONES.get(m["ones"] or "", 0))
    return str(2000 + ONES.get(m["ones2"] or "", 0))


def clean(text: str) -> str:
    """The text as the rules read it: lower case, single spaces, numbers spelled as digits, and
    without the qualifiers that do not change a value ("early", "at least", "the end of")."""
    text = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" ,.;:")
    # "third-quarter", "year-earlier": hyphens between words read as spaces (not in 2022-12-21).
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = SPELLED_YEAR.sub(_spelled_year, text)
    text = re.sub(
        rf"\b({MONTH_NAMES})\.? ({DAY_ORDINAL_NAMES})\b",
        lambda m: f"{m[1]} {DAY_ORDINALS[m[2]]}",
        text,
    )  # "March eighth"
    text = re.sub(r" or so\b", "", text)  # "the next two years or so", "a week or so ago"
    text = re.sub(r"^this past ", "last ", re.sub(r"^this coming ", "next ", text))
    text = re.sub(r"\b(?:trading|business|working) (?=days?\b)", "", text)
    text = re.sub(r"'s?$", "", text)  # "last month's"
    text = LEADING_QUALIFIERS.sub("", text).strip()
    # "the Dec. 21, 1988 meeting": the article belongs to the noun, not to the date.
    return re.sub(rf"^the (?=(?:{MONTH_NAMES})\.? \d)", "", text)


def _when(when: str | None, reading: Reading) -> Reading | None:
    """A period "of" a year ("the first quarter of 1990", "the spring of next year"): the
    reading with that year or year offset; None when ``when`` is not a year."""
    if when is None:
        return reading
    if (offset := YEAR_OFFSETS.get(when)) is not None:
        return replace(reading, year_offset=offset)
    if y := re.fullmatch(YEAR, when):
        return replace(reading, year=int(y["year"]))
    return None


def month_day(m: re.Match[str]) -> Reading | None:
    day, month = int(m["day"]), MONTHS[m["month"]]
    year = int(m["year"]) if m["year"] else None
    if day < 1 or day > calendar.monthrange(year or 2000, month)[1]:
        return None
    return Reading("date", year=year, month=month, day=day)


def _relative_unit(rel: str, unit: str) -> Reading | None:
    if unit in YEARS_IN and rel in ("past", "last", "next", "coming"):
        return _duration("1", unit)  # "the past decade": P10Y
    return Reading("relative", unit=unit, offset=RELATIVE_OFFSETS.get(rel, 0))


def _some(unit: str) -> Reading:
    """A duration of an unknown number of units: "weeks" is PXW, "hours" PTXH."""
    return Reading(
        "duration", "DURATION", code=f"P{'T' if unit in TIME_UNITS else ''}X{UNITS[unit]}"
    )


def _duration(amount: str, unit: str) -> Reading | None:
    """A duration of ``amount`` units; decades and centuries in years ("two decades": P20Y)."""
    n = number(amount)
    if n is None:
        return None
    if unit in YEARS_IN:
        n, unit = n * YEARS_IN[unit], "year"
    prefix = "PT" if unit in TIME_UNITS else "P"
    digits = str(n).rstrip("0").rstrip(".") if "." in str(n) else str(n)
    return Reading("duration", "DURATION", code=f"{prefix}{digits}{UNITS[unit]}")


# --- the rules, one small function each, registered in RULES below -----------------------------


def narrative_year_or_month(m: re.Match[str]) -> Reading:
    """A year or month counted from the one the text named, not from today: "the following
    year"."""
    offset = 1 if (m["rel"] or m["rel2"]) in ("following", "after") else -1
    return Reading("narrative", unit=m["unit"] or m["unit2"], offset=offset)


def clock_on_day(m: re.Match[str]) -> Reading | None:
    """A clock time on a day: "9 a.m. EST Tuesday", "noon Thursday", "Nov. 9 at 5 p.m."."""
    day, clock = read_expression(m["day"]), clock_time(m["clock"])
    if day is None or clock is None or day.clock is not None:
        return None
    if day.kind == "weekday" or (day.kind == "date" and day.day is not None):
        return replace(day, timex_type="TIME", clock=clock)
    return None


def iso_date(m: re.Match[str]) -> Reading:
    return Reading("date", year=int(m[1]), month=int(m[2]), day=int(m[3]))


def month_and_year(m: re.Match[str]) -> Reading:
    return Reading("date", year=int(m["year"]), month=MONTHS[m["month"]])


def month_alone(m: re.Match[str]) -> Reading:
    return Reading("date", month=MONTHS[m["month"]])


def last_or_next_month(m: re.Match[str]) -> Reading:
    return Reading("date", month=MONTHS[m["month"]], rel=m["rel"])


def month_of_relative_year(m: re.Match[str]) -> Reading:
    return Reading("date", month=MONTHS[m["month"]], year_offset=YEAR_OFFSETS.get(m["when"]))


def last_or_next_month_day(m: re.Match[str]) -> Reading | None:
    day, month = int(m["day"]), MONTHS[m["month"]]
    if 1 <= day <= calendar.monthrange(2000, month)[1]:
        return Reading("date", month=month, day=day, rel=m["rel"])
    return None


def holiday(m: re.Match[str]) -> Reading:
    year = int(m["year"]) if m["year"] else None
    unit = "week" if m["week"] else None
    return Reading("holiday", code=m["holiday"], rel=m["rel"], year=year, unit=unit)


def weekend(m: re.Match[str]) -> Reading:
    return Reading("weekend", rel={"past": "last", "coming": "next"}.get(m["rel"], m["rel"]))


def season_of_relative_year(m: re.Match[str]) -> Reading:
    return Reading("season", code=SEASONS[m["season"]], rel=m["rel"])


def half_year(m: re.Match[str]) -> Reading | None:
    """A half year: "the last half of 1989", "first two quarters of 1990"."""
    code = "H1" if (m["h"] or m["q"]) == "first" else "H2"
    return _when(m["when"], Reading("half", code=code))


def vague_duration(m: re.Match[str]) -> Reading:
    """Some units, how many unsaid: "the next few days"; a couple is two."""
    amount = "2" if "couple" in m["vague"] else "X"
    prefix = "PT" if unit_of(m) in TIME_UNITS else "P"
    return Reading("duration", "DURATION", code=f"{prefix}{amount}{UNITS[unit_of(m)]}")


def units_ahead(m: re.Match[str]) -> Reading | None:
    if m[0].split()[-2].endswith("s"):  # "the weeks ahead"
        return _some(unit_of(m))
    return _relative_unit("next", unit_of(m))


def and_a_half(m: re.Match[str]) -> Reading | None:
    """Units and a half: "5 1/2 hours" is PT5H30M, "a minute and a half" PT1M30S."""
    n, unit = number(m["n"]), m["unit"] or m["unit2"]
    return Reading("duration", "DURATION", code=HALVES[unit].format(n)) if n else None


def more_units(m: re.Match[str]) -> Reading | None:
    """A duration still to come: "two more weeks", "20 more years"."""
    return _duration(m["n"], unit_of(m))


def quarter_of_year(m: re.Match[str]) -> Reading:
    """A year's quarter of the same name as the one just reported: "the 1988 quarter"."""
    return Reading("quarter", year=int(m["year"]))


def year_ago_quarter(m: re.Match[str]) -> Reading:
    """The same quarter a year before the latest one: "the year-earlier quarter"."""
    return Reading("relative", unit="quarter", offset=-5)


def one_unit(m: re.Match[str]) -> Reading | None:
    return _duration("1", unit_of(m))


def year(m: re.Match[str]) -> Reading:
    return Reading("date", year=int(m["year"]))


def decade(m: re.Match[str]) -> Reading:
    return Reading("decade", code=m[1])


def century(m: re.Match[str]) -> Reading:
    return Reading("century", code=f"{int(m[1]) - 1:02d}")


def weekday(m: re.Match[str]) -> Reading:
    rel = m["rel"] if m["rel"] in ("last", "next", "this") else None
    reading = Reading("weekday", weekday=WEEKDAYS[m["weekday"]], rel=rel)
    if m["part"]:
        return replace(reading, timex_type="TIME", clock="T" + PARTS_OF_DAY[m["part"]])
    return reading


def season(m: re.Match[str]) -> Reading | None:
    return _when(m["when"], Reading("season", code=SEASONS[m["season"]]))


def ordinal_quarter(m: re.Match[str]) -> Reading | None:
    """A named quarter: "this year's third quarter", "the year-ago third quarter"."""
    reading = Reading("quarter", code=f"Q{ORDINALS[m['q']]}")
    if m["year"]:
        return replace(reading, year=int(m["year"]))
    if m["ago"]:
        return replace(reading, year_offset=-1)
    return _when(m["when"] or (f"{m['owner']} year" if m["owner"] else None), reading)


def relative_unit(m: re.Match[str]) -> Reading | None:
    if m[0].endswith("s"):  # "the past centuries": some of them
        return _some(unit_of(m))
    return _relative_unit(m["rel"], unit_of(m))


def units_ago(m: re.Match[str]) -> Reading | None:
    n = number(m["n"])
    if n is None:
        return None
    sign = -1 if m["dir"] in ("ago", "earlier", "before") else 1
    return Reading("relative", unit=unit_of(m), offset=sign * n)


def n_units(m: re.Match[str]) -> Reading | None:
    return _duration(m["n"], unit_of(m))


def past_units(m: re.Match[str]) -> Reading | None:
    t = m[0]
    if (
        unit_of(m) in YEARS_IN
        and not t.endswith("s")
        and t.split()[-2] in ("past", "last", "next", "coming")
    ):
        return _duration("1", unit_of(m))  # "the past decade": P10Y
    return _some(unit_of(m))


def units(m: re.Match[str]) -> Reading | None:
    """Some units ("weeks", "several months"); a bare "week" or "quarters" is no expression."""
    if m[0].endswith("s") and unit_of(m) not in ("quarter",):
        return _some(unit_of(m))
    return None


def every_unit(m: re.Match[str]) -> Reading | None:
    period = _duration(m["n"] or "1", unit_of(m))  # "every hour": PT1H
    return Reading("set", "SET", code=period.code) if period else None


def every_weekday(m: re.Match[str]) -> Reading:
    return Reading("set", "SET", code=f"XXXX-WXX-{WEEKDAYS[m['weekday']] + 1}")


def clock(m: re.Match[str]) -> Reading | None:
    time = clock_time(m[0])
    return Reading("time", "TIME", unit="day", clock=time) if time else None


def part_of_day(m: re.Match[str]) -> Reading:
    return Reading("time", "TIME", unit="day", clock="T" + PARTS_OF_DAY[m[0]])


class Rule(NamedTuple):
    """A pattern over the whole cleaned text, and what its match reads as (None: no date)."""

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str]], Reading | None]


def _rule(
    pattern: str, read: Callable[[re.Match[str]], Reading | None], name: str | None = None
) -> Rule:
    """A rule named after its reader, or ``name`` where one reader serves two patterns."""
    return Rule(name or read.__name__, re.compile(pattern), read)


# A weekday before a month day adds nothing: "(this coming) Sunday, March 8".
_WEEKDAY_BEFORE = rf"(?:(?:(?:this|next|last|coming) )?{WEEKDAY},? )?"
_ONE_OR_N = rf"(?P<n>\d+|a|an|{'|'.join(ONES)})"
_HALF_UNITS = "|".join(HALVES)
_QUARTER = (
    r"(?:the |a |an )?(?:(?P<owner>this|last|next) year's |(?P<ago>year (?:ago|earlier)) "
    r"|(?P<year>(?:1[6-9]|20)\d\d) )?(?:fiscal )?"
    r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal )?quarter"
    r"(?: of)?(?: (?P<when>.+))?"
)

# The order matters where two patterns match one text; the first that matches decides.
# fmt: off
RULES: list[Rule] = [
    _rule(r"the (?:(?P<rel>following|previous|prior) (?P<unit>year|month)|"
          r"(?P<unit2>year|month) (?P<rel2>after|before))", narrative_year_or_month),
    _rule(rf"{CLOCK}{ZONE},? (?:on )?(?P<day>.+)", clock_on_day, "clock_before_day"),
    _rule(rf"(?P<day>.+?),? at {CLOCK}{ZONE}", clock_on_day, "clock_after_day"),
    _rule(r"(\d{4})-(\d{2})-(\d{2})", iso_date),
    _rule(rf"{_WEEKDAY_BEFORE}{DAY} (?:of )?{MONTH},?(?: {YEAR})?", month_day, "day_month"),
    _rule(rf"{_WEEKDAY_BEFORE}{MONTH} {DAY}(?:,? {YEAR})?", month_day),
    _rule(rf"{MONTH},? {YEAR}", month_and_year),
    _rule(rf"(?:the month of )?{MONTH}", month_alone),
    _rule(rf"(?P<rel>last|this|next) {MONTH}", last_or_next_month),
    _rule(rf"{MONTH} (?P<when>(?:this|last|next) year)", month_of_relative_year),
    _rule(rf"(?P<rel>last|next) {MONTH} {DAY}", last_or_next_month_day),
    _rule(rf"(?:(?P<rel>last|this|next) )?(?P<holiday>{HOLIDAY_NAMES})(?P<week> week)?"
          rf"(?:,? {YEAR})?", holiday),
    _rule(r"(?:the |(?P<rel>last|this|next|past|coming) )?weekend", weekend),
    _rule(r"(?P<rel>last|this|next) (?P<season>spring|summer|autumn|fall|winter)",
          season_of_relative_year),
    _rule(r"(?:the )?(?:(?P<h>first|second|last|latter) half|(?P<q>first|last) two quarters)"
          r"(?: of)?(?: (?P<when>.+))?", half_year),
    _rule(rf"(?:the )?(?:(?:past|last|next|coming|previous|recent|first|final) )?"
          rf"(?P<vague>several|few|many|a few|couple of|a couple of|number of|a number of) {UNIT}",
          vague_duration),
    _rule(rf"(?:the )?{UNIT} ahead", units_ahead),
    _rule(rf"{_ONE_OR_N}(?:(?: 1/2| and a half) (?P<unit>{_HALF_UNITS})s?"
          rf"| (?P<unit2>{_HALF_UNITS})s? and a half)", and_a_half),
    _rule(rf"{NUMBER} (?:additional|extra|further|more) {UNIT}", more_units),
    _rule(rf"(?:the )?{YEAR} (?:fiscal )?(?:quarter|period)", quarter_of_year),
    _rule(r"(?:the )?year (?:earlier|ago)(?: (?:quarter|period))?", year_ago_quarter),
    _rule(rf"(?:a|an|one) {UNIT}", one_unit),
    _rule(rf"(?:the year |fiscal |the fiscal year )?{YEAR}", year),
    _rule(r"(?:the )?((?:1[6-9]|20)\d)0'?s", decade),
    _rule(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", century),
    _rule(rf"(?:(?P<rel>last|next|this|on|coming|past) )?{WEEKDAY}"
          r"(?: (?P<part>morning|afternoon|evening|night))?", weekday),
    _rule(r"(?:the )?(?P<season>spring|summer|autumn|fall|winter)(?: of)?(?: (?P<when>.+))?",
          season),
    _rule(_QUARTER, ordinal_quarter),
    _rule(rf"(?:the )?{REL} (?:fiscal )?{UNIT}", relative_unit),
    _rule(rf"{NUMBER} {UNIT} (?P<dir>ago|earlier|before|later|from now|hence)", units_ago),
    _rule(rf"(?:the )?(?:(?:past|last|next|previous|coming|first|final|latest) )?{NUMBER} {UNIT}",
          n_units),
    _rule(rf"(?:the )?(?:past|last|next|coming|previous|recent|several|few|many) {UNIT}",
          past_units),
    _rule(rf"(?:recent |several |many |a few |some )?{UNIT}", units),
    _rule(rf"{NUMBER}[\s-]{UNIT}(?:[\s-](?:long|old))?", n_units, "n_unit_long"),
    _rule(rf"(?:every|each|per) (?:(?P<n>\w+) )?{UNIT}", every_unit),
    _rule(rf"(?:every|each) {WEEKDAY}", every_weekday),
    _rule(r"\d{1,2}(?::\d{2})? ?[ap]\.?m\.?|noon|midday|midnight", clock),
    _rule("|".join(PARTS_OF_DAY), part_of_day),
]
# fmt: on
if len({rule.name for rule in RULES}) != len(RULES):
    raise ValueError("two reading rules share a name")


def rule_for(text: str) -> str | None:
    """The name of what reads ``text``: ``phrase``, a rule's name, or None when nothing does
    (for tests and logs)."""
    t = clean(text)
    if not t or NON_TEMPORAL.search(t):
        return None
    if t in PHRASES:
        return "phrase"
    return next((rule.name for rule in RULES if rule.pattern.fullmatch(t)), None)


@lru_cache(maxsize=4096)
def read_expression(text: str) -> Reading | None:
    """The semantic form of a temporal expression, or None when it is not one we can read."""
    t = clean(text)
    if not t or NON_TEMPORAL.search(t):
        return None
    if t in PHRASES:
        return PHRASES[t]
    for rule in RULES:
        if m := rule.pattern.fullmatch(t):
            return rule.read(m)
    return None
