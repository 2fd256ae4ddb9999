"""Temporal expressions: find them in a parsed article and resolve them to TIMEX3 values.

Resolution follows HeidelTime's approach for news: an expression is first *read* into a small
semantic form (a weekday, a month and day without a year, "N units ago", a season of a relative
year, a duration, ...), then *anchored* against the article's publication date (or, where the
article has none, the latest full date the text itself gave: a "narrative" anchor). Direction
comes from the tense of the governing verb: a bare weekday in a past-tense sentence is the
latest such day on or before the anchor, in a future one the first on or after it. A month (and
day) without a year is the anchor's year's where the tense allows it, as news leaves out the
year of its own year's dates (a deadline told in the past tense, up to three months ahead,
included); otherwise the nearest in the tense's direction. With no anchor, nothing is guessed:
the unknown parts stay ``X``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

Direction = Literal["past", "future", "nearest"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for name in names
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "couple": 2, "a couple of": 2,
}  # fmt: skip
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}
# A number of units and a half, as a TIMEX3 duration.
HALVES = {"year": "P{}Y6M", "day": "P{}DT12H", "hour": "PT{}H30M", "minute": "PT{}M30S"}
YEARS_IN = {"decade": 10, "century": 100}  # durations are written in years: P10Y, P20Y
UNKNOWN_VALUES = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                  "year": "XXXX", "decade": "XXX", "century": "XX"}  # fmt: skip
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# "March eighth": day ordinals as words.
_ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
]  # fmt: skip
DAY_ORDINALS = (
    {word: n for n, word in enumerate(_ORDINAL_WORDS, start=1)}
    | {f"twenty {word}": 20 + n for n, word in enumerate(_ORDINAL_WORDS[:9], start=1)}
    | {"twentieth": 20, "thirtieth": 30, "thirty first": 31}
)
_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9}  # fmt: skip
# Years as spoken in broadcast transcripts: "nineteen ninety four", "two thousand (and) one".
SPELLED_YEAR = re.compile(
    r"\b(?P<century>nineteen|twenty) (?P<tens>"
    + "|".join(_TENS)
    + r")(?: (?P<ones>"
    + "|".join(_ONES)
    + r"))?\b|\btwo thousand(?: and)?(?: (?P<ones2>"
    + "|".join(_ONES)
    + r"))?\b"
)

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_WEEKDAY = rf"(?P<weekday>{_WEEKDAY_NAMES})\.?"
_NUMBER = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|centurie|quarter)s?"
_YEAR = r"(?P<year>(?:1[6-9]|20|21)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_REL = r"(?P<rel>last|next|this|past|previous|coming|current|following|upcoming)"
# Words that qualify an expression without changing its value (TimeML keeps them in `mod`).
LEADING_QUALIFIERS = re.compile(
    # Longer phrases first: the first alternative that matches is kept ("at least", not "at").
    r"^(?:(?:the (?:end|beginning|start|middle|rest|remainder) of|as (?:early|late|long) as|"
    r"more than|less than|no more than|no less than|at least|at most|up to|the early|the late|"
    r"on|in|at|by|during|since|until|till|through|from|for|before|after|around|about|"
    r"between|both|sometime|its|"
    r"circa|early|late|mid|earlier|later|nearly|almost|some|over|under|within|just|only|"
    r"barely|roughly|approximately)[\s-]+)+"
)
NON_TEMPORAL = re.compile(
    # ages ("6-month-old"), pages, scores, "1 of 3", and a year that is someone's ("his year")
    r"(\d+|\w+)[\s-](?:year|month|week|day)s?[\s-]old|\bage[sd]?\b|\bpage\b|\b\d+ of \d+\b|"
    r"^\d+-\d+$|^\d{1,3}$|^(?:his|her|my|our|their|your) (?:year|day|week|month)$",
    re.IGNORECASE,
)
TEMPORAL_WORD = re.compile(
    r"\b(days?|weeks?|months?|years?|decades?|century|centuries|quarters?|seasons?|spring|summer|"
    r"autumn|fall|winter|"
    r"today|tonight|tomorrow|yesterday|morning|afternoon|evening|night|now|"
    rf"{_MONTH_NAMES}|{_WEEKDAY_NAMES})\b|\b(1[6-9]|20)\d\d\b",
    re.IGNORECASE,
)
# Holidays news dates by name, as (month, day) or (month, weekday, nth; -1 for the last).
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    "veterans day": (11, 11), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "boxing day": (12, 26), "new year's eve": (12, 31),
}  # fmt: skip
WEEKDAY_HOLIDAYS = {
    "memorial day": (5, 0, -1), "labor day": (9, 0, 1), "thanksgiving day": (11, 3, 4),
    "thanksgiving": (11, 3, 4),
}  # fmt: skip
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}
_HOLIDAY_NAMES = "|".join(
    sorted([*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, *EASTER_HOLIDAYS, "election day"],
           key=len, reverse=True)
)  # fmt: skip
_MONTH_CAPS = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_HOLIDAY_PATTERN = _HOLIDAY_NAMES.replace("'", "['’]")  # as written: "New Year’s Day"
_CLOCK = r"(?P<clock>\d{1,2}(?::\d{2})? ?[ap]\.?m\.?|noon|midday|midnight)"
# A time zone or its GMT equivalent beside a clock time: "EST", "(0735 GMT)".
_ZONE = r"(?: \(?(?:\d{4} )?(?:[a-z][sd]t|gmt|utc)\)?)?"
CLOCK_AND_DAY = re.compile(rf"{_CLOCK}{_ZONE},? (?:on )?(?P<day>.+)")
DAY_AND_CLOCK = re.compile(rf"(?P<day>.+?),? at {_CLOCK}{_ZONE}")
# Expressions spaCy's NER tends to miss; added where they do not overlap a spaCy span.
EXTRA_PATTERNS = re.compile(
    # Full weekday names only: "Sun" and "Wed" are more often a newspaper or a verb.
    r"\b(?:(?:last|next|this|on)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    # A month day, the month capitalised: "Aug. 7", "May 5, 1999" (not "may 5 percent").
    rf"|\b(?-i:{_MONTH_CAPS})\.? [0-3]?\d(?:st|nd|rd|th)?(?:, (?:1[6-9]|20)\d\d)?(?![\d:])"
    rf"|\b(?:\d+|{'|'.join(_ONES)}) (?:more|additional|further|extra) "
    r"(?:years|months|weeks|days|hours)"
    r"|\b\d+ 1/2 (?:years|days|hours|minutes)\b"
    r"|\b(?:today|tonight|yesterday|tomorrow|now|currently|nowadays|recently|lately|"
    r"(?:the|in the) (?:near )?future|in the past|"
    r"at present|the (?:latest|most recent) (?:period|quarter)|"
    r"these days|the next day|the (?:following|previous|prior) (?:day|month|year)|"
    r"the (?:day|month|year) (?:before|after)|"
    r"(?:that|the) same day|daily|weekly|annually|(?:the|this|last|next) weekend|"
    r"(?:every|each) (?:day|week|month|year)|"
    rf"(?:(?:last|this|next) )?(?:{_HOLIDAY_PATTERN})(?: week)?)\b",
    re.IGNORECASE,
)
REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "in the past": "PAST_REF", "the past": "PAST_REF", "past": "PAST_REF",
    "formerly": "PAST_REF", "previously": "PAST_REF", "several years ago": "PAST_REF",
    "years ago": "PAST_REF", "in the future": "FUTURE_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "near future": "FUTURE_REF",
}  # fmt: skip
LATEST_QUARTER = {"the quarter", "the latest quarter", "the most recent quarter",
                  "the recent quarter", "the just ended quarter", "the latest period",
                  "the most recent period"}  # fmt: skip
SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y"}
NARRATIVE_OFFSETS = {
    "the next day": 1, "next day": 1, "the following day": 1, "following day": 1,
    "the day after": 1, "the previous day": -1, "the day before": -1, "the same day": 0,
    "same day": 0, "that day": 0, "that same day": 0,
}  # fmt: skip
# This year, said of its end or its fiscal year ("the end of the year" is "the year" once its
# qualifier is gone).
THIS_YEAR = {"year end", "the year end", "year's end", "the year's end", "the fiscal year",
             "the current fiscal year", "this fiscal year"}  # fmt: skip
# Where a span is split in two: "the quarter ended Sept. 30", "Aug. 26 to Oct. 20".
CONNECTOR = re.compile(
    r"\s+(?:ended|ending|to|through|thru|until|till|and)\s+"
    # "the first nine months of 1997", "... of the year"
    r"|\s+of\s+(?=(?:the|this|last|next) year\b|(?:1[6-9]|20)\d\d\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Timex:
    """One resolved temporal expression; offsets are into the article's text."""

    start_char: int
    end_char: int
    sentence_index: int
    text: str
    timex_type: str
    value: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    granularity: str | None = None
    anchor_date: dt.date | None = None
    anchor_source: str = "none"

    @property
    def resolved(self) -> bool:
        return "X" not in self.value


