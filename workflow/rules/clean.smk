rule clean_shard:
    input:
        shard_files,
    output:
        articles=f"{INTERIM}/clean/{{shard}}.articles.parquet",
        boilerplate=f"{INTERIM}/clean/{{shard}}.boilerplate.parquet",
        rejected=f"{INTERIM}/clean/{{shard}}.rejected.parquet",
        skipped=f"{INTERIM}/clean/{{shard}}.skipped.parquet",
    log:
        f"{LOGS}/clean_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    params:
        sources=shard_sources,
        metadata=shard_metadata,
        max_bytes=config["max_article_bytes"],
        extraction=config["extraction"],
        corpus_language=CORPUS_LANGUAGE,
    script:
        "../../scripts/clean_shard.py"


rule articles_table:
    input:
        articles=per_shard(f"{INTERIM}/clean/{{shard}}.articles.parquet"),
        boilerplate=per_shard(f"{INTERIM}/clean/{{shard}}.boilerplate.parquet"),
        rejected=per_shard(f"{INTERIM}/clean/{{shard}}.rejected.parquet"),
        skipped=per_shard(f"{INTERIM}/clean/{{shard}}.skipped.parquet"),
        failures=per_shard(f"{INTERIM}/failures/{{shard}}.parquet"),
        # What publication dates are inferred from (newsline.dating).
        timexes=per_shard(f"{INTERIM}/timexes/{{shard}}.parquet"),
        event_mentions=per_shard(f"{INTERIM}/event_mentions/{{shard}}.parquet"),
        mentions=per_shard(f"{INTERIM}/mentions/{{shard}}.parquet"),
        metadata=list(METADATA_FILES),
        suite="workflow/expectations/clean.yaml",
    output:
        articles=part_table("articles"),
        boilerplate=part_table("boilerplate"),
        rejected=part_table("rejected"),
        # Beyond the contract: web archive records that hold no page, for the run summary.
        skipped="results/skipped_records.parquet",
        # Every article's publication date, given or inferred, for the dates stage.
        article_dates=f"{INTERIM}/article_dates.parquet",
        report=validation_report("clean"),
        docs=validation_docs("clean"),
    log:
        text=f"{LOGS}/articles_table.log",
        report=kept_validation_report("clean"),
    conda:
        SOFTWARE_ENV
    params:
        kept_docs=kept_validation_docs("clean"),
        sources=all_sources,
        unread=unread_paths,
        metadata=metadata_roots,
        max_bytes=config["max_article_bytes"],
        dating=config["dating"],
    script:
        "../../scripts/articles_table.py"
