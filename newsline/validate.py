"""Great Expectations gates: one suite per stage, run once over the stage's whole output.

A suite is a YAML file (``workflow/expectations/<stage>.yaml``) mapping each table of the stage
to a list of ``{expectation_type: {kwargs}}``; an expectation may carry ``severity: warning`` to
report without stopping the workflow. Checks that need two tables (offsets inside the article's
text, every input accounted for) are computed by the stage as extra columns that hold the
offending row's key, or null where the row is fine; the suite expects them to be null, so a
failure's sample names the rows to look at.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from newsline.tables import write_text

if TYPE_CHECKING:  # a job that only reports a failure (its run()) need not import pandas
    import pandas as pd

SAMPLE_SIZE = 5


class ValidationFailed(RuntimeError):
    """A critical expectation failed; the message names it, its column and failing values."""


def load_suite(path: str | os.PathLike[str]) -> dict[str, list[dict[str, Any]]]:
    with open(path, encoding="utf-8") as handle:
        suite = yaml.safe_load(handle) or {}
    if not isinstance(suite, dict):
        raise ValueError(f"{path}: a suite maps table names to lists of expectations")
    return suite


def _configurations(expectations: list[dict[str, Any]]) -> list[Any]:
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    configurations = []
    for item in expectations:
        item = dict(item)
        severity = item.pop("severity", "critical")
        ((expectation_type, kwargs),) = item.items()
        configurations.append(
            ExpectationConfiguration(
                type=expectation_type, kwargs=dict(kwargs or {}), severity=severity
            )
        )
    return configurations


def _summary(result: dict[str, Any], table: str) -> dict[str, Any]:
    config = result["expectation_config"]
    kwargs = {k: v for k, v in config["kwargs"].items() if k != "batch_id"}
    details = result.get("result") or {}
    return {
        "table": table,
        "expectation": config["type"],
        "kwargs": kwargs,
        "severity": config.get("severity", "critical"),
        "success": bool(result["success"]),
        "element_count": details.get("element_count"),
        "unexpected_count": details.get("unexpected_count"),
        "unexpected_sample": [
            v if isinstance(v, (str, int, float, bool)) or v is None else str(v)
            for v in (details.get("partial_unexpected_list") or [])[:SAMPLE_SIZE]
        ],
        "observed_value": _plain(details.get("observed_value")),
        "exception": (result.get("exception_info") or {}).get("exception_message"),
    }


def check_failure(
    table: str, check: str, columns: Sequence[str], count: int, sample: list[Any], rows: int
) -> dict[str, Any]:
    """A failed check made outside Great Expectations (one spanning a table's rows or parts,
    over ``rows`` rows), in the format of the report's results."""
    return {
        "table": table,
        "expectation": check,
        "kwargs": {"column": columns[0]} if len(columns) == 1 else {"column_list": list(columns)},
        "severity": "critical",
        "success": False,
        "element_count": rows,
        "unexpected_count": count,
        "unexpected_sample": sample,
        "observed_value": None,
        "exception": None,
    }


def add_checks(report: dict[str, Any], outcomes: Sequence[dict[str, Any] | None]) -> None:
    """Count checks made outside Great Expectations into a suite's report: ``outcomes`` holds
    each check's failure (``check_failure``), or None where it passed."""
    failed = [f for f in outcomes if f is not None]
    report["failures"].extend(failed)
    report["results"].extend(failed)
    report["success"] = report["success"] and not failed
    statistics = report["statistics"]
    statistics["evaluated_expectations"] += len(outcomes)
    statistics["successful_expectations"] += len(outcomes) - len(failed)
    statistics["failed_critical"] += len(failed)


def _plain(value: Any) -> Any:
    return (
        value if isinstance(value, (str, int, float, bool, list)) or value is None else str(value)
    )


def import_great_expectations() -> Any:
    """The ``great_expectations`` module, imported quietly (about 2.5 s the first time)."""
    # Before the import: GX logs at INFO while it registers its API.
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    import great_expectations.data_context.types.base

    # That module sets its own logger to INFO on import (one line per run about a temp folder).
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    return gx


