"""Across the corpus: mentions with the same participants whose dates agree (overlapping spans, or
day dates one day apart in different articles, which is then flagged as a date conflict) are one
event. Mentions without a date join their own article's dated event of the same participants
where there is exactly one, or else make one undated event per article: an unknown date is never
assumed to be another article's date. An event's type is the most telling of its mentions'
(call, then visit, then meeting, then talks)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

# An event's type from its mentions': the most telling present. A call is a call whoever calls
# it a meeting; a visit holds the meetings and talks during it; talks happen at a meeting.
EVENT_TYPE_PRECEDENCE = ("call", "visit", "meeting", "talks")


STATUS_PRECEDENCE = ("past", "ongoing", "scheduled")


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
