"""Find input articles, give them ids and shards, and decode their bytes.

Everything here is a pure function of paths and bytes, so the Snakefile can call
``discover_sources`` while it builds the DAG and a shard job can call ``decode`` on its files.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import charset_normalizer
import ftfy

# What a file's name ends with -> how it is read (longest ending first: "x.html.gz" is a page).
KINDS = {
    ".html.gz": "html",
    ".warc.gz": "warc",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
    ".txt": "txt",
}
UNSUPPORTED = "unsupported"
METADATA_FILE = "metadata.csv"


@dataclass(frozen=True)
class Source:
    """One input file: where it is, the configured root it came from, its kind (``txt`` or
    ``html``: one article; ``jsonl``: a batch, one article a line; ``warc``: a web archive, one
    article an HTML record; ``unsupported``: none, a rejected file) and its key, the path under
    the root without extension. A one-article file's key is its article id; a batch's or an
    archive's articles are ``key#id`` or ``key#number``."""

    path: str
    root: str
    key: str
    kind: str


def kind_of(name: str) -> tuple[str, str]:
    """A file name's kind and the ending that makes it (``("html", ".html.gz")``); a name newsline
    does not read is ``unsupported``, its ending its last suffix. Endings compare without case."""
    lowered = name.lower()
    for ending, kind in KINDS.items():
        if lowered.endswith(ending) and len(name) > len(ending):
            return kind, name[-len(ending) :]
    return UNSUPPORTED, PurePosixPath(name).suffix


def article_id_for(relative_path: str) -> str:
    """``nested/story.txt`` -> ``nested/story``, ``pages/a.html.gz`` -> ``pages/a``: the path
    under its root, posix, without the ending that gives its kind."""
    return _without_ending(relative_path, kind_of(PurePosixPath(relative_path).name)[1])


def _without_ending(relative_path: str, ending: str) -> str:
    return relative_path[: len(relative_path) - len(ending)] if ending else relative_path


def batch_article_id(key: str, record_id: str) -> str:
    """``batches/2024-05`` and id ``17`` -> ``batches/2024-05#17``."""
    return f"{key}#{record_id}"


def source_key(article_id: str) -> str:
    """The key of the file an article came from: its id without a batch's ``#id``."""
    return article_id.split("#", 1)[0]


