rule annotate_shard:
    input:
        # Not gated by the cleaning stage's report: the articles table waits for this job (an
        # article whose annotation fails moves from articles to rejected), and the table jobs
        # that publish what it finds wait for the cleaning stage's report.
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
    output:
        timexes=f"{INTERIM}/timexes/{{shard}}.parquet",
        mentions=f"{INTERIM}/mentions/{{shard}}.parquet",
        event_mentions=f"{INTERIM}/event_mentions/{{shard}}.parquet",
        signatures=f"{INTERIM}/signatures/{{shard}}.parquet",
        # Articles whose annotation failed: the articles table rejects them.
        failures=f"{INTERIM}/failures/{{shard}}.parquet",
    log:
        f"{LOGS}/annotate_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    resources:
        mem_mb=1500,
    params:
        pipelines=PIPELINES,
        batch_size=config["spacy"]["batch_size"],
        shingle_size=config["dedup"]["shingle_size"],
        num_perm=config["dedup"]["num_perm"],
        parse_cache=lambda wildcards: f"{CACHE}/parse/{wildcards.shard}.parquet",
        reading_cache=lambda wildcards: f"{CACHE}/readings/{wildcards.shard}",
        signature_cache=lambda wildcards: f"{CACHE}/signatures/{wildcards.shard}.parquet",
    script:
        "../../scripts/annotate_shard.py"
