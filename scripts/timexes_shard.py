"""Snakemake entry of rule timexes_shard: see newsline.jobs.timexes_shard."""

from newsline.jobs import timexes_shard, run

run(
    snakemake.log[0],
    timexes_shard,
    docs=snakemake.input.docs,
    articles=snakemake.input.articles,
    timexes=snakemake.output.timexes,
)
