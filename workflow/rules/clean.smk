rule clean_shard:
    input:
        shard_files,
    output:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        boilerplate=f"{INTERIM}/clean/{{shard}}.boilerplate.parquet",
        rejected=f"{INTERIM}/clean/{{shard}}.rejected.parquet",
        skipped=f"{INTERIM}/clean/{{shard}}.skipped.parquet",
    log:
        f"{LOGS}/clean_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    params:
        sources=shard_sources,
        metadata=shard_metadata,
        max_bytes=config["max_article_bytes"],
        extraction=config["extraction"],
        corpus_language=CORPUS_LANGUAGE,
        clean_cache=lambda wildcards: f"{CACHE}/clean/{wildcards.shard}.parquet",
    script:
        "../../scripts/clean_shard.py"
