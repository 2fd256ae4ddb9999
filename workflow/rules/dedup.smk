rule duplicates_table:
    input:
        signatures=per_shard(f"{INTERIM}/signatures/{{shard}}.parquet"),
        articles="results/articles.parquet",
        suite="workflow/expectations/dedup.yaml",
    output:
        duplicates=report(
            "results/duplicates.parquet",
            caption="../report/duplicates.rst",
            category="Tables",
        ),
        report=report(
            "results/validation/dedup.json",
            caption="../report/validation.rst",
            category="Validation",
        ),
        docs=directory("results/validation/dedup"),
    log:
        text=f"{LOGS}/duplicates_table.log",
        report=f"{LOGS}/validation/dedup.json",
    conda:
        SOFTWARE_ENV
    params:
        # Kept on failure, when it is read: not an output, and no log (a folder).
        kept_docs=f"{LOGS}/validation/dedup",
        threshold=config["dedup"]["threshold"],
    script:
        "../../scripts/duplicates_table.py"