def shard_of(key: str, n_shards: int) -> str:
    """A stable shard name for a source key: the same key always lands in the same shard,
    whatever else is in the corpus, so adding a file only changes its own shard's inputs."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return f"{int.from_bytes(digest[:8], 'big') % n_shards:04d}"


READ_FORMATS = (
    "plain text (.txt), JSON lines (.jsonl), web pages (.html, .htm, .html.gz) and web archives "
    "(.warc, .warc.gz)"
)


# Unicode's category Cc, the C0 and C1 controls: one search, not a lookup per character of
# every discovered path (the Snakefile checks every input's path while it builds the DAG).
CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")


def unread_reason(path: str, kind: str) -> tuple[str, str] | None:
    """Why no shard job reads a discovered file, as a rejection (reason, detail), or None.

    A format newsline does not read is ``unsupported_format``. Snakemake warns of a declared
    input path with a line break (its file matching may not hold), reads ``{...}`` in one as a
    wildcard, and stops on one that does not exist (a broken symbolic link); such files are
    rejected instead of declared."""
    if kind == UNSUPPORTED:
        what = f"a {PurePosixPath(path).suffix} file" if PurePosixPath(path).suffix else "a file"
        return "unsupported_format", (
            f"newsline reads {READ_FORMATS}; this is {what} without one of those endings. "
            "Convert it (save a document's text as .txt) or move it out of the input folder."
        )
    if CONTROL_CHARACTER.search(path):
        return "unsupported_name", (
            "The file name contains a line break or another control character, which Snakemake "
            "cannot track reliably and which would be part of the article id; rename it "
            "without one."
        )
    if "{" in path or "}" in path:
        return "unsupported_name", (
            "The file name contains '{' or '}', which Snakemake reads as a wildcard, so the file "
            "cannot be tracked; rename it without braces."
        )
    if not os.path.isfile(path):
        return "unreadable", "The file is a broken symbolic link; point it at a file or remove it."
    if not os.access(path, os.R_OK):
        return "unreadable", "The file cannot be read (permissions); make it readable."
    return None


def parse_date(value: object) -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` date, or None when the value is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def check_size(n_bytes: int, max_bytes: int) -> None:
    if n_bytes > max_bytes:
        raise Rejection(
            "too_large",
            f"The file has {n_bytes:,} bytes, over the limit of {max_bytes:,} "
            "(config key max_article_bytes); split it or raise the limit.",
        )


def discover_sources(roots: list[str]) -> list[Source]:
    """Every file beneath each root, at any depth, sorted by key: those of a kind newsline reads,
    and the rest as ``unsupported`` (rejected, not skipped). A root's own ``metadata.csv`` is no
    input, and hidden files and folders (``.git``, editor swap files) are skipped; the order
    does not depend on the file system.
    """
    found: list[Source] = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            under = Path(folder).relative_to(root).as_posix()  # once per folder, not per file
            prefix = "" if under == "." else f"{under}/"
            for name in files:
                path = os.path.join(folder, name)
                if name.startswith(".") or (name == METADATA_FILE and folder == root):
                    continue
                if not (os.path.isfile(path) or os.path.islink(path)):
                    continue
                found.append(_source_at(root, prefix + name))
    return _in_order(found, roots)


def _source_at(root: str, relative: str) -> Source:
    """The input at ``relative`` (a POSIX path) under ``root``: its path is ``os.walk``'s."""
    kind, ending = kind_of(relative.rpartition("/")[2])
    return Source(os.path.join(root, relative), root, _without_ending(relative, ending), kind)


def _in_order(sources: list[Source], roots: Sequence[str]) -> list[Source]:
    return sorted(sources, key=lambda s: (s.key, roots.index(s.root), s.path))


def source_listing(sources: Iterable[Source], roots: Sequence[str]) -> dict[str, list[str]]:
    """``sources`` as a job's param: each root (all of ``roots``, in order) with the paths of its
    files under it; ``listed_sources`` gives the sources back. Snakemake keeps a job's params in
    the record of each of its outputs and reads every record on every run: one dict per source,
    the sources were 99% of those records (280 KB in each of ``corpus_tables``' 30 at 2,800
    inputs), and the listing is a quarter of that."""
    listing: dict[str, list[str]] = {root: [] for root in roots}
    for source in sources:
        relative = source.path.removeprefix(os.path.join(source.root, ""))
        if _source_at(source.root, relative) != source:
            raise ValueError(f"{source} is not a file discover_sources finds under its root")
        listing[source.root].append(relative)
    return listing


def listed_sources(listing: Mapping[str, Sequence[str]]) -> list[Source]:
    """The sources of a ``source_listing``, in ``discover_sources``' order."""
    found = [_source_at(root, relative) for root, files in listing.items() for relative in files]
    return _in_order(found, list(listing))


