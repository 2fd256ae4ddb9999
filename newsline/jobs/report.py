"""The report's HTML pages that ``snakemake --report`` shows beside the tables, written by
``corpus_tables`` once every stage is published."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from newsline import charts, parts
from newsline.jobs.common import log
from newsline.tables import write_text

# Rejections that are newsline's fault, not the input's: listed apart on the overview.
FAILURE_REASONS = ("cleaning_failed", "annotation_failed")


def overview_page(
    articles: str,
    rejected: pd.DataFrame,
    mentions: str,
    entities: pd.DataFrame,
    timexes: str,
    duplicates: str,
    events: pd.DataFrame,
    validation_reports: Sequence[str],
    validation_docs: Sequence[str],
) -> str:
    """The run's overview: its figures, each stage's validation and the rejected inputs."""
    reports = {
        Path(path).stem: json.loads(Path(path).read_text(encoding="utf-8"))
        for path in validation_reports
    }
    docs = {Path(path).name: str(Path(path) / "index.html") for path in validation_docs}
    validation = charts.validation_rows(reports, docs)
    figures = charts.run_figures(
        articles=parts.row_count(articles),
        rejected=len(rejected),
        mentions=parts.row_count(mentions),
        entities=len(entities),
        timexes=pd.read_parquet(timexes, columns=["resolved"]),
        duplicates=pd.read_parquet(duplicates, columns=["cluster_id", "kind"]),
        events=events,
    )
    return charts.page(
        "newsline: the run",
        "What this run produced, what each stage's validation said, and which inputs were"
        " rejected and why. Each stage's Great Expectations Data Docs are an HTML site at"
        " the path given, under results/validation/.",
        charts.validation_chart(validation),
        [
            ("Figures", figures),
            ("Validation by stage", validation),
            *[
                ("Articles newsline failed on (a bug: please report it)", failed)
                for failed in [rejected[rejected["reason"].isin(FAILURE_REASONS)]]
                if len(failed)
            ],
            ("Rejected inputs", rejected),
        ],
    )


def report_pages(
    articles: str,
    rejected: str,
    mentions: str,
    entities: str,
    timexes: str,
    duplicates: str,
    events: str,
    cooccurrence: str,
    validation_reports: Sequence[str],
    validation_docs: Sequence[str],
    overview: str,
    timeline: str,
    top_entities: str,
    network: str,
    vega_scripts: str,
) -> None:
    """The report's four pages; ``vega_scripts`` is where the Vega scripts they inline are kept
    between runs (``charts.vega_scripts``)."""
    charts.vega_scripts(kept_at=Path(vega_scripts))
    entity_frame = pd.read_parquet(entities)
    names = dict(zip(entity_frame["entity_id"], entity_frame["name"], strict=True))
    event_frame = pd.read_parquet(events)
    rejected_frame = pd.read_parquet(rejected)
    write_text(
        path=overview,
        text=overview_page(
            articles=articles,
            rejected=rejected_frame,
            mentions=mentions,
            entities=entity_frame,
            timexes=timexes,
            duplicates=duplicates,
            events=event_frame,
            validation_reports=validation_reports,
            validation_docs=validation_docs,
        ),
    )
    rows = charts.event_rows(event_frame, names)
    write_text(
        path=timeline,
        text=charts.page(
            "Events timeline",
            "Meetings, visits, talks and calls: one point per real-world event, sized by the"
            " number of independent sources that report it; an event no source dates is a hollow"
            " ring on the day it was first reported. Hover a point for its evidence.",
            charts.event_timeline(event_frame, names),
            [
                (
                    "Events without a calendar date (on the timeline at their first report)",
                    rows[rows["undated"]].drop(columns=["date", "undated"]),
                ),
                ("Every event", rows),
            ],
        ),
    )
    write_text(
        path=top_entities,
        text=charts.page(
            "Top entities",
            "People, places and organisations named in most articles, after canonicalisation"
            " (one entity whatever the spelling).",
            charts.top_entities(entity_frame),
        ),
    )
    write_text(
        path=network,
        text=charts.page(
            "Co-occurrence network",
            "People and states named in the same sentence; line width is the number of such"
            " sentences. Hover a line or a point for the figures.",
            charts.cooccurrence_network(pd.read_parquet(cooccurrence), entity_frame),
        ),
    )
    log.info("report pages written: %s events, %s entities", len(event_frame), len(entity_frame))
