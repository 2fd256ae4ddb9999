"""What every job shares: logging to its Snakemake log, the validation gate, and the
cross-table checks the suites read as columns."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsline import parts, tables
from newsline.cache import code_fingerprint, content_key
from newsline.validate import ValidationFailed

if TYPE_CHECKING:
    import duckdb

    from newsline.suite_process import SuiteProcess

log = logging.getLogger("newsline")


def run(log_path: str, job: Callable[..., Any], **kwargs: Any) -> NoReturn:
    """Run one job with logging to its Snakemake log and to the terminal; exit 1 on failure with
    the error's own message (a traceback only for errors that are bugs, not bad data).

    A job that succeeded ends its process at once, without the interpreter's teardown of every
    module it imported (half a second after Great Expectations, paid by every rebuild): its
    outputs are written and closed, and its log is flushed first."""
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
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@contextmanager
def timed_step(name: str) -> Iterator[None]:
    """Log "step <name> done in N s" after the block (bench.py reads these lines)."""
    started = time.perf_counter()
    yield
    log.info("step %s done in %.1f s", name, time.perf_counter() - started)


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


@dataclass(frozen=True)
class PartTable:
    """A per-article table built as one part per shard (newsline.parts), what publishing it
    changes, and the rows the stage's suite checks (``to_check``, by part): with ``trusted``,
    the rows of the written parts that the published parts do not hold; without, every row."""

    path: str
    parts: dict[str, pa.Table]
    changes: parts.Changes
    to_check: dict[str, pa.Table]

    @classmethod
    def of(cls, built: dict[str, pa.Table], path: str, trusted: bool) -> PartTable:
        changes = parts.changes(built, path)
        to_check = (
            {p: unpublished_rows(built[p], parts.part_path(path, p)) for p in changes.written}
            if trusted
            else dict(sorted(built.items()))
        )
        return cls(path, built, changes, to_check)

    @classmethod
    def by_shard(
        cls,
        table: pa.Table,
        shard_paths: Sequence[str],
        spec: tables.TableSpec,
        path: str,
        trusted: bool,
    ) -> PartTable:
        """``table`` as one part per shard: an article's shard is the one whose interim file
        (of ``shard_paths``, one per shard) lists it."""
        shard_files = {shard_name(p): p for p in shard_paths}
        shard_of = parts.shards_of_articles(shard_files)
        built = parts.split_by_article(table, shard_of, list(shard_files), spec)
        return cls.of(built, path, trusted)

    def rows_to_check(self) -> pa.Table:
        """The rows the suite validates, in part order."""
        return pa.concat_tables(
            list(self.to_check.values()) or [next(iter(self.parts.values())).slice(0, 0)]
        )

    def part_of_rows_to_check(self) -> list[str]:
        return [p for p, rows in self.to_check.items() for _ in range(rows.num_rows)]


def unpublished_rows(table: pa.Table, published: str | os.PathLike[str]) -> pa.Table:
    """The rows of ``table`` that the published file does not hold, equal in every column (all
    of them where there is no such file, or it has other columns), in the table's order."""
    if not Path(published).is_file():
        return table
    old = pq.read_table(published)
    if not old.schema.equals(table.schema, check_metadata=False):
        return table
    numbered = table.append_column("__row", pa.array(range(table.num_rows), pa.int64()))
    same = " AND ".join(f'new."{c}" IS NOT DISTINCT FROM old."{c}"' for c in table.column_names)
    connection = _comparing_connection()
    connection.register("new", numbered)
    connection.register("old", old)
    try:
        rows = connection.sql(
            f"SELECT new.__row FROM new ANTI JOIN old ON {same} ORDER BY new.__row"
        ).to_arrow_table()
    finally:
        connection.unregister("new")
        connection.unregister("old")
    return table.take(rows.column(0))


