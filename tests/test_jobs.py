"""The cleaning job itself, run on real files (no Snakemake): every input accounted for."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest

import newsline.jobs.annotate
import newsline.jobs.clean
from newsline.ingest import Source, source_listing
from newsline.jobs.annotate import annotate_shard
from newsline.jobs.clean import clean_shard

from .conftest import DEFAULT_MODEL, seed_path

CHINESE = (
    "新华社北京5月16日电 国家主席习近平16日在人民大会堂同俄罗斯总统普京举行会谈。两国元首就双边"
    "关系和共同关心的国际和地区问题深入交换意见。习近平指出，今年是中俄建交75周年。\n"
)
RUSSIAN = (
    "Президент России Владимир Путин 16 мая прибыл в Пекин, где проведет переговоры с "
    "председателем КНР Си Цзиньпином. Стороны обсудят двустороннее сотрудничество.\n"
)


def run_clean(
    tmp_path: Path, sources: list[dict[str, str]], metadata=None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    out = tmp_path / "out"
    roots = list(dict.fromkeys(s["root"] for s in sources))
    clean_shard(
        sources=source_listing([Source(**s) for s in sources], roots),
        metadata=metadata or {},
        max_bytes=1_000_000,
        extraction={"favor": "balanced", "include_tables": True, "include_comments": False},
        corpus_language="en",
        clean_cache=str(out / "clean-cache.parquet"),
        language_model_cache=None,
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


def test_a_shard_cleaned_again_reads_only_its_new_and_edited_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The cleaning cache: unchanged files (and what was rejected of them) are taken from it;
    a duplicate id is still found among cached and new files; the rows are those of a cold
    run."""
    for name in ("000", "003", "004"):
        (tmp_path / f"{name}.txt").write_bytes(seed_path(name).read_bytes())
    (tmp_path / "empty.txt").write_text("")
    names = ["000", "003", "empty"]
    run_clean(tmp_path, [source(tmp_path / f"{n}.txt", tmp_path) for n in names])
    edited = tmp_path / "000.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nXi and Putin spoke again on Friday about trade.\n",
        encoding="utf-8",
    )
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "000.txt").write_bytes(seed_path("000").read_bytes())
    sources = [source(tmp_path / f"{n}.txt", tmp_path) for n in [*names, "004"]]
    sources.append(source(tmp_path / "more" / "000.txt", tmp_path / "more"))
    with caplog.at_level(logging.INFO, logger="newsline"):
        warm = run_clean(tmp_path, sources)
    assert "cleaned 5 files (2 of them taken from the cache)" in caplog.text
    (tmp_path / "out" / "clean-cache.parquet").unlink()
    cold = run_clean(tmp_path, sources)
    for warm_table, cold_table in zip(warm, cold, strict=True):
        pd.testing.assert_frame_equal(warm_table, cold_table)
    assert warm[0]["text"][warm[0]["article_id"] == "000"].iloc[0].endswith("about trade.")
    assert sorted(warm[1]["reason"]) == ["duplicate_article_id", "empty"]


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


FRENCH = (
    "Le président Emmanuel Macron a rencontré mardi à Pékin le président chinois Xi Jinping. "
    "Les deux dirigeants ont évoqué la guerre en Ukraine et les échanges commerciaux.\n"
)


def test_cleaning_that_fails_on_one_article_rejects_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("000", "004"):
        (tmp_path / f"{name}.txt").write_bytes(seed_path(name).read_bytes())
    real_clean_text = newsline.jobs.clean.clean_text

    def failing_on_004(text, headline=None):  # a cleaning bug that only 004 meets
        if "Kremlin" in text:
            raise KeyError("a rule without its pattern")
        return real_clean_text(text, headline)

    monkeypatch.setattr(newsline.jobs.clean, "clean_text", failing_on_004)
    articles, rejected = run_clean(
        tmp_path, [source(tmp_path / f"{n}.txt", tmp_path) for n in ("000", "004")]
    )
    assert list(articles["article_id"]) == ["000"]
    assert rejected["reason"].tolist() == ["cleaning_failed"]
    assert "KeyError" in rejected["detail"][0] and "newsline bug" in rejected["detail"][0]


