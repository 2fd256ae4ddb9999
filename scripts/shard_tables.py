"""Snakemake entry of rule shard_tables: see newsline.jobs.shard.shard_tables."""

from newsline.jobs.common import run
from newsline.jobs.shard import shard_tables

run(
    snakemake.log[0],
    shard_tables,
    folder=snakemake.output.tables,
    cleaning={
        "sources": snakemake.params.sources,
        "metadata": snakemake.params.metadata,
        "max_bytes": snakemake.params.max_bytes,
        "extraction": snakemake.params.extraction,
        "corpus_language": snakemake.params.corpus_language,
        "clean_cache": snakemake.params.clean_cache,
        "language_model_cache": snakemake.params.language_model_cache,
    },
    annotation={
        "pipelines": snakemake.params.pipelines,
        "batch_size": snakemake.params.batch_size,
        "shingle_size": snakemake.params.shingle_size,
        "num_perm": snakemake.params.num_perm,
        "parse_cache": snakemake.params.parse_cache,
        "reading_cache": snakemake.params.reading_cache,
        "signature_cache": snakemake.params.signature_cache,
    },
)
