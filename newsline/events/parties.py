"""Who takes part in the event a predicate names: ``PARTY_ROLES`` (how a name takes part) and
``NOT_A_PARTY`` (why a name the sentence holds does not), and whom "he", "she" and "the
president" stand for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from newsline.entities import Mention
from newsline.events.records import EventMention
from newsline.events.syntax import (
    PERSONAL_POSSESSIVES,
    PERSONAL_PRONOUNS,
    SUBJECT_ROLES,
    TITLES,
    conjunction_head,
    does_what_it_names,
    is_title,
    role_word,
    span_of,
    stands_for_a_party,
    subject_heads,
)
from newsline.events.triggers import event_type_of, sentence_predicates, visit_verb
from newsline.gazetteer import demonym_code, fold, state_code
from newsline.nlp import governing_verb
from newsline.timex.finding import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# What besides people can be a party, where it is the predicate's subject or object or comes
# after its "with"/"between": states, and organisations ("OPEC held talks with Iraq").
PARTY_LABELS = {"GPE", "ORG"}


# Who says something about an event is not one of its participants ("Lavrov said ... Putin's
# visit to China will reinforce this trend").
REPORTING_VERBS = {"say", "tell", "add", "claim", "note", "report", "announce", "state",
                   "write", "warn", "stress", "confirm", "believe", "expect"}  # fmt: skip


def names_a_state(mention: Mention) -> bool:
    """ "Japan", "the United States", "U.S.": a name of a state (``gazetteer.state_code``)."""
    folded = fold(mention.local_name)
    return state_code(folded.removeprefix("the ")) is not None


def may_be_a_party(doc: Doc, mention: Mention) -> bool:
    """A state or organisation, or a nationality that names a state ("Iraqi diplomats", "the
    Soviets"), but not one in the bare plural: "Americans exercise caution when visiting
    Kenya" are its people at large, not the state. A place that is no state (a city, a
    province) is where, not who: "negotiators have shuttled between Tehran and Paris"."""
    if mention.label in PARTY_LABELS:
        return mention.label != "GPE" or names_a_state(mention)
    if mention.label != "NORP" or demonym_code(fold(mention.name)) is None:
        return False
    span = span_of(doc, mention)
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
        and token.head in (predicate, counterpart_verb(predicate, verb))
        and not (token.head == predicate and visit_verb(predicate))
    )


def _with_or_between(token: Token, predicate: Token, verb: Token | None) -> bool:
    """ "talks with Russia", "a meeting between China and Russia", "discussed a buyout with
    Borg-Warner"; not whom a visitor meets
    ("meet with President Moi in a five-hour visit": Moi is no visitor)."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ in ("with", "between")
        and (
            preposition.head in (predicate, counterpart_verb(predicate, verb))
            or _what_is_discussed(preposition.head, predicate)
        )
    )


def _what_is_discussed(word: Token, predicate: Token) -> bool:
    """ "discussed a possible buyout with Borg-Warner": the parse hangs the counterpart on
    the object of a verb of talks."""
    return (
        word.dep_ == "dobj"
        and word.head == predicate
        and predicate.pos_ == "VERB"
        and event_type_of(predicate) == "talks"
    )


def _caller_or_called(token: Token, predicate: Token, verb: Token | None) -> bool:
    """ "in a telephone call March five from Sir Peter Walters", "a call to Putin"."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ in ("from", "to")
        and preposition.head == predicate
        and event_type_of(predicate) == "call"
    )


def _the_body_that_meets(token: Token, predicate: Token, verb: Token | None) -> bool:
    """ "the annual meeting of the Inter-American Development Bank", "a meeting here of EC
    agriculture ministers": the body whose meeting it is (an event only where someone else
    named takes part: one party is no event)."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ == "of"
        and preposition.head == predicate
        and event_type_of(predicate) == "meeting"
        and predicate.pos_ == "NOUN"
    )


def counterpart_verb(predicate: Token, verb: Token | None) -> Token | None:
    """The verb whose object or "with" is a party of the predicate's event: a visit's verb
    has the visitor as its subject and the visited as its object."""
    return None if event_type_of(predicate) == "visit" else verb


PartyRule = Callable[["Token", "Token", "Token | None"], bool]


# How a name takes part in the event a predicate names: the word that tells its role
# (``role_word``: the name, the head of its conjunction, or the party noun it modifies) is, to
# the predicate or the verb whose subject does what the predicate names
# (``does_what_it_names``), one of these. The first that holds names the rule.
PARTY_ROLES: tuple[tuple[str, PartyRule], ...] = (
    ("possessor", _possessor),
    ("subject", _subject),
    ("object", _object),
    ("with or between", _with_or_between),
    ("caller or called", _caller_or_called),
    ("the body that meets", _the_body_that_meets),
)


