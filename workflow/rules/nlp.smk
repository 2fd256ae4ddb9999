rule parse_shard:
    input:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        gate=validated("clean"),
    output:
        docs=f"{INTERIM}/parse/{{shard}}.spacy",
    log:
        f"{LOGS}/parse_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    resources:
        mem_mb=1500,
    params:
        model=config["spacy"]["model"],
        batch_size=config["spacy"]["batch_size"],
    script:
        "../../scripts/parse_shard.py"
