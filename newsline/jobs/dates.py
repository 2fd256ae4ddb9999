"""Jobs of the date stage: timexes_shard per shard, timexes_table over the corpus."""

from __future__ import annotations

from collections.abc import Sequence

from newsline import tables
from newsline.jobs.common import (
    ValidationPaths,
    column_by_article,
    gate_and_publish,
    log,
    offset_mismatches,
)
from newsline.nlp import read_docs
from newsline.timex import extract_timexes


def timexes_shard(docs: str, articles: str, timexes: str) -> None:
    published = column_by_article(articles, "published_date")
    rows = []
    for article_id, doc in read_docs(docs):
        for t in extract_timexes(doc, published[article_id]):
            rows.append({"article_id": article_id, **t.__dict__, "resolved": t.resolved})
    tables.write_rows(rows, tables.TIMEXES, timexes)
    log.info("found %d temporal expressions", len(rows))


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
