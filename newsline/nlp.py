"""The one spaCy pass: parse every article of a shard once and keep the parse as a DocBin.

Later stages (dates, entities, events) read the DocBin back with a blank vocabulary, which takes
milliseconds, instead of loading the model and parsing again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

ARTICLE_ID = "article_id"


def load_model(name: str) -> Language:
    """The configured pipeline; every component is kept because dates use the tagger and parser
    (tense, heads), entities use NER and events use lemmas and dependencies."""
    return spacy.load(name)


def parse(
    nlp: Language, articles: Iterable[tuple[str, str]], batch_size: int, n_process: int = 1
) -> DocBin:
    """Parse ``(article_id, text)`` pairs with ``nlp.pipe``; the id travels in ``user_data``."""
    ids_and_texts = list(articles)
    docs = DocBin(store_user_data=True)
    texts = (text for _, text in ids_and_texts)
    for (article_id, _), doc in zip(
        ids_and_texts, nlp.pipe(texts, batch_size=batch_size, n_process=n_process), strict=True
    ):
        doc.user_data = {ARTICLE_ID: article_id}
        docs.add(doc)
    return docs


def write_docbin(docs: DocBin, path: str | os.PathLike[str]) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(docs.to_bytes())
    os.replace(tmp, target)


def read_docs(path: str | os.PathLike[str]) -> Iterator[tuple[str, Doc]]:
    """``(article_id, Doc)`` pairs of a shard's parse, without loading any model."""
    vocab = spacy.blank("en").vocab
    docs = DocBin(store_user_data=True).from_bytes(Path(path).read_bytes())
    for doc in docs.get_docs(vocab):
        yield doc.user_data[ARTICLE_ID], doc
