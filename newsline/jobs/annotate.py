"""annotate_shard: the per-article work of a shard in one job.

The one spaCy pass and everything read off it (temporal expressions, entity mentions, event
mentions), and the MinHash signatures. One job per shard rather than one per stage and shard:
every job pays a Python start and imports, and the parse is read once, in memory. The stages
stay separate where they are judged: each corpus-level table job validates its own stage.

Parses and signatures are reused from the shard's caches (``results/cache``) by a key of the
text they came from, so a shard rebuilt for one new article parses that article only.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import dedup, tables
from newsline.entities import article_mentions
from newsline.events import article_event_mentions
from newsline.jobs.common import log
from newsline.nlp import annotated_docs, parse, read_cache, sentence_index_of, write_cache
from newsline.timex import extract_timexes

SIGNATURE_CACHE = pa.schema([("key", pa.string()), ("hashvalues", pa.list_(pa.uint32()))])


@contextmanager
def _timed(seconds: dict[str, float], step: str) -> Iterator[None]:
    """Add the block's wall time to ``seconds[step]`` (the log's per-step timings)."""
    started = time.perf_counter()
    yield
    seconds[step] += time.perf_counter() - started


def annotate_shard(
    *,
    articles: str,
    model: str,
    batch_size: int,
    shingle_size: int,
    num_perm: int,
    parse_cache: str,
    signature_cache: str,
    timexes: str,
    mentions: str,
    event_mentions: str,
    signatures: str,
) -> None:
    table = pq.read_table(
        articles, columns=["article_id", "published_date", "n_chars_clean", "text"]
    )
    ids = table.column("article_id").to_pylist()
    texts = table.column("text").to_pylist()
    published = dict(zip(ids, table.column("published_date").to_pylist(), strict=True))
    seconds: dict[str, float] = defaultdict(float)

    with _timed(seconds, "parse"):
        cached = read_cache(parse_cache)
        docs = parse(list(zip(ids, texts, strict=True)), model, batch_size, cached)
        parsed = write_cache(docs, parse_cache)

    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article_id, doc in annotated_docs(parsed):
        with _timed(seconds, "dates"):
            found_timexes = extract_timexes(doc, published[article_id])
        with _timed(seconds, "entities"):
            found_mentions = article_mentions(doc, sentence_index_of(doc))
        with _timed(seconds, "events"):
            found_events = article_event_mentions(article_id, doc, found_mentions, found_timexes)
        rows["timexes"] += [
            {"article_id": article_id, **t.__dict__, "resolved": t.resolved} for t in found_timexes
        ]
        rows["mentions"] += [{"article_id": article_id, **m.__dict__} for m in found_mentions]
        rows["event_mentions"] += [e.__dict__ for e in found_events]
    tables.write_rows(rows["timexes"], tables.TIMEXES, timexes)
    tables.write_rows(rows["mentions"], tables.LOCAL_MENTIONS, mentions)
    tables.write_rows(rows["event_mentions"], tables.EVENT_MENTIONS, event_mentions)

    with _timed(seconds, "signatures"):
        known = _read_signature_cache(signature_cache)
        keyed = dedup.signatures(texts, shingle_size, num_perm, known)
        values = [v for _, v in keyed]
        tables.write_table(
            pa.table({"key": [k for k, _ in keyed], "hashvalues": values}, schema=SIGNATURE_CACHE),
            signature_cache,
        )
        signed = table.drop_columns(["text"]).append_column(
            "hashvalues", pa.array(values, pa.list_(pa.uint32()))
        )
        tables.write_rows(signed, tables.SIGNATURES, signatures)

    log.info(
        "articles: %d; temporal expressions: %d; entity mentions: %d; event mentions: %d",
        len(ids), len(rows["timexes"]), len(rows["mentions"]), len(rows["event_mentions"]),
    )  # fmt: skip
    log.info("seconds: %s", ", ".join(f"{stage} {s:.2f}" for stage, s in seconds.items()))


def _read_signature_cache(path: str) -> dict[str, list[int]]:
    """Cached signatures by key; none when the cache is missing or unreadable (they are then
    computed again: a cache costs time, never a result)."""
    if not Path(path).is_file():
        return {}
    try:
        table = pq.read_table(path, schema=SIGNATURE_CACHE)
    except Exception as error:  # any damage: a cache is never worth failing a build for
        log.warning("ignoring the unreadable signature cache %s (%s)", path, error)
        return {}
    return dict(
        zip(table.column("key").to_pylist(), table.column("hashvalues").to_pylist(), strict=True)
    )
