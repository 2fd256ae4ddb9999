"""The aggregates over the corpus: entity_cooccurrence and entity_daily.

Both are sums over articles (an article adds one to each pair of entities it names, and to each
pair a sentence of it names; its mentions to its day's counts), so a rebuild updates the published
tables instead of counting the corpus again: it takes away what the articles whose mentions or
date changed counted last time and adds what they count now. What was counted is kept in the
aggregate cache (each mention's article, sentence and entity; each article's date) beside the
sha256 of the tables it made and newsline's code; where those are not the published tables' (the
first run, a run that failed or was interrupted after publishing, other code), everything is
counted again. Both ways give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsline import tables
from newsline.jobs.common import (
    KeptState,
    ValidationPaths,
    gate_and_publish,
    last_validation_holds,
    log,
    rows_to_check,
    unique_keys,
)

# What an aggregate counts, as relations of these columns (registered under these names).
MENTION_COLUMNS = ["article_id", "sentence_index", "entity_id"]
DATE_COLUMNS = ["article_id", "published_date"]

PAIRS_SQL = """
WITH article_entities AS (SELECT DISTINCT article_id, entity_id FROM {mentions}),
     sentence_entities AS (SELECT DISTINCT article_id, sentence_index, entity_id FROM {mentions}),
     by_article AS (
        SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, count(*) AS n_articles
        FROM article_entities a JOIN article_entities b
          ON a.article_id = b.article_id AND a.entity_id < b.entity_id
        GROUP BY ALL),
     by_sentence AS (
        SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, count(*) AS n_sentences
        FROM sentence_entities a JOIN sentence_entities b
          ON a.article_id = b.article_id AND a.sentence_index = b.sentence_index
         AND a.entity_id < b.entity_id
        GROUP BY ALL)
SELECT entity_a, entity_b, n_articles, coalesce(n_sentences, 0) AS n_sentences
FROM by_article LEFT JOIN by_sentence USING (entity_a, entity_b)
"""
DAILY_SQL = """
SELECT d.published_date AS date, m.entity_id,
       count(*) AS n_mentions, count(DISTINCT m.article_id) AS n_articles
FROM {mentions} m JOIN {dates} d USING (article_id)
WHERE d.published_date IS NOT NULL
GROUP BY ALL
"""
# The articles whose rows differ between what was counted and what is to be counted.
TOUCHED_SQL = """
SELECT article_id FROM (SELECT * FROM new_mentions EXCEPT ALL SELECT * FROM old_mentions)
UNION SELECT article_id FROM (SELECT * FROM old_mentions EXCEPT ALL SELECT * FROM new_mentions)
UNION SELECT article_id FROM (SELECT * FROM new_dates EXCEPT SELECT * FROM old_dates)
UNION SELECT article_id FROM (SELECT * FROM old_dates EXCEPT SELECT * FROM new_dates)
"""
# The published counts, plus the touched articles' counts now, minus theirs then.
UPDATED_SQL = """
SELECT {key}, {sums} FROM (
    SELECT * FROM base UNION ALL SELECT * FROM plus
    UNION ALL SELECT {key}, {negated} FROM minus)
