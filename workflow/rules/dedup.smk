rule signatures_shard:
    input:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        gate=validated("clean"),
    output:
        signatures=f"{INTERIM}/signatures/{{shard}}.parquet",
    params:
        shingle_size=config["dedup"]["shingle_size"],
        num_perm=config["dedup"]["num_perm"],
    log:
        f"{LOGS}/signatures_shard/{{shard}}.log",
    script:
        "../../scripts/signatures_shard.py"


rule duplicates_table:
    input:
        signatures=per_shard(f"{INTERIM}/signatures/{{shard}}.parquet"),
        suite="workflow/expectations/dedup.yaml",
    output:
        duplicates="results/duplicates.parquet",
        report="results/validation/dedup.json",
    params:
        threshold=config["dedup"]["threshold"],
    log:
        text=f"{LOGS}/duplicates_table.log",
        report=f"{LOGS}/validation/dedup.json",
    script:
        "../../scripts/duplicates_table.py"
