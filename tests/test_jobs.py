"""The cleaning job itself, run on real files (no Snakemake): every input accounted for."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsline.jobs.clean import clean_shard

from .conftest import seed_path


def run_clean(
    tmp_path: Path, sources: list[dict[str, str]], metadata=None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    out = tmp_path / "out"
    clean_shard(
        sources=sources,
        metadata=metadata or {},
        max_bytes=1_000_000,
        extraction={"favor": "balanced", "include_tables": True, "include_comments": False},
        articles=str(out / "a.parquet"),
        boilerplate=str(out / "b.parquet"),
        rejected=str(out / "r.parquet"),
        skipped=str(out / "s.parquet"),
    )
    return pd.read_parquet(out / "a.parquet"), pd.read_parquet(out / "r.parquet")


def source(path: Path, root: Path, kind: str = "txt") -> dict[str, str]:
    return {
        "path": str(path),
        "root": str(root),
        "key": path.relative_to(root).with_suffix("").as_posix(),
        "kind": kind,
    }


def test_chrome_only_and_duplicate_ids_are_rejected_and_cost_no_other_article(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    seed = seed_path("004").read_bytes()
    (first / "story.txt").write_bytes(seed)
    (second / "story.txt").write_bytes(seed)
    (first / "chrome.txt").write_text("Share.\nExit mobile version\nLeave a Reply\n")
    (first / "empty.txt").write_text("")
    articles, rejected = run_clean(
        tmp_path,
        [
            source(first / "chrome.txt", first),
            source(first / "empty.txt", first),
            source(first / "story.txt", first),
            source(second / "story.txt", second),
        ],
    )
    assert list(articles["article_id"]) == ["story"]
    assert articles.at[0, "source_path"] == str(first / "story.txt")
    reasons = dict(zip(rejected["source_path"], rejected["reason"], strict=True))
    assert reasons == {
        str(first / "chrome.txt"): "no_text_after_cleaning",
        str(first / "empty.txt"): "empty",
        str(second / "story.txt"): "duplicate_article_id",
    }
    assert rejected["line"].isna().all()


def test_metadata_wins_over_what_cleaning_reads(tmp_path: Path) -> None:
    (tmp_path / "003.txt").write_bytes(seed_path("003").read_bytes())
    articles, _ = run_clean(
        tmp_path,
        [source(tmp_path / "003.txt", tmp_path)],
        metadata={"003": {"published_date": "2022-12-31", "url": "https://kyivindependent.com/x"}},
    )
    row = articles.iloc[0]
    assert (str(row["published_date"]), row["published_date_source"]) == ("2022-12-31", "metadata")
    assert row["title"].startswith("Xi says Beijing ready")  # from the header: metadata gave none
    assert row["url"] == "https://kyivindependent.com/x"
