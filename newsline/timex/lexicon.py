"""The words and pattern pieces dates are made of: month, weekday and number names, units,
holidays, and the regular-expression fragments the reading rules and span finders share.

Tables only, no logic: a new word goes here, and every rule that reads that kind of word sees
it.
"""

from __future__ import annotations

import re

# fmt: off
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for name in names
}
FULL_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "couple": 2, "a couple of": 2,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q",
}
TIME_UNITS = {"second", "minute", "hour"}
# A number of units and a half, as a TIMEX3 duration.
HALVES = {"year": "P{}Y6M", "day": "P{}DT12H", "hour": "PT{}H30M", "minute": "PT{}M30S"}
YEARS_IN = {"decade": 10, "century": 100}  # durations are written in years: P10Y, P20Y
UNKNOWN_VALUES = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                  "year": "XXXX", "decade": "XXX", "century": "XX"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# "March eighth": day ordinals as words.
ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
]
DAY_ORDINALS = (
    {word: n for n, word in enumerate(ORDINAL_WORDS, start=1)}
    | {f"twenty {word}": 20 + n for n, word in enumerate(ORDINAL_WORDS[:9], start=1)}
    | {"twentieth": 20, "thirtieth": 30, "thirty first": 31}
)
TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9}
# Holidays news dates by name, as (month, day) or (month, weekday, nth; -1 for the last).
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    "veterans day": (11, 11), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "boxing day": (12, 26), "new year's eve": (12, 31),
}
WEEKDAY_HOLIDAYS = {
    "memorial day": (5, 0, -1), "labor day": (9, 0, 1), "thanksgiving day": (11, 3, 4),
    "thanksgiving": (11, 3, 4),
}
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}

# --- pattern pieces: alternations of the words above, and named groups the rules read ---------

def _alternation(words):
    """Longest first, so that "sept" is not read as "sep" + "t"."""
    return "|".join(sorted(words, key=len, reverse=True))

MONTH_NAMES = _alternation(MONTHS)
WEEKDAY_NAMES = _alternation(WEEKDAYS)
HOLIDAY_NAMES = _alternation([*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, *EASTER_HOLIDAYS, "election day"])
MONTH_CAPS = _alternation(m.capitalize() for m in MONTHS)
HOLIDAY_AS_WRITTEN = HOLIDAY_NAMES.replace("'", "['’]")  # "New Year’s Day"
DAY_ORDINAL_NAMES = _alternation(DAY_ORDINALS)
MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
WEEKDAY = rf"(?P<weekday>{WEEKDAY_NAMES})\.?"
NUMBER = r"(?P<n>\d+(?:\.\d+)?|" + _alternation(NUMBERS) + r")"
UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|centurie|quarter)s?"
YEAR = r"(?P<year>(?:1[6-9]|20|21)\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
REL = r"(?P<rel>last|next|this|past|previous|coming|current|following|upcoming)"
CLOCK = r"(?P<clock>\d{1,2}(?::\d{2})? ?[ap]\.?m\.?|noon|midday|midnight)"
# A time zone or its GMT equivalent beside a clock time: "EST", "(0735 GMT)".
ZONE = r"(?: \(?(?:\d{4} )?(?:[a-z][sd]t|gmt|utc)\)?)?"
# Years as spoken in broadcast transcripts: "nineteen ninety four", "two thousand (and) one".
SPELLED_YEAR = re.compile(
    rf"\b(?P<century>nineteen|twenty) (?P<tens>{'|'.join(TENS)})(?: (?P<ones>{'|'.join(ONES)}))?\b"
    rf"|\btwo thousand(?: and)?(?: (?P<ones2>{'|'.join(ONES)}))?\b"
)
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
    rf"{MONTH_NAMES}|{WEEKDAY_NAMES})\b|\b(1[6-9]|20)\d\d\b",
    re.IGNORECASE,
)
# fmt: on
