"""Jobs of the deduplication stage: signatures_shard per shard, duplicates_table."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables
from newsline.dedup import Signed, cluster, signature
from newsline.jobs.common import (
    ValidationPaths,
    gate_and_publish,
    log,
    problems,
)


def signatures_shard(articles: str, shingle_size: int, num_perm: int, signatures: str) -> None:
    table = pq.read_table(
        articles, columns=["article_id", "published_date", "n_chars_clean", "text"]
    )
    rows = [
        {
            **{k: v for k, v in row.items() if k != "text"},
            "hashvalues": signature(row["text"], shingle_size, num_perm).tolist(),
        }
        for row in table.to_pylist()
    ]
    tables.write_rows(rows, tables.SIGNATURES, signatures)


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
