"""Score canonical entities against hand-annotated mentions, through the workflow.

    python benchmarks/score_entities.py [--set bbc|reuters|both] [--cores 2]
        [--gold ../shared/dev/entities/mentions_gold.jsonl] [--corpus ../shared/corpus/bbc]
        [--reuters-gold ../shared/dev/entities/reuters/mentions_gold.jsonl]
        [--stories ../shared/dev/events/reuters/stories.jsonl]

Two sets, each built in a scratch copy of the project of its own: BBC politics (341 mentions;
the politics folder of ../shared/corpus/bbc, 417 articles; each mention the
``raw_occurrence``-th occurrence of its ``surface`` in the raw file, mapped through cleaning)
and Reuters 1987 business wire (360 mentions in 128 stories, written as one JSON-lines batch;
each mention the ``occurrence``-th of its ``surface`` in the title, then the text, white space
collapsed). For each gold mention the ``mentions`` row that overlaps it most; prints, for each
set as a whole (in-sample: the rules were written against these articles) and for each half of
it by article id (benchmarks/halves.py):
- accepted name: the share of the gold's entity mentions whose entity has a canonical name the
  gold accepts (``entity`` or one of ``also_ok``);
- pairwise precision and recall of "same entity" over the pairs of those mentions (gold: the
  same ``entity``; newsline: the same ``entity_id``);
- not-a-name: the share of the gold's ``NOT_ENTITY`` spans that yield no mention of exactly that
  span (the gold READMEs' measure: "Bolton West MP" is no name, "Bolton West" within it is);
  "not-a-name, overlap", stricter, counts only those no mention overlaps at all;
- coverage: the share of entity mentions that newsline found at all;
and whether each target is met, then the misses. The gold and the corpora are for development
and measurement only: they are read in place, never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd
from bench import built, copy_workflow
from eval_tempeval import offset_map
from halves import chosen_sets, split
from wire import built_wire_project, read_stories

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
TARGETS = (
    ("accepted name", 0.92),
    ("pairwise precision", 0.95),
    ("pairwise recall", 0.85),
    ("not-a-name", 0.85),
)


@dataclass(frozen=True)
class Found:
    """What newsline made of one gold mention: the mention that overlaps it most, its entity and
    that entity's name, if any; ``exact`` where a mention has exactly the gold's span."""

    gold: dict
    entity_id: str | None
    name: str | None
    text: str | None
    exact: bool = False


def best_overlap(gold: dict, rows: pd.DataFrame, span: tuple[int, int],
                 offset: Callable[[int], int | None], names: dict[str, str]) -> Found:  # fmt: skip
    """The mention of ``rows`` whose span (mapped by ``offset``) overlaps ``span`` most."""
    start, end = span
    best, overlap, exact = None, 0, False
    for row in rows.itertuples():
        a, b = offset(row.start_char), offset(row.end_char)
        if a is None or b is None:
            continue
        exact = exact or (a, b) == (start, end)
        shared = min(b, end) - max(a, start)
        if shared > overlap:
            best, overlap = row, shared
    if best is None:
        return Found(gold, None, None, None)
    return Found(gold, best.entity_id, names.get(best.entity_id), best.text, exact)


def raw_offsets(raw: str, surface: str, occurrence: int) -> tuple[int, int]:
    """The occurrence-th (0-based) plain substring match, as the gold's README defines it."""
    start = -1
    for _ in range(occurrence + 1):
        start = raw.index(surface, start + 1)
    return start, start + len(surface)


def found_for(gold: dict, corpus: Path, articles: pd.DataFrame, mentions: pd.DataFrame,
              names: dict[str, str]) -> Found:  # fmt: skip
    """A BBC gold mention: its span in the raw file, mapped through cleaning."""
    article_id = gold["file"].removesuffix(".txt")
    raw = (corpus / gold["file"]).read_text(encoding="utf-8")
    span = raw_offsets(raw, gold["surface"], gold["raw_occurrence"])
    if article_id not in articles.index:
        return Found(gold, None, None, None)
    mapping = offset_map(raw, articles.at[article_id, "text"])
    rows = mentions[mentions.article_id == article_id]
    return best_overlap(gold, rows, span, lambda i: mapping[i], names)


def collapsed(text: str) -> tuple[str, list[int]]:
    """The text with runs of white space as one space, and each of its characters' offset in
    ``text`` (one more for the end)."""
    out, where = [], []
    for match in re.finditer(r"\S+|\s+", text):
        if match.group(0).isspace():
            out.append(" ")
            where.append(match.start())
        else:
            out.append(match.group(0))
            where.extend(range(match.start(), match.end()))
    where.append(len(text))
    return "".join(out), where


def occurrences(text: str, surface: str) -> list[int]:
    """Starts of every plain substring match, overlapping ones included."""
    found, start = [], text.find(surface)
    while start >= 0:
        found.append(start)
        start = text.find(surface, start + 1)
    return found


