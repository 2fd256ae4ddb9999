"""One function per Snakemake rule: read the rule's inputs, call the pure functions, write.

The scripts in ``scripts/`` only unpack ``snakemake.input/params/output`` and call ``run`` with
one of these, so every job can also be run (and tested) without Snakemake.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables
from newsline.clean import clean_text
from newsline.dedup import Signed, cluster, signature
from newsline.entities import Mention, article_mentions, canonical_entities
from newsline.events import ResolvedMention, article_event_mentions, cluster_mentions
from newsline.ingest import UNSUPPORTED_NAME_DETAIL, Rejection, content_sha256, decode
from newsline.records import Record, batch_records, expected_outcomes, parse_date, read_metadata
from newsline.timex import Timex, extract_timexes, sentence_index_of

log = logging.getLogger("newsline")
PROGRESS_EVERY = 100


def run(log_path: str, job: Callable[..., Any], **kwargs: Any) -> None:
    """Run one job with logging to its Snakemake log and to the terminal; exit 1 on failure with
    the error's own message (a traceback only for errors that are bugs, not bad data)."""
    from newsline.validate import ValidationFailed

    Path(log_path).parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [logging.FileHandler(log_path, mode="w", encoding="utf-8")]
    handlers.append(logging.StreamHandler(sys.stderr))
    logging.basicConfig(
        level=logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )
    started = time.perf_counter()
    try:
        job(**kwargs)
    except ValidationFailed as failure:
        log.error("%s", failure)
        sys.exit(1)
    except Exception:
        log.exception("%s failed", job.__name__)
        sys.exit(1)
    log.info("%s done in %.1f s", job.__name__, time.perf_counter() - started)


# --- cleaning ---------------------------------------------------------------------------------


def _records(source: dict[str, str], raw: bytes, max_bytes: int) -> Iterator[Record | Rejection]:
    """The source's article records, or the rejection of the whole file or of one batch line."""
    try:
        decoded = decode(raw, max_bytes)
    except Rejection as rejection:
        yield rejection
        return
    if source["kind"] == "txt":
        yield Record(article_id=source["key"], text=decoded.text, encoding=decoded.encoding)
        return
    for item in batch_records(decoded.text, source["key"]):
        yield item if isinstance(item, Rejection) else replace(item, encoding=decoded.encoding)


def _article_row(
    record: Record, source: dict[str, str], raw: bytes, metadata: dict[str, str]
) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    """The article row of a record and the lines cleaning removed from it. What the input says
    of itself (metadata.csv, then a batch line's fields) wins over what cleaning reads."""
    cleaned = clean_text(record.text)
    if not cleaned.text:
        raise Rejection(
            "no_text_after_cleaning",
            "Nothing is left once page chrome is removed; see the boilerplate rules.",
        )
    given_date = parse_date(metadata.get("published_date")) or record.published_date
    row = {
        "article_id": record.article_id,
        "source_path": source["path"],
        "source_line": record.line,
        "content_sha256": content_sha256(raw if record.line is None else record.text.encode()),
        "title": metadata.get("title") or record.title or cleaned.title,
        "byline": cleaned.byline,
        "published_date": given_date or cleaned.published_date,
        "published_date_source": "metadata" if given_date else cleaned.published_date_source,
        "text": cleaned.text,
        "n_chars_raw": len(record.text),
        "n_chars_clean": len(cleaned.text),
        "url": metadata.get("url") or record.url,
        "source": metadata.get("source") or record.source,
        "encoding": record.encoding,
    }
    return row, cleaned.removed


