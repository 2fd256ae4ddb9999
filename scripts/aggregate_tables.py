"""Snakemake entry of rule aggregate_tables: see newsline.jobs.aggregate.aggregate_tables."""

from newsline.jobs.aggregate import aggregate_tables
from newsline.jobs.common import ValidationPaths, run

run(
    snakemake.log[0],
    aggregate_tables,
    mentions=snakemake.input.mentions,
    articles=snakemake.input.articles,
    suite=snakemake.input.suite,
    cooccurrence=snakemake.output.cooccurrence,
    daily=snakemake.output.daily,
    validation=ValidationPaths.of_job(snakemake),
)
