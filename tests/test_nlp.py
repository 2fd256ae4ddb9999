from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from spacy.language import Language

from newsline.cache import remove_orphan_caches
from newsline.nlp import (
    annotated_docs,
    governing_verb,
    parse,
    read_cache,
    sentence_index_of,
    trimmed,
    write_cache,
)

from .conftest import DEFAULT_MODEL, cleaned_seed


def test_the_parse_is_kept_whole_for_later_stages(nlp: Language, tmp_path: Path) -> None:
    texts = {a: cleaned_seed(a).text for a in ("000", "003")}
    data = write_cache(parse(list(texts.items()), DEFAULT_MODEL, 8, {}), tmp_path / "c.spacy")
    docs = dict(annotated_docs(data))
    assert list(docs) == ["000", "003"]
    for article_id, doc in docs.items():
        fresh = nlp(texts[article_id])
        assert doc.text == texts[article_id]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
            (e.start_char, e.end_char, e.label_) for e in fresh.ents
        ]
        assert [s.start_char for s in doc.sents] == [s.start_char for s in fresh.sents]
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in fresh]
        assert [t.head.i for t in doc] == [t.head.i for t in fresh]


def test_a_rebuilt_shard_parses_only_new_and_edited_texts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "shard.spacy"
    first = [("000", cleaned_seed("000").text), ("001", cleaned_seed("001").text)]
    before = write_cache(parse(first, DEFAULT_MODEL, 8, read_cache(cache)), cache)

    edited = ("001", cleaned_seed("001").text + " Putin met Xi on Friday.")
    added = ("004", cleaned_seed("004").text)
    with caplog.at_level(logging.INFO, logger="newsline"):
        after = write_cache(
            parse([first[0], edited, added], DEFAULT_MODEL, 8, read_cache(cache)), cache
        )
    assert "1 of 3 articles parsed before; parsing 2" in caplog.text
    reparsed = dict(annotated_docs(after))
    assert reparsed["001"].text.endswith("Putin met Xi on Friday.")
    assert dict(annotated_docs(before))["000"].to_bytes() == reparsed["000"].to_bytes()
    # The cache now holds exactly the shard's articles: 001's old text is gone.
    assert sorted(doc.text for doc in read_cache(cache).values()) == sorted(
        text for _, text in [first[0], edited, added]
    )


def test_a_fully_cached_shard_never_loads_the_model(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "shard.spacy"
    articles = [("002", cleaned_seed("002").text)]
    write_cache(parse(articles, DEFAULT_MODEL, 8, {}), cache)
    with caplog.at_level(logging.INFO, logger="newsline"):
        parse(articles, DEFAULT_MODEL, 8, read_cache(cache))
    assert "1 of 1 articles parsed before; parsing 0" in caplog.text
    assert "loaded" not in caplog.text


def test_a_damaged_cache_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "shard.spacy"
    cache.write_bytes(b"not a DocBin")
    with caplog.at_level(logging.WARNING, logger="newsline"):
        assert read_cache(cache) == {}
    assert "ignoring the unreadable parse cache" in caplog.text
    assert read_cache(tmp_path / "missing.spacy") == {}


def test_caches_of_shards_without_articles_are_removed(tmp_path: Path) -> None:
    for path in ("parse/0001.spacy", "parse/0002.spacy", "signatures/0002.parquet"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x")
    removed = remove_orphan_caches(tmp_path, ["0001"])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in removed) == [
        "parse/0002.spacy",
        "signatures/0002.parquet",
    ]
    assert (tmp_path / "parse/0001.spacy").is_file()


def test_trimmed_leaves_out_white_space_and_the_punctuation_asked_for() -> None:
    text = " , Dec. 30, "
    assert text[slice(*trimmed(text, 0, len(text), leading=",.;:", trailing=",;:"))] == "Dec. 30"
    # An abbreviation keeps its stop where keep_end says so; another stop goes.
    abbreviation = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
    assert trimmed("the U.S.", 4, 8, trailing=".", keep_end=abbreviation) == (4, 8)
    assert trimmed("Moscow.", 0, 7, trailing=".", keep_end=abbreviation) == (0, 6)


def test_the_governing_verb_and_the_sentence_of_each_token(nlp: Language) -> None:
    doc = nlp("Xi met Putin on Wednesday. The planned visit to Moscow.")
    sentences = sentence_index_of(doc)
    wednesday = next(t for t in doc if t.text == "Wednesday")
    moscow = next(t for t in doc if t.text == "Moscow")
    assert governing_verb(wednesday).text == "met"
    assert (sentences[wednesday.i], sentences[moscow.i]) == (0, 1)
    # "planned" only modifies the noun: the second sentence has no verb that governs Moscow.
    assert governing_verb(moscow) is None
    assert governing_verb(wednesday, max_hops=1) is None
