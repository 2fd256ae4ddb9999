"""Snakemake entry of rule signatures_shard: see newsline.jobs.signatures_shard."""

from newsline.jobs import run, signatures_shard

run(
    snakemake.log[0],
    signatures_shard,
    articles=snakemake.input.articles,
    shingle_size=snakemake.params.shingle_size,
    num_perm=snakemake.params.num_perm,
    signatures=snakemake.output.signatures,
)
