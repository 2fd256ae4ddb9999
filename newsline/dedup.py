"""Near-duplicate articles: word-shingle MinHash signatures per article, LSH over the corpus.

Signatures are computed once per article and kept by a key of its text and the signature's
parameters, so a rebuilt shard only hashes its new and edited articles. The corpus-level step
indexes all signatures in a MinHash LSH, checks each candidate pair's estimated Jaccard
similarity against the threshold, and joins pairs into clusters (union-find). The canonical
article of a cluster is the earliest published, then the longest, then the first by id; every
article's similarity is measured against it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsline.grouping import connected_groups

WORD = re.compile(r"\w+")
# Fixed explicitly: stored signatures are only comparable with ones made by the same scheme.
SCHEME = "affine32"


def shingles(text: str, size: int) -> set[bytes]:
    words = WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str, shingle_size: int, num_perm: int) -> np.ndarray:
    minhash = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME)
    minhash.update_batch(sorted(shingles(text, shingle_size)))
    return minhash.hashvalues.astype(np.uint32)


def signature_key(text: str, shingle_size: int, num_perm: int) -> str:
    return hashlib.sha256(f"{SCHEME} {shingle_size} {num_perm}\0{text}".encode()).hexdigest()


def signatures(
    texts: Sequence[str], shingle_size: int, num_perm: int, known: Mapping[str, Sequence[int]]
) -> list[tuple[str, Sequence[int]]]:
    """``(key, hashvalues)`` of every text, taken from ``known`` (keyed by ``signature_key``)
    where it holds the text's signature and computed otherwise."""
    result = []
    for text in texts:
        key = signature_key(text, shingle_size, num_perm)
        values = known.get(key)
        if values is None:
            values = signature(text, shingle_size, num_perm).tolist()
        result.append((key, values))
    return result


@dataclass(frozen=True)
class Signed:
    article_id: str
    published_date: dt.date | None
    n_chars: int
    hashvalues: Sequence[int]


@dataclass(frozen=True)
class Membership:
    article_id: str
    cluster_id: str
    canonical_id: str
    similarity: float


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def cluster(articles: Sequence[Signed], threshold: float) -> list[Membership]:
    """Every article with its cluster (singletons included), sorted by article_id."""
    if not articles:
        return []
    ordered = sorted(articles, key=lambda a: a.article_id)
    num_perm = len(ordered[0].hashvalues)
    values = {a.article_id: np.asarray(a.hashvalues, dtype=np.uint32) for a in ordered}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    minhashes = {}
    for article in ordered:
        minhash = MinHash(
            num_perm=num_perm, seed=1, scheme=SCHEME, hashvalues=values[article.article_id]
        )
        minhashes[article.article_id] = minhash
        lsh.insert(article.article_id, minhash)

    links = [
        (article.article_id, other)
        for article in ordered
        for other in sorted(lsh.query(minhashes[article.article_id]))
        if other > article.article_id
        and _jaccard(values[article.article_id], values[other]) >= threshold
    ]
    by_id = {a.article_id: a for a in ordered}
    members = [[by_id[i] for i in group] for group in connected_groups(by_id, links)]
    result = []
    for group in members:
        canonical = min(
            group,
            key=lambda a: (
                a.published_date is None,
                a.published_date or dt.date.min,
                -a.n_chars,
                a.article_id,
            ),
        )
        cluster_id = f"dup:{min(a.article_id for a in group)}"
        for article in group:
            similarity = _jaccard(values[article.article_id], values[canonical.article_id])
            result.append(
                Membership(article.article_id, cluster_id, canonical.article_id, similarity)
            )
    return sorted(result, key=lambda m: m.article_id)
