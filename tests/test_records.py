from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsline.ingest import Rejection, Source
from newsline.records import (
    Record,
    batch_records,
    expected_outcomes,
    metadata_overrides,
    metadata_rows,
    overrides_by_source,
)

from .conftest import cleaned_seed

LINE_1 = json.dumps(
    {
        "id": 17,
        "text": cleaned_seed("000").text,
        "published_date": "2022-12-22",
        "url": "https://example.org/medvedev",
        "source": "TDI",
    }
)


def test_a_batch_line_is_an_article_with_its_own_fields() -> None:
    (record,) = batch_records(LINE_1 + "\n", "batches/2024-05")
    assert isinstance(record, Record)
    assert record.article_id == "batches/2024-05#17"
    assert (record.line, record.published_date, record.source) == (1, dt.date(2022, 12, 22), "TDI")


@pytest.mark.parametrize(
    ("line", "reason", "says"),
    [
        ('{"id": 1, "text": "Putin met Xi."', "invalid_json", "not valid JSON"),
        ('["a list"]', "invalid_record", "not a JSON object"),
        ('{"text": "Putin met Xi."}', "invalid_record", "'id'"),
        ('{"id": 2, "text": "   "}', "invalid_record", "'text'"),
        (
            '{"id": 3, "text": "Putin met Xi.", "published_date": "22/12/2022"}',
            "invalid_record",
            "YYYY-MM-DD",
        ),
        ('{"id": 4, "text": "Putin met Xi.", "title": 5}', "invalid_record", "'title'"),
    ],
)
def test_a_bad_line_is_rejected_alone_with_its_line_number(
    line: str, reason: str, says: str
) -> None:
    items = list(batch_records("\n".join([LINE_1, "", line, LINE_1.replace("17", "18", 1)]), "b"))
    assert [type(i).__name__ for i in items] == ["Record", "Rejection", "Record"]
    rejection = items[1]
    assert isinstance(rejection, Rejection)
    assert (rejection.reason, rejection.line) == (reason, 3)
    assert says in rejection.detail


def test_metadata_rows_report_their_problems() -> None:
    rows = metadata_rows(
        "article_id,published_date,title\n"
        "002_3a7575a8856c8f9d,2024-05-16,Putin in Beijing\n"
        ",2024-01-01,\n"
        "001_b9209de2d88e2335,16/05/2024,\n"
    )
    assert [r.problem is None for r in rows] == [True, False, False]
    assert [r.line for r in rows] == [2, 3, 4]
    assert metadata_overrides(rows) == {
        "002_3a7575a8856c8f9d": {"title": "Putin in Beijing", "published_date": "2024-05-16"}
    }
    with pytest.raises(ValueError, match="article_id and published_date"):
        metadata_rows("id,date\n1,2024-01-01\n")


def test_metadata_states_an_encoding_python_knows() -> None:
    rows = metadata_rows(
        "article_id,published_date,encoding\nru/tass,2024-05-16,koi8-r\nja/nhk,,klingon\n"
    )
    assert metadata_overrides(rows) == {
        "ru/tass": {"published_date": "2024-05-16", "encoding": "koi8-r"}
    }
    assert "encoding 'klingon' is not one Python knows" in str(rows[1].problem)


def test_overrides_are_grouped_by_the_file_they_belong_to(tmp_path: Path) -> None:
    (tmp_path / "metadata.csv").write_text(
        "article_id,published_date\nstory,2024-05-16\nbatch#7,2024-05-17\n", encoding="utf-8"
    )
    assert overrides_by_source([str(tmp_path)]) == {
        (str(tmp_path), "story"): {"story": {"published_date": "2024-05-16"}},
        (str(tmp_path), "batch"): {"batch#7": {"published_date": "2024-05-17"}},
    }


def test_expected_outcomes_count_batch_lines_not_blank_ones(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text(LINE_1 + "\n\n{broken\n", encoding="utf-8")
    source = Source(str(batch), str(tmp_path), "b", "jsonl")
    assert expected_outcomes(source, 10_000_000) == [(str(batch), 1), (str(batch), 3)]
    empty = tmp_path / "e.jsonl"
    empty.write_text("")
    source = Source(str(empty), str(tmp_path), "e", "jsonl")
    assert expected_outcomes(source, 10_000_000) == [(str(empty), None)]
