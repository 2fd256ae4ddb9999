rule timexes_table:
    input:
        timexes=per_shard(f"{INTERIM}/timexes/{{shard}}.parquet"),
        articles="results/articles.parquet",
        suite="workflow/expectations/dates.yaml",
    output:
        timexes=table("timexes"),
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
