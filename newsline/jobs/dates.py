"""The date stage's corpus job: timexes_table (shards' timexes come from annotate_shard)."""

from __future__ import annotations

from collections.abc import Sequence

from newsline import tables
from newsline.jobs.common import (
    ValidationPaths,
    column_by_article,
    gate_and_publish,
    offset_mismatches,
)


def timexes_table(
    shard_timexes: Sequence[str],
    articles: str,
    suite: str,
    timexes: str,
    validation: ValidationPaths,
) -> None:
    table = tables.read_tables(shard_timexes, tables.TIMEXES)
    frame = table.to_pandas()
    frame["offset_mismatch"] = offset_mismatches(frame, column_by_article(articles, "text"))
    gate_and_publish("dates", suite, {"timexes": frame}, {"timexes": (table, timexes)}, validation)
