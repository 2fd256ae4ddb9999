"""The date stage's corpus jobs: article_dates (publication dates, given or inferred) and
timexes_table (shards' timexes come from shard_tables)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsline import tables
from newsline.dating import (
    ANCHOR_SOURCES,
    FROM_EVENTS,
    FROM_TEXT,
    Clue,
    Dating,
    Evidence,
    Interval,
    ReportedEvent,
    dateline_day_evidence,
    dateline_year_evidence,
    dating_of,
    event_evidence,
    evidence_of,
    reading_from_json,
    resolved_on_every_day,
)
from newsline.gazetteer import last_word
from newsline.jobs.common import (
    PartTable,
    ValidationPaths,
    article_ids,
    articles_exist,
    column_by_article,
    gate_and_publish,
    last_validation_holds,
    log,
    offset_mismatches,
    party_mentions,
    referenced,
    starts_in,
    unique_keys,
)

GIVEN_COLUMNS = (
    "article_id", "published_date", "published_date_source", "dateline_day", "source",
)  # fmt: skip


# What _clue reads of a timex row, with its article and start.
CLUE_COLUMNS = (
    "article_id", "start_char", "text", "sentence_index", "reading", "direction", "told_as"
)  # fmt: skip


def _clue(row: dict[str, Any]) -> Clue | None:
    reading = reading_from_json(row["reading"])
    if reading is None or row["direction"] is None:
        return None
    return Clue(row["text"], row["sentence_index"], reading, row["direction"], row["told_as"])


def reported_events(
    event_mentions: pa.Table,
    names: dict[tuple[str, int], str],
    clues: dict[tuple[str, int], Clue],
    absolute: dict[tuple[str, int], bool],
) -> dict[str, list[ReportedEvent]]:
    """Each article's event mentions of two parties or more as dating sees them: kind, parties
    (participants and place, by the last word of their names), the span its date resolved to,
    whether that span needed no anchor (``absolute``), and, for an undated article, its own date
    expression (``clues``)."""
    found: dict[str, list[ReportedEvent]] = defaultdict(list)
    for row in event_mentions.to_pylist():
        article = row["article_id"]
        place = [row["location_start"]] if row["location_start"] is not None else []
        starts = [*row["participant_starts"], *place]
        parties = frozenset(last_word(names.get((article, s), "")) for s in starts) - {""}
        if len(parties) < 2:
            continue
        span: Interval | None = None
        if row["date_start"] is not None and "X" not in row["date_value"]:
            span = (row["date_start"], row["date_end"])
        dated_by = (article, row["date_start_char"])
        clue, anchorless = clues.get(dated_by), absolute.get(dated_by, False)
        found[article].append(
            ReportedEvent((row["event_type"], parties), span, clue, row["status"], anchorless)
        )
    return found


def infer_dates(
    given: dict[str, dt.date | None],
    clues: dict[str, list[Clue]],
    events: dict[str, list[ReportedEvent]],
    max_days: int,
    dateline_days: dict[str, str] | None = None,
    from_corpus: dict[str, Evidence] | None = None,
) -> dict[str, tuple[Dating, str]]:
    """The inferred dating of every article ``given`` no date, and what it rests on.

    An event's span counts as dated where its article has a given date, or where the span
    needed no anchor at all ("in May 2024"). ``from_corpus`` is what the corpus says of an
    article (``dateline_years``)."""
    dated: dict[str, list[tuple[frozenset[str], Interval, str]]] = defaultdict(list)
    for article, reported in events.items():
        for event in reported:
            if event.span is not None and (given.get(article) or event.anchorless):
                dated[event.key[0]].append((event.key[1], event.span, article))
    inferred = {}
    for article, date in given.items():
        if date is not None:
            continue
        own = evidence_of(clues.get(article, []))
        if (day := (dateline_days or {}).get(article)) and (found := dateline_day_evidence(day)):
            own.append(found)
        if corpus := (from_corpus or {}).get(article):
            own.append(corpus)
        across: list[Evidence] = []
        for event in events.get(article, []):
            kind, parties = event.key
            # The same event: same kind, and one report's parties all among the other's.
            same = [
                (span, other)
                for other_parties, span, other in dated.get(kind, [])
                if other != article and (other_parties <= parties or parties <= other_parties)
            ]
            others = ", ".join(sorted({other for _, other in same}))
            found = event_evidence(event, {span for span, _ in same}, others)
            if found is not None:
                across.append(found)
        dating = dating_of(own + across, max_days)
        source = FROM_EVENTS if any(a.describe() in dating.evidence for a in across) else FROM_TEXT
        if across and dating.earliest is None and dating.latest is None:
            # The events conflict with the text: what the text alone allows stands.
            dating, source = dating_of(own, max_days), FROM_TEXT
        inferred[article] = (dating, source)
    return inferred


def dateline_years(articles: Sequence[dict[str, Any]], window_days: int) -> dict[str, Evidence]:
    """For each undated article with a dateline's day, the years its corpus allows
    (``dating.dateline_year_evidence``): among the dated articles of its outlet where the corpus
    has some, else among all the dated articles."""
    every: list[dt.date] = []
    of_outlet: dict[str, list[dt.date]] = defaultdict(list)
    for article in articles:
        if (date := article["published_date"]) is not None:
            every.append(date)
            if article["source"] is not None:
                of_outlet[article["source"]].append(date)
    found = {}
    for article in articles:
        day, source = article["dateline_day"], article["source"]
        if article["published_date"] is not None or not day:
            continue
        whose, days = "the corpus's articles", every
        if source is not None and of_outlet.get(source):
            whose, days = f"{source}'s articles", of_outlet[source]
        if days:
            evidence = dateline_year_evidence(day, days, window_days, whose)
            if evidence is not None:
                found[article["article_id"]] = evidence
    return found


def _clues(
    timexes: pa.Table, given: Mapping[str, dt.date | None]
) -> tuple[dict[str, list[Clue]], dict[tuple[str, int], Clue]]:
    """The undated articles' date expressions as clues, by article and by (article, start)."""
    clues: dict[str, list[Clue]] = defaultdict(list)
    clue_at: dict[tuple[str, int], Clue] = {}
    undated = pa.array(sorted(a for a, date in given.items() if date is None), pa.string())
    # Only the rows that can be clues (a direction), and the columns a clue reads, as Python rows.
    wanted = pc.and_(pc.is_in(timexes["article_id"], undated), pc.is_valid(timexes["direction"]))
    for row in timexes.filter(wanted).select(list(CLUE_COLUMNS)).to_pylist():
        if (clue := _clue(row)) is not None:
            clues[row["article_id"]].append(clue)
            clue_at[(row["article_id"], row["start_char"])] = clue
    return clues, clue_at


