# Every stage's corpus-level tables in one job (newsline.jobs.corpus): the shards' outputs merged
# into the contract tables stage by stage, each stage validated by its Great Expectations suite
# before the next one reads its tables. The tables are update() outputs: a job that fails puts
# back the tables of the last good run (its validation reports go, so the next run retries).
# Last, the job writes the report's pages from the published tables.
rule corpus_tables:
    input:
        **shard_outputs(),
        **stage_suites(),
        metadata=list(METADATA_FILES),
    output:
        **validation_outputs(),
        # The report's pages (overview and charts), written once every stage is published.
        **report_page_outputs(),
        articles=part_table("articles"),
        boilerplate=part_table("boilerplate"),
        rejected=part_table("rejected"),
        timexes=part_table("timexes"),
        mentions=part_table("mentions"),
        entities=table("entities"),
        duplicates=table("duplicates"),
        events=table("events"),
        entity_cooccurrence=table("entity_cooccurrence"),
        entity_daily=table("entity_daily"),
        # Beyond the contract: web archive records that hold no page, for the run summary.
        skipped=update("results/skipped_records.parquet"),
        # Every article's publication date, given or inferred (newsline.dating).
        article_dates=f"{INTERIM}/article_dates.parquet",
    log:
        text=f"{LOGS}/corpus_tables.log",
    conda:
        SOFTWARE_ENV
    params:
        **kept_validations(),
        # Which inputs there are (the job reads them from its shards' listings): a change
        # re-runs it.
        inputs_digest=discovered_digest,
        unread=unread_paths,
        metadata=metadata_roots,
        max_bytes=config["max_article_bytes"],
        dating=config["dating"],
        aliases=config["entities"]["aliases"],
        name_similarity=config["entities"]["name_similarity"],
        dedup_thresholds=DEDUP_THRESHOLDS,
        # What the clusters and the aggregates were made of (newsline.jobs.dedup, .aggregate),
        # to update them.
        dedup_cache=f"{CACHE}/dedup",
        aggregate_cache=f"{CACHE}/aggregate",
        # The Vega scripts the report's pages inline, kept between runs
        # (newsline.charts.vega_scripts).
        vega_scripts=f"{CACHE}/report/vega.js",
    script:
        "../../scripts/corpus_tables.py"
