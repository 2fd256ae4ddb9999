"""Snakemake entry of rule events_table: see newsline.jobs.events.events_table."""

from newsline.jobs.common import ValidationPaths, run
from newsline.jobs.events import events_table

run(
    snakemake.log[0],
    events_table,
    shard_event_mentions=snakemake.input.event_mentions,
    mentions=snakemake.input.mentions,
    entities=snakemake.input.entities,
    duplicates=snakemake.input.duplicates,
    articles=snakemake.input.articles,
    timexes=snakemake.input.timexes,
    suite=snakemake.input.suite,
    events=snakemake.output.events,
    validation=ValidationPaths.of_job(snakemake),
)
