"""Article records from the input kinds, one reader each (``READERS``): plain ``.txt`` files,
``.jsonl`` batches (one article a line), web pages and web archives (``newsline.web``); and the
optional ``metadata.csv`` of an input folder that overrides what cleaning reads.

A batch line is ``{"id": ..., "text": ..., "title"?: ..., "published_date"?: "YYYY-MM-DD",
"url"?: ..., "source"?: ...}``; a bad line is rejected alone, with its line number.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsline.ingest import (
    METADATA_FILE,
    Decoded,
    Rejection,
    Source,
    batch_article_id,
    check_size,
    content_sha256,
    decode,
    parse_date,
    source_key,
)
from newsline.web import (
    ArchivedPage,
    Extraction,
    SkippedRecord,
    archive_entries,
    gunzipped,
    looks_like_html,
    page_charset,
    read_page,
)


@dataclass(frozen=True)
class Record:
    """One article as it came in, before cleaning. ``line`` is its line in a batch or its record
    number in a web archive (else None); the optional fields are what the input itself says (a
    batch line's, or a page's markup: then ``from_markup`` is true and ``text`` is the body the
    extractor found in ``raw_chars`` characters of page)."""

    article_id: str
    text: str
    line: int | None = None
    title: str | None = None
    byline: str | None = None
    published_date: dt.date | None = None
    # metadata (a batch line's field), markup (a page's own) or crawl (a web archive's capture)
    published_date_source: str = "metadata"
    url: str | None = None
    source: str | None = None
    from_markup: bool = False
    raw_chars: int | None = None
    encoding: str = "utf-8"
    # How sure the decoder was of ``encoding`` (None: read exactly), and the mojibake repairs
    # it made (None: none); see ``ingest.Decoded``.
    encoding_confidence: float | None = None
    mojibake_repairs: str | None = None
    sha256: str | None = None  # of the file's (or archive record's) bytes


def _optional_text(value: object, field: str, line: int) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Rejection("invalid_record", f"Line {line}: field {field!r} must be a string.")
    return value


def batch_records(text: str, key: str) -> Iterator[Record | Rejection]:
    """Each non-blank line of a batch as a record, or as the rejection of that line alone."""
    for line, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            yield _record(raw, key, line)
        except Rejection as rejection:
            rejection.line = line
            yield rejection


def _record(raw: str, key: str, line: int) -> Record:
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as error:
        raise Rejection(
            "invalid_json", f"Line {line} is not valid JSON ({error.msg} at column {error.colno})."
        ) from None
    if not isinstance(item, dict):
        raise Rejection("invalid_record", f"Line {line} is not a JSON object.")
    record_id = item.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)) or record_id == "":
        raise Rejection("invalid_record", f"Line {line} has no 'id' (a string or an integer).")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Rejection("invalid_record", f"Line {line} has no 'text' (a non-empty string).")
    date = item.get("published_date")
    published = parse_date(date)
    if date not in (None, "") and published is None:
        raise Rejection(
            "invalid_record", f"Line {line}: published_date {date!r} is not a YYYY-MM-DD date."
        )
    return Record(
        article_id=batch_article_id(key, str(record_id)),
        text=text,
        line=line,
        title=_optional_text(item.get("title"), "title", line),
        published_date=published,
        url=_optional_text(item.get("url"), "url", line),
        source=_optional_text(item.get("source"), "source", line),
    )


@dataclass(frozen=True)
class MetadataRow:
    line: int
    article_id: str
    published_date: dt.date | None
    fields: dict[str, str]  # title, url, source, encoding where given
    problem: str | None  # why the row cannot be used, if it cannot


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def metadata_rows(text: str) -> list[MetadataRow]:
    """The rows of a ``metadata.csv`` (columns ``article_id,published_date`` and optionally
    ``title,url,source,encoding``), each with the problem that makes it unusable, if any."""
    reader = csv.DictReader(io.StringIO(text))
    columns = set(reader.fieldnames or ())
    if not {"article_id", "published_date"} <= columns:
        raise ValueError(
            "metadata.csv needs the columns article_id and published_date "
            f"(found: {', '.join(sorted(columns)) or 'none'})"
        )
    rows = []
    for row in reader:
        line = reader.line_num
        article_id = (row.get("article_id") or "").strip()
        raw_date = (row.get("published_date") or "").strip()
        date = parse_date(raw_date)
        problem = None
        if not article_id:
            problem = f"Row on line {line} has no article_id."
        elif raw_date and date is None:
            problem = f"Row on line {line}: published_date {raw_date!r} is not a YYYY-MM-DD date."
        elif (encoding := (row.get("encoding") or "").strip()) and not _is_codec(encoding):
            problem = (
                f"Row on line {line}: encoding {encoding!r} is not one Python knows "
                "(e.g. utf-8, cp1251, koi8-r, gb18030, big5, shift_jis, iso-8859-2)."
            )
        fields = {f: (row.get(f) or "").strip() for f in ("title", "url", "source", "encoding")}
        rows.append(
            MetadataRow(line, article_id, date, {k: v for k, v in fields.items() if v}, problem)
        )
    return rows


def metadata_overrides(rows: list[MetadataRow]) -> dict[str, dict[str, str]]:
    """Usable rows as params for the shard jobs: article_id -> fields (date as ISO text)."""
    overrides: dict[str, dict[str, str]] = {}
    for row in rows:
        if row.problem:
            continue
        fields = dict(row.fields)
        if row.published_date:
            fields["published_date"] = row.published_date.isoformat()
        overrides[row.article_id] = fields
    return overrides


def metadata_files(roots: list[str]) -> dict[str, str]:
    """The ``metadata.csv`` of each input folder that has one: path -> folder."""
    return {
        str(Path(root) / METADATA_FILE): root
        for root in roots
        if (Path(root) / METADATA_FILE).is_file()
    }


def read_metadata(path: str) -> list[MetadataRow]:
    """The rows of a metadata file; ``ValueError`` when it is not a usable CSV at all."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"metadata.csv is not UTF-8 text ({error.reason})") from None
    return metadata_rows(text)


