"""Snakemake entry of rule annotate_shard: see newsline.jobs.annotate.annotate_shard."""

from newsline.jobs.annotate import annotate_shard
from newsline.jobs.common import run

run(
    snakemake.log[0],
    annotate_shard,
    articles=snakemake.input.articles,
    pipelines=snakemake.params.pipelines,
    batch_size=snakemake.params.batch_size,
    shingle_size=snakemake.params.shingle_size,
    num_perm=snakemake.params.num_perm,
    parse_cache=snakemake.params.parse_cache,
    reading_cache=snakemake.params.reading_cache,
    signature_cache=snakemake.params.signature_cache,
    timexes=snakemake.output.timexes,
    mentions=snakemake.output.mentions,
    event_mentions=snakemake.output.event_mentions,
    signatures=snakemake.output.signatures,
    failures=snakemake.output.failures,
)