def reuters_found(gold: dict, stories: dict[str, dict], articles: pd.DataFrame,
                  mentions: pd.DataFrame, names: dict[str, str]) -> Found:  # fmt: skip
    """A Reuters gold mention: the title's occurrences come first (no mention can be there:
    the title is not in ``articles.text``), then those of the article's text, each with white
    space collapsed as the gold's README says."""
    article_id = f"reuters#{gold['newid']}"
    title = " ".join(stories[gold["newid"]]["title"].split())
    in_title = len(occurrences(title, gold["surface"]))
    if gold["occurrence"] < in_title or article_id not in articles.index:
        return Found(gold, None, None, None)
    text, where = collapsed(articles.at[article_id, "text"])
    starts = occurrences(text, gold["surface"])
    if gold["occurrence"] - in_title >= len(starts):
        return Found(gold, None, None, None)
    start = starts[gold["occurrence"] - in_title]
    span = (where[start], where[start + len(gold["surface"]) - 1] + 1)
    rows = mentions[mentions.article_id == article_id]
    return best_overlap(gold, rows, span, lambda i: i, names)


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
        "not-a-name": sum(not f.exact for f in not_names) / len(not_names),
        "not-a-name, overlap": sum(f.entity_id is None for f in not_names) / len(not_names),
        "coverage": sum(f.entity_id is not None for f in entity_mentions) / len(entity_mentions),
    }


def tables(project: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    results = project / "results"
    articles = pd.read_parquet(results / "articles.parquet").set_index("article_id")
    mentions = pd.read_parquet(results / "mentions.parquet")
    entities = pd.read_parquet(results / "entities.parquet")
    return articles, mentions, dict(zip(entities.entity_id, entities.name, strict=True))


def bbc_found(gold_path: Path, corpus: Path, workdir: Path, cores: int) -> list[Found] | None:
    """Build the BBC folders the gold's articles are in and find each gold mention."""
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    project = copy_workflow(workdir / "bbc", "corpus")
    for folder in sorted({g["file"].split("/")[0] for g in gold}):  # ids keep it: politics/171
        (project / "corpus" / folder).mkdir(parents=True)
        for path in (corpus / folder).glob("*.txt"):
            (project / "corpus" / folder / path.name).write_bytes(path.read_bytes())
    if not built(project, cores):
        return None
    articles, mentions, names = tables(project)
    return [found_for(g, corpus, articles, mentions, names) for g in gold]


def reuters_found_all(gold_path: Path, stories_path: Path, workdir: Path,
                      cores: int) -> list[Found] | None:  # fmt: skip
    """Build the wire stories (``wire.built_wire_project``) and find each gold mention."""
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    stories = read_stories(stories_path)
    project = built_wire_project(stories, workdir, cores)
    if project is None:
        return None
    articles, mentions, names = tables(project)
    return [reuters_found(g, stories, articles, mentions, names) for g in gold]


def report(label: str, found: list[Found], doc_id: Callable[[Found], str], misses: int) -> None:
    """Each measure for the whole set and its halves by article id, the targets, the misses."""
    reached = measures(found)
    print(f"== {label}: {len(found)} gold mentions; the naming rules were written against these "
          "articles, so 'all' is in-sample; the halves split them by article id")  # fmt: skip
    parts = {part: measures(members) for part, members in split(found, doc_id).items()}
    print(f"{'':<20} {'all':>6} {'odd':>6} {'even':>6}")
    for measure in reached:
        print(f"{measure:<20} " + " ".join(f"{parts[p][measure]:6.3f}" for p in parts))
    for measure, target in TARGETS:
        met = "met" if reached[measure] >= target else "NOT met"
        print(f"target {measure} >= {target:g}: {reached[measure]:.3f}, {met}")
    wrong = [
        f for f in found
        if (f.gold["entity"] is None and f.exact)
        or (f.gold["entity"] is not None and f.name not in {f.gold["entity"], *f.gold["also_ok"]})
    ]  # fmt: skip
    print(f"{len(wrong)} mentions wrong; the first {min(misses, len(wrong))}:")
    for f in wrong[:misses]:
        print(f"  {doc_id(f):<16} {f.gold['surface']!r:<30} gold {f.gold['entity']!r:<30} "
              f"found {f.name!r} ({f.entity_id}, span {f.text!r})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("bbc", "reuters", "both"), default="both")
    parser.add_argument("--gold", type=Path, default=SHARED / "dev/entities/mentions_gold.jsonl")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus/bbc")
    parser.add_argument("--reuters-gold", type=Path,
                        default=SHARED / "dev/entities/reuters/mentions_gold.jsonl")  # fmt: skip
    parser.add_argument("--stories", type=Path,
                        default=SHARED / "dev/events/reuters/stories.jsonl")  # fmt: skip
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--misses", type=int, default=40, help="wrong mentions to print")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="entities-"))
    sets = {
        "bbc": (lambda: bbc_found(args.gold, args.corpus, workdir, args.cores),
                lambda f: f.gold["file"]),
        "reuters": (lambda: reuters_found_all(args.reuters_gold, args.stories, workdir, args.cores),
                    lambda f: f.gold["newid"]),
    }  # fmt: skip
    for key, label in chosen_sets(args.set, [
        ("bbc", f"BBC politics ({args.gold})", (args.gold, args.corpus)),
        ("reuters", f"Reuters 1987 wire ({args.reuters_gold})", (args.reuters_gold, args.stories)),
    ]):  # fmt: skip
        find, doc_id = sets[key]
        found = find()
        if found is None:
            return 1
        report(label, found, doc_id, args.misses)
    print(f"scratch projects: {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
