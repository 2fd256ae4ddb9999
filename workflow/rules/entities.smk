rule mentions_shard:
    input:
        docs=f"{INTERIM}/parse/{{shard}}.spacy",
    output:
        mentions=f"{INTERIM}/mentions/{{shard}}.parquet",
    log:
        f"{LOGS}/mentions_shard/{{shard}}.log",
    script:
        "../../scripts/mentions_shard.py"


rule entities_table:
    input:
        mentions=per_shard(f"{INTERIM}/mentions/{{shard}}.parquet"),
        articles="results/articles.parquet",
        suite="workflow/expectations/entities.yaml",
    output:
        mentions="results/mentions.parquet",
        entities="results/entities.parquet",
        report="results/validation/entities.json",
    log:
        text=f"{LOGS}/entities_table.log",
        report=f"{LOGS}/validation/entities.json",
    script:
        "../../scripts/entities_table.py"
