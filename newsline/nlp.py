"""The one spaCy pass: every article is parsed once, and once only across builds.

A shard's parse is kept as a DocBin in a content-addressed cache: each doc carries the key of
what it was parsed from (its text, the pipeline and its version, spaCy's version). When a shard
is rebuilt because an article was added, edited or deleted, only texts whose key is not in the
cache are parsed; the cache is then rewritten with exactly the shard's current articles. The
cache is an optimisation only: without it (deleted, or on a cluster node that does not share
the file system) everything is parsed again, to the same result.

Every parse goes through the DocBin bytes and back before it is read (see ``annotated_docs``),
so a parse taken from the cache and a fresh one are read alike, with a blank vocabulary.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Token

from newsline import tables

ARTICLE_ID = "article_id"
PARSE_KEY = "parse_key"
log = logging.getLogger("newsline")


def load_model(name: str) -> Language:
    """The configured pipeline; every component is kept because dates use the tagger and parser
    (tense, heads), entities use NER and events use lemmas and dependencies."""
    return spacy.load(name)


def model_fingerprint(name: str) -> str:
    """What a parse depends on besides its text: the pipeline, its version, spaCy's version. A
    pipeline given as a folder is fingerprinted by its files, which retraining in place changes."""
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


def read_cache(path: str | Path) -> dict[str, Doc]:
    """The cached parses by key; none when there is no cache or it cannot be read (it is then
    rebuilt, so an unreadable cache costs time, never a result)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return {}
    try:
        docs = DocBin(store_user_data=True).from_bytes(data).get_docs(spacy.blank("en").vocab)
        return {doc.user_data[PARSE_KEY]: doc for doc in docs}
    except Exception as error:  # any damage: a cache is never worth failing a build for
        log.warning("ignoring the unreadable parse cache %s (%s)", path, error)
        return {}


def parse(
    articles: Sequence[tuple[str, str]],
    model: str,
    batch_size: int,
    cached: Mapping[str, Doc],
) -> DocBin:
    """The parse of ``(article_id, text)`` pairs, taking what ``cached`` holds and running
    ``nlp.pipe`` over the rest; the model is only loaded when something is left to parse. Each
    doc's ``user_data`` holds its article id and parse key."""
    fingerprint = model_fingerprint(model)
    keys = [parse_key(fingerprint, text) for _, text in articles]
    missing = {key: text for key, (_, text) in zip(keys, articles, strict=True)}
    for key in cached.keys() & missing.keys():
        del missing[key]
    log.info("%d of %d articles parsed before; parsing %d", len(articles) - len(missing),
             len(articles), len(missing))  # fmt: skip
    parsed: dict[str, Doc] = dict(cached)
    if missing:
        started = time.perf_counter()
        nlp = load_model(model)
        log.info("loaded %s in %.1f s", model, time.perf_counter() - started)
        texts = _logged_progress(missing.values(), len(missing))
        parsed.update(zip(missing, nlp.pipe(texts, batch_size=batch_size), strict=True))
    docs = DocBin(store_user_data=True)
    for (article_id, _), key in zip(articles, keys, strict=True):
        doc = parsed[key]
        doc.user_data = {ARTICLE_ID: article_id, PARSE_KEY: key}
        docs.add(doc)
    return docs


def _logged_progress(texts: Iterable[str], total: int) -> Iterator[str]:
    for done, text in enumerate(texts, start=1):
        yield text
        if done % 100 == 0 or done == total:
            log.info("parsed %d/%d articles", done, total)


def write_cache(docs: DocBin, path: str | Path) -> bytes:
    """Keep the parse for the next build of this shard; returns the bytes written."""
    data = docs.to_bytes()
    tables.write_bytes(data, path)
    return data


def annotated_docs(data: bytes) -> Iterator[tuple[str, Doc]]:
    """``(article_id, Doc)`` pairs of a serialised parse, read without any model."""
    vocab = spacy.blank("en").vocab
    for doc in DocBin(store_user_data=True).from_bytes(data).get_docs(vocab):
        yield doc.user_data[ARTICLE_ID], doc


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
        if token.head is token:
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