def clean_shard(
    sources: Sequence[dict[str, str]],
    metadata: dict[str, dict[str, str]],
    max_bytes: int,
    articles: str,
    boilerplate: str,
    rejected: str,
) -> None:
    """Decode and clean the shard's input files; every file (and every batch line) ends in
    ``articles`` or ``rejected``. ``metadata`` maps article ids to metadata.csv overrides."""
    article_rows: list[dict[str, Any]] = []
    boilerplate_rows: list[dict[str, Any]] = []
    rejected_rows: list[dict[str, Any]] = []
    first_place_of: dict[str, str] = {}
    for source in sources:
        raw = Path(source["path"]).read_bytes()
        for item in _records(source, raw, max_bytes):
            try:
                if isinstance(item, Rejection):
                    raise item
                if item.article_id in first_place_of:
                    raise Rejection(
                        "duplicate_article_id",
                        f"Article id {item.article_id!r} is already taken by "
                        f"{first_place_of[item.article_id]}; rename one of them.",
                        line=item.line,
                    )
                row, removed = _article_row(item, source, raw, metadata.get(item.article_id, {}))
            except Rejection as rejection:
                line = item.line if isinstance(item, Record) else rejection.line
                rejected_rows.append(
                    {
                        "source_path": source["path"],
                        "line": line,
                        "reason": rejection.reason,
                        "detail": rejection.detail,
                    }
                )
                where = source["path"] + (f":{line}" if line else "")
                log.warning("rejected %s: %s", where, rejection.detail)
                continue
            place = source["path"] + (f" line {item.line}" if item.line else "")
            first_place_of[item.article_id] = place
            article_rows.append(row)
            boilerplate_rows.extend(
                {"article_id": item.article_id, "line_no": n, "text": text, "reason": reason}
                for n, text, reason in removed
            )
    tables.write_rows(article_rows, tables.ARTICLES, articles)
    tables.write_rows(boilerplate_rows, tables.BOILERPLATE, boilerplate)
    tables.write_rows(rejected_rows, tables.REJECTED, rejected)
    log.info(
        "cleaned %d files: %d articles, %d rejected",
        len(sources),
        len(article_rows),
        len(rejected_rows),
    )


def problems(keys: Iterable[Any], ok: Iterable[bool]) -> list[str | None]:
    """A suite's cross-table check as a column: null where the row is fine, its key where not,
    so that a failure's sample names the offending rows."""
    return [None if fine else str(key) for key, fine in zip(keys, ok, strict=True)]


def _gate_and_publish(
    stage: str,
    suite: str,
    frames_to_check: dict[str, Any],
    outputs: dict[str, tuple[pa.Table, str]],
    report_path: str,
    kept_report: str,
) -> None:
    """Validate, keep the report (also when failing), then publish the tables and the report."""
    from newsline.validate import gate, load_suite, run_suite, write_report

    report = run_suite(stage, load_suite(suite), frames_to_check)
    write_report(report, kept_report)
    gate(report, kept_at=kept_report)
    for table, path in outputs.values():
        tables.write_table(table, path)
    write_report(report, report_path)
    log.info(
        "stage %s valid: %s",
        stage,
        ", ".join(f"{n}={t.num_rows} rows" for n, (t, _) in outputs.items()),
    )


def metadata_problems(metadata: dict[str, str], known: dict[str, set[str]]) -> list[dict[str, Any]]:
    """Rejected rows for metadata.csv files and rows that cannot be used: unreadable files, rows
    without an id or with a bad date, and rows for articles that are not there (reported, not
    fatal: the rest of the file is applied). ``known`` is each folder's accepted article ids."""
    rows: list[dict[str, Any]] = []
    for path, root in metadata.items():
        try:
            entries = read_metadata(path)
        except ValueError as error:
            rows.append({"source_path": path, "line": None, "reason": "invalid_metadata",
                         "detail": f"{error}; none of its rows were applied."})  # fmt: skip
            continue
        for entry in entries:
            if entry.problem:
                rows.append({"source_path": path, "line": entry.line,
                             "reason": "invalid_metadata", "detail": entry.problem})  # fmt: skip
            elif entry.article_id not in known.get(root, set()):
                rows.append({"source_path": path, "line": entry.line, "reason": "unknown_article",
                             "detail": f"No accepted article has the id {entry.article_id!r} "
                                       f"in {root}; the row was not applied."})  # fmt: skip
    return rows


