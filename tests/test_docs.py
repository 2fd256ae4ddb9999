"""Docs that cannot drift: README.md and docs/ against the code they describe.

A table's columns in docs/tables.md are the Arrow schema's in newsline/tables.py; every
config.yaml key is described (a comment above it or on its line, or a description in the
schema); every Python and SQL block of README and docs runs on the seeds' build; every link
resolves, to a file and, where it names one, to a heading of that file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
import yaml

from newsline import tables
from newsline.summary import TABLE_ORDER

from .conftest import SEEDS

PROJECT = SEEDS.parent
PAGES = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]
# The tables docs/tables.md describes: the contract's, and the one newsline adds.
DOCUMENTED = [*TABLE_ORDER, "skipped_records"]
SPECS = {spec.name: spec for spec in vars(tables).values() if isinstance(spec, tables.TableSpec)}


def documented_columns(page: str) -> dict[str, list[str]]:
    """Each ``## table`` section's column names, in the order of its column table."""
    found: dict[str, list[str]] = {}
    for section in re.split(r"^## ", page, flags=re.MULTILINE)[1:]:
        name, _, body = section.partition("\n")
        found[name.strip()] = re.findall(r"^\| `(\w+)` \|", body, flags=re.MULTILINE)
    return found


def test_every_column_of_every_table_is_documented_in_schema_order() -> None:
    columns = documented_columns((PROJECT / "docs/tables.md").read_text(encoding="utf-8"))
    for name in DOCUMENTED:
        assert columns.get(name) == SPECS[name].schema.names, (
            f"docs/tables.md, section '## {name}', must list the columns of newsline/tables.py"
        )


def test_the_column_check_fails_on_a_column_added_without_its_line() -> None:
    page = (PROJECT / "docs/tables.md").read_text(encoding="utf-8")
    schema = SPECS["events"].schema.append(pa.field("undocumented", pa.string()))
    assert documented_columns(page)["events"] != schema.names


def key_paths(node: dict, prefix: str = "") -> list[str]:
    """Every key of the config schema, dotted: ``dedup.threshold``."""
    paths = []
    for key, child in node.get("properties", {}).items():
        paths.append(prefix + key)
        paths += key_paths(child, f"{prefix}{key}.")
    return paths


def described_in_config(path: str, lines: list[str]) -> bool:
    """The key's line in config.yaml has a comment on it or right above it."""
    indent = "  " * path.count(".")
    key = path.rsplit(".", 1)[-1]
    for number, line in enumerate(lines):
        if re.match(rf"{indent}{key}:", line):
            return "#" in line or (number > 0 and lines[number - 1].strip().startswith("#"))
    return False


def described_in_schema(path: str, schema: dict) -> bool:
    node = schema
    for key in path.split("."):
        node = node["properties"][key]
    return "description" in node


def test_every_config_key_is_described() -> None:
    schema = yaml.safe_load((PROJECT / "workflow/schemas/config.schema.yaml").read_text())
    lines = (PROJECT / "config.yaml").read_text(encoding="utf-8").splitlines()
    undescribed = [
        path for path in key_paths(schema)
        if not described_in_config(path, lines) and not described_in_schema(path, schema)
    ]  # fmt: skip
    assert not undescribed, f"config keys without a comment or a schema description: {undescribed}"
    config = yaml.safe_load((PROJECT / "config.yaml").read_text(encoding="utf-8"))
    unknown = [key for key in config if key not in schema["properties"]]
    assert not unknown


def code_blocks(language: str) -> list[tuple[str, str]]:
    """(page, block) of every fenced block in that language, README first."""
    return [
        (page.name, block)
        for page in PAGES
        for block in re.findall(
            rf"^```{language}\n(.*?)^```",
            page.read_text(encoding="utf-8"),
            flags=re.MULTILINE | re.DOTALL,
        )
    ]


def by_first_line(blocks: list[tuple[str, str]]) -> dict[str, str]:
    return {block.splitlines()[0]: block for _, block in blocks}


@pytest.mark.e2e
def test_every_python_block_runs_on_the_seeds(built_project: Path) -> None:
    printed = {}
    for page, block in code_blocks("python"):
        result = subprocess.run(
            [sys.executable, "-c", block], cwd=built_project, capture_output=True, text=True
        )
        assert result.returncode == 0, f"{page}: {block.splitlines()[0]}\n{result.stderr}"
        printed[block.splitlines()[0]] = result.stdout
    pandas = next(out for first, out in printed.items() if first.startswith("# pandas"))
    titles = pd_titles(built_project)
    assert "2022-12-30 meeting" in pandas and titles["003"] in pandas
    polars = next(out for first, out in printed.items() if first.startswith("# polars"))
    assert "Xi Jinping" in polars
    pyarrow = next(out for first, out in printed.items() if first.startswith("# pyarrow"))
    assert re.match(r"\d+ mentions in 5 articles", pyarrow)


def pd_titles(project: Path) -> dict[str, str]:
    """Each seed's title by the first three characters of its id."""
    articles = pd.read_parquet(project / "results/articles.parquet")
    return {a[:3]: t for a, t in zip(articles.article_id, articles.title, strict=True) if t}


@pytest.mark.e2e
def test_every_sql_block_runs_on_the_seeds(built_project: Path) -> None:
    results = {}
    with duckdb.connect() as db:
        db.execute(f"SET file_search_path = '{built_project}'")
        for page, block in code_blocks("sql"):
            try:
                results[block.splitlines()[0]] = db.execute(block).fetchall()
            except duckdb.Error as error:
                pytest.fail(f"{page}: {block.splitlines()[0]}: {error}")
    meetings = next(rows for first, rows in results.items() if "meetings" in first)
    assert [row[0] for row in meetings] == sorted(row[0] for row in meetings)
    assert ("2022-12-30", "meeting") in [row[:2] for row in meetings]
    medvedev = next(rows for first, rows in results.items() if "Medvedev" in first)
    assert medvedev[0][0] == "Xi Jinping"


def test_every_file_a_shell_block_names_exists() -> None:
    named = [
        (page, path)
        for page, block in code_blocks("bash")
        for path in re.findall(
            r"(?<![\w/.-])((?:workflow|benchmarks|scripts|tests|seeds)/[\w./-]*\w|requirements\.lock)",
            block,
        )
    ]  # fmt: skip
    assert named, "no shell block names a file"
    assert [(page, path) for page, path in named if not (PROJECT / path).exists()] == []


def slug(heading: str) -> str:
    """GitHub's anchor of a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {slug(h) for h in re.findall(r"^#+ (.*)$", text, flags=re.MULTILINE)}


def test_every_link_resolves() -> None:
    broken = []
    for page in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"https?://", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists() or (anchor and anchor not in anchors(linked)):
                broken.append(f"{page.relative_to(PROJECT)}: {target}")
    assert broken == []


def test_the_readme_is_a_front_page() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    assert "```mermaid" in readme
    # The two commands come before anything else a newcomer must read.
    assert readme.index("pip install --require-hashes") < readme.index("## The tables at a glance")
    assert readme.index("-m pytest") < readme.index("## Adding, editing and removing articles")
