"""Score the article text newsline reads from web pages against the pages' true bodies.

    python benchmarks/score_extraction.py [--pages ../shared/dev/article-extraction] [--cores 2]

Links the benchmark's pages (``html/<id>.html.gz``) into a scratch copy of the project, runs
``snakemake``, and scores ``articles.text`` of each page against its ``articleBody`` with the
article-extraction benchmark's metric: the multisets of 4-token shingles of ``\\w+`` tokens,
per page tp/fp/fn normalised to sum to 1, precision and recall the means over pages, F1 their
harmonic mean. Beside it, the same metric for trafilatura used bare (``trafilatura.extract``
with its defaults, as the benchmark published it) and with the options newsline gives it
(config key ``extraction``), on the same pages. Prints whether newsline beats the bare
extractor (the target), and the pages where newsline loses most. The pages are read in place,
never copied into this repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
import trafilatura
import yaml
from bench import built, copy_workflow
from halves import split

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_scores(extracted: str, truth: str) -> tuple[float, float]:
    """The benchmark's per-page precision and recall: tp, fp and fn shingle counts normalised
    to sum to 1 (a page where both are empty scores 1)."""
    predicted, true = shingles(extracted), shingles(truth)
    tp = sum((predicted & true).values())
    fp = sum((predicted - true).values())
    fn = sum((true - predicted).values())
    if tp + fp + fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def score(texts: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    """F1, precision and recall over the pages (a page with no text scores 0 and 0)."""
    pairs = [page_scores(texts.get(page, ""), body) for page, body in truth.items()]
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def newsline_texts(pages: Path, workdir: Path, cores: int) -> dict[str, str] | None:
    project = copy_workflow(workdir, "pages")
    (project / "pages").symlink_to((pages / "html").resolve(), target_is_directory=True)
    if not built(project, cores):
        return None
    articles = pd.read_parquet(
        project / "results" / "articles.parquet", columns=["article_id", "text"]
    )
    rejected = pd.read_parquet(project / "results" / "rejected.parquet")
    for row in rejected.itertuples():
        print(f"rejected {row.source_path}: {row.reason}: {row.detail}")
    return dict(zip(articles["article_id"], articles["text"], strict=True))


def bare_texts(pages: Path, truth: dict[str, dict[str, str]], **options: bool) -> dict[str, str]:
    texts = {}
    for page, entry in truth.items():
        html = gzip.decompress((pages / "html" / f"{page}.html.gz").read_bytes())
        texts[page] = trafilatura.extract(html, url=entry["url"], **options) or ""
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=SHARED / "dev" / "article-extraction")
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    if not (args.pages / "ground-truth.json").is_file():
        print(f"no ground truth at {args.pages}", file=sys.stderr)
        return 2
    truth = json.loads((args.pages / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = {page: entry["articleBody"] for page, entry in truth.items()}
    extraction = yaml.safe_load((PROJECT / "config.yaml").read_text())["extraction"]
    with tempfile.TemporaryDirectory() as workdir:
        ours = newsline_texts(args.pages, Path(workdir), args.cores)
    if ours is None:
        return 1
    options = {
        "include_comments": extraction["include_comments"],
        "include_tables": extraction["include_tables"],
        "favor_precision": extraction["favor"] == "precision",
        "favor_recall": extraction["favor"] == "recall",
    }
    with_options = bare_texts(args.pages, truth, **options)
    texts = {
        "trafilatura.extract, defaults (bare)": bare_texts(args.pages, truth),
        "trafilatura.extract, newsline's options": with_options,
        "newsline articles.text": ours,
    }
    print(f"{len(truth)} pages, {len(ours)} articles; extraction options: {extraction}")
    print("newsline's line rules were tuned on these pages: 'all' is in-sample; the halves split "
          "the pages by id (benchmarks/halves.py)")  # fmt: skip
    print(f"{'':<42} {'pages':>9} {'F1':>6} {'P':>6} {'R':>6}")
    for part, pages in split(sorted(bodies), str).items():
        for name, extracted in texts.items():
            f1, precision, recall = score(extracted, {page: bodies[page] for page in pages})
            print(f"{name:<42} {part:>4} {len(pages):>4} {f1:6.3f} {precision:6.3f} {recall:6.3f}")
    bare_f1 = score(texts["trafilatura.extract, defaults (bare)"], bodies)[0]
    ours_f1 = score(ours, bodies)[0]
    met = "met" if ours_f1 > bare_f1 else "NOT met"
    print(f"target newsline F1 > bare extractor F1: {ours_f1:.3f} > {bare_f1:.3f}, {met}")
    worst = sorted(bodies, key=lambda page: sum(page_scores(ours.get(page, ""), bodies[page])))
    for page in worst[:5]:
        precision, recall = page_scores(ours.get(page, ""), bodies[page])
        print(f"  {page[:12]} P {precision:.2f} R {recall:.2f} {truth[page]['url'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
