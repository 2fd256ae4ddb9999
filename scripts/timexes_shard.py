"""Snakemake entry of rule timexes_shard: see newsline.jobs.timexes_shard."""

from newsline.jobs import run, timexes_shard

run(
    snakemake.log[0],
    timexes_shard,
    docs=snakemake.input.docs,
    articles=snakemake.input.articles,
    timexes=snakemake.output.timexes,
)
