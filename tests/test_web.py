"""Web pages and web archives: a page's body and markup, an archive's records, end to end."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsline.ingest import Source
from newsline.records import read_source
from newsline.web import Extraction, SkippedRecord, looks_like_html, page_charset
from tests.conftest import copy_project, snakemake

BODY = (
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday, "
    "the Kremlin said, as the two leaders discussed trade, energy and the war in Ukraine. "
) * 4
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Putin meets Xi in Beijing</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-05-16T10:00:00Z">
<link rel="canonical" href="https://news.example.com/2024/05/16/putin-xi">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Putin meets Xi in Beijing</h1><p>{BODY}</p><p>{BODY}</p></article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )


def write_archive(path: Path) -> None:
    """A page, a request, an image, an empty page and a page without a date of its own."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(writer, "https://news.example.com/a", PAGE.encode(), "text/html; charset=utf-8")
        request = StatusAndHeaders("GET /a HTTP/1.1", [], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(
                "https://news.example.com/a", "request", payload=io.BytesIO(b""),
                http_headers=request,
            )
        )  # fmt: skip
        _response(
            writer, "https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n0000", "image/png"
        )
        _response(writer, "https://news.example.com/empty", b"", "text/html")
        undated = PAGE.replace(
            '<meta property="article:published_time" content="2024-05-16T10:00:00Z">', ""
        )
        undated = undated.replace("canonical", "x")
        _response(writer, "https://other.example.org/b", undated.encode("cp1252"), "text/html")


def test_an_archive_gives_one_article_per_page_and_rejects_a_bad_record_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_archive(path)
    items = list(
        read_source(Source(str(path), str(tmp_path), "crawl", "warc"), 10**7, None, Extraction())
    )
    skipped = [i.reason for i in items if isinstance(i, SkippedRecord)]
    assert skipped == ["warcinfo", "request", "not_html"]
    records = {i.article_id: i for i in items if hasattr(i, "article_id")}
    assert sorted(records) == ["crawl#2", "crawl#6"]
    dated, undated = records["crawl#2"], records["crawl#6"]
    assert dated.url == "https://news.example.com/2024/05/16/putin-xi"
    assert (dated.title, dated.byline, dated.source) == (
        "Putin meets Xi in Beijing", "Jane Reporter", "Example News",
    )  # fmt: skip
    assert str(dated.published_date) == "2024-05-16" and dated.published_date_source == "markup"
    assert undated.url == "https://other.example.org/b"
    assert undated.published_date_source == "crawl"
    assert "Home" not in dated.text and "Copyright" not in dated.text
    (rejection,) = [i for i in items if getattr(i, "reason", None) == "empty"]
    assert rejection.line == 5


def test_a_page_names_its_charset_and_text_that_is_html_is_seen() -> None:
    assert page_charset(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert page_charset(b"<html>", "text/html; charset=windows-1251") == "windows-1251"
    assert page_charset(b"<html><body>no label</body>") is None
    assert looks_like_html("\n<!DOCTYPE html>\n<html>")
    assert not looks_like_html("Officials said the <html> tag was not in the memo.")


def test_pages_archives_and_other_files_end_to_end(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "newsline")
    seeds = project / "seeds"
    (seeds / "web").mkdir()
    (seeds / "web" / "page.html").write_text(PAGE, encoding="utf-8")
    (seeds / "web" / "saved.txt").write_text(PAGE, encoding="utf-8")
    write_archive(seeds / "crawl.warc.gz")
    (seeds / "report.pdf").write_bytes(b"%PDF-1.4 not an article")
    result = snakemake(project)
    assert result.returncode == 0, result.stderr[-4000:]
    articles = pd.read_parquet(project / "results" / "articles.parquet").set_index("article_id")
    page = articles.loc["web/page"]
    assert page.title == "Putin meets Xi in Beijing" and "<" not in page.text
    assert page.published_date_source == "markup" and page.source == "Example News"
    assert articles.loc["web/saved"].text == page.text
    assert articles.loc["crawl#6"].published_date_source == "crawl"
    rejected = pd.read_parquet(project / "results" / "rejected.parquet")
    reasons = {
        (Path(row.source_path).name, None if pd.isna(row.line) else int(row.line)): row.reason
        for row in rejected.itertuples()
    }
    assert reasons == {("crawl.warc.gz", 5): "empty", ("report.pdf", None): "unsupported_format"}
    skipped = pd.read_parquet(project / "results" / "skipped_records.parquet")
    assert skipped.record.tolist() == [1, 3, 4]
    assert "skipped 3 web archive records" in result.stdout
