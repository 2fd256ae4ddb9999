"""The Great Expectations gate, run for real on real-shaped data."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from newsline.validate import ValidationFailed, gate, load_suite, run_suite

SUITES = Path(__file__).resolve().parents[1] / "workflow" / "expectations"


def test_duplicate_article_ids_fail_the_clean_suite_with_a_readable_message() -> None:
    wanted = ("expect_column_values_to_be_unique", "expect_column_values_to_not_be_null")
    articles = load_suite(SUITES / "clean.yaml")["articles"]
    suite = {"articles": [e for e in articles if next(iter(e)) in wanted][:2]}
    frame = pd.DataFrame({"article_id": ["000", "000", "003"], "text": ["a", "b", "c"]})
    report = run_suite("clean", suite, {"articles": frame})
    assert not report["success"]
    with pytest.raises(ValidationFailed) as failed:
        gate(report, kept_at="logs/clean.json")
    message = str(failed.value)
    assert "expect_column_values_to_be_unique" in message
    assert "articles.article_id" in message
    assert "['000', '000']" in message


def test_warnings_report_without_stopping() -> None:
    suite = {
        "t": [
            {"expect_column_values_to_be_between": {"column": "n", "min_value": 0}},
            {
                "expect_column_values_to_be_between": {"column": "n", "max_value": 5},
                "severity": "warning",
            },
        ]
    }
    report = run_suite("demo", suite, {"t": pd.DataFrame({"n": [1, 9]})})
    assert report["success"]
    assert [w["expectation"] for w in report["warnings"]] == ["expect_column_values_to_be_between"]
    gate(report, kept_at="unused")


def test_every_suite_file_loads() -> None:
    for path in SUITES.glob("*.yaml"):
        suite = load_suite(path)
        assert suite and all(isinstance(v, list) for v in suite.values()), path


def test_data_docs_compile_their_templates_once_per_process(tmp_path: Path) -> None:
    """The second stage's Data Docs reuse the templates the first compiled, and hold the same
    pages (its own names aside)."""
    from newsline import validate

    suite = {"t": [{"expect_column_values_to_be_between": {"column": "n", "min_value": 0}}]}
    run_suite("first", suite, {"t": pd.DataFrame({"n": [1, 2]})}, docs=tmp_path / "first")
    compiled = dict(validate._COMPILED_TEMPLATES)
    assert compiled
    run_suite("second", suite, {"t": pd.DataFrame({"n": [1, 2]})}, docs=tmp_path / "second")
    assert compiled == validate._COMPILED_TEMPLATES  # nothing compiled again

    def pages(site: Path) -> list[str]:  # the names of the pages, but a run's time
        names = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        return sorted(re.sub(r"first|second|\d{8}T\d{6}\.\d+Z", "*", n) for n in names)

    assert pages(tmp_path / "second") == pages(tmp_path / "first")
    assert "second.t" in (tmp_path / "second" / "index.html").read_text()
