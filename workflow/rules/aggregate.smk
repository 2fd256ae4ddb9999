rule aggregate_tables:
    input:
        mentions="results/mentions.parquet",
        articles="results/articles.parquet",
        suite="workflow/expectations/aggregate.yaml",
    output:
        cooccurrence="results/entity_cooccurrence.parquet",
        daily="results/entity_daily.parquet",
        report="results/validation/aggregate.json",
    log:
        text=f"{LOGS}/aggregate_tables.log",
        report=f"{LOGS}/validation/aggregate.json",
    script:
        "../../scripts/aggregate_tables.py"
