"""The per-shard caches under ``results/cache``: ``parse/<shard>.spacy`` (newsline.nlp reads and
writes it) and ``signatures/<shard>.parquet`` (the dedup fingerprints: newsline.jobs.annotate,
keyed by newsline.dedup.fingerprint_key), one file per shard, keyed by content.

A shard's job rewrites its caches with exactly its current articles, so an edited or deleted
article leaves them then. A shard that loses its last article has no job any more; its files
are removed after the run, so that the text of a deleted article is kept nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def remove_orphan_caches(root: Path, shards: Iterable[str]) -> list[Path]:
    """Delete the cache files of shards that hold no article any more; returns them."""
    live = set(shards)
    orphans = [
        path
        for path in sorted(root.glob("*/*"))
        if path.is_file() and path.name.split(".")[0] not in live
    ]
    for path in orphans:
        path.unlink()
    return orphans
