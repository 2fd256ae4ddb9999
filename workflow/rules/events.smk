rule event_mentions_shard:
    input:
        docs=f"{INTERIM}/parse/{{shard}}.spacy",
        mentions=f"{INTERIM}/mentions/{{shard}}.parquet",
        timexes=f"{INTERIM}/timexes/{{shard}}.parquet",
        dates_gate=validated("dates"),
        entities_gate=validated("entities"),
    output:
        event_mentions=f"{INTERIM}/event_mentions/{{shard}}.parquet",
    log:
        f"{LOGS}/event_mentions_shard/{{shard}}.log",
    conda:
        SOFTWARE_ENV
    script:
        "../../scripts/event_mentions_shard.py"


rule events_table:
    input:
        event_mentions=per_shard(f"{INTERIM}/event_mentions/{{shard}}.parquet"),
        mentions="results/mentions.parquet",
        duplicates="results/duplicates.parquet",
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
        docs=f"{LOGS}/validation/events",
    conda:
        SOFTWARE_ENV
    script:
        "../../scripts/events_table.py"
