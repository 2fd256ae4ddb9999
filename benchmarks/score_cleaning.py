"""Score cleaning against hand-labelled lines: precision and recall of the lines it removes.

    python benchmarks/score_cleaning.py [--bbc ../shared/corpus/bbc]

A removed line is a true positive when the labels call it chrome (or headline, byline, header),
a false positive when they call it body: precision says how rarely body text is lost. The BBC
sample is scored only where the corpus is present (it is licensed for measurement only and is
never copied into this repository).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from newsline.clean import clean_text
from newsline.ingest import decode

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent


def expand(labels: list[int | list[int]]) -> set[int]:
    lines: set[int] = set()
    for item in labels:
        lines.update(range(item[0], item[1] + 1) if isinstance(item, list) else [item])
    return lines


def score_file(path: Path, chrome: set[int]) -> tuple[int, int, int, list[str]]:
    """(true positives, false positives, false negatives, notes on the errors)."""
    text = decode(path.read_bytes(), 50_000_000).text
    lines = text.split("\n")
    nonblank = {n for n, line in enumerate(lines, start=1) if line.strip()}
    chrome &= nonblank
    removed = {n for n, _, reason in clean_text(text).removed if reason != "dateline"}
    notes = [
        f"  kept chrome  {path.name}:{n}: {lines[n - 1][:70]}" for n in sorted(chrome - removed)
    ]
    notes += [
        f"  removed body {path.name}:{n}: {lines[n - 1][:70]}" for n in sorted(removed - chrome)
    ]
    return len(removed & chrome), len(removed - chrome), len(chrome - removed), notes


def report(
    name: str, counts: list[tuple[int, int, int, list[str]]], verbose: bool
) -> tuple[int, int, int]:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{name:>8}: {len(counts):4d} files  precision {precision:.3f}  recall {recall:.3f}  "
          f"(removed chrome {tp}, removed body {fp}, kept chrome {fn})")  # fmt: skip
    if verbose:
        for *_, notes in counts:
            for note in notes:
                print(note)
    return tp, fp, fn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bbc", type=Path, default=PROJECT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--verbose", action="store_true", help="list every error")
    args = parser.parse_args()
    labels = yaml.safe_load((HERE / "cleaning_labels.yaml").read_text())
    totals = [
        report(
            "seeds",
            [
                score_file(PROJECT / "seeds" / name, expand(lines))
                for name, lines in labels["seeds"].items()
            ],
            args.verbose,
        )
    ]
    if args.bbc.is_dir():
        files = sorted(args.bbc.glob("*/*.txt"))[:: labels["bbc"]["every"]]
        chrome = expand(labels["bbc"]["chrome"])
        totals.append(report("bbc", [score_file(f, set(chrome)) for f in files], args.verbose))
    else:
        print(f"     bbc: skipped ({args.bbc} is not there)")
    tp, fp, fn = (sum(t[i] for t in totals) for i in range(3))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"     all: precision {precision:.3f}  recall {recall:.3f}  (targets 0.98 / 0.95)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
