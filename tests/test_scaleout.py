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
    (
        "shard_tables",
        [
            "shards/{shard}/articles.parquet",
            "shards/{shard}/rejected.parquet",
            "shards/{shard}/timexes.parquet",
            "shards/{shard}/mentions.parquet",
            "shards/{shard}/event_mentions.parquet",
            "shards/{shard}/signatures.parquet",
        ],
    ),
]


@pytest.fixture(scope="module")
def declared_inputs(built_project: Path) -> dict[str, list[str]]:
    """Rule -> the input files Snakemake would hand its job for the first shard (one dry run
    for every rule of SHARD_JOBS)."""
    targets = [
        interim(Path(outputs[0]).parent.as_posix(), first_shard(built_project))
        for _, outputs in SHARD_JOBS
    ]
    result = snakemake(built_project, "--dry-run", "--force", *targets)
    assert result.returncode == 0, result.stderr[-3000:]
    jobs = re.findall(r"^rule (\w+):\n    input: (.*)$", result.stdout, flags=re.MULTILINE)
    return {rule: inputs.split(", ") for rule, inputs in jobs}


def interim(pattern: str, shard: str) -> str:
    return f"results/interim/{pattern.format(shard=shard)}"


def first_shard(project: Path) -> str:
    return min(p.parent.name for p in (project / "results/interim/shards").glob("*/articles.*"))


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


@pytest.mark.parametrize(("rule", "outputs"), SHARD_JOBS)
def test_a_shard_job_runs_with_only_its_declared_inputs(
    built_project: Path,
    declared_inputs: dict[str, list[str]],
    tmp_path: Path,
    rule: str,
    outputs: list[str],
) -> None:
    shard = first_shard(built_project)
    inputs = declared_inputs[rule]
    assert inputs and all((built_project / path).is_file() for path in inputs)
    node = node_with(built_project, tmp_path / "node", inputs)

    result = snakemake(
        node, "--target-jobs", f"{rule}:shard={shard}", "--allowed-rules", rule, "--force",
        "--mode", "remote", "--nolock",
    )  # fmt: skip
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    for target in (interim(pattern, shard) for pattern in outputs):
        assert (node / target).read_bytes() == (built_project / target).read_bytes(), target
