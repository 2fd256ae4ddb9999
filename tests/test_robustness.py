"""Nothing crashes, nothing is lost: hostile inputs, interruptions, determinism, gates."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from .conftest import (
    PART_TABLES,
    PROJECT,
    SEEDS,
    copy_project,
    rewrite_shard_table,
    seed_path,
    snakemake,
    table_bytes,
)
from .test_ingest import SENTENCES, _garbled
from .test_workflow import CONTRACT, KEYS, table

pytestmark = pytest.mark.e2e

SEED_000 = seed_path("000").read_bytes()
TEXT_000 = SEED_000.decode("utf-8")


def hostile_inputs(seeds: Path) -> dict[str, str | None]:
    """Write the hostile inputs beside the seeds; relative path -> expected rejection reason
    (None: accepted as an article)."""
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blank.txt").write_bytes(b"  \n\t \r\n")
    (seeds / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (seeds / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (seeds / "encodings").mkdir()
    (seeds / "encodings" / "cp1252.txt").write_bytes(TEXT_000.encode("cp1252"))
    (seeds / "encodings" / "utf16.txt").write_bytes(TEXT_000.encode("utf-16"))
    (seeds / "encodings" / "crlf.txt").write_bytes(TEXT_000.replace("\n", "\r\n").encode())
    (seeds / "encodings" / "nul.txt").write_bytes(SEED_000.replace(b". ", b".\x00 ", 3))
    (seeds / "huge.txt").write_bytes(b"Putin met Xi. " * (50 * 1024 * 1024 // 14))
    (seeds / "odd names").mkdir()
    (seeds / "odd names" / 'it\'s "quoted" $(touch pwned); ü.txt').write_bytes(SEED_000)
    (seeds / "deeply" / "nested" / "folders").mkdir(parents=True)
    (seeds / "deeply" / "nested" / "folders" / "story.txt").write_bytes(
        seed_path("004").read_bytes()
    )
    (seeds / "x.txt").mkdir()  # a directory with an article's name: not an input
    (seeds / "x.txt" / "inside.txt").write_bytes(seed_path("001").read_bytes())
    (seeds / "link.txt").symlink_to(seed_path("002"))
    (seeds / "dangling.txt").symlink_to(seeds / "no-such-file.txt")
    (seeds / "batch.jsonl").write_text(
        json.dumps({"id": 1, "text": TEXT_000}) + "\n{broken\n", encoding="utf-8"
    )
    # Russian in KOI8-R (stated in metadata.csv), Japanese in Shift-JIS (detected; the row that
    # states it names no encoding Python knows), and the seed garbled once: UTF-8 read as
    # Windows-1252 and saved as UTF-8.
    (seeds / "encodings" / "koi8r.txt").write_bytes(SENTENCES["russian"].encode("koi8_r"))
    (seeds / "encodings" / "sjis.txt").write_bytes(SENTENCES["japanese"].encode("shift_jis"))
    (seeds / "encodings" / "mojibake.txt").write_bytes(_garbled(TEXT_000).encode("utf-8"))
    (seeds / "metadata.csv").write_text(
        "article_id,published_date,encoding\nnobody,2024-01-01,\n"
        "004_8538433188b19872,someday,\nencodings/koi8r,,koi8-r\nencodings/sjis,,klingon\n"
    )
    return {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "picture.txt": "binary",
        "report.txt": "binary",
        "encodings/cp1252.txt": None,
        "encodings/utf16.txt": None,
        "encodings/crlf.txt": None,
        "encodings/nul.txt": None,
        "huge.txt": "too_large",
        'odd names/it\'s "quoted" $(touch pwned); ü.txt': None,
        "deeply/nested/folders/story.txt": None,
        "x.txt/inside.txt": None,
        "link.txt": None,
        "dangling.txt": "unreadable",
        "batch.jsonl:1": None,
        "batch.jsonl:2": "invalid_json",
        "encodings/koi8r.txt": None,
        "encodings/sjis.txt": None,
        "encodings/mojibake.txt": None,
        "metadata.csv:2": "unknown_article",
        "metadata.csv:3": "invalid_metadata",
        "metadata.csv:5": "invalid_metadata",
    }


def place(source_path: str, line: float) -> str:
    """``batch.jsonl:2`` for a line, ``empty.txt`` for a whole file, relative to seeds/."""
    relative = os.path.relpath(source_path, "seeds")
    return relative if pd.isna(line) else f"{relative}:{int(line)}"


def tree(project: Path) -> set[str]:
    """Every path in the project outside results/ and .snakemake/."""
    return {
        str(p.relative_to(project))
        for p in project.rglob("*")
        if p.relative_to(project).parts[0] not in ("results", ".snakemake")
    }


def test_hostile_inputs_mixed_with_the_seeds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "newsline")
    expected = hostile_inputs(project / "seeds")
    before = tree(project)
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    assert tree(project) == before  # nothing written outside results/ and .snakemake/

    articles, rejected = table(project, "articles"), table(project, "rejected")
    outcome: dict[str, str | None] = {}
    for row in articles.itertuples():
        key = place(row.source_path, row.source_line)
        assert key not in outcome, key
        outcome[key] = None
    for row in rejected.itertuples():
        key = place(row.source_path, row.line)
        assert key not in outcome, key
        outcome[key] = row.reason
        assert len(row.detail) > 30
    assert {k: v for k, v in outcome.items() if k in expected} == expected
    assert set(outcome) - set(expected) == {p.name for p in SEEDS.glob("*.txt")}

    texts = articles.set_index("source_path")["text"]
    for copy in ("cp1252", "utf16", "crlf", "nul"):
        assert texts[f"seeds/encodings/{copy}.txt"] == texts["seeds/000_c7d7c2a76c4cebf4.txt"], copy
    decoded = articles.set_index("source_path")
    assert decoded.at["seeds/encodings/koi8r.txt", "text"] == SENTENCES["russian"]
    assert decoded.at["seeds/encodings/koi8r.txt", "encoding"] == "koi8-r"
    assert decoded.at["seeds/encodings/sjis.txt", "text"] == SENTENCES["japanese"]
    assert decoded.at["seeds/encodings/sjis.txt", "encoding_confidence"] > 0.9
    mojibake = decoded.loc["seeds/encodings/mojibake.txt"]
    assert mojibake.text == texts["seeds/000_c7d7c2a76c4cebf4.txt"]
    assert mojibake.mojibake_repairs == "encode:sloppy-windows-1252 decode:utf-8"
    assert "decoding: 2 articles in a detected encoding" in result.stdout

    # The run's summary and the report's overview say what was rejected and why.
    assert "rejected inputs: binary 2, empty 2, " in result.stdout
    overview = (project / "results" / "report" / "overview.html").read_text(encoding="utf-8")
    for row in rejected.itertuples():
        assert f"<td>{row.source_path}</td>" in overview and f"<td>{row.reason}</td>" in overview


def test_two_builds_are_byte_identical_whatever_the_shards_or_cores(
    built_project: Path, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "newsline")
    (project / "three-shards.yaml").write_text("shards: 3\n")
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "4", "--configfile", "three-shards.yaml"],
        cwd=project, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    for name in CONTRACT:
        if name in PART_TABLES:  # one part per shard: other parts, the same rows
            key = list(KEYS[name])
            assert (
                pq.read_table(project / "results" / f"{name}.parquet")
                .sort_by([(k, "ascending") for k in key])
                .equals(
                    pq.read_table(built_project / "results" / f"{name}.parquet").sort_by(
                        [(k, "ascending") for k in key]
                    )
                )
            ), name
        else:
            assert table_bytes(project, name) == table_bytes(built_project, name), name


def interrupt_mid_build(project: Path, sig: signal.Signals) -> None:
    """Start a build and send ``sig`` to Snakemake and its jobs once the spaCy pass runs."""
    process = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "2"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not list((project / "results" / "logs").glob("shard_tables/*.log")):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.2)
    os.killpg(process.pid, sig)
    process.wait(timeout=120)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_an_interrupted_build_finishes_on_the_next_plain_run(
    built_project: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    project = copy_project(tmp_path / "newsline")
    interrupt_mid_build(project, sig)
    assert not (project / "results" / "events.parquet").exists()
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in CONTRACT:  # the same tables as an uninterrupted build, to the byte
        assert table_bytes(project, name) == table_bytes(built_project, name), name


def corrupt_timexes(project: Path) -> None:
    shard = sorted((project / "results" / "interim" / "shards").glob("*/timexes.parquet"))[0]
    rows = pq.read_table(shard)
    values = pa.array(["next Tuesday-ish"] * rows.num_rows)
    rewrite_shard_table(
        shard, rows.set_column(rows.schema.get_field_index("value"), "value", values)
    )


def corrupt_mentions(project: Path) -> None:
    shard = sorted((project / "results" / "interim" / "shards").glob("*/mentions.parquet"))[0]
    rows = pq.read_table(shard)
    shifted = pa.compute.add(rows.column("start_char"), pa.scalar(1, pa.int32()))
    rewrite_shard_table(
        shard, rows.set_column(rows.schema.get_field_index("start_char"), "start_char", shifted)
    )


@pytest.mark.parametrize(
    ("corrupt", "stage", "expectation", "column", "downstream"),
    [
        (
            corrupt_timexes,
            "dates",
            "expect_column_values_to_match_regex",
            "timexes.value",
            "events",
        ),
        (
            corrupt_mentions,
            "entities",
            "expect_column_values_to_be_null",
            "mentions.offset_mismatch",
            "entity_daily",
        ),
    ],
)
def test_a_failing_stage_stops_its_downstream_with_a_readable_message(
    fresh_copy_of_build: Callable[[], Path],
    corrupt: Callable[[Path], None],
    stage: str,
    expectation: str,
    column: str,
    downstream: str,
) -> None:
    project = fresh_copy_of_build()
    corrupt(project)
    before = table_bytes(project, downstream)
    table_name = column.split(".")[0]
    published = table_bytes(project, table_name)
    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Stage '{stage}' produced data that fails its expectations" in output
    assert expectation in output and column in output
    # Only the corrupted shard's part was validated; the failure names its shard and article.
    first_shard = sorted((project / "results" / "interim" / "shards").glob("*/articles.parquet"))[0]
    shard = first_shard.parent.name
    article = pq.read_table(first_shard).column("article_id")[0].as_py()
    assert f"(in shard {shard}: {article!r})" in output
    # The stage's table stays as it was last published, part for part.
    assert table_bytes(project, table_name) == published
    # No later stage ran; the downstream table is the last good run's.
    log = (project / "results" / "logs" / "corpus_tables.log").read_text()
    started = re.findall(r"stage (\w+): building", log)
    assert started[-1] == stage
    assert table_bytes(project, downstream) == before
    # The failing result's Data Docs are kept, and named; none are published.
    kept = Path("results") / "logs" / "validation" / stage / "index.html"
    assert f"Data Docs: {kept}" in output
    pages = [p.read_text(encoding="utf-8") for p in (project / kept.parent).rglob("*.html")]
    assert any("Failed" in page and column.split(".")[1] in page for page in pages)
    assert not (project / "results" / "validation" / stage).exists()


def test_a_warning_level_expectation_reports_without_stopping(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    project = fresh_copy_of_build()
    (project / "seeds" / "metadata.csv").write_text(
        "article_id,published_date\n001_b9209de2d88e2335,1850-01-01\n"
    )
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((project / "results" / "validation" / "clean.json").read_text())
    assert report["success"] is True
    (warning,) = report["warnings"]
    assert (warning["expectation"], warning["kwargs"]["column"]) == (
        "expect_column_values_to_be_between",
        "published_date",
    )
    assert "validation warning" in result.stderr


FORBIDDEN = re.compile(r"\b(eval|exec)\(|\bpickle\b|shell=True|os\.system|\bsubprocess\b")


def code_that_runs_code(root: Path) -> list[str]:
    """Each use of eval/exec, pickle or a shell in the package (subpackages included) and the
    scripts under ``root``, as ``path: match``."""
    sources = sorted((root / "newsline").rglob("*.py")) + sorted((root / "scripts").rglob("*.py"))
    return [
        f"{p.relative_to(root).as_posix()}: {m.group(0)}"
        for p in sources
        for m in FORBIDDEN.finditer(p.read_text(encoding="utf-8"))
    ]


def test_code_that_runs_code_is_found_in_a_subpackage(tmp_path: Path) -> None:
    nested = tmp_path / "newsline" / "timex" / "reading.py"
    nested.parent.mkdir(parents=True)
    nested.write_text("value = eval(text)\n", encoding="utf-8")
    assert code_that_runs_code(tmp_path) == ["newsline/timex/reading.py: eval("]


def test_no_code_runs_from_inputs() -> None:
    """No eval/exec, no pickle, no shell: rules run Python scripts, never shell commands."""
    assert code_that_runs_code(PROJECT) == []
    rules = [*(PROJECT / "workflow" / "rules").glob("*.smk"), PROJECT / "Snakefile"]
    assert not [
        p.name for p in rules if re.search(r"^\s+(shell|run):", p.read_text(), re.MULTILINE)
    ]
