rule clean_shard:
    input:
        shard_files,
    output:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        boilerplate=f"{INTERIM}/clean/{{shard}}.boilerplate.parquet",
        rejected=f"{INTERIM}/clean/{{shard}}.rejected.parquet",
    log:
        f"{LOGS}/clean_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    params:
        sources=shard_sources,
        max_bytes=config["max_article_bytes"],
    script:
        "../../scripts/clean_shard.py"


rule articles_table:
    input:
        articles=per_shard(f"{INTERIM}/clean/{{shard}}.articles.parquet"),
        boilerplate=per_shard(f"{INTERIM}/clean/{{shard}}.boilerplate.parquet"),
        rejected=per_shard(f"{INTERIM}/clean/{{shard}}.rejected.parquet"),
        suite="workflow/expectations/clean.yaml",
    output:
        articles=report(
            "results/articles.parquet",
            caption="../report/articles.rst",
            category="Tables",
        ),
        boilerplate=report(
            "results/boilerplate.parquet",
            caption="../report/boilerplate.rst",
            category="Tables",
        ),
        rejected=report(
            "results/rejected.parquet",
            caption="../report/rejected.rst",
            category="Tables",
        ),
        report=report(
            "results/validation/clean.json",
            caption="../report/validation.rst",
            category="Validation",
        ),
    log:
        text=f"{LOGS}/articles_table.log",
        report=f"{LOGS}/validation/clean.json",
    conda:
        SOFTWARE_ENV
    params:
        sources=[source.path for source in SOURCES],
    script:
        "../../scripts/articles_table.py"
