"""The summary printed at the end of a successful run: what is in results/, what was rejected
and why, and what each stage's validation said. Reads only Parquet footers, the rejected table
and the validation reports, so it costs milliseconds."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from newsline import parts

TABLE_ORDER = (
    "articles", "boilerplate", "rejected", "mentions", "entities", "timexes", "duplicates",
    "events", "entity_cooccurrence", "entity_daily",
)  # fmt: skip
STAGE_ORDER = ("clean", "dates", "entities", "dedup", "events", "aggregate")


def summarize(results: Path) -> str:
    lines = ["newsline results (" + str(results) + "):"]
    for name in TABLE_ORDER:
        path = results / f"{name}.parquet"
        if path.exists():
            lines.append(f"  {name:<20} {parts.row_count(path):>8,} rows")
    if (decoding := _decoding(results / "articles.parquet")) is not None:
        lines.append(decoding)
    if (dating := _dating(results / "articles.parquet")) is not None:
        lines.append(dating)
    skipped = results / "skipped_records.parquet"
    if skipped.exists() and (n_skipped := parts.row_count(skipped)):
        kinds = Counter(pq.read_table(skipped, columns=["reason"]).column("reason").to_pylist())
        listed = ", ".join(f"{reason} {n}" for reason, n in sorted(kinds.items()))
        lines.append(f"  skipped {n_skipped} web archive records: {listed} (details: {skipped})")
    rejected = results / "rejected.parquet"
    if rejected.exists():
        reasons = Counter(pq.read_table(rejected, columns=["reason"]).column("reason").to_pylist())
        if reasons:
            listed = ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items()))
            lines.append(f"  rejected inputs: {listed} (details: {rejected})")
        if failed := reasons["cleaning_failed"] + reasons["annotation_failed"]:
            lines.append(
                f"  {failed} article{'s' * (failed > 1)} failed in newsline (cleaning_failed, "
                "annotation_failed): a bug, please report it with the rejected row's detail "
                "and its shard's log under results/logs/"
            )
    stages = []
    for stage in STAGE_ORDER:
        report = results / "validation" / f"{stage}.json"
        if report.exists():
            outcome = json.loads(report.read_text(encoding="utf-8"))
            warnings = len(outcome.get("warnings", []))
            status = "passed" if outcome["success"] else "FAILED"
            stages.append(f"{stage} {status}" + (f" ({warnings} warnings)" if warnings else ""))
    if stages:
        lines.append("  validation: " + ", ".join(stages))
    return "\n".join(lines)


# A detected encoding below this confidence is worth a look (articles.encoding_confidence).
LOW_CONFIDENCE = 0.9


def _decoding(articles: Path) -> str | None:
    """A line on what decoding guessed or repaired, where it did either: how many articles were
    read in a detected encoding (how many of them with low confidence), and how many had
    mojibake repaired."""
    wanted = ["encoding_confidence", "mojibake_repairs"]
    # A table written before these columns existed (it is rebuilt when its articles change).
    if not articles.exists() or not set(wanted) <= set(parts.schema(articles).names):
        return None
    columns = pq.read_table(articles, columns=wanted)
    detected = [c for c in columns.column("encoding_confidence").to_pylist() if c is not None]
    repaired = sum(r is not None for r in columns.column("mojibake_repairs").to_pylist())
    if not detected and not repaired:
        return None
    low = sum(c < LOW_CONFIDENCE for c in detected)
    return (
        f"  decoding: {len(detected)} articles in a detected encoding ({low} with confidence "
        f"below {LOW_CONFIDENCE}), {repaired} with mojibake repaired (articles.encoding, "
        "encoding_confidence, mojibake_repairs)"
    )


def _dating(articles: Path) -> str | None:
    """A line on publication dates: given, inferred (to a date or only an interval), unknown."""
    wanted = ["published_date", "published_date_source"]
    if not articles.exists() or "published_date_min" not in parts.schema(articles).names:
        return None
    columns = pq.read_table(articles, columns=wanted)
    sources = columns.column("published_date_source").to_pylist()
    dates = columns.column("published_date").to_pylist()
    inferred = [d for d, s in zip(dates, sources, strict=True) if s == "inferred"]
    if not inferred:
        return None
    to_a_date = sum(d is not None for d in inferred)
    given = sum(s not in ("inferred", "none") for s in sources)
    return (
        f"  publication dates: {given} given, {len(inferred)} inferred ({to_a_date} to a date, "
        f"{len(inferred) - to_a_date} to an interval only), {sources.count('none')} unknown "
        "(articles.published_date_source, published_date_min/_max/_evidence)"
    )
