"""The aggregates over the corpus: entity_cooccurrence and entity_daily."""

from __future__ import annotations

import duckdb

from newsline import tables
from newsline.jobs.common import (
    ValidationPaths,
    gate_and_publish,
    last_validation_holds,
    rows_to_check,
    unique_keys,
)

COOCCURRENCE_SQL = """
WITH article_entities AS (SELECT DISTINCT article_id, entity_id FROM read_parquet($mentions)),
     sentence_entities AS (
        SELECT DISTINCT article_id, sentence_index, entity_id FROM read_parquet($mentions)),
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
ORDER BY entity_a, entity_b
"""
DAILY_SQL = """
SELECT a.published_date AS date, m.entity_id,
       count(*) AS n_mentions, count(DISTINCT m.article_id) AS n_articles
FROM read_parquet($mentions) m JOIN read_parquet($articles) a USING (article_id)
WHERE a.published_date IS NOT NULL
GROUP BY ALL
ORDER BY date, entity_id
"""


def aggregate_tables(
    mentions: str,
    articles: str,
    suite: str,
    cooccurrence: str,
    daily: str,
    validation: ValidationPaths,
) -> None:
    with duckdb.connect() as connection:
        pairs = connection.sql(COOCCURRENCE_SQL, params={"mentions": mentions})
        pair_table = pairs.to_arrow_table()
        days = connection.sql(DAILY_SQL, params={"mentions": mentions, "articles": articles})
        daily_table = days.to_arrow_table()
    pair_table = tables.to_table(pair_table, tables.ENTITY_COOCCURRENCE)
    daily_table = tables.to_table(daily_table, tables.ENTITY_DAILY)
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
