from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsline.summary import summarize


def test_an_articles_table_from_before_the_decoding_columns_is_summarised(tmp_path: Path) -> None:
    # results/ left by an older newsline: the table is only rebuilt when its articles change.
    pq.write_table(pa.table({"article_id": ["a"], "text": ["x"]}), tmp_path / "articles.parquet")
    summary = summarize(tmp_path)
    assert "articles                    1 rows" in summary
    assert "decoding:" not in summary


def test_detected_encodings_and_repairs_are_counted(tmp_path: Path) -> None:
    articles = pa.table(
        {
            "article_id": ["a", "b", "c"],
            "encoding_confidence": [None, 0.8, 1.0],
            "mojibake_repairs": ["encode:sloppy-windows-1252 decode:utf-8", None, None],
        }
    )
    pq.write_table(articles, tmp_path / "articles.parquet")
    assert (
        "decoding: 2 articles in a detected encoding (1 with confidence below 0.9), "
        "1 with mojibake repaired"
    ) in summarize(tmp_path)
