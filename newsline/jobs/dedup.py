"""The deduplication stage's corpus job: duplicates_table (fingerprints: annotate_shard).

A rebuild clusters again only the groups of copies a change touched (newsline.reclustering),
from what the last run kept in the dedup cache: each article's body, lead, date and length, and
the links between bodies, with the published table, settings and code they made. Where that is
not the published table's (the first run, a failed or interrupted one, other settings or code),
every article is clustered. Both ways give the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables
from newsline.dedup import Clustered, Membership, Signed, Thresholds, clustered, fingerprints_of
from newsline.jobs.common import (
    ValidationPaths,
    article_ids,
    gate_and_publish,
    last_validation_holds,
    log,
    problems,
    published_state,
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


@dataclass(frozen=True)
class KeptClusters:
    """The dedup cache: ``folder`` holds articles.parquet, links.parquet and kept.json."""

    folder: Path

    def load(self, thresholds: dict[str, float], duplicates: str) -> Kept | None:
        """What the last run clustered, where it made the published table with these settings
        and this code; else None."""
        try:
            state = json.loads((self.folder / "kept.json").read_text(encoding="utf-8"))
            if state != published_state([duplicates], thresholds):
                return None
            articles = pq.read_table(self.folder / "articles.parquet").to_pylist()
            links = pq.read_table(self.folder / "links.parquet").to_pylist()
        except (OSError, ValueError):
            return None
        return Kept(
            [Article(**row) for row in articles], [(r["node_a"], r["node_b"]) for r in links]
        )

    def keep(
        self,
        signed: Sequence[Signed],
        found: Clustered,
        thresholds: dict[str, float],
        duplicates: str,
    ) -> None:
        """Record what the published table was clustered from (the state last: it names it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "kept.json").unlink(missing_ok=True)
        articles = [Article.of(s).__dict__ for s in signed]
        tables.write_table(
            pa.Table.from_pylist(articles, KEPT_ARTICLES), self.folder / "articles.parquet"
        )
        links = [{"node_a": a, "node_b": b} for a, b in found.links]
        tables.write_table(pa.Table.from_pylist(links, KEPT_LINKS), self.folder / "links.parquet")
        state = json.dumps(published_state([duplicates], thresholds), sort_keys=True)
        tables.write_text(state + "\n", self.folder / "kept.json")


def clusters_of(
    signed: Sequence[Signed], thresholds: dict[str, float], duplicates: str, kept: KeptClusters
) -> Clustered:
    """The clusters, updated from the kept ones where they made the published table."""
    settings = Thresholds(**thresholds)
    last = kept.load(thresholds, duplicates)
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
    kept = KeptClusters(Path(clusters))
    found = clusters_of(signed, thresholds, duplicates, kept)
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
    kept.keep(signed, found, thresholds, duplicates)
    n_clusters = len(set(table.column("cluster_id").to_pylist()))
    kinds = Counter(table.column("kind").to_pylist())
    log.info("%d articles in %d clusters; %s", table.num_rows, n_clusters,
             ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())))  # fmt: skip
