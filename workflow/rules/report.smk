rule report_pages:
    input:
        articles="results/articles.parquet",
        rejected="results/rejected.parquet",
        mentions="results/mentions.parquet",
        entities="results/entities.parquet",
        timexes="results/timexes.parquet",
        duplicates="results/duplicates.parquet",
        events="results/events.parquet",
        cooccurrence="results/entity_cooccurrence.parquet",
        validation_reports=expand("results/validation/{stage}.json", stage=STAGES),
        validation_docs=expand("results/validation/{stage}", stage=STAGES),
    output:
        overview=report(
            "results/report/overview.html",
            caption="../report/overview.rst",
            category="Overview",
        ),
        timeline=report(
            "results/report/timeline.html",
            caption="../report/timeline.rst",
            category="Charts",
        ),
        top_entities=report(
            "results/report/top_entities.html",
            caption="../report/top_entities.rst",
            category="Charts",
        ),
        network=report(
            "results/report/network.html",
            caption="../report/network.rst",
            category="Charts",
        ),
    log:
        f"{LOGS}/report_pages.log",
    conda:
        SOFTWARE_ENV
    params:
        # The Vega scripts the pages inline, kept between runs (newsline.charts.vega_scripts).
        vega_scripts=f"{CACHE}/report/vega.js",
    script:
        "../../scripts/report_pages.py"