def party_role(doc: Doc, mention: Mention, predicate: Token) -> str | None:
    """The ``PARTY_ROLES`` rule by which the mention takes part in the predicate's event, itself
    or by its people ("talks with Iraqi diplomats"), or None."""
    token = role_word(doc, mention)
    return None if token is None else word_role(token, predicate)


def word_role(token: Token, predicate: Token) -> str | None:
    """The ``PARTY_ROLES`` rule by which the word that tells a role takes part, or None."""
    # A predicate joined to a clause by "and" is not that clause's object: in "Russia and China
    # play a role, and Putin's visit ...", Russia and China are not the visit's participants.
    # Nor is the subject of a verb that governs a noun predicate from afar ("Cuba kept up its
    # condemnation of the handling of the meeting"): only the verb whose object or subject the
    # noun is ("held talks"), or that it says the subject is doing ("was on a visit"), shares
    # its parties.
    verb = predicate if predicate.dep_ == "conj" else governing_verb(predicate)
    if verb is not None and verb != predicate and not does_what_it_names(predicate, verb):
        verb = None
    return next((name for name, rule in PARTY_ROLES if rule(token, predicate, verb)), None)


def takes_part(doc: Doc, mention: Mention, predicate: Token) -> bool:
    return party_role(doc, mention, predicate) is not None


