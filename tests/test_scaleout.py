"""Ready for a cluster: every shard job runs the way an executor plugin runs it on a node
(``snakemake --target-jobs ... --mode remote``), in a folder holding only the workflow and that
job's declared inputs: no input folder, no other shard, no table."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import snakemake

pytestmark = pytest.mark.e2e

WORKFLOW_FILES = ["Snakefile", "config.yaml", "profiles", "workflow", "scripts"]
SHARD_JOBS = [
    ("clean_shard", "results/interim/clean/{shard}.articles.parquet"),
    ("parse_shard", "results/interim/parse/{shard}.spacy"),
    ("timexes_shard", "results/interim/timexes/{shard}.parquet"),
    ("mentions_shard", "results/interim/mentions/{shard}.parquet"),
    ("signatures_shard", "results/interim/signatures/{shard}.parquet"),
    ("event_mentions_shard", "results/interim/event_mentions/{shard}.parquet"),
]


def declared_inputs(project: Path, target: str) -> list[str]:
    """The input files Snakemake would hand the job that makes ``target``."""
    result = snakemake(project, "--dry-run", "--force", target)
    assert result.returncode == 0, result.stderr[-3000:]
    (line,) = re.findall(r"^    input: (.*)$", result.stdout, flags=re.MULTILINE)
    return line.split(", ")


def node_with(project: Path, node: Path, inputs: list[str]) -> Path:
    """A fresh folder with the workflow and copies of ``inputs``, nothing else."""
    node.mkdir(parents=True)
    for name in WORKFLOW_FILES:
        source = project / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, node / name)
    for path in inputs:
        (node / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(project / path, node / path)
    return node


@pytest.mark.parametrize(("rule", "pattern"), SHARD_JOBS)
def test_a_shard_job_runs_with_only_its_declared_inputs(
    built_project: Path, tmp_path: Path, rule: str, pattern: str
) -> None:
    shard = min(p.name[:4] for p in (built_project / "results/interim/clean").glob("*.articles.*"))
    target = pattern.format(shard=shard)
    inputs = declared_inputs(built_project, target)
    assert inputs and all((built_project / path).is_file() for path in inputs)
    node = node_with(built_project, tmp_path / "node", inputs)

    result = snakemake(
        node, "--target-jobs", f"{rule}:shard={shard}", "--allowed-rules", rule, "--force",
        "--mode", "remote", "--nolock",
    )  # fmt: skip
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert (node / target).read_bytes() == (built_project / target).read_bytes()
