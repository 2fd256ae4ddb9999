"""Suites run in a second process (newsline.suite_process), as corpus_tables runs them: the same
reports as in the job's own process, errors raised in the job, a lost process named."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from newsline.suite_process import SuiteProcess
from newsline.validate import run_suite

BOUNDED = {
    "t": [
        {"expect_column_values_to_be_between": {"column": "n", "min_value": 0, "max_value": 5}},
        {"expect_column_values_to_not_be_null": {"column": "n"}, "severity": "warning"},
    ]
}


def test_reports_equal_the_job_process_s_and_docs_are_written(tmp_path: Path) -> None:
    frames = {"t": pd.DataFrame({"n": [1.0, 9.0, None]})}
    process = SuiteProcess()
    try:
        report = process.run_suite("demo", BOUNDED, frames, docs=str(tmp_path / "docs"))
        again = process.run_suite("demo", BOUNDED, {"t": pd.DataFrame({"n": [1, 2]})})
    finally:
        process.close()
    assert report == run_suite("demo", BOUNDED, frames)
    assert not report["success"]
    assert report["failures"][0]["unexpected_sample"] == [9.0]
    assert [w["expectation"] for w in report["warnings"]] == ["expect_column_values_to_not_be_null"]
    assert (tmp_path / "docs" / "index.html").is_file()
    assert again["success"]


def test_an_error_over_there_is_raised_in_the_job_with_its_message() -> None:
    process = SuiteProcess()
    try:
        with pytest.raises(RuntimeError, match="ValueError: suite 'demo' names tables the stage"):
            process.run_suite("demo", {"absent": []}, {"t": pd.DataFrame({"n": [1]})})
        # The process goes on serving after an error.
        assert process.run_suite("demo", BOUNDED, {"t": pd.DataFrame({"n": [1]})})["success"]
    finally:
        process.close()


def test_a_process_that_ended_is_named_with_the_stage() -> None:
    process = SuiteProcess()
    process._process.kill()
    process._process.join()
    with pytest.raises(RuntimeError, match="ended before validating stage 'entities'"):
        process.run_suite("entities", BOUNDED, {"t": pd.DataFrame({"n": [1]})})
    process.close()
