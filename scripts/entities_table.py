"""Snakemake entry of rule entities_table: see newsline.jobs.entities.entities_table."""

from newsline.jobs.common import ValidationPaths, run
from newsline.jobs.entities import entities_table

run(
    snakemake.log[0],
    entities_table,
    shard_mentions=snakemake.input.mentions,
    articles=snakemake.input.articles,
    suite=snakemake.input.suite,
    aliases=snakemake.params.aliases,
    name_similarity=snakemake.params.name_similarity,
    mentions=snakemake.output.mentions,
    entities=snakemake.output.entities,
    validation=ValidationPaths.of_job(snakemake),
)
