rule article_dates:
    input:
        articles=per_shard(f"{INTERIM}/clean/{{shard}}.articles.parquet"),
        timexes=per_shard(f"{INTERIM}/timexes/{{shard}}.parquet"),
        event_mentions=per_shard(f"{INTERIM}/event_mentions/{{shard}}.parquet"),
        mentions=per_shard(f"{INTERIM}/mentions/{{shard}}.parquet"),
    output:
        f"{INTERIM}/article_dates.parquet",
    log:
        f"{LOGS}/article_dates.log",
    conda:
        SOFTWARE_ENV
    params:
        max_days=config["dating"]["max_interval_days"],
        # So that a shard gone with its last article re-runs this job (see per_shard).
        shards=SHARDS,
    script:
        "../../scripts/article_dates.py"


rule timexes_table:
    input:
        timexes=per_shard(f"{INTERIM}/timexes/{{shard}}.parquet"),
        article_dates=f"{INTERIM}/article_dates.parquet",
        articles="results/articles.parquet",
        suite="workflow/expectations/dates.yaml",
    output:
        timexes=part_table("timexes"),
        report=validation_report("dates"),
        docs=validation_docs("dates"),
    log:
        text=f"{LOGS}/timexes_table.log",
        report=kept_validation_report("dates"),
    conda:
        SOFTWARE_ENV
    params:
        kept_docs=kept_validation_docs("dates"),
    script:
        "../../scripts/timexes_table.py"
