"""Score inferred publication dates against documents whose true date is known.

    python benchmarks/score_dating.py [--documents ../shared/dev/tempeval3] [--cores 2]

Writes every TimeBank and AQUAINT document of ``../shared/dev/tempeval3`` as an article of a
scratch copy of the project with its creation time withheld (no metadata.csv; each file named
by its position, ``doc-0001.txt``, as a document's id often holds its date), runs
``snakemake``, and compares each article's inferred ``published_date`` and interval
(``published_date_min``/``_max``) with the true creation time. Prints coverage (the share given
a date), the share of the dated within 7 days of the truth, the share of the closed intervals
(both ends known) that hold the truth (an interval open on one side holds almost any truth, so
open ones are counted apart and never scored), whether each target is met (coverage >= 0.6,
within 7 days >= 0.9, closed interval holds the truth >= 0.97), and the misses; the measures
for the whole set (in-sample: the dating rules were written against these documents) and for
each half split by the document's id (benchmarks/halves.py). The documents are read in
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
from halves import split

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
TARGETS = (("coverage", 0.6), ("within 7 days", 0.9), ("closed interval holds the truth", 0.97))


def scratch_project(
    workdir: Path, docs: dict[str, dict]
) -> tuple[Path, dict[str, dt.date], dict[str, str]]:
    """A scratch project holding the documents under neutral names, each one's true date, and
    each neutral name's original document id."""
    project = copy_workflow(workdir, "undated")
    inputs = project / "undated"
    inputs.mkdir()
    truth, original = {}, {}
    for n, (doc_id, doc) in enumerate(sorted(docs.items()), start=1):
        article_id = f"doc-{n:04d}"
        (inputs / f"{article_id}.txt").write_text(doc["text"], encoding="utf-8")
        truth[article_id] = dt.date.fromisoformat(doc["dct"]["value"][:10])
        original[article_id] = doc_id
    return project, truth, original


def holds(row: pd.Series, truth: dt.date) -> bool:
    return row.published_date_min <= truth <= row.published_date_max


def closed(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[rows.published_date_min.notna() & rows.published_date_max.notna()]


def measures(articles: pd.DataFrame, truth: dict[str, dt.date]) -> dict[str, float]:
    """Coverage, dates within 7 days, and closed intervals holding the truth, with counts."""
    inferred = articles[articles.published_date_source == "inferred"]
    dated = inferred[inferred.published_date.notna()]
    within = [abs((row.published_date - truth[a]).days) <= 7 for a, row in dated.iterrows()]
    held = [holds(row, truth[a]) for a, row in closed(inferred).iterrows()]
    return {
        "coverage": len(dated) / len(articles) if len(articles) else 0.0,
        "within 7 days": sum(within) / len(dated) if len(dated) else 0.0,
        "closed interval holds the truth": sum(held) / len(held) if held else 0.0,
        "documents": len(articles),
        "intervals": len(inferred),
        "closed": len(held),
        "dated": len(dated),
    }


def print_measures(label: str, reached: dict[str, float]) -> None:
    print(f"{label:<24} documents {reached['documents']:3.0f}  given an interval "
          f"{reached['intervals']:3.0f} (closed {reached['closed']:.0f}, open on a side "
          f"{reached['intervals'] - reached['closed']:.0f})  given a date {reached['dated']:.0f}  "
          f"coverage {reached['coverage']:.3f}  within 7 days {reached['within 7 days']:.3f}  "
          f"closed interval holds the truth {reached[TARGETS[2][0]]:.3f}")  # fmt: skip


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
    project, truth, original = scratch_project(workdir, load_gold(sources))
    if not built(project, args.cores):
        return 1
    articles = pd.read_parquet(project / "results/articles.parquet").set_index("article_id")
    given = int((~articles.published_date_source.isin(("inferred", "none"))).sum())
    print(f"documents: {len(truth)} from {', '.join(str(s) for s in sources)}; dated by a header "
          f"or dateline of their own: {given}")  # fmt: skip
    for part, ids in split(sorted(articles.index), lambda a: original[a]).items():
        label = "all (in-sample)" if part == "all" else f"{part} half of the ids"
        print_measures(label, measures(articles.loc[ids], truth))
    reached = measures(articles, truth)
    inferred = articles[articles.published_date_source == "inferred"]
    for measure, target in TARGETS:
        if measure == "within 7 days" and not reached["dated"]:
            print(f"target {measure} >= {target:g}: no article was given a date")
            continue
        if measure == "closed interval holds the truth" and not reached["closed"]:
            print(f"target {measure} >= {target:g}: no closed interval was given")
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
    for article_id, row in closed(inferred).iterrows():
        if not holds(row, truth[article_id]):
            print(f"  interval misses {article_id}: true {truth[article_id]}, "
                  f"[{row.published_date_min}, {row.published_date_max}]: "
                  f"{'; '.join(row.published_date_evidence)[:160]}")  # fmt: skip
    print(f"scratch project: {project}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