def articles_table(
    sources: Sequence[dict[str, str]],
    untrackable: Sequence[str],
    metadata: dict[str, str],
    max_bytes: int,
    shard_articles: Sequence[str],
    shard_boilerplate: Sequence[str],
    shard_rejected: Sequence[str],
    suite: str,
    articles: str,
    boilerplate: str,
    rejected: str,
    report: str,
    kept_report: str,
) -> None:
    """Merge the shards' cleaning outputs into the contract tables, gated by the clean suite.

    ``sources`` is every discovered input (path, root, kind); ``untrackable`` those Snakemake
    could not take as inputs, rejected here; ``metadata`` the metadata.csv files (path -> root).
    """
    article_table = tables.read_tables(shard_articles, tables.ARTICLES)
    boilerplate_table = tables.read_tables(shard_boilerplate, tables.BOILERPLATE)
    root_of = {s["path"]: s["root"] for s in sources}
    known: dict[str, set[str]] = defaultdict(set)
    for article_id, path in zip(
        article_table.column("article_id").to_pylist(),
        article_table.column("source_path").to_pylist(),
        strict=True,
    ):
        known[root_of.get(path, "")].add(article_id)
    unusable = [
        {
            "source_path": p,
            "line": None,
            "reason": "unsupported_name",
            "detail": UNSUPPORTED_NAME_DETAIL,
        }
        for p in untrackable
    ]
    rejected_table = tables.to_table(
        tables.read_tables(shard_rejected, tables.REJECTED).to_pylist()
        + unusable
        + metadata_problems(metadata, known),
        tables.REJECTED,
    )
    outcomes: dict[tuple[str, int | None], int] = defaultdict(int)
    for path, line in zip(
        article_table.column("source_path").to_pylist()
        + rejected_table.column("source_path").to_pylist(),
        article_table.column("source_line").to_pylist() + rejected_table.column("line").to_pylist(),
        strict=True,
    ):
        outcomes[(path, line)] += 1
    expected = [
        unit
        for s in sources
        for unit in (
            [(s["path"], None)] if s["path"] in untrackable
            else expected_outcomes(s["path"], s["kind"], max_bytes)
        )
    ]  # fmt: skip
    inputs = pa.table(
        {
            "source": [f"{p}:{n}" if n else p for p, n in expected],
            "outcomes": [outcomes.get(unit, 0) for unit in expected],
        }
    ).to_pandas()
    inputs["not_in_exactly_one_table"] = problems(inputs["source"], inputs["outcomes"] == 1)
    frame = article_table.to_pandas()
    frame["n_chars_clean_mismatch"] = problems(
        frame["article_id"], frame["text"].str.len() == frame["n_chars_clean"]
    )
    _gate_and_publish(
        "clean",
        suite,
        {
            "articles": frame,
            "boilerplate": boilerplate_table.to_pandas(),
            "rejected": rejected_table.to_pandas(),
            "inputs": inputs,
        },
        {
            "articles": (article_table, articles),
            "boilerplate": (boilerplate_table, boilerplate),
            "rejected": (rejected_table, rejected),
        },
        report,
        kept_report,
    )


# --- the spaCy pass ----------------------------------------------------------------------------


def parse_shard(articles: str, model: str, batch_size: int, docs: str) -> None:
    from newsline.nlp import load_model, parse, write_docbin

    table = pq.read_table(articles, columns=["article_id", "text"])
    started = time.perf_counter()
    nlp = load_model(model)
    log.info(
        "loaded %s in %.1f s; parsing %d articles",
        model,
        time.perf_counter() - started,
        table.num_rows,
    )
    pairs = zip(
        table.column("article_id").to_pylist(), table.column("text").to_pylist(), strict=True
    )
    write_docbin(parse(nlp, _progress(pairs, table.num_rows, "parsed"), batch_size), docs)


def _progress(items: Iterable[Any], total: int, verb: str) -> Iterable[Any]:
    for done, item in enumerate(items, start=1):
        yield item
        if done % PROGRESS_EVERY == 0 or done == total:
            log.info("%s %d/%d articles", verb, done, total)


# --- dates ---------------------------------------------------------------------------------------


def _published_dates(articles: str) -> dict[str, dt.date | None]:
    table = pq.read_table(articles, columns=["article_id", "published_date"])
    return dict(
        zip(
            table.column("article_id").to_pylist(),
            table.column("published_date").to_pylist(),
            strict=True,
        )
    )


def timexes_shard(docs: str, articles: str, timexes: str) -> None:
    from newsline.nlp import read_docs

    published = _published_dates(articles)
    rows = []
    for article_id, doc in read_docs(docs):
        for t in extract_timexes(doc, published[article_id]):
            rows.append({"article_id": article_id, **t.__dict__, "resolved": t.resolved})
    tables.write_rows(rows, tables.TIMEXES, timexes)
    log.info("found %d temporal expressions", len(rows))


def offset_mismatches(frame: Any, texts: dict[str, str]) -> list[str | None]:
    """``article_id@start_char`` of every span whose text is not at its offsets."""
    columns = ("article_id", "start_char", "end_char", "text")
    keys, ok = [], []
    for article_id, start, end, text in zip(*(frame[c] for c in columns), strict=True):
        keys.append(f"{article_id}@{start}")
        ok.append(texts.get(article_id, "")[start:end] == text)
    return problems(keys, ok)


def _texts(articles: str) -> dict[str, str]:
    table = pq.read_table(articles, columns=["article_id", "text"])
    return dict(
        zip(table.column("article_id").to_pylist(), table.column("text").to_pylist(), strict=True)
    )


def timexes_table(
    shard_timexes: Sequence[str],
    articles: str,
    suite: str,
    timexes: str,
    report: str,
    kept_report: str,
) -> None:
    table = tables.read_tables(shard_timexes, tables.TIMEXES)
    frame = table.to_pandas()
    frame["offset_mismatch"] = offset_mismatches(frame, _texts(articles))
    _gate_and_publish(
        "dates", suite, {"timexes": frame}, {"timexes": (table, timexes)}, report, kept_report
    )


