"""Snakemake entry of rule article_dates: see newsline.jobs.dates.article_dates."""

from newsline.jobs.common import run
from newsline.jobs.dates import article_dates

run(
    snakemake.log[0],
    article_dates,
    shard_articles=snakemake.input.articles,
    shard_timexes=snakemake.input.timexes,
    shard_event_mentions=snakemake.input.event_mentions,
    shard_mentions=snakemake.input.mentions,
    max_days=snakemake.params.max_days,
    output=snakemake.output[0],
)
