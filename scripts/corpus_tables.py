"""Snakemake entry of rule corpus_tables: see newsline.jobs.corpus.corpus_tables."""

from newsline.suite_process import SuiteProcess

# Started before the job's own imports: it imports Great Expectations meanwhile.
suites = SuiteProcess()

from newsline.jobs.common import run  # noqa: E402
from newsline.jobs.corpus import corpus_tables  # noqa: E402

run(
    snakemake.log.text,
    corpus_tables,
    inputs=dict(snakemake.input.items()),
    outputs=dict(snakemake.output.items()),
    params=dict(snakemake.params.items()),
    suites=suites,
)
