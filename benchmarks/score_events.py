"""Score the events table against hand-annotated meetings, visits, talks and calls.

    python benchmarks/score_events.py [--set timebank|reuters|both] [--cores 2]
        [--gold ../shared/dev/events/events_gold.jsonl] [--documents ../shared/dev/tempeval3]
        [--reuters-gold ../shared/dev/events/reuters/gold.jsonl]
        [--stories ../shared/dev/events/reuters/stories.jsonl]

Two sets, each built in a scratch copy of the project of its own: the 40 annotated TimeBank and
AQUAINT documents (each document's creation time as ``published_date`` in ``metadata.csv``),
and the 128 Reuters 1987 wire stories (one JSON-lines batch, the dateline opening each text,
the day of the wire's timestamp as ``published_date``). Each document's events (every event
whose ``article_ids`` include it) are matched against its gold events: a predicted event
matches a gold event when at least two of the gold event's parties (its participants, plus the
destination for a visit) are among the predicted event's participants and location, or the
one party where the gold has one; names are compared by their last word, without case, accents
or spelling variants, and a state by its ISO code ("Britain" is "United Kingdom"); greedy, one
to one, most shared parties first, then those of one type. Prints
precision, recall and F1, the strict F1 (a match must also have the gold's type), the share of
matched events whose type, date and status agree (date also among those the gold dates), each
for the whole set (in-sample: the grammar was written against these documents) and for each
half split by document id (benchmarks/halves.py); beside them the keyword baseline (every
sentence with a trigger word and two named parties is an event); whether each target is met
(TimeBank: F1 >= 0.75 with precision >= 0.80; Reuters: F1 >= 0.65 with precision >= 0.75, each
half's F1 >= 0.60, type agreement >= 0.90 and date agreement >= 0.80 of matched events with a
gold date), and the misses. The documents are read in place, never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from bench import built
from eval_tempeval import load_gold, scratch_project
from halves import chosen_sets, split
from wire import built_wire_project, read_stories

from newsline.entities import transliteration_key
from newsline.gazetteer import fold, last_word, state_code

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
TARGETS = (("F1", 0.75), ("precision", 0.80))
REUTERS_TARGETS = (
    ("F1", 0.65), ("precision", 0.75), ("odd: F1", 0.60), ("even: F1", 0.60),
    ("type agrees", 0.90), ("date agrees (gold dated)", 0.80),
)  # fmt: skip


@dataclass(frozen=True)
class Event:
    event_type: str
    parties: frozenset[str]  # last words of the participants' and the place's names, folded
    date: str | None
    evidence: str
    status: str | None = None


def party_key(name: str) -> str:
    """How a party's name is compared: a state by its ISO code ("Britain" is the gold's "United
    Kingdom"), anything else by its last word, folded, spelling variants folded away ("Schultz",
    the story's misspelling, is "Shultz")."""
    if code := state_code(fold(name)) or state_code(last_word(name)):  # "Nairobi, Kenya" too
        return f"state {code}"
    return transliteration_key(last_word(name))


def gold_events(entry: dict) -> list[Event]:
    events = []
    for event in entry["events"]:
        names = list(event["participants"])
        if event["type"] == "visit" and event["location"]:
            names.append(event["location"])
        parties = frozenset(party_key(n) for n in names)
        events.append(
            Event(event["type"], parties, event["date"], event["evidence"], event.get("status"))
        )
    return events


def predicted_events(events: pd.DataFrame, names: dict[str, str]) -> dict[str, list[Event]]:
    """Each article's events (an event reported by several articles counts for each)."""
    by_article: dict[str, list[Event]] = defaultdict(list)
    for row in events.itertuples():
        entity_ids = [*row.participants, *([row.location] if pd.notna(row.location) else [])]
        parties = frozenset(party_key(names.get(e, e.split(":")[-1])) for e in entity_ids)
        evidence = " | ".join(row.evidence)
        for article_id in row.article_ids:
            event = Event(row.event_type, parties, row.date_value, evidence, row.status)
            by_article[article_id].append(event)
    return by_article


def matches(gold: Event, predicted: Event) -> int:
    """How many of the gold event's parties the predicted one has, where that is enough."""
    shared = len(gold.parties & predicted.parties)
    return shared if shared >= min(2, len(gold.parties)) else 0


