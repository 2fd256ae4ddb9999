"""Resolving: a ``Reading`` and an anchor date -> a TIMEX3 value and the calendar span it covers.

``resolve`` dispatches on the reading's kind through ``RESOLVERS``, one function per kind. A
month (and day) without a year is the anchor's year's where the tense allows it, as news leaves
out the year of its own year's dates (a deadline told in the past tense, up to three months
ahead, included); otherwise the nearest in the tense's direction. With no anchor, nothing is
guessed: the unknown parts stay ``X``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Literal, NamedTuple

from newsline.timex.lexicon import (
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    TIME_UNITS,
    UNKNOWN_VALUES,
    WEEKDAY_HOLIDAYS,
)
from newsline.timex.reading import Kind, Reading

Direction = Literal["past", "future", "nearest"]


class Resolution(NamedTuple):
    """A TIMEX3 value and the calendar span it covers (None where it is not a calendar span)."""

    value: str
    start: dt.date | None
    end: dt.date | None
    granularity: str | None


Anchor = dt.date | None
Resolved = tuple[Resolution, bool]  # and whether the anchor was used
Resolver = Callable[[Reading, Anchor, Direction], Resolved]


# --- calendar spans ----------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(date: dt.date, months: int) -> tuple[int, int]:
    index = date.year * 12 + date.month - 1 + months
    return index // 12, index % 12 + 1


def day_span(date: dt.date) -> Resolution:
    return Resolution(date.isoformat(), date, date, "day")


def month_span(year: int, month: int) -> Resolution:
    return Resolution(
        f"{year:04d}-{month:02d}", dt.date(year, month, 1), _month_end(year, month), "month"
    )


def year_span(year: int) -> Resolution:
    return Resolution(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _week(date: dt.date) -> Resolution:
    iso = date.isocalendar()
    monday = date - dt.timedelta(days=date.weekday())
    return Resolution(
        f"{iso.year:04d}-W{iso.week:02d}", monday, monday + dt.timedelta(days=6), "week"
    )


def _weekend(saturday: dt.date) -> Resolution:
    """The weekend of ISO week 2022-W50 is "2022-W50-WE"; its granularity is its week's."""
    iso = saturday.isocalendar()
    return Resolution(
        f"{iso.year:04d}-W{iso.week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "week"
    )


def _decade(decade: int) -> Resolution:
    """199 -> the 1990s."""
    return Resolution(
        f"{decade:03d}", dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31), "decade"
    )


def _century(century: int) -> Resolution:
    """20 -> 2000-2099, the TIMEX3 value of "the 21st century"."""
    start, end = dt.date(max(century * 100, 1), 1, 1), dt.date(century * 100 + 99, 12, 31)
    return Resolution(f"{century:02d}", start, end, "century")


def _season_span(year: int, code: str) -> Resolution:
    first, last = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}[code]
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return Resolution(
        f"{year:04d}-{code}", dt.date(year, first, 1), _month_end(end_year, end_month), "season"
    )


def _quarter_span(year: int, code: str) -> Resolution:
    q = int(code[1])
    return Resolution(
        f"{year:04d}-{code}", dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter"
    )


def _half_span(year: int, code: str) -> Resolution:
    """A half year ("1989-H2"); its granularity is "quarter": the contract's granularities have
    no half, and a half is two whole quarters."""
    first = 1 if code == "H1" else 7
    return Resolution(
        f"{year:04d}-{code}", dt.date(year, first, 1), _month_end(year, first + 5), "quarter"
    )


def _quarter_of(year: int, month: int) -> Resolution:
    return _quarter_span(year, f"Q{(month - 1) // 3 + 1}")


def _unknown(value: str, granularity: str | None) -> Resolved:
    return Resolution(value, None, None, granularity), False


# --- holidays ----------------------------------------------------------------------------------


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


# --- choosing among candidate dates ------------------------------------------------------------


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


# --- one resolver per kind: (reading, anchor, direction) -> (resolution, anchor used) ----------


