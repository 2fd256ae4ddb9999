"""Snakemake entry of rule report_pages: see newsline.jobs.report.report_pages."""

from newsline.jobs.common import run
from newsline.jobs.report import report_pages

run(
    snakemake.log[0],
    report_pages,
    articles=snakemake.input.articles,
    rejected=snakemake.input.rejected,
    mentions=snakemake.input.mentions,
    entities=snakemake.input.entities,
    timexes=snakemake.input.timexes,
    duplicates=snakemake.input.duplicates,
    events=snakemake.input.events,
    cooccurrence=snakemake.input.cooccurrence,
    validation_reports=snakemake.input.validation_reports,
    validation_docs=snakemake.input.validation_docs,
    overview=snakemake.output.overview,
    timeline=snakemake.output.timeline,
    top_entities=snakemake.output.top_entities,
    network=snakemake.output.network,
    vega_scripts=snakemake.params.vega_scripts,
)
