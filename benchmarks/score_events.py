"""Score the events table against hand-annotated meetings, visits, talks and calls.

    python benchmarks/score_events.py [--gold ../shared/dev/events/events_gold.jsonl]
                                      [--documents ../shared/dev/tempeval3] [--cores 2]

Writes the 40 annotated TimeBank and AQUAINT documents as articles of a scratch copy of the
project (each document's creation time as ``published_date`` in ``metadata.csv``), runs
``snakemake``, and matches each document's events (every event whose ``article_ids`` include
the document) against its gold events: a predicted event matches a gold event when at least
two of the gold event's parties (its participants, plus the destination for a visit) are
among the predicted event's participants and location, or the one party where the gold has
one; names are compared by their last word, without case or accents; greedy, one to one,
most shared parties first, then those of one type. Prints precision, recall and F1 over all
documents, the share of matched events whose type, date and status agree, whether each target
is met (F1 >= 0.75 with precision >= 0.80), and the misses. The documents are read in place,
never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from bench import built
from eval_tempeval import load_gold, scratch_project

from newsline.gazetteer import last_word

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
TARGETS = (("F1", 0.75), ("precision", 0.80))


@dataclass(frozen=True)
class Event:
    event_type: str
    parties: frozenset[str]  # last words of the participants' and the place's names, folded
    date: str | None
    evidence: str
    status: str | None = None


def gold_events(entry: dict) -> list[Event]:
    events = []
    for event in entry["events"]:
        names = list(event["participants"])
        if event["type"] == "visit" and event["location"]:
            names.append(event["location"])
        parties = frozenset(last_word(n) for n in names)
        events.append(
            Event(event["type"], parties, event["date"], event["evidence"], event.get("status"))
        )
    return events


def predicted_events(events: pd.DataFrame, names: dict[str, str]) -> dict[str, list[Event]]:
    """Each article's events (an event reported by several articles counts for each)."""
    by_article: dict[str, list[Event]] = defaultdict(list)
    for row in events.itertuples():
        entity_ids = [*row.participants, *([row.location] if pd.notna(row.location) else [])]
        parties = frozenset(last_word(names.get(e, e.split(":")[-1])) for e in entity_ids)
        evidence = " | ".join(row.evidence)
        for article_id in row.article_ids:
            event = Event(row.event_type, parties, row.date_value, evidence, row.status)
            by_article[article_id].append(event)
    return by_article


def matches(gold: Event, predicted: Event) -> int:
    """How many of the gold event's parties the predicted one has, where that is enough."""
    shared = len(gold.parties & predicted.parties)
    return shared if shared >= min(2, len(gold.parties)) else 0


def pair(gold: list[Event], predicted: list[Event]) -> list[tuple[Event, Event]]:
    """Greedy, one to one: most shared parties first, then same type first (a visit and the
    talks held during it share two parties each with both gold events)."""
    candidates = sorted(
        (
            (matches(g, p), g.event_type != p.event_type, i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
        ),
        key=lambda c: (-c[0], c[1], c[2], c[3]),
    )
    used_gold, used_predicted, pairs = set(), set(), []
    for shared, _, i, j in candidates:
        if shared and i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def dates_agree(gold: Event, predicted: Event) -> bool:
    if gold.date is None:
        return predicted.date is None or "X" in predicted.date
    return predicted.date == gold.date


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "dev/events/events_gold.jsonl")
    parser.add_argument("--documents", type=Path, default=SHARED / "dev/tempeval3")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--misses", type=int, default=30, help="misses of each kind to print")
    args = parser.parse_args()
    sources = sorted(args.documents.glob("*_gold.jsonl"))
    if not args.gold.is_file() or not sources:
        print(f"no events gold at {args.gold} or no documents in {args.documents}", file=sys.stderr)
        return 1
    entries = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    wanted = {f"{e['corpus']}/{e['doc_id']}" for e in entries}
    docs = {k: v for k, v in load_gold(sources).items() if k in wanted}
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="events-"))
    project = scratch_project(workdir, docs)
    if not built(project, args.cores):
        return 1
    results = project / "results"
    entities = pd.read_parquet(results / "entities.parquet")
    names = dict(zip(entities.entity_id, entities.name, strict=True))
    predicted = predicted_events(pd.read_parquet(results / "events.parquet"), names)
    n_gold = n_predicted = 0
    pairs: list[tuple[Event, Event]] = []
    missed: list[tuple[str, Event]] = []
    spurious: list[tuple[str, Event]] = []
    for entry in entries:
        article_id = f"{entry['corpus']}/{entry['doc_id']}"
        gold, found = gold_events(entry), predicted.get(article_id, [])
        matched = pair(gold, found)
        n_gold, n_predicted = n_gold + len(gold), n_predicted + len(found)
        pairs += matched
        missed += [(article_id, g) for g in gold if g not in {m[0] for m in matched}]
        spurious += [(article_id, p) for p in found if p not in {m[1] for m in matched}]
    precision = len(pairs) / n_predicted if n_predicted else 0.0
    recall = len(pairs) / n_gold if n_gold else 0.0
    # 2PR/(P+R) in counts: the float form misses an F1 of exactly 0.75 by a rounding error.
    f1 = 2 * len(pairs) / (n_predicted + n_gold) if n_predicted + n_gold else 0.0
    reached = {"precision": precision, "recall": recall, "F1": f1}
    print(f"events gold: {args.gold}: {len(entries)} documents, {n_gold} events")
    print(f"predicted {n_predicted}, matched {len(pairs)}")
    for measure, value in reached.items():
        print(f"{measure:<10} {value:.3f}")
    if pairs:
        types = sum(g.event_type == p.event_type for g, p in pairs) / len(pairs)
        dates = sum(dates_agree(g, p) for g, p in pairs) / len(pairs)
        statuses = sum(g.status == p.status for g, p in pairs) / len(pairs)
        print(f"of the matched: type agrees {types:.3f}, date agrees {dates:.3f}, "
              f"status agrees {statuses:.3f}")  # fmt: skip
    for measure, target in TARGETS:
        met = "met" if reached[measure] >= target else "NOT met"
        print(f"target {measure} >= {target:g}: {reached[measure]:.3f}, {met}")
    for label, events in (("missed", missed), ("spurious", spurious)):
        print(f"{len(events)} {label}; the first {min(args.misses, len(events))}:")
        for article_id, event in events[: args.misses]:
            print(f"  {article_id:<28} {event.event_type:<8} {sorted(event.parties)} "
                  f"{event.date}: {event.evidence[:110]}")  # fmt: skip
    print(f"scratch project: {project}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
