"""Snakemake entry of rule corpus_tables: see newsline.jobs.corpus.corpus_tables."""

from newsline.jobs.common import run
from newsline.jobs.corpus import corpus_tables

run(
    snakemake.log.text,
    corpus_tables,
    inputs=dict(snakemake.input.items()),
    outputs=dict(snakemake.output.items()),
    params=dict(snakemake.params.items()),
)