@dataclass(frozen=True)
class Reading:
    """What an expression says before it is anchored.

    ``kind`` says which fields matter: ``date`` (year/month/day, any may be None), ``weekday``,
    ``relative`` (unit and offset from the anchor), ``season``, ``quarter``, ``half``, ``decade``,
    ``century``, ``duration``, ``set``, ``reference``, ``narrative`` (days, or with unit "year"
    years, from the last date the text gave), ``time`` (a part of day or clock time on a relative
    day), ``holiday`` (a named day, or with unit "week" its week), ``weekend``. A weekday or date
    with a ``clock`` is a time on that day.
    """

    kind: str
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


# --- reading ---------------------------------------------------------------------------------


def unit_of(match: re.Match[str]) -> str:
    """The unit a match names, singular: "centuries" matches as "centurie"."""
    unit = match["unit"]
    return "century" if unit == "centurie" else unit


def _number(word: str) -> int | None:
    word = word.lower()
    if re.fullmatch(r"\d+", word):
        return int(word)
    if word in NUMBERS:
        return NUMBERS[word]
    parts = word.split()
    if len(parts) == 2 and all(p in NUMBERS for p in parts):  # "twenty four"
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _year_offset(words: str) -> int | None:
    return {"next year": 1, "last year": -1, "this year": 0, "the previous year": -1,
            "the following year": 1, "the coming year": 1, "the upcoming year": 1,
            "the current year": 0}.get(words)  # fmt: skip


def _spelled_year(m: re.Match[str]) -> str:
    if m["century"]:
        return str(_TENS[m["century"]] * 100 + _TENS[m["tens"]] + _ONES.get(m["ones"] or "", 0))
    return str(2000 + _ONES.get(m["ones2"] or "", 0))


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" ,.;:")
    # "third-quarter", "year-earlier": hyphens between words read as spaces (not in 2022-12-21).
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = SPELLED_YEAR.sub(_spelled_year, text)
    text = re.sub(
        rf"\b({_MONTH_NAMES})\.? ({'|'.join(sorted(DAY_ORDINALS, key=len, reverse=True))})\b",
        lambda m: f"{m[1]} {DAY_ORDINALS[m[2]]}",
        text,
    )  # "March eighth"
    text = re.sub(r" or so\b", "", text)  # "the next two years or so", "a week or so ago"
    text = re.sub(r"^this past ", "last ", re.sub(r"^this coming ", "next ", text))
    text = re.sub(r"\b(?:trading|business|working) (?=days?\b)", "", text)
    text = re.sub(r"'s?$", "", text)  # "last month's"
    text = LEADING_QUALIFIERS.sub("", text).strip()
    # "the Dec. 21, 1988 meeting": the article belongs to the noun, not to the date.
    return re.sub(rf"^the (?=(?:{_MONTH_NAMES})\.? \d)", "", text)


