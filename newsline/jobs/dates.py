"""Jobs of the date stage: timexes_shard per shard, timexes_table over the corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pyarrow.parquet as pq

from newsline import tables
from newsline.jobs.common import (
    gate_and_publish,
    log,
    offset_mismatches,
    texts_by_article,
)
from newsline.timex import extract_timexes


def _published_dates(articles: str) -> dict[str, dt.date | None]:
    table = pq.read_table(articles, columns=["article_id", "published_date"])
    return dict(
        zip(
            table.column("article_id").to_pylist(),
            table.column("published_date").to_pylist(),
            strict=True,
        )
    )


def timexes_shard(docs: str, articles: str, timexes: str) -> None:
    from newsline.nlp import read_docs

    published = _published_dates(articles)
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
    report: str,
    kept_report: str,
) -> None:
    table = tables.read_tables(shard_timexes, tables.TIMEXES)
    frame = table.to_pandas()
    frame["offset_mismatch"] = offset_mismatches(frame, texts_by_article(articles))
    gate_and_publish(
        "dates", suite, {"timexes": frame}, {"timexes": (table, timexes)}, report, kept_report
    )
