"""Direction: whether an expression looks back, ahead, or neither, from the tense of the verb
that governs it. A bare weekday in a past-tense sentence is the latest such day on or before the
anchor, in a future one the first on or after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsline.nlp import governing_verb
from newsline.timex.resolving import Direction

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FUTURE_MARKERS = {"will", "shall", "'ll", "wo", "would"}
DEADLINE_WORDS = {"until", "till", "through", "thru"}
# Verbs that set a deadline: "extended its offer until", "postponed until", "has given ... until",
# "has extended loans through January".
DEADLINE_VERBS = {"extend", "postpone", "delay", "defer", "give", "set", "adjourn", "suspend"}
# An expression under these words does not say when its clause happened: "debentures due
# 2007", "by the year 2000", "before 1990", "until 1992", "postponed to 1995".
NOT_WHEN_WORDS = DEADLINE_WORDS | {
    "due", "by", "before", "prior", "ahead", "to", "payable", "maturing", "expiring",
}  # fmt: skip
# Only an adverbial one does: "in 1990", "Friday", "last year"; not one that qualifies a noun
# ("1990 earnings", "the 1994 Act") or is a subject or object ("1990 was a good year").
ADVERBIAL_DEPS = {"pobj", "npadvmod", "advmod", "tmod", "obl"}
EXPLICIT_FUTURE = {"will", "shall", "'ll"}
PLAN_WORDS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "prepare", "invite"}


def direction_of(span: Span) -> Direction:
    """Past, future or (present and unknown) nearest, from the verb that governs the expression.
    A deadline ("extended its deadline until 9 a.m. Tuesday") lies ahead whatever the tense of
    its setting, and what merely lasted until a day ("the talks lasted until Friday") follows it;
    the day something takes effect ("created an office, effective Feb. 1") is the nearest such
    day, as the tense of the decision says nothing of it."""
    verb = governing_verb(span.root)
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


def told_as(span: Span, direction: Direction) -> str | None:
    """ "past" or "ahead" where the expression says when its clause happened and the tense is
    certain enough to date the article by (past tense; "will"/"shall"), else None: an
    expression that is not adverbial or sets a limit ("due 2007"), or a future that is only
    planned, reported or conditional ("would", "invited to join in July")."""
    root = span.root
    if root.dep_ not in ADVERBIAL_DEPS or root.head.lower_ in NOT_WHEN_WORDS:
        return None
    if direction == "past":
        return "past"
    verb = governing_verb(root)
    if (
        direction == "future"
        and verb is not None
        and EXPLICIT_FUTURE & {c.lower_ for c in verb.children}
    ):
        return "ahead"
    return None
