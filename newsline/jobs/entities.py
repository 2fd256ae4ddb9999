"""Jobs of the entity stage: mentions_shard per shard, entities_table over the corpus."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyarrow as pa

from newsline import tables
from newsline.entities import article_mentions, canonical_entities
from newsline.jobs.common import (
    ValidationPaths,
    column_by_article,
    gate_and_publish,
    log,
    offset_mismatches,
    problems,
)
from newsline.nlp import read_docs
from newsline.timex import sentence_index_of


def mentions_shard(docs: str, mentions: str) -> None:
    rows = []
    for article_id, doc in read_docs(docs):
        for m in article_mentions(doc, sentence_index_of(doc)):
            rows.append({"article_id": article_id, **m.__dict__})
    tables.write_rows(rows, tables.LOCAL_MENTIONS, mentions)
    log.info("found %d entity mentions", len(rows))


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
