"""Benchmark newsline on a folder of articles, in a scratch copy of the project.

    python benchmarks/bench.py [--corpus ../shared/corpus/bbc] [--copies 1] [--cores 2]

Prints: the fresh build's wall time, a no-op rebuild, adding 10 articles, editing one and
deleting one, Snakemake's own DAG time (a dry run), the peak RSS of the largest job, and the bare
``nlp.pipe`` time of the same model over the same cleaned texts with the same process count, so
the pipeline's overhead shows as a ratio. The corpus is copied (``--copies`` times, under
different names, each copy after the first with one line of its own, so that no parse is reused
between copies) into the scratch folder, never into this repository.
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
    """What each job of a run spent in newsline's own code, by rule: the "<rule> done in N s"
    line of every job log written since ``since`` (a job's wall time is this plus its Python
    start and imports)."""
    found: dict[str, list[float]] = {}
    for log in (project / "results" / "logs").rglob("*.log"):
        if log.stat().st_mtime < since:
            continue
        if done := re.search(r"(\w+) done in ([\d.]+) s", log.read_text(errors="replace")):
            found.setdefault(done[1], []).append(float(done[2]))
    return found


def print_profile(title: str, seconds: float, jobs: dict[str, list[float]], cores: int) -> None:
    print(f"{title}: {seconds:.1f} s wall; time inside each job's code, by rule:")
    for rule, times in sorted(jobs.items(), key=lambda item: -sum(item[1])):
        print(f"  {rule:<18} {len(times):3d} jobs {sum(times):7.1f} s")
    work = sum(map(sum, jobs.values()))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--copies", type=int, default=1, help="copies of the corpus to build")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus} is not a folder")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsline-bench-"))
    project, files = scratch_project(workdir, args.corpus, args.copies)
    config = yaml.safe_load((project / "config.yaml").read_text())
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {args.cores} cores; {len(files)} files from {args.corpus}")
    print(f"copies: {args.copies}; shards: {config['shards']}")

    dag = time.perf_counter()
    subprocess.run([sys.executable, "-m", "snakemake", "-n", "--quiet", "all"], cwd=project,
                   capture_output=True, check=True)  # fmt: skip
    dag = time.perf_counter() - dag
    fresh = timed_run(project, args.cores)
    noop = timed_run(project, args.cores)
    added = project / "corpus" / "added"
    added.mkdir()
    for index, source in enumerate(files[:10]):
        text = source.read_text(encoding="utf-8", errors="replace")
        (added / f"new-{index}.txt").write_text(text + "\n\nThis article was added later.\n")
    add_started = time.time()
    add_ten = timed_run(project, args.cores)
    add_jobs = job_seconds(project, add_started)
    files[20].write_text(files[20].read_text(errors="replace") + "\n\nAn edit.\n")
    files[40].unlink()
    edit_delete = timed_run(project, args.cores)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    bare = bare_pipe_seconds(
        project, config["spacy"]["model"], config["spacy"]["batch_size"], args.cores
    )

    print(f"fresh build             {fresh:8.1f} s")
    print(f"no-op rebuild           {noop:8.1f} s")
    print(f"add 10 articles         {add_ten:8.1f} s  ({add_ten / fresh:.0%} of the fresh build)")
    print(f"edit 1 and delete 1     {edit_delete:8.1f} s")
    print(f"DAG (dry run)           {dag:8.1f} s")
    print(f"peak RSS, largest job   {peak_rss_mb:8.0f} MB")
    print(f"bare nlp.pipe           {bare:8.1f} s  (n_process={args.cores}); "
          f"fresh build / bare = {fresh / bare:.2f}")  # fmt: skip
    print_profile("add 10 articles", add_ten, add_jobs, args.cores)
    for target, value, met in (
        ("fresh build / bare <= 1.2", f"{fresh / bare:.2f}", fresh / bare <= 1.2),
        ("add 10 <= 5% of the fresh build", f"{add_ten / fresh:.1%}", add_ten / fresh <= 0.05),
        ("no-op <= 2.5 s", f"{noop:.1f} s", noop <= 2.5),
        ("peak RSS per job <= 1.5 GB", f"{peak_rss_mb:.0f} MB", peak_rss_mb <= 1536),
    ):
        print(f"target {target}: {value}, {'met' if met else 'NOT met'}")
    print(f"scratch project: {project}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
