"""Publication dates from what an input carries besides its text: its file name, its URL, and
the dated articles around it (issue 36)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from newsline.clean import clean_text
from newsline.datenames import DATE_IN_NAME, date_in_name, date_in_url, dates_in_name
from newsline.dating import dateline_year_evidence, dating_of
from newsline.events import Provenance, ResolvedMention, cluster_mentions, dated_by_other_sources
from newsline.jobs.clean import publication_date
from newsline.jobs.dates import dateline_years
from newsline.records import Record


def test_the_name_layouts_are_one_named_table() -> None:
    assert [name for name, _ in DATE_IN_NAME] == [
        "year-month-day", "agency id", "agency id, two-digit year", "compact year-month-day",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "layout", "date"),
    [
        # News-agency document ids, as TimeBank and AQUAINT name their documents.
        ("APW19980807.0261", "agency id", dt.date(1998, 8, 7)),
        ("NYT19980206.0460", "agency id", dt.date(1998, 2, 6)),
        ("ABC19980108.1830.0711", "agency id", dt.date(1998, 1, 8)),
        ("ea980120.1830.0071", "agency id, two-digit year", dt.date(1998, 1, 20)),
        ("AP900815-0044", "agency id, two-digit year", dt.date(1990, 8, 15)),
        # Names people give their files.
        ("2024-05-16-putin-beijing", "year-month-day", dt.date(2024, 5, 16)),
        ("archive/2024_05_16", "year-month-day", dt.date(2024, 5, 16)),
        ("20240516-putin", "compact year-month-day", dt.date(2024, 5, 16)),
    ],
)
def test_a_name_gives_its_date(name: str, layout: str, date: dt.date) -> None:
    assert dates_in_name(name) == [(layout, date)]
    assert date_in_name(name) == date


@pytest.mark.parametrize(
    "name",
    [
        "wsj_0026",  # a Wall Street Journal document number, no date
        "SJMN91-06338157",  # a year and a serial number
        "000_c7d7c2a76c4cebf4",  # the seeds' content hashes
        "batches/2024-05#17",  # a month is no day
        "story-2023-02-30",  # no such day
        "2024-05-16-and-2024-05-17",  # two days: which?
    ],
)
def test_a_name_without_one_date_gives_none(name: str) -> None:
    assert date_in_name(name) is None


def test_a_url_gives_the_date_of_its_path_only() -> None:
    assert date_in_url("https://www.reuters.com/world/2024/05/16/putin-in-beijing/") == (
        dt.date(2024, 5, 16)
    )
    assert date_in_url("https://news.example/2024/05/") is None
    assert date_in_url("https://20240516.example.com/putin") is None  # the host is no path
    assert date_in_url(None) is None


def test_the_text_beats_the_file_name_and_the_file_name_the_url() -> None:
    url = "https://news.example/2024/05/17/putin"
    plain = "Putin met Xi in Beijing on Thursday."
    undated = Record("2024-05-16-putin-beijing", plain, url=url)
    assert publication_date(undated, {}, clean_text(plain)) == (dt.date(2024, 5, 16), "filename")
    unnamed = Record("putin-beijing", plain, url=url)
    assert publication_date(unnamed, {}, clean_text(plain)) == (dt.date(2024, 5, 17), "url")
    datelined = "Beijing, 22 December 2022 (TDI): Medvedev met Xi on Wednesday."
    assert publication_date(undated, {}, clean_text(datelined)) == (
        dt.date(2022, 12, 22), "dateline",
    )  # fmt: skip
    given = {"published_date": "2024-05-15"}
    assert publication_date(undated, given, clean_text(plain)) == (dt.date(2024, 5, 15), "metadata")
    assert publication_date(Record("putin", plain), {}, clean_text(plain)) == (None, "none")


def test_a_datelines_day_takes_the_one_year_the_corpus_allows() -> None:
    # A wire story datelined "WASHINGTON, March 3 -" among stories dated February-April 1987.
    dated = [dt.date(1987, 2, 26), dt.date(1987, 3, 20), dt.date(1987, 4, 30)]
    evidence = dateline_year_evidence("XXXX-03-03", dated, 90, "the corpus's articles")
    assert evidence is not None
    dating = dating_of([evidence], 35)
    assert (dating.date, dating.earliest, dating.latest) == (
        dt.date(1987, 3, 3), dt.date(1987, 3, 3), dt.date(1987, 3, 4),
    )  # fmt: skip
    assert dating.evidence[0].startswith("dateline's year from the corpus: XXXX-03-03 near")


def test_where_two_years_fit_the_dateline_gives_an_interval_not_a_guess() -> None:
    dated = [dt.date(1998, 12, 15), dt.date(1999, 12, 10)]
    evidence = dateline_year_evidence("XXXX-12-20", dated, 30, "the corpus's articles")
    assert evidence is not None
    assert [day for day, _ in evidence.allowed] == [dt.date(1998, 12, 20), dt.date(1999, 12, 20)]
    dating = dating_of([evidence], 35)
    assert dating.date is None
    assert (dating.earliest, dating.latest) == (dt.date(1998, 12, 20), dt.date(1999, 12, 21))
    # A day no dated article is near gives nothing.
    assert dateline_year_evidence("XXXX-07-01", dated, 30, "the corpus's articles") is None


def test_a_dateline_takes_its_outlets_years_before_the_corpus() -> None:
    def article(article_id: str, date: dt.date | None, source: str | None, day: str | None):
        return {"article_id": article_id, "published_date": date, "source": source,
                "dateline_day": day}  # fmt: skip

    articles = [
        article("wire-1", dt.date(1987, 3, 20), "reuters.com", None),
        article("paper-1", dt.date(2024, 5, 1), "paper.example", None),
        article("wire-2", None, "reuters.com", "XXXX-03-03"),
        article("loose", None, None, "XXXX-05-02"),
    ]
    found = dateline_years(articles, 90)
    assert [day for day, _ in found["wire-2"].allowed] == [dt.date(1987, 3, 3)]
    assert "reuters.com's articles" in found["wire-2"].phrase
    # No outlet: every dated article counts, and 1987-2024 leaves two years around them.
    assert [day for day, _ in found["loose"].allowed] == [dt.date(1987, 5, 2), dt.date(2024, 5, 2)]


def visit(article: str, who: tuple[str, ...], where: str | None, value: str,
          span: tuple[dt.date, dt.date] | None) -> ResolvedMention:  # fmt: skip
    return ResolvedMention(
        article_id=article, sentence_index=0, event_type="visit", participants=who,
        location=where, location_priority=0, date_value=value,
        date_start=span[0] if span else None, date_end=span[1] if span else None,
        evidence="", status="past",
    )  # fmt: skip


MAY_2024 = (dt.date(2024, 5, 1), dt.date(2024, 5, 31))
PUTIN, XI, CHINA = "person:vladimir-putin", "person:xi-jinping", "gpe:china"


def test_an_undated_report_takes_the_date_another_source_gives_the_same_event() -> None:
    # The seeds: 004 (dated) has Putin's visit to China in May 2024; 002, whose publication is
    # inferred to 2 May-2 June 2024, has Putin's state visit to China "on Thursday", with Xi.
    dated = visit("004", (PUTIN,), CHINA, "2024-05", MAY_2024)
    undated = visit("002", (PUTIN, XI), CHINA, "XXXX-WXX-4", None)
    interval = {"002": (dt.date(2024, 5, 2), dt.date(2024, 6, 2))}
    _, found = dated_by_other_sources([dated, undated], interval)
    assert (found.date_value, found.date_start, found.date_inferred) == (
        "2024-05",
        MAY_2024[0],
        True,
    )
    # Outside the article's interval, another kind of event, or two dates: no date.
    elsewhere = {"002": (dt.date(2023, 1, 1), dt.date(2023, 2, 1))}
    assert dated_by_other_sources([dated, undated], elsewhere)[1].date_start is None
    meeting = replace(dated, event_type="meeting")
    assert dated_by_other_sources([meeting, undated], interval)[1].date_start is None
    june = visit("005", (PUTIN,), CHINA, "2024-06-01", (dt.date(2024, 6, 1),) * 2)
    assert dated_by_other_sources([dated, june, undated], interval)[2].date_start is None


def test_the_seeds_undated_visit_joins_the_dated_one_and_only_it() -> None:
    dated = visit("004", (PUTIN,), CHINA, "2024-05", MAY_2024)
    later_mention = visit("004", (PUTIN,), CHINA, "XXXX-XX-XX", None)
    xi_to_russia = visit("004", (XI,), "gpe:russia", "XXXX", None)
    in_beijing = visit("002", (PUTIN, XI), CHINA, "2024-05", MAY_2024)
    events = cluster_mentions(
        [dated, later_mention, xi_to_russia, in_beijing],
        {a: Provenance(a, a, None) for a in ("002", "004")},
    )
    together = [e for e in events if set(e.article_ids) == {"002", "004"}]
    assert len(together) == 1 and together[0].location == CHINA
    assert together[0].date_value == "2024-05"
    # Xi's visit to Russia, of the same article, is an event of its own.
    assert any(e.location == "gpe:russia" and e.article_ids == ["004"] for e in events)


def test_an_undated_wire_story_is_dated_by_its_dateline_among_dated_ones() -> None:
    from newsline.jobs.dates import infer_dates

    articles = [
        {"article_id": "dated", "published_date": dt.date(1987, 3, 20), "source": None,
         "dateline_day": None},
        {"article_id": "undated", "published_date": None, "source": None,
         "dateline_day": "XXXX-03-03"},
    ]  # fmt: skip
    given = {a["article_id"]: a["published_date"] for a in articles}
    inferred = infer_dates(
        given, {}, {}, 35, {"undated": "XXXX-03-03"}, dateline_years(articles, 90)
    )
    dating, _ = inferred["undated"]
    assert (dating.date, dating.earliest, dating.latest) == (
        dt.date(1987, 3, 3), dt.date(1987, 3, 3), dt.date(1987, 3, 4),
    )  # fmt: skip
    # Without the corpus, the dateline's day alone dates nothing.
    alone, _ = infer_dates(given, {}, {}, 35, {"undated": "XXXX-03-03"})["undated"]
    assert alone.date is None and alone.earliest is None