def overrides_by_source(roots: list[str]) -> dict[tuple[str, str], dict[str, dict[str, str]]]:
    """Usable metadata rows of every input folder, grouped by (folder, source key), so that a
    shard job is handed only its own articles' rows (and re-runs only when those change).
    Unusable files and rows are left to the clean stage of ``corpus_tables``, which reports them."""
    grouped: dict[tuple[str, str], dict[str, dict[str, str]]] = defaultdict(dict)
    for path, root in metadata_files(roots).items():
        try:
            rows = read_metadata(path)
        except ValueError:
            continue
        for article_id, fields in metadata_overrides(rows).items():
            grouped[(root, source_key(article_id))][article_id] = fields
    return dict(grouped)


# --- one reader per input kind --------------------------------------------------------------

Item = Record | Rejection | SkippedRecord


def _decoding(decoded: Decoded) -> dict[str, Any]:
    return {
        "encoding": decoded.encoding,
        "encoding_confidence": decoded.confidence,
        "mojibake_repairs": decoded.repairs,
    }


def page_record(
    article_id: str, decoded: Decoded, url: str | None, extraction: Extraction, **fields: Any
) -> Record:
    """A decoded web page as a record: its extracted body and what its markup says."""
    page = read_page(decoded.text, url, extraction)
    return Record(
        article_id=article_id,
        text=page.text,
        title=page.title,
        byline=page.byline,
        published_date=page.published_date,
        published_date_source="markup",
        url=page.url,
        source=page.source,
        from_markup=True,
        raw_chars=len(decoded.text),
        **_decoding(decoded),
        **{"sha256": content_sha256(decoded.raw), **fields},
    )


def read_text_file(
    source: Source, max_bytes: int, declared: str | None, extraction: Extraction
) -> Iterator[Item]:
    """A ``.txt`` file: one article, as the encoding metadata.csv declares where it declares one;
    a page saved as text (it opens as an HTML document) is read as the page it is."""
    decoded = decode(Path(source.path).read_bytes(), max_bytes, declared)
    if looks_like_html(decoded.text):
        yield page_record(source.key, decoded, None, extraction)
        return
    yield Record(
        article_id=source.key,
        text=decoded.text,
        sha256=content_sha256(decoded.raw),
        **_decoding(decoded),
    )


