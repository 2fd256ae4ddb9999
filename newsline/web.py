"""Web pages and web archives: a page's article body and metadata, an archive's records.

A page's body, title, authors and publication date come from trafilatura, the best-scoring
open-source extractor on the public article-extraction benchmark; newsline's own line rules run
on its body afterwards (``newsline.clean``). A web archive (WARC, the format of web and news
crawls) is read record by record with warcio; each HTML response is a page.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal

from tld import get_fld
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from newsline.ingest import Rejection, check_size, parse_date

Favor = Literal["balanced", "precision", "recall"]


@dataclass(frozen=True)
class Extraction:
    """How a page's body is extracted (config key ``extraction``): trafilatura's trade-off
    between precision and recall, and whether tables and readers' comments are part of it."""

    favor: Favor = "balanced"
    include_tables: bool = True
    include_comments: bool = False


@dataclass(frozen=True)
class Page:
    """What a page says of itself: its body (one paragraph a line), and from its markup the
    headline, authors, publication date, canonical URL and outlet, where it gives them."""

    text: str
    title: str | None
    byline: str | None
    published_date: dt.date | None
    url: str | None
    source: str | None


# --- reading a page -------------------------------------------------------------------------

# Where a page names its charset: <meta charset="...">, or <meta http-equiv="Content-Type"
# content="text/html; charset=...">, in the first bytes, as browsers look for it.
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
CHARSET_PRESCAN_BYTES = 4096
# Labels that browsers read as another encoding (the WHATWG Encoding Standard): a page labelled
# Latin-1 or ASCII is Windows-1252, and a UTF-16 label on bytes read as ASCII means UTF-8.
BROWSER_ENCODING_OF_LABEL = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def page_charset(raw: bytes, content_type: str | None = None) -> str | None:
    """The charset a page is labelled with: its HTTP ``Content-Type`` header's (in a web
    archive), else its markup's ``<meta charset>`` or ``http-equiv``; None where neither names
    one. A byte-order mark, which overrides both, is ``ingest.decode``'s to read."""
    label = None
    if content_type and (match := HTTP_CHARSET.search(content_type)):
        label = match.group(1)
    elif match := META_CHARSET.search(raw[:CHARSET_PRESCAN_BYTES]):
        label = match.group(1).decode("ascii", "replace")
    if label is None:
        return None
    label = label.strip().lower()
    return BROWSER_ENCODING_OF_LABEL.get(label, label)


HTML_START = re.compile(
    r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """A text that is an HTML document: it opens with a doctype, ``<html>`` or ``<head>``
    (after an XML declaration or comments); a text that only mentions tags is not one."""
    return HTML_START.match(text[:2000]) is not None


def registered_domain(url: str | None) -> str | None:
    """``https://www.bbc.co.uk/news/x`` -> ``bbc.co.uk``, by the public suffix list."""
    if not url:
        return None
    return get_fld(url, fail_silently=True, fix_protocol=True)


def read_page(html: str, url: str | None, extraction: Extraction) -> Page:
    """The article a page holds, or a ``Rejection`` when the extractor finds no body in it.

    The publication date is what the markup states (meta tags, ``<time>``, JSON-LD, the URL),
    never a date guessed from the body's text; that is the dates stage's business. The URL is
    the page's canonical one, else ``url`` (where it was fetched from); the outlet its site
    name, else its URL's registered domain."""
    # Imported here, not at the top: it costs a cleaning job 0.15 s, and most shards of a
    # rebuild hold no web page.
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=extraction.include_comments,
        include_tables=extraction.include_tables,
        favor_precision=extraction.favor == "precision",
        favor_recall=extraction.favor == "recall",
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (document.text or "").strip() if document else ""
    if not text:
        raise Rejection(
            "no_text_after_cleaning",
            "The page has no article body the extractor can find (an index, a form or a page "
            "built by scripts); save the article's text as .txt instead.",
        )
    page_url = document.url or url
    return Page(
        text=text,
        title=document.title or None,
        byline=document.author or None,
        published_date=parse_date(document.date),
        url=page_url,
        source=(document.sitename or "").lstrip("@") or registered_domain(page_url),
    )


def gunzipped(raw: bytes, max_bytes: int) -> bytes:
    """The bytes of a gzip-compressed page, at most ``max_bytes`` of them (a ``too_large``
    rejection past that: a small file can unpack to a huge one)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as unpacked:
            data = unpacked.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise Rejection(
            "corrupt", f"The file is not valid gzip ({error}); re-save or re-download it."
        ) from None
    check_size(len(data), max_bytes)
    return data


# --- reading a web archive ------------------------------------------------------------------

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ArchivedPage:
    """An HTML response (or resource) record: its number in the archive (1-based, counting every
    record), the URL it was fetched from, the capture date, its Content-Type and its body."""

    number: int
    url: str | None
    captured: dt.date | None
    content_type: str | None
    payload: bytes


@dataclass(frozen=True)
class SkippedRecord:
    """A record that holds no page to read: a request, the archive's own information, a revisit
    (a capture that repeats an earlier one), an error or redirect response, or a non-HTML
    response (an image, a script); ``reason`` says which."""

    number: int
    record_type: str
    content_type: str | None
    reason: str


def _record_entry(
    record: ArcWarcRecord, number: int, max_bytes: int
) -> ArchivedPage | SkippedRecord:
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return SkippedRecord(number, kind, None, kind)
    http = record.http_headers if kind == "response" else None
    if kind == "response" and http is None:
        return SkippedRecord(number, kind, None, "not_http")
    content_type = (http or record.rec_headers).get_header("Content-Type")
    if http is not None and not http.get_statuscode().startswith("2"):
        return SkippedRecord(number, kind, content_type, f"http_{http.get_statuscode()}")
    mime = (content_type or "").split(";")[0].strip().lower()
    payload = record.content_stream().read(max_bytes + 1)
    if mime not in HTML_TYPES and not (
        not mime and looks_like_html(payload[:2000].decode("latin-1"))
    ):
        return SkippedRecord(number, kind, content_type, "not_html")
    check_size(len(payload), max_bytes)
    captured = parse_date((record.rec_headers.get_header("WARC-Date") or "")[:10])
    url = record.rec_headers.get_header("WARC-Target-URI")
    return ArchivedPage(number, url, captured, content_type, payload)


def archive_entries(
    stream: BinaryIO, max_bytes: int
) -> Iterator[ArchivedPage | SkippedRecord | Rejection]:
    """Every record of a WARC archive (plain or gzip-compressed) in order: a page, a skipped
    record, or the rejection of one record alone (``line`` = its number). A record whose bytes
    cannot be read ends the archive there (its length is in the broken header, so nothing after
    it can be found): its rejection says so; where that is the first record, the file is not an
    archive at all and the rejection is the file's."""
    records = ArchiveIterator(stream, arc2warc=True)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as error:  # warcio raises several kinds on bytes it cannot parse
            first = number == 0
            yield Rejection(
                "corrupt",
                ("The file is not a readable web archive" if first else f"Record {number + 1} "
                 "cannot be read, nor any after it")
                + f" ({type(error).__name__}: {error}); re-download or re-write the archive.",
                line=None if first else number + 1,
            )  # fmt: skip
            return
        number += 1
        try:
            yield _record_entry(record, number, max_bytes)
        except Rejection as rejection:
            rejection.line = number
            yield rejection
        except Exception as error:  # a body that does not decode (bad chunking or gzip)
            yield Rejection(
                "corrupt",
                f"Record {number}'s body cannot be read ({type(error).__name__}: {error}).",
                line=number,
            )
