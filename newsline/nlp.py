"""The one spaCy pass: every article is parsed once, and once only across builds.

A shard's parses are kept in a content-addressed cache: a Parquet file of one row per article,
its parse key (what it was parsed from: its text, the pipeline and its version, spaCy's version)
and the serialised Doc. When a shard is rebuilt, only texts whose key is not in the cache are
parsed, and only the rows an article needs are read; the cache is then rewritten with exactly
the shard's current articles. The cache is an optimisation only: without it (deleted, or on a
cluster node that does not share the file system) everything is parsed again, to the same
result.

Every parse goes through its serialised bytes and back before it is read (see
``annotated_docs``), so a parse taken from the cache and a fresh one are read alike, with a
blank vocabulary.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from newsline import tables

# spaCy is imported by the functions that run it, not here: the corpus tables job reads the parse
# helpers below (through the date, entity and event modules) without parsing anything, and
# would otherwise pay spaCy's import (about 0.7 s) for type names.
if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

ARTICLE_ID = "article_id"
PARSE_KEY = "parse_key"
log = logging.getLogger("newsline")


def load_model(name: str) -> Language:
    """The configured pipeline; every component is kept because dates use the tagger and parser
    (tense, heads), entities use NER and events use lemmas and dependencies."""
    import spacy

    return spacy.load(name)


def model_fingerprint(name: str) -> str:
    """What a parse depends on besides its text: the pipeline, its version, spaCy's version. A
    pipeline given as a folder is fingerprinted by its files, which retraining in place changes."""
    import spacy

    if spacy.util.is_package(name):
        identity = spacy.util.get_package_version(name) or "unknown"
    else:
        content = hashlib.sha256()
        for path in sorted(p for p in Path(name).rglob("*") if p.is_file()):
            content.update(str(path.relative_to(name)).encode() + b"\0" + path.read_bytes())
        identity = content.hexdigest()
    return f"{name} {identity} spacy {spacy.__version__}"


def parse_key(fingerprint: str, text: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{text}".encode()).hexdigest()


# The parse cache: one row per article, its parse key and its Doc as DocBin bytes (compressed
# by DocBin already, so the file is not compressed again).
PARSE_CACHE = pa.schema([(PARSE_KEY, pa.string()), ("doc", pa.binary())])


def read_cache(path: str | Path, keys: Collection[str] | None = None) -> dict[str, bytes]:
    """The cached parses (a Doc's bytes) by key, of ``keys`` only when given; none when there is
    no cache or it cannot be read (it is then rebuilt, so an unreadable cache costs time, never
    a result)."""
    if not Path(path).is_file() or (keys is not None and not keys):
        return {}
    try:
        wanted = None if keys is None else [(PARSE_KEY, "in", sorted(keys))]
        table = pq.read_table(path, schema=PARSE_CACHE, filters=wanted)
    except Exception as error:  # any damage: a cache is never worth failing a build for
        log.warning("ignoring the unreadable parse cache %s (%s)", path, error)
        return {}
    return dict(
        zip(table.column(PARSE_KEY).to_pylist(), table.column("doc").to_pylist(), strict=True)
    )


def cached_keys(path: str | Path) -> set[str]:
    """The parse keys a cache holds (none when it is missing or unreadable)."""
    try:
        return set(pq.read_table(path, columns=[PARSE_KEY]).column(PARSE_KEY).to_pylist())
    except Exception:  # missing or damaged: read_cache says which when it is read
        return set()


def write_cache(parses: Mapping[str, bytes], path: str | Path) -> None:
    """Keep ``parses`` (parse key -> Doc bytes) for the next build of this shard."""
    keys = sorted(parses)
    table = pa.table({PARSE_KEY: keys, "doc": [parses[k] for k in keys]}, schema=PARSE_CACHE)
    tables.write_table(table, path, compression="none")


def doc_bytes(doc: Doc) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=[doc]).to_bytes()


@dataclass(frozen=True)
class ToParse:
    """An article to parse, and the pipeline (package name or directory) that parses it."""

    article_id: str
    text: str
    model: str


@dataclass
class Parsed:
    """A shard's parses: each parsed article's Doc bytes (``docs``, by article id, in the order
    asked) and parse key (``keys``), and the articles no pipeline could parse, with the error."""

    docs: dict[str, bytes] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


# Texts longer than this are parsed in pieces (see ``text_pieces``): spaCy refuses texts over
# its max_length (1,000,000 characters), and its parser's memory grows with a text's length.
PIECE_CHARS = 100_000
# Where a long text is cut, best first: after a paragraph break, after a sentence's end, after
# any white space. A piece is cut at the last such place it holds.
PIECE_BOUNDARIES = (
    re.compile(r"\n\s*\n\s*"),
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),
    re.compile(r"\s+"),
)


def text_pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it exactly,
    each cut at the best boundary (``PIECE_BOUNDARIES``) in its piece, else at ``limit``."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for boundary in PIECE_BOUNDARIES:
            ends = [m.end() for m in boundary.finditer(window) if m.end() < limit]
            if ends:
                cut = ends[-1]
                break
        pieces.append(window[:cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_keys(articles: Sequence[ToParse]) -> list[str]:
    """Each article's parse key: its text, its pipeline's fingerprint."""
    fingerprints = {model: model_fingerprint(model) for model in {a.model for a in articles}}
    return [parse_key(fingerprints[a.model], a.text) for a in articles]


def parse(articles: Sequence[ToParse], batch_size: int, cached: Mapping[str, bytes]) -> Parsed:
    """The parse of each article by its pipeline, taking what ``cached`` holds (parse key ->
    Doc bytes) and running the pipelines over the rest; a pipeline is only loaded when
    something is left for it to parse. An article that makes its pipeline fail is left out and
    named in ``failures``: it never costs the others."""
    keys = parse_keys(articles)
    missing = {
        key: article for key, article in zip(keys, articles, strict=True) if key not in cached
    }
    log.info("%d of %d articles parsed before; parsing %d", len(articles) - len(missing),
             len(articles), len(missing))  # fmt: skip
    parsed: dict[str, bytes] = dict(cached)
    errors: dict[str, str] = {}  # by parse key: articles of one text fail together
    for model in sorted({a.model for a in missing.values()}):
        started = time.perf_counter()
        nlp = load_model(model)
        log.info("loaded %s in %.1f s", model, time.perf_counter() - started)
        todo = {key: a for key, a in missing.items() if a.model == model}
        for key, result in _parsed_isolated(nlp, todo, batch_size):
            if isinstance(result, str):
                errors[key] = result
            else:
                parsed[key] = doc_bytes(result)
    result = Parsed()
    for article, key in zip(articles, keys, strict=True):
        if key in errors:
            result.failures[article.article_id] = errors[key]
        else:
            result.docs[article.article_id] = parsed[key]
            result.keys[article.article_id] = key
    return result


def _parsed_isolated(
    nlp: Language, todo: Mapping[str, ToParse], batch_size: int
) -> Iterator[tuple[str, Doc | str]]:
    """``(key, Doc)`` for each article parsed, ``(key, error)`` for each that failed. Short
    texts go through ``nlp.pipe`` in batches; a batch that fails is parsed again one text at a
    time, so only the article at fault fails. A long text is parsed piece by piece and the
    pieces joined into one Doc, whose text is the article's exactly."""
    short = [(key, a.text) for key, a in todo.items() if len(a.text) <= PIECE_CHARS]
    done = 0
    for first in range(0, len(short), batch_size):
        batch = short[first : first + batch_size]
        try:
            docs = list(nlp.pipe([text for _, text in batch], batch_size=batch_size))
            yield from zip([key for key, _ in batch], docs, strict=True)
        except Exception:
            for key, text in batch:
                yield key, _parsed_alone(nlp, lambda text=text: nlp(text))
        done += len(batch)
        log.info("parsed %d/%d articles", done, len(todo))
    for key, article in todo.items():
        if len(article.text) > PIECE_CHARS:
            pieces = text_pieces(article.text)
            yield key, _parsed_alone(nlp, lambda pieces=pieces: _joined(nlp, pieces))
            done += 1
            log.info("parsed %d/%d articles (%s: %d characters in %d pieces)", done, len(todo),
                     article.article_id, len(article.text), len(pieces))  # fmt: skip


def _joined(nlp: Language, pieces: list[str]) -> Doc:
    """One Doc of the pieces' parses, one piece in memory at a time."""
    from spacy.tokens import Doc

    return Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)


