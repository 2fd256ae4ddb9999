"""Snakemake entry of rule parse_shard: see newsline.jobs.nlp.parse_shard."""

from newsline.jobs.common import run
from newsline.jobs.nlp import parse_shard

run(
    snakemake.log[0],
    parse_shard,
    articles=snakemake.input.articles,
    model=snakemake.params.model,
    batch_size=snakemake.params.batch_size,
    docs=snakemake.output.docs,
)