def _anchorless(timexes: pa.Table, event_mentions: pa.Table) -> dict[tuple[str, int], bool]:
    """Whether each timex that dates an event mention needed no anchor ("in May 2024")."""
    return {
        (row["article_id"], row["start_char"]): row["resolved"] and row["anchor_source"] == "none"
        for row in referenced(
            timexes.select(["article_id", "start_char", "resolved", "anchor_source"]),
            starts_in(event_mentions, "date_start_char"),
        ).to_pylist()
    }


def _party_names(
    shard_mentions: Sequence[str], event_mentions: pa.Table
) -> dict[tuple[str, int], str]:
    """(article, start) -> text of the entity mentions that name the event mentions' parties."""
    mentions = referenced(
        tables.read_tables(shard_mentions, tables.LOCAL_MENTIONS).select(
            ["article_id", "start_char", "text"]
        ),
        party_mentions(event_mentions),
    )
    return dict(
        zip(
            zip(
                mentions.column("article_id").to_pylist(),
                mentions.column("start_char").to_pylist(),
                strict=True,
            ),
            mentions.column("text").to_pylist(),
            strict=True,
        )
    )


def write_article_dates(
    shard_articles: Sequence[str],
    shard_timexes: Sequence[str],
    shard_event_mentions: Sequence[str],
    shard_mentions: Sequence[str],
    dating: Mapping[str, int],
    output: str,
) -> None:
    """Every article's publication date: as given (metadata, markup, header, dateline, crawl),
    else inferred from its text and the events dated sources report (``newsline.dating``).
    Run by the clean stage of ``corpus_tables``, before it publishes the articles."""
    articles = pa.concat_tables(
        [pq.read_table(p, columns=list(GIVEN_COLUMNS)) for p in shard_articles]
    ).to_pylist()
    given = {a["article_id"]: a["published_date"] for a in articles}
    timexes = tables.read_tables(shard_timexes, tables.SHARD_TIMEXES)
    event_mentions = tables.read_tables(shard_event_mentions, tables.EVENT_MENTIONS)
    clues, clue_at = _clues(timexes, given)
    events = reported_events(
        event_mentions,
        _party_names(shard_mentions, event_mentions),
        clue_at,
        _anchorless(timexes, event_mentions),
    )
    dateline_days = {a["article_id"]: a["dateline_day"] for a in articles if a["dateline_day"]}
    from_corpus = dateline_years(articles, dating["year_window_days"])
    inferred = infer_dates(
        given, clues, events, dating["max_interval_days"], dateline_days, from_corpus
    )
    rows = []
    for article in articles:
        article_id, date = article["article_id"], article["published_date"]
        if date is not None:
            rows.append({**article, "published_date_min": date, "published_date_max": date,
                         "published_date_evidence": [], "inferred_from": None})  # fmt: skip
            continue
        dating, source = inferred[article_id]
        known = dating.earliest is not None or dating.latest is not None
        rows.append({
            "article_id": article_id,
            "published_date": dating.date,
            "published_date_source": "inferred" if known else "none",
            "published_date_min": dating.earliest,
            "published_date_max": dating.latest,
            "published_date_evidence": list(dating.evidence),
            "inferred_from": source if known else None,
        })  # fmt: skip
    n_inferred = sum(r["published_date_source"] == "inferred" for r in rows)
    n_dated = sum(
        r["published_date_source"] == "inferred" and r["published_date"] is not None for r in rows
    )
    log.info("publication dates inferred for %d undated articles (%d to a date, the rest to "
             "an interval)", n_inferred, n_dated)  # fmt: skip
    tables.write_rows(rows, tables.ARTICLE_DATES, output)


