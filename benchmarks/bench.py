"""Benchmark newsline on a folder of articles and on copies of it, in scratch copies of the project.

    python benchmarks/bench.py [--corpus ../shared/corpus/bbc] [--copies 1 5] [--cores 2]

For each size (the corpus, then ``--copies`` copies of it) prints: the fresh build's wall time and
the bare ``nlp.pipe`` time of the same model over the same cleaned texts with the same process count
(their ratio is the pipeline's overhead), a no-op rebuild, Snakemake's own DAG time (a dry run), the
same two for a workflow of Snakemake alone over the same inputs and shard jobs (their floor),
adding 10 articles, editing one and deleting another, the peak RSS of the largest job, and where the
add-10 and edit-and-delete seconds went, by job, by stage of ``corpus_tables`` and by step of
``shard_tables``; then the targets, met or not. A copy after the first gets one line of its own in
each article, so that no parse is reused between copies. Every scratch folder is outside this
repository.
"""

from __future__ import annotations

import argparse
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import spacy
import yaml

PROJECT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ["Snakefile", "config.yaml", "profiles", "workflow", "scripts"]


def timed_run(project: Path, cores: int, *args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", str(cores), "--quiet", "all", *args],
        cwd=project, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"snakemake failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def job_seconds(project: Path, since: float) -> dict[str, list[float]]:
    """What each job of a run spent in newsline's own code, by rule, what each stage of
    ``corpus_tables`` spent (as ``stage <name>``) and each step of ``shard_tables`` (as ``step
    <name>``): the "<rule> done in N s" and "stage|step <name> done in N s" lines of every job log
    written since ``since`` (a job's wall time is this plus its Python start and imports)."""
    found: dict[str, list[float]] = {}
    for log in (project / "results" / "logs").rglob("*.log"):
        if log.stat().st_mtime < since:
            continue
        text = log.read_text(errors="replace")
        if done := re.search(r"(\w+) done in ([\d.]+) s", text.splitlines()[-1] if text else ""):
            found.setdefault(done[1], []).append(float(done[2]))
        for part, name, seconds in re.findall(r"(stage|step) (\w+) done in ([\d.]+) s", text):
            found.setdefault(f"  {part} {name}", []).append(float(seconds))
    return found


def print_profile(title: str, seconds: float, jobs: dict[str, list[float]], cores: int) -> None:
    print(f"{title}: {seconds:.1f} s wall; time inside each job's code, by rule:")
    for rule, times in sorted(jobs.items(), key=lambda item: -sum(item[1])):
        print(f"  {rule:<20} {len(times):3d} jobs {sum(times):7.1f} s")
    work = sum(sum(t) for rule, t in jobs.items() if not rule.startswith(" "))
    print(f"  all jobs: {work:.1f} s of work, {work / cores:.1f} s of wall time on {cores} cores "
          "if they were perfectly packed; the rest of the wall time is jobs waiting on the chain, "
          "Python starts and Snakemake")  # fmt: skip


def built(project: Path, cores: int) -> bool:
    """Run the workflow in a scratch project; on failure print the end of its output."""
    run = subprocess.run([sys.executable, "-m", "snakemake", "--cores", str(cores)],
                         cwd=project, capture_output=True, text=True)  # fmt: skip
    if run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-3000:], file=sys.stderr)
    return run.returncode == 0


def copy_workflow(workdir: Path, inputs: str) -> Path:
    """A scratch copy of the project in ``workdir/newsline`` whose config reads ``inputs``."""
    project = workdir / "newsline"
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    config = yaml.safe_load((project / "config.yaml").read_text())
    config["inputs"] = [inputs]
    (project / "config.yaml").write_text(yaml.safe_dump(config))
    return project


def scratch_project(workdir: Path, corpus: Path, copies: int) -> tuple[Path, list[Path]]:
    project = copy_workflow(workdir, "corpus")
    inputs = project / "corpus"
    for copy in range(copies):
        shutil.copytree(
            corpus, inputs / f"copy{copy}", ignore=shutil.ignore_patterns("*.TXT", "*.md")
        )
        if copy:  # a text seen before is not parsed again: each copy gets a line of its own
            for path in (inputs / f"copy{copy}").rglob("*.txt"):
                with path.open("a", encoding="utf-8") as text:
                    text.write(f"\n\nCopy {copy} of this article.\n")
    return project, sorted(inputs.rglob("*.txt"))