def pair(
    gold: list[Event], predicted: list[Event], same_type: bool = False
) -> list[tuple[Event, Event]]:
    """Greedy, one to one: most shared parties first, then same type first (a visit and the
    talks held during it share two parties each with both gold events). ``same_type`` pairs
    only events of one type: the strict match."""
    candidates = sorted(
        (
            (matches(g, p), g.event_type != p.event_type, i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if not same_type or g.event_type == p.event_type
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


@dataclass(frozen=True)
class Scored:
    """One document's gold and predicted events, paired by parties and by parties and type."""

    article_id: str
    gold: list[Event]
    found: list[Event]
    pairs: list[tuple[Event, Event]]
    strict_pairs: list[tuple[Event, Event]]


def scored(article_id: str, gold: list[Event], found: list[Event]) -> Scored:
    return Scored(article_id, gold, found, pair(gold, found), pair(gold, found, same_type=True))


def f1_of(n_pairs: int, n_predicted: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (2PR/(P+R) as floats misses an exact 0.75)."""
    return {
        "precision": n_pairs / n_predicted if n_predicted else 0.0,
        "recall": n_pairs / n_gold if n_gold else 0.0,
        "F1": 2 * n_pairs / (n_predicted + n_gold) if n_predicted + n_gold else 0.0,
    }


def measures(documents: list[Scored]) -> dict[str, float]:
    """P/R/F1 by parties, the strict F1 (parties and type), and agreement among the matched."""
    n_gold = sum(len(d.gold) for d in documents)
    n_predicted = sum(len(d.found) for d in documents)
    pairs = [pair for d in documents for pair in d.pairs]
    strict = sum(len(d.strict_pairs) for d in documents)
    reached = f1_of(len(pairs), n_predicted, n_gold)
    reached["strict F1"] = f1_of(strict, n_predicted, n_gold)["F1"]
    dated = [(g, p) for g, p in pairs if g.date is not None]
    reached["type agrees"] = share(g.event_type == p.event_type for g, p in pairs)
    reached["date agrees"] = share(dates_agree(g, p) for g, p in pairs)
    reached["date agrees (gold dated)"] = share(dates_agree(g, p) for g, p in dated)
    reached["status agrees"] = share(g.status == p.status for g, p in pairs)
    reached.update(gold=n_gold, predicted=n_predicted, matched=len(pairs), strict=strict)
    return reached


def share(hits: Iterable[bool]) -> float:
    listed = list(hits)
    return sum(listed) / len(listed) if listed else 0.0


def print_measures(label: str, reached: dict[str, float]) -> None:
    print(f"{label:<22} gold {reached['gold']:3.0f}  predicted {reached['predicted']:3.0f}  "
          f"matched {reached['matched']:3.0f}  P {reached['precision']:.3f}  "
          f"R {reached['recall']:.3f}  F1 {reached['F1']:.3f}  "
          f"strict F1 (same type) {reached['strict F1']:.3f}")  # fmt: skip
    print(f"{'':22} of the matched: type agrees {reached['type agrees']:.3f}, date agrees "
          f"{reached['date agrees']:.3f} (of those the gold dates: "
          f"{reached['date agrees (gold dated)']:.3f}), status agrees "
          f"{reached['status agrees']:.3f}")  # fmt: skip


def print_misses(documents: list[Scored], show: int) -> None:
    for label in ("missed", "spurious"):
        listed = [
            (d.article_id, e)
            for d in documents
            for e in (d.gold if label == "missed" else d.found)
            if not any(e is m for pair in d.pairs for m in pair)
        ]
        print(f"{len(listed)} {label}; the first {min(show, len(listed))}:")
        for article_id, event in listed[:show]:
            print(f"  {article_id:<28} {event.event_type:<8} {sorted(event.parties)} "
                  f"{event.date}: {event.evidence[:110]}")  # fmt: skip


# The DIY baseline: every sentence with a trigger word and two named parties is an event.
BASELINE_TRIGGERS = (
    ("call", re.compile(r"\b(?:telephone|phone[ds]?|called)\b", re.IGNORECASE)),
    ("visit", re.compile(r"\bvisit(?:s|ed|ing)?\b", re.IGNORECASE)),
    ("talks", re.compile(r"\b(?:talks|negotiat\w*|discuss\w*)\b", re.IGNORECASE)),
    ("meeting", re.compile(r"\b(?:meet(?:s|ing|ings)?|met|summit|conferred)\b", re.IGNORECASE)),
)
PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def baseline_events(results: Path, names: dict[str, str]) -> dict[str, list[Event]]:
    """The keyword baseline's events of each article, from the workflow's own tables."""
    texts = pd.read_parquet(results / "articles.parquet").set_index("article_id").text
    mentions = pd.read_parquet(results / "mentions.parquet")
    by_article: dict[str, list[Event]] = defaultdict(list)
    for article_id, rows in mentions.groupby("article_id"):
        text = texts[article_id]
        for sentence in re.finditer(r"[^.!?\n]+[.!?]*", text):
            kind = next((k for k, t in BASELINE_TRIGGERS if t.search(sentence.group(0))), None)
            inside = rows[(rows.start_char >= sentence.start()) & (rows.end_char <= sentence.end())]
            inside = inside[inside.label.isin(PARTY_LABELS)]
            if kind is None or inside.entity_id.nunique() < 2:
                continue
            parties = frozenset(party_key(names.get(e, e)) for e in inside.entity_id)
            by_article[article_id].append(Event(kind, parties, None, sentence.group(0), "past"))
    return by_article


def score_set(label: str, project: Path, entries: list[tuple[str, list[Event]]],
              targets: tuple[tuple[str, float], ...], misses: int) -> None:  # fmt: skip
    """Print the workflow's figures and the baseline's, whole and by half, the targets, misses."""
    results = project / "results"
    entities = pd.read_parquet(results / "entities.parquet")
    names = dict(zip(entities.entity_id, entities.name, strict=True))
    predicted = predicted_events(pd.read_parquet(results / "events.parquet"), names)
    baseline = baseline_events(results, names)
    documents = [scored(a, gold, predicted.get(a, [])) for a, gold in entries]
    n_gold = sum(len(g) for _, g in entries)
    print(f"== {label}: {len(entries)} documents, {n_gold} gold events; the grammar's rules "
          f"were written against these documents: 'all' is in-sample")  # fmt: skip
    parts = split(documents, lambda d: d.article_id)
    for part, members in parts.items():
        tag = "all (in-sample)" if part == "all" else f"{part} half of the ids"
        print_measures(f"{tag} ({len(members)})", measures(members))
    keyword = measures([scored(a, gold, baseline.get(a, [])) for a, gold in entries])
    print(f"{'keyword baseline':<22} predicted {keyword['predicted']:3.0f}  matched "
          f"{keyword['matched']:3.0f}  P {keyword['precision']:.3f}  R {keyword['recall']:.3f}  "
          f"F1 {keyword['F1']:.3f}  strict F1 (same type) {keyword['strict F1']:.3f}")  # fmt: skip
    for measure, target in targets:
        part, _, name = measure.rpartition(": ")
        reached = measures(parts[part or "all"])[name]
        met = "met" if reached >= target else "NOT met"
        print(f"target {measure} >= {target:g}: {reached:.3f}, {met}")
    print_misses(documents, misses)
    print(f"scratch project: {project}")


def timebank_build(args: argparse.Namespace, workdir: Path) -> tuple[Path, list] | None:
    """The annotated TimeBank and AQUAINT documents, each with its creation date in metadata."""
    sources = sorted(args.documents.glob("*_gold.jsonl"))
    entries = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    wanted = {f"{e['corpus']}/{e['doc_id']}" for e in entries}
    docs = {k: v for k, v in load_gold(sources).items() if k in wanted}
    project = scratch_project(workdir / "timebank", docs)
    if not built(project, args.cores):
        return None
    return project, [(f"{e['corpus']}/{e['doc_id']}", gold_events(e)) for e in entries]


def reuters_build(args: argparse.Namespace, workdir: Path) -> tuple[Path, list] | None:
    """The Reuters 1987 stories (``wire.built_wire_project``) and their gold events."""
    gold = [json.loads(line) for line in args.reuters_gold.read_text().splitlines()]
    project = built_wire_project(read_stories(args.stories), workdir, args.cores)
    if project is None:
        return None
    return project, [(f"reuters#{g['newid']}", gold_events(g)) for g in gold]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("timebank", "reuters", "both"), default="both")
    parser.add_argument("--gold", type=Path, default=SHARED / "dev/events/events_gold.jsonl")
    parser.add_argument("--documents", type=Path, default=SHARED / "dev/tempeval3")
    parser.add_argument(
        "--reuters-gold", type=Path, default=SHARED / "dev/events/reuters/gold.jsonl"
    )
    parser.add_argument("--stories", type=Path,
                        default=SHARED / "dev/events/reuters/stories.jsonl")  # fmt: skip
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--misses", type=int, default=30, help="misses of each kind to print")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="events-"))
    builds = {"timebank": (timebank_build, TARGETS), "reuters": (reuters_build, REUTERS_TARGETS)}
    for key, label in chosen_sets(args.set, [
        ("timebank", "TimeBank and AQUAINT", (args.gold, args.documents)),
        ("reuters", "Reuters 1987 wire", (args.reuters_gold, args.stories)),
    ]):  # fmt: skip
        build, targets = builds[key]
        found = build(args, workdir)
        if found is None:
            return 1
        score_set(label, found[0], found[1], targets, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
