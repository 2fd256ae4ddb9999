from __future__ import annotations

from spacy.language import Language

from newsline.entities import (
    article_mentions,
    canonical_entities,
    canonical_keys,
    fold,
    local_names,
    slug,
    strip_title,
)
from newsline.timex import sentence_index_of

from .conftest import cleaned_seed


def mentions_of(nlp: Language, article: str) -> list[dict[str, object]]:
    text = cleaned_seed(article).text
    doc = nlp(text)
    found = article_mentions(doc, sentence_index_of(doc))
    for m in found:
        assert text[m.start_char : m.end_char] == m.text
    return [{"article_id": article, **m.__dict__} for m in found]


def test_titles_and_honorifics_are_not_part_of_a_name() -> None:
    assert strip_title("President Xi") == "Xi"
    assert strip_title("Former Russian President Dmitry Medvedev") == "Dmitry Medvedev"
    assert strip_title("Mr. Putin") == "Putin"
    assert strip_title("Russia") == "Russia"


def test_short_forms_join_the_one_full_name_they_abbreviate() -> None:
    mapping = local_names(["Xi", "Xi Jinping", "Putin"], ["Xi Jinping", "Vladimir Putin"])
    assert mapping == {"Xi": "Xi Jinping", "Xi Jinping": "Xi Jinping", "Putin": "Vladimir Putin"}
    ambiguous = local_names(["Xi"], ["Xi Jinping", "Xi Mingze"])
    assert ambiguous == {"Xi": "Xi"}


def test_a_lone_surname_joins_the_corpus_full_name() -> None:
    keys = canonical_keys([("Putin", "PERSON"), ("Vladimir Putin", "PERSON"), ("Russia", "GPE")])
    assert keys == {
        "putin": "vladimir putin",
        "vladimir putin": "vladimir putin",
        "russia": "russia",
    }


def test_ids_are_slugs_without_accents() -> None:
    assert fold("Serghei Şoigu") == "serghei soigu"
    assert slug("PERSON", "Serghei Şoigu") == "person:serghei-soigu"


def test_000_medvedev_tagged_as_a_place_is_still_medvedev(nlp: Language) -> None:
    rows = mentions_of(nlp, "000")
    medvedevs = {r["label"] for r in rows if r["text"] == "Medvedev"}
    assert "GPE" in medvedevs  # what the small model says of one of them
    assert {r["local_name"] for r in rows if r["text"] == "Medvedev"} == {"Dmitry Medvedev"}
    assert not any(r["text"].endswith("\n") or r["text"].endswith(" ") for r in rows)


def test_003_person_swallowed_by_an_organisation_is_split_off(nlp: Language) -> None:
    rows = mentions_of(nlp, "003")
    assert any(r["text"] == "Dmitry Medvedev" and r["label"] == "PERSON" for r in rows)
    assert not any("Dmitry Medvedev" in r["text"] and r["label"] == "ORG" for r in rows)


def test_xi_is_one_entity_across_the_seeds(nlp: Language) -> None:
    rows = [r for article in ("000", "001", "002", "003", "004") for r in mentions_of(nlp, article)]
    ids, entities = canonical_entities(rows)
    xi = next(e for e in entities if e.entity_id == "person:xi-jinping")
    assert xi.name == "Xi Jinping"
    assert {"Xi", "Xi Jinping"} <= set(xi.aliases)
    assert xi.n_articles == 5
    assert xi.n_mentions == sum(1 for i in ids if i == "person:xi-jinping")
    assert not any(e.entity_id.startswith("person:xi") and e is not xi for e in entities)


def test_mentions_never_end_in_white_space_a_quote_or_a_possessive() -> None:
    from newsline.entities import _trimmed

    # spaCy's span on a BBC sentence: "Janet Jackson's '" (the quote opens "wardrobe malfunction").
    text = "fined CBS for singer Janet Jackson's 'wardrobe malfunction', during which"
    start = text.index("Janet")
    span = _trimmed(text, start, text.index("wardrobe"))
    assert text[span[0] : span[1]] == "Janet Jackson"
    medvedev = "Russian Security Council\n\nMoreover"
    assert _trimmed(medvedev, 0, 26) == (0, len("Russian Security Council"))
