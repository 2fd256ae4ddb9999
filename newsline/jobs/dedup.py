"""The deduplication stage's corpus job: duplicates_table (fingerprints: shard_tables).

A rebuild clusters again only the groups of copies a change touched (newsline.reclustering),
from what the last run kept in the dedup cache: each article's body, lead, date and length, and
the links between bodies, with the published table, settings and code they made. Where that is
not the published table's (the first run, a failed or interrupted one, other settings or code),
every article is clustered. Both ways give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables
from newsline.dedup import Clustered, Membership, Signed, Thresholds, clustered, fingerprints_of
from newsline.jobs.common import (
    KeptState,
    ValidationPaths,
    article_ids,
    gate_and_publish,
    last_validation_holds,
    log,
    problems,
    rows_to_check,
    unique_keys,
)
from newsline.reclustering import Article, Kept, reclustered

KEPT_ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("body", pa.string()),
        ("lead", pa.string()),
        ("published_date", pa.date32()),
        ("n_chars", pa.int64()),
    ]
)
KEPT_LINKS = pa.schema([("node_a", pa.string()), ("node_b", pa.string())])


def kept_clusters(state: KeptState, thresholds: dict[str, float], duplicates: str) -> Kept | None:
    """What the last run clustered, where it made the published table with these settings and
    this code; else None."""
    if (kept := state.read([duplicates], thresholds)) is None:
        return None
    links = kept["links"].to_pylist()
    return Kept(
        [Article(**row) for row in kept["articles"].to_pylist()],
        [(row["node_a"], row["node_b"]) for row in links],
    )


def keep_clusters(
    state: KeptState,
    signed: Sequence[Signed],
    found: Clustered,
    thresholds: dict[str, float],
    duplicates: str,
) -> None:
    """Record what the published table was clustered from."""
    articles = [Article.of(s).__dict__ for s in signed]
    links = [{"node_a": a, "node_b": b} for a, b in found.links]
    kept = {
        "articles": pa.Table.from_pylist(articles, KEPT_ARTICLES),
        "links": pa.Table.from_pylist(links, KEPT_LINKS),
    }
    state.write(kept, [duplicates], thresholds)


def clusters_of(
    signed: Sequence[Signed], thresholds: dict[str, float], duplicates: str, state: KeptState
) -> Clustered:
    """The clusters, updated from the kept ones where they made the published table."""
    settings = Thresholds(**thresholds)
    last = kept_clusters(state, thresholds, duplicates)
    if last is not None:
        published = {
            row["article_id"]: Membership(**row) for row in pq.read_table(duplicates).to_pylist()
        }
        if (found := reclustered(signed, last, published, settings)) is not None:
            log.info("dedup: clustered the groups that changed, kept the other rows")
            return found
    log.info("dedup: clustering every article")
    return clustered(signed, settings)


def duplicates_table(
    shard_signatures: Sequence[str],
    articles: str,
    thresholds: dict[str, float],
    suite: str,
    duplicates: str,
    validation: ValidationPaths,
    clusters: str,
) -> None:
    """``thresholds`` are config.yaml's ``dedup`` values of ``Thresholds``' fields; ``clusters``
    is the dedup cache's folder."""
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
    state = KeptState(Path(clusters))
    found = clusters_of(signed, thresholds, duplicates, state)
    table = tables.to_table([m.__dict__ for m in found.memberships], tables.DUPLICATES)
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
    keep_clusters(state, signed, found, thresholds, duplicates)
    n_clusters = len(set(table.column("cluster_id").to_pylist()))
    kinds = Counter(table.column("kind").to_pylist())
    log.info("%d articles in %d clusters; %s", table.num_rows, n_clusters,
             ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())))  # fmt: skip
