"""Snakemake entry of rule clean_shard: see newsline.jobs.clean.clean_shard."""

from newsline.jobs.clean import clean_shard
from newsline.jobs.common import run

run(
    snakemake.log[0],
    clean_shard,
    sources=snakemake.params.sources,
    metadata=snakemake.params.metadata,
    max_bytes=snakemake.params.max_bytes,
    extraction=snakemake.params.extraction,
    corpus_language=snakemake.params.corpus_language,
    clean_cache=snakemake.params.clean_cache,
    articles=snakemake.output.articles,
    boilerplate=snakemake.output.boilerplate,
    rejected=snakemake.output.rejected,
    skipped=snakemake.output.skipped,
)
