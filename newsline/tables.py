"""Arrow schemas of every table newsline writes, and the one way tables are written.

The contract tables (``../shared/CONTRACT.md``) and the interim per-shard tables are declared
here so that every writer produces the same column types, sorted by the table's key, with no
pandas index or timestamps in the file: two builds of the same inputs give identical bytes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq


@dataclass(frozen=True)
class TableSpec:
    """A table's schema and the key its rows are sorted (and unique) by."""

    name: str
    schema: pa.Schema
    key: tuple[str, ...]


def _spec(name: str, key: Sequence[str], *fields: tuple[str, pa.DataType]) -> TableSpec:
    return TableSpec(name, pa.schema([pa.field(n, t) for n, t in fields]), tuple(key))


STRINGS = pa.list_(pa.string())

ARTICLES = _spec(
    "articles",
    ["article_id"],
    ("article_id", pa.string()),
    ("source_path", pa.string()),
    ("content_sha256", pa.string()),
    ("title", pa.string()),
    ("byline", pa.string()),
    ("published_date", pa.date32()),
    ("published_date_source", pa.string()),
    ("published_date_min", pa.date32()),
    ("published_date_max", pa.date32()),
    ("url", pa.string()),
    ("source", pa.string()),
    ("language", pa.string()),
    ("text", pa.string()),
    ("n_chars_raw", pa.int64()),
    ("n_chars_clean", pa.int64()),
    # Beyond the contract: the batch line an article came from, what its bytes were decoded as
    # and how sure that is (null: read exactly), the mojibake repairs made (ftfy's steps; null:
    # none), and the language detector's confidence (null: unsure, the corpus's language was
    # taken).
    ("source_line", pa.int32()),
    ("encoding", pa.string()),
    ("encoding_confidence", pa.float64()),
    ("mojibake_repairs", pa.string()),
    ("language_confidence", pa.float64()),
    # What an inferred publication date rests on ("rule: phrase"); empty for a given date.
    ("published_date_evidence", STRINGS),
    # The day a dateline gives without its year ("XXXX-03-03"): evidence for dating.
    ("dateline_day", pa.string()),
)
# Publication dates as the article_dates job settles them (given, inferred or unknown), in the
# articles' own columns, and how an inferred date was reached (newsline.dating.FROM_TEXT or
# FROM_EVENTS).
DATE_COLUMNS = (
    "article_id", "published_date", "published_date_source", "published_date_min",
    "published_date_max", "published_date_evidence",
)  # fmt: skip
ARTICLE_DATES = TableSpec(
    "article_dates",
    pa.schema(
        [*(ARTICLES.schema.field(n) for n in DATE_COLUMNS), pa.field("inferred_from", pa.string())]
    ),
    ("article_id",),
)
BOILERPLATE = _spec(
    "boilerplate",
    ["article_id", "line_no"],
    ("article_id", pa.string()),
    ("line_no", pa.int32()),
    ("text", pa.string()),
    ("reason", pa.string()),
)
REJECTED = _spec(
    "rejected",
    ["source_path", "line"],
    ("source_path", pa.string()),
    ("line", pa.int32()),
    ("reason", pa.string()),
    ("detail", pa.string()),
)
# Beyond the contract: web archive records that hold no page (requests, revisits, images...).
SKIPPED_RECORDS = _spec(
    "skipped_records",
    ["source_path", "record"],
    ("source_path", pa.string()),
    ("record", pa.int32()),
    ("record_type", pa.string()),
    ("content_type", pa.string()),
    ("reason", pa.string()),
)
MENTIONS = _spec(
    "mentions",
    ["article_id", "start_char"],
    ("article_id", pa.string()),
    ("sentence_index", pa.int32()),
    ("start_char", pa.int32()),
    ("end_char", pa.int32()),
    ("text", pa.string()),
    ("label", pa.string()),
    ("entity_id", pa.string()),
)
# Per shard, before names are made canonical across the corpus.
LOCAL_MENTIONS = _spec(
    "local_mentions",
    ["article_id", "start_char"],
    ("article_id", pa.string()),
    ("sentence_index", pa.int32()),
    ("start_char", pa.int32()),
    ("end_char", pa.int32()),
    ("text", pa.string()),
    ("label", pa.string()),
    ("name", pa.string()),
    ("local_name", pa.string()),
    ("ticker", pa.string()),  # the wire's ticker tag right after the mention ("GM"), if any
)
ENTITIES = _spec(
    "entities",
    ["entity_id"],
    ("entity_id", pa.string()),
    ("name", pa.string()),
    ("label", pa.string()),
    ("aliases", STRINGS),
    ("iso_code", pa.string()),
    ("tickers", STRINGS),
    ("n_mentions", pa.int64()),
    ("n_articles", pa.int64()),
)
TIMEXES = _spec(
    "timexes",
    ["article_id", "start_char"],
    ("article_id", pa.string()),
    ("sentence_index", pa.int32()),
    ("start_char", pa.int32()),
    ("end_char", pa.int32()),
    ("text", pa.string()),
    ("timex_type", pa.string()),
    ("value", pa.string()),
    ("start_date", pa.date32()),
    ("end_date", pa.date32()),
    ("granularity", pa.string()),
    ("anchor_date", pa.date32()),
    ("anchor_source", pa.string()),
    ("resolved", pa.bool_()),
)
# A shard's timexes, with what each was read as (newsline.dating.reading_to_json), the tense it
# was told in and whether that dates the article: what an inferred date resolves them with.
SHARD_TIMEXES = TableSpec(
    "shard_timexes",
    pa.schema(
        [
            *TIMEXES.schema,
            pa.field("reading", pa.string()),
            pa.field("direction", pa.string()),
            pa.field("told_as", pa.string()),
        ]
    ),
    TIMEXES.key,
)
# The inputs a shard job was given (newsline.ingest.listing_rows): the clean stage of
# ``corpus_tables`` accounts for every one of them.
SOURCES = _spec(
    "sources",
    ["root_index", "path"],
    ("root_index", pa.int32()),
    ("root", pa.string()),
    ("path", pa.string()),
)
# Articles whose annotation failed: the clean stage of ``corpus_tables`` rejects them
# (annotation_failed).
ANNOTATION_FAILURES = _spec(
    "annotation_failures",
    ["article_id"],
    ("article_id", pa.string()),
    ("error", pa.string()),
)
SIGNATURES = _spec(
    "signatures",
    ["article_id"],
    ("article_id", pa.string()),
    ("published_date", pa.date32()),
    ("n_chars_clean", pa.int64()),
    ("shingles", pa.list_(pa.uint32())),
    ("lead", pa.list_(pa.uint32())),
    ("hashvalues", pa.list_(pa.uint32())),
)
DUPLICATES = _spec(
    "duplicates",
    ["article_id"],
    ("article_id", pa.string()),
    ("cluster_id", pa.string()),
    ("canonical_id", pa.string()),
    ("similarity", pa.float64()),
    ("containment", pa.float64()),
    ("kind", pa.string()),
)
EVENT_MENTIONS = _spec(
    "event_mentions",
    ["article_id", "sentence_index"],
    ("article_id", pa.string()),
    ("sentence_index", pa.int32()),
    ("event_type", pa.string()),
    ("participant_starts", pa.list_(pa.int32())),
    ("location_start", pa.int32()),
    ("location_priority", pa.int32()),
    ("date_value", pa.string()),
    ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("evidence", pa.string()),
    ("status", pa.string()),
    # The timex that dates it (its start_char), re-resolved where the date is inferred.
    ("date_start_char", pa.int32()),
)
EVENTS = _spec(
    "events",
    ["event_id"],
    ("event_id", pa.string()),
    ("event_type", pa.string()),
    ("participants", STRINGS),
    ("status", pa.string()),
    ("location", pa.string()),
    ("date_value", pa.string()),
    ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("article_ids", STRINGS),
    ("n_sources", pa.int64()),
    ("evidence", STRINGS),
    ("date_conflict", pa.bool_()),
    ("sources", STRINGS),
    # Its date holds only against an inferred publication date (articles.published_date_source).
    ("date_inferred", pa.bool_()),
    # The earliest publication date of its articles: where the timeline places an undated event.
    ("first_reported", pa.date32()),
)
ENTITY_COOCCURRENCE = _spec(
    "entity_cooccurrence",
    ["entity_a", "entity_b"],
    ("entity_a", pa.string()),
    ("entity_b", pa.string()),
    ("n_articles", pa.int64()),
    ("n_sentences", pa.int64()),
)
ENTITY_DAILY = _spec(
    "entity_daily",
    ["date", "entity_id"],
    ("date", pa.date32()),
    ("entity_id", pa.string()),
    ("n_mentions", pa.int64()),
    ("n_articles", pa.int64()),
)


