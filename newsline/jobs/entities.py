"""The entity stage's corpus job: entities_table (shards' mentions come from annotate_shard)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyarrow as pa

from newsline import tables
from newsline.entities import canonical_entities
from newsline.jobs.common import (
    ValidationPaths,
    column_by_article,
    gate_and_publish,
    offset_mismatches,
    problems,
)


def entities_table(
    shard_mentions: Sequence[str],
    articles: str,
    suite: str,
    aliases: Mapping[str, str],
    name_similarity: float,
    mentions: str,
    entities: str,
    validation: ValidationPaths,
) -> None:
    local = tables.read_tables(shard_mentions, tables.LOCAL_MENTIONS)
    rows = local.select(["article_id", "text", "label", "local_name"]).to_pylist()
    entity_ids, canonical = canonical_entities(rows, aliases, name_similarity)
    mention_table = tables.to_table(
        local.append_column("entity_id", pa.array(entity_ids, pa.string())), tables.MENTIONS
    )
    entity_table = tables.to_table([e.__dict__ for e in canonical], tables.ENTITIES)
    frame = mention_table.to_pandas()
    frame["offset_mismatch"] = offset_mismatches(frame, column_by_article(articles, "text"))
    known = set(entity_table.column("entity_id").to_pylist())
    frame["unknown_entity"] = problems(frame["entity_id"], frame["entity_id"].isin(known))
    entity_frame = entity_table.to_pandas()
    entity_frame["no_aliases"] = problems(
        entity_frame["entity_id"], entity_frame["aliases"].map(len) > 0
    )
    gate_and_publish(
        "entities",
        suite,
        {"mentions": frame, "entities": entity_frame},
        {"mentions": (mention_table, mentions), "entities": (entity_table, entities)},
        validation,
    )
