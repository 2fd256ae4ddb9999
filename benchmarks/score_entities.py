"""Score canonical entities against hand-annotated BBC politics mentions, through the workflow.

    python benchmarks/score_entities.py [--gold ../shared/dev/entities/mentions_gold.jsonl]
                                        [--corpus ../shared/corpus/bbc] [--cores 2]

Builds a scratch copy of the project over the folder the gold's articles are in (the politics
folder of ../shared/corpus/bbc, 417 articles), runs ``snakemake``, finds each gold mention (the
``raw_occurrence``-th occurrence of its ``surface`` in the raw file) in ``articles.text`` and the
``mentions`` row that overlaps it most, and prints:
- accepted name: the share of the gold's entity mentions whose entity has a canonical name the
  gold accepts (``entity`` or one of ``also_ok``);
- pairwise precision and recall of "same entity" over the pairs of those mentions (gold: the
  same ``entity``; newsline: the same ``entity_id``);
- not-a-name: the share of the gold's ``NOT_ENTITY`` spans that yield no entity;
- coverage: the share of entity mentions that newsline found at all;
and whether each target is met, then the misses. The gold and the corpus are for development
and measurement only: they are read in place, never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd
from bench import built, copy_workflow
from eval_tempeval import offset_map

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
TARGETS = (
    ("accepted name", 0.90),
    ("pairwise precision", 0.95),
    ("pairwise recall", 0.80),
    ("not-a-name", 0.80),
)


@dataclass(frozen=True)
class Found:
    """What newsline made of one gold mention: its entity and that entity's name, if any."""

    gold: dict
    entity_id: str | None
    name: str | None
    text: str | None


def raw_offsets(raw: str, surface: str, occurrence: int) -> tuple[int, int]:
    """The occurrence-th (0-based) plain substring match, as the gold's README defines it."""
    start = -1
    for _ in range(occurrence + 1):
        start = raw.index(surface, start + 1)
    return start, start + len(surface)


def found_for(gold: dict, corpus: Path, articles: pd.DataFrame, mentions: pd.DataFrame,
              names: dict[str, str]) -> Found:  # fmt: skip
    """The mention of the article that overlaps the gold span most, mapped through cleaning."""
    article_id = gold["file"].removesuffix(".txt")
    raw = (corpus / gold["file"]).read_text(encoding="utf-8")
    start, end = raw_offsets(raw, gold["surface"], gold["raw_occurrence"])
    if article_id not in articles.index:
        return Found(gold, None, None, None)
    mapping = offset_map(raw, articles.at[article_id, "text"])
    best, overlap = None, 0
    for row in mentions[mentions.article_id == article_id].itertuples():
        a, b = mapping[row.start_char], mapping[row.end_char]
        if a is None or b is None:
            continue
        shared = min(b, end) - max(a, start)
        if shared > overlap:
            best, overlap = row, shared
    if best is None:
        return Found(gold, None, None, None)
    return Found(gold, best.entity_id, names.get(best.entity_id), best.text)


def measures(found: list[Found]) -> dict[str, float]:
    entity_mentions = [f for f in found if f.gold["entity"] is not None]
    not_names = [f for f in found if f.gold["entity"] is None]
    accepted = sum(
        f.name is not None and f.name in {f.gold["entity"], *f.gold["also_ok"]}
        for f in entity_mentions
    )
    same_gold = same_found = both = 0
    for a, b in combinations(entity_mentions, 2):
        gold_same = a.gold["entity"] == b.gold["entity"]
        found_same = a.entity_id is not None and a.entity_id == b.entity_id
        same_gold += gold_same
        same_found += found_same
        both += gold_same and found_same
    return {
        "accepted name": accepted / len(entity_mentions),
        "pairwise precision": both / same_found if same_found else 0.0,
        "pairwise recall": both / same_gold if same_gold else 0.0,
        "not-a-name": sum(f.entity_id is None for f in not_names) / len(not_names),
        "coverage": sum(f.entity_id is not None for f in entity_mentions) / len(entity_mentions),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "dev/entities/mentions_gold.jsonl")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus/bbc")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--misses", type=int, default=40, help="wrong mentions to print")
    args = parser.parse_args()
    if not args.gold.is_file() or not args.corpus.is_dir():
        print(f"no gold at {args.gold} or no corpus at {args.corpus}", file=sys.stderr)
        return 1
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    folders = sorted({g["file"].split("/")[0] for g in gold})
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="entities-"))
    project = copy_workflow(workdir, "corpus")
    for folder in folders:  # article ids keep the folder: politics/171
        (project / "corpus" / folder).mkdir(parents=True)
        for path in (args.corpus / folder).glob("*.txt"):
            (project / "corpus" / folder / path.name).write_bytes(path.read_bytes())
    if not built(project, args.cores):
        return 1
    results = project / "results"
    articles = pd.read_parquet(results / "articles.parquet").set_index("article_id")
    mentions = pd.read_parquet(results / "mentions.parquet")
    entities = pd.read_parquet(results / "entities.parquet")
    names = dict(zip(entities.entity_id, entities.name, strict=True))
    found = [found_for(g, args.corpus, articles, mentions, names) for g in gold]
    reached = measures(found)
    print(f"entity gold: {args.gold}: {len(gold)} mentions in {folders} of {args.corpus}")
    for measure, value in reached.items():
        print(f"{measure:<20} {value:.3f}")
    for measure, target in TARGETS:
        met = "met" if reached[measure] >= target else "NOT met"
        print(f"target {measure} >= {target:g}: {reached[measure]:.3f}, {met}")
    wrong = [
        f for f in found
        if (f.gold["entity"] is None) != (f.entity_id is None)
        or (f.gold["entity"] is not None and f.name not in {f.gold["entity"], *f.gold["also_ok"]})
    ]  # fmt: skip
    print(f"{len(wrong)} mentions wrong; the first {min(args.misses, len(wrong))}:")
    for f in wrong[: args.misses]:
        print(f"  {f.gold['file']:<18} {f.gold['surface']!r:<28} gold {f.gold['entity']!r:<28} "
              f"found {f.name!r} ({f.entity_id}, span {f.text!r})")  # fmt: skip
    print(f"scratch project: {project}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
