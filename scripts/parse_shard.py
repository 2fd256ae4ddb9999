"""Snakemake entry of rule parse_shard: see newsline.jobs.parse_shard."""

from newsline.jobs import parse_shard, run

run(
    snakemake.log[0],
    parse_shard,
    articles=snakemake.input.articles,
    model=snakemake.params.model,
    batch_size=snakemake.params.batch_size,
    docs=snakemake.output.docs,
)
