"""The one spaCy pass: parse_shard."""

from __future__ import annotations

import time

import pyarrow.parquet as pq

from newsline.jobs.common import (
    log,
    progress,
)
from newsline.nlp import load_model, parse, write_docbin


def parse_shard(articles: str, model: str, batch_size: int, docs: str) -> None:
    table = pq.read_table(articles, columns=["article_id", "text"])
    started = time.perf_counter()
    nlp = load_model(model)
    log.info(
        "loaded %s in %.1f s; parsing %d articles",
        model,
        time.perf_counter() - started,
        table.num_rows,
    )
    pairs = zip(
        table.column("article_id").to_pylist(), table.column("text").to_pylist(), strict=True
    )
    write_docbin(parse(nlp, progress(pairs, table.num_rows, "parsed"), batch_size), docs)
