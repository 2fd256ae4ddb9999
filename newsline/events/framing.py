"""How a sentence frames the meeting, visit, talks or call it names: done (``past``), under way
(``ongoing``), firmly planned (``scheduled``), or not an event at all (denied, hypothetical,
wished for, proposed).

``FRAMING`` is an ordered table of named rules, each a small function of the event's predicate
(the verb or noun that names it) and the chain of verbs that govern it ("is expected to meet":
meet, expected); the first rule that holds decides. A mention that none of them marks is
``past``, or ``scheduled`` where its own date falls after the article's publication.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


# Subjects that deny what they do: "nobody talks to Fidel".
NOBODY = {"nobody", "none", "neither", "noone"}
# Verbs that deny the event they govern: "denied he met him", "denies meeting Xi".
DENYING_VERBS = {"deny", "dispute"}
# Modal verbs that make a meeting possible, not real ("could meet", "might visit").
HYPOTHETICAL_MODALS = {"could", "might", "may", "can", "should", "must", "ca"}
FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo"}
# Governing verbs under which a meeting is wished for, proposed or refused, not held or planned.
WISHING_VERBS = {
    "hope", "want", "wish", "seek", "try", "attempt", "propose", "suggest", "urge", "ask",
    "invite", "offer", "refuse", "decline", "consider", "demand", "press", "push", "favor",
    "favour", "prefer", "call", "look", "request", "insist", "need", "threaten",
    "like", "love", "reject", "oppose", "resist", "avoid", "cancel", "postpone", "delay",
}  # fmt: skip
# Nouns that govern a meeting that is only an idea ("the possibility of a meeting").
WISHING_NOUNS = {
    "possibility", "prospect", "proposal", "call", "request", "invitation", "hope", "idea",
    "offer", "chance", "suggestion", "demand", "appeal", "bid", "effort", "attempt",
}  # fmt: skip
# Governing verbs and adjectives under which a meeting is firmly planned.
SCHEDULING_WORDS = {
    "schedule", "expect", "plan", "set", "due", "slate", "prepare", "intend", "arrange",
    "agree", "decide", "announce", "confirm", "likely",
}  # fmt: skip
# Prepositions through which a word frames the event ("called for talks", "looked forward to
# visiting", "the possibility of a meeting"); others ("on a visit", "after talks") are adjuncts.
FRAMING_PREPOSITIONS = {"for", "to", "toward", "towards", "of"}
# "his upcoming visit", "the planned talks": firmly planned.
PLANNED_ADJECTIVES = {"upcoming", "forthcoming", "planned", "scheduled", "coming", "impending"}
# "his current visit": under way as the article is written.
ONGOING_ADJECTIVES = {"current", "ongoing", "continuing", "present"}
# "ending a two-day visit": under way as the article is written.
ONGOING_VERBS = {"end", "begin", "start", "continue", "wrap", "conclude", "open", "close"}
# Dependency links along which a verb governs the event ("expected to meet", "planned a visit").
CHAIN_LINKS = {
    "xcomp", "conj", "dobj", "pobj", "pcomp", "prep", "acomp", "attr", "nsubj", "nsubjpass",
    "advmod",
}  # fmt: skip


def governing_chain(predicate: Token, max_hops: int = 6) -> list[Token]:
    """The predicate and the words above it that frame it, up to the clause it is reported in:
    "She was scheduled to ... meet" gives meet, (talk,) scheduled; "denied he met him to
    discuss" gives discuss, met, denied (``_purpose``); a ``ccomp`` ("said he met")
    ends the chain, so the reporting verb does not frame the meeting, unless it is a wish ("he
    wants Cuban diplomats to meet his son") or a denial ("denied he met him")."""
    chain = [predicate]
    token = predicate
    for _ in range(max_hops):
        wished_or_denied = token.dep_ == "ccomp" and token.head.lemma_.lower() in (
            WISHING_VERBS | DENYING_VERBS
        )
        if (token.dep_ not in CHAIN_LINKS and not wished_or_denied and not _purpose(token)) or (
            token.head == token
        ):
            break
        if token.dep_ == "prep" and token.lower_ not in FRAMING_PREPOSITIONS:
            break  # "on a visit to Mexico, asked ...": an adjunct, not what frames the visit
        token = token.head
        chain.append(token)
    return chain


def _purpose(token: Token) -> bool:
    """ "met him to discuss business": what a verb is done for is framed as that verb is."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _children(chain: list[Token], deps: set[str]) -> list[Token]:
    return [c for t in chain for c in t.children if c.dep_ in deps]


def denied(predicate: Token, chain: list[Token]) -> bool:
    """ "did not meet", "has not visited", "no meeting", "nobody talks to him", "denied he met
    him"."""
    if any(t.pos_ == "VERB" and t.lemma_.lower() in DENYING_VERBS for t in chain[1:]):
        return True
    return any(
        c.dep_ == "neg" or c.lower_ in ("no", "never") for c in _children(chain, {"neg", "det"})
    ) or any(c.lower_ in NOBODY for c in _children(chain, {"nsubj", "nsubjpass"}))


def hypothetical(predicate: Token, chain: list[Token]) -> bool:
    """ "could meet", "might visit", "may hold talks"; "if they meet", "until Annan visits"."""
    auxiliaries = _children(chain, {"aux", "auxpass"})
    conditional = any(
        c.lower_ in ("if", "unless", "whether") or (c.lower_ == "until" and c.head.tag_ == "VBZ")
        for c in _children(chain, {"mark"})
    )
    return conditional or any(a.lower_ in HYPOTHETICAL_MODALS for a in auxiliaries)


def wished(predicate: Token, chain: list[Token]) -> bool:
    """ "hopes to meet", "called for talks", "looked forward to visiting", "the possibility of a
    meeting", "invited him to visit"; not "talks had been called off" (held, then ended)."""
    return any(
        (
            t.pos_ in ("VERB", "AUX")
            and t.lemma_.lower() in WISHING_VERBS
            and not any(c.dep_ == "prt" and c.lower_ == "off" for c in t.children)
        )
        or (t.pos_ == "NOUN" and t.lemma_.lower() in WISHING_NOUNS)
        for t in chain[1:]
    )


def scheduled(predicate: Token, chain: list[Token]) -> bool:
    """ "will meet", "is to visit", "is expected to meet", "planned to visit", "is due to",
    "the upcoming visit"."""
    if any(c.dep_ == "amod" and c.lower_ in PLANNED_ADJECTIVES for c in predicate.children):
        return True
    auxiliaries = _children(chain, {"aux", "auxpass"})
    if any(a.lower_ in FUTURE_AUXILIARIES for a in auxiliaries):
        return True
    framing = chain[1:]
    if any(t.lemma_.lower() in SCHEDULING_WORDS for t in framing):
        return True
    # "is to visit": be with a to-infinitive; "is going to meet".
    return any(
        (t.lemma_ == "be" and predicate.dep_ == "xcomp" and predicate.head == t)
        or (t.lemma_ == "go" and t.tag_ == "VBG" and predicate.dep_ == "xcomp")
        for t in framing
    )


def ongoing(predicate: Token, chain: list[Token]) -> bool:
    """ "is visiting", "are holding talks", "ending a two-day visit", "his current visit"."""
    if any(c.dep_ == "amod" and c.lower_ in ONGOING_ADJECTIVES for c in predicate.children):
        return True
    for token in chain:
        if token.tag_ != "VBG":
            continue
        auxiliaries = [c for c in token.children if c.dep_ == "aux"]
        if any(a.lower_ in ("is", "are", "am", "'s", "'re") for a in auxiliaries):
            return True
        if not auxiliaries and token.lemma_.lower() in ONGOING_VERBS and token.dep_ != "pcomp":
            return True
    return False


# (name, status it gives or None for "not an event", rule): the first that holds decides.
FRAMING: tuple[tuple[str, str | None, Callable[[Token, list[Token]], bool]], ...] = (
    ("denied", None, denied),
    ("hypothetical", None, hypothetical),
    ("wished", None, wished),
    ("scheduled", "scheduled", scheduled),
    ("ongoing", "ongoing", ongoing),
)


def status_of(
    predicate: Token, event_date: dt.date | None, published: dt.date | None
) -> str | None:
    """The mention's status (``past``, ``ongoing``, ``scheduled``), or None when the sentence
    does not report it as an event."""
    chain = governing_chain(predicate)
    for _, status, rule in FRAMING:
        if rule(predicate, chain):
            return status
    if event_date is not None and published is not None and event_date > published:
        return "scheduled"
    return "past"
