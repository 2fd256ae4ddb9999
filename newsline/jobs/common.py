"""What every job shares: logging to its Snakemake log, the validation gate, and the
cross-table checks the suites read as columns."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables

log = logging.getLogger("newsline")


def run(log_path: str, job: Callable[..., Any], **kwargs: Any) -> None:
    """Run one job with logging to its Snakemake log and to the terminal; exit 1 on failure with
    the error's own message (a traceback only for errors that are bugs, not bad data)."""
    # Imported here, not at the top: validate imports pandas, which a cleaning job never needs.
    from newsline.validate import ValidationFailed

    Path(log_path).parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [logging.FileHandler(log_path, mode="w", encoding="utf-8")]
    handlers.append(logging.StreamHandler(sys.stderr))
    # Libraries (Great Expectations above all) log only warnings; newsline logs its progress.
    logging.basicConfig(
        level=logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )
    log.setLevel(logging.INFO)
    started = time.perf_counter()
    try:
        job(**kwargs)
    except ValidationFailed as failure:
        log.error("%s", failure)
        sys.exit(1)
    except Exception:
        log.exception("%s failed", job.__name__)
        sys.exit(1)
    log.info("%s done in %.1f s", job.__name__, time.perf_counter() - started)


def problems(keys: Iterable[Any], ok: Iterable[bool]) -> list[str | None]:
    """A suite's cross-table check as a column: null where the row is fine, its key where not,
    so that a failure's sample names the offending rows."""
    return [None if fine else str(key) for key, fine in zip(keys, ok, strict=True)]


@dataclass(frozen=True)
class ValidationPaths:
    """Where a stage's validation goes. The report (JSON) and the Great Expectations Data Docs
    are published beside the tables when the stage passes, and kept in the log folder always:
    Snakemake deletes a failed job's outputs, and a failing run is when they are read."""

    report: str
    docs: str
    kept_report: str
    kept_docs: str

    @classmethod
    def of_job(cls, job: Any) -> ValidationPaths:
        """The paths a table rule declares through common.smk's validation helpers: outputs
        ``report`` and ``docs``, log ``report``, param ``kept_docs``."""
        return cls(
            report=job.output.report,
            docs=job.output.docs,
            kept_report=job.log.report,
            kept_docs=job.params.kept_docs,
        )


def gate_and_publish(
    stage: str,
    suite: str,
    frames_to_check: dict[str, Any],
    outputs: dict[str, tuple[pa.Table, str]],
    validation: ValidationPaths,
) -> None:
    """Validate, keep the report and Data Docs (also when failing), then publish the tables,
    the Data Docs and the report, the report last: it is what later stages wait for."""
    from newsline.validate import gate, load_suite, publish_docs, run_suite, write_report

    report = run_suite(stage, load_suite(suite), frames_to_check, docs=validation.kept_docs)
    write_report(report, validation.kept_report)
    gate(report, kept_at=validation.kept_report, docs_at=validation.kept_docs)
    for table, path in outputs.values():
        tables.write_table(table, path)
    publish_docs(validation.kept_docs, validation.docs)
    write_report(report, validation.report)
    log.info(
        "stage %s valid: %s",
        stage,
        ", ".join(f"{n}={t.num_rows} rows" for n, (t, _) in outputs.items()),
    )


def offset_mismatches(frame: Any, texts: dict[str, str]) -> list[str | None]:
    """``article_id@start_char`` of every span whose text is not at its offsets."""
    columns = ("article_id", "start_char", "end_char", "text")
    keys, ok = [], []
    for article_id, start, end, text in zip(*(frame[c] for c in columns), strict=True):
        keys.append(f"{article_id}@{start}")
        ok.append(texts.get(article_id, "")[start:end] == text)
    return problems(keys, ok)


def column_by_article(path: str, column: str) -> dict[str, Any]:
    """One column of a table keyed by its ``article_id`` (articles' texts, dates, clusters)."""
    table = pq.read_table(path, columns=["article_id", column])
    return dict(
        zip(table.column("article_id").to_pylist(), table.column(column).to_pylist(), strict=True)
    )
