"""Score deduplication on a built corpus: are the byte-identical copies found, and what else
was merged?

    python benchmarks/bench.py                      # builds a scratch project over the corpus
    python benchmarks/score_dedup.py --results SCRATCH/results [--corpus ../shared/corpus/bbc]

Prints the exact-duplicate pairs of the corpus (same bytes) and how many of them share a
cluster in ``duplicates``; every cluster of two or more articles, split into copies with
identical cleaned text and revised copies; and the least similar merged pairs with their
headlines, to spot-check that no two different stories were merged. The corpus is licensed for
measurement only: it is read in place, never copied into this repository.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pandas as pd

PROJECT = Path(__file__).resolve().parent.parent


def exact_pairs(corpus: Path) -> list[tuple[str, str]]:
    """Pairs of files under ``corpus`` with the same bytes, as paths relative to it."""
    by_digest: dict[str, list[str]] = defaultdict(list)
    for path in sorted(corpus.rglob("*.txt")):
        by_digest[hashlib.sha256(path.read_bytes()).hexdigest()].append(
            path.relative_to(corpus).as_posix()
        )
    return [pair for paths in by_digest.values() for pair in combinations(paths, 2)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, required=True, help="results/ of a build")
    parser.add_argument("--corpus", type=Path, default=PROJECT.parent / "shared/corpus/bbc")
    parser.add_argument("--show", type=int, default=5, help="least similar pairs to print")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    articles = pd.read_parquet(args.results / "articles.parquet")
    duplicates = pd.read_parquet(args.results / "duplicates.parquet")
    pairs = exact_pairs(args.corpus)
    in_corpus = {path for pair in pairs for path in pair}
    cluster = duplicates.set_index("article_id").cluster_id
    # source_path is as the workflow saw it (input folder, bench.py's copyN/, then the path in
    # the corpus): an article is a corpus file when its path ends with that file's.
    cluster_of_file = {}
    for article_id, source_path in zip(articles.article_id, articles.source_path, strict=True):
        parts = source_path.split("/")
        for start in range(len(parts)):
            if "/".join(parts[start:]) in in_corpus:
                cluster_of_file["/".join(parts[start:])] = cluster[article_id]
                break
    found = sum(
        1 for a, b in pairs if a in cluster_of_file and cluster_of_file[a] == cluster_of_file[b]
    )
    print(f"exact-duplicate pairs in {args.corpus}: {len(pairs)}; in one cluster: {found}")

    text = articles.set_index("article_id").text
    title = articles.set_index("article_id").title
    clusters = duplicates.groupby("cluster_id").article_id.apply(list)
    merged = clusters[clusters.map(len) > 1]
    identical = merged[merged.map(lambda ids: text[ids].nunique() == 1)]
    print(
        f"clusters of 2+ articles: {len(merged)} ({merged.map(len).sum()} articles); "
        f"identical cleaned text: {len(identical)}; revised copies: {len(merged) - len(identical)}"
    )
    revised = duplicates[
        duplicates.cluster_id.isin(merged.index.difference(identical.index))
        & (duplicates.article_id != duplicates.canonical_id)
    ].sort_values(["similarity", "article_id"])
    print("least similar merged pairs (spot-check that each is one story):")
    for row in revised.head(args.show).itertuples():
        print(f"  {row.similarity:.3f}  {row.canonical_id}: {title[row.canonical_id]!r}")
        print(f"         {row.article_id}: {title[row.article_id]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
