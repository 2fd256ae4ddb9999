rule mentions_shard:
    input:
        docs=f"{INTERIM}/parse/{{shard}}.spacy",
    output:
        mentions=f"{INTERIM}/mentions/{{shard}}.parquet",
    log:
        f"{LOGS}/mentions_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    script:
        "../../scripts/mentions_shard.py"


rule entities_table:
    input:
        mentions=per_shard(f"{INTERIM}/mentions/{{shard}}.parquet"),
        articles="results/articles.parquet",
        suite="workflow/expectations/entities.yaml",
    output:
        mentions=report(
            "results/mentions.parquet",
            caption="../report/mentions.rst",
            category="Tables",
        ),
        entities=report(
            "results/entities.parquet",
            caption="../report/entities.rst",
            category="Tables",
        ),
        report=report(
            "results/validation/entities.json",
            caption="../report/validation.rst",
            category="Validation",
        ),
        docs=directory("results/validation/entities"),
    log:
        text=f"{LOGS}/entities_table.log",
        report=f"{LOGS}/validation/entities.json",
        docs=f"{LOGS}/validation/entities",
    conda:
        SOFTWARE_ENV
    params:
        aliases=config["entities"]["aliases"],
        name_similarity=config["entities"]["name_similarity"],
    script:
        "../../scripts/entities_table.py"
