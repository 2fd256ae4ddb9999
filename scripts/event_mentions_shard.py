"""Snakemake entry of rule event_mentions_shard: see newsline.jobs.events.event_mentions_shard."""

from newsline.jobs.common import run
from newsline.jobs.events import event_mentions_shard

run(
    snakemake.log[0],
    event_mentions_shard,
    docs=snakemake.input.docs,
    mentions=snakemake.input.mentions,
    timexes=snakemake.input.timexes,
    event_mentions=snakemake.output.event_mentions,
)
