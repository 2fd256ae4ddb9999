"""corpus_tables: every stage's corpus-level tables in one job, stage by stage.

The shards' outputs are merged into the contract tables in the stages' order (clean, dates,
entities, dedup, events, aggregate); each stage's tables are validated by its Great Expectations
suite and published before the next stage reads them, and a failing stage ends the job. One
process rather than one per stage: every process pays a Python start and the Great Expectations
import (about 2.5 s), which a rebuild after a few added articles would pay six times over for
seconds of work. The suites run in a second process that the job starts first thing
(``newsline.suite_process``), so that the import is done on the other core while this one reads
the shards and builds the first stage's tables. Meanwhile a third process decides the canonical
entities, which read only the shards' mentions, so the entity stage finds them decided when the
stages before it passed. Once every stage is published, the job writes the report's pages from
the tables (``newsline.jobs.report``): in this job rather than one of their own, whose Python
start and imports every rebuild would wait for.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsline.jobs.aggregate import aggregate_tables
from newsline.jobs.clean import articles_table
from newsline.jobs.common import (
    ValidationPaths,
    log,
    shard_files,
    suites_in_second_process,
    timed_step,
)
from newsline.jobs.dates import timexes_table
from newsline.jobs.dedup import duplicates_table
from newsline.jobs.entities import Decided, decide_entities, entities_table
from newsline.jobs.events import events_table
from newsline.jobs.report import report_pages

if TYPE_CHECKING:
    from newsline.suite_process import SuiteProcess

STAGES = ("clean", "dates", "entities", "dedup", "events", "aggregate")


@contextmanager
def _stage(name: str) -> Iterator[None]:
    started = time.perf_counter()
    log.info("stage %s: building and validating its tables", name)
    yield
    log.info("stage %s done in %.1f s", name, time.perf_counter() - started)


def validation_paths(
    outputs: Mapping[str, Any], params: Mapping[str, Any]
) -> dict[str, ValidationPaths]:
    """Each stage's validation paths, as the rule names them: outputs ``<stage>_report`` and
    ``<stage>_docs``, params ``<stage>_kept_report`` and ``<stage>_kept_docs``."""
    return {
        stage: ValidationPaths(
            report=outputs[f"{stage}_report"],
            docs=outputs[f"{stage}_docs"],
            kept_report=params[f"{stage}_kept_report"],
            kept_docs=params[f"{stage}_kept_docs"],
        )
        for stage in STAGES
    }


def corpus_tables(
    inputs: Mapping[str, Any],
    outputs: Mapping[str, Any],
    params: Mapping[str, Any],
    suites: SuiteProcess | None = None,
) -> None:
    """The rule's named inputs (the shard jobs' folders, ``shards``; ``metadata``; the suites,
    ``<stage>_suite``), outputs and params (see workflow/rules/tables.smk). The suites run in
    ``suites``, a process the job started first thing, or in one started now; it ends with the
    job, whatever ends the job."""
    inputs = {**inputs, **shard_files(inputs["shards"])}
    with suites_in_second_process(suites), _entities_ahead(inputs, params) as decided:
        for name, step in _steps(inputs, outputs, params, decided):
            with _stage(name):
                step()
    with timed_step("report"):
        _write_report(outputs, params["vega_scripts"])


def _write_report(outputs: Mapping[str, Any], vega_scripts: str) -> None:
    """The report's pages from the published tables and validation reports."""
    report_pages(
        articles=outputs["articles"], rejected=outputs["rejected"],
        mentions=outputs["mentions"], entities=outputs["entities"], timexes=outputs["timexes"],
        duplicates=outputs["duplicates"], events=outputs["events"],
        cooccurrence=outputs["entity_cooccurrence"],
        validation_reports=[outputs[f"{stage}_report"] for stage in STAGES],
        validation_docs=[outputs[f"{stage}_docs"] for stage in STAGES],
        overview=outputs["overview"], timeline=outputs["timeline"],
        top_entities=outputs["top_entities"], network=outputs["network"],
        vega_scripts=vega_scripts,
    )  # fmt: skip


