"""Snakemake entry of rule articles_table: see newsline.jobs.clean.articles_table."""

from newsline.jobs.clean import articles_table
from newsline.jobs.common import ValidationPaths, run

run(
    snakemake.log[0],
    articles_table,
    sources=snakemake.params.sources,
    unread=snakemake.params.unread,
    metadata=snakemake.params.metadata,
    max_bytes=snakemake.params.max_bytes,
    shard_articles=snakemake.input.articles,
    shard_boilerplate=snakemake.input.boilerplate,
    shard_rejected=snakemake.input.rejected,
    shard_skipped=snakemake.input.skipped,
    shard_failures=snakemake.input.failures,
    shard_timexes=snakemake.input.timexes,
    shard_event_mentions=snakemake.input.event_mentions,
    shard_mentions=snakemake.input.mentions,
    dating=snakemake.params.dating,
    article_dates=snakemake.output.article_dates,
    suite=snakemake.input.suite,
    articles=snakemake.output.articles,
    boilerplate=snakemake.output.boilerplate,
    rejected=snakemake.output.rejected,
    skipped=snakemake.output.skipped,
    validation=ValidationPaths.of_job(snakemake),
)