def listing_rows(listing: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """A ``source_listing`` as table rows (``tables.SOURCES``): a shard job writes its own, and
    ``corpus_tables`` reads every shard's back with ``merged_listing``."""
    return [
        {"root_index": index, "root": root, "path": relative}
        for index, (root, files) in enumerate(listing.items())
        for relative in files
    ]


def merged_listing(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The one ``source_listing`` of the rows of several listings of the same roots."""
    by_root: dict[tuple[int, str], list[str]] = {}
    for row in rows:
        by_root.setdefault((row["root_index"], row["root"]), []).append(row["path"])
    return {root: files for (_, root), files in sorted(by_root.items())}


def sources_digest(sources: Iterable[Source]) -> str:
    """A digest of which inputs there are (their paths under their roots): ``corpus_tables``'
    param in place of the inputs themselves, which it reads from its shards' listings, so that
    Snakemake's records of its outputs stay small and it runs again when a file is added or
    deleted (a shard whose last article is deleted leaves its inputs, which Snakemake does not
    count as a change)."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(f"{source.root}\0{source.path}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# --- decoding -------------------------------------------------------------------------------

BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\x7fELF": "an executable",
}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Rejection(Exception):
    """An input that cannot become an article; ``reason`` is one of the contract's codes,
    ``line`` the batch line it concerns (None for a whole file)."""

    def __init__(self, reason: str, detail: str, line: int | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.line = line


@dataclass(frozen=True)
class Decoded:
    """Decoded text, what its bytes were read as and how sure that is (None: read exactly, as
    UTF-8, by a byte-order mark or as the encoding metadata.csv states), and the mojibake
    repairs made (ftfy's steps, e.g. "encode:sloppy-windows-1252 decode:utf-8"; None: none)."""

    text: str
    encoding: str
    raw: bytes
    confidence: float | None = None
    repairs: str | None = None


def _looks_binary(raw: bytes) -> str | None:
    for signature, kind in BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            return kind
    sample = raw[:8192]
    if sample.count(b"\x00") > len(sample) // 10:
        return "binary data (many NUL bytes)"
    return None


def decode(
    raw: bytes, max_bytes: int, declared: str | None = None, labelled: str | None = None
) -> Decoded:
    """Bytes to normalised text, or a ``Rejection`` naming what is wrong.

    An encoding the user ``declared`` (metadata.csv's ``encoding``) is used as it is. Otherwise
    a byte-order mark (UTF-32, UTF-16, UTF-8) decides, then valid UTF-8 is UTF-8, then the
    encoding the bytes are ``labelled`` with (a web page's charset) where they decode as it, and
    any other bytes are read as the encoding charset-normalizer finds (``read_legacy``); bytes
    that no encoding reads as text are rejected as ``undecodable``. Mojibake is then repaired by
    ftfy (``repair_mojibake``). Line ends become ``\\n``, control characters and NULs are
    dropped, and the result is Unicode NFC.
    """
    check_size(len(raw), max_bytes)
    if not raw.strip():
        raise Rejection("empty", "The file is empty or holds only white space.")
    confidence = None
    if declared:
        try:
            text, encoding = raw.decode(declared), codecs.lookup(declared).name
        except (UnicodeDecodeError, LookupError) as error:
            raise Rejection(
                "undecodable",
                f"The file does not decode as {declared}, the encoding metadata.csv states for "
                f"it: {error}.",
            ) from None
    elif bom := next((b for b in BYTE_ORDER_MARKS if raw.startswith(b)), None):
        encoding = BYTE_ORDER_MARKS[bom]
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise Rejection(
                "undecodable",
                f"The file starts with a {encoding.upper()} byte-order mark but is not "
                f"{encoding.upper()}: {error}.",
            ) from None
        encoding = encoding.removesuffix("-sig")
    else:
        if kind := _looks_binary(raw):
            raise Rejection("binary", f"The file is {kind}, not text; remove it from the input.")
        text, encoding, confidence = _read_unmarked(raw, labelled)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, repairs = repair_mojibake(text)
    text = unicodedata.normalize("NFC", CONTROL_CHARS.sub("", text))
    if not text.strip():
        raise Rejection("empty", "The file holds no visible text once decoded.")
    unreadable = sum(1 for c in text if not (c.isprintable() or c.isspace()))
    if unreadable > len(text) * MAX_UNREADABLE_SHARE:
        raise Rejection(
            "undecodable",
            f"{unreadable} of {len(text)} characters are not printable as {encoding}; "
            "save the file as UTF-8 text, or state its encoding in metadata.csv.",
        )
    return Decoded(text=text, encoding=encoding, raw=raw, confidence=confidence, repairs=repairs)


def _read_unmarked(raw: bytes, labelled: str | None) -> tuple[str, str, float | None]:
    """Bytes without a byte-order mark: UTF-8 where they are valid UTF-8 (bytes that are, beyond
    ASCII, are almost never anything else), else the encoding they are labelled with where they
    decode as it, else what ``read_legacy`` detects. ISO-2022 text is 7-bit and so valid UTF-8
    too: its escape sequences say what it is."""
    for escape, encoding in ISO_2022_ESCAPES:
        if escape in raw:
            with contextlib.suppress(UnicodeDecodeError):
                return raw.decode(encoding), encoding, None
    with contextlib.suppress(UnicodeDecodeError):
        return raw.decode("utf-8"), "utf-8", None
    if labelled:
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            return raw.decode(labelled), codecs.lookup(labelled).name, None
    return read_legacy(raw)


# The escape sequences that switch ISO-2022 text into its double-byte sets: JIS X 0208 (1978,
# 1983), JIS X 0212, and KS C 5601 (ISO-2022-KR's designation).
ISO_2022_ESCAPES = (
    (b"\x1b$B", "iso2022_jp"),
    (b"\x1b$@", "iso2022_jp"),
    (b"\x1b$(D", "iso2022_jp_2"),
    (b"\x1b$)C", "iso2022_kr"),
)
# Checked in this order: UTF-32's little-endian mark begins with UTF-16's.
BYTE_ORDER_MARKS = {
    codecs.BOM_UTF32_LE: "utf-32",
    codecs.BOM_UTF32_BE: "utf-32",
    codecs.BOM_UTF8: "utf-8-sig",
    codecs.BOM_UTF16_LE: "utf-16",
    codecs.BOM_UTF16_BE: "utf-16",
}
MAX_UNREADABLE_SHARE = 0.05
# Western European code pages, and the languages whose own code page reads the same bytes as
# other letters: Turkish ğ, ı, ş are cp1252's ð, ý, þ, and a detector that sees only letters
# cannot tell them apart; the language it recognises can.
WESTERN_CODE_PAGES = frozenset({"cp1252", "latin_1", "iso8859_15"})
CODE_PAGE_OF_LANGUAGE = {"Turkish": "cp1254"}
# East Asian encodings whose bytes often read cleanly in another's: EUC-JP's kanji and kana are
# valid Korean (EUC-KR) bytes, and a detector that recognises neither language takes either.
# Each reading is judged by how much of it is written in its own language's script
# (``script_fit``): Japanese read as Korean is Hangul strewn with Han characters and bare jamo.
EAST_ASIAN_SCRIPTS = {
    "Japanese": ("Hiragana", "Katakana", "Han"),
    "Korean": ("Hangul",),
    "Chinese": ("Han",),
}
EAST_ASIAN_ENCODINGS = {
    "Japanese": frozenset({"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp",
                           "euc_jis_2004", "euc_jisx0213", "iso2022_jp", "iso2022_jp_2"}),
    "Korean": frozenset({"cp949", "euc_kr", "johab", "iso2022_kr"}),
    "Chinese": frozenset({"gb2312", "gbk", "gb18030", "big5", "big5hkscs", "hz"}),
}  # fmt: skip


def read_legacy(raw: bytes) -> tuple[str, str, float]:
    """Bytes that are not UTF-8, read as the encoding charset-normalizer finds: the text, the
    encoding and the detector's confidence (1 minus its mess ratio). Three corrections where the
    detector's own evidence says better: a reading in which it recognises no language yields to
    one that reads as a language, Windows-1252 wins among readings as clean and as coherent,
    and a Turkish text it reads as Western European is read as Turkish. What no encoding reads
    as text is rejected, naming the closest guesses."""
    matches = list(charset_normalizer.from_bytes(raw))
    best = matches[0] if matches else None
    if best is not None and best.coherence == 0:
        # A reading in which no language is recognised loses to one that reads as a language
        # with little mess: one "£" in an English text is not half-width katakana (cp932).
        readable = [m for m in matches if m.coherence >= 0.5 and m.chaos <= 0.1]
        best = max(readable, key=lambda m: m.coherence, default=best)
    if best is not None:
        # Among readings as clean and as coherent, Windows-1252, the legacy encoding most news
        # text was saved in: a few bytes outside ASCII read cleanly in every Latin code page.
        western = next((m for m in matches if m.encoding == "cp1252"), None)
        if western and western.chaos <= best.chaos and western.coherence >= best.coherence - 0.02:
            best = western
    if best is not None:
        best = _east_asian_reading(best, matches)
    if best is None:
        guesses = list(charset_normalizer.from_bytes(raw, threshold=1.0))[:3]
        named = ", ".join(f"{g.encoding} ({g.chaos:.0%} of it garbled)" for g in guesses)
        raise Rejection(
            "undecodable",
            "No encoding reads these bytes as text"
            + (f"; the closest guesses were {named}" if named else "")
            + ". Save the file as UTF-8, or state its encoding in metadata.csv.",
        )
    text, encoding, confidence = str(best), best.encoding, round(1 - best.chaos, 3)
    if encoding in WESTERN_CODE_PAGES and (own := CODE_PAGE_OF_LANGUAGE.get(best.language)):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(own), own, confidence
    with contextlib.suppress(UnicodeDecodeError):
        if raw.decode("cp1252") == text:  # as many code pages read it: name the common one
            encoding = "cp1252"
    return text, encoding, confidence


def script_of(char: str) -> str | None:
    """The East Asian script a character is written in, if any (by its Unicode name)."""
    name = unicodedata.name(char, "")
    for script, prefixes in (
        ("Hiragana", ("HIRAGANA",)),
        ("Katakana", ("KATAKANA", "HALFWIDTH KATAKANA")),
        ("Hangul", ("HANGUL SYLLABLE",)),
        ("Jamo", ("HANGUL LETTER", "HANGUL CHOSEONG", "HANGUL JUNGSEONG", "HANGUL JONGSEONG")),
        ("Han", ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")),
    ):
        if name.startswith(prefixes):
            return script
    return None


def script_fit(text: str, language: str) -> float:
    """The share of a text's East Asian characters that are in its language's own scripts."""
    scripts = [s for s in map(script_of, text) if s is not None]
    own = EAST_ASIAN_SCRIPTS[language]
    return sum(s in own for s in scripts) / len(scripts) if scripts else 0.0


def east_asian_language(encoding: str) -> str | None:
    return next((lang for lang, names in EAST_ASIAN_ENCODINGS.items() if encoding in names), None)


def _east_asian_reading(
    best: charset_normalizer.CharsetMatch, matches: list[charset_normalizer.CharsetMatch]
) -> charset_normalizer.CharsetMatch:
    """Of the East Asian readings about as clean as the best, the one whose text is most
    written in its own language's script: EUC-JP bytes read as Korean give Hangul mixed with
    Han characters and bare jamo, read as Japanese kana and kanji."""
    if east_asian_language(best.encoding) is None:
        return best
    rivals = [m for m in matches if east_asian_language(m.encoding) and m.chaos <= best.chaos + 0.1]

    def fit(match: charset_normalizer.CharsetMatch) -> float:
        return script_fit(str(match), east_asian_language(match.encoding) or "")

    chosen = max(rivals, key=fit, default=best)
    return chosen if fit(chosen) > fit(best) else best


# Only the fixes of text decoded the wrong way: quotes, ligatures, widths, line breaks and
# escapes stay as the author wrote them.
MOJIBAKE_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo text that was decoded the wrong way once or more ("RussiaÃ¢â‚¬â„¢s", "Russiaâ€™s"
    beside "Russia’s", UTF-8 read as Windows-1251), where ftfy judges the repair safe: the text
    and ftfy's steps ("encode:sloppy-windows-1252 decode:utf-8"), or None where it made none."""
    fixed, steps = ftfy.fix_and_explain(text, config=MOJIBAKE_ONLY)
    if not steps:
        return text, None
    return fixed, " ".join(f"{action}:{detail}" for action, detail in steps)


def content_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