def to_table(rows: Iterable[Mapping[str, Any]] | pa.Table, spec: TableSpec) -> pa.Table:
    """Rows (dicts, or a table with at least the spec's columns) as a table of the spec's schema,
    sorted by its key (nulls first, so the order never depends on where rows came from)."""
    if isinstance(rows, pa.Table):
        table = rows.select(spec.schema.names).cast(spec.schema)
    else:
        table = pa.Table.from_pylist(list(rows), schema=spec.schema)
    if table.num_rows:
        table = table.sort_by([(k, "ascending", "at_start") for k in spec.key])
    return table


# How every table and part is written: the same options give the same bytes.
PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "write_statistics": True}


def write_table(table: pa.Table, path: str | os.PathLike[str], **options: Any) -> None:
    """Write Parquet atomically (``replaced_atomically``). ``options`` override
    ``PARQUET_OPTIONS`` (a cache of compressed bytes: no compression)."""
    with replaced_atomically(path) as tmp:
        pq.write_table(table, tmp, **(PARQUET_OPTIONS | options))


def write_text(text: str, path: str | os.PathLike[str]) -> None:
    """Write a text file (a report, a page) atomically, like the tables."""
    write_bytes(text.encode("utf-8"), path)


def write_bytes(data: bytes, path: str | os.PathLike[str]) -> None:
    """Write a file atomically (``replaced_atomically``)."""
    with replaced_atomically(path) as tmp:
        Path(tmp).write_bytes(data)


@contextmanager
def replaced_atomically(path: str | os.PathLike[str]) -> Iterator[str]:
    """A temporary path beside ``path`` for the block to write, renamed onto ``path`` when the
    block ends and removed when it fails: a reader, or the next run after an interrupted one,
    finds the old content or the new, never half of it, and jobs that write the same file side
    by side each write their own temporary file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield tmp
        # mkstemp makes the file private (0600); a table is for every reader the umask allows.
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_rows(rows: Iterable[Mapping[str, Any]] | pa.Table, spec: TableSpec, path: str) -> None:
    write_table(to_table(rows, spec), path)


def read_tables(paths: Iterable[str | os.PathLike[str]], spec: TableSpec) -> pa.Table:
    """Concatenate per-shard files of one table, sorted by its key."""
    parts = [pq.read_table(p, schema=spec.schema) for p in paths]
    if not parts:
        return spec.schema.empty_table()
    return to_table(pa.concat_tables(parts), spec)
