rule signatures_shard:
    input:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        gate=validated("clean"),
    output:
        signatures=f"{INTERIM}/signatures/{{shard}}.parquet",
    log:
        f"{LOGS}/signatures_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    params:
        shingle_size=config["dedup"]["shingle_size"],
        num_perm=config["dedup"]["num_perm"],
    script:
        "../../scripts/signatures_shard.py"


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
        docs=f"{LOGS}/validation/dedup",
    conda:
        SOFTWARE_ENV
    params:
        threshold=config["dedup"]["threshold"],
    script:
        "../../scripts/duplicates_table.py"
