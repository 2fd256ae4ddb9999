rule events_table:
    input:
        event_mentions=per_shard(f"{INTERIM}/event_mentions/{{shard}}.parquet"),
        mentions="results/mentions.parquet",
        duplicates="results/duplicates.parquet",
        # The event mentions' dates are the date stage's timexes: not used before they pass.
        dates_gate=validated("dates"),
        suite="workflow/expectations/events.yaml",
    output:
        events=report(
            "results/events.parquet",
            caption="../report/events.rst",
            category="Tables",
        ),
        report=report(
            "results/validation/events.json",
            caption="../report/validation.rst",
            category="Validation",
        ),
        docs=directory("results/validation/events"),
    log:
        text=f"{LOGS}/events_table.log",
        report=f"{LOGS}/validation/events.json",
    conda:
        SOFTWARE_ENV
    params:
        # Kept on failure, when it is read: not an output, and no log (a folder).
        kept_docs=f"{LOGS}/validation/events",
    script:
        "../../scripts/events_table.py"