@lru_cache(maxsize=4096)
def read_expression(text: str) -> Reading | None:
    """The semantic form of a temporal expression, or None when it is not one we can read."""
    t = _clean(text)
    if not t or NON_TEMPORAL.search(t):
        return None
    if t in REFERENCES:
        return Reading("reference", code=REFERENCES[t])
    if t in SETS:
        return Reading("set", "SET", code=SETS[t])
    if t in NARRATIVE_OFFSETS:
        return Reading("narrative", offset=NARRATIVE_OFFSETS[t])
    if t in ("that year", "that same year", "the same year", "that very year"):
        return Reading("narrative", unit="year")
    if m := re.fullmatch(r"the (?:(?P<rel>following|previous|prior) (?P<unit>year|month)|"
                         r"(?P<unit2>year|month) (?P<rel2>after|before))", t):  # fmt: skip
        # "the following year": counted from the year the text named, not from today
        offset = 1 if (m["rel"] or m["rel2"]) in ("following", "after") else -1
        return Reading("narrative", unit=m["unit"] or m["unit2"], offset=offset)
    if t in ("the latest fiscal year", "the latest year", "the most recent fiscal year"):
        return Reading("relative", unit="year", offset=-1)
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening", "yesterday",
             "tomorrow", "last night", "tomorrow morning", "yesterday morning"):  # fmt: skip
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(t.split()[0], 0)
        part = (
            t.split()[-1]
            if t.split()[-1] in PARTS_OF_DAY
            else ("night" if t == "tonight" else None)
        )
        if part:
            return Reading(
                "time", "TIME", unit="day", offset=offset, clock="T" + PARTS_OF_DAY[part]
            )
        return Reading("relative", unit="day", offset=offset)
    if m := CLOCK_AND_DAY.fullmatch(t) or DAY_AND_CLOCK.fullmatch(t):
        # "9 a.m. EST Tuesday", "10 p.m. Wednesday", "noon Thursday", "Nov. 9 at 5 p.m."
        day, clock = read_expression(m["day"]), _clock(m["clock"])
        if day is None or clock is None or day.clock is not None:
            return None
        if day.kind == "weekday" or (day.kind == "date" and day.day is not None):
            return replace(day, timex_type="TIME", clock=clock)
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        return Reading("date", year=int(m[1]), month=int(m[2]), day=int(m[3]))
    # A weekday before a month day adds nothing: "(this coming) Sunday, March 8".
    weekday = rf"(?:(?:this|next|last|coming) )?{_WEEKDAY},? "
    if m := re.fullmatch(rf"(?:{weekday})?{_DAY} (?:of )?{_MONTH},?(?: {_YEAR})?", t):
        return _date(m)
    if m := re.fullmatch(rf"(?:{weekday})?{_MONTH} {_DAY}(?:,? {_YEAR})?", t):
        return _date(m)
    if m := re.fullmatch(rf"{_MONTH},? {_YEAR}", t):
        return Reading("date", year=int(m["year"]), month=MONTHS[m["month"]])
    if m := re.fullmatch(rf"(?:the month of )?{_MONTH}", t):
        return Reading("date", month=MONTHS[m["month"]])
    if m := re.fullmatch(rf"(?P<rel>last|this|next) {_MONTH}", t):
        return Reading("date", month=MONTHS[m["month"]], rel=m["rel"])
    if m := re.fullmatch(rf"{_MONTH} (?P<when>(?:this|last|next) year)", t):
        return Reading("date", month=MONTHS[m["month"]], year_offset=_year_offset(m["when"]))
    if m := re.fullmatch(rf"(?P<rel>last|next) {_MONTH} {_DAY}", t):
        day, month = int(m["day"]), MONTHS[m["month"]]
        if 1 <= day <= calendar.monthrange(2000, month)[1]:
            return Reading("date", month=month, day=day, rel=m["rel"])
        return None
    if m := re.fullmatch(
        rf"(?:(?P<rel>last|this|next) )?(?P<holiday>{_HOLIDAY_NAMES})(?P<week> week)?"
        rf"(?:,? {_YEAR})?",
        t,
    ):
        year = int(m["year"]) if m["year"] else None
        unit = "week" if m["week"] else None
        return Reading("holiday", code=m["holiday"], rel=m["rel"], year=year, unit=unit)
    if m := re.fullmatch(r"(?:the |(?P<rel>last|this|next|past|coming) )?weekend", t):
        rel = {"past": "last", "coming": "next"}.get(m["rel"], m["rel"])
        return Reading("weekend", rel=rel)
    if m := re.fullmatch(
        r"(?P<rel>last|this|next) (?P<season>spring|summer|autumn|fall|winter)", t
    ):
        return Reading("season", code=SEASONS[m["season"]], rel=m["rel"])
    if t in THIS_YEAR:
        return Reading("relative", unit="year", offset=0)
    if t == "the day":
        return Reading("narrative", offset=0)
    if t in (
        "last year's quarter",
        "the quarter a year ago",
        "the quarter a year earlier",
        "the same quarter last year",
        "the year ago period",
        "the year earlier period",
    ):
        return Reading("relative", unit="quarter", offset=-5)  # fmt: skip
    if m := re.fullmatch(
        r"(?:the )?(?:(?P<h>first|second|last|latter) half|(?P<q>first|last) two quarters)"
        r"(?: of)?(?: (?P<when>.+))?",
        t,
    ):  # "the last half of 1989", "first two quarters of 1990"
        code = "H1" if (m["h"] or m["q"]) == "first" else "H2"
        when = m["when"]
        if when is None or _year_offset(when) is not None:
            return Reading("half", code=code, year_offset=_year_offset(when) if when else None)
        if y := re.fullmatch(_YEAR, when):
            return Reading("half", code=code, year=int(y["year"]))
        return None
    if m := re.fullmatch(
        rf"(?:the )?(?:(?:past|last|next|coming|previous|recent|first|final) )?"
        rf"(?P<vague>several|few|many|a few|couple of|a couple of|number of|a number of) {_UNIT}",
        t,
    ):  # "the next few days", "the next couple of years"
        amount = "2" if "couple" in m["vague"] else "X"
        prefix = "PT" if unit_of(m) in TIME_UNITS else "P"
        return Reading("duration", "DURATION", code=f"{prefix}{amount}{UNITS[unit_of(m)]}")
    if m := re.fullmatch(rf"(?:the )?{_UNIT} ahead", t):
        if t.split()[-2].endswith("s"):  # "the weeks ahead"
            return _some(unit_of(m))
        return _relative_unit("next", unit_of(m))
    if m := re.fullmatch(
        rf"(?P<n>\d+|a|an|{'|'.join(_ONES)})(?:(?: 1/2| and a half) (?P<unit>{'|'.join(HALVES)})s?"
        rf"| (?P<unit2>{'|'.join(HALVES)})s? and a half)",
        t,
    ):  # "5 1/2 hours": PT5H30M, "two and a half years", "a minute and a half": PT1M30S
        n, unit = _number(m["n"]), m["unit"] or m["unit2"]
        return Reading("duration", "DURATION", code=HALVES[unit].format(n)) if n else None
    if m := re.fullmatch(rf"{_NUMBER} (?:additional|extra|further|more) {_UNIT}", t):
        return _duration(m["n"], unit_of(m))  # "two more weeks", "20 more years"
    if m := re.fullmatch(rf"(?:the )?{_YEAR} (?:fiscal )?(?:quarter|period)", t):
        # "the 1988 quarter": that year's quarter of the same name as the one just reported
        return Reading("quarter", year=int(m["year"]))
    if t in LATEST_QUARTER:
        # Business news reports on the quarter that ended before it was written.
        return Reading("relative", unit="quarter", offset=-1)
    if re.fullmatch(r"(?:the )?year (?:earlier|ago)(?: (?:quarter|period))?", t):
        # "the year-earlier quarter": the same quarter a year before the latest one.
        return Reading("relative", unit="quarter", offset=-5)
    if t in ("the year", "the full year", "the current year", "the calendar year"):
        return Reading("relative", unit="year", offset=0)
    if m := re.fullmatch(rf"(?:a|an|one) {_UNIT}", t):
        return _duration("1", unit_of(m))
    if m := re.fullmatch(rf"(?:the year |fiscal |the fiscal year )?{_YEAR}", t):
        return Reading("date", year=int(m["year"]))
    if m := re.fullmatch(r"(?:the )?((?:1[6-9]|20)\d)0'?s", t):
        return Reading("decade", code=m[1])
    if m := re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", t):
        return Reading("century", code=f"{int(m[1]) - 1:02d}")
    if m := re.fullmatch(
        rf"(?:(?P<rel>last|next|this|on|coming|past) )?{_WEEKDAY}"
        r"(?: (?P<part>morning|afternoon|evening|night))?",
        t,
    ):
        rel = m["rel"] if m["rel"] in ("last", "next", "this") else None
        reading = Reading("weekday", weekday=WEEKDAYS[m["weekday"]], rel=rel)
        if m["part"]:
            return replace(reading, timex_type="TIME", clock="T" + PARTS_OF_DAY[m["part"]])
        return reading
    if m := re.fullmatch(
        r"(?:the )?(?P<season>spring|summer|autumn|fall|winter)(?: of)?(?: (?P<when>.+))?", t
    ):
        return _season(m)
    if m := re.fullmatch(
        r"(?:the |a |an )?(?:(?P<owner>this|last|next) year's |(?P<ago>year (?:ago|earlier)) "
        r"|(?P<year>(?:1[6-9]|20)\d\d) )?(?:fiscal )?"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal )?quarter"
        r"(?: of)?(?: (?P<when>.+))?",
        t,
    ):  # "this year's third quarter", "the year-ago third quarter", "the 1988 second quarter"
        quarter = ORDINALS[m["q"]]
        if m["year"]:
            return Reading("quarter", code=f"Q{quarter}", year=int(m["year"]))
        if m["ago"]:
            return Reading("quarter", code=f"Q{quarter}", year_offset=-1)
        when = m["when"] or (f"{m['owner']} year" if m["owner"] else None)
        if when is None or _year_offset(when) is not None:
            return Reading(
                "quarter", code=f"Q{quarter}", year_offset=_year_offset(when) if when else None
            )
        if y := re.fullmatch(_YEAR, when):
            return Reading("quarter", code=f"Q{quarter}", year=int(y["year"]))
        return None
    if m := re.fullmatch(rf"(?:the )?{_REL} (?:fiscal )?{_UNIT}", t):
        if t.endswith("s"):  # "the past centuries": some of them
            return _some(unit_of(m))
        return _relative_unit(m["rel"], unit_of(m))
    if m := re.fullmatch(rf"{_NUMBER} {_UNIT} (?P<dir>ago|earlier|before|later|from now|hence)", t):
        n = _number(m["n"])
        if n is None:
            return None
        sign = -1 if m["dir"] in ("ago", "earlier", "before") else 1
        return Reading("relative", unit=unit_of(m), offset=sign * n)
    if m := re.fullmatch(
        rf"(?:the )?(?:(?:past|last|next|previous|coming|first|final|latest) )?{_NUMBER} {_UNIT}",
        t,
    ):
        return _duration(m["n"], unit_of(m))
    if m := re.fullmatch(
        rf"(?:the )?(?:past|last|next|coming|previous|recent|several|few|many) {_UNIT}", t
    ):
        if (
            unit_of(m) in YEARS_IN
            and not t.endswith("s")
            and t.split()[-2] in ("past", "last", "next", "coming")
        ):
            return _duration("1", unit_of(m))  # "the past decade": P10Y
        return _some(unit_of(m))
    if m := re.fullmatch(rf"(?:recent |several |many |a few |some )?{_UNIT}", t):
        if t.endswith("s") and unit_of(m) not in ("quarter",):
            return _some(unit_of(m))
        return None
    if m := re.fullmatch(rf"{_NUMBER}[\s-]{_UNIT}(?:[\s-](?:long|old))?", t):
        return _duration(m["n"], unit_of(m))
    if m := re.fullmatch(rf"(?:every|each|per) (?:(?P<n>\w+) )?{_UNIT}", t):
        period = _duration(m["n"] or "1", unit_of(m))  # "every hour": PT1H
        return Reading("set", "SET", code=period.code) if period else None
    if m := re.fullmatch(rf"(?:every|each) {_WEEKDAY}", t):
        return Reading("set", "SET", code=f"XXXX-WXX-{WEEKDAYS[m['weekday']] + 1}")
    if clock := _clock(t):
        return Reading("time", "TIME", unit="day", clock=clock)
    if t in PARTS_OF_DAY:
        return Reading("time", "TIME", unit="day", clock="T" + PARTS_OF_DAY[t])
    return None


