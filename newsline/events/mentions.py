"""An article's event mentions, sentence by sentence: each trigger with its parties, place, date
and framing, from the modules of this package."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsline.entities import Mention
from newsline.events.dates import (
    closest_date,
    date_referred_back,
    stops_dated_by_their_meetings,
)
from newsline.events.framing import status_of
from newsline.events.parties import (
    may_be_a_party,
    not_a_party,
    person_it_is_about,
    someone_does_it,
    stand_ins,
    takes_part,
    titled_people,
    whom_it_stands_for,
)
from newsline.events.places import (
    DATELINE_PRIORITY,
    dateline_end,
    dateline_place,
    event_places,
    reported_from_there,
    travels_to_a_place,
)
from newsline.events.records import EventMention
from newsline.events.sides import Story, sides_beyond_the_sentence
from newsline.events.triggers import sentence_predicates
from newsline.timex.finding import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def predicate_event(
    article_id: str,
    sentence: Span,
    sentence_index: int,
    predicate: Token,
    event_type: str,
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    person_names: set[str],
    earlier_person: Mention | None = None,
    published: dt.date | None = None,
    titled: Mapping[str, Mapping[str, Mention]] | None = None,
) -> list[EventMention]:
    """The event mentions a predicate of the sentence names (one, or for a visit one per place
    it goes to), with whoever takes part (possibly nobody); none where the sentence does not
    report it as an event.
    ``earlier_person`` is the person an earlier sentence is about (see
    ``article_event_mentions``), whom a pronoun subject of the predicate stands for where the
    sentence names no person before it; ``titled`` maps a title to the people of the article
    who bear it, so that "the president" stands for the one who does."""
    date = closest_date(timexes, predicate)
    status = status_of(predicate, date.start_date if date else None, published)
    if status is None:  # denied, hypothetical or only wished for: no event
        return []
    doc = sentence.doc
    places = event_places(doc, mentions, predicate)
    top = max((priority for priority, _ in places), default=0)
    # A visit goes to each place it names ("will visit Britain, France and Italy"); anything
    # else happens at one place, the first most plainly its own.
    locations = [p for p in places if p[0] == top][: None if event_type == "visit" else 1]
    # A person the sentence names takes part unless a NOT_A_PARTY rule says otherwise (the
    # parse of a long sentence is often wrong about the role, seldom about the clause).
    people = [
        m for m in mentions
        if m.local_name in person_names and not_a_party(doc, m, predicate) is None
    ]  # fmt: skip
    named = [m for m in mentions if m.local_name in person_names]
    for stand_in in stand_ins(predicate):
        antecedent = whom_it_stands_for(stand_in, named, earlier_person, titled or {})
        if antecedent is not None and antecedent.local_name not in {m.local_name for m in people}:
            people.append(antecedent)
    participants = people
    if len({m.local_name for m in people}) < 2:
        location_names = {m.local_name for _, m in locations}
        states = [
            m for m in mentions
            if may_be_a_party(doc, m) and m.local_name not in person_names
            and m.local_name not in location_names and takes_part(doc, m, predicate)
        ]  # fmt: skip
        participants = people + states
    return [
        EventMention(
            article_id=article_id,
            sentence_index=sentence_index,
            event_type=event_type,
            participant_starts=tuple(m.start_char for m in participants),
            location_start=location[1].start_char if location else None,
            location_priority=location[0] if location else 0,
            date_value=date.value if date else "XXXX-XX-XX",
            date_start=date.start_date if date else None,
            date_end=date.end_date if date else None,
            evidence=sentence.text.strip(),
            status=status,
            date_start_char=date.start_char if date else None,
        )
        for location in locations or [None]
    ]


def article_event_mentions(
    article_id: str,
    doc: Doc,
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    published: dt.date | None = None,
) -> list[EventMention]:
    """Event mentions of one parsed article; mentions and timexes are the article's own, and
    ``published`` its publication date (a mention dated after it is scheduled)."""
    dateline = dateline_place(doc.text, mentions)
    after_dateline = dateline_end(doc.text)
    person_names = {m.local_name for m in mentions if m.label == "PERSON"}
    by_sentence_mentions: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.start_char >= after_dateline:
            by_sentence_mentions[m.sentence_index].append(m)
    by_sentence_timexes: dict[int, list[Timex]] = defaultdict(list)
    for t in timexes:
        by_sentence_timexes[t.sentence_index].append(t)
    found: list[EventMention] = []
    name_at = {m.start_char: m.local_name for m in mentions}
    mention_at = {m.start_char: m for m in mentions}
    titled = titled_people(doc, [m for m in mentions if m.local_name in person_names])
    story = Story(
        doc, [m for m in mentions if m.start_char >= after_dateline], frozenset(person_names)
    )
    # The person the last sentence that named any is about: its one subject, else its one person
    # (not one it only says its subject is: ``predicative``).
    earlier_person: Mention | None = None
    for index, sentence in enumerate(doc.sents):
        # One event per predicate: "after touring Dar es Salaam Thursday and meeting with the
        # police Friday" is a visit and a meeting; the same parties named twice are one.
        events = []
        for predicate, event_type in sentence_predicates(sentence):
            events += [
                (event, predicate)
                for event in predicate_event(
                    article_id, sentence, index, predicate, event_type,
                    by_sentence_mentions[index], by_sentence_timexes[index], person_names,
                    earlier_person, published, titled,
                )
            ]  # fmt: skip
        named = [m for m in by_sentence_mentions[index] if m.local_name in person_names]
        about_before = earlier_person
        earlier_person = person_it_is_about(doc, sentence, named, earlier_person)
        reported = []
        for event, predicate in events:
            if (
                dateline is not None
                and reported_from_there(event, published)
                and someone_does_it(doc, predicate, event, mention_at)
            ):
                event = replace(
                    event, location_start=dateline.start_char, location_priority=DATELINE_PRIORITY
                )
            names = {name_at[start] for start in event.participant_starts}
            if len(names) < 2 and event.event_type != "visit":
                event = _with_sides_beyond_the_sentence(
                    story, predicate, event, mention_at, about_before
                )
                names = {name_at[start] for start in event.participant_starts}
            place = event.location_start if event.event_type == "visit" else None
            if (len(names) >= 2 or travels_to_a_place(event, names, mention_at)) and all(
                (names, place) != seen for seen in reported
            ):
                reported.append((names, place))
                found.append(event)
                if event.event_type == "talks" and len(names) >= 2:
                    parties = tuple(mention_at[start] for start in event.participant_starts)
                    story.talks.append((index, parties))
        if events and not reported:
            date_referred_back(found, events[0], index)
    return stops_dated_by_their_meetings(found, name_at)


def _with_sides_beyond_the_sentence(
    story: Story,
    predicate: Token,
    event: EventMention,
    mention_at: Mapping[int, Mention],
    earlier_person: Mention | None,
) -> EventMention:
    """The mention with the parties ``sides.SIDES_BEYOND_THE_SENTENCE`` gives it, where one
    rule does; else as it was."""
    named = [mention_at[start] for start in event.participant_starts]
    found = sides_beyond_the_sentence(story, predicate, named, earlier_person)
    if found is None:
        return event
    return replace(event, participant_starts=tuple(m.start_char for m in found[1]))
