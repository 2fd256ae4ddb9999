"""Snakemake entry of rule duplicates_table: see newsline.jobs.dedup.duplicates_table."""

from newsline.jobs.common import ValidationPaths, run
from newsline.jobs.dedup import duplicates_table

run(
    snakemake.log[0],
    duplicates_table,
    shard_signatures=snakemake.input.signatures,
    articles=snakemake.input.articles,
    thresholds=snakemake.params.thresholds,
    suite=snakemake.input.suite,
    duplicates=snakemake.output.duplicates,
    validation=ValidationPaths.of_job(snakemake),
)
