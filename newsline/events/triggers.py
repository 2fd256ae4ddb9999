"""Triggers: the words that name a meeting, visit, talks or call (``TRIGGERS``, read in order), with
the conditions on the words around them where the word alone does not say it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsline.events.syntax import (
    DESTINATION_LABELS,
    PARTY_ENTITY_TYPES,
    SUBJECT_ROLES,
    is_title,
    stands_for_a_party,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

TYPE_PRIORITY = {"call": 0, "meeting": 1, "talks": 2, "visit": 3}


def _modified_by(words: frozenset[str]) -> Callable[[Token], bool]:
    """The word has one of ``words`` as a modifier: "phone call", "telephone conversations"."""
    return lambda token: any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in words for c in token.children
    )


def _by_phone(token: Token) -> bool:
    """ "spoke by phone", "talked on the telephone", "spoke over the phone"."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("by", "on", "over")
        and any(o.lower_ in CALL_MODIFIERS for o in c.children if o.dep_ == "pobj")
        for c in token.children
    )  # fmt: skip


def _with_someone(token: Token) -> bool:
    """ "spoke with Elian", "consulted with the allies": a conversation with a counterpart; "he
    and President Gorbachev spoke about the decision": one between the subjects (not "Blair and
    Brown spoke to reporters", "spoke at the rally": to others)."""
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children) or (
        any(
            c.dep_ in SUBJECT_ROLES and any(g.dep_ == "conj" for g in c.children)
            for c in token.children
        )
        and not any(
            c.dep_ in ("prep", "dative")
            and c.lower_ not in TOPIC_PREPOSITIONS
            and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children)
            for c in token.children
        )
    )


# Prepositions of what a conversation is about or how long it lasts, not whom or where it
# addresses ("spoke to reporters", "at the rally", "on television"); a date is neither.
TOPIC_PREPOSITIONS = {"about", "of", "for", "over"}


def _to_a_named_place(token: Token) -> bool:
    """ "flew to Detroit", "left for Moscow", "is headed to Nairobi", "en route to Tehran": a
    journey to a place the text names (not "went home", "left the meeting") by someone, named,
    "he", "the secretary" or "Iraqi officials" (not "exports go to Iraq", "five have come to
    Miami")."""
    subjects = [c for c in token.children if c.dep_ in SUBJECT_ROLES]
    if not subjects or any(
        s.pos_ not in ("PROPN", "PRON") and not stands_for_a_party(s) and not is_title(s)
        for s in subjects
    ):
        return False
    return _toward_a_named_place(token)


def _toward_a_named_place(token: Token) -> bool:
    return _named_place_after(token, ("to", "for"))


def _named_place_after(token: Token, prepositions: tuple[str, ...]) -> bool:
    """The word has one of ``prepositions`` whose object is a place the text names."""
    return any(
        c.dep_ == "prep" and c.lower_ in prepositions
        and any(o.dep_ == "pobj" and o.ent_type_ in DESTINATION_LABELS for o in c.children)
        for c in token.children
    )  # fmt: skip


def _en_route(token: Token) -> bool:
    return token.head.lower_ == "en" and _toward_a_named_place(token)


def _in_a_named_place(token: Token) -> bool:
    """ "spent five hours in Dar es Salaam": a stay in a place the text names."""
    return _named_place_after(token, ("in", "at"))


def _in_a_named_place_on_a_date(token: Token) -> bool:
    """ "Baldrige will be in Peking from April 21 to 24": a planned stay of someone's on a trip,
    with its days (not "the plant is in Pontiac", "today is the eighth day", "he was in Kansas
    City working with the underground")."""
    return (
        _in_a_named_place(token)
        and any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in token.children)
        and any(c.dep_ in SUBJECT_ROLES and c.pos_ in ("PROPN", "PRON") for c in token.children)
        and any(t.ent_type_ == "DATE" for t in token.subtree if t != token)
    )


def _from_a_named_place(token: Token) -> bool:
    """ "on his return to Tehran from Moscow": back from a place the text names, which was
    visited."""
    return _named_place_after(token, ("from",))


def _a_visiting_party_as_object(token: Token) -> bool:
    """ "Rafsanjani telling a visiting Nicaraguan delegation": whom a visitor is told something
    by, in person (not "told reporters", "told the committee")."""
    return any(
        c.dep_ == "dobj"
        and stands_for_a_party(c)
        and any(a.dep_ == "amod" and a.lower_ == "visiting" for a in c.children)
        for c in token.children
    )


