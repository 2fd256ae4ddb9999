from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from newsline.nlp import parse, read_docs, write_docbin

from .conftest import cleaned_seed


def test_the_parse_is_kept_whole_for_later_stages(nlp: Language, tmp_path: Path) -> None:
    texts = {a: cleaned_seed(a).text for a in ("000", "003")}
    write_docbin(parse(nlp, texts.items(), batch_size=8), tmp_path / "shard.spacy")
    docs = dict(read_docs(tmp_path / "shard.spacy"))
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