def resolved_against_inferred(timexes: pa.Table, dates: dict[str, dict[str, Any]]) -> pa.Table:
    """The shards' timexes, with each expression an inferred date settles resolved against it
    (``newsline.dating.resolved_on_every_day``): anchor_date is the inferred date (else the
    interval's first day), anchor_source says what the date was inferred from. Only the
    unresolved expressions of articles with a closed inferred interval are read row by row."""
    closed = {
        article_id
        for article_id, d in dates.items()
        if d["published_date_source"] == "inferred"
        and d["published_date_min"] is not None
        and d["published_date_max"] is not None
    }
    wanted = pc.and_(
        pc.is_in(timexes["article_id"], pa.array(sorted(closed), pa.string())),
        pc.invert(timexes["resolved"]),
    )
    rows = timexes.filter(wanted).to_pylist()
    n_settled = 0
    for i, row in enumerate(rows):
        dating = dates[row["article_id"]]
        clue = _clue(row)
        earliest, latest = dating["published_date_min"], dating["published_date_max"]
        resolution = None if clue is None else resolved_on_every_day(clue, earliest, latest)
        if resolution is None:
            continue
        rows[i] = {
            **row,
            "value": resolution.value,
            "start_date": resolution.start,
            "end_date": resolution.end,
            "granularity": resolution.granularity,
            "anchor_date": dating["published_date"] or earliest,
            "anchor_source": ANCHOR_SOURCES[dating["inferred_from"]],
            "resolved": True,
        }
        n_settled += 1
    if n_settled:
        log.info("%d expressions resolved against inferred publication dates", n_settled)
    tried = tables.to_table(rows, tables.SHARD_TIMEXES)
    untouched = timexes.filter(pc.invert(wanted))
    return tables.to_table(pa.concat_tables([untouched, tried]), tables.TIMEXES)


def timexes_table(
    shard_timexes: Sequence[str],
    article_dates: str,
    articles: str,
    suite: str,
    timexes: str,
    validation: ValidationPaths,
) -> None:
    """The timexes table, one part per shard, gated by the dates suite on the rows that
    changed (an article's expressions change with its text or its inferred date)."""
    dates = {r["article_id"]: r for r in pq.read_table(article_dates).to_pylist()}
    table = resolved_against_inferred(
        tables.read_tables(shard_timexes, tables.SHARD_TIMEXES), dates
    )
    trusted = last_validation_holds(suite, validation)
    published = PartTable.by_shard(table, shard_timexes, tables.TIMEXES, timexes, trusted)
    frame = published.rows_to_check().to_pandas()
    texts = column_by_article(articles, "text", frame["article_id"])
    frame["offset_mismatch"] = offset_mismatches(frame, texts)
    gate_and_publish(
        "dates",
        suite,
        {"timexes": frame},
        {},
        validation,
        part_tables={"timexes": published},
        cross_part_failures=[
            unique_keys("timexes", table, tables.TIMEXES.key),
            articles_exist("timexes", table, article_ids(articles)),
        ],
    )
