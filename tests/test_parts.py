"""Per-article tables as part files: only what changed is written, every reader sees one table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsline import parts, tables
from newsline.jobs.common import (
    PartTable,
    articles_exist,
    rows_failing,
    unique_keys,
    unpublished_rows,
)
from newsline.validate import add_checks


def mentions(*rows: tuple[str, int, str]) -> pa.Table:
    return tables.to_table(
        [
            {"article_id": a, "sentence_index": 0, "start_char": s, "end_char": s + len(t),
             "text": t, "label": "PERSON", "entity_id": f"person:{t.lower()}"}
            for a, s, t in rows
        ],
        tables.MENTIONS,
    )  # fmt: skip


SHARD_OF = {"a": "0000", "b": "0001", "c": "0001"}


def built(table: pa.Table) -> dict[str, pa.Table]:
    return parts.split_by_article(table, SHARD_OF, ["0000", "0001", "0002"], tables.MENTIONS)


def test_every_shard_gets_a_part_and_no_shard_one_empty_part() -> None:
    split = built(mentions(("a", 0, "Xi"), ("c", 5, "Putin"), ("b", 1, "Lula")))
    assert {s: t.column("article_id").to_pylist() for s, t in split.items()} == {
        "0000": ["a"], "0001": ["b", "c"], "0002": []
    }  # fmt: skip
    empty = parts.split_by_article(mentions(), {}, [], tables.MENTIONS)
    assert list(empty) == [parts.EMPTY_PART]
    assert empty[parts.EMPTY_PART].schema == tables.MENTIONS.schema


def test_only_changed_parts_are_written_and_parts_of_shards_gone_removed(tmp_path: Path) -> None:
    table = tmp_path / "mentions.parquet"
    first = parts.changes(built(mentions(("a", 0, "Xi"), ("b", 1, "Lula"))), table)
    assert sorted(first.written) == ["0000", "0001", "0002"] and not first.unchanged
    parts.publish(first, table)
    before = {p.name: p.stat().st_mtime_ns for p in table.iterdir()}

    # b's mention changes; a's shard and the empty shard stay as they are; shard 0002 is gone.
    again = parts.split_by_article(
        mentions(("a", 0, "Xi"), ("b", 1, "Lula da Silva")), SHARD_OF, ["0000", "0001"],
        tables.MENTIONS,
    )  # fmt: skip
    second = parts.changes(again, table)
    assert (list(second.written), second.unchanged, second.removed) == (
        ["0001"], ["0000"], ["part-0002.parquet"]
    )  # fmt: skip
    parts.publish(second, table)
    after = {p.name: p.stat().st_mtime_ns for p in table.iterdir()}
    assert sorted(after) == ["part-0000.parquet", "part-0001.parquet"]
    assert after["part-0000.parquet"] == before["part-0000.parquet"]
    assert pq.read_table(table).column("text").to_pylist() == ["Xi", "Lula da Silva"]
    # The same parts again: nothing to write.
    assert not parts.changes(again, table).written


def test_a_part_directory_reads_as_one_table_everywhere(tmp_path: Path) -> None:
    table = tmp_path / "mentions.parquet"
    parts.publish(
        parts.changes(built(mentions(("a", 0, "Xi"), ("b", 1, "Lula"), ("c", 2, "Modi"))), table),
        table,
    )
    (table / ".snakemake_timestamp").touch()  # what Snakemake leaves in a directory output
    assert parts.row_count(table) == 3 and parts.schema(table) == tables.MENTIONS.schema
    assert pd.read_parquet(table)["text"].tolist() == ["Xi", "Lula", "Modi"]
    assert duckdb.sql(f"SELECT count(*) FROM '{table}'").fetchall() == [(3,)]


def test_a_single_file_table_of_an_older_newsline_becomes_a_directory(tmp_path: Path) -> None:
    table = tmp_path / "mentions.parquet"
    tables.write_table(mentions(("a", 0, "Xi")), table)
    parts.publish(parts.changes(built(mentions(("a", 0, "Xi"))), table), table)
    assert table.is_dir() and parts.row_count(table) == 1


def test_a_failure_names_the_shard_and_row_of_the_validated_parts(tmp_path: Path) -> None:
    rejected = {
        "0000": tables.to_table(
            [{"source_path": "in/a.bin", "line": None, "reason": "binary", "detail": "Binary."}],
            tables.REJECTED,
        ),
        "0001": tables.to_table(
            [{"source_path": "in/b.txt", "line": None, "reason": "wrong", "detail": "Bad."}],
            tables.REJECTED,
        ),
    }
    published = PartTable.of(rejected, str(tmp_path / "rejected.parquet"), trusted=True)
    frame = published.rows_to_check().to_pandas()
    failure = {"table": "rejected", "kwargs": {"column": "reason"}, "unexpected_sample": ["wrong"]}
    found = rows_failing(failure, {"rejected": frame}, {"rejected": published})
    assert found == " (in shard 0001: 'in/b.txt')"
    whole_table = {"table": "rejected", "kwargs": {}, "unexpected_sample": []}
    assert rows_failing(whole_table, {"rejected": frame}, {"rejected": published}) == ""


def test_a_key_repeated_across_parts_fails_the_stage_report() -> None:
    whole = mentions(("a", 0, "Xi"), ("b", 1, "Lula"), ("a", 0, "Xi"))
    report = {"success": True, "failures": [], "results": [],
              "statistics": {"evaluated_expectations": 4, "successful_expectations": 4,
                             "failed_critical": 0}}  # fmt: skip
    add_checks(
        report,
        [
            unique_keys("mentions", whole, tables.MENTIONS.key),
            articles_exist("mentions", whole, pa.array(["a", "b"])),
        ],
    )
    assert report["success"] is False
    assert [f["expectation"] for f in report["failures"]] == ["keys_unique"]
    assert report["failures"][0]["unexpected_sample"] == ["a / 0"]
    assert report["statistics"] == {
        "evaluated_expectations": 6, "successful_expectations": 5, "failed_critical": 1
    }  # fmt: skip
    orphan = articles_exist("mentions", whole, pa.array(["a"]))
    assert orphan is not None and orphan["unexpected_sample"] == ["b"]


def test_the_suite_checks_only_rows_that_differ_from_the_published_ones(tmp_path: Path) -> None:
    """Trusted (the last validation passed with the same suite and code): a written part's rows
    that the published part holds, equal in every column (nulls included), are not validated
    again; a changed row, a new row and a new part's rows are. Not trusted: every row."""
    path = str(tmp_path / "mentions.parquet")
    before = mentions(("a", 0, "Xi"), ("b", 1, "Lula"), ("c", 5, "Putin"))
    parts.publish(PartTable.of(built(before), path, trusted=True).changes, path)
    after = mentions(("a", 0, "Xi"), ("b", 1, "Lula"), ("c", 5, "Vladimir"), ("c", 9, "Modi"))
    trusted = PartTable.of(built(after), path, trusted=True)
    assert sorted(trusted.to_check) == ["0001"]  # 0000 and the empty 0002 are unchanged
    assert trusted.rows_to_check().column("text").to_pylist() == ["Vladimir", "Modi"]
    assert trusted.part_of_rows_to_check() == ["0001", "0001"]
    everything = PartTable.of(built(after), path, trusted=False)
    assert everything.rows_to_check().num_rows == 4
    assert sorted(everything.to_check) == ["0000", "0001", "0002"]


def test_unpublished_rows_are_all_rows_without_a_comparable_published_file(
    tmp_path: Path,
) -> None:
    table = mentions(("a", 0, "Xi"), ("b", 1, "Lula"))
    path = tmp_path / "entities.parquet"
    assert unpublished_rows(table, path).num_rows == 2
    pq.write_table(table, path)
    assert unpublished_rows(table, path).num_rows == 0
    assert unpublished_rows(table.slice(1), path).num_rows == 0
    pq.write_table(table.drop_columns(["label"]), path)  # another schema: nothing is taken as seen
    assert unpublished_rows(table, path).num_rows == 2
