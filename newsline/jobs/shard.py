"""shard_tables: a shard's job, cleaning and then annotation in one process.

One job rather than one per step: every job pays a Python start, Snakemake's script preamble
and the imports, and a rebuild runs one for every shard its new articles land in (a job start
saved per re-run shard). Annotation reads the articles cleaning has just written, so the job
runs as the two would run in a row.
"""

from __future__ import annotations

from typing import Any

from newsline import tables
from newsline.ingest import listing_rows
from newsline.jobs.annotate import annotate_shard
from newsline.jobs.clean import clean_shard
from newsline.jobs.common import ANNOTATED_TABLES, CLEANED_TABLES, shard_file, timed_step


def shard_tables(*, folder: str, cleaning: dict[str, Any], annotation: dict[str, Any]) -> None:
    """Write the shard's tables (``common.SHARD_TABLES``) into ``folder``. ``cleaning``:
    ``clean_shard``'s arguments but its outputs; ``annotation``: ``annotate_shard``'s but its
    outputs and ``articles``, which is cleaning's output of that name. The inputs the job was
    given (``cleaning["sources"]``) are written as its ``sources`` table."""
    listing = listing_rows(cleaning["sources"])
    tables.write_rows(listing, tables.SOURCES, shard_file(folder, "sources"))
    cleaned = {name: shard_file(folder, name) for name in CLEANED_TABLES}
    with timed_step("clean"):
        clean_shard(**cleaning, **cleaned)
    annotated = {name: shard_file(folder, name) for name in ANNOTATED_TABLES}
    with timed_step("annotate"):
        annotate_shard(articles=cleaned["articles"], **annotation, **annotated)
