"""Rebuilds cost what changed and give the bytes of a fresh build.

The real snakemake on copies of the built seeds: articles added, edited and deleted one run at a
time, then all three undone in one run, with the per-article caches warm; and the same changes
with the caches gone. Every table (each part file of the per-article ones) must hold the bytes a
fresh build of the same inputs writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from newsline.ingest import shard_of

from .conftest import copy_project, seed_path, snakemake, table_bytes

pytestmark = pytest.mark.e2e

TABLES = [
    "articles", "boilerplate", "rejected", "mentions", "entities", "timexes", "duplicates",
    "events", "entity_cooccurrence", "entity_daily", "skipped_records",
]  # fmt: skip
ADDED = "later/001 update"
EDITED, DELETED = "002_3a7575a8856c8f9d", "004_8538433188b19872"
EDIT = "\nLavrov met Wang Yi in Beijing on Friday to prepare the visit.\n"


def every_table(project: Path) -> dict[str, dict[str, bytes]]:
    return {name: table_bytes(project, name) for name in TABLES}


def add(project: Path) -> None:
    """A revised copy of 001 (one paragraph more): a new article, a copy of 001 for dedup."""
    target = project / "seeds" / f"{ADDED}.txt"
    target.parent.mkdir(exist_ok=True)
    text = seed_path("001").read_text(encoding="utf-8")
    target.write_text(text + "\nThe Kremlin said the talks would continue in Moscow.\n")


def edit(project: Path) -> None:
    path = project / "seeds" / seed_path(EDITED[:3]).name
    path.write_text(path.read_text(encoding="utf-8") + EDIT, encoding="utf-8")


def delete(project: Path) -> None:
    (project / "seeds" / seed_path(DELETED[:3]).name).unlink()


def undo_all(project: Path) -> None:
    shutil.rmtree(project / "seeds" / ADDED.split("/")[0])
    for article in (EDITED, DELETED):
        shutil.copy2(seed_path(article[:3]), project / "seeds" / seed_path(article[:3]).name)


def rebuilt(project: Path) -> Path:
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


@pytest.fixture(scope="module")
def changed_fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The tables of a fresh build of the seeds with 001's update added, 002 edited and 004
    deleted."""
    project = copy_project(tmp_path_factory.mktemp("changed") / "newsline")
    for change in (add, edit, delete):
        change(project)
    return every_table(rebuilt(project))


def test_add_edit_and_delete_one_run_each_then_undone_give_fresh_bytes(
    built_project: Path,
    fresh_copy_of_build: Callable[[], Path],
    changed_fresh: dict[str, dict[str, bytes]],
) -> None:
    project = fresh_copy_of_build()
    for change in (add, edit, delete):
        change(project)
        rebuilt(project)
    assert every_table(project) == changed_fresh
    undo_all(project)  # a deletion, an edit and an addition in one run
    assert every_table(rebuilt(project)) == every_table(built_project)


def test_the_same_changes_with_the_caches_cold_give_fresh_bytes(
    fresh_copy_of_build: Callable[[], Path], changed_fresh: dict[str, dict[str, bytes]]
) -> None:
    project = fresh_copy_of_build()
    shutil.rmtree(project / "results" / "cache")
    for change in (add, edit, delete):
        change(project)
    assert every_table(rebuilt(project)) == changed_fresh


def test_a_rebuild_cleans_parses_and_reads_only_the_new_article(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    project = fresh_copy_of_build()
    target = project / "seeds" / "added.txt"
    target.write_text(seed_path("001").read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    # Its shard holds seeds as well: they are taken from the caches, the new article is not.
    n_shards = yaml.safe_load((project / "config.yaml").read_text())["shards"]
    shard = shard_of("added", n_shards)
    kept = sum(shard_of(p.stem, n_shards) == shard for p in (project / "seeds").glob("0*.txt"))
    assert kept > 0
    rebuilt(project)
    logs = project / "results" / "logs"
    shard_log = (logs / "shard_tables" / f"{shard}.log").read_text()
    assert f"cleaned {kept + 1} files ({kept} of them taken from the cache)" in shard_log
    assert f"{kept} of {kept + 1} articles read before; reading 1" in shard_log
    assert "0 of 1 articles parsed before; parsing 1" in shard_log
