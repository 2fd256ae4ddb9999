# One job per shard: cleaning, then the one spaCy pass and what is read off it. One job, not
# one per step: each job pays a Python start and imports, and a rebuild runs a job for every
# shard its new articles land in. Not gated by the cleaning stage's report: the articles table
# waits for this job (an article whose annotation fails moves from articles to rejected), and
# corpus_tables validates every stage before it publishes.
rule shard_tables:
    input:
        shard_files,
    output:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        boilerplate=f"{INTERIM}/clean/{{shard}}.boilerplate.parquet",
        rejected=f"{INTERIM}/clean/{{shard}}.rejected.parquet",
        skipped=f"{INTERIM}/clean/{{shard}}.skipped.parquet",
        timexes=f"{INTERIM}/timexes/{{shard}}.parquet",
        mentions=f"{INTERIM}/mentions/{{shard}}.parquet",
        event_mentions=f"{INTERIM}/event_mentions/{{shard}}.parquet",
        signatures=f"{INTERIM}/signatures/{{shard}}.parquet",
        # Articles whose annotation failed: the articles table rejects them.
        failures=f"{INTERIM}/failures/{{shard}}.parquet",
    log:
        f"{LOGS}/shard_tables/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    resources:
        mem_mb=1500,
    params:
        sources=shard_sources,
        metadata=shard_metadata,
        max_bytes=config["max_article_bytes"],
        extraction=config["extraction"],
        corpus_language=CORPUS_LANGUAGE,
        clean_cache=lambda wildcards: f"{CACHE}/clean/{wildcards.shard}.parquet",
        language_model_cache=f"{CACHE}/language",
        pipelines=PIPELINES,
        batch_size=config["spacy"]["batch_size"],
        shingle_size=config["dedup"]["shingle_size"],
        num_perm=config["dedup"]["num_perm"],
        parse_cache=lambda wildcards: f"{CACHE}/parse/{wildcards.shard}.parquet",
        reading_cache=lambda wildcards: f"{CACHE}/readings/{wildcards.shard}",
        signature_cache=lambda wildcards: f"{CACHE}/signatures/{wildcards.shard}.parquet",
    script:
        "../../scripts/shard_tables.py"
