rule timexes_shard:
    input:
        docs=f"{INTERIM}/parse/{{shard}}.spacy",
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
    output:
        timexes=f"{INTERIM}/timexes/{{shard}}.parquet",
    log:
        f"{LOGS}/timexes_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    script:
        "../../scripts/timexes_shard.py"


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
        docs=f"{LOGS}/validation/dates",
    conda:
        SOFTWARE_ENV
    script:
        "../../scripts/timexes_table.py"
