rule parse_shard:
    input:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        gate=validated("clean"),
    output:
        docs=f"{INTERIM}/parse/{{shard}}.spacy",
    params:
        model=config["spacy"]["model"],
        batch_size=config["spacy"]["batch_size"],
    resources:
        mem_mb=1500,
    log:
        f"{LOGS}/parse_shard/{{shard}}.log",
    script:
        "../../scripts/parse_shard.py"
