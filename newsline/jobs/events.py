"""The event stage's corpus job: events_table (shards' event mentions come from shard_tables)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pyarrow.parquet as pq

from newsline import tables
from newsline.dating import INFERRED_ANCHORS
from newsline.events import (
    Provenance,
    ResolvedMention,
    cluster_mentions,
    dated_by_other_sources,
)
from newsline.gazetteer import demonym_code, fold
from newsline.jobs.common import (
    ValidationPaths,
    column_by_article,
    gate_and_publish,
    last_validation_holds,
    party_mentions,
    problems,
    referenced,
    rows_to_check,
    unique_keys,
)

ENTITY_COLUMNS = ["entity_id", "name", "label", "iso_code"]


def states_of_nationalities(entities: Sequence[dict[str, str | None]]) -> dict[str, str]:
    """A nationality entity -> the entity of the state its demonym names
    (``gazetteer.demonym_code``), where the corpus has that state ("norp:iraqi" ->
    "gpe:iraq"): "Iraqi diplomats" take part as Iraq. A nationality whose state no article
    names stays itself."""
    state = {
        e["iso_code"]: e["entity_id"] for e in entities if e["label"] == "GPE" and e["iso_code"]
    }
    return {
        str(e["entity_id"]): state[code]
        for e in entities
        if e["label"] == "NORP" and (code := demonym_code(fold(str(e["name"])))) in state
    }


def provenance_of(duplicates: str, articles: str) -> dict[str, Provenance]:
    """Each article's copy cluster, the cluster's canonical article, and the article's outlet."""
    clustered = pq.read_table(duplicates, columns=["article_id", "cluster_id", "canonical_id"])
    outlets = column_by_article(articles, "source")
    return {
        article_id: Provenance(cluster_id, canonical_id, outlets.get(article_id))
        for article_id, cluster_id, canonical_id in zip(
            *(clustered.column(c).to_pylist() for c in clustered.column_names), strict=True
        )
    }


def inferred_intervals(articles: str) -> dict[str, tuple[dt.date, dt.date]]:
    """The closed publication interval of each article whose date is inferred."""
    rows = pq.read_table(
        articles,
        columns=["article_id", "published_date_min", "published_date_max"],
        filters=[("published_date_source", "==", "inferred")],
    ).to_pylist()
    return {
        r["article_id"]: (r["published_date_min"], r["published_date_max"])
        for r in rows
        if r["published_date_min"] is not None and r["published_date_max"] is not None
    }


def resolved_mentions(
    shard_event_mentions: Sequence[str], mentions: str, entities: str, timexes: str
) -> list[ResolvedMention]:
    """The shards' event mentions with their parties as canonical entities (a nationality as its
    state), and their dates as the date stage resolved them; those with too few parties are
    left out."""
    # A mention's date where the date stage resolved it against an inferred publication date
    # (the shard, which knew none, left it unresolved).
    date_at = {
        (r["article_id"], r["start_char"]): r
        for r in pq.read_table(
            timexes,
            columns=["article_id", "start_char", "value", "start_date", "end_date"],
            filters=[("anchor_source", "in", sorted(INFERRED_ANCHORS))],
        ).to_pylist()
    }
    event_mentions = tables.read_tables(shard_event_mentions, tables.EVENT_MENTIONS)
    parties = referenced(
        pq.read_table(mentions, columns=["article_id", "start_char", "entity_id"]),
        party_mentions(event_mentions),
    )
    entity_at = {(r["article_id"], r["start_char"]): r["entity_id"] for r in parties.to_pylist()}
    state_of = states_of_nationalities(pq.read_table(entities, columns=ENTITY_COLUMNS).to_pylist())
    resolved = []
    for row in event_mentions.to_pylist():
        participants = tuple(
            sorted(
                {
                    state_of.get(entity, entity)
                    for entity in (
                        entity_at[(row["article_id"], s)] for s in row["participant_starts"]
                    )
                }
            )
        )
        location = entity_at.get((row["article_id"], row["location_start"]))
        location = state_of.get(location, location) if location is not None else None
        one_party_visit = row["event_type"] == "visit" and location not in (None, *participants)
        if len(participants) < 2 and not (participants and one_party_visit):
            continue
        date = date_at.get((row["article_id"], row["date_start_char"]))
        date_inferred = date is not None and "X" in row["date_value"]
        if date_inferred:
            row |= {"date_value": date["value"], "date_start": date["start_date"],
                    "date_end": date["end_date"]}  # fmt: skip
        resolved.append(
            ResolvedMention(
                article_id=row["article_id"],
                sentence_index=row["sentence_index"],
                event_type=row["event_type"],
                participants=participants,
                location=location,
                location_priority=row["location_priority"],
                date_value=row["date_value"],
                date_start=row["date_start"],
                date_end=row["date_end"],
                evidence=row["evidence"],
                status=row["status"],
                date_inferred=date_inferred,
            )
        )
    return resolved


def first_reported(
    article_ids: Sequence[str], published: Mapping[str, dt.date | None]
) -> dt.date | None:
    """The earliest publication date of an event's articles, where any is known."""
    return min((d for a in article_ids if (d := published.get(a)) is not None), default=None)


def events_table(
    shard_event_mentions: Sequence[str],
    mentions: str,
    entities: str,
    duplicates: str,
    articles: str,
    timexes: str,
    suite: str,
    events: str,
    validation: ValidationPaths,
) -> None:
    resolved = resolved_mentions(shard_event_mentions, mentions, entities, timexes)
    resolved = dated_by_other_sources(resolved, inferred_intervals(articles))
    published = column_by_article(articles, "published_date")
    table = tables.to_table(
        [
            e.__dict__ | {"first_reported": first_reported(e.article_ids, published)}
            for e in cluster_mentions(resolved, provenance_of(duplicates, articles))
        ],
        tables.EVENTS,
    )
    trusted = last_validation_holds(suite, validation)
    frame = rows_to_check(table, events, trusted).to_pandas()
    # Two participants, or one and the place it visits.
    frame["too_few_participants"] = problems(
        frame["event_id"], frame["participants"].map(len) + frame["location"].notna() >= 2
    )
    frame["more_sources_than_articles"] = problems(
        frame["event_id"], frame["n_sources"] <= frame["article_ids"].map(len)
    )
    frame["n_sources_is_not_its_sources"] = problems(
        frame["event_id"], frame["n_sources"] == frame["sources"].map(len)
    )
    gate_and_publish(
        "events",
        suite,
        {"events": frame},
        {"events": (table, events)},
        validation,
        cross_part_failures=[unique_keys("events", table, tables.EVENTS.key)],
    )
