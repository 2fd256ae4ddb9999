"""Publication dates inferred from an article's own text and from events dated elsewhere."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from newsline.dating import (
    EVIDENCE,
    Clue,
    ReportedEvent,
    dateline_day_evidence,
    dating_of,
    event_evidence,
    evidence_of,
    infer,
    reading_from_json,
    reading_to_json,
    resolved_on_every_day,
)
from newsline.jobs.dates import infer_dates
from newsline.timex import Reading, extract_timexes, read_expression

from .conftest import cleaned_seed


def clues_of(nlp: Language, text: str) -> list[Clue]:
    return [
        Clue(t.text, t.sentence_index, t.reading, t.direction, t.told_as)
        for t in extract_timexes(nlp(text), None)
        if t.reading is not None and t.direction is not None
    ]


def test_the_rules_are_one_named_table() -> None:
    assert [name for name, _ in EVIDENCE] == [
        "named date, told as past",
        "named date, told as ahead",
        "years since a named year",
        "weekday after the latest named day",
    ]


def test_a_named_month_told_as_past_is_the_earliest_day(nlp: Language) -> None:
    # 004's "the latest visit in May 2024": published in May 2024 or later.
    dating = infer(clues_of(nlp, cleaned_seed("004_8538433188b19872").text), 35)
    assert dating.earliest == dt.date(2024, 5, 1) and dating.latest is None
    assert dating.date is None  # an open interval gives no date
    assert "named date, told as past: May 2024" in dating.evidence


def test_a_date_told_ahead_with_will_closes_the_interval(nlp: Language) -> None:
    text = (
        "The two leaders met in Beijing on Dec. 21, 2022. "
        "Putin will travel to Beijing on Jan. 10, 2023, the Kremlin said."
    )
    dating = infer(clues_of(nlp, text), 35)
    assert (dating.earliest, dating.latest) == (dt.date(2022, 12, 21), dt.date(2023, 1, 10))
    assert dating.date == dt.date(2022, 12, 21)  # 21 days: the first day is given
    assert infer(clues_of(nlp, text), 14).date is None  # longer than allowed: no date


def test_dates_that_qualify_a_noun_or_set_a_limit_date_nothing(nlp: Language) -> None:
    # TimeBank wsj_0555 (1989): a maturity and a forecast year are not when the clause happened.
    text = (
        "Holders of its 6 1/4% convertible subordinated debentures, due March 15, 2007, "
        "have elected to convert the debt. Analysts were predicting 1990 earnings of $3."
    )
    assert evidence_of(clues_of(nlp, text)) == []


def test_a_conditional_future_dates_nothing(nlp: Language) -> None:
    # "would" is reported or conditional: it does not bound the publication date.
    text = "The company said the agreement would dilute earnings in 1990."
    assert not any(e.rule == "named date, told as ahead" for e in evidence_of(clues_of(nlp, text)))


def test_years_ago_beside_a_named_year_gives_the_year(nlp: Language) -> None:
    text = "The two countries established relations in 1949, 75 years ago."
    dating = infer(clues_of(nlp, text), 35)
    assert (dating.earliest, dating.latest) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert "years since a named year: 75 years ago" in dating.evidence


def test_a_day_without_its_year_dates_nothing(nlp: Language) -> None:
    clues = clues_of(nlp, "Prices rose in 2022. Medvedev met Xi on Dec. 21.")
    assert [c.text for c in clues] == ["2022", "Dec. 21"]  # both were read as dates
    evidence = evidence_of(clues)
    # Only the year is evidence ("on or after 2022"); "Dec. 21" alone allows no year.
    assert [(e.rule, e.phrase) for e in evidence] == [("named date, told as past", "2022")]
    assert evidence[0].allowed == ((dt.date(2022, 1, 1), dt.date(9999, 12, 31)),)


def test_conflicting_evidence_leaves_the_article_undated(nlp: Language) -> None:
    text = "The talks began in March 2024. The leaders will meet again in May 2023."
    assert infer(clues_of(nlp, text), 35).earliest is None


def test_001_which_gives_no_year_stays_undated(nlp: Language) -> None:
    dating = infer(clues_of(nlp, cleaned_seed("001_b9209de2d88e2335").text), 35)
    assert (dating.date, dating.earliest, dating.latest) == (None, None, None)


def thursday_clue() -> Clue:
    reading = read_expression("Thursday")
    assert reading is not None
    return Clue("on Thursday", 0, reading, "past", "past")


def test_an_event_another_source_dates_narrows_to_where_its_weekday_falls() -> None:
    # 002 reports Putin's visit to China "on Thursday"; 004 dates that visit to May 2024.
    key = ("visit", frozenset({"putin", "xi", "china"}))
    reported = ReportedEvent(key, None, thursday_clue(), "past")
    may = (dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    found = event_evidence(reported, {may}, "004")
    assert found is not None
    dating = dating_of([found], 35)
    # The Thursday before publication falls in May: from May 2 (the first) to June 5.
    assert (dating.earliest, dating.latest) == (dt.date(2024, 5, 2), dt.date(2024, 6, 5))
    assert dating.date == dt.date(2024, 5, 2)


def test_an_event_dated_two_ways_narrows_nothing() -> None:
    key = ("visit", frozenset({"putin", "xi", "china"}))
    reported = ReportedEvent(key, None, thursday_clue(), "past")
    spans = {
        (dt.date(2023, 10, 1), dt.date(2023, 10, 31)),
        (dt.date(2024, 5, 1), dt.date(2024, 5, 31)),
    }
    assert event_evidence(reported, spans, "004, 005") is None
    planned = ReportedEvent(key, None, thursday_clue(), "scheduled")
    assert event_evidence(planned, {(dt.date(2024, 5, 1), dt.date(2024, 5, 31))}, "004") is None


def test_an_expression_resolves_only_where_every_day_of_the_interval_agrees() -> None:
    thursday = thursday_clue()
    week = (dt.date(2024, 5, 17), dt.date(2024, 5, 22))  # Friday to Wednesday
    assert resolved_on_every_day(thursday, *week).value == "2024-05-16"  # type: ignore[union-attr]
    assert resolved_on_every_day(thursday, dt.date(2024, 5, 2), dt.date(2024, 6, 5)) is None
    last_year = Clue("last year", 0, read_expression("last year"), "past", "past")  # type: ignore[arg-type]
    assert (
        resolved_on_every_day(last_year, dt.date(2024, 5, 2), dt.date(2024, 6, 5)).value == "2023"
    )  # type: ignore[union-attr]


def test_a_reading_survives_its_table_column() -> None:
    reading = read_expression("the spring of next year")
    assert reading_from_json(reading_to_json(reading)) == reading
    assert reading_from_json(None) is None


def test_events_dated_elsewhere_narrow_an_undated_article_unless_the_text_disagrees(
    nlp: Language,
) -> None:
    key = ("visit", frozenset({"putin", "xi", "china"}))
    may = (dt.date(2024, 5, 1), dt.date(2024, 5, 31))
    dated = ReportedEvent(("visit", frozenset({"putin", "china"})), may, None, "past", True)
    undated = ReportedEvent(key, None, thursday_clue(), "past")
    given = {"004": None, "002": None, "009": dt.date(2024, 6, 1)}
    found = infer_dates(given, {}, {"004": [dated], "002": [undated]}, 35)
    dating, source = found["002"]
    assert (dating.earliest, dating.latest, source) == (
        dt.date(2024, 5, 2),
        dt.date(2024, 6, 5),
        "events",
    )
    # Text that puts the article before the event wins: the events narrow nothing then.
    earlier = clues_of(nlp, "The leaders will meet on Jan. 10, 2023.")
    dating, source = infer_dates(given, {"002": earlier}, {"004": [dated], "002": [undated]}, 35)[
        "002"
    ]
    assert (dating.earliest, dating.latest, source) == (None, dt.date(2023, 1, 10), "text")


def test_a_day_the_calendar_does_not_have_dates_nothing() -> None:
    reading = Reading("date", year=1990, month=2, day=30)  # read by no rule, but stored
    assert evidence_of([Clue("Feb. 30, 1990", 0, reading, "past", "past")]) == []


def test_a_weekday_told_as_past_falls_after_the_latest_named_day(nlp: Language) -> None:
    text = (
        "The company signed the accord on Oct. 30, 1989. "
        "Its chairman resigned Friday, a spokesman said."
    )
    dating = infer(clues_of(nlp, text), 35)
    # 30 October 1989 was a Monday: the Friday after it is 3 November.
    assert dating.earliest == dt.date(1989, 11, 3) and dating.latest is None
    assert "weekday after the latest named day: Friday" in dating.evidence


def test_a_datelines_day_without_its_year_is_a_day_of_the_year_the_rest_allows(
    nlp: Language,
) -> None:
    # Xinhua, "BRUSSELS, February 10": the story names "in 1998" as past, so its first
    # possible day is 10 February 1998; with no later bound there is no date.
    found = dateline_day_evidence("XXXX-02-10")
    assert found is not None
    text = "NATO decided in 1998 to admit Poland, Hungary and the Czech Republic."
    dating = dating_of([*evidence_of(clues_of(nlp, text)), found], 35)
    assert (dating.earliest, dating.latest, dating.date) == (dt.date(1998, 2, 10), None, None)
    assert "dateline without its year: XXXX-02-10" in dating.evidence
    both = "NATO decided in January 1999 to admit them. It will admit them in March 1999."
    closed = dating_of([*evidence_of(clues_of(nlp, both)), found], 35)
    # Between January and March 1999: 10 February or the day after (a wire's time stamp).
    assert (closed.earliest, closed.latest) == (dt.date(1999, 2, 10), dt.date(1999, 2, 11))
    assert closed.date == dt.date(1999, 2, 10)
    assert dating_of([found], 35).earliest is None  # alone it bounds nothing
