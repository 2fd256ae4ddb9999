"""The aggregates updated by the articles that changed equal the aggregates counted anew."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from newsline import tables
from newsline.jobs.aggregate import counted_anew, counted_update


def mentions(*rows: tuple[str, int, str]) -> pa.Table:
    return pa.table(
        {
            "article_id": [r[0] for r in rows],
            "sentence_index": pa.array([r[1] for r in rows], pa.int32()),
            "entity_id": [r[2] for r in rows],
        }
    )


def dates(**of: dt.date | None) -> pa.Table:
    return pa.table(
        {"article_id": list(of), "published_date": pa.array(list(of.values()), pa.date32())}
    )


DAY, NEXT = dt.date(2024, 5, 16), dt.date(2024, 5, 17)
OLD = (
    mentions(("a", 0, "xi"), ("a", 0, "putin"), ("a", 1, "xi"), ("b", 0, "xi"),
             ("b", 2, "putin"), ("b", 2, "china"), ("c", 0, "modi"), ("c", 0, "xi")),
    dates(a=DAY, b=DAY, c=None),
)  # fmt: skip
# b deleted, c dated and its Modi now Putin, d added, a as it was.
NEW = (
    mentions(("a", 0, "xi"), ("a", 0, "putin"), ("a", 1, "xi"), ("c", 0, "putin"),
             ("c", 0, "xi"), ("d", 3, "china"), ("d", 3, "xi"), ("d", 4, "china")),
    dates(a=DAY, c=NEXT, d=DAY),
)  # fmt: skip


def as_tables(found: tuple[pa.Table, pa.Table]) -> tuple[pa.Table, pa.Table]:
    return (
        tables.to_table(found[0], tables.ENTITY_COOCCURRENCE),
        tables.to_table(found[1], tables.ENTITY_DAILY),
    )


def test_updating_by_the_touched_articles_gives_what_counting_anew_gives() -> None:
    with duckdb.connect() as connection:
        published = as_tables(counted_anew(connection, *OLD))
        updated = counted_update(connection, OLD, NEW, published)
        fresh = as_tables(counted_anew(connection, *NEW))
    assert updated is not None
    assert as_tables(updated) == fresh
    pairs = {(r["entity_a"], r["entity_b"]): r for r in fresh[0].to_pylist()}
    assert pairs[("china", "xi")]["n_articles"] == 1 and pairs[("china", "xi")]["n_sentences"] == 1
    assert ("modi", "xi") not in pairs  # only the deleted b and the edited c named it
    daily = {(r["date"], r["entity_id"]): r["n_mentions"] for r in fresh[1].to_pylist()}
    assert daily[(NEXT, "putin")] == 1 and daily[(DAY, "xi")] == 3


def test_an_update_that_does_not_add_up_is_refused() -> None:
    """Counts that would go below zero: the published tables are not what was counted."""
    with duckdb.connect() as connection:
        empty = as_tables(counted_anew(connection, OLD[0].slice(0, 0), OLD[1].slice(0, 0)))
        assert counted_update(connection, OLD, NEW, empty) is None