def _code(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    """References, durations and sets are their code, whatever the anchor."""
    return _unknown(reading.code or "", None)


def _date(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    if reading.year is not None:
        if reading.day is not None and reading.month is not None:
            return day_span(dt.date(reading.year, reading.month, reading.day)), False
        if reading.month is not None:
            return month_span(reading.year, reading.month), False
        return year_span(reading.year), False
    if anchor is None:
        if reading.day is not None:
            return _unknown(f"XXXX-{reading.month:02d}-{reading.day:02d}", "day")
        return _unknown(f"XXXX-{reading.month:02d}", "month")
    assert reading.month is not None
    if reading.year_offset is not None:  # "June last year"
        year = anchor.year + reading.year_offset
        if reading.day is not None:
            return day_span(dt.date(year, reading.month, reading.day)), True
        return month_span(year, reading.month), True
    if reading.day is not None:
        candidates = [
            dt.date(y, reading.month, reading.day)
            for y in (anchor.year - 1, anchor.year, anchor.year + 1)
            if reading.day <= calendar.monthrange(y, reading.month)[1]
        ]
        if not candidates:  # February 29 with no leap year near the anchor
            return _unknown(f"XXXX-{reading.month:02d}-{reading.day:02d}", "day")
        otherwise = _pick_year(candidates, anchor, direction)
        return day_span(_chosen(candidates, anchor, reading.rel, otherwise)), True
    firsts = [dt.date(y, reading.month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    month_anchor = anchor.replace(day=1)  # "last april": the latest April before this month
    otherwise = _pick_year(firsts, month_anchor, direction)
    chosen = _chosen(firsts, month_anchor, reading.rel, otherwise, this=firsts[1])
    return month_span(chosen.year, chosen.month), True


def _decade_of(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    return _decade(int(reading.code or "0")), False


def _century_of(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    return _century(int(reading.code or "0")), False


PERIOD_SPANS = {"season": _season_span, "quarter": _quarter_span, "half": _half_span}


def _period(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    """A season, quarter or half year, of a year given, relative, or left to the tense."""
    kind = reading.kind
    span = PERIOD_SPANS[kind]
    code = reading.code or ""
    if kind == "quarter" and not code:  # "the 1988 quarter": the latest quarter's name
        assert reading.year is not None
        if anchor is None:
            return _unknown(f"{reading.year:04d}-QX", "quarter")
        return _quarter_of(reading.year, _add_months(anchor, -3)[1]), True
    if reading.year is not None:
        return span(reading.year, code), False
    if anchor is None:
        return _unknown(f"XXXX-{code}", span(2000, code).granularity)  # a half's is "quarter"
    if reading.rel == "this":  # "this summer": the anchor's year's, whatever the tense
        return span(anchor.year, code), True
    if reading.rel in ("last", "next"):  # "last fall": the latest one over before the anchor
        spans = [span(y, code) for y in range(anchor.year - 2, anchor.year + 2)]
        if reading.rel == "last":
            return max((s for s in spans if s.end < anchor), key=lambda s: s.start), True
        return min((s for s in spans if s.start > anchor), key=lambda s: s.start), True
    if reading.year_offset is not None:
        return span(anchor.year + reading.year_offset, code), True
    # No year given: this year's, unless the sentence looks back on one still to come
    # ("earned $5 million in the fourth quarter", written in January) or ahead to a season
    # already over ("will visit in the spring", written in December; a quarter just over
    # is still reported on: "will report third-quarter results", written in October).
    this_year = span(anchor.year, code)
    if direction == "past" and this_year.start > anchor:
        return span(anchor.year - 1, code), True
    if direction == "future" and kind == "season" and this_year.end < anchor:
        return span(anchor.year + 1, code), True
    return this_year, True


def _weekday(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    assert reading.weekday is not None
    if anchor is None:
        return _unknown(f"XXXX-WXX-{reading.weekday + 1}", "day")
    this_week = anchor + dt.timedelta(days=reading.weekday - anchor.weekday())
    candidates = [this_week + dt.timedelta(days=7 * k) for k in (-1, 0, 1)]
    otherwise = _pick(candidates, anchor, direction)
    return day_span(_chosen(candidates, anchor, reading.rel, otherwise, this=this_week)), True


def _holiday(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    name = reading.code or ""
    of = _week if reading.unit == "week" else day_span  # "Easter week": the week of Easter
    if reading.year is not None:
        return of(holiday_date(name, reading.year)), False
    if anchor is None:
        if reading.unit == "week":
            return _unknown("XXXX-WXX", "week")
        month, day = FIXED_HOLIDAYS.get(name, (None, None))
        return _unknown(f"XXXX-{month:02d}-{day:02d}" if month else "XXXX-XX-XX", "day")
    dates = [holiday_date(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    otherwise = _pick_year(dates, anchor, direction)
    return of(_chosen(dates, anchor, reading.rel, otherwise, this=dates[1])), True


def _weekend_of(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    if anchor is None:
        return _unknown("XXXX-WXX-WE", "week")
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


# A unit's span some whole units from a date.
UNIT_SPANS: dict[str, Callable[[dt.date, int], Resolution]] = {
    "day": lambda anchor, n: day_span(anchor + dt.timedelta(days=n)),
    "week": lambda anchor, n: _week(anchor + dt.timedelta(weeks=n)),
    "month": lambda anchor, n: month_span(*_add_months(anchor, n)),
    "quarter": lambda anchor, n: _quarter_of(*_add_months(anchor, 3 * n)),
    "year": lambda anchor, n: year_span(anchor.year + n),
    "decade": lambda anchor, n: _decade((anchor.year + 10 * n) // 10),
    "century": lambda anchor, n: _century((anchor.year + 100 * n) // 100),
}


def _relative(reading: Reading, anchor: Anchor, direction: Direction) -> Resolved:
    """Some units from the anchor ("two weeks ago", "next year"), or a time on a day from it.
    Hours and minutes ("an hour ago") resolve to the anchor's day: the contract's
    granularities stop at the day."""
    unit = "day" if reading.unit in TIME_UNITS else reading.unit or "day"
    if anchor is None:
        value = UNKNOWN_VALUES.get(unit, "XXXX-XX-XX")
        return _unknown(value, "day" if reading.kind == "time" else unit)
    if unit not in UNIT_SPANS:
        raise ValueError(f"cannot resolve a reading of kind {reading.kind!r}")
    offset = 0 if reading.unit in TIME_UNITS else reading.offset
    return UNIT_SPANS[unit](anchor, offset), True


RESOLVERS: dict[Kind, Resolver] = {
    "reference": _code,
    "duration": _code,
    "set": _code,
    "date": _date,
    "decade": _decade_of,
    "century": _century_of,
    "season": _period,
    "quarter": _period,
    "half": _period,
    "weekday": _weekday,
    "holiday": _holiday,
    "weekend": _weekend_of,
    "relative": _relative,
    "time": _relative,
}


def resolve(
    reading: Reading, anchor: dt.date | None, direction: Direction
) -> tuple[Resolution, bool]:
    """The reading's value and span against ``anchor`` in the sentence's ``direction``, and
    whether the anchor was used to get there."""
    if reading.kind in ("reference", "duration", "set"):
        return RESOLVERS[reading.kind](reading, anchor, direction)
    if reading.clock:  # a time of day on the day the rest resolves to: "10 p.m. Wednesday"
        day, used = resolve(replace(reading, clock=None), anchor, direction)
        return day._replace(value=day.value + reading.clock), used
    if reading.kind not in RESOLVERS:
        raise ValueError(f"cannot resolve a reading of kind {reading.kind!r}")
    return RESOLVERS[reading.kind](reading, anchor, direction)


def resolve_narrative(
    reading: Reading, references: dict[str, dt.date | None]
) -> tuple[Resolution, dt.date | None]:
    """A narrative reading ("the next day", "that year", "the following month"), counted from the
    latest day, year or month the text itself named (the reference, returned with the value);
    unknown where it named none."""
    unit = reading.unit or "day"
    reference = references[unit]
    if reference is None:
        return Resolution(UNKNOWN_VALUES[unit], None, None, unit), None
    if unit == "year":
        return year_span(reference.year + reading.offset), reference
    if unit == "month":
        return month_span(*_add_months(reference, reading.offset)), reference
    return day_span(reference + dt.timedelta(days=reading.offset)), reference
