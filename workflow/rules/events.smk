rule events_table:
    input:
        event_mentions=per_shard(f"{INTERIM}/event_mentions/{{shard}}.parquet"),
        mentions="results/mentions.parquet",
        # A nationality's state ("Iraqi diplomats" take part as Iraq).
        entities="results/entities.parquet",
        duplicates="results/duplicates.parquet",
        # Outlets (source), for counting independent sources.
        articles="results/articles.parquet",
        # The event mentions' dates are the date stage's timexes (resolved against inferred
        # publication dates there): not used before they pass.
        timexes="results/timexes.parquet",
        dates_gate=validated("dates"),
        suite="workflow/expectations/events.yaml",
    output:
        events=table("events"),
        report=validation_report("events"),
        docs=validation_docs("events"),
    log:
        text=f"{LOGS}/events_table.log",
        report=kept_validation_report("events"),
    conda:
        SOFTWARE_ENV
    params:
        kept_docs=kept_validation_docs("events"),
    script:
        "../../scripts/events_table.py"
