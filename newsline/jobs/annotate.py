"""annotate_shard: the per-article work of a shard in one job.

The one spaCy pass and everything read off it (temporal expressions, entity mentions, event
mentions), and the deduplication fingerprints (shingles and MinHash). One job per shard rather
than one per stage and shard: every job pays a Python start and imports, and the parse is read
once, in memory. The stages stay separate where they are judged: each corpus-level table job
validates its own stage.

Parses and fingerprints are reused from the shard's caches (``results/cache``) by a key of the
text they came from, so a shard rebuilt for one new article parses that article only.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from spacy.tokens import Doc

from newsline import dedup, tables
from newsline.dating import reading_to_json
from newsline.entities import article_mentions
from newsline.events import article_event_mentions
from newsline.jobs.common import log
from newsline.language import GRAMMAR_LANGUAGE
from newsline.markup import as_parsed
from newsline.nlp import (
    ToParse,
    annotated_docs,
    parse,
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


def annotate_shard(
    *,
    articles: str,
    pipelines: dict[str, str],
    batch_size: int,
    shingle_size: int,
    num_perm: int,
    parse_cache: str,
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
    output, so the rest of the shard stands (see ``failures_as_rejections``)."""
    table = pq.read_table(
        articles, columns=["article_id", "published_date", "language", "n_chars_clean", "text"]
    )
    ids = table.column("article_id").to_pylist()
    texts = table.column("text").to_pylist()
    languages = table.column("language").to_pylist()
    # What reading an article's parse needs besides the parse: its text, date and language.
    dates = table.column("published_date").to_pylist()
    about = dict(zip(ids, zip(texts, dates, languages, strict=True), strict=True))
    seconds: dict[str, float] = defaultdict(float)
    unparsed = Counter(lang for lang in languages if lang not in pipelines)
    if unparsed:
        log.info("not parsed, no pipeline for their language (spacy.models_by_language): %s",
                 ", ".join(f"{n} in {lang}" for lang, n in sorted(unparsed.items())))  # fmt: skip

    with _timed(seconds, "parse"):
        to_parse = [
            ToParse(article_id, as_parsed(text), pipelines[language])
            for article_id, text, language in zip(ids, texts, languages, strict=True)
            if language in pipelines
        ]
        result = parse(to_parse, batch_size, read_cache(parse_cache))
        parsed = write_cache(result.docs, parse_cache)
    failed = {article_id: f"parsing: {error}" for article_id, error in result.failures.items()}

    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article_id, doc in annotated_docs(parsed):
        try:
            found = _read_article(article_id, doc, about[article_id], seconds)
        except Exception as error:  # a bug on one article must not cost the shard
            log.exception("reading the parse of %s failed; it is rejected", article_id)
            failed[article_id] = f"reading the parse: {type(error).__name__}: {error}"
            continue
        for name, found_rows in found.items():
            rows[name] += found_rows
    tables.write_rows(rows["timexes"], tables.SHARD_TIMEXES, timexes)
    tables.write_rows(rows["mentions"], tables.LOCAL_MENTIONS, mentions)
    tables.write_rows(rows["event_mentions"], tables.EVENT_MENTIONS, event_mentions)
    tables.write_rows(
        [{"article_id": a, "error": e} for a, e in failed.items()],
        tables.ANNOTATION_FAILURES,
        failures,
    )

    with _timed(seconds, "signatures"):
        failed_ids = pa.array(list(failed), pa.string())
        table = table.filter(pc.invert(pc.is_in(table.column("article_id"), failed_ids)))
        _write_signatures(table, (shingle_size, num_perm), signature_cache, signatures)

    log.info(
        "articles: %d; temporal expressions: %d; entity mentions: %d; event mentions: %d",
        len(ids), len(rows["timexes"]), len(rows["mentions"]), len(rows["event_mentions"]),
    )  # fmt: skip
    if failed:
        listed = "; ".join(f"{a}: {e}" for a, e in sorted(failed.items()))
        log.warning(
            "%d articles failed and are rejected (annotation_failed): %s", len(failed), listed
        )
    log.info("seconds: %s", ", ".join(f"{stage} {s:.2f}" for stage, s in seconds.items()))


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
