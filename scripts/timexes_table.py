"""Snakemake entry of rule timexes_table: see newsline.jobs.dates.timexes_table."""

from newsline.jobs.common import ValidationPaths, run
from newsline.jobs.dates import timexes_table

run(
    snakemake.log[0],
    timexes_table,
    shard_timexes=snakemake.input.timexes,
    article_dates=snakemake.input.article_dates,
    articles=snakemake.input.articles,
    suite=snakemake.input.suite,
    timexes=snakemake.output.timexes,
    validation=ValidationPaths.of_job(snakemake),
)
