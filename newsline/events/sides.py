"""Sides named beyond the sentence: an event mention whose sentence names fewer than two parties
takes them from where the article names that occasion or its sides, by the first rule of
``SIDES_BEYOND_THE_SENTENCE`` that gives two. Never a guess: where the article does not say
who, plainly, there is no event.

- ``the two sides``: "settlement talks between the two companies", "negotiators for the two
  countries": the two parties of that kind the article names before the sentence: the only
  two, or the two named most often, each at least twice and more often than any third.
- ``the speaker's own``: "the group said that merger talks with Underwoods had been called
  off", "after the breakdown of talks on wages, the German Employees Union and the Banking Union
  said", "He said talks with Cable & Wireless will continue", "Merrill Lynch said its
  representatives discussed a buyout with Borg-Warner": talks of one named counterpart, told by
  a speaker who is the other side (named, "he"/"she" for the person the story is about, or
  "the company"/"the group" for the organisation the story opens with), or talks of none told
  by two speakers.
- ``the talks before``: "But talks were revived after GAF launched its proposal": talks with
  no party named are the article's last talks with two, a few sentences before.
- ``the short name``: "fresh talks with the Fund": a capitalised "the Fund" in a party's role
  is the one organisation of the article whose name ends so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from newsline.entities import Mention
from newsline.events.parties import (
    REPORTED_CLAUSES,
    REPORTING_VERBS,
    may_be_a_party,
    party_role,
    word_role,
)
from newsline.events.syntax import (
    PARTY_NOUN_PREPOSITIONS,
    PARTY_NOUNS,
    PERSONAL_PRONOUNS,
    SUBJECT_ROLES,
    noun_lemma,
    span_of,
)
from newsline.events.triggers import event_type_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Story:
    """What the rules read of the article besides the sentence: its parse, its mentions (after
    its dateline) and the people it names."""

    doc: Doc
    mentions: Sequence[Mention]
    person_names: frozenset[str]
    # The article's talks so far with two named parties or more: (sentence index, parties).
    talks: list[tuple[int, tuple[Mention, ...]]] = field(default_factory=list)

    def parties_before(self, sentence_index: int) -> list[Mention]:
        """The article's possible parties (people, states, organisations) before the sentence."""
        return [
            m for m in self.mentions
            if m.sentence_index < sentence_index and self.is_a_party(m)
        ]  # fmt: skip

    def is_a_party(self, mention: Mention) -> bool:
        return mention.local_name in self.person_names or may_be_a_party(self.doc, mention)

    @cached_property
    def sentence_at(self) -> dict[int, int]:
        """Each sentence's index by its first token (the sentence index of the mentions)."""
        return {sentence.start: index for index, sentence in enumerate(self.doc.sents)}

    def first_mention(self, local_name: str) -> Mention:
        return next(m for m in self.mentions if m.local_name == local_name)


# "the two companies": which kind of party each noun counts (ORG, or a state: GPE and NORP).
TWO_SIDES_NOUNS = {
    "company": "ORG", "firm": "ORG", "bank": "ORG", "union": "ORG", "group": "ORG",
    "department": "ORG", "agency": "ORG", "organization": "ORG", "organisation": "ORG",
    "country": "state", "nation": "state", "government": "state", "state": "state",
    "side": "any", "party": "any",
}  # fmt: skip
# What a speaker that is no name stands for: the organisation the story opens with.
STORY_SUBJECT_NOUNS = {"company", "group", "bank", "firm", "concern", "corporation"}
GROUP_POSSESSIVES = {"its", "their"}
# How far back the talks that bare "talks" continue may be told.
TALKS_BEFORE_SENTENCES = 3


def _kind_of(mention: Mention) -> str:
    return "ORG" if mention.label == "ORG" else "state" if mention.label in ("GPE", "NORP") else ""


