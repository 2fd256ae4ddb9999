"""Events: who met whom, when, where, and how many independent sources say so.

Per article (shard job, from the one parse), the grammar is four ordered tables of named rules:
``TRIGGERS`` (the words that name a meeting, visit, talks or call), ``PARTY_ROLES`` (how a
name takes part: possessor, subject, object, "with"/"between"), ``NOT_A_PARTY`` (why a person
the sentence names does not: they report on it, possess another's object, do something else
("statements made by X"), are party to another event of the sentence, belong to another clause,
or name a place) and ``newsline.framing.FRAMING`` (done, under way, planned, or no event:
denied, hypothetical, wished for). Every trigger of a sentence
with at least two participants (people; else states, by name or by their demonym and officials,
"Iraqi diplomats"; and organisations), or a visit of one party to a named place, is an *event
mention*; a visit to several places is one per place. "He", "she" and titles ("the monarch")
stand for the one person of the article they can mean, never a guess. Its place is a GPE/LOC/FAC
attached to the predicate by "in"/"at" (or "to"), as "City, Region" the region, else the place
of the story's dateline for an event of its days; its date is the temporal expression that
hangs from the predicate, else the one of its clause closest to it. A date-less mention
followed by "This meeting took place on December 12" takes that date.

Across the corpus: mentions with the same participants whose dates agree (overlapping spans, or
day dates one day apart in different articles, which is then flagged as a date conflict) are one
event. Mentions without a date join their own article's dated event of the same participants
where there is exactly one, or else make one undated event per article: an unknown date is never
assumed to be another article's date. An event's type is the most telling of its mentions'
(call, then visit, then meeting, then talks).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsline.clean import PLACE_DATELINE
from newsline.entities import Mention
from newsline.framing import status_of
from newsline.gazetteer import demonym_code, fold, is_region
from newsline.nlp import governing_verb
from newsline.timex.finding import Timex

TYPE_PRIORITY = {"call": 0, "meeting": 1, "talks": 2, "visit": 3}
# An event's type from its mentions': the most telling present. A call is a call whoever calls
# it a meeting; a visit holds the meetings and talks during it; talks happen at a meeting.
EVENT_TYPE_PRECEDENCE = ("call", "visit", "meeting", "talks")
STATUS_PRECEDENCE = ("past", "ongoing", "scheduled")
# What besides people can be a party, where it is the predicate's subject or object or comes
# after its "with"/"between": states, and organisations ("OPEC held talks with Iraq").
PARTY_LABELS = {"GPE", "ORG"}
# Labels of the words that name who stands behind a party noun ("Iraqi", "U.N.", "Syria").
STATE_OR_GROUP = {"GPE", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Where one party's visit goes: a country, city or building, not a region ("East Africa").
DESTINATION_LABELS = {"GPE", "FAC"}
PLACE_PREPOSITIONS = {"in": 2, "at": 2, "to": 1}
REFERRING_DETERMINERS = {"this", "that", "the"}
# Who says something about an event is not one of its participants ("Lavrov said ... Putin's
# visit to China will reinforce this trend").
REPORTING_VERBS = {"say", "tell", "add", "claim", "note", "report", "announce", "state",
                   "write", "warn", "stress", "confirm", "believe", "expect"}  # fmt: skip


@dataclass(frozen=True)
class EventMention:
    article_id: str
    sentence_index: int
    event_type: str
    participant_starts: tuple[int, ...]
    location_start: int | None
    location_priority: int
    date_value: str
    date_start: dt.date | None
    date_end: dt.date | None
    evidence: str
    status: str
    date_start_char: int | None = None  # the timex that dates it


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
        s.pos_ not in ("PROPN", "PRON") and not _stands_for_a_party(s) and not _is_title(s)
        for s in subjects
    ):
        return False
    return _toward_a_named_place(token)


def _toward_a_named_place(token: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ in ("to", "for")
        and any(o.dep_ == "pobj" and o.ent_type_ in DESTINATION_LABELS for o in c.children)
        for c in token.children
    )  # fmt: skip


def _en_route(token: Token) -> bool:
    return token.head.lower_ == "en" and _toward_a_named_place(token)


def _in_a_named_place(token: Token) -> bool:
    """ "spent five hours in Dar es Salaam": a stay in a place the text names."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("in", "at")
        and any(o.dep_ == "pobj" and o.ent_type_ in DESTINATION_LABELS for o in c.children)
        for c in token.children
    )  # fmt: skip


def _a_party_as_object(token: Token) -> bool:
    """ "hosted Xi", "received an Iraqi delegation"; not "hosted a news conference"."""
    return any(
        c.dep_ == "dobj" and (c.ent_type_ in PARTY_ENTITY_TYPES or _stands_for_a_party(c))
        for c in token.children
    )


PARTY_ENTITY_TYPES = {"PERSON", "GPE", "ORG", "NORP"}


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


def _place_priority(place: Span, predicate: Token) -> int:
    """2 for 'met ... in Beijing', 1 for 'travelled to China' or 'visited China', 0 when not the
    event's place."""
    if place.root.dep_ == "dobj" and place.root.head == predicate and _visit_verb(predicate):
        return PLACE_PREPOSITIONS["to"]
    preposition = place.root.head
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


def _visit_verb(predicate: Token) -> bool:
    return predicate.pos_ == "VERB" and event_type_of(predicate) == "visit"


