rule timexes_table:
    input:
        timexes=per_shard(f"{INTERIM}/timexes/{{shard}}.parquet"),
        articles="results/articles.parquet",
        suite="workflow/expectations/dates.yaml",
    output:
        timexes=report(
            "results/timexes.parquet",
            caption="../report/timexes.rst",
            category="Tables",
        ),
        report=report(
            "results/validation/dates.json",
            caption="../report/validation.rst",
            category="Validation",
        ),
        docs=directory("results/validation/dates"),
    log:
        text=f"{LOGS}/timexes_table.log",
        report=f"{LOGS}/validation/dates.json",
    conda:
        SOFTWARE_ENV
    params:
        # Kept on failure, when it is read: not an output, and no log (a folder).
        kept_docs=f"{LOGS}/validation/dates",
    script:
        "../../scripts/timexes_table.py"
