"""Jobs of the event stage: event_mentions_shard per shard, events_table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables
from newsline.entities import Mention
from newsline.events import ResolvedMention, article_event_mentions, cluster_mentions
from newsline.jobs.common import (
    ValidationPaths,
    column_by_article,
    gate_and_publish,
    log,
    problems,
)
from newsline.nlp import read_docs
from newsline.timex import Timex


def _by_article(table: pa.Table) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in table.to_pylist():
        grouped[row.pop("article_id")].append(row)
    return grouped


def event_mentions_shard(docs: str, mentions: str, timexes: str, event_mentions: str) -> None:
    mentions_of = _by_article(pq.read_table(mentions, schema=tables.LOCAL_MENTIONS.schema))
    timexes_of = _by_article(pq.read_table(timexes, schema=tables.TIMEXES.schema))
    rows = []
    for article_id, doc in read_docs(docs):
        article_mentions_ = [Mention(**m) for m in mentions_of.get(article_id, [])]
        article_timexes = [
            Timex(**{k: v for k, v in t.items() if k != "resolved"})
            for t in timexes_of.get(article_id, [])
        ]
        for event in article_event_mentions(article_id, doc, article_mentions_, article_timexes):
            rows.append(event.__dict__)
    tables.write_rows(rows, tables.EVENT_MENTIONS, event_mentions)
    log.info("found %d event mentions", len(rows))


def events_table(
    shard_event_mentions: Sequence[str],
    mentions: str,
    duplicates: str,
    suite: str,
    events: str,
    validation: ValidationPaths,
) -> None:
    entity_at = {
        (r["article_id"], r["start_char"]): r["entity_id"]
        for r in pq.read_table(
            mentions, columns=["article_id", "start_char", "entity_id"]
        ).to_pylist()
    }
    resolved = []
    for row in tables.read_tables(shard_event_mentions, tables.EVENT_MENTIONS).to_pylist():
        participants = tuple(
            sorted({entity_at[(row["article_id"], s)] for s in row["participant_starts"]})
        )
        if len(participants) < 2:
            continue
        location = entity_at.get((row["article_id"], row["location_start"]))
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
            )
        )
    clusters = column_by_article(duplicates, "cluster_id")
    table = tables.to_table(
        [e.__dict__ for e in cluster_mentions(resolved, clusters)], tables.EVENTS
    )
    frame = table.to_pandas()
    frame["too_few_participants"] = problems(frame["event_id"], frame["participants"].map(len) >= 2)
    frame["more_sources_than_articles"] = problems(
        frame["event_id"], frame["n_sources"] <= frame["article_ids"].map(len)
    )
    gate_and_publish("events", suite, {"events": frame}, {"events": (table, events)}, validation)
