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
        metadata=shard_metadata,
        max_bytes=config["max_article_bytes"],
    script:
        "../../scripts/clean_shard.py"


rule articles_table:
    input:
        articles=per_shard(f"{INTERIM}/clean/{{shard}}.articles.parquet"),
        boilerplate=per_shard(f"{INTERIM}/clean/{{shard}}.boilerplate.parquet"),
        rejected=per_shard(f"{INTERIM}/clean/{{shard}}.rejected.parquet"),
        metadata=list(METADATA_FILES),
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
        docs=directory("results/validation/clean"),
    log:
        text=f"{LOGS}/articles_table.log",
        report=f"{LOGS}/validation/clean.json",
    # Before the shards' parses: a cleaning stage that fails stops the run early.
    priority: 10
    conda:
        SOFTWARE_ENV
    params:
        # Kept on failure, when it is read: not an output, and no log (a folder).
        kept_docs=f"{LOGS}/validation/clean",
        sources=all_sources,
        untrackable=untrackable_paths,
        metadata=metadata_roots,
        max_bytes=config["max_article_bytes"],
    script:
        "../../scripts/articles_table.py"
