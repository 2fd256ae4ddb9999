"""Publication dates inferred for articles that give none, from what their own text says of
time and from the dated events other articles report.

Each temporal expression of an undated article is a *clue*: its reading (``newsline.timex``)
and the tense that governs it. ``EVIDENCE``, an ordered table of named rules, turns each clue
into the days the article can have been published on (a union of intervals): "in February
2022" told in the past tense allows any day from 1 February 2022 on; "will visit on 3 June
2024", any day up to it; "in 1949, 75 years ago", the days of 2024. The days every piece of
evidence allows are the article's interval. A dateline's day without its year is evidence too
(``dateline_day_evidence``). Evidence that conflicts (no day allows it all) leaves the article
undated, and an interval open on one side gives no date: nothing is guessed.

Across articles (``event_evidence``): where an undated article reports an event that a dated
source also reports (same kind; one report's parties and place all among the other's) and
every such report gives the event one span, the article was published on a day its own date
expression for the event ("on Thursday") resolves into that span, or on or after the span's
first day where it has none.

An expression of an inferred article is resolved against its date only where every day of
the interval gives the same value (``resolved_on_every_day``): "on Thursday" needs the week,
"last year" only the year.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

from newsline.timex.reading import Reading
from newsline.timex.resolving import Direction, Resolution, resolve

Interval = tuple[dt.date, dt.date]  # first and last day, both included
EVER: tuple[Interval, ...] = ((dt.date.min, dt.date.max),)
ONE_DAY = dt.timedelta(days=1)
# Years "N years ago" may land in (those a date can hold).
CALENDAR_YEARS = range(dt.MINYEAR, dt.MAXYEAR + 1)
AGO = re.compile(r"\bago\b", re.IGNORECASE)
# What an article's date was inferred from: its own text, or the events other sources dated.
FROM_TEXT, FROM_EVENTS = "text", "events"
# anchor_source of an expression resolved against an inferred date, by what it was inferred from.
ANCHOR_SOURCES = {FROM_TEXT: "inferred", FROM_EVENTS: "inferred_from_events"}
INFERRED_ANCHORS = frozenset(ANCHOR_SOURCES.values())
# Expressions an inferred article's date resolves are tried on at most this many days.
MAX_DAYS_TRIED = 400


@dataclass(frozen=True)
class Clue:
    """A temporal expression of an article as the dating rules see it."""

    text: str
    sentence_index: int
    reading: Reading
    direction: Direction  # what it resolves in (newsline.timex.direction)
    told_as: str | None = None  # "past" or "ahead" where that dates the article (told_as)


@dataclass(frozen=True)
class Evidence:
    """What one clue (or one event another source dated) says of the publication date."""

    rule: str
    phrase: str
    allowed: tuple[Interval, ...]

    def describe(self) -> str:
        return f"{self.rule}: {self.phrase}"


@dataclass(frozen=True)
class Dating:
    """An article's publication date as inferred: the interval the evidence allows (either end
    None where the evidence leaves it open), the date itself (the interval's first day, given
    only where the interval is closed and at most ``max_days`` long) and what it rests on."""

    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    evidence: tuple[str, ...]


UNDATED = Dating(None, None, None, ())


# --- interval arithmetic -----------------------------------------------------------------------


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> tuple[Interval, ...]:
    """The days in both unions of intervals (each sorted, non-overlapping)."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start <= end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def _shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    try:
        return day + delta
    except OverflowError:
        return dt.date.max if delta > dt.timedelta(0) else dt.date.min


