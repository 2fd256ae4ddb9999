"""Snakemake entry of rule timexes_shard: see newsline.jobs.dates.timexes_shard."""

from newsline.jobs.common import run
from newsline.jobs.dates import timexes_shard

run(
    snakemake.log[0],
    timexes_shard,
    docs=snakemake.input.docs,
    articles=snakemake.input.articles,
    timexes=snakemake.output.timexes,
)