def _parsed_alone(nlp: Language, parse_one: Callable[[], Doc]) -> Doc | str:
    try:
        return parse_one()
    except Exception as error:
        log.warning("the pipeline failed on an article: %s: %s", type(error).__name__, error)
        return f"{type(error).__name__}: {error}"


def annotated_docs(docs: Mapping[str, bytes]) -> Iterator[tuple[str, Doc]]:
    """``(article_id, Doc)`` pairs of serialised parses (article id -> Doc bytes), read without
    any model, into one blank English vocabulary; each Doc's ``user_data`` names its article.
    The vocabulary is the one ``spacy.blank("en")`` makes, without the tokenizer that a blank
    pipeline builds around it (0.2 s of every shard job that reads an article)."""
    from spacy.tokens import DocBin
    from spacy.util import get_lang_class
    from spacy.vocab import create_vocab

    vocab = create_vocab("en", get_lang_class("en").Defaults)
    for article_id, data in docs.items():
        doc = next(iter(DocBin().from_bytes(data).get_docs(vocab)))
        doc.user_data = {ARTICLE_ID: article_id}
        yield article_id, doc


# --- reading the parse: helpers every stage that reads a Doc shares ----------------------------


def sentence_index_of(doc: Doc) -> dict[int, int]:
    """Token index -> 0-based sentence index, the ``sentence_index`` of every table."""
    index = {}
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            index[token.i] = number
    return index


def governing_verb(token: Token, max_hops: int = 8) -> Token | None:
    """The first verb (or auxiliary) at or above ``token`` within ``max_hops`` heads, not one
    that only modifies a noun ("the planned visit"); None when the sentence's root is reached
    first."""
    for _ in range(max_hops):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def trimmed(
    text: str,
    start: int,
    end: int,
    leading: str = "",
    trailing: str = "",
    keep_end: re.Pattern[str] | None = None,
) -> tuple[int, int]:
    """Offsets of ``text[start:end]`` without white space and the ``leading`` and ``trailing``
    punctuation around it; where the span ends as ``keep_end`` matches (an abbreviation's
    stop, "U.S."), the end stays."""
    while start < end and (text[start].isspace() or text[start] in leading):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in trailing):
        if keep_end is not None and keep_end.search(text, start, end):
            break
        end -= 1
    return start, end