def _annotated(
    tmp_path: Path, articles: Path, pipelines: dict[str, str]
) -> dict[str, pd.DataFrame]:
    out = tmp_path / "annotated"
    outputs = {n: str(out / f"{n}.parquet") for n in
               ("timexes", "mentions", "event_mentions", "signatures", "failures")}  # fmt: skip
    annotate_shard(
        articles=str(articles),
        pipelines=pipelines,
        batch_size=8,
        shingle_size=5,
        num_perm=128,
        parse_cache=str(out / "cache.parquet"),
        reading_cache=str(out / "readings"),
        signature_cache=str(out / "signatures-cache.parquet"),
        **outputs,
    )
    return {name: pd.read_parquet(path) for name, path in outputs.items()}


def test_a_shard_keeps_its_other_articles_when_one_fails_and_parses_only_known_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("000", "003"):
        (tmp_path / f"{name}.txt").write_bytes(seed_path(name).read_bytes())
    (tmp_path / "zh.txt").write_text(CHINESE, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    names = ("000", "003", "zh", "ru")
    articles, _ = run_clean(tmp_path, [source(tmp_path / f"{n}.txt", tmp_path) for n in names])
    assert dict(zip(articles["article_id"], articles["language"], strict=True)) == {
        "000": "en", "003": "en", "ru": "ru", "zh": "zh"
    }  # fmt: skip

    real_extract = newsline.jobs.annotate.extract_timexes

    def failing_on_003(doc, published):  # a resolver bug that only 003 meets
        if doc.user_data["article_id"] == "003":
            raise ZeroDivisionError("division by zero")
        return real_extract(doc, published)

    monkeypatch.setattr(newsline.jobs.annotate, "extract_timexes", failing_on_003)
    found = _annotated(tmp_path, tmp_path / "out" / "a.parquet", {"en": DEFAULT_MODEL})
    assert found["failures"].to_dict("records") == [
        {"article_id": "003", "error": "reading the parse: ZeroDivisionError: division by zero"}
    ]
    # 000 stands whole; 003 left no row anywhere; zh and ru have no English-model rows.
    for name in ("timexes", "mentions", "event_mentions"):
        assert set(found[name]["article_id"]) == {"000"}, name
    assert len(found["mentions"]) > 20 and len(found["timexes"]) > 0
    assert sorted(found["signatures"]["article_id"]) == ["000", "ru", "zh"]
    # A failure is not cached as read: the next run of the shard reads 003 again (and, the bug
    # fixed, gives its rows), while 000 comes from the cache.
    monkeypatch.undo()
    again = _annotated(tmp_path, tmp_path / "out" / "a.parquet", {"en": DEFAULT_MODEL})
    assert again["failures"].empty
    assert set(again["mentions"]["article_id"]) == {"000", "003"}


def test_a_language_mapped_to_a_pipeline_gets_mentions_but_no_dates_or_events(
    tmp_path: Path,
) -> None:
    """Routing by language: French mapped to a pipeline is parsed by it (the default model
    stands in for a French one here), and only its mentions are read."""
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "000.txt").write_bytes(seed_path("000").read_bytes())
    articles, _ = run_clean(
        tmp_path, [source(tmp_path / f"{n}.txt", tmp_path) for n in ("000", "fr")]
    )
    assert articles["language"].tolist() == ["en", "fr"]
    found = _annotated(
        tmp_path, tmp_path / "out" / "a.parquet", {"en": DEFAULT_MODEL, "fr": DEFAULT_MODEL}
    )
    assert "Emmanuel Macron" in set(found["mentions"].query("article_id == 'fr'")["text"])
    assert set(found["timexes"]["article_id"]) == {"000"}
    assert found["failures"].empty
