"""Snakemake entry of rule signatures_shard: see newsline.jobs.dedup.signatures_shard."""

from newsline.jobs.common import run
from newsline.jobs.dedup import signatures_shard

run(
    snakemake.log[0],
    signatures_shard,
    articles=snakemake.input.articles,
    shingle_size=snakemake.params.shingle_size,
    num_perm=snakemake.params.num_perm,
    signatures=snakemake.output.signatures,
)
