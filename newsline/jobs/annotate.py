"""annotate_shard: the per-article work of a shard after cleaning, in the shard's job.

The one spaCy pass and everything read off it (temporal expressions, entity mentions, event
mentions), and the deduplication fingerprints (shingles and MinHash). Run by ``shard_tables``
after cleaning, one job per shard rather than one per stage and shard: every job pays a Python
start and imports, and the parse is read once, in memory. The stages stay separate where they
are judged: ``corpus_tables`` validates each stage's tables with its own suite.

What the job derives is cached per article (``results/cache``, see newsline.cache): the rows
read off its parse by a key of its text, date, language, parse and newsline's code; its parse by
its text and pipeline; its fingerprints by its text. A shard rebuilt for one new article parses
and reads that article only, and loads no model when it has nothing to parse.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from spacy.tokens import Doc

from newsline import dedup, tables
from newsline.cache import code_fingerprint, content_key
from newsline.dating import reading_to_json
from newsline.entities import article_mentions
from newsline.events import article_event_mentions
from newsline.jobs.common import log
from newsline.language import GRAMMAR_LANGUAGE
from newsline.markup import as_parsed
from newsline.nlp import (
    Parsed,
    ToParse,
    annotated_docs,
    cached_keys,
    parse,
    parse_keys,
    read_cache,
    sentence_index_of,
    write_cache,
)
from newsline.timex.finding import extract_timexes

SIGNATURE_CACHE = pa.schema(
    [
        ("key", pa.string()),
        ("shingles", pa.list_(pa.uint32())),
        ("lead", pa.list_(pa.uint32())),
        ("hashvalues", pa.list_(pa.uint32())),
    ]
)


@contextmanager
def _timed(seconds: dict[str, float], step: str) -> Iterator[None]:
    """Add the block's wall time to ``seconds[step]`` (the log's per-step timings)."""
    started = time.perf_counter()
    yield
    seconds[step] += time.perf_counter() - started


# What is read off an article's parse, by output: each cached with the article's reading key.
READINGS = {
    "timexes": tables.SHARD_TIMEXES,
    "mentions": tables.LOCAL_MENTIONS,
    "event_mentions": tables.EVENT_MENTIONS,
}
READING_KEY = "reading_key"
READ_ARTICLES_NAME = "read"
# The schema metadata key that marks a reading cache's files as written together.
WRITE = b"newsline_write"
# The articles a shard's reading cache holds (an article may have no rows). One whose parse or
# reading failed is not among them: it is tried again on the next run of its shard.
READ_ARTICLES = pa.schema([(READING_KEY, pa.string()), ("article_id", pa.string())])


@dataclass(frozen=True)
class ShardArticles:
    """A shard's cleaned articles as the annotation reads them."""

    ids: list[str]
    about: dict[str, tuple[str, dt.date | None, str]]  # text, publication date, language
    to_parse: dict[str, ToParse]  # those in a language a pipeline is given for
    parse_keys: dict[str, str]

    @classmethod
    def of(cls, table: pa.Table, pipelines: dict[str, str]) -> ShardArticles:
        names = ["article_id", "text", "published_date", "language"]
        ids, *about_columns = (table.column(name).to_pylist() for name in names)
        about = dict(zip(ids, zip(*about_columns, strict=True), strict=True))
        to_parse = {
            a: ToParse(a, as_parsed(text), pipelines[language])
            for a, (text, _, language) in about.items()
            if language in pipelines
        }
        keys = dict(zip(to_parse, parse_keys(list(to_parse.values())), strict=True))
        return cls(ids, about, to_parse, keys)

    def reading_keys(self) -> dict[str, str]:
        """Each article's reading key: what its rows depend on."""
        code = code_fingerprint()
        return {
            a: content_key(code, a, text, published, language, self.parse_keys.get(a, ""))
            for a, (text, published, language) in self.about.items()
        }


