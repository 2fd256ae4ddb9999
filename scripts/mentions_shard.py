"""Snakemake entry of rule mentions_shard: see newsline.jobs.mentions_shard."""

from newsline.jobs import mentions_shard, run

run(
    snakemake.log[0],
    mentions_shard,
    docs=snakemake.input.docs,
    mentions=snakemake.output.mentions,
)
