"""Finding: the temporal expressions of a parsed article, each read and resolved in its place.

spaCy's DATE and TIME entities are the candidates, split where one holds two expressions and
completed with the words the model left beside them; ``EXTRA_PATTERNS`` adds what the model
tends to miss. Each expression is resolved against the article's publication date or, where it
has none, against the latest full date the text itself gave before it (a "narrative" anchor).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsline.nlp import sentence_index_of, trimmed
from newsline.timex.direction import direction_of, told_as
from newsline.timex.lexicon import (
    FULL_WEEKDAYS,
    HOLIDAY_AS_WRITTEN,
    MONTH_CAPS,
    NON_TEMPORAL,
    ONES,
    PARTS_OF_DAY,
    TEMPORAL_WORD,
    YEAR,
)
from newsline.timex.reading import Reading, clean, read_expression, rule_for
from newsline.timex.resolving import Direction, Resolution, resolve, resolve_narrative

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

# fmt: off
# Expressions spaCy's NER tends to miss; added where they do not overlap a spaCy span.
EXTRA_PATTERNS = re.compile(
    # Full weekday names only: "Sun" and "Wed" are more often a newspaper or a verb.
    r"\b(?:(?:last|next|this|on)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    # A month day, the month capitalised: "Aug. 7", "May 5, 1999" (not "may 5 percent").
    rf"|\b(?-i:{MONTH_CAPS})\.? [0-3]?\d(?:st|nd|rd|th)?(?:, (?:1[6-9]|20)\d\d)?(?![\d:])"
    rf"|\b(?:\d+|{'|'.join(ONES)}) (?:more|additional|further|extra) "
    r"(?:years|months|weeks|days|hours)"
    r"|\b\d+ 1/2 (?:years|days|hours|minutes)\b"
    r"|\b(?:today|tonight|yesterday|tomorrow|now|currently|nowadays|recently|lately|"
    r"(?:the|in the) (?:near )?future|in the past|"
    r"at present|the (?:latest|most recent) (?:period|quarter)|"
    r"these days|the next day|the (?:following|previous|prior) (?:day|month|year)|"
    r"the (?:day|month|year) (?:before|after)|"
    r"(?:that|the) same day|daily|weekly|annually|(?:the|this|last|next) weekend|"
    r"(?:every|each) (?:day|week|month|year)|"
    rf"(?:(?:last|this|next) )?(?:{HOLIDAY_AS_WRITTEN})(?: week)?)\b",
    re.IGNORECASE,
)
# Where a span is split in two: "the quarter ended Sept. 30", "Aug. 26 to Oct. 20".
CONNECTOR = re.compile(
    r"\s+(?:ended|ending|to|through|thru|until|till|and)\s+"
    # "the first nine months of 1997", "... of the year"
    r"|\s+of\s+(?=(?:the|this|last|next) year\b|(?:1[6-9]|20)\d\d\b)",
    re.IGNORECASE,
)
MAX_CLOCK_GAP = len(" (0735 GMT) ")
# Business news, read in context.
YEAR_AGO = {"a year ago", "a year earlier", "one year ago", "one year earlier"}
LONGER_PERIOD = re.compile(r"\b(?:nine|six) months\b|\bfirst half\b|\bfull year\b", re.IGNORECASE)
# "the year ended March 31" is the twelve months to that day, not a calendar year.
A_YEAR = {"the year", "the fiscal year", "fiscal year", "year"}
PERIOD_ENDING = {"ended", "ending"}
# fmt: on


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
    # What the expression was read as and the tense it was told in: what an inferred
    # publication date resolves it with later (newsline.dating).
    reading: Reading | None = None
    direction: Direction | None = None
    told_as: str | None = None  # newsline.timex.direction.told_as

    @property
    def resolved(self) -> bool:
        return "X" not in self.value


# --- spans -------------------------------------------------------------------------------------


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
        re.fullmatch(YEAR, text)
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
    text = doc.text  # built from the tokens on every call: once, or a long text costs n^2
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = trimmed(text, ent.start_char, ent.end_char, leading=",.;:", trailing=",;:")
        whole = doc.char_span(start, end, alignment_mode="expand")
        if whole is None or not whole.text.strip():
            continue
        for part in readable_parts(doc, whole):
            span = _completed(doc, part)
            spans.append(span)
            taken.update(range(span.start_char, span.end_char))
    for match in EXTRA_PATTERNS.finditer(text):
        if taken.intersection(range(match.start(), match.end())):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
            taken.update(range(span.start_char, span.end_char))
    return _with_clock_times_joined(doc, _without_overlaps(doc, spans))


# --- reading in context ------------------------------------------------------------------------


def read_in_context(
    doc: Doc, span: Span, reading: Reading | None, by_quarter: bool
) -> Reading | None:
    """What the words around an expression make of it, in business news: "a year ago" in an
    article that reports by quarter is that quarter a year before, unless its sentence compares
    a longer period ("the first nine months ..., compared with a year earlier" is last year, and
    so is "the 1988 period" there); "the year ended March 31" is twelve months, not a calendar
    year."""
    text = clean(span.text)
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


# --- resolving in order ------------------------------------------------------------------------


@dataclass
class NamedSoFar:
    """The latest dates the text itself named, which narrative expressions count from."""

    day: dt.date | None = None  # the latest full day
    month: dt.date | None = None  # the first day of the latest day or month
    year: dt.date | None = None  # the start of the latest date named in full

    def references(self) -> dict[str, dt.date | None]:
        return {"day": self.day, "month": self.month, "year": self.year}

    def note(self, resolution: Resolution, anchor_used: bool) -> None:
        start, granularity = resolution.start, resolution.granularity
        if start is None or "X" in resolution.value:
            return
        if granularity == "day":
            self.day = start
        if granularity in ("day", "month"):
            self.month = start.replace(day=1)
        if not anchor_used:
            self.year = start


def extract_timexes(doc: Doc, published: dt.date | None) -> list[Timex]:
    """Every temporal expression of an article, resolved against its publication date, or where it
    has none, against the latest full date the text gave before the expression (narrative)."""
    sentences = sentence_index_of(doc)
    timexes: list[Timex] = []
    named = NamedSoFar()
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
        found = Timex(
            span.start_char, span.end_char, sentences[span.start], span.text, "DATE", "XXXX-XX-XX"
        )
        if reading.kind == "unknown":
            timexes.append(found)
        elif reading.kind == "narrative":
            resolution, reference = resolve_narrative(reading, named.references())
            narrative = _resolved(found, "DATE", resolution, reference, "narrative")
            timexes.append(replace(narrative, reading=reading))
        else:
            timexes.append(_anchored(found, span, reading, published, named))
    return timexes


def _anchored(
    found: Timex, span: Span, reading: Reading, published: dt.date | None, named: NamedSoFar
) -> Timex:
    """The expression resolved against the publication date, or else the latest day named."""
    anchor, source = (published, "published_date") if published else (named.day, "narrative")
    direction = direction_of(span)
    found = replace(found, reading=reading, direction=direction, told_as=told_as(span, direction))
    try:
        resolution, used = resolve(reading, anchor, direction)
    except (KeyError, ValueError) as error:
        # A resolver bug costs one expression, never the article or its shard: it stays
        # unresolved, and the job's log says which.
        log.warning(
            "could not resolve %r, read by rule %s (%s); kept as XXXX-XX-XX",
            span.text,
            rule_for(span.text),
            error,
        )
        return found
    named.note(resolution, used)
    return _resolved(found, reading.timex_type, resolution, anchor if used else None, source)


def _resolved(
    found: Timex,
    timex_type: str,
    resolution: Resolution,
    anchor: dt.date | None,
    source: str,
) -> Timex:
    return replace(
        found,
        timex_type=timex_type,
        value=resolution.value,
        start_date=resolution.start,
        end_date=resolution.end,
        granularity=resolution.granularity,
        anchor_date=anchor,
        anchor_source=source if anchor else "none",
    )