def annotate_shard(
    *,
    articles: str,
    pipelines: dict[str, str],
    batch_size: int,
    shingle_size: int,
    num_perm: int,
    parse_cache: str,
    reading_cache: str,
    signature_cache: str,
    timexes: str,
    mentions: str,
    event_mentions: str,
    signatures: str,
    failures: str,
) -> None:
    """``pipelines`` maps a language (ISO 639-1) to the spaCy pipeline that parses its
    articles; an article in any other language is kept (and signed for deduplication) but not
    parsed. An article whose parse or reading fails is written to ``failures`` and to no other
    output, so the rest of the shard stands (see ``failures_as_rejections``). Only articles
    the reading cache lacks are parsed (or taken from the parse cache) and read."""
    table = pq.read_table(
        articles, columns=["article_id", "published_date", "language", "n_chars_clean", "text"]
    )
    shard = ShardArticles.of(table, pipelines)
    keys = shard.reading_keys()
    cached = _read_readings(reading_cache, set(keys.values()))
    known = set(cached[READ_ARTICLES_NAME].column(READING_KEY).to_pylist())
    todo = [a for a in shard.ids if keys[a] not in known]
    log.info("%d of %d articles read before; reading %d", len(shard.ids) - len(todo),
             len(shard.ids), len(todo))  # fmt: skip
    unparsed = Counter(lang for a in todo if (lang := shard.about[a][2]) not in pipelines)
    if unparsed:
        log.info("not parsed, no pipeline for their language (spacy.models_by_language): %s",
                 ", ".join(f"{n} in {lang}" for lang, n in sorted(unparsed.items())))  # fmt: skip

    seconds: dict[str, float] = defaultdict(float)
    fresh, failed = _read_articles(shard, todo, batch_size, parse_cache, seconds)
    readings = _merged_readings(cached, fresh, failed, keys, todo)
    _write_readings(readings, reading_cache)
    outputs = {"timexes": timexes, "mentions": mentions, "event_mentions": event_mentions}
    for name, spec in READINGS.items():
        tables.write_rows(readings[name], spec, outputs[name])
    failed_rows = [{"article_id": a, "error": e} for a, e in failed.items()]
    tables.write_rows(failed_rows, tables.ANNOTATION_FAILURES, failures)

    with _timed(seconds, "signatures"):
        failed_ids = pa.array(list(failed), pa.string())
        table = table.filter(pc.invert(pc.is_in(table.column("article_id"), failed_ids)))
        _write_signatures(table, (shingle_size, num_perm), signature_cache, signatures)

    log.info(
        "articles: %d; temporal expressions: %d; entity mentions: %d; event mentions: %d",
        len(shard.ids), *(readings[name].num_rows for name in READINGS),
    )  # fmt: skip
    if failed:
        listed = "; ".join(f"{a}: {e}" for a, e in sorted(failed.items()))
        log.warning(
            "%d articles failed and are rejected (annotation_failed): %s", len(failed), listed
        )
    log.info("seconds: %s", ", ".join(f"{stage} {s:.2f}" for stage, s in seconds.items()))


