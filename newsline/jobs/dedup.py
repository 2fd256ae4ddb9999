"""The deduplication stage's corpus job: duplicates_table (fingerprints: annotate_shard)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pyarrow as pa

from newsline import tables
from newsline.dedup import Signed, Thresholds, cluster, fingerprints_of
from newsline.jobs.common import (
    ValidationPaths,
    article_ids,
    gate_and_publish,
    last_validation_holds,
    log,
    problems,
    rows_to_check,
    unique_keys,
)


def duplicates_table(
    shard_signatures: Sequence[str],
    articles: str,
    thresholds: dict[str, float],
    suite: str,
    duplicates: str,
    validation: ValidationPaths,
) -> None:
    """``thresholds`` are config.yaml's ``dedup`` values of ``Thresholds``' fields."""
    read = tables.read_tables(shard_signatures, tables.SIGNATURES)
    signed = [
        Signed.of(article_id, published, n_chars, found)
        for article_id, published, n_chars, found in zip(
            read.column("article_id").to_pylist(),
            read.column("published_date").to_pylist(),
            read.column("n_chars_clean").to_pylist(),
            fingerprints_of(read),
            strict=True,
        )
    ]
    table = tables.to_table(
        [m.__dict__ for m in cluster(signed, Thresholds(**thresholds))], tables.DUPLICATES
    )
    trusted = last_validation_holds(suite, validation)
    frame = rows_to_check(table, duplicates, trusted).to_pandas()
    accepted = set(article_ids(articles).to_pylist())
    frame["not_an_article"] = problems(frame["article_id"], frame["article_id"].isin(accepted))
    # The canonical article, and only it, is its cluster's original.
    frame["original_is_not_canonical"] = problems(
        frame["article_id"],
        (frame["kind"] == "original") == (frame["article_id"] == frame["canonical_id"]),
    )
    coverage = pa.table({"article_id": sorted(accepted)}).to_pandas()
    coverage["not_in_duplicates"] = problems(
        coverage["article_id"], coverage["article_id"].isin(set(table["article_id"].to_pylist()))
    )
    gate_and_publish(
        "dedup",
        suite,
        {"duplicates": frame, "articles": coverage},
        {"duplicates": (table, duplicates)},
        validation,
        cross_part_failures=[unique_keys("duplicates", table, tables.DUPLICATES.key)],
    )
    n_clusters = len(set(table.column("cluster_id").to_pylist()))
    kinds = Counter(table.column("kind").to_pylist())
    log.info("%d articles in %d clusters; %s", table.num_rows, n_clusters,
             ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())))  # fmt: skip