# --- entities ------------------------------------------------------------------------------------


def mentions_shard(docs: str, mentions: str) -> None:
    from newsline.nlp import read_docs

    rows = []
    for article_id, doc in read_docs(docs):
        for m in article_mentions(doc, sentence_index_of(doc)):
            rows.append({"article_id": article_id, **m.__dict__})
    tables.write_rows(rows, tables.LOCAL_MENTIONS, mentions)
    log.info("found %d entity mentions", len(rows))


def entities_table(
    shard_mentions: Sequence[str],
    articles: str,
    suite: str,
    mentions: str,
    entities: str,
    report: str,
    kept_report: str,
) -> None:
    local = tables.read_tables(shard_mentions, tables.LOCAL_MENTIONS)
    rows = local.select(["article_id", "text", "label", "local_name"]).to_pylist()
    entity_ids, canonical = canonical_entities(rows)
    mention_table = tables.to_table(
        local.append_column("entity_id", pa.array(entity_ids, pa.string())), tables.MENTIONS
    )
    entity_table = tables.to_table([e.__dict__ for e in canonical], tables.ENTITIES)
    frame = mention_table.to_pandas()
    frame["offset_mismatch"] = offset_mismatches(frame, _texts(articles))
    known = set(entity_table.column("entity_id").to_pylist())
    frame["unknown_entity"] = problems(frame["entity_id"], frame["entity_id"].isin(known))
    entity_frame = entity_table.to_pandas()
    entity_frame["no_aliases"] = problems(
        entity_frame["entity_id"], entity_frame["aliases"].map(len) > 0
    )
    _gate_and_publish(
        "entities",
        suite,
        {"mentions": frame, "entities": entity_frame},
        {"mentions": (mention_table, mentions), "entities": (entity_table, entities)},
        report,
        kept_report,
    )


# --- near-duplicates -----------------------------------------------------------------------------


def signatures_shard(articles: str, shingle_size: int, num_perm: int, signatures: str) -> None:
    table = pq.read_table(
        articles, columns=["article_id", "published_date", "n_chars_clean", "text"]
    )
    rows = [
        {
            **{k: v for k, v in row.items() if k != "text"},
            "hashvalues": signature(row["text"], shingle_size, num_perm).tolist(),
        }
        for row in table.to_pylist()
    ]
    tables.write_rows(rows, tables.SIGNATURES, signatures)


def duplicates_table(
    shard_signatures: Sequence[str],
    articles: str,
    threshold: float,
    suite: str,
    duplicates: str,
    report: str,
    kept_report: str,
) -> None:
    signed = [
        Signed(r["article_id"], r["published_date"], r["n_chars_clean"], r["hashvalues"])
        for r in tables.read_tables(shard_signatures, tables.SIGNATURES).to_pylist()
    ]
    table = tables.to_table([m.__dict__ for m in cluster(signed, threshold)], tables.DUPLICATES)
    frame = table.to_pandas()
    accepted = set(pq.read_table(articles, columns=["article_id"]).column("article_id").to_pylist())
    frame["not_an_article"] = problems(frame["article_id"], frame["article_id"].isin(accepted))
    coverage = pa.table({"article_id": sorted(accepted)}).to_pandas()
    coverage["not_in_duplicates"] = problems(
        coverage["article_id"], coverage["article_id"].isin(set(frame["article_id"]))
    )
    _gate_and_publish(
        "dedup",
        suite,
        {"duplicates": frame, "articles": coverage},
        {"duplicates": (table, duplicates)},
        report,
        kept_report,
    )
    n_clusters = len(set(table.column("cluster_id").to_pylist()))
    log.info("%d articles in %d clusters", table.num_rows, n_clusters)


# --- events --------------------------------------------------------------------------------------


def _by_article(table: pa.Table) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in table.to_pylist():
        grouped[row.pop("article_id")].append(row)
    return grouped


def event_mentions_shard(docs: str, mentions: str, timexes: str, event_mentions: str) -> None:
    from newsline.nlp import read_docs

    mentions_of = _by_article(pq.read_table(mentions, schema=tables.LOCAL_MENTIONS.schema))
    timexes_of = _by_article(pq.read_table(timexes, schema=tables.TIMEXES.schema))
    rows = []
    for article_id, doc in read_docs(docs):
        article_mentions_ = [Mention(**m) for m in mentions_of.get(article_id, [])]
        article_timexes = [
            Timex(**{k: v for k, v in t.items() if k != "resolved"})
            for t in timexes_of.get(article_id, [])
        ]
        for event in article_event_mentions(article_id, doc, article_mentions_, article_timexes):
            rows.append(event.__dict__)
    tables.write_rows(rows, tables.EVENT_MENTIONS, event_mentions)
    log.info("found %d event mentions", len(rows))