def run_suite(
    stage: str,
    suite: Mapping[str, list[dict[str, Any]]],
    frames: Mapping[str, pd.DataFrame],
    docs: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Validate each table of ``frames`` against its part of ``suite``; a deterministic report.

    ``success`` is false only when a critical expectation failed; warnings are listed apart.
    With ``docs``, Great Expectations also builds its Data Docs site of this run there.
    """
    gx = import_great_expectations()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    missing = sorted(set(suite) - set(frames))
    if missing:
        raise ValueError(f"suite {stage!r} names tables the stage did not produce: {missing}")
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas(f"newsline-{stage}")
    results: list[dict[str, Any]] = []
    for table, expectations in suite.items():
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        expectation_suite = gx.ExpectationSuite(name=f"{stage}.{table}")
        for configuration in _configurations(expectations):
            expectation_suite.add_expectation_configuration(configuration)
        expectation_suite = context.suites.add(expectation_suite)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{stage}.{table}", data=batch, suite=expectation_suite)
        )
        outcome = definition.run(batch_parameters={"dataframe": frames[table]}).to_json_dict()
        results.extend(_summary(r, table) for r in outcome["results"])
    if docs is not None:
        _build_docs(context, Path(docs))
    failures = [r for r in results if not r["success"] and r["severity"] == "critical"]
    warnings = [r for r in results if not r["success"] and r["severity"] != "critical"]
    return {
        "stage": stage,
        "success": not failures,
        "statistics": {
            "evaluated_expectations": len(results),
            "successful_expectations": len(results) - len(failures) - len(warnings),
            "failed_critical": len(failures),
            "failed_warnings": len(warnings),
            "rows": {table: len(frame) for table, frame in frames.items()},
        },
        "failures": failures,
        "warnings": warnings,
        "results": results,
    }


# Compiled Data Docs templates (jinja2 bytecode) by template and source, for the process.
_COMPILED_TEMPLATES: dict[str, bytes] = {}


def _share_compiled_templates() -> None:
    """Have Great Expectations compile each Data Docs template once per process: it makes a
    template environment per page, and compiled its templates anew for every page (half of a
    stage's Data Docs time). Where its page views no longer make their environment as
    ``view.Environment``, nothing changes."""
    import jinja2
    from great_expectations.render.view import view

    if getattr(view, "Environment", None) is not jinja2.Environment:
        return

    class CompiledTemplates(jinja2.BytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            if (code := _COMPILED_TEMPLATES.get(bucket.key)) is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            _COMPILED_TEMPLATES[bucket.key] = bucket.bytecode_to_string()

    class Environment(jinja2.Environment):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("bytecode_cache", CompiledTemplates())
            super().__init__(*args, **kwargs)

    view.Environment = Environment  # type: ignore[misc]


def _build_docs(context: Any, site: Path) -> None:
    """Render this context's suites and validation results as a Data Docs site (HTML)."""
    _share_compiled_templates()
    shutil.rmtree(site, ignore_errors=True)
    context.add_data_docs_site(
        site_name="newsline",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(site.resolve()),
            },
            "site_index_builder": {
                "class_name": "DefaultSiteIndexBuilder",
                "show_cta_footer": False,
            },
        },
    )
    context.build_data_docs(site_names=["newsline"])


def publish_docs(kept: str | os.PathLike[str], published: str | os.PathLike[str]) -> None:
    """Publish the kept Data Docs site: hard links where the file system allows, copies where not
    (another device, a cluster's remote storage)."""

    def link_or_copy(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    shutil.rmtree(published, ignore_errors=True)
    shutil.copytree(kept, published, copy_function=link_or_copy)


def describe(failure: Mapping[str, Any]) -> str:
    column = failure["kwargs"].get("column") or failure["kwargs"].get("column_list") or "(table)"
    detail = (
        f"{failure['unexpected_count']} of {failure['element_count']} rows fail, e.g. "
        f"{failure['unexpected_sample']}"
        if failure["unexpected_count"]
        else f"observed {failure['observed_value']!r}"
    )
    if failure["exception"]:
        detail += f" (error: {failure['exception']})"
    return f"{failure['table']}.{column}: {failure['expectation']} failed: {detail}"


def write_report(report: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    write_text(json.dumps(report, indent=2, sort_keys=True, default=str) + "\n", path)


def gate(
    report: Mapping[str, Any],
    kept_at: str,
    docs_at: str | None = None,
    where: Callable[[Mapping[str, Any]], str] = lambda failure: "",
) -> None:
    """Stop the workflow when a critical expectation failed, naming each failure (and, with
    ``where``, the rows it was found in)."""
    for warning in report["warnings"]:
        logging.getLogger("newsline").warning("validation warning: %s", describe(warning))
    if report["success"]:
        return
    lines = [describe(f) + where(f) for f in report["failures"]]
    raise ValidationFailed(
        f"Stage {report['stage']!r} produced data that fails its expectations "
        f"(full result: {kept_at}"
        + (f"; Data Docs: {Path(docs_at) / 'index.html'}" if docs_at else "")
        + "):\n  - "
        + "\n  - ".join(lines)
    )