@cache
def _comparing_connection() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB for ``unpublished_rows`` in a process: connecting costs about 27 ms,
    and a rebuild compares some twenty parts and tables with their published files. Imported
    here: only a stage that publishes a changed table needs it."""
    import duckdb

    return duckdb.connect()


def last_validation_holds(suite: str, validation: ValidationPaths) -> bool:
    """Whether the stage's last validation passed with this suite and newsline's code: then a
    row it published, equal in every column, passed this same suite, and only the rows that
    differ from the published ones are validated again (``PartTable``, ``rows_to_check``). A
    changed suite or code, a failed or missing report: every row is validated."""
    try:
        report = json.loads(Path(validation.kept_report).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(report.get("success")) and report.get("checked") == _stage_checked(suite)


def rows_to_check(table: pa.Table, published: str, trusted: bool) -> pa.Table:
    """The rows of a table published whole that the suite validates (see ``PartTable``)."""
    return unpublished_rows(table, published) if trusted else table


def referenced(table: pa.Table, keys: pa.Table) -> pa.Table:
    """The rows of ``table`` whose (article_id, start_char) ``keys`` holds."""
    return table.join(keys, ["article_id", "start_char"], join_type="left semi")


def starts_in(event_mentions: pa.Table, column: str) -> pa.Table:
    """(article_id, start_char) of what the event mentions' ``column`` points at (the start of
    their place's mention, of their date's expression), where it points at anything."""
    keys = event_mentions.select(["article_id", column]).rename_columns(
        ["article_id", "start_char"]
    )
    return keys.filter(pc.is_valid(keys["start_char"]))


def party_mentions(event_mentions: pa.Table) -> pa.Table:
    """(article_id, start_char) of the entity mentions that name the event mentions' parties:
    their participants and places."""
    starts = event_mentions["participant_starts"].combine_chunks()
    participants = pa.table(
        {
            "article_id": event_mentions["article_id"].take(pc.list_parent_indices(starts)),
            "start_char": pc.list_flatten(starts),
        }
    )
    places = starts_in(event_mentions, "location_start")
    return pa.concat_tables([participants, places.cast(participants.schema)])


def unique_keys(table: str, whole: pa.Table, key: Sequence[str]) -> dict[str, Any] | None:
    """A failure (in the report's format) when a key repeats in a table, within a part or
    across parts: the suite's own uniqueness expectation sees the rows it validates only."""
    from newsline.validate import check_failure

    counts = whole.group_by(list(key)).aggregate([([], "count_all")])
    repeated = counts.filter(pc.greater(counts["count_all"], 1))
    if not repeated.num_rows:
        return None
    sample = [" / ".join(str(r[k]) for k in key) for r in repeated.slice(0, 5).to_pylist()]
    return check_failure(table, "keys_unique", key, repeated.num_rows, sample, whole.num_rows)


def articles_exist(
    table: str, whole: pa.Table, article_ids: pa.Array | pa.ChunkedArray
) -> dict[str, Any] | None:
    """A failure when rows of a table name articles the articles table does not hold."""
    from newsline.validate import check_failure

    ids = whole["article_id"]
    orphans = pc.unique(ids.filter(pc.invert(pc.is_in(ids, article_ids))))
    if not len(orphans):
        return None
    return check_failure(
        table,
        "article_in_articles",
        ["article_id"],
        len(orphans),
        orphans.to_pylist()[:5],
        whole.num_rows,
    )


def rows_failing(
    failure: dict[str, Any], frames: dict[str, Any], part_tables: dict[str, PartTable]
) -> str:
    """Where a failing expectation's sampled values are in a part table's validated rows: the
    shard and the row (its article, or the input a rejected row is about), as `` (in shard
    0003: '000_c7d7')``; empty for a whole table or an expectation without a column."""
    table, frame = part_tables.get(failure["table"]), frames.get(failure["table"])
    column = failure["kwargs"].get("column")
    if table is None or column not in getattr(frame, "columns", ()):
        return ""
    row_name = "article_id" if "article_id" in frame.columns else "source_path"
    sample = {str(value) for value in failure["unexpected_sample"]}
    found = sorted(
        {
            f"shard {shard}: {name!r}"
            for shard, name, value in zip(
                table.part_of_rows_to_check(), frame[row_name], frame[column], strict=True
            )
            if str(value) in sample
        }
    )
    return f" (in {'; '.join(found[:5])})" if found else ""


def gate_and_publish(
    stage: str,
    suite: str,
    frames_to_check: dict[str, Any],
    outputs: dict[str, tuple[pa.Table, str]],
    validation: ValidationPaths,
    part_tables: dict[str, PartTable] | None = None,
    cross_part_failures: Sequence[dict[str, Any] | None] = (),
) -> None:
    """Validate, keep the report and Data Docs (also when failing), then publish the tables,
    the Data Docs and the report, the report last: it is what later stages wait for.

    ``part_tables`` are published part by part; their frames in ``frames_to_check`` hold their
    rows to check (``PartTable``), and a failure names the shard and article of its rows.
    ``cross_part_failures`` are the checks that span rows and parts (keys unique, every row's
    article present), made with pyarrow over the whole tables: null where they pass.
    """
    from newsline.validate import add_checks, gate, publish_docs, write_report

    part_tables = part_tables or {}
    checked = _stage_checked(suite)
    report = _report_of_unchanged(outputs, part_tables, cross_part_failures, validation, checked)
    if report is None:
        report = _validated(stage, suite, frames_to_check, validation)
        add_checks(report, cross_part_failures)
        report["checked"] = checked
        report["validated_in_this_run"] = True
    report["parts"] = {
        name: {
            "validated": sorted(t.to_check),
            "unchanged": t.changes.unchanged,
            "removed": t.changes.removed,
        }
        for name, t in part_tables.items()
    }
    write_report(report, validation.kept_report)

    gate(
        report,
        kept_at=validation.kept_report,
        docs_at=validation.kept_docs,
        where=lambda failure: rows_failing(failure, frames_to_check, part_tables),
    )
    for table, path in outputs.values():
        tables.write_table(table, path)
    for part_table in part_tables.values():
        parts.publish(part_table.changes, part_table.path)
    publish_docs(validation.kept_docs, validation.docs)
    write_report(report, validation.report)
    log.info(
        "stage %s valid: %s",
        stage,
        ", ".join(
            [f"{n}={t.num_rows} rows" for n, (t, _) in outputs.items()]
            + [
                f"{n}={sum(p.num_rows for p in t.parts.values())} rows "
                f"({len(t.changes.written)} of {len(t.parts)} "
                "parts written and validated)"
                for n, t in part_tables.items()
            ]
        ),
    )


# The job's Great Expectations process while ``suites_in_second_process`` holds it open.
_suite_process: list[SuiteProcess] = []


@contextmanager
def suites_in_second_process(process: SuiteProcess | None = None) -> Iterator[None]:
    """Run the stages' suites in ``process`` (``newsline.suite_process``; one started now where
    none is given), which imports Great Expectations while the first stage works, and end it
    afterwards; without this, suites run in the job's own process."""
    from newsline.suite_process import SuiteProcess

    process = process or SuiteProcess()
    _suite_process.append(process)
    try:
        yield
    finally:
        _suite_process.remove(process)
        process.close()


def _validated(
    stage: str, suite: str, frames_to_check: dict[str, Any], validation: ValidationPaths
) -> dict[str, Any]:
    from newsline.validate import load_suite, run_suite

    runner = _suite_process[-1].run_suite if _suite_process else run_suite
    return runner(stage, load_suite(suite), frames_to_check, docs=validation.kept_docs)


def _stage_checked(suite: str) -> str:
    """What a stage's validation depends on besides the tables: its suite and newsline's code."""
    return content_key(code_fingerprint(), Path(suite).read_text(encoding="utf-8"))


def _report_of_unchanged(
    outputs: dict[str, tuple[pa.Table, str]],
    part_tables: dict[str, PartTable],
    cross_part_failures: Sequence[dict[str, Any] | None],
    validation: ValidationPaths,
    checked: str,
) -> dict[str, Any] | None:
    """The last validation's report (and Data Docs, kept where it left them) when the stage
    changed nothing since (no part to write or remove, every whole table the same bytes) and
    its suite and newsline's code are the same: a stage that changed nothing starts no Great
    Expectations. None when the stage must be validated."""
    if any(t.changes.written or t.changes.removed for t in part_tables.values()):
        return None
    if any(failure is not None for failure in cross_part_failures):
        return None
    for table, path in outputs.values():
        if not Path(path).is_file() or Path(path).read_bytes() != parts.part_bytes(table):
            return None
    try:
        report = json.loads(Path(validation.kept_report).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (report.get("success") and report.get("checked") == checked):
        return None
    if not Path(validation.kept_docs, "index.html").is_file():
        return None
    log.info("stage unchanged since its last validation: its report and Data Docs stand")
    return report | {"validated_in_this_run": False}


@dataclass(frozen=True)
class KeptState:
    """What a stage keeps between runs to update a published table rather than remake it (the
    aggregate and dedup caches): named tables in ``folder``, and ``state.json``, which names
    what they made: the published tables' sha256, the settings and newsline's code. The state is
    written last and removed first, so an interrupted write is never taken for a whole one."""

    folder: Path

    def read(self, made: Sequence[str], settings: object = None) -> dict[str, pa.Table] | None:
        """The kept tables by name, where they made the published tables ``made`` with these
        settings and this code; else None (the first run, a failed or interrupted one...)."""
        try:
            state = json.loads((self.folder / "state.json").read_text(encoding="utf-8"))
            if state["made"] != _made(made, settings):
                return None
            return {name: pq.read_table(self.folder / f"{name}.parquet") for name in state["kept"]}
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(
        self, kept: Mapping[str, pa.Table], made: Sequence[str], settings: object = None
    ) -> None:
        """Keep ``kept`` as what the published tables ``made`` were made from."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "state.json").unlink(missing_ok=True)
        for name, table in kept.items():
            tables.write_table(table, self.folder / f"{name}.parquet")
        state = {"kept": sorted(kept), "made": _made(made, settings)}
        tables.write_text(json.dumps(state, sort_keys=True) + "\n", self.folder / "state.json")


def _made(made: Sequence[str], settings: object) -> dict[str, Any]:
    return {
        "code": code_fingerprint(),
        "settings": settings,
        "tables": [
            hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).is_file() else ""
            for path in made
        ],
    }


def offset_mismatches(frame: Any, texts: dict[str, str]) -> list[str | None]:
    """``article_id@start_char`` of every span whose text is not at its offsets."""
    columns = ("article_id", "start_char", "end_char", "text")
    keys, ok = [], []
    for article_id, start, end, text in zip(*(frame[c] for c in columns), strict=True):
        keys.append(f"{article_id}@{start}")
        ok.append(texts.get(article_id, "")[start:end] == text)
    return problems(keys, ok)


def article_ids(articles: str) -> pa.ChunkedArray:
    """The ids of the articles table (a directory of parts or one file)."""
    return pq.read_table(articles, columns=["article_id"])["article_id"]


# The tables a shard job writes into its folder (results/interim/shards/<shard>/<name>.parquet).
# One folder, not nine outputs: when a job ends, Snakemake loops over its outputs, and for each
# one stats every input and writes a metadata record listing them all (a shard's every article).
# Cleaning writes the first four, annotation the rest.
CLEANED_TABLES = ("articles", "boilerplate", "rejected", "skipped")
ANNOTATED_TABLES = ("timexes", "mentions", "event_mentions", "signatures", "failures")
# The inputs the job was given (tables.SOURCES), written by shard_tables itself.
LISTED_TABLES = ("sources",)
SHARD_TABLES = LISTED_TABLES + CLEANED_TABLES + ANNOTATED_TABLES


def shard_file(folder: str, name: str) -> str:
    """The path of the shard table ``name`` in a shard job's ``folder``."""
    return os.path.join(folder, f"{name}.parquet")


def shard_files(folders: Sequence[str]) -> dict[str, list[str]]:
    """``shard_<name>`` -> that table's file in each shard folder of ``folders``."""
    return {f"shard_{name}": [shard_file(f, name) for f in folders] for name in SHARD_TABLES}


def shard_name(path: str) -> str:
    """The shard an interim file belongs to: ``results/interim/shards/0003/articles.parquet``
    is shard ``0003``."""
    return Path(path).parent.name


def column_by_article(
    path: str, column: str, article_ids: Iterable[str] | None = None
) -> dict[str, Any]:
    """One column of a table keyed by its ``article_id`` (articles' texts, dates, clusters);
    with ``article_ids``, of those articles only (read from the parts that hold them)."""
    wanted = None
    if article_ids is not None:
        if not (ids := sorted(set(article_ids))):
            return {}
        wanted = [("article_id", "in", ids)]
    table = pq.read_table(path, columns=["article_id", column], filters=wanted)
    return dict(
        zip(table.column("article_id").to_pylist(), table.column(column).to_pylist(), strict=True)
    )