def events_table(
    shard_event_mentions: Sequence[str],
    mentions: str,
    duplicates: str,
    suite: str,
    events: str,
    report: str,
    kept_report: str,
) -> None:
    entity_at = {
        (r["article_id"], r["start_char"]): r["entity_id"]
        for r in pq.read_table(
            mentions, columns=["article_id", "start_char", "entity_id"]
        ).to_pylist()
    }
    resolved = []
    for row in tables.read_tables(shard_event_mentions, tables.EVENT_MENTIONS).to_pylist():
        participants = tuple(
            sorted({entity_at[(row["article_id"], s)] for s in row["participant_starts"]})
        )
        if len(participants) < 2:
            continue
        location = entity_at.get((row["article_id"], row["location_start"]))
        resolved.append(
            ResolvedMention(
                article_id=row["article_id"],
                sentence_index=row["sentence_index"],
                event_type=row["event_type"],
                participants=participants,
                location=location,
                location_priority=row["location_priority"],
                date_value=row["date_value"],
                date_start=row["date_start"],
                date_end=row["date_end"],
                evidence=row["evidence"],
            )
        )
    clusters = {
        r["article_id"]: r["cluster_id"]
        for r in pq.read_table(duplicates, columns=["article_id", "cluster_id"]).to_pylist()
    }
    table = tables.to_table(
        [e.__dict__ for e in cluster_mentions(resolved, clusters)], tables.EVENTS
    )
    frame = table.to_pandas()
    frame["too_few_participants"] = problems(frame["event_id"], frame["participants"].map(len) >= 2)
    frame["more_sources_than_articles"] = problems(
        frame["event_id"], frame["n_sources"] <= frame["article_ids"].map(len)
    )
    _gate_and_publish(
        "events", suite, {"events": frame}, {"events": (table, events)}, report, kept_report
    )


# --- aggregates ----------------------------------------------------------------------------------

COOCCURRENCE_SQL = """
WITH article_entities AS (SELECT DISTINCT article_id, entity_id FROM read_parquet($mentions)),
     sentence_entities AS (
        SELECT DISTINCT article_id, sentence_index, entity_id FROM read_parquet($mentions)),
     by_article AS (
        SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, count(*) AS n_articles
        FROM article_entities a JOIN article_entities b
          ON a.article_id = b.article_id AND a.entity_id < b.entity_id
        GROUP BY ALL),
     by_sentence AS (
        SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, count(*) AS n_sentences
        FROM sentence_entities a JOIN sentence_entities b
          ON a.article_id = b.article_id AND a.sentence_index = b.sentence_index
         AND a.entity_id < b.entity_id
        GROUP BY ALL)
SELECT entity_a, entity_b, n_articles, coalesce(n_sentences, 0) AS n_sentences
FROM by_article LEFT JOIN by_sentence USING (entity_a, entity_b)
ORDER BY entity_a, entity_b
"""
DAILY_SQL = """
SELECT a.published_date AS date, m.entity_id,
       count(*) AS n_mentions, count(DISTINCT m.article_id) AS n_articles
FROM read_parquet($mentions) m JOIN read_parquet($articles) a USING (article_id)
WHERE a.published_date IS NOT NULL
GROUP BY ALL
ORDER BY date, entity_id
"""


def aggregate_tables(
    mentions: str,
    articles: str,
    suite: str,
    cooccurrence: str,
    daily: str,
    report: str,
    kept_report: str,
) -> None:
    with duckdb.connect() as connection:
        pair_table = connection.execute(COOCCURRENCE_SQL, {"mentions": mentions}).to_arrow_table()
        daily_table = connection.execute(
            DAILY_SQL, {"mentions": mentions, "articles": articles}
        ).to_arrow_table()
    pair_table = tables.to_table(pair_table, tables.ENTITY_COOCCURRENCE)
    daily_table = tables.to_table(daily_table, tables.ENTITY_DAILY)
    _gate_and_publish(
        "aggregate",
        suite,
        {"entity_cooccurrence": pair_table.to_pandas(), "entity_daily": daily_table.to_pandas()},
        {"entity_cooccurrence": (pair_table, cooccurrence), "entity_daily": (daily_table, daily)},
        report,
        kept_report,
    )
