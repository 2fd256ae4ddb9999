"""No article costs another, end to end: the real workflow over the seeds plus a 1.5 MB
report, an article whose annotation fails, and a Chinese and a Russian article."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from .conftest import SEEDS, copy_project, snakemake
from .test_jobs import CHINESE, RUSSIAN

LONG_CHARS = 1_500_000
MARKER = "FORCED-ANNOTATION-FAILURE"
# Loaded by every Python process of the test's run (PYTHONPATH): in a shard_tables job it
# makes the event reader fail on the one article that holds the marker, as a bug would.
FAULT = f'''
import sys

if any("shard_tables" in arg for arg in sys.argv):
    import newsline.events

    _real = newsline.events.article_event_mentions

    def _failing(article_id, doc, *args):
        if "{MARKER}" in doc.text:
            raise RuntimeError("forced failure for the test")
        return _real(article_id, doc, *args)

    newsline.events.article_event_mentions = _failing
'''


def _long_report() -> str:
    """The seeds' texts, over and over, as one 1.5 MB report in paragraphs."""
    paragraphs = [
        p.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n")
        if len(p.strip()) > 80
    ]
    text, n = [], 0
    while n < LONG_CHARS:
        for paragraph in paragraphs:
            text.append(paragraph)
            n += len(paragraph) + 2
    return "\n\n".join(text) + "\n"


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = copy_project(tmp_path_factory.mktemp("mixed") / "newsline")
    extra = project / "seeds" / "extra"
    extra.mkdir()
    (extra / "report.txt").write_text("Annual review\n\n" + _long_report(), encoding="utf-8")
    (extra / "zh.txt").write_text(CHINESE, encoding="utf-8")
    (extra / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (extra / "fails.txt").write_text(
        f"Putin met Xi Jinping in Beijing on Thursday. {MARKER}\n", encoding="utf-8"
    )
    (extra / "line\nbreak.txt").write_text("Putin met Xi in Beijing.\n", encoding="utf-8")
    hooks = tmp_path_factory.mktemp("hooks")
    (hooks / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    result = snakemake(project, env={"PYTHONPATH": str(hooks)})
    assert result.returncode == 0, result.stderr[-4000:]
    return project, result.stdout + result.stderr


def _table(project: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(project / "results" / f"{name}.parquet")


def test_the_seeds_rows_are_those_of_a_seeds_only_build(
    mixed_build: tuple[Path, str], built_project: Path
) -> None:
    project, _ = mixed_build
    seed_ids = {p.stem for p in SEEDS.glob("*.txt")}
    for name in ("articles", "mentions", "timexes"):
        mixed = _table(project, name)
        mixed = mixed[mixed["article_id"].isin(seed_ids)].reset_index(drop=True)
        alone = _table(built_project, name)
        # What other articles may change by design: an undated article's inferred publication
        # date (the report repeats the seeds' events, dated by its dateline) and the values
        # resolved against it.
        if name == "articles":
            inferred = [c for c in alone.columns if c.startswith("published_date")]
            mixed, alone = mixed.drop(columns=inferred), alone.drop(columns=inferred)
        if name == "timexes":
            settled = ~alone["anchor_source"].str.startswith("inferred") & ~mixed[
                "anchor_source"
            ].str.startswith("inferred")
            mixed, alone = mixed[settled], alone[settled]
        pd.testing.assert_frame_equal(mixed, alone, check_like=False)


def test_a_long_report_is_annotated_throughout_with_exact_offsets(
    mixed_build: tuple[Path, str],
) -> None:
    project, _ = mixed_build
    articles = _table(project, "articles").set_index("article_id")
    text = articles.at["extra/report", "text"]
    assert len(text) > LONG_CHARS
    for name in ("mentions", "timexes"):
        rows = _table(project, name).query("article_id == 'extra/report'")
        late = rows[rows["start_char"] > 1_000_000]
        assert len(late) > 100, name
        for row in late.itertuples():
            assert text[row.start_char : row.end_char] == row.text


def test_an_article_whose_annotation_fails_is_one_rejected_row_and_nothing_else(
    mixed_build: tuple[Path, str],
) -> None:
    project, output = mixed_build
    rejected = _table(project, "rejected")
    failed = rejected.query("reason == 'annotation_failed'")
    assert failed["source_path"].tolist() == ["seeds/extra/fails.txt"]
    assert "RuntimeError: forced failure for the test" in failed["detail"].iloc[0]
    assert "results/logs/shard_tables/" in failed["detail"].iloc[0]
    for name in ("articles", "mentions", "timexes", "duplicates"):
        assert "extra/fails" not in set(_table(project, name)["article_id"]), name
    assert "annotation_failed 1" in output
    assert "1 article failed in newsline" in output
    overview = (project / "results" / "report" / "overview.html").read_text(encoding="utf-8")
    assert "<td>annotation_failed</td>" in overview
    assert "Articles newsline failed on" in overview


def test_chinese_and_russian_articles_are_kept_without_english_model_rows(
    mixed_build: tuple[Path, str],
) -> None:
    project, _ = mixed_build
    languages = _table(project, "articles").set_index("article_id")["language"]
    assert languages["extra/zh"] == "zh" and languages["extra/ru"] == "ru"
    assert set(languages.drop(["extra/zh", "extra/ru"])) == {"en"}
    for name in ("mentions", "timexes"):
        assert not {"extra/zh", "extra/ru"} & set(_table(project, name)["article_id"]), name
    assert {"extra/zh", "extra/ru"} <= set(_table(project, "duplicates")["article_id"])


def test_a_file_name_with_a_line_break_is_rejected_with_the_reason(
    mixed_build: tuple[Path, str],
) -> None:
    project, output = mixed_build
    rejected = _table(project, "rejected").set_index("source_path")
    row = rejected.loc["seeds/extra/line\nbreak.txt"]
    assert row["reason"] == "unsupported_name" and "line break" in row["detail"]
    assert "contains line break" not in output  # not declared to Snakemake
