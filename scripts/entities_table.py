"""Snakemake entry of rule entities_table: see newsline.jobs.entities_table."""

from newsline.jobs import entities_table, run

run(
    snakemake.log[0],
    entities_table,
    shard_mentions=snakemake.input.mentions,
    articles=snakemake.input.articles,
    suite=snakemake.input.suite,
    mentions=snakemake.output.mentions,
    entities=snakemake.output.entities,
    report=snakemake.output.report,
    kept_report=snakemake.log.report,
)