def _merged(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    out: list[Interval] = []
    for start, end in sorted(intervals):
        if out and start <= _shift(out[-1][1], ONE_DAY):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


# --- the rules ---------------------------------------------------------------------------------


def _span_of(reading: Reading) -> Resolution | None:
    """The calendar span of an expression that names its year: it needs no anchor."""
    if reading.kind != "date" or reading.year is None:
        return None
    try:
        resolution, used = resolve(reading, None, "nearest")
    except ValueError:  # a day the calendar does not have: "Feb. 30, 1990"
        return None
    return None if used or resolution.start is None else resolution


def named_date_told_as_past(clue: Clue, clues: Sequence[Clue]) -> tuple[Interval, ...] | None:
    """ "in February 2022", "on Oct. 30, 1989" in the past tense: published on or after."""
    span = _span_of(clue.reading)
    if span is None or clue.told_as != "past":
        return None
    assert span.start is not None
    return ((span.start, dt.date.max),)


def named_date_told_as_ahead(clue: Clue, clues: Sequence[Clue]) -> tuple[Interval, ...] | None:
    """ "will visit in June 2024": published on or before its last day."""
    span = _span_of(clue.reading)
    if span is None or clue.told_as != "ahead":
        return None
    assert span.end is not None
    return ((dt.date.min, span.end),)


def years_since_a_named_year(clue: Clue, clues: Sequence[Clue]) -> tuple[Interval, ...] | None:
    """ "in 1949, 75 years ago": the year of publication is the named year plus the years, where
    the sentence names exactly one year, in the past tense."""
    reading = clue.reading
    if (
        reading.kind != "relative"
        or reading.unit != "year"
        or reading.offset > -2
        or not AGO.search(clue.text)
    ):
        return None
    years = {
        c.reading.year
        for c in clues
        if c.sentence_index == clue.sentence_index
        and _span_of(c.reading) is not None
        and c.told_as == "past"
    }
    if len(years) != 1:
        return None
    year = next(iter(years)) - reading.offset
    if year not in CALENDAR_YEARS:
        return None
    return ((dt.date(year, 1, 1), dt.date(year, 12, 31)),)


def weekday_after_the_latest_named_day(
    clue: Clue, clues: Sequence[Clue]
) -> tuple[Interval, ...] | None:
    """ "on Oct. 30, 1989 ... said Friday": a weekday told as past is this week's, after the
    latest day the text named in the past tense; published on or after the first such weekday
    on or after that day."""
    if clue.reading.kind != "weekday" or clue.told_as != "past" or clue.reading.weekday is None:
        return None
    days = [
        span.start
        for c in clues
        if c.told_as == "past"
        and (span := _span_of(c.reading)) is not None
        and span.granularity == "day"
        and span.start is not None
    ]
    if not days:
        return None
    latest = max(days)
    first = latest + dt.timedelta(days=(clue.reading.weekday - latest.weekday()) % 7)
    return ((first, dt.date.max),)


def dateline_day_evidence(value: str) -> Evidence | None:
    """A dateline's day without its year ("MOSCOW, March 3 -", ``XXXX-03-03``): published on a
    March 3 or the day after (7 of TempEval-3's 14 such wire stories were stamped the next day),
    of a year the rest of the evidence must give (no year is taken from the text: the one year
    a story names is as often a past event's)."""
    found = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", value)
    if found is None:
        return None
    month, day = int(found.group(1)), int(found.group(2))
    days = []
    for year in CALENDAR_YEARS:
        try:
            days.append((dt.date(year, month, day), dt.date(year, month, day) + ONE_DAY))
        except ValueError:  # 29 February of a common year
            continue
    if not days:
        return None
    # Open at both ends: alone it bounds nothing.
    allowed = ((dt.date.min, days[0][1]), *days[1:-1], (days[-1][0], dt.date.max))
    return Evidence("dateline without its year", value, allowed)


def dateline_year_evidence(
    value: str, dated: Sequence[dt.date], window_days: int, whose: str
) -> Evidence | None:
    """A dateline's day without its year ("MOSCOW, March 3 -") among ``dated``, the publication
    dates of the corpus's dated articles (``whose``: of the same outlet where it is known): of a
    year that puts the day, or the day after it, within ``window_days`` of one of them. One such
    year dates the story; two or more leave an interval over them, not a guess."""
    found = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", value)
    if found is None or not dated:
        return None
    month, day = int(found.group(1)), int(found.group(2))
    ordered = sorted(dated)
    window = dt.timedelta(days=window_days)
    days = []
    for year in range(ordered[0].year - 1, ordered[-1].year + 2):
        try:
            date = dt.date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        nearest = bisect.bisect_left(ordered, date - window)
        if nearest < len(ordered) and ordered[nearest] <= date + ONE_DAY + window:
            days.append((date, date + ONE_DAY))
    if not days:
        return None
    where = f"{value} near {whose} (dated {ordered[0]} to {ordered[-1]})"
    return Evidence("dateline's year from the corpus", where, tuple(days))


Rule = Callable[[Clue, Sequence[Clue]], "tuple[Interval, ...] | None"]
# The rules, in the order their evidence is listed; every rule that applies to a clue counts.
# A day told without its year ("on Dec. 21") is not a rule: told as past it is the year of
# publication's or the season before it too seldom to bound anything (17 of 102 such days in
# TempEval-3's documents were not: "payable Dec. 7"), and "within a year" bounds nothing.
EVIDENCE: tuple[tuple[str, Rule], ...] = (
    ("named date, told as past", named_date_told_as_past),
    ("named date, told as ahead", named_date_told_as_ahead),
    ("years since a named year", years_since_a_named_year),
    ("weekday after the latest named day", weekday_after_the_latest_named_day),
)


def evidence_of(clues: Sequence[Clue]) -> list[Evidence]:
    found = []
    for clue in clues:
        for name, rule in EVIDENCE:
            allowed = rule(clue, clues)
            if allowed is not None:
                found.append(Evidence(name, clue.text, allowed))
    return found


def dating_of(evidence: Sequence[Evidence], max_days: int) -> Dating:
    """The interval every piece of evidence allows; undated where they conflict or leave both
    ends open, the date itself only where the interval is closed and at most ``max_days``."""
    allowed = EVER
    for item in evidence:
        allowed = intersect(allowed, item.allowed)
    if not allowed:
        return UNDATED
    earliest, latest = allowed[0][0], allowed[-1][1]
    earliest_or_none = None if earliest == dt.date.min else earliest
    latest_or_none = None if latest == dt.date.max else latest
    if earliest_or_none is None and latest_or_none is None:
        return UNDATED
    # What the interval rests on: each piece of evidence that rules out a day of it or a day
    # just outside it.
    wider = ((_shift(earliest, -ONE_DAY), _shift(latest, ONE_DAY)),)
    used = tuple(e.describe() for e in evidence if intersect(e.allowed, wider) != wider)
    closed = earliest_or_none is not None and latest_or_none is not None
    date = earliest if closed and (latest - earliest).days < max_days else None
    return Dating(date, earliest_or_none, latest_or_none, used)


def infer(clues: Sequence[Clue], max_days: int) -> Dating:
    """An undated article's publication date from its own temporal expressions."""
    return dating_of(evidence_of(clues), max_days)


# --- across articles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedEvent:
    """An event as one article reports it: its kind and parties (names folded to their last
    word, place included) and, where the article dates it, its span."""

    key: tuple[str, frozenset[str]]
    span: Interval | None
    clue: Clue | None  # the undated article's own date expression for it
    status: str
    anchorless: bool = False  # its span needed no publication date ("in May 2024")


def event_evidence(
    reported: ReportedEvent, dated_spans: set[Interval], article: str
) -> Evidence | None:
    """What the dated sources (``article``: their ids) say of the date of an undated article
    that reports the same event: nothing unless they agree on one span and the article tells
    the event as past or ongoing."""
    if len(dated_spans) != 1 or reported.status not in ("past", "ongoing"):
        return None
    start, end = next(iter(dated_spans))
    kind = reported.key[0]
    dated = f"{start}" if start == end else f"{start} to {end}"
    if reported.clue is None:
        phrase = f"the {kind}, {dated} in {article}"
        return Evidence("event dated by another source", phrase, ((start, dt.date.max),))
    days = _days_resolving_into(reported.clue, (start, end))
    if not days:
        return None
    phrase = f"the {kind} {reported.clue.text}, {dated} in {article}"
    return Evidence("event dated by another source", phrase, days)


def _days_resolving_into(clue: Clue, span: Interval) -> tuple[Interval, ...]:
    """The publication days against which the clue resolves to a span that overlaps ``span``."""
    start = _shift(span[0], -dt.timedelta(days=MAX_DAYS_TRIED))
    end = _shift(span[1], dt.timedelta(days=MAX_DAYS_TRIED))
    days = []
    day = start
    while day <= end:
        resolution, used = _resolution(clue, day)
        if used and resolution is not None and resolution.start is not None:
            assert resolution.end is not None
            if resolution.start <= span[1] and resolution.end >= span[0]:
                days.append((day, day))
        day += ONE_DAY
    return _merged(days)


def _resolution(clue: Clue, anchor: dt.date) -> tuple[Resolution | None, bool]:
    try:
        return resolve(clue.reading, anchor, clue.direction)
    except (KeyError, ValueError, OverflowError):
        return None, False


def resolved_on_every_day(clue: Clue, earliest: dt.date, latest: dt.date) -> Resolution | None:
    """The clue's resolution where every publication day of the interval gives the same one;
    None where they differ, the interval is too long to try, or the clue needs no anchor."""
    if (latest - earliest).days >= MAX_DAYS_TRIED:
        return None
    found: set[Resolution] = set()
    day = earliest
    while day <= latest:
        resolution, used = _resolution(clue, day)
        if resolution is None or not used or "X" in resolution.value:
            return None
        found.add(resolution)
        if len(found) > 1:
            return None
        day += ONE_DAY
    return next(iter(found), None)


# --- clues in tables ---------------------------------------------------------------------------


def reading_to_json(reading: Reading | None) -> str | None:
    return None if reading is None else json.dumps(asdict(reading), sort_keys=True)


# Cached: a corpus's temporal expressions read as a few thousand distinct readings (1,034 of
# 76,000 at 11,000 articles), and the publication dates are settled from all of them each run.
@lru_cache(maxsize=1 << 16)
def reading_from_json(text: str | None) -> Reading | None:
    return None if not text else replace(Reading("unknown"), **json.loads(text))
