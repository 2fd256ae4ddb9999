"""Where an event happens: the places attached to its predicate, and the place its story is
filed from (the dateline) for an event of the story's days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newsline.clean import PLACE_AND_DAY_DATELINE, PLACE_DATELINE
from newsline.entities import Mention
from newsline.events.records import EventMention
from newsline.events.syntax import DESTINATION_LABELS, span_of
from newsline.events.triggers import visit_verb
from newsline.gazetteer import demonym_code, fold, is_region
from newsline.nlp import governing_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = {"GPE", "LOC", "FAC"}


PLACE_PREPOSITIONS = {"in": 2, "at": 2, "to": 1}


def place_priority(place: Span, predicate: Token) -> int:
    """2 for 'met ... in Beijing', 1 for 'travelled to China' or 'visited China', 0 when not the
    event's place."""
    if place.root.dep_ == "dobj" and place.root.head == predicate and visit_verb(predicate):
        return PLACE_PREPOSITIONS["to"]
    preposition = place.root.head
    if predicate.lemma_.lower() == "return":  # "his return to Tehran from Moscow": Moscow
        return PLACE_PREPOSITIONS["in"] if preposition.lower_ == "from" else 0
    if preposition.dep_ != "prep" or preposition.lower_ not in PLACE_PREPOSITIONS:
        return 0
    if preposition.head in (predicate, governing_verb(predicate)) or _gapped(
        preposition.head, predicate
    ):
        return PLACE_PREPOSITIONS[preposition.lower_]
    return 0


def _gapped(word: Token, predicate: Token) -> bool:
    """ "will spend two days in Beijing and a day in Shanghai": the second place is the
    predicate's too, on a conjunct of its object or of its first place, the verb left out."""
    if word.dep_ != "conj":
        return False
    while word.dep_ in ("conj", "appos") and word.head != word:
        word = word.head
    return word.head == predicate or (word.dep_ == "pobj" and word.head.head == predicate)


def event_places(
    doc: Doc, mentions: Sequence[Mention], predicate: Token
) -> list[tuple[int, Mention]]:
    """The sentence's places of the predicate's event with their priority (``place_priority``),
    in the order of the text, one per name: each of a conjunction ("Britain, France and Italy"),
    and of a place named with the state or region it is in ("Dar es Salaam, Tanzania"), that
    state or region, the place the gold annotations of wire news give (and whose name the
    events of one country's places share); "the Kenyan capital" is Kenya."""
    at_token = {}
    for mention in mentions:
        span = span_of(doc, mention)
        if span is None:
            continue
        if mention.label in PLACE_LABELS:
            at_token[span.root.i] = (span, mention)
        elif _names_a_state_place(mention, span):  # "toured the Tanzanian capital"
            place_noun = span.root.head
            at_token[place_noun.i] = (doc[place_noun.i : place_noun.i + 1], mention)
    places: dict[str, tuple[int, Mention]] = {}
    for span, _ in at_token.values():
        if not (priority := place_priority(span, predicate)):
            continue
        for token in (span.root, *span.root.conjuncts):
            if token.i not in at_token:
                continue
            place = at_token[token.i][1]
            region = [c.i for c in token.children if c.dep_ == "appos" and c.i in at_token]
            if region:
                place = at_token[region[0]][1]
            places.setdefault(place.local_name, (priority, place))
    return sorted(places.values(), key=lambda p: p[1].start_char)


# Nouns of a place in a state that a demonym names: "the Tanzanian capital", "a Kenyan port".
PLACE_NOUNS = {"capital", "city", "port", "town", "village", "province", "region", "border"}


def _names_a_state_place(mention: Mention, span: Span) -> bool:
    return (
        mention.label == "NORP"
        and span.root.dep_ == "amod"
        and span.root.head.lemma_.lower() in PLACE_NOUNS
        and demonym_code(fold(mention.name)) is not None
    )


DATELINE_LABELS = {"GPE", "LOC", "FAC", "ORG"}


# The location priority of a place that only the dateline gives.
DATELINE_PRIORITY = 0


# How far from its story's day an event may be to have happened where the story is filed.
DATELINE_DAYS = 7


def dateline_end(text: str) -> int:
    """Where the dateline at the head of a story ends (0 without one): the names before it are
    where the story is filed from, not who takes part ("NAIROBI, Kenya (AP) _ U.S. Ambassador
    Prudence Bushnell wrapped up ...": the model reads NAIROBI as a subject; "PONTIAC, Mich.,
    March 27 - Negotiators for General Motors ..."."""
    start = len(text) - len(text.lstrip())
    match = PLACE_DATELINE.match(text, start) or PLACE_AND_DAY_DATELINE.match(text, start)
    return match.end() if match else 0


def dateline_place(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """The place a story is filed from, where its dateline names one: as for "Dar es Salaam,
    Tanzania" in a sentence, the state or region where it gives one ("BAGHDAD, Iraq"). Whatever
    label the model gave it (it reads "MOSCOW (AP)" as an organisation), it is a place."""
    end = dateline_end(text)
    named = [m for m in mentions if m.start_char < end and m.label in DATELINE_LABELS]
    return named[-1] if named else None


def reported_from_there(event: EventMention, published: dt.date | None) -> bool:
    """An event with no place of its own, done or under way around the story's day, happened
    where the story is filed ("Kuchma's four-day state visit" in a story from Moscow)."""
    if event.location_start is not None or event.status == "scheduled":
        return False
    if event.date_start is None:
        return True
    return published is not None and abs((event.date_start - published).days) <= DATELINE_DAYS


def travels_to_a_place(
    event: EventMention, names: set[str], mention_at: Mapping[int, Mention]
) -> bool:
    """One named party visiting a named place: "X arrived in Washington", "X's visit to
    Moscow"; not a region ("a visit to East Africa": its stops are the visits)."""
    place = mention_at.get(event.location_start) if event.location_start is not None else None
    return (
        event.event_type == "visit"
        and len(names) == 1
        and place is not None
        and (
            place.label in DESTINATION_LABELS | {"NORP"}  # "the Tanzanian capital"
            or event.location_priority == DATELINE_PRIORITY
        )
        and not is_region(fold(place.local_name))
        and place.local_name not in names
    )
