"""The deduplication stage's corpus job: duplicates_table (signatures come from annotate_shard)."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables
from newsline.dedup import Signed, cluster
from newsline.jobs.common import (
    ValidationPaths,
    gate_and_publish,
    log,
    problems,
)


def duplicates_table(
    shard_signatures: Sequence[str],
    articles: str,
    threshold: float,
    suite: str,
    duplicates: str,
    validation: ValidationPaths,
) -> None:
    signed = [
        Signed(r["article_id"], r["published_date"], r["n_chars_clean"], r["hashvalues"])
        for r in tables.read_tables(shard_signatures, tables.SIGNATURES).to_pylist()
    ]
    table = tables.to_table([m.__dict__ for m in cluster(signed, threshold)], tables.DUPLICATES)
    frame = table.to_pandas()
    accepted = set(pq.read_table(articles, columns=["article_id"]).column("article_id").to_pylist())
    frame["not_an_article"] = problems(frame["article_id"], frame["article_id"].isin(accepted))
    coverage = pa.table({"article_id": sorted(accepted)}).to_pandas()
    coverage["not_in_duplicates"] = problems(
        coverage["article_id"], coverage["article_id"].isin(set(frame["article_id"]))
    )
    gate_and_publish(
        "dedup",
        suite,
        {"duplicates": frame, "articles": coverage},
        {"duplicates": (table, duplicates)},
        validation,
    )
    n_clusters = len(set(table.column("cluster_id").to_pylist()))
    log.info("%d articles in %d clusters", table.num_rows, n_clusters)
