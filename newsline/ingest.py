"""Find input articles, give them ids and shards, and decode their bytes.

Everything here is a pure function of paths and bytes, so the Snakefile can call
``discover_sources`` while it builds the DAG and a shard job can call ``decode`` on its files.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

KINDS = {".txt": "txt", ".jsonl": "jsonl"}
METADATA_FILE = "metadata.csv"


@dataclass(frozen=True)
class Source:
    """One input file: where it is, the configured root it came from, its kind (``txt``: one
    article; ``jsonl``: a batch, one article a line) and its key, the path under the root without
    extension. A ``txt`` file's key is its article id; a batch's articles are ``key#id``."""

    path: str
    root: str
    key: str
    kind: str


def article_id_for(relative_path: str) -> str:
    """``nested/story.txt`` -> ``nested/story``: the path under its root, posix, no extension."""
    return str(PurePosixPath(relative_path).with_suffix(""))


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


def untrackable_reason(path: str) -> tuple[str, str] | None:
    """Why a matched file cannot be a Snakemake input, as a rejection (reason, detail), or None.

    Snakemake reads ``{...}`` in a declared input path as a wildcard, and stops on a declared
    input that does not exist (a broken symbolic link); such files are rejected instead."""
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


def is_trackable(path: str) -> bool:
    return untrackable_reason(path) is None


def check_size(n_bytes: int, max_bytes: int) -> None:
    if n_bytes > max_bytes:
        raise Rejection(
            "too_large",
            f"The file has {n_bytes:,} bytes, over the limit of {max_bytes:,} "
            "(config key max_article_bytes); split it or raise the limit.",
        )


def discover_sources(roots: list[str]) -> list[Source]:
    """Every ``*.txt`` and ``*.jsonl`` file beneath each root, at any depth, sorted by key.

    Hidden files and folders (``.git``, editor swap files) are skipped; the order does not depend
    on the file system.
    """
    found: list[Source] = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                kind = KINDS.get(Path(name).suffix)
                if name.startswith(".") or kind is None:
                    continue
                path = os.path.join(folder, name)
                if not (os.path.isfile(path) or os.path.islink(path)):
                    continue
                relative = Path(path).relative_to(root).as_posix()
                found.append(Source(path, root, article_id_for(relative), kind))
    return sorted(found, key=lambda s: (s.key, roots.index(s.root), s.path))


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
    text: str
    encoding: str
    raw: bytes


def _looks_binary(raw: bytes) -> str | None:
    for signature, kind in BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            return kind
    sample = raw[:8192]
    if sample.count(b"\x00") > len(sample) // 10:
        return "binary data (many NUL bytes)"
    return None


def decode(raw: bytes, max_bytes: int) -> Decoded:
    """Bytes to normalised text, or a ``Rejection`` naming what is wrong.

    UTF-8 (with or without BOM) and UTF-16 with BOM are decoded as such; anything else that is not
    valid UTF-8 is read as Windows-1252 (Latin-1 for its five undefined bytes). Line ends become
    ``\\n``, control characters and NULs are dropped, and the result is Unicode NFC.
    """
    check_size(len(raw), max_bytes)
    if not raw.strip():
        raise Rejection("empty", "The file is empty or holds only white space.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise Rejection(
                "undecodable", f"The file starts with a UTF-16 mark but is not UTF-16: {error}."
            ) from None
    else:
        kind = _looks_binary(raw)
        if kind:
            raise Rejection("binary", f"The file is {kind}, not text; remove it from the input.")
        try:
            text, encoding = raw.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = raw.decode("cp1252", errors="newsline-latin1"), "cp1252"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", repair_mojibake(CONTROL_CHARS.sub("", text)))
    if not text.strip():
        raise Rejection("empty", "The file holds no visible text once decoded.")
    unreadable = sum(1 for c in text if not (c.isprintable() or c in "\n\t"))
    if unreadable > len(text) * MAX_UNREADABLE_SHARE:
        raise Rejection(
            "undecodable",
            f"{unreadable} of {len(text)} characters are not printable as {encoding}; "
            "save the file as UTF-8 text.",
        )
    return Decoded(text=text, encoding=encoding, raw=raw)


# UTF-8 read as Windows-1252 leaves these pairs: 'â€™' for '’', 'Ã©' for 'é'.
MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u203a\u0152-\u0178™œ]")
MAX_UNREADABLE_SHARE = 0.05


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was once decoded as Windows-1252, where that is unambiguous: the
    whole text re-encodes to valid UTF-8 and no mojibake is left afterwards."""
    if not MOJIBAKE.search(text):
        return text
    try:
        repaired = text.encode("cp1252", errors="newsline-latin1").decode("utf-8")
    except UnicodeError:
        return text
    return repaired if not MOJIBAKE.search(repaired) else text


def _latin1_for_undefined(error: UnicodeError) -> tuple[str | bytes, int]:
    """cp1252 leaves five bytes undefined: decode them as Latin-1 (and encode them back)."""
    if isinstance(error, UnicodeDecodeError):
        return error.object[error.start : error.end].decode("latin-1"), error.end
    if isinstance(error, UnicodeEncodeError):
        chunk = error.object[error.start : error.end]
        if all(ord(c) in CP1252_UNDEFINED for c in chunk):
            return chunk.encode("latin-1"), error.end
    raise error


CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))
codecs.register_error("newsline-latin1", _latin1_for_undefined)


def content_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