def _span_of(doc: Doc, item: Mention | Timex) -> Span | None:
    """The tokens of a name or a time expression (widened to whole tokens)."""
    return doc.char_span(item.start_char, item.end_char, alignment_mode="expand")


def _conjunction_head(doc: Doc, mention: Mention) -> Token | None:
    """The mention's root word, or the first of the conjunction it is in ("Russia and China":
    Russia for both), whose dependency tells the mention's role in its clause."""
    span = _span_of(doc, mention)
    if span is None:
        return None
    return _conjunction_head_of(span.root)


def _conjunction_head_of(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


# Nouns for the people who act for a state or organisation: "an Iraqi delegation", "U.N.
# officials", "the governments of Syria and Jordan", "Soviet counterparts".
PARTY_NOUNS = {
    "delegation", "official", "diplomat", "government", "counterpart", "authority", "ministry",
    "negotiator", "envoy", "representative", "administration", "leadership", "member",
    "delegate", "emissary",
}  # fmt: skip


def _stands_for_a_party(token: Token) -> bool:
    """ "an Iraqi delegation", "U.N. officials", "the governments of Syria": a party noun of a
    named state or organisation, or a title in the plural ("Kenyan police leaders", "EU
    foreign ministers"; "the Soviet leader" is one person: ``_antecedent``)."""
    lemma = token.lemma_.lower()
    return (lemma in PARTY_NOUNS or (lemma in TITLES and token.tag_ == "NNS")) and any(
        (c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in STATE_OR_GROUP)
        or (c.dep_ == "prep" and c.lower_ == "of"
            and any(o.ent_type_ in STATE_OR_GROUP for o in c.children if o.dep_ == "pobj"))
        for c in token.children
    )  # fmt: skip


def _role_word(doc: Doc, mention: Mention) -> Token | None:
    """The word whose dependency tells a mention's role in its clause: its root, or the first
    of the conjunction it is in ("Russia and China": Russia for both), or the party noun it
    names ("Iraqi diplomats": diplomats; "the governments of Syria, Jordan": governments)."""
    token = _conjunction_head(doc, mention)
    if token is None:
        return None
    while token.dep_ == "appos" and token.head != token:
        token = _conjunction_head_of(token.head)  # "the one ally ..., Tony Blair"
    if token.dep_ in ("amod", "compound", "poss", "nmod") and _stands_for_a_party(token.head):
        return _conjunction_head_of(token.head)
    of = token.head
    if token.dep_ == "pobj" and of.lower_ == "of" and _stands_for_a_party(of.head):
        return _conjunction_head_of(of.head)
    return token


def _may_be_a_party(doc: Doc, mention: Mention) -> bool:
    """A state or organisation, or a nationality that names a state ("Iraqi diplomats", "the
    Soviets"), but not one in the bare plural: "Americans exercise caution when visiting
    Kenya" are its people at large, not the state."""
    if mention.label in PARTY_LABELS:
        return True
    if mention.label != "NORP" or demonym_code(fold(mention.name)) is None:
        return False
    span = _span_of(doc, mention)
    return span is not None and not (
        span.root.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ in ("det", "poss") for c in span.root.children)
    )


def _possessor(token: Token, predicate: Token, verb: Token | None) -> bool:
    """ "Putin's visit"."""
    return token.dep_ == "poss" and token.head == predicate


def _subject(token: Token, predicate: Token, verb: Token | None) -> bool:
    """ "Russia and China held talks", "he is expected to meet", "after touring Dar es Salaam,
    Freeh said" (``subject_heads``), "Ritter, who arrived Thursday" (the relative pronoun's
    noun), "Scharping, ending a two-day visit" (the noun a participle describes)."""
    heads = [*subject_heads(predicate), *([verb] if verb is not None else [])]
    return (token.dep_ in SUBJECT_ROLES and token.head in heads) or any(
        head.head == token and (_relative_clause_of_its_subject(head) or _participle(head))
        for head in heads
    )


def _relative_clause_of_its_subject(verb: Token) -> bool:
    return verb.dep_ == "relcl" and any(
        c.dep_ in SUBJECT_ROLES and c.lower_ in RELATIVE_PRONOUNS for c in verb.children
    )


def _participle(verb: Token) -> bool:
    """ "Scharping, ending a visit": a participle describing a noun (the parse calls it a
    clause of the noun's, "acl", or an adverbial one hung on it)."""
    return verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl") and verb.head.pos_ != "VERB"


RELATIVE_PRONOUNS = {"who", "that", "which"}


def _object(token: Token, predicate: Token, verb: Token | None) -> bool:
    """ "Russia hosted China"; not the place a visit goes to ("visited China", "visiting Kenya
    and Tanzania"), its destination, nor whom a visitor meets ("met Moi on a visit")."""
    return (
        token.dep_ == "dobj"
        and token.head in (predicate, _counterpart_verb(predicate, verb))
        and not (token.head == predicate and _visit_verb(predicate))
    )