def _read_articles(
    shard: ShardArticles,
    todo: list[str],
    batch_size: int,
    parse_cache: str,
    seconds: dict[str, float],
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Parse (or take from the parse cache) and read the articles ``todo``: their rows by
    output, and the articles that failed, with the error. The parse cache is then kept with
    exactly the shard's current articles."""
    with _timed(seconds, "parse"):
        to_parse = [shard.to_parse[a] for a in todo if a in shard.to_parse]
        wanted = {shard.parse_keys[a.article_id] for a in to_parse}
        result = parse(to_parse, batch_size, read_cache(parse_cache, wanted))
        _keep_parses(parse_cache, set(shard.parse_keys.values()), result)
    failed = {article_id: f"parsing: {error}" for article_id, error in result.failures.items()}
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article_id, doc in annotated_docs(result.docs):
        try:
            found = _read_article(article_id, doc, shard.about[article_id], seconds)
        except Exception as error:  # a bug on one article must not cost the shard
            log.exception("reading the parse of %s failed; it is rejected", article_id)
            failed[article_id] = f"reading the parse: {type(error).__name__}: {error}"
            continue
        for name, found_rows in found.items():
            rows[name] += found_rows
    return rows, failed


def _keep_parses(path: str, current: set[str], result: Parsed) -> None:
    """Rewrite the parse cache with the parses of ``current`` (the shard's parse keys): those
    it holds and those just made; untouched when it holds exactly these already."""
    if cached_keys(path) == current:
        return
    new = {result.keys[a]: data for a, data in result.docs.items()}
    kept = read_cache(path, current - new.keys())
    write_cache({k: v for k, v in (kept | new).items() if k in current}, path)


def _read_readings(prefix: str, keys: set[str]) -> dict[str, pa.Table]:
    """The cached rows of the articles whose reading keys are ``keys``, by output (and the
    articles read, ``READ_ARTICLES_NAME``); empty tables when the cache is missing, unreadable,
    of another layout or not of one write (a cache costs time, never a result)."""
    schemas = _reading_schemas()
    try:
        wanted = pa.array(sorted(keys), pa.string())
        found = {name: pq.read_table(f"{prefix}.{name}.parquet") for name in schemas}
        if len({t.schema.metadata[WRITE] for t in found.values()}) != 1:
            raise ValueError("its files are of different writes")
        return {
            name: table.cast(schemas[name]).filter(pc.is_in(table.column(READING_KEY), wanted))
            for name, table in found.items()
        }
    except FileNotFoundError:
        pass
    except Exception as error:  # any damage: a cache is never worth failing a build for
        log.warning("ignoring the unreadable reading cache %s.* (%s)", prefix, error)
    return {name: schema.empty_table() for name, schema in schemas.items()}


def _reading_schemas() -> dict[str, pa.Schema]:
    return {READ_ARTICLES_NAME: READ_ARTICLES} | {
        name: spec.schema.append(pa.field(READING_KEY, pa.string()))
        for name, spec in READINGS.items()
    }


def _merged_readings(
    cached: dict[str, pa.Table],
    fresh: dict[str, list[dict[str, Any]]],
    failed: dict[str, str],
    keys: dict[str, str],
    todo: list[str],
) -> dict[str, pa.Table]:
    """The shard's readings: the cached ones and those just made, each row with its article's
    reading key, by output. The articles that failed are not among those read: the next run of
    the shard tries them again."""
    schemas = _reading_schemas()
    read = [{READING_KEY: keys[a], "article_id": a} for a in todo if a not in failed]
    merged = {READ_ARTICLES_NAME: pa.concat_tables(
        [cached[READ_ARTICLES_NAME], pa.Table.from_pylist(read, schema=READ_ARTICLES)]
    )}  # fmt: skip
    for name in READINGS:
        rows = [{**row, READING_KEY: keys[row["article_id"]]} for row in fresh.get(name, [])]
        merged[name] = pa.concat_tables(
            [cached[name], pa.Table.from_pylist(rows, schema=schemas[name])]
        )
    return merged


def _write_readings(readings: dict[str, pa.Table], prefix: str) -> None:
    """Write a shard's reading cache, its files marked as of one write (an interrupted write
    leaves files of two, which ``_read_readings`` ignores)."""
    marked = {WRITE: uuid.uuid4().hex}
    for name, table in readings.items():
        tables.write_table(table.replace_schema_metadata(marked), f"{prefix}.{name}.parquet")


def _write_signatures(
    table: pa.Table, shingles_and_perms: tuple[int, int], signature_cache: str, signatures: str
) -> None:
    """The MinHash signatures of the shard's articles, computed for those the cache lacks."""
    shingle_size, num_perm = shingles_and_perms
    known = _read_signature_cache(signature_cache)
    keyed = dedup.fingerprints(table.column("text").to_pylist(), shingle_size, num_perm, known)
    columns = dedup.fingerprint_columns([found for _, found in keyed])
    tables.write_table(
        pa.table({"key": [k for k, _ in keyed], **columns}, schema=SIGNATURE_CACHE),
        signature_cache,
    )
    signed = table.drop_columns(["text", "language"])
    for name, values in columns.items():
        signed = signed.append_column(name, values)
    tables.write_rows(signed, tables.SIGNATURES, signatures)


def _read_article(
    article_id: str,
    doc: Doc,
    about: tuple[str, dt.date | None, str],
    seconds: dict[str, float],
) -> dict[str, list[dict[str, Any]]]:
    """The rows an article's parse yields: its entity mentions and, for an article in the
    language newsline's date and event grammars are written for, its temporal expressions and
    event mentions. ``doc`` is the parse of ``text`` as the parser reads it
    (``markup.as_parsed``: wire markup hidden, same offsets); ``about`` is its text, which gives
    the mentions their tickers, its publication date and its language."""
    text, published, language = about
    in_grammar_language = language == GRAMMAR_LANGUAGE
    found_timexes = []
    with _timed(seconds, "dates"):
        if in_grammar_language:
            found_timexes = extract_timexes(doc, published)
    with _timed(seconds, "entities"):
        found_mentions = article_mentions(doc, sentence_index_of(doc), text)
    found_events = []
    with _timed(seconds, "events"):
        if in_grammar_language:
            found_events = article_event_mentions(
                article_id, doc, found_mentions, found_timexes, published
            )
    return {
        "timexes": [
            {
                "article_id": article_id,
                **t.__dict__,
                "text": text[t.start_char : t.end_char],  # as written, not as parsed
                "resolved": t.resolved,
                "reading": reading_to_json(t.reading),
            }
            for t in found_timexes
        ],
        "mentions": [{"article_id": article_id, **m.__dict__} for m in found_mentions],
        "event_mentions": [e.__dict__ for e in found_events],
    }


def _read_signature_cache(path: str) -> dict[str, dedup.Fingerprint]:
    """Cached fingerprints by key; none when the cache is missing, unreadable or of an older
    layout (they are then computed again: a cache costs time, never a result)."""
    if not Path(path).is_file():
        return {}
    try:
        table = pq.read_table(path, schema=SIGNATURE_CACHE)
        found = dedup.fingerprints_of(table)
    except Exception as error:  # any damage: a cache is never worth failing a build for
        log.warning("ignoring the unreadable fingerprint cache %s (%s)", path, error)
        return {}
    return dict(zip(table.column("key").to_pylist(), found, strict=True))
