"""Events: who met whom, when, where, and how many independent sources say so.

The grammar reads each article once, in its shard job, from the one parse; one module per step,
each an ordered table of named rules a reader sees in one place:

- ``triggers``: ``TRIGGERS``, the words that name a meeting, visit, talks or call.
- ``parties``: ``PARTY_ROLES`` (how a name takes part: possessor, subject, object,
  "with"/"between") and ``NOT_A_PARTY`` (why a name the sentence holds does not: it reports on
  the event, possesses another's object, does something else, is party to another event of the
  sentence, belongs to another clause, or names a place); "he", "she" and titles ("the
  monarch") stand for the one person of the article they can mean, never a guess.
- ``places``: where it happens (a GPE/LOC/FAC attached to the predicate by "in"/"at", or
  "to"; as "City, Region" the region), else the dateline's place for an event of its days.
- ``dates``: when: the temporal expression that hangs from the predicate, else the one of its
  clause closest to it; a date-less mention followed by "This meeting took place on December
  12" takes that date.
- ``framing``: ``FRAMING``, done, under way, planned, or no event (denied, hypothetical,
  wished for).
- ``mentions``: puts these together per sentence: every trigger with at least two
  participants (people; else states, by name or by their demonym and officials, "Iraqi
  diplomats"; and organisations), or a visit of one party to a named place, is an *event
  mention* (``records.EventMention``); a visit to several places is one per place.
- ``clustering``: across the corpus, mentions with the same participants whose dates agree are
  one event; an unknown date is never assumed to be another article's date.
"""

from newsline.events.clustering import (
    Event,
    Provenance,
    ResolvedMention,
    cluster_mentions,
    dated_by_other_sources,
    independent_sources,
    parties,
)
from newsline.events.mentions import article_event_mentions
from newsline.events.parties import not_a_party, party_role, titled_people
from newsline.events.places import dateline_place
from newsline.events.records import EventMention
from newsline.events.triggers import trigger_of

__all__ = [
    "Event", "EventMention", "Provenance", "ResolvedMention", "article_event_mentions",
    "cluster_mentions", "dated_by_other_sources", "dateline_place", "independent_sources",
    "not_a_party", "parties", "party_role", "titled_people", "trigger_of",
]  # fmt: skip