def _the_two_sides(
    story: Story, predicate: Token, named: list[Mention], earlier: Mention | None
) -> list[Mention]:
    """ "talks between the two companies": the two parties of that kind the article names before
    the sentence: the only two, or the two it names most often, each twice or more and more
    often than any third."""
    noun = next((t for t in predicate.sent if _the_two(t) and _takes_part(t, predicate)), None)
    if noun is None or named:
        return []
    kind = TWO_SIDES_NOUNS[noun.lemma_.lower()]
    before = [
        m for m in story.parties_before(_sentence_index(story, predicate))
        if kind == "any" or _kind_of(m) == kind
    ]  # fmt: skip
    counts = Counter(m.local_name for m in before).most_common(3)
    plain = len(counts) == 2 or (
        len(counts) == 3 and counts[1][1] >= 2 and counts[2][1] < counts[1][1]
    )
    if not plain:
        return []
    return [story.first_mention(name) for name, _ in counts[:2]]


def _the_two(token: Token) -> bool:
    return (
        token.lemma_.lower() in TWO_SIDES_NOUNS
        and token.tag_ in ("NNS", "NNPS")
        and any(c.dep_ == "nummod" and c.lower_ == "two" for c in token.children)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def _takes_part(token: Token, predicate: Token) -> bool:
    """The word, or the party noun it is "for" or "of" ("negotiators for the two countries"),
    has a party role in the predicate's event."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in PARTY_NOUN_PREPOSITIONS and _party_noun(head.head):
        token = head.head
    return word_role(token, predicate) is not None


def _party_noun(token: Token) -> bool:
    return noun_lemma(token) in PARTY_NOUNS


def _sentence_index(story: Story, predicate: Token) -> int:
    return story.sentence_at[predicate.sent.start]


def _the_speakers_own(
    story: Story, predicate: Token, named: list[Mention], earlier: Mention | None
) -> list[Mention]:
    """Talks of one named counterpart ("with" it), told by the other side: "the group said that
    merger talks with Underwoods had been called off"; talks with no party named, told by both
    sides: "after the breakdown of talks on wages, the German Employees Union and the Banking
    Union said"."""
    if len({m.local_name for m in named}) > 1 or _talks_or_meeting(predicate) is None:
        return []
    if _quoted(predicate):
        return []
    speakers = _speakers(story, predicate, earlier)
    if not named:
        return speakers if len({m.local_name for m in speakers}) >= 2 else []
    counterpart = named[0]
    if party_role(story.doc, counterpart, predicate) != "with or between" or len(speakers) != 1:
        return []
    return [speakers[0], counterpart]


def _quoted(predicate: Token) -> bool:
    """ "'That is our approach in negotiations with the Soviets,' he said": a quotation speaks
    for the speaker's side in the first person, which names no party."""
    sentence = predicate.sent
    return any(t.is_quote for t in sentence if t.i < predicate.i)


def _the_talks_before(
    story: Story, predicate: Token, named: list[Mention], earlier: Mention | None
) -> list[Mention]:
    """ "But talks were revived after GAF launched its proposal, Merrill Lynch said": talks
    with no party named, told as the talks ("talks", "the negotiations", not "a meeting"), are
    those of the article's last talks with two named parties, at most
    ``TALKS_BEFORE_SENTENCES`` sentences before."""
    if named or event_type_of(predicate) != "talks" or predicate.pos_ != "NOUN":
        return []
    if predicate.dep_ == "compound":
        return []  # "the discussion agenda": a word about talks, not talks
    if any(
        (c.dep_ in ("det", "poss") and c.lower_ != "the") or c.dep_ == "amod"
        for c in predicate.children
    ):
        return []  # "a discussion", "its negotiations", "top level negotiations": another
    index = _sentence_index(story, predicate)
    for before in reversed(story.talks):
        if index - before[0] > TALKS_BEFORE_SENTENCES:
            break
        if before[0] < index:
            return list(before[1])
    return []


def _the_short_name(
    story: Story, predicate: Token, named: list[Mention], earlier: Mention | None
) -> list[Mention]:
    """ "Sudan is scheduled to hold fresh talks with the Fund": a capitalised "the Fund" or "the
    Bank" in a party's role is the one organisation of the article whose name ends so (the
    International Monetary Fund)."""
    for token in predicate.sent:
        if not (_short_name(token) and word_role(token, predicate)):
            continue
        meant = {
            m.local_name: m for m in story.mentions
            if m.label == "ORG" and m.local_name.split()[-1] == token.text
            and len(m.local_name.split()) > 1
        }  # fmt: skip
        if len(meant) == 1:
            return [*named, *meant.values()]
    return []


def _short_name(token: Token) -> bool:
    return (
        token.is_title
        and token.pos_ in ("PROPN", "NOUN")
        and not token.ent_type_
        and token.i > token.sent.start
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def _talks_or_meeting(predicate: Token) -> str | None:
    """Talks, a meeting or a call, not a visit."""
    kind = event_type_of(predicate)
    return kind if kind in ("talks", "meeting", "call") else None


def _speakers(story: Story, predicate: Token, earlier: Mention | None) -> list[Mention]:
    """Who says what holds the predicate, where the predicate has no subject of its own but
    "its representatives": named parties (one, or joined by "and"), "the company" for the
    story's first organisation, or "he" for the person the sentences before are about."""
    own = [c for c in predicate.children if c.dep_ in SUBJECT_ROLES]
    if any(not _theirs(c) for c in own) or any(c.dep_ == "poss" for c in predicate.children):
        return []
    verb = next(
        (
            t.head for t in (predicate, *predicate.ancestors)
            if t.dep_ in REPORTED_CLAUSES and t.head.lemma_.lower() in REPORTING_VERBS
        ),
        None,
    )  # fmt: skip
    subject = None if verb is None else next(
        (c for c in verb.children if c.dep_ == "nsubj"), None
    )  # fmt: skip
    if subject is None:
        return []
    if subject.lower_ in PERSONAL_PRONOUNS:  # the person the story is about
        return [earlier] if earlier is not None else []
    found = [_named_by(story, word) for word in (subject, *subject.conjuncts)]
    return [m for m in found if m is not None]


def _theirs(token: Token) -> bool:
    """ "its representatives": the speaker's own people."""
    return _party_noun(token) and any(
        c.dep_ == "poss" and c.lower_ in GROUP_POSSESSIVES for c in token.children
    )


def _named_by(story: Story, subject: Token) -> Mention | None:
    """The party a speaker's word names: a mention whose root it is, "the company" (the story's
    first organisation, where it is the subject of its sentence)."""
    for mention in story.mentions:
        span = span_of(story.doc, mention)
        if span is not None and span.root == subject and story.is_a_party(mention):
            return mention
    if subject.lemma_.lower() in STORY_SUBJECT_NOUNS and any(
        c.lower_ == "the" for c in subject.children
    ):
        return _story_subject(story)
    return None


def _story_subject(story: Story) -> Mention | None:
    """The organisation the story opens with, as the subject of its first sentence."""
    first = [m for m in story.mentions if m.sentence_index == min(
        (x.sentence_index for x in story.mentions), default=0)]  # fmt: skip
    for mention in first:
        span = span_of(story.doc, mention)
        if mention.label == "ORG" and span is not None and span.root.dep_ in SUBJECT_ROLES:
            return mention
    return None


SidesRule = Callable[[Story, "Token", list[Mention], "Mention | None"], list[Mention]]
# In order: the first rule that gives the sides of an event mention its sentence leaves with
# fewer than two parties.
SIDES_BEYOND_THE_SENTENCE: tuple[tuple[str, SidesRule], ...] = (
    ("the two sides", _the_two_sides),
    ("the speaker's own", _the_speakers_own),
    ("the talks before", _the_talks_before),
    ("the short name", _the_short_name),
)


def sides_beyond_the_sentence(
    story: Story, predicate: Token, named: list[Mention], earlier: Mention | None
) -> tuple[str, list[Mention]] | None:
    """The first ``SIDES_BEYOND_THE_SENTENCE`` rule that gives the event two parties or more,
    with them; ``named`` are the parties its sentence gives, ``earlier`` the person the sentences
    before are about, for whom "he" stands."""
    for name, rule in SIDES_BEYOND_THE_SENTENCE:
        sides = rule(story, predicate, named, earlier)
        if len({m.local_name for m in sides}) >= 2:
            return name, sides
    return None
