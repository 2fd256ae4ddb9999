from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from spacy.language import Language

from newsline.cache import remove_orphan_caches
from newsline.nlp import (
    PIECE_CHARS,
    Parsed,
    ToParse,
    annotated_docs,
    governing_verb,
    parse,
    read_cache,
    sentence_index_of,
    text_pieces,
    trimmed,
    write_cache,
)

from .conftest import DEFAULT_MODEL, cleaned_seed


def _to_parse(articles: list[tuple[str, str]], model: str = DEFAULT_MODEL) -> list[ToParse]:
    return [ToParse(article_id, text, model) for article_id, text in articles]


def test_the_parse_is_kept_whole_for_later_stages(nlp: Language) -> None:
    texts = {a: cleaned_seed(a).text for a in ("000", "003")}
    docs = dict(annotated_docs(parse(_to_parse(list(texts.items())), 8, {}).docs))
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


def _parsed_and_kept(articles: list[tuple[str, str]], cache: Path) -> Parsed:
    """Parse as a shard job does: what the cache holds taken from it, the cache then rewritten
    with exactly these articles."""
    result = parse(_to_parse(articles), 8, read_cache(cache))
    write_cache({result.keys[a]: data for a, data in result.docs.items()}, cache)
    return result


def test_a_rebuilt_shard_parses_only_new_and_edited_texts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "shard.parquet"
    first = [("000", cleaned_seed("000").text), ("001", cleaned_seed("001").text)]
    before = _parsed_and_kept(first, cache)

    edited = ("001", cleaned_seed("001").text + " Putin met Xi on Friday.")
    added = ("004", cleaned_seed("004").text)
    with caplog.at_level(logging.INFO, logger="newsline"):
        after = _parsed_and_kept([first[0], edited, added], cache)
    assert "1 of 3 articles parsed before; parsing 2" in caplog.text
    reparsed = dict(annotated_docs(after.docs))
    assert reparsed["001"].text.endswith("Putin met Xi on Friday.")
    assert dict(annotated_docs(before.docs))["000"].to_bytes() == reparsed["000"].to_bytes()
    # The cache now holds exactly the shard's articles: 001's old text is gone.
    assert sorted(doc.text for _, doc in annotated_docs(read_cache(cache))) == sorted(
        text for _, text in [first[0], edited, added]
    )
    # Only the parses asked for are read.
    assert list(read_cache(cache, {after.keys["004"]})) == [after.keys["004"]]


def test_a_fully_cached_shard_never_loads_the_model(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "shard.parquet"
    articles = [("002", cleaned_seed("002").text)]
    _parsed_and_kept(articles, cache)
    with caplog.at_level(logging.INFO, logger="newsline"):
        parse(_to_parse(articles), 8, read_cache(cache))
    assert "1 of 1 articles parsed before; parsing 0" in caplog.text
    assert "loaded" not in caplog.text


def test_a_damaged_cache_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "shard.parquet"
    cache.write_bytes(b"not Parquet")
    with caplog.at_level(logging.WARNING, logger="newsline"):
        assert read_cache(cache) == {}
    assert "ignoring the unreadable parse cache" in caplog.text
    assert read_cache(tmp_path / "missing.parquet") == {}


def test_caches_of_shards_without_articles_are_removed(tmp_path: Path) -> None:
    for path in ("parse/0001.parquet", "parse/0001.spacy", "parse/0002.parquet",
                 "readings/0002.read.parquet"):  # fmt: skip
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x")
    removed = remove_orphan_caches(tmp_path, ["0001"])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in removed) == [
        "parse/0001.spacy",  # a layout no job writes any more
        "parse/0002.parquet",
        "readings/0002.read.parquet",
    ]
    assert (tmp_path / "parse/0001.parquet").is_file()


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


def test_text_pieces_join_back_exactly_and_cut_at_the_best_boundary() -> None:
    paragraph = "Putin met Xi in Beijing on Thursday. They spoke for hours.\n\n"
    text = paragraph * 40
    pieces = text_pieces(text, limit=500)
    assert "".join(pieces) == text
    assert all(len(p) <= 500 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # after a paragraph break
    one_paragraph = "Putin met Xi. " * 100
    pieces = text_pieces(one_paragraph, limit=300)
    assert "".join(pieces) == one_paragraph
    assert all(p.endswith("Xi. ") for p in pieces[:-1])  # after a sentence's end
    unbroken = "x" * 1000
    assert text_pieces(unbroken, limit=300) == ["x" * 300] * 3 + ["x" * 100]


def test_a_text_over_the_piece_size_is_one_doc_with_exact_offsets(nlp: Language) -> None:
    seed = cleaned_seed("000").text
    copies = PIECE_CHARS // len(seed) + 2
    text = "\n\n".join([seed] * copies)
    result = parse([ToParse("long", text, DEFAULT_MODEL)], 8, {})
    assert result.failures == {}
    ((_, doc),) = annotated_docs(result.docs)
    assert doc.text == text
    assert len(text_pieces(text)) > 1
    # Entities are found in the last piece as in the first, at offsets into the whole text.
    first_names = [(e.text, e.label_) for e in nlp(seed).ents]
    late = [e for e in doc.ents if e.start_char > PIECE_CHARS]
    assert late and all(text[e.start_char : e.end_char] == e.text for e in late)
    assert [(e.text, e.label_) for e in doc.ents[-len(first_names) :]] == first_names


@Language.component("newsline_test_fails_on_marker")
def _fails_on_marker(doc):  # type: ignore[no-untyped-def]
    if "FAIL-HERE" in doc.text:
        raise ValueError("a component failed on this text")
    return doc


def test_an_article_that_makes_the_pipeline_fail_costs_no_other(
    nlp: Language, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A real pipeline (the default's, plus a component that fails on one text) run through
    ``parse``: the failing article is named, every other article of its batch is parsed."""
    import spacy

    failing = spacy.load(DEFAULT_MODEL)
    failing.add_pipe("newsline_test_fails_on_marker", last=True)
    failing.to_disk(tmp_path / "failing")
    bad = "Putin met Xi. FAIL-HERE"
    articles = [("000", cleaned_seed("000").text), ("bad", bad),
                ("003", cleaned_seed("003").text), ("bad copy", bad)]  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="newsline"):
        result = parse(_to_parse(articles, str(tmp_path / "failing")), 8, {})
    error = "ValueError: a component failed on this text"
    assert result.failures == {"bad": error, "bad copy": error}
    assert [a for a, _ in annotated_docs(result.docs)] == ["000", "003"]
    assert "the pipeline failed on an article" in caplog.text