def _with_or_between(token: Token, predicate: Token, verb: Token | None) -> bool:
    """ "talks with Russia", "a meeting between China and Russia"; not whom a visitor meets
    ("meet with President Moi in a five-hour visit": Moi is no visitor)."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ in ("with", "between")
        and preposition.head in (predicate, _counterpart_verb(predicate, verb))
    )


def _counterpart_verb(predicate: Token, verb: Token | None) -> Token | None:
    """The verb whose object or "with" is a party of the predicate's event: a visit's verb
    has the visitor as its subject and the visited as its object."""
    return None if event_type_of(predicate) == "visit" else verb


PartyRule = Callable[[Token, Token, "Token | None"], bool]
# How a name takes part in the event a predicate names: the word that tells its role
# (``_role_word``: the name, the head of its conjunction, or the party noun it modifies) is, to
# the predicate or the verb whose subject does what the predicate names (``_states``), one of
# these. The first that holds names the rule.
PARTY_ROLES: tuple[tuple[str, PartyRule], ...] = (
    ("possessor", _possessor),
    ("subject", _subject),
    ("object", _object),
    ("with or between", _with_or_between),
)


def party_role(doc: Doc, mention: Mention, predicate: Token) -> str | None:
    """The ``PARTY_ROLES`` rule by which the mention takes part in the predicate's event, itself
    or by its people ("talks with Iraqi diplomats"), or None."""
    token = _role_word(doc, mention)
    if token is None:
        return None
    # A predicate joined to a clause by "and" is not that clause's object: in "Russia and China
    # play a role, and Putin's visit ...", Russia and China are not the visit's participants.
    # Nor is the subject of a verb that governs a noun predicate from afar ("Cuba kept up its
    # condemnation of the handling of the meeting"): only the verb whose object or subject the
    # noun is ("held talks"), or that it says the subject is doing ("was on a visit"), shares
    # its parties.
    verb = predicate if predicate.dep_ == "conj" else governing_verb(predicate)
    if verb is not None and verb != predicate and not _states(predicate, verb):
        verb = None
    return next((name for name, rule in PARTY_ROLES if rule(token, predicate, verb)), None)


def _takes_part(doc: Doc, mention: Mention, predicate: Token) -> bool:
    return party_role(doc, mention, predicate) is not None


# Prepositions by which a noun predicate says what its verb's subject is doing: "was en route
# to Tehran", "was on a visit to Mexico", "finished the rules in consultation with Iraq",
# "visited Washington for talks with Biden".
STATE_PREPOSITIONS = {"en", "on", "in", "during", "for"}


def _states(predicate: Token, verb: Token) -> bool:
    """The verb's subject does what the noun predicate names: "held talks", "was en route"."""
    preposition = predicate.head
    return (predicate.head == verb and predicate.dep_ != "conj") or (
        predicate.dep_ == "pobj"
        and preposition.lower_ in STATE_PREPOSITIONS
        and preposition.head == verb
    )