def read_batch(
    source: Source, max_bytes: int, declared: str | None, extraction: Extraction
) -> Iterator[Item]:
    """A ``.jsonl`` batch: one article a line, a bad line rejected alone."""
    decoded = decode(Path(source.path).read_bytes(), max_bytes)
    for item in batch_records(decoded.text, source.key):
        yield item if isinstance(item, Rejection) else replace(item, **_decoding(decoded))


def read_page_file(
    source: Source, max_bytes: int, declared: str | None, extraction: Extraction
) -> Iterator[Item]:
    """An ``.html``, ``.htm`` or ``.html.gz`` page: one article, in the charset the user
    declares, else the one the page's bytes show (byte-order mark, UTF-8, its meta tag)."""
    raw = Path(source.path).read_bytes()
    page = gunzipped(raw, max_bytes) if source.path.lower().endswith(".gz") else raw
    decoded = decode(page, max_bytes, declared, labelled=page_charset(page))
    yield page_record(source.key, decoded, None, extraction, sha256=content_sha256(raw))


def read_archive(
    source: Source, max_bytes: int, declared: str | None, extraction: Extraction
) -> Iterator[Item]:
    """A ``.warc`` or ``.warc.gz`` web archive: one article per HTML response record, with the
    record's URL, and its capture date where the page gives no date (source ``crawl``); other
    records are skipped; a bad record is rejected alone; an archive without a page is rejected
    whole."""
    records_read = 0  # pages and rejected records: what the archive yields to the tables
    with open(source.path, "rb") as stream:
        for entry in archive_entries(stream, max_bytes):
            if not isinstance(entry, ArchivedPage):
                if isinstance(entry, Rejection) and entry.line is None:
                    raise entry
                records_read += isinstance(entry, Rejection)
                yield entry
                continue
            records_read += 1
            try:
                yield _archived_record(source.key, entry, max_bytes, extraction)
            except Rejection as rejection:
                rejection.line = entry.number
                yield rejection
    if not records_read:
        raise Rejection(
            "no_articles",
            "The archive holds no HTML page to read (only requests, revisits, non-HTML or "
            "error responses: see results/skipped_records.parquet).",
        )


def _archived_record(
    key: str, entry: ArchivedPage, max_bytes: int, extraction: Extraction
) -> Record:
    labelled = page_charset(entry.payload, entry.content_type)
    decoded = decode(entry.payload, max_bytes, labelled=labelled)
    record = page_record(
        batch_article_id(key, str(entry.number)), decoded, entry.url, extraction, line=entry.number
    )
    if record.published_date is None and entry.captured is not None:
        return replace(record, published_date=entry.captured, published_date_source="crawl")
    return record


Reader = Callable[[Source, int, "str | None", Extraction], Iterator[Item]]
READERS: dict[str, Reader] = {
    "txt": read_text_file,
    "jsonl": read_batch,
    "html": read_page_file,
    "warc": read_archive,
}


def read_source(
    source: Source, max_bytes: int, declared: str | None, extraction: Extraction
) -> Iterator[Item]:
    """The source's article records, skipped archive records, and rejections (of the whole file,
    or of one batch line or archive record). A file over the size limit is not read; an archive
    may be larger, its records may not."""
    try:
        if source.kind != "warc":
            check_size(os.path.getsize(source.path), max_bytes)
        yield from READERS[source.kind](source, max_bytes, declared, extraction)
    except Rejection as rejection:
        yield rejection


def expected_outcomes(source: Source, max_bytes: int) -> list[tuple[str, int | None]]:
    """What cleaning must account for in a source: the file; or each non-blank line of a batch
    it could decode; or each page record of an archive (and the record it could not read
    past). An independent count that the clean suite checks against."""
    path = source.path
    if source.kind == "warc":
        with contextlib.suppress(OSError), open(path, "rb") as stream:
            units = [
                (path, entry.number if isinstance(entry, ArchivedPage) else entry.line)
                for entry in archive_entries(stream, max_bytes)
                if not isinstance(entry, SkippedRecord)
            ]
            if any(line is not None for _, line in units):
                return [u for u in units if u[1] is not None]
        return [(path, None)]
    if source.kind != "jsonl":
        return [(path, None)]
    try:
        text = decode(Path(path).read_bytes(), max_bytes).text
    except Rejection:
        return [(path, None)]
    return [(path, n) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