def _possessor_of_another(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """ "met with Lazaro Gonzalez's lawyer": the possessor of the predicate's object is not a
    party; the possessor of the event itself is ("Putin's visit"), and so is one elsewhere in
    the sentence ("Bush's chief objective in his meeting with Hussein")."""
    span = span_of(doc, mention)
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
    return in_another_clause_at(doc, mention, predicate)


def in_another_clause_at(doc: Doc, item: Mention | Timex, predicate: Token) -> bool:
    span = span_of(doc, item)
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
    """After at, in, on, from ...; not a call's caller ("a telephone call from Walters")."""
    token = role_word(doc, mention)
    return (
        token is not None
        and token.dep_ == "pobj"
        and token.head.lower_ in PLACE_SLOTS
        and not _caller_or_called(token, predicate, None)
    )


def _agent_of_another(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """ "statements made by Lawrence Wechsler ... about a meeting with the president": who does
    something else ("by" a verb that is neither the predicate, nor one whose subject does what
    the predicate names, nor describes it) is not a party; "a meeting hosted by Xi" and "was
    received by Xi for talks" keep Xi."""
    token = role_word(doc, mention)
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
        and not takes_part(doc, mention, predicate)
        and any(takes_part(doc, mention, other) for other in others)
    )


def _reports_on(doc: Doc, mention: Mention, predicate: Token) -> bool:
    """The mention is the subject of a reporting verb whose reported clause holds the
    predicate."""
    span = span_of(doc, mention)
    if span is None:
        return False
    token = span.root
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() not in REPORTING_VERBS or verb == predicate:
        return False
    # What is said holds the predicate ("said Putin's visit will ..."); a clause that only
    # frames the saying does not ("After meeting Xi, Putin said ...": Putin met Xi).
    clause = next((t for t in predicate.ancestors if t.head == verb), None)
    return (
        clause is not None
        and clause.dep_ in REPORTED_CLAUSES
        and not _its_own_participle(clause, predicate)
    )


def _its_own_participle(clause: Token, predicate: Token) -> bool:
    """ "Speaking to reporters at the annual meeting of the bank, Nogales said": a participle
    without a subject of its own, whose subject does what the predicate names, is the speaker's
    own doing, not what is said ("Speaking to a meeting of the association, Chirac said" is a
    speech to it)."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBG"
        and not any(c.dep_ in SUBJECT_ROLES for c in clause.children)
        and does_what_it_names(predicate, clause)
    )


NotAParty = Callable[["Doc", Mention, "Token"], bool]


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


# Titles that stand for a bearer of another: "the monarch" for King Hussein, "the FBI chief"
# for FBI Director Louis Freeh.
TITLE_SYNONYMS = {
    "monarch": ("king", "queen", "emperor", "sultan", "emir"),
    "chief": ("director", "chairman", "commissioner", "head"),
    "premier": ("minister",),
}


def stand_ins(predicate: Token) -> list[Token]:
    """Words that stand for a party of the predicate: "he" or "she" as the subject of the
    predicate or of the verb that governs it ("he arrived in Philadelphia"), and "the president"
    as its subject or as the object of its "with" ("met with the minister"), and "his" or "her"
    as its possessor ("during his visit"; not ``_with_people_by_kind``)."""
    found = []
    for head in subject_heads(predicate):
        for child in head.children:
            if child.dep_ in SUBJECT_ROLES and (
                child.lower_ in PERSONAL_PRONOUNS or is_title(child)
            ):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "with":
                found += [o for o in child.children if o.dep_ == "pobj" and is_title(o)]
    if not _with_people_by_kind(predicate):
        found += [
            c for c in predicate.children if c.dep_ == "poss" and c.lower_ in PERSONAL_POSSESSIVES
        ]
    return found


def _with_people_by_kind(predicate: Token) -> bool:
    """ "his meeting with Russian officials": a counterpart named only by kind, which re-tells a
    meeting the story names by its parties (seed 004: Xi's with Medvedev); "his annual meeting
    ... with Prime Minister Brian Mulroney" names its counterpart."""
    return any(
        c.dep_ == "prep" and c.lower_ == "with"
        and any(o.dep_ == "pobj" and stands_for_a_party(o) for o in c.children)
        for c in predicate.children
    )  # fmt: skip


def titled_people(doc: Doc, people: Sequence[Mention]) -> dict[str, dict[str, Mention]]:
    """Which people of an article bear each title, with a mention of each: a title that modifies
    a person's name ("President George Bush", "Iraqi deputy prime minister Tariq Aziz", "FBI
    Director Louis Freeh") or that the name stands in apposition to ("Sununu, the chief of
    staff"); not one that modifies something else ("the president's chief of staff"). A title
    that the parse attaches to the name is one however far before it ("Director of the U.S.
    Federal Bureau of Investigation (FBI) Louis Freeh")."""
    titled: dict[str, dict[str, Mention]] = defaultdict(dict)
    for mention in people:
        span = span_of(doc, mention)
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


def whom_it_stands_for(
    stand_in: Token,
    named: Sequence[Mention],
    earlier_person: Mention | None,
    titled: Mapping[str, Mapping[str, Mention]],
) -> Mention | None:
    """Whom a pronoun or a title stands for, where that is unambiguous; else nobody."""
    if stand_in.lower_ in PERSONAL_PRONOUNS | PERSONAL_POSSESSIVES:
        before = [m for m in named if m.start_char < stand_in.idx]
        if stand_in.dep_ == "poss":
            # "Knox is to hold talks with Paz during his visit": the subject, Knox; "At the end
            # of his Middle East trip, Mr Blair said": the subject after it; never a name that
            # is no subject ("the Pakistani president met Tony Blair, on his first visit").
            subjects = [m for m in named if is_subject(stand_in.doc, m)]
            if subjects or before:
                return subjects[-1] if len({m.local_name for m in subjects}) == 1 else None
        if len({m.local_name for m in before}) == 1:
            return before[-1]  # "Clinton said he would meet Blair"
        return earlier_person if not before else None  # "Annan left. He will meet Aziz."
    title = stand_in.lemma_.lower()
    bearers: dict[str, Mention] = {}
    for name in (title, *TITLE_SYNONYMS.get(title, ())):
        bearers |= titled.get(name, {})
    return next(iter(bearers.values())) if len(bearers) == 1 else None


def person_it_is_about(
    doc: Doc, sentence: Span, named: list[Mention], earlier: Mention | None
) -> Mention | None:
    """The person a sentence is about, for the sentences after it: its one subject, else its one
    person (not one it only says its subject is: ``predicative``); "She ... will meet with
    President Moi. Then she toured the damage": a sentence about "she" keeps her who she was,
    whoever else it names."""
    if not named or about_a_pronoun(sentence):
        return earlier
    subjects = [m for m in named if is_subject(doc, m)]
    return next(
        (
            group[-1]
            for group in (subjects, [m for m in named if not predicative(doc, m)])
            if len({m.local_name for m in group}) == 1
        ),
        None,
    )


def someone_does_it(
    doc: Doc, predicate: Token, event: EventMention, mention_at: Mapping[int, Mention]
) -> bool:
    """The predicate has a party by a ``PARTY_ROLES`` rule or a stand-in ("he", "the
    minister"), not only a person its sentence names: "the boy has been wooed with theme-park
    visits" is no visit of the boy's to where the story is filed."""
    return bool(stand_ins(predicate)) or any(
        takes_part(doc, mention_at[start], predicate) for start in event.participant_starts
    )


def about_a_pronoun(sentence: Span) -> bool:
    return any(
        c.dep_ in SUBJECT_ROLES and c.lower_ in PERSONAL_PRONOUNS for c in sentence.root.children
    )


def predicative(doc: Doc, mention: Mention) -> bool:
    """ "One of his fellow pupils was Vladimir Putin": the sentence says who its subject is, and
    is about the subject, not the person it names."""
    token = conjunction_head(doc, mention)
    return token is not None and token.dep_ == "attr"


def is_subject(doc: Doc, mention: Mention) -> bool:
    """The mention is a subject of its clause, alone or in a conjunction ("Annan and
    Richardson left": both are, so neither is *the* subject)."""
    token = conjunction_head(doc, mention)
    return token is not None and token.dep_ in SUBJECT_ROLES