@contextmanager
def _entities_ahead(
    inputs: Mapping[str, Any], params: Mapping[str, Any]
) -> Iterator[Future[Decided]]:
    """The entities, decided in a process of their own while the earlier stages work and wait
    for their suites' reports (the first wait is for Great Expectations' import). A process, not
    a thread: the deciding is Python's work as much as DuckDB's, and on a thread it took turns
    with the earlier stages for the one interpreter lock (at 11,125 articles 5.7 s of deciding
    and 3 s of the clean stage, one after the other). Forked before the job reads anything, the
    way ``newsline.suite_process`` is; what comes back is the pickled ``Decided``. The entity
    stage takes them once the earlier stages passed; a job that fails before logs its error
    without waiting for them (and ends when the process does, within the seconds the deciding
    takes)."""
    ahead = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        yield ahead.submit(
            decide_entities, inputs["shard_mentions"], params["aliases"], params["name_similarity"]
        )
    finally:
        ahead.shutdown(wait=False, cancel_futures=True)


def _steps(
    inputs: Mapping[str, Any],
    outputs: Mapping[str, Any],
    params: Mapping[str, Any],
    decided: Future[Decided],
) -> list[tuple[str, Callable[[], None]]]:
    """Each stage's name and the call that builds, validates and publishes its tables;
    ``decided``, the entities being decided."""
    checks = validation_paths(outputs, params)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("clean", lambda: articles_table(
            shard_sources=inputs["shard_sources"], unread=params["unread"],
            metadata=params["metadata"],
            max_bytes=params["max_bytes"], shard_articles=inputs["shard_articles"],
            shard_boilerplate=inputs["shard_boilerplate"], shard_rejected=inputs["shard_rejected"],
            shard_skipped=inputs["shard_skipped"], shard_failures=inputs["shard_failures"],
            shard_timexes=inputs["shard_timexes"],
            shard_event_mentions=inputs["shard_event_mentions"],
            shard_mentions=inputs["shard_mentions"], dating=params["dating"],
            article_dates=outputs["article_dates"], suite=inputs["clean_suite"],
            articles=outputs["articles"], boilerplate=outputs["boilerplate"],
            rejected=outputs["rejected"], skipped=outputs["skipped"], validation=checks["clean"],
        )),
        ("dates", lambda: timexes_table(
            shard_timexes=inputs["shard_timexes"], article_dates=outputs["article_dates"],
            articles=outputs["articles"], suite=inputs["dates_suite"],
            timexes=outputs["timexes"], validation=checks["dates"],
        )),
        ("entities", lambda: entities_table(
            decided=decided.result(), shard_mentions=inputs["shard_mentions"],
            articles=outputs["articles"], suite=inputs["entities_suite"],
            mentions=outputs["mentions"], entities=outputs["entities"],
            validation=checks["entities"],
        )),
        ("dedup", lambda: duplicates_table(
            shard_signatures=inputs["shard_signatures"], articles=outputs["articles"],
            thresholds=params["dedup_thresholds"], suite=inputs["dedup_suite"],
            duplicates=outputs["duplicates"], validation=checks["dedup"],
            clusters=params["dedup_cache"],
        )),
        ("events", lambda: events_table(
            shard_event_mentions=inputs["shard_event_mentions"], mentions=outputs["mentions"],
            entities=outputs["entities"], duplicates=outputs["duplicates"],
            articles=outputs["articles"], timexes=outputs["timexes"],
            suite=inputs["events_suite"], events=outputs["events"], validation=checks["events"],
        )),
        ("aggregate", lambda: aggregate_tables(
            mentions=outputs["mentions"], articles=outputs["articles"],
            suite=inputs["aggregate_suite"], cooccurrence=outputs["entity_cooccurrence"],
            daily=outputs["entity_daily"], validation=checks["aggregate"],
            counted=params["aggregate_cache"],
        )),
    ]  # fmt: skip
    return steps
