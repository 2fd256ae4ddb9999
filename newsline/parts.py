"""Per-article tables as directories of part files, one part per shard.

``results/articles.parquet`` (and boilerplate, rejected, mentions, timexes) is a directory that
pandas, pyarrow, polars and DuckDB read as one table. ``corpus_tables`` builds every part in memory,
but writes only the parts whose bytes differ from the published ones (and validates their rows
that differ: ``jobs.common.PartTable``): a rebuild after one article was added rewrites that
article's shard and leaves the others untouched (same bytes, same mtime). Rows no shard owns
(inputs no shard reads) go in a part of their own.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsline.tables import PARQUET_OPTIONS, TableSpec, to_table, write_bytes

# The part of rows that no shard owns (rejected inputs that no shard reads, metadata.csv rows).
INPUTS_PART = "inputs"
# The one part of a table that has no shard at all (no input is an article).
EMPTY_PART = "empty"


def part_path(table: str | os.PathLike[str], part: str) -> Path:
    return Path(table) / f"part-{part}.parquet"


def part_bytes(table: pa.Table) -> bytes:
    """The Parquet bytes of a part, written as every table is."""
    sink = io.BytesIO()
    pq.write_table(table, sink, **PARQUET_OPTIONS)
    return sink.getvalue()


def split_by_article(
    table: pa.Table, shard_of: Mapping[str, str], shards: Sequence[str], spec: TableSpec
) -> dict[str, pa.Table]:
    """The rows of each of ``shards`` (``shard_of``: article_id -> shard), empty where a shard
    has none; with no shard at all, one empty part, so that every reader still finds the
    table's columns."""
    owners = pc.index_in(table["article_id"], value_set=pa.array(list(shard_of), pa.string()))
    if owners.null_count:
        unowned = table["article_id"].filter(pc.is_null(owners))[0]
        raise KeyError(f"{unowned.as_py()} is in no shard")
    of_rows = pa.array(list(shard_of.values()), pa.string()).take(owners)
    parts = {
        shard: to_table(table.filter(pc.equal(of_rows, shard)), spec) for shard in sorted(shards)
    }
    return parts or {EMPTY_PART: spec.schema.empty_table()}


def shards_of_articles(shard_files: Mapping[str, str]) -> dict[str, str]:
    """article_id -> shard, from each shard's interim file (shard -> path) that lists them."""
    found: dict[str, str] = {}
    for shard, path in shard_files.items():
        ids = pq.read_table(path, columns=["article_id"]).column("article_id").to_pylist()
        found.update(dict.fromkeys(ids, shard))
    return found


@dataclass(frozen=True)
class Changes:
    """What publishing a table's parts would do: the parts to write and the parts to remove."""

    written: dict[str, bytes]
    removed: list[str]
    unchanged: list[str]


def changes(parts: Mapping[str, pa.Table], table: str | os.PathLike[str]) -> Changes:
    """Compare freshly built parts with the published directory ``table``."""
    written, unchanged = {}, []
    for part, rows in sorted(parts.items()):
        data = part_bytes(rows)
        path = part_path(table, part)
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            unchanged.append(part)
        else:
            written[part] = data
    kept = {part_path(table, part).name for part in parts}
    removed = (
        sorted(p.name for p in Path(table).glob("part-*.parquet") if p.name not in kept)
        if Path(table).is_dir()
        else []
    )
    return Changes(written, removed, unchanged)


def publish(changes: Changes, table: str | os.PathLike[str]) -> None:
    """Write the changed parts (each atomically) and remove the parts of shards gone. A file
    left at the table's path by a newsline that wrote one file per table is replaced."""
    directory = Path(table)
    if directory.is_file():
        directory.unlink()
    directory.mkdir(parents=True, exist_ok=True)
    for part, data in changes.written.items():
        write_bytes(data, part_path(directory, part))
    for name in changes.removed:
        (directory / name).unlink()


def files(table: str | os.PathLike[str]) -> list[Path]:
    """A table's files: its parts, or the one file of a table that is not split."""
    path = Path(table)
    return sorted(path.glob("part-*.parquet")) if path.is_dir() else [path]


# From the files' footers, without pyarrow.dataset: the run summary reads them while Snakemake
# builds the DAG, where an import costs every run (pyarrow.dataset: 0.35 s).
def row_count(table: str | os.PathLike[str]) -> int:
    return sum(pq.read_metadata(f).num_rows for f in files(table))


def schema(table: str | os.PathLike[str]) -> pa.Schema:
    return pq.read_schema(files(table)[0])
