"""Snakemake entry of rule mentions_shard: see newsline.jobs.entities.mentions_shard."""

from newsline.jobs.common import run
from newsline.jobs.entities import mentions_shard

run(
    snakemake.log[0],
    mentions_shard,
    docs=snakemake.input.docs,
    mentions=snakemake.output.mentions,
)
