"""The entity stage's corpus job: entities_table (shards' mentions come from shard_tables)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa

from newsline import tables
from newsline.canonical import canonical_entity_table
from newsline.entities import Entity
from newsline.jobs.common import (
    PartTable,
    ValidationPaths,
    article_ids,
    articles_exist,
    column_by_article,
    gate_and_publish,
    last_validation_holds,
    log,
    offset_mismatches,
    problems,
    rows_to_check,
    unique_keys,
)


@dataclass(frozen=True)
class Decided:
    """Every shard's mentions, each one's ``entity_id``, and the corpus's canonical entities."""

    local: pa.Table
    entity_ids: pa.Array
    canonical: list[Entity]


def decide_entities(
    shard_mentions: Sequence[str], aliases: Mapping[str, str], name_similarity: float
) -> Decided:
    """The entity stage's tables before they are judged. It reads nothing an earlier stage
    publishes, so ``corpus_tables`` decides them while the earlier stages are built and
    validated."""
    started = time.perf_counter()
    local = tables.read_tables(shard_mentions, tables.LOCAL_MENTIONS)
    entity_ids, canonical = canonical_entity_table(local, aliases, name_similarity)
    log.info("entities decided in %.1f s", time.perf_counter() - started)
    return Decided(local, entity_ids, canonical)


def entities_table(
    decided: Decided,
    shard_mentions: Sequence[str],
    articles: str,
    suite: str,
    mentions: str,
    entities: str,
    validation: ValidationPaths,
) -> None:
    """The mentions (one part per shard) and the canonical entities across the corpus
    (``decided`` from ``shard_mentions``), gated by the entities suite on the rows that changed
    (adding an article may change the canonical entity of mentions in other shards: those rows
    change)."""
    local, entity_ids, canonical = decided.local, decided.entity_ids, decided.canonical
    mention_table = tables.to_table(local.append_column("entity_id", entity_ids), tables.MENTIONS)
    trusted = last_validation_holds(suite, validation)
    published = PartTable.by_shard(
        mention_table, shard_mentions, tables.MENTIONS, mentions, trusted
    )
    entity_table = tables.to_table([e.__dict__ for e in canonical], tables.ENTITIES)
    frame = published.rows_to_check().to_pandas()
    texts = column_by_article(articles, "text", frame["article_id"])
    frame["offset_mismatch"] = offset_mismatches(frame, texts)
    known = set(entity_table.column("entity_id").to_pylist())
    frame["unknown_entity"] = problems(frame["entity_id"], frame["entity_id"].isin(known))
    entity_frame = rows_to_check(entity_table, entities, trusted).to_pandas()
    entity_frame["no_aliases"] = problems(
        entity_frame["entity_id"], entity_frame["aliases"].map(len) > 0
    )
    gate_and_publish(
        "entities",
        suite,
        {"mentions": frame, "entities": entity_frame},
        {"entities": (entity_table, entities)},
        validation,
        part_tables={"mentions": published},
        cross_part_failures=[
            unique_keys("mentions", mention_table, tables.MENTIONS.key),
            unique_keys("entities", entity_table, tables.ENTITIES.key),
            articles_exist(
                "mentions",
                mention_table,
                article_ids(articles),
            ),
        ],
    )