def _clock(text: str) -> str | None:
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


def _date(m: re.Match[str]) -> Reading | None:
    day, month = int(m["day"]), MONTHS[m["month"]]
    year = int(m["year"]) if m["year"] else None
    if day < 1 or day > calendar.monthrange(year or 2000, month)[1]:
        return None
    return Reading("date", year=year, month=month, day=day)


def _season(m: re.Match[str]) -> Reading | None:
    code = SEASONS[m["season"]]
    when = m["when"]
    if when is None:
        return Reading("season", code=code)
    if (offset := _year_offset(when)) is not None:
        return Reading("season", code=code, year_offset=offset)
    if y := re.fullmatch(_YEAR, when):
        return Reading("season", code=code, year=int(y["year"]))
    return None


def _relative_unit(rel: str, unit: str) -> Reading:
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1,
              "upcoming": 1}.get(rel, 0)  # fmt: skip
    if unit in YEARS_IN and rel in ("past", "last", "next", "coming"):
        return _duration("1", unit)  # "the past decade": P10Y
    return Reading("relative", unit=unit, offset=offset)


def _some(unit: str) -> Reading:
    """A duration of an unknown number of units: "weeks" is PXW, "hours" PTXH."""
    return Reading(
        "duration", "DURATION", code=f"P{'T' if unit in TIME_UNITS else ''}X{UNITS[unit]}"
    )


