"""shard_tables: a shard's job, cleaning and then annotation in one process.

One job rather than one per step: every job pays a Python start, Snakemake's script preamble
and the imports, and a rebuild runs one for every shard its new articles land in (ten articles
in six of eight shards: six job starts saved). Annotation reads the articles cleaning has just
written, so the job runs as the two would run in a row.
"""

from __future__ import annotations

import time
from typing import Any

from newsline.jobs.annotate import annotate_shard
from newsline.jobs.clean import clean_shard
from newsline.jobs.common import log


def shard_tables(*, cleaning: dict[str, Any], annotation: dict[str, Any]) -> None:
    """``cleaning``: ``clean_shard``'s arguments; ``annotation``: ``annotate_shard``'s but its
    ``articles``, which is cleaning's output of that name."""
    started = time.perf_counter()
    clean_shard(**cleaning)
    log.info("step clean done in %.1f s", time.perf_counter() - started)
    started = time.perf_counter()
    annotate_shard(articles=cleaning["articles"], **annotation)
    log.info("step annotate done in %.1f s", time.perf_counter() - started)