def _between_two_parties_people(token: Token) -> bool:
    """ "Japanese negotiators last week told U.S. officials": one state's or organisation's people
    telling another's, which is talks between the two."""
    subjects = [c for c in token.children if c.dep_ in SUBJECT_ROLES]
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return any(stands_for_a_party(s) for s in subjects) and any(
        stands_for_a_party(o) for o in objects
    )


def _a_party_as_object(token: Token) -> bool:
    """ "hosted Xi", "received an Iraqi delegation"; not "hosted a news conference"."""
    return any(
        c.dep_ == "dobj" and (c.ent_type_ in PARTY_ENTITY_TYPES or stands_for_a_party(c))
        for c in token.children
    )


def _always(token: Token) -> bool:
    return True


@dataclass(frozen=True)
class Trigger:
    """A word that names a meeting, visit, talks or call: its lemma, part of speech and, where
    the word alone does not say it, a condition on the words around it."""

    name: str
    event_type: str
    parts_of_speech: frozenset[str]
    lemmas: frozenset[str]
    condition: Callable[[Token], bool] = _always


NOUN, VERB = frozenset({"NOUN", "PROPN"}), frozenset({"VERB"})
# Verbs of telling someone something: in person, to a visiting delegation or between two sides'
# people, a meeting or talks.
TELLING = frozenset({"tell", "brief", "assure", "inform"})


CALL_MODIFIERS = frozenset({"phone", "telephone", "video", "virtual", "online", "videoconference"})


# The words that name an event, in order: the first trigger whose lemma, part of speech and
# condition hold names the word's event type.
TRIGGERS: tuple[Trigger, ...] = (
    Trigger("phone call", "call", NOUN,
            frozenset({"call", "conversation", "conference", "talk", "talks", "chat"}),
            _modified_by(CALL_MODIFIERS)),
    Trigger("spoke by phone", "call", VERB, frozenset({"speak", "talk", "chat"}), _by_phone),
    Trigger("meeting", "meeting", NOUN, frozenset({"meeting", "summit"})),
    Trigger("met", "meeting", VERB, frozenset({"meet", "greet", "confer"})),
    Trigger("joint news conference", "meeting", NOUN, frozenset({"conference", "briefing"}),
            _modified_by(frozenset({"joint"}))),
    Trigger("hosted", "meeting", VERB, frozenset({"host", "receive"}), _a_party_as_object),
    Trigger("told a visiting delegation", "meeting", VERB, TELLING, _a_visiting_party_as_object),
    Trigger("officials told officials", "talks", VERB, TELLING, _between_two_parties_people),
    Trigger("talks", "talks", NOUN,
            frozenset({"talk", "talks", "negotiation", "discussion", "consultation"})),
    Trigger("talked", "talks", VERB, frozenset({"talk", "negotiate", "discuss"})),
    Trigger("spoke with", "talks", VERB, frozenset({"speak", "consult"}), _with_someone),
    Trigger("visit", "visit", NOUN, frozenset({"visit", "trip"})),
    Trigger("visited", "visit", VERB, frozenset({"visit", "tour", "arrive"})),
    Trigger("travelled to", "visit", VERB,
            frozenset({"travel", "fly", "go", "head", "leave", "come", "journey"}),
            _to_a_named_place),
    Trigger("en route to", "visit", NOUN, frozenset({"route"}), _en_route),
    Trigger("spent time in", "visit", VERB, frozenset({"spend"}), _in_a_named_place),
    Trigger("stopped in", "visit", VERB, frozenset({"stop"}), _in_a_named_place),
    Trigger("will be in, on a date", "visit", frozenset({"AUX", "VERB"}), frozenset({"be"}),
            _in_a_named_place_on_a_date),
    Trigger("return from", "visit", NOUN | VERB, frozenset({"return"}), _from_a_named_place),
)  # fmt: skip


def trigger_of(token: Token) -> Trigger | None:
    """The trigger the word is, if any."""
    lemma = token.lemma_.lower()
    return next(
        (
            t for t in TRIGGERS
            if token.pos_ in t.parts_of_speech and lemma in t.lemmas and t.condition(token)
        ),
        None,
    )  # fmt: skip


def event_type_of(token: Token) -> str | None:
    trigger = trigger_of(token)
    return trigger.event_type if trigger else None


def visit_verb(predicate: Token) -> bool:
    return predicate.pos_ == "VERB" and event_type_of(predicate) == "visit"


def sentence_predicates(sentence: Span) -> list[tuple[Token, str]]:
    """The words of a sentence that name an event, with its type: the most telling type first
    (a call, then a meeting, talks, a visit), then in the order of the text."""
    found = [(t, kind) for t in sentence if (kind := event_type_of(t))]
    return sorted(found, key=lambda p: (TYPE_PRIORITY[p[1]], p[0].i))