def _duration(number: str, unit: str) -> Reading | None:
    """A duration of ``number`` units; decades and centuries in years ("two decades": P20Y)."""
    n = _number(number)
    if n is None:
        return None
    if unit in YEARS_IN:
        n, unit = n * YEARS_IN[unit], "year"
    prefix = "PT" if unit in TIME_UNITS else "P"
    amount = str(n).rstrip("0").rstrip(".") if "." in str(n) else str(n)
    return Reading("duration", "DURATION", code=f"{prefix}{amount}{UNITS[unit]}")


# --- anchoring ---------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _pick(candidates: list[dt.date], anchor: dt.date, direction: Direction) -> dt.date:
    """The candidate nearest the anchor in the sentence's direction (on-or-before for the past)."""
    if direction == "past":
        before = [c for c in candidates if c <= anchor]
        if before:
            return max(before)
    elif direction == "future":
        after = [c for c in candidates if c >= anchor]
        if after:
            return min(after)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


# How far ahead of the anchor a date told in the past tense may lie and still be this year's: a
# deadline, record date or plan reported with a past-tense verb ("set Nov. 10 as the deadline",
# "authorized a split, payable Dec. 7").
PAST_TENSE_REACH = dt.timedelta(days=92)
# How far from the anchor this year's date may lie when the tense says nothing.
UNTENSED_REACH = dt.timedelta(days=183)


def _pick_year(candidates: list[dt.date], anchor: dt.date, direction: Direction) -> dt.date:
    """A month (day) without a year: news leaves out the year of dates in its own year, so the
    anchor's year is taken where the tense allows; otherwise the candidate nearest the anchor
    in the sentence's direction."""
    this_year = next((c for c in candidates if c.year == anchor.year), None)
    if this_year is not None and (
        (direction == "past" and this_year <= anchor + PAST_TENSE_REACH)
        or (direction == "future" and this_year >= anchor)
        or (direction == "nearest" and abs(this_year - anchor) <= UNTENSED_REACH)
    ):
        return this_year
    return _pick([c for c in candidates if c != this_year] or candidates, anchor, direction)


def _chosen(
    candidates: list[dt.date],
    anchor: dt.date,
    rel: str | None,
    otherwise: dt.date,
    this: dt.date | None = None,
) -> dt.date:
    """The candidate a relative word picks: "last" the latest before the anchor, "next" the
    first after it, "this" ``this``; without one, ``otherwise`` (what the tense picks)."""
    if rel == "last":
        return max(c for c in candidates if c < anchor)
    if rel == "next":
        return min(c for c in candidates if c > anchor)
    return this if rel == "this" and this is not None else otherwise


def _day(date: dt.date) -> tuple[str, dt.date, dt.date, str]:
    return date.isoformat(), date, date, "day"


def _month(year: int, month: int) -> tuple[str, dt.date, dt.date, str]:
    return f"{year:04d}-{month:02d}", dt.date(year, month, 1), _month_end(year, month), "month"


def _year(year: int) -> tuple[str, dt.date, dt.date, str]:
    return f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _week(date: dt.date) -> tuple[str, dt.date, dt.date, str]:
    iso = date.isocalendar()
    monday = date - dt.timedelta(days=date.weekday())
    return f"{iso.year:04d}-W{iso.week:02d}", monday, monday + dt.timedelta(days=6), "week"


def holiday_date(name: str, year: int) -> dt.date:
    """The day a named holiday falls on in ``year`` (Election Day: the Tuesday after the first
    Monday of November; Easter by the Gregorian computus)."""
    if name in FIXED_HOLIDAYS:
        return dt.date(year, *FIXED_HOLIDAYS[name])
    if name == "election day":
        first_monday = _nth_weekday(year, 11, 0, 1)
        return first_monday + dt.timedelta(days=1)
    if name in WEEKDAY_HOLIDAYS:
        return _nth_weekday(year, *WEEKDAY_HOLIDAYS[name])
    return _easter(year) + dt.timedelta(days=EASTER_HOLIDAYS[name])


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = _month_end(year, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _weekend(saturday: dt.date) -> tuple[str, dt.date, dt.date, str]:
    """The weekend of ISO week 2022-W50 is "2022-W50-WE"; its granularity is its week's."""
    iso = saturday.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "week"


def _decade(decade: int) -> tuple[str, dt.date, dt.date, str]:
    """199 -> the 1990s."""
    return f"{decade:03d}", dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31), "decade"


def _century(century: int) -> tuple[str, dt.date, dt.date, str]:
    """20 -> 2000-2099, the TIMEX3 value of "the 21st century"."""
    start, end = dt.date(max(century * 100, 1), 1, 1), dt.date(century * 100 + 99, 12, 31)
    return f"{century:02d}", start, end, "century"


def _season_span(year: int, code: str) -> tuple[str, dt.date, dt.date, str]:
    first, last = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}[code]
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return f"{year:04d}-{code}", dt.date(year, first, 1), _month_end(end_year, end_month), "season"


def _quarter_span(year: int, code: str) -> tuple[str, dt.date, dt.date, str]:
    q = int(code[1])
    return f"{year:04d}-{code}", dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter"


def _half_span(year: int, code: str) -> tuple[str, dt.date, dt.date, str]:
    """A half year ("1989-H2"); its granularity is "quarter": the contract's granularities have
    no half, and a half is two whole quarters."""
    first = 1 if code == "H1" else 7
    return f"{year:04d}-{code}", dt.date(year, first, 1), _month_end(year, first + 5), "quarter"


def _add_months(date: dt.date, months: int) -> tuple[int, int]:
    index = date.year * 12 + date.month - 1 + months
    return index // 12, index % 12 + 1


Resolution = tuple[str, dt.date | None, dt.date | None, str | None]


