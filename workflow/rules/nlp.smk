rule annotate_shard:
    input:
        # Not gated by the cleaning stage's report, so parsing starts while it validates: the
        # table jobs that publish what this job finds read results/articles.parquet, which
        # exists only once cleaning has passed.
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
    output:
        timexes=f"{INTERIM}/timexes/{{shard}}.parquet",
        mentions=f"{INTERIM}/mentions/{{shard}}.parquet",
        event_mentions=f"{INTERIM}/event_mentions/{{shard}}.parquet",
        signatures=f"{INTERIM}/signatures/{{shard}}.parquet",
    log:
        f"{LOGS}/annotate_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    resources:
        mem_mb=1500,
    params:
        model=config["spacy"]["model"],
        batch_size=config["spacy"]["batch_size"],
        shingle_size=config["dedup"]["shingle_size"],
        num_perm=config["dedup"]["num_perm"],
        parse_cache=lambda wildcards: f"{CACHE}/parse/{wildcards.shard}.spacy",
        signature_cache=lambda wildcards: f"{CACHE}/signatures/{wildcards.shard}.parquet",
    script:
        "../../scripts/annotate_shard.py"
