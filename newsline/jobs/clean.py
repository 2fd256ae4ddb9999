"""Jobs of the cleaning stage: clean_shard per shard (run by shard_tables), articles_table over
the corpus."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsline import parts, tables
from newsline.cache import code_fingerprint, content_key
from newsline.clean import Cleaned, clean_text
from newsline.datenames import date_in_name, date_in_url
from newsline.ingest import (
    Rejection,
    Source,
    content_sha256,
    listed_sources,
    merged_listing,
)
from newsline.jobs.common import (
    PartTable,
    ValidationPaths,
    articles_exist,
    gate_and_publish,
    last_validation_holds,
    log,
    problems,
    shard_name,
    unique_keys,
)
from newsline.language import LanguageDetector
from newsline.records import Record, expected_outcomes, parse_date, read_metadata, read_source
from newsline.web import Extraction, SkippedRecord, registered_domain

if TYPE_CHECKING:
    import pandas as pd


def _article_row(
    record: Record, source_path: str, metadata: dict[str, str], detector: LanguageDetector
) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    """The article row of a record and the lines cleaning removed from it. What the input says
    of itself (metadata.csv, then a batch line's fields or a page's markup) wins over what
    cleaning reads."""
    cleaned = clean_text(record.text, record.title if record.from_markup else None)
    if not cleaned.text:
        raise Rejection(
            "no_text_after_cleaning",
            "Nothing is left once page chrome is removed; see the boilerplate rules.",
        )
    published, published_source = publication_date(record, metadata, cleaned)
    detected = detector.detect(cleaned.text)
    row = {
        "article_id": record.article_id,
        "source_path": source_path,
        "source_line": record.line,
        "content_sha256": record.sha256 or content_sha256(record.text.encode()),
        "title": metadata.get("title") or record.title or cleaned.title,
        "byline": record.byline or cleaned.byline,
        "published_date": published,
        "published_date_source": published_source,
        "dateline_day": cleaned.dateline_day,
        "language": detected.language,
        "language_confidence": detected.confidence,
        "text": cleaned.text,
        "n_chars_raw": record.raw_chars or len(record.text),
        "n_chars_clean": len(cleaned.text),
        "url": metadata.get("url") or record.url,
        # The outlet: as given, else the registered domain of the article's URL.
        "source": metadata.get("source")
        or record.source
        or registered_domain(metadata.get("url") or record.url),
        "encoding": record.encoding,
        "encoding_confidence": record.encoding_confidence,
        "mojibake_repairs": record.mojibake_repairs,
    }
    return row, cleaned.removed


def publication_date(
    record: Record, metadata: dict[str, str], cleaned: Cleaned
) -> tuple[dt.date | None, str]:
    """The date an article is given and where it comes from, the first of: metadata.csv, what
    the input says of itself (a batch line's field, a page's markup, a crawl's capture), the
    text's own header or dateline, the input's file name (``filename``), its URL's path
    (``url``); else none, and the clean stage of ``corpus_tables`` may infer one."""
    if date := parse_date(metadata.get("published_date")):
        return date, "metadata"
    if record.published_date:
        return record.published_date, record.published_date_source
    if cleaned.published_date:
        return cleaned.published_date, cleaned.published_date_source
    if date := date_in_name(record.article_id):
        return date, "filename"
    if date := date_in_url(metadata.get("url") or record.url):
        return date, "url"
    return None, "none"


def _cleaned_row(
    record: Record, source_path: str, metadata: dict[str, str], detector: LanguageDetector
) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    """``_article_row``, with a failure (a newsline bug) as the record's rejection: it never
    costs the rest of the shard."""
    try:
        return _article_row(record, source_path, metadata, detector)
    except Rejection:
        raise
    except Exception as error:
        log.exception("cleaning %s failed", record.article_id)
        raise Rejection(
            "cleaning_failed",
            f"Cleaning article {record.article_id!r} failed ({type(error).__name__}: {error}); "
            "this is a newsline bug: please report it with its shard's log "
            "(results/logs/shard_tables).",
            line=record.line,
        ) from error


@dataclass(frozen=True)
class Outcome:
    """What cleaning made of one unit of an input file (the file, a batch line, an archive
    record): a record (``article_id``) cleaned into an article ``row`` and its removed lines, or
    rejected (``rejection``: reason, detail); a unit rejected before it was a record; or an
    archive record skipped (``skipped``: its row)."""

    line: int | None
    article_id: str | None = None
    row: dict[str, Any] | None = None
    removed: tuple[tuple[int, str, str], ...] = ()
    rejection: tuple[str, str] | None = None
    skipped: dict[str, Any] | None = None


def source_outcomes(
    source: Source,
    metadata: dict[str, dict[str, str]],
    max_bytes: int,
    extraction: dict[str, Any],
    detector: LanguageDetector,
) -> list[Outcome]:
    """Read, decode and clean one input file, unit by unit (see ``clean_shard``)."""
    outcomes = []
    declared = metadata.get(source.key, {}).get("encoding")
    for item in read_source(source, max_bytes, declared, Extraction(**extraction)):
        if isinstance(item, SkippedRecord):
            skipped = {"source_path": source.path, "record": item.number,
                       "record_type": item.record_type, "content_type": item.content_type,
                       "reason": item.reason}  # fmt: skip
            outcomes.append(Outcome(None, skipped=skipped))
        elif isinstance(item, Rejection):
            outcomes.append(Outcome(item.line, rejection=(item.reason, item.detail)))
        else:
            try:
                row, removed = _cleaned_row(
                    item, source.path, metadata.get(item.article_id, {}), detector
                )
                outcomes.append(Outcome(item.line, item.article_id, row, tuple(removed)))
            except Rejection as rejection:
                reason = (rejection.reason, rejection.detail)
                outcomes.append(Outcome(item.line, item.article_id, rejection=reason))
    return outcomes


def _source_key(source: Source, metadata: dict[str, dict[str, str]], settings: str) -> str | None:
    """What cleaning an input file depends on: its bytes, the metadata.csv rows of its
    articles, the cleaning settings and newsline's code; None for a file that cannot be read
    (it is never cached: reading it says why)."""
    own = {
        a: row for a, row in metadata.items() if a == source.key or a.startswith(f"{source.key}#")
    }
    try:
        content = hashlib.sha256(Path(source.path).read_bytes()).hexdigest()
    except OSError:
        return None
    return content_key(
        code_fingerprint(), json.dumps(source.__dict__, sort_keys=True), content,
        json.dumps(own, sort_keys=True), settings,
    )  # fmt: skip


# The cleaning cache: each input's outcomes in order, by the input's key (``_source_key``).
CLEAN_CACHE = pa.schema(
    [
        ("source_key", pa.string()),
        ("line", pa.int32()),
        ("article_id", pa.string()),
        ("row", pa.struct(list(tables.ARTICLES.schema))),
        ("removed", pa.list_(pa.struct(
            [pa.field("line_no", pa.int32()), pa.field("text", pa.string()),
             pa.field("reason", pa.string())]
        ))),
        ("rejection", pa.struct([("reason", pa.string()), ("detail", pa.string())])),
        ("skipped", pa.struct(list(tables.SKIPPED_RECORDS.schema))),
    ]
)  # fmt: skip


def read_clean_cache(path: str, keys: set[str]) -> dict[str, list[Outcome]]:
    """The cached outcomes of the inputs whose keys are ``keys``; none when the cache is
    missing, unreadable or of another layout (a cache costs time, never a result)."""
    try:
        table = pq.read_table(path, schema=CLEAN_CACHE)
    except FileNotFoundError:
        return {}
    except Exception as error:  # any damage: a cache is never worth failing a build for
        log.warning("ignoring the unreadable cleaning cache %s (%s)", path, error)
        return {}
    wanted = table.filter(pc.is_in(table.column("source_key"), pa.array(sorted(keys), pa.string())))
    found: dict[str, list[Outcome]] = defaultdict(list)
    for row in wanted.to_pylist():
        rejection = row["rejection"]
        found[row["source_key"]].append(
            Outcome(
                row["line"],
                row["article_id"],
                row["row"],
                tuple((r["line_no"], r["text"], r["reason"]) for r in row["removed"] or []),
                (rejection["reason"], rejection["detail"]) if rejection else None,
                row["skipped"],
            )
        )
    return found


def write_clean_cache(outcomes: dict[str, list[Outcome]], path: str) -> None:
    rows = [
        {
            "source_key": key,
            "line": o.line,
            "article_id": o.article_id,
            "row": o.row,
            "removed": [{"line_no": n, "text": t, "reason": r} for n, t, r in o.removed],
            "rejection": {"reason": o.rejection[0], "detail": o.rejection[1]}
            if o.rejection
            else None,
            "skipped": o.skipped,
        }
        for key, found in outcomes.items()
        for o in found
    ]
    tables.write_table(pa.Table.from_pylist(rows, schema=CLEAN_CACHE), path)


@dataclass
class ShardRows:
    """The rows of a shard's cleaning outputs, collected input by input."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    boilerplate: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    # Where each article id was first found: an id found again is a duplicate.
    first_place_of: dict[str, str] = field(default_factory=dict)

    def add(self, source: Source, outcome: Outcome) -> None:
        if outcome.skipped is not None:
            self.skipped.append(outcome.skipped)
            return
        rejection = outcome.rejection
        if (taken := self.first_place_of.get(outcome.article_id or "")) is not None:
            detail = (
                f"Article id {outcome.article_id!r} is already taken by {taken}; "
                "rename one of them."
            )
            rejection = ("duplicate_article_id", detail)
        if rejection is not None:
            reason, detail = rejection
            self.rejected.append({"source_path": source.path, "line": outcome.line,
                                  "reason": reason, "detail": detail})  # fmt: skip
            where = source.path + (f":{outcome.line}" if outcome.line else "")
            log.warning("rejected %s: %s", where, detail)
            return
        assert outcome.article_id is not None and outcome.row is not None
        place = source.path + (f" {_unit(source)} {outcome.line}" if outcome.line else "")
        self.first_place_of[outcome.article_id] = place
        self.articles.append(outcome.row)
        self.boilerplate.extend(
            {"article_id": outcome.article_id, "line_no": n, "text": text, "reason": reason}
            for n, text, reason in outcome.removed
        )


def clean_shard(
    sources: Mapping[str, Sequence[str]],
    metadata: dict[str, dict[str, str]],
    max_bytes: int,
    extraction: dict[str, Any],
    corpus_language: str,
    clean_cache: str,
    language_model_cache: str | None,
    articles: str,
    boilerplate: str,
    rejected: str,
    skipped: str,
) -> None:
    """Read, decode and clean the shard's input files (``sources``, an
    ``ingest.source_listing``); every file (every batch line, every page of an archive) ends in
    ``articles`` or ``rejected``, and an archive's other records in ``skipped``. ``metadata``
    maps article ids to metadata.csv overrides; ``extraction`` is the config's ``extraction``
    section; ``corpus_language`` is the configured model's language, an article's where the
    language detector is unsure (whose model is kept uncompressed in the folder
    ``language_model_cache``, when given). An input the cleaning cache (``clean_cache``) holds
    by its key is not read again; the cache is rewritten with exactly the shard's inputs."""
    settings = json.dumps([max_bytes, extraction, corpus_language], sort_keys=True)
    inputs = listed_sources(sources)
    keys = {s.path: _source_key(s, metadata, settings) for s in inputs}
    cached = read_clean_cache(clean_cache, {k for k in keys.values() if k is not None})
    detector = LanguageDetector(corpus_language, language_model_cache)
    kept: dict[str, list[Outcome]] = {}
    rows = ShardRows()
    for source in inputs:
        key = keys[source.path]
        found = (key is not None and cached.get(key)) or source_outcomes(
            source, metadata, max_bytes, extraction, detector
        )
        if key is not None:
            kept[key] = found
        for outcome in found:
            rows.add(source, outcome)
    write_clean_cache(kept, clean_cache)
    tables.write_rows(rows.articles, tables.ARTICLES, articles)
    tables.write_rows(rows.boilerplate, tables.BOILERPLATE, boilerplate)
    tables.write_rows(rows.rejected, tables.REJECTED, rejected)
    tables.write_rows(rows.skipped, tables.SKIPPED_RECORDS, skipped)
    log.info(
        "cleaned %d files (%d of them taken from the cache): %d articles, %d rejected, "
        "%d archive records skipped",
        len(inputs), len(kept.keys() & cached.keys()), len(rows.articles), len(rows.rejected),
        len(rows.skipped),
    )  # fmt: skip


def _unit(source: Source) -> str:
    return "record" if source.kind == "warc" else "line"


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


def failures_as_rejections(
    failures: pa.Table, articles: pa.Table, shard: str
) -> list[dict[str, Any]]:
    """The ``rejected`` rows of a shard's articles whose annotation failed: where each came
    from, and the error, with where to find its traceback."""
    place = {
        a: (p, line)
        for a, p, line in zip(
            articles.column("article_id").to_pylist(),
            articles.column("source_path").to_pylist(),
            articles.column("source_line").to_pylist(),
            strict=True,
        )
    }
    return [
        {
            "source_path": place[article_id][0],
            "line": place[article_id][1],
            "reason": "annotation_failed",
            "detail": f"Annotating article {article_id!r} failed ({error}); this is a newsline "
            f"bug: please report it with results/logs/shard_tables/{shard}.log.",
        }
        for article_id, error in zip(
            failures.column("article_id").to_pylist(),
            failures.column("error").to_pylist(),
            strict=True,
        )
    ]


def inputs_accounted_for(
    article_table: pa.Table,
    rejected_table: pa.Table,
    sources: Sequence[Source],
    unread: dict[str, tuple[str, str]],
    max_bytes: int,
) -> Any:
    """Every input file (and batch line) with how many rows of ``articles`` and ``rejected`` it
    has, as the clean suite's ``inputs`` frame: each must have exactly one. ``sources`` are the
    inputs the shards were given, ``unread`` those no shard reads."""
    outcomes: dict[tuple[str, int | None], int] = defaultdict(int)
    for path, line in zip(
        article_table.column("source_path").to_pylist()
        + rejected_table.column("source_path").to_pylist(),
        article_table.column("source_line").to_pylist() + rejected_table.column("line").to_pylist(),
        strict=True,
    ):
        outcomes[(path, line)] += 1
    expected = [unit for s in sources for unit in expected_outcomes(s, max_bytes)]
    expected += [(path, None) for path in unread]
    inputs = pa.table(
        {
            "source": [f"{p}:{n}" if n else p for p, n in expected],
            "outcomes": [outcomes.get(unit, 0) for unit in expected],
        }
    ).to_pandas()
    inputs["not_in_exactly_one_table"] = problems(inputs["source"], inputs["outcomes"] == 1)
    return inputs


def dated_within(articles: pa.Table) -> list[bool]:
    """Whether each article's date lies in its interval, a given date being its own interval."""
    columns = [
        "published_date",
        "published_date_source",
        "published_date_min",
        "published_date_max",
    ]
    found = []
    for date, source, low, high in zip(
        *(articles.column(c).to_pylist() for c in columns), strict=True
    ):
        if source not in ("inferred", "none"):
            found.append(low == date == high)
        else:
            found.append(
                date is None or ((low is None or low <= date) and (high is None or date <= high))
            )
    return found


def with_dates(articles: pa.Table, dates: pa.Table) -> pa.Table:
    """The articles with their publication date columns as ``dates`` gives them."""
    by_id = {r["article_id"]: r for r in dates.select(list(tables.DATE_COLUMNS)).to_pylist()}
    rows = articles.to_pylist()
    for row in rows:
        row.update(by_id.get(row["article_id"], {}))
    return tables.to_table(rows, tables.ARTICLES)


def _without_failed_annotations(
    article_table: pa.Table, boilerplate_table: pa.Table, shard_failures: Sequence[str]
) -> tuple[pa.Table, pa.Table, dict[str, list[dict[str, Any]]]]:
    """The articles and boilerplate without the articles whose annotation failed, and those
    articles as rejected rows by shard (each logged)."""
    failed = tables.read_tables(shard_failures, tables.ANNOTATION_FAILURES).column("article_id")
    annotation_failed = {
        shard_name(path): failures_as_rejections(
            pq.read_table(path, schema=tables.ANNOTATION_FAILURES.schema),
            article_table,
            shard_name(path),
        )
        for path in shard_failures
    }
    for failure in (f for rows in annotation_failed.values() for f in rows):
        log.warning("rejected %s: %s", failure["source_path"], failure["detail"])
    return (
        article_table.filter(pc.invert(pc.is_in(article_table["article_id"], failed))),
        boilerplate_table.filter(pc.invert(pc.is_in(boilerplate_table["article_id"], failed))),
        annotation_failed,
    )


def _shards_sources(shard_sources: Sequence[str]) -> list[Source]:
    """Every input the shards were given, from their listings (``tables.SOURCES``)."""
    rows = tables.read_tables(shard_sources, tables.SOURCES).to_pylist()
    return listed_sources(merged_listing(rows))


def _articles_by_root(article_table: pa.Table, sources: Sequence[Source]) -> dict[str, set[str]]:
    """The article ids of each input folder, for checking metadata.csv's rows."""
    root_of = {s.path: s.root for s in sources}
    known: dict[str, set[str]] = defaultdict(set)
    for article_id, path in zip(
        article_table.column("article_id").to_pylist(),
        article_table.column("source_path").to_pylist(),
        strict=True,
    ):
        known[root_of.get(path, "")].add(article_id)
    return known


def _rejected_parts(
    shard_rejected: Sequence[str],
    annotation_failed: dict[str, list[dict[str, Any]]],
    unread: dict[str, tuple[str, str]],
    metadata_rows: list[dict[str, Any]],
) -> dict[str, pa.Table]:
    """The rejected table's parts: each shard's, with its failed annotations, and one for the
    inputs no shard reads and metadata.csv's problems."""
    rejected_parts = {
        shard_name(path): tables.to_table(
            pq.read_table(path, schema=tables.REJECTED.schema).to_pylist()
            + annotation_failed.get(shard_name(path), []),
            tables.REJECTED,
        )
        for path in shard_rejected
    }
    unusable = [
        {"source_path": path, "line": None, "reason": reason, "detail": detail}
        for path, (reason, detail) in unread.items()
    ]
    rejected_parts[parts.INPUTS_PART] = tables.to_table(unusable + metadata_rows, tables.REJECTED)
    return rejected_parts


def _checked_articles(changed_articles: pa.Table) -> pd.DataFrame:
    """The changed articles with the checks made outside Great Expectations as columns."""
    frame = changed_articles.to_pandas()
    frame["n_chars_clean_mismatch"] = problems(
        frame["article_id"], frame["text"].str.len() == frame["n_chars_clean"]
    )
    frame["not_dated_within_interval"] = problems(
        frame["article_id"], dated_within(changed_articles)
    )
    frame["inferred_without_evidence"] = problems(
        frame["article_id"],
        (frame["published_date_source"] != "inferred")
        | (frame["published_date_evidence"].map(len) > 0),
    )
    return frame


def _part_tables(
    by_article: Mapping[str, pa.Table],
    shard_articles: Sequence[str],
    rejected_parts: dict[str, pa.Table],
    paths: Mapping[str, str],
    trusted: bool,
) -> dict[str, PartTable]:
    """The stage's three part tables: articles and boilerplate one part per shard of their
    articles, rejected in the parts ``_rejected_parts`` made."""
    specs = {"articles": tables.ARTICLES, "boilerplate": tables.BOILERPLATE}
    published = {
        name: PartTable.by_shard(table, shard_articles, specs[name], paths[name], trusted)
        for name, table in by_article.items()
    }
    return published | {"rejected": PartTable.of(rejected_parts, paths["rejected"], trusted)}


def articles_table(
    shard_sources: Sequence[str],
    unread: dict[str, tuple[str, str]],
    metadata: dict[str, str],
    max_bytes: int,
    shard_articles: Sequence[str],
    shard_boilerplate: Sequence[str],
    shard_rejected: Sequence[str],
    shard_skipped: Sequence[str],
    shard_failures: Sequence[str],
    shard_timexes: Sequence[str],
    shard_event_mentions: Sequence[str],
    shard_mentions: Sequence[str],
    dating: Mapping[str, int],
    article_dates: str,
    suite: str,
    articles: str,
    boilerplate: str,
    rejected: str,
    skipped: str,
    validation: ValidationPaths,
) -> None:
    """Merge the shards' cleaning outputs into the contract tables (and the archives' skipped
    records), gated by the clean suite. ``shard_sources`` are the shards' listings of the inputs
    each was given (``tables.SOURCES``); ``unread`` those no shard reads (path -> reason, detail),
    rejected here; ``metadata`` the metadata.csv files (path -> root). Articles whose
    annotation failed move from ``articles`` to ``rejected``; publication dates are settled
    first (``write_article_dates``, to ``article_dates`` for the dates stage). ``articles``,
    ``boilerplate`` and ``rejected`` are published one part per shard (newsline.parts); the
    suite validates the changed rows.
    """
    # Imported here, not at the top: the cleaning shards import this module and infer nothing.
    from newsline.jobs.dates import write_article_dates

    write_article_dates(
        shard_articles, shard_timexes, shard_event_mentions, shard_mentions, dating, article_dates
    )
    article_table, boilerplate_table, annotation_failed = _without_failed_annotations(
        tables.read_tables(shard_articles, tables.ARTICLES),
        tables.read_tables(shard_boilerplate, tables.BOILERPLATE),
        shard_failures,
    )
    article_table = with_dates(article_table, pq.read_table(article_dates))
    discovered = _shards_sources(shard_sources)
    metadata_rows = metadata_problems(metadata, _articles_by_root(article_table, discovered))
    rejected_parts = _rejected_parts(shard_rejected, annotation_failed, unread, metadata_rows)
    rejected_table = tables.to_table(pa.concat_tables(rejected_parts.values()), tables.REJECTED)
    published = _part_tables(
        {"articles": article_table, "boilerplate": boilerplate_table},
        shard_articles,
        rejected_parts,
        {"articles": articles, "boilerplate": boilerplate, "rejected": rejected},
        last_validation_holds(suite, validation),
    )
    inputs = inputs_accounted_for(article_table, rejected_table, discovered, unread, max_bytes)
    frame = _checked_articles(published["articles"].rows_to_check())
    all_ids = article_table["article_id"]
    gate_and_publish(
        "clean",
        suite,
        {
            "articles": frame,
            "boilerplate": published["boilerplate"].rows_to_check().to_pandas(),
            "rejected": published["rejected"].rows_to_check().to_pandas(),
            "inputs": inputs,
        },
        {
            "skipped_records": (
                tables.read_tables(shard_skipped, tables.SKIPPED_RECORDS),
                skipped,
            ),
        },
        validation,
        part_tables=published,
        cross_part_failures=[
            unique_keys("articles", article_table, tables.ARTICLES.key),
            unique_keys("boilerplate", boilerplate_table, tables.BOILERPLATE.key),
            articles_exist("boilerplate", boilerplate_table, all_ids),
        ],
    )
