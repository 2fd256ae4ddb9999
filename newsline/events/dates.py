"""When an event happens: the temporal expression of the predicate's own clause, never one that
dates another clause; "This meeting took place on December 12" dates the mention before it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsline.events.parties import in_another_clause_at
from newsline.events.records import EventMention
from newsline.events.syntax import span_of
from newsline.timex.finding import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

REFERRING_DETERMINERS = {"this", "that", "the"}


def closest_date(timexes: Sequence[Timex], predicate: Token) -> Timex | None:
    """The sentence's date that modifies the predicate itself ("touring Dar es Salaam Thursday
    and meeting the police Friday morning": Friday for the meeting), else its date nearest the
    predicate, else its time of day nearest it that falls on a known day ("later this afternoon"
    dates a meeting where no date does); durations, sets, the start of a period ("has visited
    twice since February 2022") and a date of another clause ("Kuchma's visit was the signing
    of a program for trade, which fell last year"; "ahead of the trip, X on Sunday issued":
    ``_frames_another_clause``) date nothing."""
    doc = predicate.doc
    own = _frames_another_clause(predicate)
    dates = [
        t for t in timexes
        if not own or _modifies(doc, t, predicate)
        if t.granularity is not None
        and (t.timex_type == "DATE" or (t.timex_type == "TIME" and t.start_date is not None))
        and not _starts_a_period(doc, t)
        and not in_another_clause_at(doc, t, predicate)
    ]  # fmt: skip
    return min(
        dates,
        key=lambda t: (
            not _modifies(doc, t, predicate),
            t.timex_type != "DATE",
            abs(t.start_char - predicate.idx),
            t.start_char,
        ),
        default=None,
    )


# Prepositions by which an event dates another clause: "Just ahead of Albright's trip, the State
# Department on Sunday issued a warning" (Sunday is the warning's day, not the trip's).
TIME_PREPOSITIONS = {"before", "after", "ahead", "following", "prior", "since", "until"}


def _frames_another_clause(predicate: Token) -> bool:
    preposition = predicate.head
    if predicate.dep_ != "pobj":
        return False
    if preposition.lower_ in ("of", "to") and preposition.head.lower_ in TIME_PREPOSITIONS:
        preposition = preposition.head  # "ahead of", "prior to"
    return preposition.lower_ in TIME_PREPOSITIONS


def _modifies(doc: Doc, timex: Timex, predicate: Token) -> bool:
    """The time expression hangs from the predicate with no other verb between."""
    span = span_of(doc, timex)
    if span is None:
        return False
    token = span.root
    while token.head != token:
        token = token.head
        if token == predicate:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _starts_a_period(doc: Doc, timex: Timex) -> bool:
    before = span_of(doc, timex)
    return before is not None and before.start > 0 and doc[before.start - 1].lower_ == "since"


def date_referred_back(
    found: list[EventMention], event_and_predicate: tuple[EventMention, Token], index: int
) -> None:
    """ "This meeting took place on December 12": a sentence that only dates the previous,
    undated mention (two sentences back at most) gives it its date, in place."""
    event, predicate = event_and_predicate
    if (
        found
        and refers_back(predicate)
        and found[-1].date_value == "XXXX-XX-XX"
        and event.date_value != "XXXX-XX-XX"
        and index - found[-1].sentence_index <= 2
    ):
        found[-1] = replace(
            found[-1], date_value=event.date_value, date_start=event.date_start,
            date_end=event.date_end,
        )  # fmt: skip


def refers_back(predicate: Token) -> bool:
    return predicate.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in REFERRING_DETERMINERS for c in predicate.children
    )


def stops_dated_by_their_meetings(
    found: list[EventMention], name_at: Mapping[int, str]
) -> list[EventMention]:
    """An itinerary's undated stop (a planned visit) takes the date of the one dated meeting or
    talks its traveller holds there: "Baldrige will also stop in Hong Kong ... In Hong Kong,
    Baldrige will hold meetings on April 27"."""
    dated = [e for e in found if e.event_type != "visit" and e.date_start is not None]
    result = []
    for event in found:
        if event.event_type == "visit" and event.date_start is None and event.status == "scheduled":
            travellers = {name_at[s] for s in event.participant_starts}
            held_there = [
                e for e in dated
                if e.location_start is not None and event.location_start is not None
                and name_at.get(e.location_start) == name_at.get(event.location_start)
                and travellers <= {name_at[s] for s in e.participant_starts}
            ]  # fmt: skip
            if len({(e.date_value, e.date_start) for e in held_there}) == 1:
                day = held_there[0]
                event = replace(
                    event, date_value=day.date_value, date_start=day.date_start,
                    date_end=day.date_end, date_start_char=day.date_start_char,
                )  # fmt: skip
        result.append(event)
    return result
