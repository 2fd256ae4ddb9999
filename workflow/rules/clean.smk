rule clean_shard:
    input:
        shard_files,
    output:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        boilerplate=f"{INTERIM}/clean/{{shard}}.boilerplate.parquet",
        rejected=f"{INTERIM}/clean/{{shard}}.rejected.parquet",
    params:
        sources=shard_sources,
        max_bytes=config["max_article_bytes"],
    log:
        f"{LOGS}/clean_shard/{{shard}}.log",
    script:
        "../../scripts/clean_shard.py"


rule articles_table:
    input:
        articles=per_shard(f"{INTERIM}/clean/{{shard}}.articles.parquet"),
        boilerplate=per_shard(f"{INTERIM}/clean/{{shard}}.boilerplate.parquet"),
        rejected=per_shard(f"{INTERIM}/clean/{{shard}}.rejected.parquet"),
        suite="workflow/expectations/clean.yaml",
    output:
        articles="results/articles.parquet",
        boilerplate="results/boilerplate.parquet",
        rejected="results/rejected.parquet",
        report="results/validation/clean.json",
    params:
        sources=[source.path for source in SOURCES],
    log:
        text=f"{LOGS}/articles_table.log",
        report=f"{LOGS}/validation/clean.json",
    script:
        "../../scripts/articles_table.py"