def bare_pipe_seconds(project: Path, model: str, batch_size: int, processes: int) -> float:
    texts = pq.read_table(project / "results" / "articles.parquet", columns=["text"]).column("text")
    nlp = spacy.load(model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts.to_pylist(), batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - started


# A workflow of nothing but Snakemake's bookkeeping over the same inputs and jobs as newsline's:
# one job per shard taking its files, one job taking every shard's output.
ALONE_SNAKEFILE = """
SHARDS = {shards}
FILES = [line for line in open("files.txt", encoding="utf-8").read().splitlines() if line]


rule all:
    input:
        "merged.done",


rule merged:
    input:
        expand("shards/{{shard}}.done", shard=range(SHARDS)),
    output:
        "merged.done",
    shell:
        "touch {{output}}"


rule shard:
    input:
        lambda wildcards: FILES[int(wildcards.shard) :: SHARDS],
    output:
        "shards/{{shard}}.done",
    shell:
        "touch {{output}}"
"""


def snakemake_alone(files: list[Path], shards: int, cores: int, workdir: Path) -> dict[str, float]:
    """A no-op and a dry run of ``ALONE_SNAKEFILE`` over ``files``, once built: what Snakemake
    itself costs for as many inputs and shard jobs, the floor of newsline's own no-op."""
    workdir.mkdir(parents=True)
    (workdir / "Snakefile").write_text(ALONE_SNAKEFILE.format(shards=shards))
    (workdir / "files.txt").write_text("".join(f"{path.resolve()}\n" for path in files))
    subprocess.run([sys.executable, "-m", "snakemake", "--cores", str(cores), "--quiet", "all"],
                   cwd=workdir, capture_output=True, check=True)  # fmt: skip
    noop = timed_run(workdir, cores)
    dry = time.perf_counter()
    subprocess.run([sys.executable, "-m", "snakemake", "-n", "--quiet", "all"], cwd=workdir,
                   capture_output=True, check=True)  # fmt: skip
    return {"noop": noop, "dag": time.perf_counter() - dry}


def measure(corpus: Path, copies: int, cores: int, workdir: Path) -> dict[str, Any]:
    """Every figure of one size: builds, rebuilds and their profiles."""
    project, files = scratch_project(workdir, corpus, copies)
    config = yaml.safe_load((project / "config.yaml").read_text())
    print(f"\n== {len(files)} files ({copies} cop{'y' if copies == 1 else 'ies'} of {corpus}), "
          f"{config['shards']} shards, {cores} cores; scratch project {project}")  # fmt: skip
    figures: dict[str, Any] = {"articles": len(files)}
    figures["fresh"] = timed_run(project, cores)
    figures["noop"] = timed_run(project, cores)
    dag = time.perf_counter()
    subprocess.run([sys.executable, "-m", "snakemake", "-n", "--quiet", "all"], cwd=project,
                   capture_output=True, check=True)  # fmt: skip
    figures["dag"] = time.perf_counter() - dag
    figures["alone"] = snakemake_alone(files, config["shards"], cores, workdir / "alone")
    added = project / "corpus" / "added"
    added.mkdir()
    for index, source in enumerate(files[:10]):
        text = source.read_text(encoding="utf-8", errors="replace")
        (added / f"new-{index}.txt").write_text(text + "\n\nThis article was added later.\n")
    started = time.time()
    figures["add"] = timed_run(project, cores)
    figures["add_jobs"] = job_seconds(project, started)
    files[20].write_text(files[20].read_text(errors="replace") + "\n\nAn edit.\n")
    files[40].unlink()
    started = time.time()
    figures["edit"] = timed_run(project, cores)
    figures["edit_jobs"] = job_seconds(project, started)
    figures["rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["bare"] = bare_pipe_seconds(
        project, config["spacy"]["model"], config["spacy"]["batch_size"], cores
    )
    print(f"fresh build             {figures['fresh']:8.1f} s")
    print(f"bare nlp.pipe           {figures['bare']:8.1f} s  (n_process={cores}); "
          f"fresh build / bare = {figures['fresh'] / figures['bare']:.2f}")  # fmt: skip
    print(f"no-op rebuild           {figures['noop']:8.1f} s")
    print(f"DAG (dry run)           {figures['dag']:8.1f} s")
    print(f"Snakemake alone, the same inputs and shard jobs: no-op {figures['alone']['noop']:.1f} s"
          f", dry run {figures['alone']['dag']:.1f} s")  # fmt: skip
    print(f"add 10 articles         {figures['add']:8.1f} s")
    print(f"edit 1 and delete 1     {figures['edit']:8.1f} s")
    print(f"peak RSS, largest job   {figures['rss_mb']:8.0f} MB (so far)")
    print_profile("add 10 articles", figures["add"], figures["add_jobs"], cores)
    print_profile("edit 1 and delete 1", figures["edit"], figures["edit_jobs"], cores)
    return figures


def print_targets(sizes: list[dict[str, Any]]) -> None:
    """The issue's targets, for every size, and add 10 at the largest against the smallest."""
    for figures in sizes:
        n = figures["articles"]
        for target, value, met in (
            ("fresh build / bare <= 1.2", f"{figures['fresh'] / figures['bare']:.2f}",
             figures["fresh"] / figures["bare"] <= 1.2),
            ("add 10 <= 12 s", f"{figures['add']:.1f} s", figures["add"] <= 12),
            ("edit 1 + delete 1 <= 10 s", f"{figures['edit']:.1f} s", figures["edit"] <= 10),
            ("no-op <= 2 s", f"{figures['noop']:.1f} s", figures["noop"] <= 2),
            ("dry run <= 2 s", f"{figures['dag']:.1f} s", figures["dag"] <= 2),
            ("peak RSS per job <= 1.5 GB", f"{figures['rss_mb']:.0f} MB",
             figures["rss_mb"] <= 1536),
        ):  # fmt: skip
            print(f"target at {n} articles: {target}: {value}, {'met' if met else 'NOT met'}")
    if len(sizes) > 1:
        ratio = sizes[-1]["add"] / sizes[0]["add"]
        print(f"target add 10 at {sizes[-1]['articles']} <= 1.2 x at {sizes[0]['articles']}: "
              f"{ratio:.2f}, {'met' if ratio <= 1.2 else 'NOT met'}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 5],
                        help="sizes to build, in copies of the corpus")  # fmt: skip
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus} is not a folder")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsline-bench-"))
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {args.cores} cores; corpus {args.corpus}")
    sizes = [
        measure(args.corpus, copies, args.cores, workdir / f"copies-{copies}")
        for copies in args.copies
    ]
    print()
    print_targets(sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
