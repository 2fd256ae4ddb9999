"""shard_tables: a shard's job, cleaning and then annotation in one process.

One job rather than one per step: every job pays a Python start, Snakemake's script preamble
and the imports, and a rebuild runs one for every shard its new articles land in (ten articles
in six of eight shards: six job starts saved). Annotation reads the articles cleaning has just
written, so the job runs as the two would run in a row.
"""

from __future__ import annotations

from typing import Any

from newsline.jobs.annotate import annotate_shard
from newsline.jobs.clean import clean_shard
from newsline.jobs.common import timed_step


def shard_tables(*, cleaning: dict[str, Any], annotation: dict[str, Any]) -> None:
    """``cleaning``: ``clean_shard``'s arguments; ``annotation``: ``annotate_shard``'s but its
    ``articles``, which is cleaning's output of that name."""
    with timed_step("clean"):
        clean_shard(**cleaning)
    with timed_step("annotate"):
        annotate_shard(articles=cleaning["articles"], **annotation)
