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
    validation=ValidationPaths(
        report=snakemake.output.report,
        docs=snakemake.output.docs,
        kept_report=snakemake.log.report,
        kept_docs=snakemake.params.kept_docs,
    ),
)
