"""Score inferred publication dates against documents whose true date is known.

    python benchmarks/score_dating.py [--documents ../shared/dev/tempeval3] [--cores 2]

Writes every TimeBank and AQUAINT document of ``../shared/dev/tempeval3`` as an article of a
scratch copy of the project with its creation time withheld (no metadata.csv; each file named
by its position, ``doc-0001.txt``, as a document's id often holds its date), runs
``snakemake``, and compares each article's inferred ``published_date`` and interval
(``published_date_min``/``_max``) with the true creation time. Prints coverage (the share given
a date), the share of the dated within 7 days of the truth, the share of the articles given an
interval whose interval holds the truth, whether each target is met (coverage >= 0.6, within 7
days >= 0.9, interval holds the truth >= 0.97), and the misses. The documents are read in
place, never copied into this repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import pandas as pd
from bench import built, copy_workflow
from eval_tempeval import load_gold

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
TARGETS = (("coverage", 0.6), ("within 7 days", 0.9), ("interval holds the truth", 0.97))


def scratch_project(workdir: Path, docs: dict[str, dict]) -> tuple[Path, dict[str, dt.date]]:
    """A scratch project holding the documents under neutral names, and each one's true date."""
    project = copy_workflow(workdir, "undated")
    inputs = project / "undated"
    inputs.mkdir()
    truth = {}
    for n, (_, doc) in enumerate(sorted(docs.items()), start=1):
        article_id = f"doc-{n:04d}"
        (inputs / f"{article_id}.txt").write_text(doc["text"], encoding="utf-8")
        truth[article_id] = dt.date.fromisoformat(doc["dct"]["value"][:10])
    return project, truth


def holds(row: pd.Series, truth: dt.date) -> bool:
    low, high = row.published_date_min, row.published_date_max
    return (pd.isna(low) or low <= truth) and (pd.isna(high) or truth <= high)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=Path, default=SHARED / "dev/tempeval3")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    sources = sorted(args.documents.glob("*_gold.jsonl"))
    if not sources:
        print(f"no documents in {args.documents}", file=sys.stderr)
        return 1
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dating-"))
    project, truth = scratch_project(workdir, load_gold(sources))
    if not built(project, args.cores):
        return 1
    articles = pd.read_parquet(project / "results/articles.parquet").set_index("article_id")
    inferred = articles[articles.published_date_source == "inferred"]
    dated = inferred[inferred.published_date.notna()]
    within = [abs((row.published_date - truth[a]).days) <= 7 for a, row in dated.iterrows()]
    held = [holds(row, truth[a]) for a, row in inferred.iterrows()]
    n = len(truth)
    reached = {
        "coverage": len(dated) / n,
        "within 7 days": sum(within) / len(dated) if len(dated) else 0.0,
        "interval holds the truth": sum(held) / len(held) if held else 0.0,
    }
    given = int((articles.published_date_source != "none").sum()) - len(inferred)
    closed = int((inferred.published_date_min.notna() & inferred.published_date_max.notna()).sum())
    print(f"documents: {n} from {', '.join(str(s) for s in sources)}; dated by a header or "
          f"dateline of their own: {given}")  # fmt: skip
    print(f"given an interval: {len(inferred)} ({len(inferred) / n:.3f}); closed: {closed}; "
          f"given a date: {len(dated)}")  # fmt: skip
    for measure, target in TARGETS:
        if measure == "within 7 days" and not len(dated):
            print(f"target {measure} >= {target:g}: no article was given a date")
            continue
        met = "met" if reached[measure] >= target else "NOT met"
        print(f"target {measure} >= {target:g}: {reached[measure]:.3f}, {met}")
    given_wrong = [
        (a, row.published_date)
        for a, row in articles.iterrows()
        if row.published_date_source not in ("inferred", "none") and row.published_date != truth[a]
    ]
    for article_id, date in given_wrong:
        print(f"  given date {date} of {article_id} is not its true {truth[article_id]}")
    for (article_id, row), ok in zip(inferred.iterrows(), held, strict=True):
        if not ok:
            print(f"  interval misses {article_id}: true {truth[article_id]}, "
                  f"[{row.published_date_min}, {row.published_date_max}]: "
                  f"{'; '.join(row.published_date_evidence)[:160]}")  # fmt: skip
    print(f"scratch project: {project}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
