"""The summary printed at the end of a successful run: what is in results/, what was rejected
and why, and what each stage's validation said. Reads only Parquet footers, the rejected table
and the validation reports, so it costs milliseconds."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

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
            lines.append(f"  {name:<20} {pq.read_metadata(path).num_rows:>8,} rows")
    rejected = results / "rejected.parquet"
    if rejected.exists():
        reasons = Counter(pq.read_table(rejected, columns=["reason"]).column("reason").to_pylist())
        if reasons:
            listed = ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items()))
            lines.append(f"  rejected inputs: {listed} (details: {rejected})")
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
