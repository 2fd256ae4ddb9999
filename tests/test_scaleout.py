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


@pytest.fixture(scope="module")
def declared_inputs(built_project: Path) -> dict[str, list[str]]:
    """Rule -> the input files Snakemake would hand its job for the first shard (one dry run
    for every rule of SHARD_JOBS)."""
    targets = [pattern.format(shard=first_shard(built_project)) for _, pattern in SHARD_JOBS]
    result = snakemake(built_project, "--dry-run", "--force", *targets)
    assert result.returncode == 0, result.stderr[-3000:]
    jobs = re.findall(r"^rule (\w+):\n    input: (.*)$", result.stdout, flags=re.MULTILINE)
    return {rule: inputs.split(", ") for rule, inputs in jobs}


def first_shard(project: Path) -> str:
    return min(p.name[:4] for p in (project / "results/interim/clean").glob("*.articles.*"))


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
    built_project: Path,
    declared_inputs: dict[str, list[str]],
    tmp_path: Path,
    rule: str,
    pattern: str,
) -> None:
    shard = first_shard(built_project)
    target = pattern.format(shard=shard)
    inputs = declared_inputs[rule]
    assert inputs and all((built_project / path).is_file() for path in inputs)
    node = node_with(built_project, tmp_path / "node", inputs)

    result = snakemake(
        node, "--target-jobs", f"{rule}:shard={shard}", "--allowed-rules", rule, "--force",
        "--mode", "remote", "--nolock",
    )  # fmt: skip
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert (node / target).read_bytes() == (built_project / target).read_bytes()
