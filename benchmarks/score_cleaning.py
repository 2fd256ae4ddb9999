"""Score cleaning against hand-labelled lines: precision and recall of the lines it removes.

    python benchmarks/score_cleaning.py [--bbc ../shared/corpus/bbc]

A removed line is a true positive when the labels call it chrome (navigation, byline, header,
credits, widgets) or a title (the headline line), a false positive when they call it body:
precision says how rarely body text is lost. Chrome and titles are scored apart (the BBC
sample's lines are all headlines, which would otherwise swamp the chrome's recall), for all
files and for each half of them split by name (benchmarks/halves.py): the seed rules were
written against the seeds. The BBC
sample is scored only where the corpus is present (it is licensed for measurement only and is
never copied into this repository).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from halves import split

from newsline.clean import clean_text
from newsline.ingest import decode

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent


def expand(labels: list[int | list[int]]) -> set[int]:
    lines: set[int] = set()
    for item in labels:
        lines.update(range(item[0], item[1] + 1) if isinstance(item, list) else [item])
    return lines


KINDS = ("chrome", "title")


@dataclass
class Counts:
    """Removed lines against one kind of labelled line: true positives, removed body lines,
    labelled lines kept, and a note on each error."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.notes += other.notes

    def line(self) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        if not self.tp + self.fn:
            return f"no labelled lines (removed body {self.fp})"
        return (f"precision {precision:.3f}  recall {recall:.3f}  (removed {self.tp}, "
                f"removed body {self.fp}, kept {self.fn})")  # fmt: skip


def score_file(path: Path, labelled: dict[str, set[int]]) -> dict[str, Counts]:
    """Each kind's counts for one file; body lines removed count against every kind."""
    text = decode(path.read_bytes(), 50_000_000).text
    lines = text.split("\n")
    nonblank = {n for n, line in enumerate(lines, start=1) if line.strip()}
    removed = {n for n, _, reason in clean_text(text).removed if reason != "dateline"}
    not_body = set().union(*labelled.values()) & nonblank
    body_removed = sorted(removed - not_body)
    counts = {}
    for kind in KINDS:
        lines_of_kind = labelled.get(kind, set()) & nonblank
        notes = [f"  kept {kind:<6} {path.name}:{n}: {lines[n - 1][:70]}"
                 for n in sorted(lines_of_kind - removed)]  # fmt: skip
        notes += [f"  removed body {path.name}:{n}: {lines[n - 1][:70]}" for n in body_removed]
        counts[kind] = Counts(
            len(removed & lines_of_kind), len(body_removed), len(lines_of_kind - removed), notes
        )
    return counts


def report(name: str, scored: dict[str, dict[str, Counts]], verbose: bool) -> dict[str, Counts]:
    """Print each kind's figures for the whole set and for each half of the files' names."""
    totals: dict[str, Counts] = {}
    for part, files in split(sorted(scored), str).items():
        for kind in KINDS:
            summed = Counts()
            for f in files:
                summed.add(scored[f][kind])
            print(f"{name:>6} {kind:<6} {part:<4} ({len(files):3d} files): {summed.line()}")
            if part == "all":
                totals[kind] = summed
    if verbose:
        for kind in KINDS:
            for note in dict.fromkeys(totals[kind].notes):
                print(note)
    return totals


def labels_of(entry: dict) -> dict[str, set[int]]:
    return {kind: expand(entry.get(kind, [])) for kind in KINDS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bbc", type=Path, default=PROJECT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--verbose", action="store_true", help="list every error")
    args = parser.parse_args()
    labels = yaml.safe_load((HERE / "cleaning_labels.yaml").read_text())
    seeds = {
        name: score_file(PROJECT / "seeds" / name, labels_of(entry))
        for name, entry in labels["seeds"].items()
    }
    totals = [report("seeds", seeds, args.verbose)]
    if args.bbc.is_dir():
        files = sorted(args.bbc.glob("*/*.txt"))[:: labels["bbc"]["every"]]
        bbc = {f.relative_to(args.bbc).as_posix(): score_file(f, labels_of(labels["bbc"]))
               for f in files}  # fmt: skip
        totals.append(report("bbc", bbc, args.verbose))
    else:
        print(f"   bbc: skipped ({args.bbc} is not there)")
    for kind in KINDS:
        summed = Counts()
        for total in totals:
            summed.add(total[kind])
        print(f"   all {kind:<6}: {summed.line()}  (targets 0.98 / 0.95)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