GROUP BY ALL HAVING sum({first}) <> 0
"""


def counted_anew(
    connection: duckdb.DuckDBPyConnection, mentions: pa.Table, dates: pa.Table
) -> tuple[pa.Table, pa.Table]:
    """Both aggregates counted from every mention."""
    connection.register("all_mentions", mentions)
    connection.register("all_dates", dates)
    pairs = connection.sql(PAIRS_SQL.format(mentions="all_mentions")).to_arrow_table()
    days = connection.sql(DAILY_SQL.format(mentions="all_mentions", dates="all_dates"))
    return pairs, days.to_arrow_table()


def _updated(
    connection: duckdb.DuckDBPyConnection, base: pa.Table, plus: pa.Table, minus: pa.Table
) -> pa.Table | None:
    """``base`` + ``plus`` - ``minus`` by key (the key: the columns before the counts); None
    where a count would go below zero (the base was not what ``minus`` counted)."""
    key = [c for c in base.column_names if not c.startswith("n_")]
    counts = [c for c in base.column_names if c.startswith("n_")]
    for name, rows in (("base", base), ("plus", plus), ("minus", minus)):
        connection.register(name, rows.select(key + counts))
    sql = UPDATED_SQL.format(
        key=", ".join(key),
        sums=", ".join(f"CAST(sum({c}) AS BIGINT) AS {c}" for c in counts),
        negated=", ".join(f"-{c} AS {c}" for c in counts),
        first=counts[0],
    )
    updated = connection.sql(sql).to_arrow_table()
    if any((pc.min(updated[c]).as_py() or 0) < 0 for c in counts):
        return None
    return updated


def counted_update(
    connection: duckdb.DuckDBPyConnection,
    old: tuple[pa.Table, pa.Table],
    new: tuple[pa.Table, pa.Table],
    published: tuple[pa.Table, pa.Table],
) -> tuple[pa.Table, pa.Table] | None:
    """The published aggregates updated from what was counted (``old``: mentions, dates) to
    what is to be counted (``new``), by the articles whose rows differ; None where the update
    is inconsistent (then count anew)."""
    for prefix, (mentions, dates) in (("old", old), ("new", new)):
        connection.register(f"{prefix}_mentions", mentions)
        connection.register(f"{prefix}_dates", dates)
    touched = connection.sql(TOUCHED_SQL).to_arrow_table()
    log.info("aggregates: updating the counts of %d touched articles", touched.num_rows)
    connection.register("touched", touched)
    for prefix in ("old", "new"):
        for what in ("mentions", "dates"):
            connection.execute(
                f"CREATE OR REPLACE TEMP TABLE {prefix}_{what}_touched AS SELECT * FROM "
                f"{prefix}_{what} SEMI JOIN touched USING (article_id)"
            )
    found = []
    for sql, base in ((PAIRS_SQL, published[0]), (DAILY_SQL, published[1])):
        then, now = (
            connection.sql(sql.format(mentions=f"{p}_mentions_touched", dates=f"{p}_dates_touched"))
            for p in ("old", "new")
        )
        updated = _updated(connection, base, now.to_arrow_table(), then.to_arrow_table())
        if updated is None:
            return None
        found.append(updated)
    return found[0], found[1]


def aggregate_tables(
    mentions: str,
    articles: str,
    suite: str,
    cooccurrence: str,
    daily: str,
    validation: ValidationPaths,
    counted: str,
) -> None:
    """The two aggregates, updated where the aggregate cache (``counted``, a folder) counted
    the published ones, else counted anew; gated by the aggregate suite."""
    cache = KeptState(Path(counted))
    new = (
        pq.read_table(mentions, columns=MENTION_COLUMNS),
        pq.read_table(articles, columns=DATE_COLUMNS),
    )
    with duckdb.connect() as connection:
        found = None
        if (kept := cache.read([cooccurrence, daily])) is not None:
            old = (kept["mentions"], kept["dates"])
            published = (pq.read_table(cooccurrence), pq.read_table(daily))
            found = counted_update(connection, old, new, published)
        if found is None:
            log.info("aggregates: counting every article")
            found = counted_anew(connection, *new)
    pair_table = tables.to_table(found[0], tables.ENTITY_COOCCURRENCE)
    daily_table = tables.to_table(found[1], tables.ENTITY_DAILY)
    trusted = last_validation_holds(suite, validation)
    gate_and_publish(
        "aggregate",
        suite,
        {
            "entity_cooccurrence": rows_to_check(pair_table, cooccurrence, trusted).to_pandas(),
            "entity_daily": rows_to_check(daily_table, daily, trusted).to_pandas(),
        },
        {"entity_cooccurrence": (pair_table, cooccurrence), "entity_daily": (daily_table, daily)},
        validation,
        cross_part_failures=[
            unique_keys("entity_cooccurrence", pair_table, tables.ENTITY_COOCCURRENCE.key),
            unique_keys("entity_daily", daily_table, tables.ENTITY_DAILY.key),
        ],
    )
    cache.write({"mentions": new[0], "dates": new[1]}, [cooccurrence, daily])
