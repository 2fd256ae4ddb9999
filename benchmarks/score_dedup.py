"""Score deduplication: the corpus's own copies, and a syndication test built from it.

    python benchmarks/score_dedup.py --syndication [--corpus ../shared/corpus/bbc] [--share 0.2]
    python benchmarks/score_dedup.py --results SCRATCH/results [--corpus ../shared/corpus/bbc]

``--syndication`` writes copies of a share of the corpus's articles as other outlets run them,
and look-alikes that must stay apart (see syndication.py), beside the corpus in a scratch copy
of the project, runs ``snakemake`` and prints pairwise precision and recall over every pair of
articles (two articles are a true pair when they are copies of one story), and apart over the
pairs that involve a generated article; recall by what was done to the copy, the false merges,
and whether the targets are met over every pair (recall >= 0.95 at precision >= 0.99, and every
exact-duplicate pair of the corpus in one cluster). The truth is built without the code under
test: corpus files with the same body are one story, and so are files that share half of the
smaller one's word 5-shingles under the same headline or three quarters under another (exact
sets, no MinHash); the originals copied are the files alone in their story.

``--results`` reads an existing build of the corpus (e.g. bench.py's scratch project).

Both print the exact-duplicate pairs of the corpus (same bytes) and how many of them share a
cluster in ``duplicates``; every cluster of two or more corpus articles, split into copies with
identical cleaned text and revised copies; and the least similar merged pairs with their
headlines, to spot-check that no two different stories were merged. The corpus is licensed for
measurement only: it is read in place, never copied into this repository.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pandas as pd
from bench import built, copy_workflow
from syndication import Generated, syndication_corpus

PROJECT = Path(__file__).resolve().parent.parent
TARGETS = (("recall", 0.95), ("precision", 0.99))


def exact_pairs(corpus: Path) -> list[tuple[str, str]]:
    """Pairs of files under ``corpus`` with the same bytes, as paths relative to it."""
    by_digest: dict[str, list[str]] = defaultdict(list)
    for path in sorted(corpus.rglob("*.txt")):
        by_digest[hashlib.sha256(path.read_bytes()).hexdigest()].append(
            path.relative_to(corpus).as_posix()
        )
    return [pair for paths in by_digest.values() for pair in combinations(paths, 2)]


def corpus_files(corpus: Path) -> dict[str, Path]:
    return {p.relative_to(corpus).as_posix(): p for p in sorted(corpus.rglob("*.txt"))}


def headline_and_body(path: Path) -> tuple[str, str]:
    """The first non-blank line and the rest, white space folded and case dropped."""
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    headline, _, body = text.partition("\n")
    return " ".join(headline.lower().split()), " ".join(body.lower().split())


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def shared_shingles(shingled: dict[str, set[tuple[str, ...]]]) -> Counter[tuple[str, str]]:
    """How many shingles each pair of files shares (shingles in more than 50 files, such as
    stock phrases, are passed over)."""
    having: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in sorted(shingled):
        for shingle in shingled[name]:
            having[shingle].append(name)
    shared: Counter[tuple[str, str]] = Counter()
    for names in having.values():
        if 1 < len(names) <= 50:
            shared.update(combinations(names, 2))
    return shared


def story_groups(
    files: dict[str, Path], same_headline: float = 0.5, any_headline: float = 0.75
) -> dict[str, str]:
    """Each file's true story, found without the code under test (exact shingle sets, no
    MinHash): files with the same body are one story; so are files whose bodies share at least
    ``same_headline`` of the smaller one's word 5-shingles under the same headline, or
    ``any_headline`` of them under another (an update: "Hewitt falls to Dent" and "Hewitt
    falls to Dent in Adelaide"). The story is named by its first file."""
    read = {name: headline_and_body(path) for name, path in files.items()}
    parent = {name: name for name in files}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    def join(a: str, b: str) -> None:
        low, high = sorted((root(a), root(b)))
        parent[high] = low

    by_body: dict[str, list[str]] = defaultdict(list)
    for name, (_, body) in read.items():
        by_body[body].append(name)
    for group in by_body.values():
        for other in group[1:]:
            join(group[0], other)
    shingled = {name: shingles(body) for name, (_, body) in read.items()}
    for (a, b), n in shared_shingles(shingled).items():
        needed = same_headline if read[a][0] == read[b][0] else any_headline
        if n >= needed * min(len(shingled[a]), len(shingled[b])):
            join(a, b)
    return {name: root(name) for name in files}


def pairwise(predicted: set[tuple[str, str]], true: set[tuple[str, str]]) -> dict[str, float]:
    found = predicted & true
    return {
        "precision": len(found) / len(predicted) if predicted else 0.0,
        "recall": len(found) / len(true) if true else 0.0,
    }


def pairs_of(group_of: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id, group in group_of.items():
        groups[group].append(article_id)
    return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}


def score_syndication(
    duplicates: pd.DataFrame, files: dict[str, Path], generated: list[Generated], show: int
) -> bool:
    """Print pairwise precision and recall over every pair of articles, and over the pairs that
    involve a generated article; whether the targets are met (over every pair)."""
    groups = story_groups(files)
    story = {f"bbc/{name.removesuffix('.txt')}": groups[name] for name in files}
    how = {}
    for item in generated:
        article_id = f"syndication/{item.path.removesuffix('.txt')}"
        story[article_id] = groups.get(item.truth, item.truth)
        how[article_id] = item.kind
    cluster_of = dict(zip(duplicates.article_id, duplicates.cluster_id, strict=True))
    predicted, true = pairs_of(cluster_of), pairs_of({a: story[a] for a in cluster_of})
    kinds = Counter(kind.split(":")[0] for kind in how.values())
    print(f"syndication test: {len(how)} generated articles ({dict(sorted(kinds.items()))}); "
          f"truth: same body, or shared shingles and headline (not newsline's code)")  # fmt: skip
    reached = pairwise(predicted, true)
    involving = {pair for pair in predicted | true if pair[0] in how or pair[1] in how}
    for label, scope in (("every pair", predicted | true), ("pairs with a copy", involving)):
        got = pairwise(predicted & scope, true & scope)
        print(f"{label:<18}: {len(true & scope)} true, {len(predicted & scope)} predicted, "
              f"{len(true & predicted & scope)} both; precision {got['precision']:.4f}, "
              f"recall {got['recall']:.4f}")  # fmt: skip
    print_recall_by_step(true, predicted, how)
    for label, listed in (("false merges", predicted - true), ("misses", true - predicted)):
        print(f"{len(listed)} {label}; the first {min(show, len(listed))}:")
        for a, b in sorted(listed)[:show]:
            print(f"  {a} ({how.get(a, 'corpus')}) / {b} ({how.get(b, 'corpus')})")
    met = True
    for measure, target in TARGETS:
        ok = reached[measure] >= target
        met = met and ok
        print(f"target {measure} >= {target:g} (every pair): {reached[measure]:.4f}, "
              f"{'met' if ok else 'NOT met'}")  # fmt: skip
    return met


def print_recall_by_step(
    true: set[tuple[str, str]], predicted: set[tuple[str, str]], how: dict[str, str]
) -> None:
    by_how: dict[str, list[bool]] = defaultdict(list)
    for a, b in true:
        for article_id in (a, b):
            if article_id in how:
                for step in how[article_id].removeprefix("copy:").split("+"):
                    by_how[step].append((a, b) in predicted)
    print("recall of the pairs of copies made with each step:")
    for step, hits in sorted(by_how.items()):
        print(f"  {step:<18} {sum(hits) / len(hits):.3f} of {len(hits)}")


def score_corpus(articles: pd.DataFrame, duplicates: pd.DataFrame, corpus: Path, show: int) -> bool:
    """Print how the corpus's own exact and near copies were clustered; whether every exact
    pair is in one cluster."""
    pairs = exact_pairs(corpus)
    in_corpus = {path for pair in pairs for path in pair}
    cluster = duplicates.set_index("article_id").cluster_id
    # source_path is as the workflow saw it (input folder, bench.py's copyN/, then the path in
    # the corpus): an article is a corpus file when its path ends with that file's.
    cluster_of_file = {}
    for article_id, source_path in zip(articles.article_id, articles.source_path, strict=True):
        parts = source_path.split("/")
        for start in range(len(parts)):
            if "/".join(parts[start:]) in in_corpus:
                cluster_of_file["/".join(parts[start:])] = cluster[article_id]
                break
    found = sum(
        1 for a, b in pairs if a in cluster_of_file and cluster_of_file[a] == cluster_of_file[b]
    )
    print(f"exact-duplicate pairs in {corpus}: {len(pairs)}; in one cluster: {found}")

    text = articles.set_index("article_id").text
    title = articles.set_index("article_id").title
    clusters = duplicates.groupby("cluster_id").article_id.apply(list)
    merged = clusters[clusters.map(len) > 1]
    identical = merged[merged.map(lambda ids: text[ids].nunique() == 1)]
    print(
        f"clusters of 2+ articles: {len(merged)} ({merged.map(len).sum()} articles); "
        f"identical cleaned text: {len(identical)}; revised copies: {len(merged) - len(identical)}"
    )
    print("kinds:", ", ".join(f"{k} {n}" for k, n in duplicates.kind.value_counts().items()))
    revised = duplicates[
        duplicates.cluster_id.isin(merged.index.difference(identical.index))
        & (duplicates.article_id != duplicates.canonical_id)
    ].sort_values(["similarity", "article_id"])
    print("least similar merged pairs (spot-check that each is one story):")
    for row in revised.head(show).itertuples():
        print(f"  {row.similarity:.3f} {row.containment:.3f} {row.kind:<8} "
              f"{row.canonical_id}: {title.get(row.canonical_id, '(generated)')!r}")  # fmt: skip
        print(f"{'':24}{row.article_id}: {title.get(row.article_id, '(generated)')!r}")
    return found == len(pairs)


def syndication_build(args: argparse.Namespace) -> tuple[Path, list[Generated]] | None:
    files = corpus_files(args.corpus)
    groups = story_groups(files)
    sizes = Counter(groups.values())
    originals = [name for name in files if sizes[groups[name]] == 1]
    generated = syndication_corpus(files, originals, args.share, args.seed)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dedup-"))
    project = copy_workflow(workdir, "corpus")
    shutil.copytree(args.corpus, project / "corpus/bbc", ignore=shutil.ignore_patterns("*.TXT"))
    for item in generated:
        path = project / "corpus/syndication" / item.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(item.text, encoding="utf-8")
    print(
        f"{len(originals)} of {len(files)} corpus articles have no near copy; copies made of a "
        f"share of {args.share:g} (seed {args.seed}); building {project}"
    )
    return (project, generated) if built(project, args.cores) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--results", type=Path, help="results/ of a build of the corpus")
    mode.add_argument("--syndication", action="store_true", help="build and score the test")
    parser.add_argument("--corpus", type=Path, default=PROJECT.parent / "shared/corpus/bbc")
    parser.add_argument("--share", type=float, default=0.2, help="of the articles to copy")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--show", type=int, default=5, help="pairs of each kind to print")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    if args.results:
        results, generated = args.results, []
    else:
        build = syndication_build(args)
        if build is None:
            return 1
        results, generated = build[0] / "results", build[1]
    articles = pd.read_parquet(results / "articles.parquet")
    duplicates = pd.read_parquet(results / "duplicates.parquet")
    in_corpus = ~articles.article_id.str.startswith("syndication/")
    corpus_ids = set(articles.article_id[in_corpus])
    exact_met = score_corpus(
        articles[in_corpus], duplicates[duplicates.article_id.isin(corpus_ids)], args.corpus,
        args.show,
    )  # fmt: skip
    print(f"target: every exact-duplicate pair in one cluster: {'met' if exact_met else 'NOT met'}")
    if generated:
        score_syndication(duplicates, corpus_files(args.corpus), generated, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