def _possessor_of_another(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """ "met with Lazaro Gonzalez's lawyer": the possessor of the predicate's object is not a
    party; the possessor of the event itself is ("Putin's visit"), and so is one elsewhere in
    the sentence ("Bush's chief objective in his meeting with Hussein")."""
    span = _span_of(doc, mention)
    if span is None or span.root.dep_ != "poss":
        return False
    possessed = span.root.head  # the lawyer (Putin's visit: the predicate itself)
    slot = possessed.head  # met (met the lawyer), or with (met with the lawyer)
    return (
        possessed != predicate
        and possessed.dep_ in ("pobj", "dobj")
        and (slot == predicate or (slot.lower_ in ("with", "between") and slot.head == predicate))
    )


def _in_another_clause(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """The mention belongs to a clause that neither holds the predicate nor is the predicate's
    own: "At the end of his trip, Blair said he admired Blunkett" (Blunkett is admired, not on
    the trip); "was arriving when the attacker emerged from behind a bush"."""
    return _in_another_clause_at(doc, mention, predicate)


def _in_another_clause_at(doc: Doc, item: Mention | Timex, predicate: Token) -> bool:
    span = _span_of(doc, item)
    if span is None or span.root.head == span.root:
        return False
    clause = governing_verb(span.root.head)
    return (
        clause is not None
        and clause != predicate
        and clause not in predicate.ancestors
        and clause not in subject_heads(predicate)
    )


# Prepositions of a place or a time, not of a party: "At Heathrow, Gatwick and Glasgow
# airports, BAA launched consultations" (the model tags Gatwick as a person).
PLACE_SLOTS = {"at", "in", "on", "from", "near", "behind", "across", "into", "inside", "outside"}


def _in_a_place_slot(doc: Doc, mention: Mention, predicate: Token) -> bool:
    token = _role_word(doc, mention)
    return token is not None and token.dep_ == "pobj" and token.head.lower_ in PLACE_SLOTS


def _agent_of_another(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """ "statements made by Lawrence Wechsler ... about a meeting with the president": who does
    something else ("by" a verb that is neither the predicate, nor one whose subject does what
    the predicate names, nor describes it) is not a party; "a meeting hosted by Xi" and "was
    received by Xi for talks" keep Xi."""
    token = _role_word(doc, mention)
    if token is None or token.dep_ != "pobj" or token.head.lower_ != "by":
        return False
    verb = token.head.head
    return verb.pos_ == "VERB" and verb not in (
        predicate,
        *subject_heads(predicate),
        *predicate.children,
    )


def _party_of_another(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """ "discussed the possibility of a meeting between Putin and Xi": Putin and Xi are the
    meeting's parties, not the discussion's."""
    others = [p for p, _ in sentence_predicates(predicate.sent) if p != predicate]
    return (
        bool(others)
        and not _takes_part(doc, mention, predicate)
        and any(_takes_part(doc, mention, other) for other in others)
    )


def _reports_on(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """The mention is the subject of a reporting verb whose reported clause holds the
    predicate."""
    span = _span_of(doc, mention)
    if span is None:
        return False
    token = span.root
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() not in REPORTING_VERBS or verb == predicate:
        return False
    # What is said holds the predicate ("said Putin's visit will ..."); a clause that only
    # frames the saying does not ("After meeting Xi, Putin said ...": Putin met Xi).
    clause = next((t for t in predicate.ancestors if t.head == verb), None)
    return clause is not None and clause.dep_ in REPORTED_CLAUSES


NotAParty = Callable[[Doc, Mention, Token], bool]
# Why a person the sentence names is not a party to the event a predicate names, in order.
NOT_A_PARTY: tuple[tuple[str, NotAParty], ...] = (
    ("reports on it", _reports_on),
    ("possessor of another", _possessor_of_another),
    ("agent of another", _agent_of_another),
    ("party to another event", _party_of_another),
    ("in another clause", _in_another_clause),
    ("in a place's slot", _in_a_place_slot),
)


def not_a_party(doc: Doc, mention: Mention, predicate: Token) -> str | None:
    """The first ``NOT_A_PARTY`` rule that keeps a named person out of the event, or None."""
    return next((name for name, rule in NOT_A_PARTY if rule(doc, mention, predicate)), None)


REPORTED_CLAUSES = {"ccomp", "xcomp", "dobj", "parataxis", "conj", "advcl"}
PERSONAL_PRONOUNS = {"he", "she"}
# Titles that stand for the one person of an article who bears them ("the president himself
# met with Sununu" where the article names President Bush).
TITLES = {
    "president", "minister", "secretary", "premier", "chancellor", "king", "queen", "pope",
    "director", "chief", "leader", "governor", "senator", "ambassador", "envoy", "general",
    "chairman", "spokesman", "prince", "emperor", "mayor", "commissioner", "attorney",
    "monarch", "sultan", "emir",
}  # fmt: skip
# Titles that stand for a bearer of another: "the monarch" for King Hussein, "the FBI chief"
# for FBI Director Louis Freeh.
TITLE_SYNONYMS = {
    "monarch": ("king", "queen", "emperor", "sultan", "emir"),
    "chief": ("director", "chairman", "commissioner", "head"),
    "premier": ("minister",),
}
SUBJECT_ROLES = ("nsubj", "nsubjpass")


def subject_heads(predicate: Token) -> list[Token]:
    """The words whose subject is the predicate's: itself, the verb it is the object of or
    says what the subject does ("held talks", "was on a visit"; not "talked about the visit"),
    the verbs it is the complement of ("he is expected to meet": expected), the verb it is joined
    to without a subject of its own ("arrived and met Blair": arrived), and the verb an
    adverbial clause without a subject of its own modifies ("After touring Dar es Salaam, the
    FBI chief said": said)."""
    verb = governing_verb(predicate)
    heads = [predicate, verb] if verb is not None and _states(predicate, verb) else [predicate]
    for _ in range(4):
        head = heads[-1]
        if head.head == head:
            break
        if head.dep_ == "xcomp":
            heads.append(head.head)  # "he is expected to meet"
        elif (
            head.dep_ == "conj"
            and head.pos_ == "VERB"
            and head.head.pos_ == "VERB"
            and not any(c.dep_ in SUBJECT_ROLES for c in head.children)
        ):
            heads.append(head.head)  # "he arrived Monday and met Blair"
        elif head.tag_ == "VBG" and not any(c.dep_ in SUBJECT_ROLES for c in head.children):
            if head.dep_ == "advcl" and head.head.pos_ in ("VERB", "AUX"):
                heads.append(head.head)  # "arriving in Kenya, she said"
            elif head.dep_ == "pcomp" and head.head.dep_ == "prep":
                heads.append(head.head.head)  # "after touring Dar es Salaam, he said"
            else:
                break
        else:
            break
    return list(dict.fromkeys(heads))


def _stand_ins(predicate: Token) -> list[Token]:
    """Words that stand for a party of the predicate: "he" or "she" as the subject of the
    predicate or of the verb that governs it ("he arrived in Philadelphia"), and "the president"
    as its subject or as the object of its "with" ("met with the minister")."""
    found = []
    for head in subject_heads(predicate):
        for child in head.children:
            if child.dep_ in SUBJECT_ROLES and (
                child.lower_ in PERSONAL_PRONOUNS or _is_title(child)
            ):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "with":
                found += [o for o in child.children if o.dep_ == "pobj" and _is_title(o)]
    return found


def _is_title(token: Token) -> bool:
    """ "the president", "the Soviet leader": a title with a definite article, not a name."""
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.lemma_.lower() in TITLES
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def titled_people(doc: Doc, people: Sequence[Mention]) -> dict[str, dict[str, Mention]]:
    """Which people of an article bear each title, with a mention of each: a title that modifies
    a person's name ("President George Bush", "Iraqi deputy prime minister Tariq Aziz", "FBI
    Director Louis Freeh") or that the name stands in apposition to ("Sununu, the chief of
    staff"); not one that modifies something else ("the president's chief of staff"). A title
    that the parse attaches to the name is one however far before it ("Director of the U.S.
    Federal Bureau of Investigation (FBI) Louis Freeh")."""
    titled: dict[str, dict[str, Mention]] = defaultdict(dict)
    for mention in people:
        span = _span_of(doc, mention)
        if span is None:
            continue
        near = doc[max(span.sent.start, span.start - 4) : span.start]
        before = [*near, *(t for t in span.root.lefts if t.i < near.start)]
        apposed = [span.root.head] if span.root.dep_ == "appos" else []
        for token in before + apposed:
            modifies_name = token in apposed or token.head in span
            if modifies_name and token.lemma_.lower() in TITLES:
                titled[token.lemma_.lower()].setdefault(mention.local_name, mention)
    return titled


def _antecedent(
    stand_in: Token,
    named: Sequence[Mention],
    earlier_person: Mention | None,
    titled: Mapping[str, Mapping[str, Mention]],
) -> Mention | None:
    """Whom a pronoun or a title stands for, where that is unambiguous; else nobody."""
    if stand_in.lower_ in PERSONAL_PRONOUNS:
        before = [m for m in named if m.start_char < stand_in.idx]
        if len({m.local_name for m in before}) == 1:
            return before[-1]  # "Clinton said he would meet Blair"
        return earlier_person if not before else None  # "Annan left. He will meet Aziz."
    title = stand_in.lemma_.lower()
    bearers: dict[str, Mention] = {}
    for name in (title, *TITLE_SYNONYMS.get(title, ())):
        bearers |= titled.get(name, {})
    return next(iter(bearers.values())) if len(bearers) == 1 else None


def _closest_date(timexes: Sequence[Timex], predicate: Token) -> Timex | None:
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
        and not _in_another_clause_at(doc, t, predicate)
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
    span = _span_of(doc, timex)
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
    before = _span_of(doc, timex)
    return before is not None and before.start > 0 and doc[before.start - 1].lower_ == "since"


def sentence_predicates(sentence: Span) -> list[tuple[Token, str]]:
    """The words of a sentence that name an event, with its type: the most telling type first
    (a call, then a meeting, talks, a visit), then in the order of the text."""
    found = [(t, kind) for t in sentence if (kind := event_type_of(t))]
    return sorted(found, key=lambda p: (TYPE_PRIORITY[p[1]], p[0].i))


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
    date = _closest_date(timexes, predicate)
    status = status_of(predicate, date.start_date if date else None, published)
    if status is None:  # denied, hypothetical or only wished for: no event
        return []
    doc = sentence.doc
    places = _places(doc, mentions, predicate)
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
    for stand_in in _stand_ins(predicate):
        antecedent = _antecedent(stand_in, named, earlier_person, titled or {})
        if antecedent is not None and antecedent.local_name not in {m.local_name for m in people}:
            people.append(antecedent)
    participants = people
    if len({m.local_name for m in people}) < 2:
        location_names = {m.local_name for _, m in locations}
        states = [
            m for m in mentions
            if _may_be_a_party(doc, m) and m.local_name not in person_names
            and m.local_name not in location_names and _takes_part(doc, m, predicate)
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


def _places(doc: Doc, mentions: Sequence[Mention], predicate: Token) -> list[tuple[int, Mention]]:
    """The sentence's places of the predicate's event with their priority (``_place_priority``),
    in the order of the text, one per name: each of a conjunction ("Britain, France and Italy"),
    and of a place named with the state or region it is in ("Dar es Salaam, Tanzania"), that
    state or region, the place the gold annotations of wire news give (and whose name the
    events of one country's places share); "the Kenyan capital" is Kenya."""
    at_token = {}
    for mention in mentions:
        span = _span_of(doc, mention)
        if span is None:
            continue
        if mention.label in PLACE_LABELS:
            at_token[span.root.i] = (span, mention)
        elif _names_a_state_place(mention, span):  # "toured the Tanzanian capital"
            place_noun = span.root.head
            at_token[place_noun.i] = (doc[place_noun.i : place_noun.i + 1], mention)
    places: dict[str, tuple[int, Mention]] = {}
    for span, _ in at_token.values():
        if not (priority := _place_priority(span, predicate)):
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
    # The person the last sentence that named any is about: its one subject, else its one person
    # (not one it only says its subject is: ``_predicative``).
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
        earlier_person = _person_it_is_about(doc, sentence, named, earlier_person)
        reported = []
        for event, predicate in events:
            if (
                dateline is not None
                and _reported_from_there(event, published)
                and _someone_does_it(doc, predicate, event, mention_at)
            ):
                event = replace(
                    event, location_start=dateline.start_char, location_priority=DATELINE_PRIORITY
                )
            names = {name_at[start] for start in event.participant_starts}
            place = event.location_start if event.event_type == "visit" else None
            if (len(names) >= 2 or _travels_to_a_place(event, names, mention_at)) and all(
                (names, place) != seen for seen in reported
            ):
                reported.append((names, place))
                found.append(event)
        if events and not reported:
            _date_referred_back(found, events[0], index)
    return found


def _person_it_is_about(
    doc: Doc, sentence: Span, named: list[Mention], earlier: Mention | None
) -> Mention | None:
    """The person a sentence is about, for the sentences after it: its one subject, else its one
    person (not one it only says its subject is: ``_predicative``); "She ... will meet with
    President Moi. Then she toured the damage": a sentence about "she" keeps her who she was,
    whoever else it names."""
    if not named or _about_a_pronoun(sentence):
        return earlier
    subjects = [m for m in named if _is_subject(doc, m)]
    return next(
        (
            group[-1]
            for group in (subjects, [m for m in named if not _predicative(doc, m)])
            if len({m.local_name for m in group}) == 1
        ),
        None,
    )


def _date_referred_back(
    found: list[EventMention], event_and_predicate: tuple[EventMention, Token], index: int
) -> None:
    """ "This meeting took place on December 12": a sentence that only dates the previous,
    undated mention (two sentences back at most) gives it its date, in place."""
    event, predicate = event_and_predicate
    if (
        found
        and _refers_back(predicate)
        and found[-1].date_value == "XXXX-XX-XX"
        and event.date_value != "XXXX-XX-XX"
        and index - found[-1].sentence_index <= 2
    ):
        found[-1] = replace(
            found[-1], date_value=event.date_value, date_start=event.date_start,
            date_end=event.date_end,
        )  # fmt: skip


DATELINE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
# The location priority of a place that only the dateline gives.
DATELINE_PRIORITY = 0
# How far from its story's day an event may be to have happened where the story is filed.
DATELINE_DAYS = 7


def dateline_end(text: str) -> int:
    """Where the dateline at the head of a story ends (0 without one): the names before it are
    where the story is filed from, not who takes part ("NAIROBI, Kenya (AP) _ U.S. Ambassador
    Prudence Bushnell wrapped up ...": the model reads NAIROBI as a subject)."""
    match = PLACE_DATELINE.match(text, len(text) - len(text.lstrip()))
    return match.end() if match else 0


def dateline_place(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """The place a story is filed from, where its dateline names one: as for "Dar es Salaam,
    Tanzania" in a sentence, the state or region where it gives one ("BAGHDAD, Iraq"). Whatever
    label the model gave it (it reads "MOSCOW (AP)" as an organisation), it is a place."""
    end = dateline_end(text)
    named = [m for m in mentions if m.start_char < end and m.label in DATELINE_LABELS]
    return named[-1] if named else None


def _reported_from_there(event: EventMention, published: dt.date | None) -> bool:
    """An event with no place of its own, done or under way around the story's day, happened
    where the story is filed ("Kuchma's four-day state visit" in a story from Moscow)."""
    if event.location_start is not None or event.status == "scheduled":
        return False
    if event.date_start is None:
        return True
    return published is not None and abs((event.date_start - published).days) <= DATELINE_DAYS


def _someone_does_it(
    doc: Doc, predicate: Token, event: EventMention, mention_at: Mapping[int, Mention]
) -> bool:
    """The predicate has a party by a ``PARTY_ROLES`` rule or a stand-in ("he", "the
    minister"), not only a person its sentence names: "the boy has been wooed with theme-park
    visits" is no visit of the boy's to where the story is filed."""
    return bool(_stand_ins(predicate)) or any(
        _takes_part(doc, mention_at[start], predicate) for start in event.participant_starts
    )


def _about_a_pronoun(sentence: Span) -> bool:
    return any(
        c.dep_ in SUBJECT_ROLES and c.lower_ in PERSONAL_PRONOUNS for c in sentence.root.children
    )


def _predicative(doc: Doc, mention: Mention) -> bool:
    """ "One of his fellow pupils was Vladimir Putin": the sentence says who its subject is, and
    is about the subject, not the person it names."""
    token = _conjunction_head(doc, mention)
    return token is not None and token.dep_ == "attr"


def _is_subject(doc: Doc, mention: Mention) -> bool:
    """The mention is a subject of its clause, alone or in a conjunction ("Annan and
    Richardson left": both are, so neither is *the* subject)."""
    token = _conjunction_head(doc, mention)
    return token is not None and token.dep_ in SUBJECT_ROLES


def _travels_to_a_place(
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


def _refers_back(predicate: Token) -> bool:
    return predicate.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in REFERRING_DETERMINERS for c in predicate.children
    )


# --- across the corpus --------------------------------------------------------------------------


@dataclass
class ResolvedMention:
    """An event mention with participants and place as canonical entity ids."""

    article_id: str
    sentence_index: int
    event_type: str
    participants: tuple[str, ...]
    location: str | None
    location_priority: int
    date_value: str
    date_start: dt.date | None
    date_end: dt.date | None
    evidence: str
    status: str
    # Its date was resolved against an inferred publication date (newsline.dating).
    date_inferred: bool = False


@dataclass
class Event:
    event_id: str
    event_type: str
    participants: list[str]
    status: str
    location: str | None
    date_value: str
    date_start: dt.date | None
    date_end: dt.date | None
    article_ids: list[str]
    n_sources: int
    sources: list[str]
    evidence: list[str]
    date_conflict: bool
    date_inferred: bool = False


@dataclass(frozen=True)
class Provenance:
    """Where an article comes from: its duplicate cluster and that cluster's canonical article
    (``duplicates``), and its outlet where known (``articles.source``)."""

    cluster_id: str
    canonical_id: str
    outlet: str | None


def independent_sources(
    article_ids: Sequence[str], provenance: Mapping[str, Provenance]
) -> list[str]:
    """The independent sources among ``article_ids``: one article per duplicate cluster (the
    canonical one where it is among them, else the first), each named by its outlet where that
    is known and by its id where not, so that two copies of one story, or two stories of one
    outlet, count once."""

    def known(article_id: str) -> Provenance:
        return provenance.get(article_id, Provenance(article_id, article_id, None))

    by_cluster: dict[str, list[str]] = defaultdict(list)
    for article_id in sorted(article_ids):
        by_cluster[known(article_id).cluster_id].append(article_id)
    sources = set()
    for members in by_cluster.values():
        canonical = known(members[0]).canonical_id
        representative = canonical if canonical in members else members[0]
        sources.add(known(representative).outlet or representative)
    return sorted(sources)


def _dates_agree(a: ResolvedMention, b: ResolvedMention) -> tuple[bool, bool]:
    """(same event, by a conflicting date) for two dated mentions of the same participants."""
    assert a.date_start and a.date_end and b.date_start and b.date_end
    if a.date_start <= b.date_end and b.date_start <= a.date_end:
        return True, False
    one_day_apart = (
        a.date_start == a.date_end and b.date_start == b.date_end
        and abs((a.date_start - b.date_start).days) == 1 and a.article_id != b.article_id
    )  # fmt: skip
    return one_day_apart, one_day_apart


def dated_by_other_sources(
    mentions: Sequence[ResolvedMention], intervals: Mapping[str, tuple[dt.date, dt.date]]
) -> list[ResolvedMention]:
    """The mentions, each undated one of an article whose publication date is inferred (its
    interval in ``intervals``) dated by the one date other sources give the same event: an
    event of its kind, whose parties (participants and place) are all among its own or its own
    all among theirs, dated within the article's interval ("began a state visit to China on
    Thursday" in a story published in May 2024 or later, where a dated story reports Putin's
    visit to China in May 2024). The date is marked inferred; where other sources give no such
    date, or two different ones, the mention stays undated."""
    dated = [m for m in mentions if m.date_start is not None and not m.date_inferred]
    found = []
    for m in mentions:
        interval = intervals.get(m.article_id)
        if m.date_start is not None or interval is None:
            found.append(m)
            continue
        own = {*m.participants, *([m.location] if m.location else [])}
        candidates = {
            (o.date_value, o.date_start, o.date_end)
            for o in dated
            if o.article_id != m.article_id
            and o.event_type == m.event_type
            and (theirs := {*o.participants, *([o.location] if o.location else [])})
            and (theirs <= own or own <= theirs)
            and o.date_start <= interval[1]
            and interval[0] <= (o.date_end or o.date_start)
        }
        if len(candidates) == 1:
            value, start, end = candidates.pop()
            m = replace(m, date_value=value, date_start=start, date_end=end, date_inferred=True)
        found.append(m)
    return found


def parties(mention: ResolvedMention) -> tuple[str, ...]:
    """Who (and, for one party travelling, where) an event is of: its participants, or its one
    participant and the place it visits, so that two places visited on one day are two
    events."""
    if len(mention.participants) > 1 or mention.location is None:
        return mention.participants
    return (*mention.participants, f"to {mention.location}")


def _join_one_party_visits(by_parties: dict[tuple[str, ...], list[ResolvedMention]]) -> None:
    """A one-party visit ("Putin's visit to China") joins the mentions of more parties that
    include its party and report a visit (Putin and Xi, in China; not talks held there, their
    own event), where there is one such group, if it is that group's visit (``_one_visit``).
    An undated visit to Russia in one article is not the visit to Russia another article
    dates. Each joins by the group's own mentions, not by another one-party visit that joined
    it first (Putin's visit to China does not take Xi's to Russia along)."""
    own = {key: list(group) for key, group in by_parties.items()}
    for key in [k for k in by_parties if k[-1].startswith("to ")]:
        visitor = by_parties[key][0].participants[0]
        hosts = [
            other
            for other, group in own.items()
            if len(other) > 1
            and not other[-1].startswith("to ")
            and visitor in other
            and any(m.event_type == "visit" for m in group)
        ]
        if len(hosts) != 1:
            continue
        visits = [m for m in own[hosts[0]] if m.event_type == "visit"]
        joining = [m for m in by_parties[key] if any(_one_visit(m, o) for o in visits)]
        # The same article's undated mentions of that one-party visit go where its dated went.
        joining += [
            m
            for m in by_parties[key]
            if m not in joining
            and m.date_start is None
            and any(j.article_id == m.article_id for j in joining)
        ]
        by_parties[hosts[0]].extend(joining)
        by_parties[key] = [m for m in by_parties[key] if m not in joining]
        if not by_parties[key]:
            del by_parties[key]


def _one_visit(alone: ResolvedMention, hosted: ResolvedMention) -> bool:
    """Two mentions of one visit: in one article ("Xi's visit to Russia", "Xi, after arriving
    in Moscow"), or to one place at agreeing dates."""
    if alone.article_id == hosted.article_id:
        return True
    return (
        alone.location == hosted.location
        and alone.date_start is not None
        and hosted.date_start is not None
        and _dates_agree(alone, hosted)[0]
    )


def cluster_mentions(
    mentions: Sequence[ResolvedMention], provenance: Mapping[str, Provenance]
) -> list[Event]:
    by_parties: dict[tuple[str, ...], list[ResolvedMention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.article_id, m.sentence_index)):
        by_parties[parties(m)].append(m)
    _join_one_party_visits(by_parties)
    events: list[Event] = []
    for key, group in sorted(by_parties.items()):
        participants = max((m.participants for m in group), key=len)
        group.sort(key=lambda m: (m.article_id, m.sentence_index))
        dated = [m for m in group if m.date_start is not None]
        undated = [m for m in group if m.date_start is None]
        clusters: list[list[ResolvedMention]] = []
        conflicts: list[bool] = []
        for m in sorted(dated, key=lambda m: (m.date_start, m.article_id, m.sentence_index)):
            for index, members in enumerate(clusters):
                verdicts = [_dates_agree(m, other) for other in members]
                if any(same for same, _ in verdicts):
                    members.append(m)
                    conflicts[index] = conflicts[index] or any(c for s, c in verdicts if s)
                    break
            else:
                clusters.append([m])
                conflicts.append(False)
        undated_by_article: dict[str, list[ResolvedMention]] = defaultdict(list)
        for m in undated:
            own = [
                i
                for i, members in enumerate(clusters)
                if any(o.article_id == m.article_id for o in members)
            ]
            if len(own) == 1:
                clusters[own[0]].append(m)
            else:
                undated_by_article[m.article_id].append(m)
        for article_mentions in undated_by_article.values():
            clusters.append(article_mentions)
            conflicts.append(False)
        for members, conflict in zip(clusters, conflicts, strict=True):
            events.append(_event(key, participants, members, conflict, provenance))
    return _unique_ids(sorted(events, key=lambda e: e.event_id))


def _event(
    key: tuple[str, ...], participants: tuple[str, ...], members: list[ResolvedMention],
    conflict: bool, provenance: Mapping[str, Provenance],
) -> Event:  # fmt: skip
    # What the parties did together decides the type; one party's travel to the place where it
    # happened adds its place and its source, not its type.
    together = [m for m in members if len(m.participants) > 1] or members
    types = {m.event_type for m in together}
    event_type = next(t for t in EVENT_TYPE_PRECEDENCE if t in types)
    # A visit is where the visit goes ("a state visit to China"), whatever hall its talks are
    # held in; any event is where the mentions of its own type place it, else where any does:
    # the place most plainly its own ("met in Beijing" over a dateline), and for a visit the
    # one most of them name ("a state visit to China", "Putin's visit to China" over "Putin,
    # who arrived in Beijing"), a tie to the place most plainly its own.
    placing = [m for m in members if m.location and m.event_type == event_type] or members
    places = Counter(m.location for m in placing if m.location)
    best_priority = {
        p: max(m.location_priority for m in placing if m.location == p) for p in places
    }
    order = (
        (lambda p: (-places[p], -best_priority[p], p))
        if event_type == "visit"
        else (lambda p: (-best_priority[p], -places[p], p))
    )
    location = min(places, key=order) if places else None
    dated = [m for m in members if m.date_start is not None]
    if dated:
        narrowest = min((m.date_end - m.date_start).days for m in dated)  # type: ignore[operator]
        # One sentence, one vote, however many of its predicates name the event.
        candidates = Counter(
            value for value, _ in {
                ((m.date_value, m.date_start, m.date_end), (m.article_id, m.sentence_index))
                for m in dated
                if (m.date_end - m.date_start).days == narrowest  # type: ignore[operator]
            }
        )  # fmt: skip
        date_value, date_start, date_end = min(candidates, key=lambda c: (-candidates[c], c[0]))
        # Only an inferred publication date gave it: no source with a known date does.
        date_inferred = all(
            m.date_inferred for m in dated if (m.date_value, m.date_start, m.date_end) in candidates
        )
    else:
        values = Counter(
            v for v, _ in {(m.date_value, (m.article_id, m.sentence_index)) for m in members}
        )
        # The least unknown, the most often given, the most specific (a weekday beats its week).
        date_value = min(values, key=lambda v: (v.count("X"), -values[v], -len(v), v))
        date_start = date_end = None
        date_inferred = False
    article_ids = sorted({m.article_id for m in members})
    sources = independent_sources(article_ids, provenance)
    first_article = article_ids[0]
    identity = "|".join([*key, date_value if dated else f"undated:{first_article}"])
    return Event(
        event_id="ev:" + hashlib.sha256(identity.encode()).hexdigest()[:16],
        event_type=event_type,
        participants=list(participants),
        # What any source reports as done is done; else under way; else planned.
        status=next(s for s in STATUS_PRECEDENCE if s in {m.status for m in members}),
        location=location,
        date_value=date_value,
        date_start=date_start,
        date_end=date_end,
        article_ids=article_ids,
        n_sources=len(sources),
        sources=sources,
        evidence=[
            m.evidence for m in sorted(members, key=lambda m: (m.article_id, m.sentence_index))
        ],
        date_conflict=conflict,
        date_inferred=date_inferred,
    )


def _unique_ids(events: list[Event]) -> list[Event]:
    """Two events can share an identity only by coincidence of their first article; suffix them."""
    seen: Counter[str] = Counter()
    for event in events:
        seen[event.event_id] += 1
        if seen[event.event_id] > 1:
            event.event_id = f"{event.event_id}-{seen[event.event_id]}"
    return events