def resolve(
    reading: Reading, anchor: dt.date | None, direction: Direction
) -> tuple[Resolution, bool]:
    """``(value, start, end, granularity)`` and whether the anchor was used to get there."""
    kind = reading.kind
    if kind in ("reference", "duration", "set"):
        return (reading.code or "", None, None, None), False
    if reading.clock:  # a time of day on the day the rest resolves to: "10 p.m. Wednesday"
        (value, start, end, granularity), used = resolve(
            replace(reading, clock=None), anchor, direction
        )
        return (value + reading.clock, start, end, granularity), used
    if kind == "date":
        if reading.year is not None:
            if reading.day is not None and reading.month is not None:
                return _day(dt.date(reading.year, reading.month, reading.day)), False
            if reading.month is not None:
                return _month(reading.year, reading.month), False
            return _year(reading.year), False
        if anchor is None:
            if reading.day is not None:
                return (f"XXXX-{reading.month:02d}-{reading.day:02d}", None, None, "day"), False
            return (f"XXXX-{reading.month:02d}", None, None, "month"), False
        assert reading.month is not None
        if reading.year_offset is not None:  # "June last year"
            year = anchor.year + reading.year_offset
            if reading.day is not None:
                return _day(dt.date(year, reading.month, reading.day)), True
            return _month(year, reading.month), True
        if reading.day is not None:
            candidates = [
                dt.date(y, reading.month, reading.day)
                for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                if reading.day <= calendar.monthrange(y, reading.month)[1]
            ]
            if not candidates:  # February 29 with no leap year near the anchor
                return (f"XXXX-{reading.month:02d}-{reading.day:02d}", None, None, "day"), False
            otherwise = _pick_year(candidates, anchor, direction)
            return _day(_chosen(candidates, anchor, reading.rel, otherwise)), True
        firsts = [
            dt.date(y, reading.month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        ]
        month_anchor = anchor.replace(day=1)  # "last april": the latest April before this month
        otherwise = _pick_year(firsts, month_anchor, direction)
        chosen = _chosen(firsts, month_anchor, reading.rel, otherwise, this=firsts[1])
        return _month(chosen.year, chosen.month), True
    if kind == "decade":
        return _decade(int(reading.code or "0")), False
    if kind == "century":
        return _century(int(reading.code or "0")), False
    if kind in ("season", "quarter", "half"):
        span = {"season": _season_span, "quarter": _quarter_span, "half": _half_span}[kind]
        code = reading.code or ""
        if kind == "quarter" and not code:  # "the 1988 quarter": the latest quarter's name
            assert reading.year is not None
            if anchor is None:
                return (f"{reading.year:04d}-QX", None, None, "quarter"), False
            month = _add_months(anchor, -3)[1]
            return _quarter_span(reading.year, f"Q{(month - 1) // 3 + 1}"), True
        if reading.year is not None:
            return span(reading.year, code), False
        if anchor is None:
            granularity = span(2000, code)[3]  # a half's is "quarter", see _half_span
            return (f"XXXX-{code}", None, None, granularity), False
        if reading.rel == "this":  # "this summer": the anchor's year's, whatever the tense
            return span(anchor.year, code), True
        if reading.rel in ("last", "next"):  # "last fall": the latest one over before the anchor
            spans = [span(y, code) for y in (anchor.year - 2, anchor.year - 1, anchor.year,
                                            anchor.year + 1)]  # fmt: skip
            if reading.rel == "last":
                return max((s for s in spans if s[2] < anchor), key=lambda s: s[1]), True
            return min((s for s in spans if s[1] > anchor), key=lambda s: s[1]), True
        if reading.year_offset is not None:
            return span(anchor.year + reading.year_offset, code), True
        # No year given: this year's, unless the sentence looks back on one still to come
        # ("earned $5 million in the fourth quarter", written in January) or ahead to a season
        # already over ("will visit in the spring", written in December; a quarter just over
        # is still reported on: "will report third-quarter results", written in October).
        this_year = span(anchor.year, code)
        if direction == "past" and this_year[1] > anchor:
            return span(anchor.year - 1, code), True
        if direction == "future" and kind == "season" and this_year[2] < anchor:
            return span(anchor.year + 1, code), True
        return this_year, True
    if kind == "weekday":
        assert reading.weekday is not None
        if anchor is None:
            return (f"XXXX-WXX-{reading.weekday + 1}", None, None, "day"), False
        delta = reading.weekday - anchor.weekday()
        this_week = anchor + dt.timedelta(days=delta)
        candidates = [this_week + dt.timedelta(days=7 * k) for k in (-1, 0, 1)]
        otherwise = _pick(candidates, anchor, direction)
        chosen = _chosen(candidates, anchor, reading.rel, otherwise, this=this_week)
        return _day(chosen), True
    if kind == "holiday":
        name = reading.code or ""
        of = _week if reading.unit == "week" else _day  # "Easter week": the week of Easter
        if reading.year is not None:
            return of(holiday_date(name, reading.year)), False
        if anchor is None:
            if reading.unit == "week":
                return ("XXXX-WXX", None, None, "week"), False
            month_day = (
                "{:02d}-{:02d}".format(*FIXED_HOLIDAYS[name]) if name in FIXED_HOLIDAYS else "XX-XX"
            )
            return (f"XXXX-{month_day}", None, None, "day"), False
        dates = [holiday_date(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        otherwise = _pick_year(dates, anchor, direction)
        chosen = _chosen(dates, anchor, reading.rel, otherwise, this=dates[1])
        return of(chosen), True
    if kind == "weekend":
        if anchor is None:
            return ("XXXX-WXX-WE", None, None, "week"), False
        this_saturday = anchor + dt.timedelta(days=5 - anchor.weekday())
        saturdays = [this_saturday + dt.timedelta(weeks=k) for k in (-1, 0, 1)]
        if reading.rel == "last":  # the latest weekend over before the anchor
            chosen = max(s for s in saturdays if s + dt.timedelta(days=1) < anchor)
        elif reading.rel == "next":
            chosen = min(s for s in saturdays if s > anchor)
        elif reading.rel == "this":
            chosen = this_saturday
        else:  # "over the weekend": the one just over, or the one to come
            chosen = _pick(saturdays, anchor, direction)
        return _weekend(chosen), True
    if kind in ("relative", "time"):
        # Hours and minutes ("an hour ago") resolve to the anchor's day: the contract's
        # granularities stop at the day.
        unit = "day" if reading.unit in TIME_UNITS else reading.unit or "day"
        if anchor is None:
            value = UNKNOWN_VALUES.get(unit, "XXXX-XX-XX")
            return (value, None, None, "day" if kind == "time" else unit), False
        if unit == "day":
            days = 0 if reading.unit in TIME_UNITS else reading.offset
            return _day(anchor + dt.timedelta(days=days)), True
        if unit == "week":
            return _week(anchor + dt.timedelta(weeks=reading.offset)), True
        if unit == "month":
            return _month(*_add_months(anchor, reading.offset)), True
        if unit == "quarter":
            year, month = _add_months(anchor, 3 * reading.offset)
            return _quarter_span(year, f"Q{(month - 1) // 3 + 1}"), True
        if unit == "year":
            return _year(anchor.year + reading.offset), True
        if unit == "decade":
            return _decade((anchor.year + 10 * reading.offset) // 10), True
        if unit == "century":
            return _century((anchor.year + 100 * reading.offset) // 100), True
    raise ValueError(f"cannot resolve a reading of kind {kind!r}")


# --- direction from the parse -------------------------------------------------------------------

FUTURE_MARKERS = {"will", "shall", "'ll", "wo", "would"}
DEADLINE_WORDS = {"until", "till", "through", "thru"}
# Verbs that set a deadline: "extended its offer until", "postponed until", "has given ... until",
# "has extended loans through January".
DEADLINE_VERBS = {"extend", "postpone", "delay", "defer", "give", "set", "adjourn", "suspend"}
PLAN_WORDS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "prepare", "invite"}


def governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def direction_of(span: Span) -> Direction:
    """Past, future or (present and unknown) nearest, from the verb that governs the expression.
    A deadline ("extended its deadline until 9 a.m. Tuesday") lies ahead whatever the tense of
    its setting, and what merely lasted until a day ("the talks lasted until Friday") follows it;
    the day something takes effect ("created an office, effective Feb. 1") is the nearest such
    day, as the tense of the decision says nothing of it."""
    verb = governing_verb(span)
    if span.root.head.lower_ == "effective":
        return "nearest"
    if (
        span.root.head.lower_ in DEADLINE_WORDS
        and span.root.dep_ == "pobj"
        and verb is not None
        and verb.lemma_ in DEADLINE_VERBS
    ):
        return "future"
    return verb_direction(verb)


def verb_direction(verb: Token | None) -> Direction:
    if verb is None:
        return "nearest"
    children = {c.lower_ for c in verb.children}
    if children & FUTURE_MARKERS or any(
        c.tag_ == "MD" and c.lower_ in FUTURE_MARKERS for c in verb.children
    ):
        return "future"
    if verb.head is not verb and verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in PLAN_WORDS:
        return "future"
    if (
        verb.lemma_ in PLAN_WORDS
        and verb.tag_ in ("VBN", "VBG")
        and "to" in {c.lower_ for c in verb.subtree}
    ):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or "Past" in verb.morph.get("Tense"):
        return "past"
    if any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have")
        for c in verb.children
    ):  # "was found", "have been searching since the Oct. 23 slaying"
        return "past"
    if (
        verb.tag_ == "VB" and "to" in children and verb.dep_ == "xcomp" and verb.head.lemma_ == "be"
    ):  # "is to resume trading Tuesday"
        return "future"
    if (
        verb.tag_ in ("VBG", "VB")
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):  # "rising to a high in June": the tense of the verb it hangs from
        return verb_direction(verb.head)
    return "nearest"


# --- finding -----------------------------------------------------------------------------------


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in ",.;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _narrowed(doc: Doc, start_char: int, end_char: int) -> Span | None:
    """The longest run of the tokens between the offsets that reads as an expression, leaving
    out at most three words in front and two behind: what the model took in around it."""
    span = doc.char_span(start_char, end_char, alignment_mode="contract")
    if span is None or not len(span):
        return None
    for dropped in range(6):
        for front in range(min(dropped, 3) + 1):
            back = dropped - front
            if back > 2 or front + back >= len(span):
                continue
            part = span[front : len(span) - back]
            if read_expression(part.text) is not None:
                return part
    return None


def readable_parts(doc: Doc, span: Span) -> list[Span]:
    """A spaCy span as the expressions it holds. One that does not read as a whole is split at
    a connector ("the quarter ended Sept. 30", "Aug. 26 to Oct. 20") and cut to the words that
    read ("d'etat last year", "A few days later"); one that cannot be read either way stays."""
    if read_expression(span.text) is not None or NON_TEMPORAL.search(span.text):
        return [span]  # read as it is, or dropped as it is ("6-year-old" is an age)
    bounds, start = [], span.start_char
    for connector in CONNECTOR.finditer(span.text):
        bounds.append((start, span.start_char + connector.start()))
        start = span.start_char + connector.end()
    bounds.append((start, span.end_char))
    parts = [part for a, b in bounds if (part := _narrowed(doc, a, b)) is not None]
    return parts or [span]


MAX_CLOCK_GAP = len(" (0735 GMT) ")
FULL_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _completed(doc: Doc, span: Span) -> Span:
    """A span with the word the model left beside it: the weekday of "Tuesday morning", the
    part of day of "Wednesday night", the "This" of "This year"."""
    start, end, text = span.start, span.end, span.text.lower()
    if start > 0 and (
        (text in PARTS_OF_DAY and doc[start - 1].lower_ in FULL_WEEKDAYS)
        or (text in ("year", "quarter", "month", "week") and doc[start - 1].lower_ == "this")
    ):
        start -= 1
    if end < len(doc) and text in FULL_WEEKDAYS and doc[end].lower_ in PARTS_OF_DAY:
        end += 1
    if doc[end : end + 3].text.lower() == "and a half":  # "a minute" + "and a half"
        end += 3
    if (
        re.fullmatch(_YEAR, text)
        and start > 0
        and end < len(doc)
        and doc[start - 1].lower_ == "the"
        and doc[end].lower_ in ("period", "quarter")
    ):  # "the 1989 period"
        start, end = start - 1, end + 1
    return doc[start:end]


def _without_overlaps(doc: Doc, spans: list[Span]) -> list[Span]:
    """Overlapping spans as one where together they read ("Tuesday" + "Tuesday morning"), else
    the first (and longest) of them."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if kept and span.start < kept[-1].end:
            union = doc[kept[-1].start : max(span.end, kept[-1].end)]
            if read_expression(union.text) is not None:
                kept[-1] = union
            continue
        kept.append(span)
    return kept


def _with_clock_times_joined(doc: Doc, spans: list[Span]) -> list[Span]:
    """A clock time and the day beside it as one expression ("9 a.m." + "Tuesday" in "until
    9 a.m. EST Tuesday"; "Nov. 9" + "5 p.m." in "Nov. 9 at 5 p.m.")."""
    joined: list[Span] = []
    for span in spans:
        if joined and span.start_char - joined[-1].end_char <= MAX_CLOCK_GAP:
            union = doc[joined[-1].start : span.end]
            reading = read_expression(union.text)
            if reading is not None and reading.clock and reading.kind in ("weekday", "date"):
                joined[-1] = union
                continue
        joined.append(span)
    return joined


def candidate_spans(doc: Doc) -> list[Span]:
    """spaCy's DATE and TIME entities (as the expressions they hold, with the words the model
    left beside them), plus pattern matches that overlap none of them."""
    spans: list[Span] = []
    taken = set()
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = _trim(doc, ent.start_char, ent.end_char)
        whole = doc.char_span(start, end, alignment_mode="expand")
        if whole is None or not whole.text.strip():
            continue
        for part in readable_parts(doc, whole):
            span = _completed(doc, part)
            spans.append(span)
            taken.update(range(span.start_char, span.end_char))
    for match in EXTRA_PATTERNS.finditer(doc.text):
        if taken.intersection(range(match.start(), match.end())):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
            taken.update(range(span.start_char, span.end_char))
    return _with_clock_times_joined(doc, _without_overlaps(doc, spans))


def sentence_index_of(doc: Doc) -> dict[int, int]:
    """Token index -> 0-based sentence index."""
    index = {}
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            index[token.i] = number
    return index


YEAR_AGO = {"a year ago", "a year earlier", "one year ago", "one year earlier"}
LONGER_PERIOD = re.compile(r"\b(?:nine|six) months\b|\bfirst half\b|\bfull year\b", re.IGNORECASE)
# "the year ended March 31" is the twelve months to that day, not a calendar year.
A_YEAR = {"the year", "the fiscal year", "fiscal year", "year"}
PERIOD_ENDING = {"ended", "ending"}


def read_in_context(
    doc: Doc, span: Span, reading: Reading | None, by_quarter: bool
) -> Reading | None:
    """What the words around an expression make of it, in business news: "a year ago" in an
    article that reports by quarter is that quarter a year before, unless its sentence compares
    a longer period ("the first nine months ..., compared with a year earlier" is last year, and
    so is "the 1988 period" there); "the year ended March 31" is twelve months, not a calendar
    year."""
    text = _clean(span.text)
    longer = LONGER_PERIOD.search(span.sent.text) is not None
    if by_quarter and text in YEAR_AGO:
        if longer:
            return Reading("relative", unit="year", offset=-1)
        return Reading("relative", unit="quarter", offset=-5)
    if reading is not None and reading.kind == "quarter" and not reading.code and longer:
        return Reading("date", year=reading.year)
    if text in A_YEAR and span.end < len(doc) and doc[span.end].lower_ in PERIOD_ENDING:
        return Reading("duration", "DURATION", code="P1Y")
    return reading


def is_quarter(reading: Reading | None) -> bool:
    return reading is not None and (reading.kind == "quarter" or reading.unit == "quarter")


def extract_timexes(doc: Doc, published: dt.date | None) -> list[Timex]:
    """Every temporal expression of an article, resolved against its publication date, or where it
    has none, against the latest full date the text gave before the expression (narrative)."""
    sentences = sentence_index_of(doc)
    timexes: list[Timex] = []
    narrative: dt.date | None = None  # the latest full day the text itself named
    named_month: dt.date | None = None  # the first day of the latest day or month it named
    named_year: dt.date | None = None  # the start of the latest date it named in full
    spans = candidate_spans(doc)
    readings = [read_expression(span.text) for span in spans]
    # An article that reports by quarter compares quarters: "a year ago" is that quarter then.
    by_quarter = any(is_quarter(r) for r in readings)
    for span, reading in zip(spans, readings, strict=True):
        reading = read_in_context(doc, span, reading, by_quarter)
        if reading is None:
            if not TEMPORAL_WORD.search(span.text) or NON_TEMPORAL.search(span.text):
                continue
            reading = Reading("unknown")
        common = {
            "start_char": span.start_char,
            "end_char": span.end_char,
            "sentence_index": sentences[span.start],
            "text": span.text,
        }
        if reading.kind == "unknown":
            timexes.append(Timex(**common, timex_type="DATE", value="XXXX-XX-XX"))
            continue
        if reading.kind == "narrative":
            references = {"day": narrative, "month": named_month, "year": named_year}
            (value, start, end, granularity), reference = resolve_narrative(reading, references)
            timexes.append(
                Timex(**common, timex_type="DATE", value=value, start_date=start, end_date=end,
                      granularity=granularity, anchor_date=reference,
                      anchor_source="narrative" if reference else "none")
            )  # fmt: skip
            continue
        anchor, source = (published, "published_date") if published else (narrative, "narrative")
        try:
            (value, start, end, granularity), used = resolve(reading, anchor, direction_of(span))
        except (KeyError, ValueError) as error:
            # A resolver bug costs one expression, never the article or its shard: it stays
            # unresolved, and the job's log says which.
            log.warning("could not resolve %r (%s); kept as XXXX-XX-XX", span.text, error)
            timexes.append(Timex(**common, timex_type="DATE", value="XXXX-XX-XX"))
            continue
        timexes.append(
            Timex(
                **common,
                timex_type=reading.timex_type,
                value=value,
                start_date=start,
                end_date=end,
                granularity=granularity,
                anchor_date=anchor if used else None,
                anchor_source=source if used else "none",
            )
        )
        if start is not None and "X" not in value:
            if granularity == "day":
                narrative = start
            if granularity in ("day", "month"):
                named_month = start.replace(day=1)
            if not used:
                named_year = start
    return timexes


def resolve_narrative(
    reading: Reading, references: dict[str, dt.date | None]
) -> tuple[Resolution, dt.date | None]:
    """A narrative reading ("the next day", "that year", "the following month"), counted from the
    latest day, year or month the text itself named (the reference, returned with the value);
    unknown where it named none."""
    unit = reading.unit or "day"
    reference = references[unit]
    if reference is None:
        return (UNKNOWN_VALUES[unit], None, None, unit), None
    if unit == "year":
        return _year(reference.year + reading.offset), reference
    if unit == "month":
        return _month(*_add_months(reference, reading.offset)), reference
    return _day(reference + dt.timedelta(days=reading.offset)), reference
