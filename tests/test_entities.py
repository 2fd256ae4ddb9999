from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from newsline.canonical import canonical_entities
from newsline.entities import (
    Entity,
    Mention,
    article_mentions,
    canonical_keys,
    fold,
    local_names,
    not_a_name,
    same_person,
    slug,
    strip_title,
    transliteration_key,
    unglued_names,
)
from newsline.gazetteer import demonym_code
from newsline.nlp import sentence_index_of

from .conftest import cleaned_seed


def mentions_of(nlp: Language, article: str) -> list[dict[str, object]]:
    text = cleaned_seed(article).text
    doc = nlp(text)
    found = article_mentions(doc, sentence_index_of(doc))
    for m in found:
        assert text[m.start_char : m.end_char] == m.text
    return [{"article_id": article, **m.__dict__} for m in found]


def mentions_by_text(nlp: Language, text: str) -> dict[str, Mention]:
    doc = nlp(text)
    return {m.text: m for m in article_mentions(doc, sentence_index_of(doc))}


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
    # Every mention the parse found that names Xi, counted from the mentions themselves.
    assert xi.n_mentions == sum(1 for r in rows if "Xi" in str(r["text"]).split()) == 30
    assert all(
        (i == "person:xi-jinping") == ("Xi" in str(r["text"]).split())
        for r, i in zip(rows, ids, strict=True)
    )
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


def test_transliteration_variants_fold_to_one_key() -> None:
    keys = {w: transliteration_key(fold(w)) for w in
            ["Zelensky", "Zelenskiy", "Zelenskyy", "Sergei", "Sergey", "Serghei", "Shoigu",
             "Şoigu", "Dmitry", "Dmitri"]}  # fmt: skip
    assert keys["Zelensky"] == keys["Zelenskiy"] == keys["Zelenskyy"]
    assert keys["Sergei"] == keys["Sergey"] == keys["Serghei"]
    assert keys["Shoigu"] == keys["Şoigu"] and keys["Dmitry"] == keys["Dmitri"]


def test_people_with_one_surname_stay_apart_unless_their_given_names_agree() -> None:
    assert same_person("sergei shoigu", "serghei soigu")
    assert same_person("aleksandr lukashenko", "alexander lukashenko")
    assert not same_person("ivana trump", "ivanka trump")
    assert not same_person("ivan petrov", "ivana petrova")
    assert not same_person("xi jinping", "xi mingze")


def mentions_in(nlp: Language, article_id: str, text: str) -> list[dict[str, object]]:
    doc = nlp(text)
    return [
        {"article_id": article_id, **m.__dict__}
        for m in article_mentions(doc, sentence_index_of(doc))
    ]


def test_lavrov_and_zelensky_are_one_entity_whatever_the_spelling(nlp: Language) -> None:
    # Sentences of the seeds: 003's main text and its tail, 002.
    rows = [
        *mentions_in(nlp, "a", "Russian Foreign Minister Sergey Lavrov, speaking to state media, "
                     "warned the U.S. against carrying out any kind of attack."),
        *mentions_in(nlp, "b", "Russia's new defense minister, Andrei Belousov, and head of "
                     "Russian diplomacy, Sergei Lavrov. Lavrov said the visit will reinforce "
                     "this trend."),
        *mentions_in(nlp, "c", "The trip occurred the same day that President Volodymyr "
                     "Zelensky visited Washington for talks with U.S. President Joe Biden."),
        *mentions_in(nlp, "d", "An adviser to Ukrainian President Volodymyr Zelenskiy said "
                     "Russia had confirmed that it was holding more than 3,000 prisoners of war."),
    ]  # fmt: skip
    ids, entities = canonical_entities(rows)
    by_id = {e.entity_id: e for e in entities}
    lavrov = by_id["person:sergei-lavrov"]
    assert {"Sergey Lavrov", "Sergei Lavrov", "Lavrov"} <= set(lavrov.aliases)
    assert lavrov.n_articles == 2
    zelensky = next(e for e in entities if e.entity_id.startswith("person:volodymyr-zelensk"))
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskiy"} <= set(zelensky.aliases)
    assert zelensky.n_mentions == sum(1 for r in rows if "Zelensk" in str(r["text"])) == 2
    assert {r["text"] for r, i in zip(rows, ids, strict=True) if i == zelensky.entity_id} == {
        "Volodymyr Zelensky",
        "Volodymyr Zelenskiy",
    }
    assert [i for i in by_id if "zelensk" in i or "lavrov" in i] == [
        "person:sergei-lavrov",
        zelensky.entity_id,
    ]


def test_curated_aliases_merge_what_the_rules_keep_apart() -> None:
    rows = [
        {"article_id": "a", "text": "Beijing", "label": "GPE", "local_name": "Beijing"},
        {"article_id": "b", "text": "China", "label": "GPE", "local_name": "China"},
        {"article_id": "b", "text": "Moscow", "label": "GPE", "local_name": "Moscow"},
    ]
    ids, entities = canonical_entities(rows)
    assert ids == ["gpe:beijing", "gpe:china", "gpe:moscow"]  # no metonym merged by default
    ids, entities = canonical_entities(rows, aliases={"beijing": "China"})
    assert ids == ["gpe:china", "gpe:china", "gpe:moscow"]
    china = next(e for e in entities if e.entity_id == "gpe:china")
    assert china.name == "China" and china.aliases == ("Beijing", "China")
    assert (china.n_mentions, china.n_articles) == (2, 2)


def test_a_name_wrapped_onto_the_next_line_stays_one_name(nlp: Language) -> None:
    text = (
        "Chinese President Xi\nJinping met Russian President Vladimir\nPutin in Moscow.\n\n"
        "Putin said the talks went well.\n\nRussian Security Council\n\nMoreover, they agreed."
    )
    by_text = mentions_by_text(nlp, text)
    assert by_text["Vladimir\nPutin"].name == "Vladimir Putin"
    assert by_text["Putin"].local_name == "Vladimir Putin"  # the short form finds it
    assert by_text["Xi\nJinping"].local_name == "Xi Jinping"
    assert "Russian Security Council" in by_text  # a paragraph break still ends a name
    _, entities = canonical_entities([{"article_id": "a", **m.__dict__} for m in by_text.values()])
    putin = next(e for e in entities if e.entity_id == "person:vladimir-putin")
    assert putin.aliases == ("Putin", "Vladimir Putin")


def test_one_name_the_model_tags_in_two_is_one_name(nlp: Language) -> None:
    by_text = mentions_by_text(
        nlp, "Tehran Radio quoted the spokesman Ali Akbar Hashemi Rafsanjani telling a delegation."
    )
    assert by_text["Ali Akbar Hashemi Rafsanjani"].label == "PERSON"
    assert "Ali Akbar" not in by_text


def test_a_surname_the_model_leaves_untagged_is_the_articles_person(nlp: Language) -> None:
    # AQUAINT APW19981205.0374: the model tags the first "Scharping", not the second.
    text = (
        "German defense minister Rudolf Scharping said Saturday the alliance is ready. "
        "Scharping, ending a two-day visit, praised its army."
    )
    doc = nlp(text)
    assert not any(e.text == "Scharping" for e in doc.ents)
    mentions = article_mentions(doc, sentence_index_of(doc))
    assert [(m.text, m.local_name) for m in mentions if m.label == "PERSON"] == [
        ("Rudolf Scharping", "Rudolf Scharping"),
        ("Scharping", "Rudolf Scharping"),
    ]


def test_a_person_split_in_two_by_a_line_wrap_is_joined(nlp: Language) -> None:
    doc = nlp("The visit of Vladimir\nPutin to Beijing.")
    # What the small model does on some wraps: two persons, one a line.
    doc.ents = [Span(doc, 3, 4, "PERSON"), Span(doc, 5, 6, "PERSON"), Span(doc, 7, 8, "GPE")]
    mentions = article_mentions(doc, sentence_index_of(doc))
    assert [(m.text, m.name) for m in mentions] == [
        ("Vladimir\nPutin", "Vladimir Putin"),
        ("Beijing", "Beijing"),
    ]


def rows_of(*mentions: tuple[str, str, str]) -> list[dict[str, object]]:
    """Mention rows as the corpus job reads them: (article_id, name as written, label)."""
    return [
        {"article_id": article, "text": text, "label": label, "local_name": strip_title(text)}
        for article, text, label in mentions
    ]


def entity_of(rows: list[dict[str, object]], text: str) -> Entity:
    ids, entities = canonical_entities(rows)
    wanted = ids[[r["text"] for r in rows].index(text)]
    return next(e for e in entities if e.entity_id == wanted)


def test_a_state_is_one_entity_whatever_the_corpus_calls_it() -> None:
    rows = rows_of(
        ("a", "UK", "GPE"), ("b", "Britain", "GPE"), ("c", "U.S.", "GPE"),
        ("c", "United States", "GPE"), ("d", "Soviet Union", "GPE"), ("d", "Georgia", "PERSON"),
    )  # fmt: skip
    uk = entity_of(rows, "UK")
    # Named as the corpus writes it out ("UK" is an abbreviation: an alias), coded by pycountry.
    assert (uk.entity_id, uk.name, uk.iso_code, uk.aliases) == (
        "gpe:united-kingdom", "Britain", "GB", ("Britain", "UK"),
    )  # fmt: skip
    assert entity_of(rows, "U.S.") == entity_of(rows, "United States")
    assert entity_of(rows, "U.S.").iso_code == "US"
    assert (entity_of(rows, "Soviet Union").iso_code, entity_of(rows, "Soviet Union").name) == (
        "SUHH", "Soviet Union",
    )  # fmt: skip
    # A name that is a state's only where it is a place: Georgia the person is no state.
    assert (entity_of(rows, "Georgia").label, entity_of(rows, "Georgia").iso_code) == (
        "PERSON", None,
    )  # fmt: skip


def test_a_state_goes_by_the_name_the_corpus_uses_most() -> None:
    # 1987 wire copy: "West Germany" throughout, "Germany" once; "U.S." most, but abbreviated.
    rows = rows_of(
        ("a", "West Germany", "GPE"), ("b", "West Germany", "GPE"), ("c", "Germany", "GPE"),
        ("a", "U.S.", "GPE"), ("b", "U.S.", "GPE"), ("c", "United States", "GPE"),
        ("d", "Britain", "GPE"), ("e", "United Kingdom", "GPE"),
    )  # fmt: skip
    germany = entity_of(rows, "Germany")
    assert (germany.name, germany.iso_code) == ("West Germany", "DE")
    assert entity_of(rows, "U.S.").name == "United States"
    assert entity_of(rows, "Britain").name == "United Kingdom"  # a tie: the gazetteer's name


@pytest.mark.parametrize(
    ("demonym", "code"),
    [("Iraqi", "IQ"), ("Iraqis", "IQ"), ("Kenyan", "KE"), ("Tanzanian", "TZ"), ("Chinese", "CN"),
     ("Polish", "PL"), ("Jordanian", "JO"), ("Soviets", "SUHH"), ("British", "GB"),
     ("South Korean", "KR"), ("West German", "DE"), ("Americans", "US"), ("Christian", None),
     ("African", None), ("Republican", None), ("Arab", None)],
)  # fmt: skip
def test_a_demonym_names_its_state_and_no_other_word_does(demonym: str, code: str | None) -> None:
    assert demonym_code(fold(demonym)) == code


def test_nationalities_stay_groups_and_acronyms_join_their_name() -> None:
    rows = rows_of(
        ("a", "Iraqi", "NORP"), ("a", "Iraq", "GPE"), ("b", "Soviet", "NORP"),
        ("c", "U.N.", "ORG"), ("c", "United Nations", "ORG"),
        ("d", "East Africa", "GPE"), ("d", "East African", "NORP"), ("d", "African", "NORP"),
    )  # fmt: skip
    # A nationality is a group of its own (readers count "the British" apart from the United
    # Kingdom); only a state has an ISO code (events take "Iraqi diplomats" for Iraq).
    iraqi = entity_of(rows, "Iraqi")
    assert (iraqi.entity_id, iraqi.iso_code) == ("norp:iraqi", None)
    assert (entity_of(rows, "Iraq").entity_id, entity_of(rows, "Iraq").iso_code) == (
        "gpe:iraq",
        "IQ",
    )
    assert entity_of(rows, "Soviet").name == "Soviet"
    assert entity_of(rows, "U.N.").entity_id == "org:united-nations"
    # A place abbreviates nothing: East Africa is not "East African".
    assert entity_of(rows, "East Africa").entity_id == "gpe:east-africa"


def test_a_party_is_one_entity_in_every_number_and_with_its_party() -> None:
    rows = rows_of(
        ("a", "Tory", "NORP"), ("a", "Tories", "NORP"), ("b", "Tory Party", "ORG"),
        ("c", "Labour", "ORG"), ("c", "Labour Party", "ORG"), ("d", "Tony Blair", "PERSON"),
        ("d", "Blair", "PERSON"), ("e", "the Blairs", "NORP"),
    )  # fmt: skip
    tory = entity_of(rows, "Tories")
    assert entity_of(rows, "Tory") == tory == entity_of(rows, "Tory Party")
    assert (tory.entity_id, tory.name, tory.label) == ("org:tory-party", "Tory Party", "ORG")
    assert entity_of(rows, "Labour").name == "Labour Party"
    # A family is not its member: "the Blairs" stays apart from Tony Blair.
    assert entity_of(rows, "Blair").name == "Tony Blair"
    assert entity_of(rows, "the Blairs") != entity_of(rows, "Blair")


def test_an_abbreviation_or_acronym_joins_the_one_name_it_stands_for() -> None:
    rows = rows_of(
        ("a", "Lib Dem", "PERSON"), ("a", "Lib Dems", "PERSON"),
        ("b", "Liberal Democrats", "NORP"), ("b", "Liberal Democrat", "NORP"),
        ("c", "UK Independence Party", "ORG"), ("c", "UKIP", "ORG"),
        ("d", "Securities and Exchange Commission", "ORG"), ("d", "SEC", "ORG"),
    )  # fmt: skip
    liberal = entity_of(rows, "Lib Dem")
    assert liberal == entity_of(rows, "Liberal Democrat") == entity_of(rows, "Lib Dems")
    # The model reads "Lib Dem" as a person; the group's own name says it is not one.
    assert (liberal.name, liberal.label) == ("Liberal Democrats", "NORP")
    assert entity_of(rows, "UKIP").name == "UK Independence Party"
    assert entity_of(rows, "SEC").name == "Securities and Exchange Commission"


def test_a_one_word_name_joins_the_longer_name_it_ends_where_that_is_the_corpus_usage() -> None:
    rows = rows_of(
        ("a", "Liberal Democrats", "NORP"), ("b", "Liberal Democrats", "NORP"),
        ("c", "Democrats", "NORP"), ("d", "Treasury", "ORG"), ("e", "Treasury", "ORG"),
        ("f", "Lib Dem Treasury", "ORG"),
    )  # fmt: skip
    assert entity_of(rows, "Democrats").name == "Liberal Democrats"
    # "Treasury" is used more often than the one longer name ending in it: a name of its own.
    assert entity_of(rows, "Treasury").name == "Treasury"
    # "post" is no name word: the post-Soviet area is not the Soviet Union's name (seed 000).
    compound = rows_of(("a", "post-Soviet", "NORP"), ("a", "Soviet", "NORP"))
    assert entity_of(compound, "Soviet").name == "Soviet"


def test_a_surname_joins_the_full_name_with_a_clear_majority_and_two_equals_stay_apart() -> None:
    clear = canonical_keys(
        [("Tony Blair", "PERSON")] * 5 + [("Cherie Blair", "PERSON"), ("Blair", "PERSON")]
    )
    assert clear["blair"] == "tony blair"
    even = canonical_keys(
        [("Charles Kennedy", "PERSON")] * 3
        + [("Charles Clarke", "PERSON")] * 3
        + [("Clarke", "PERSON"), ("Charles", "PERSON")]
    )
    assert even["charles"] == "charles"  # given name of two people: apart
    assert even["clarke"] == "charles clarke"
    # A place never joins a person who shares its word ("Baroness Scotland", "Mohammed Islam").
    place = canonical_keys(
        [("Scotland", "GPE"), ("Scotland", "GPE"), ("Mohammed Scotland", "PERSON")]
    )
    assert place["scotland"] == "scotland"


def test_a_party_glued_to_a_person_is_no_part_of_the_name() -> None:
    rows = rows_of(
        ("a", "Tories", "NORP"), ("b", "Tories", "NORP"), ("c", "Tories Ken Clarke", "PERSON"),
        ("d", "Ken Clarke", "PERSON"),
    )  # fmt: skip
    clarke = entity_of(rows, "Tories Ken Clarke")
    assert (clarke.name, clarke.aliases) == ("Ken Clarke", ("Ken Clarke", "Tories Ken Clarke"))
    assert entity_of(rows, "Tories").name == "Tories"


def test_in_an_article_a_group_name_joins_the_longer_one_it_ends(nlp: Language) -> None:
    text = (
        "Liberal Democrat leader Charles Kennedy said the Liberal Democrats would vote against "
        "it. The Democrats want a fairer tax."
    )
    by_text = mentions_by_text(nlp, text)
    # The model takes "Democrat" alone out of "Liberal Democrat leader": it is the party too.
    assert by_text["Democrat"].local_name == "Liberal Democrats"
    assert by_text["Democrats"].local_name == "Liberal Democrats"


def test_a_capitalised_preposition_is_no_part_of_a_place(nlp: Language) -> None:
    # The model tags "Across Wales".
    assert list(mentions_by_text(nlp, "Across Wales, voters were angry about the plans.")) == [
        "Wales"
    ]


def test_titles_of_peers_are_not_part_of_a_name_and_extend_no_place() -> None:
    assert strip_title("Baroness Scotland") == "Scotland"
    assert strip_title("Lord Goldsmith") == "Goldsmith"
    assert local_names(["Scotland"], ["Scotland"]) == {"Scotland": "Scotland"}


def test_spans_that_are_no_name_are_left_out_with_their_reason(nlp: Language) -> None:
    table = "Shr 20 cts vs 15 cts\nRevs 12.3 mln vs 10.1 mln"
    assert not_a_name(table, 0, 3) == "unit_or_table"
    assert not_a_name(table, table.index("Revs"), table.index("Revs") + 4) == "unit_or_table"
    dateline = "LONDON, March 3 (Reuters) - Shares fell."
    at = dateline.index("Reuters")
    assert not_a_name(dateline, at, at + 7) == "agency_tag"
    assert not_a_name("The", 0, 3) == "determiner"
    heading = "Intro line.\nEUROPEAN UNION SUMMIT\nThe leaders met."
    at = heading.index("EUROPEAN")
    assert not_a_name(heading, at, at + len("EUROPEAN UNION SUMMIT")) == "heading"
    listed = "House of Commons, European Parliament"
    assert not_a_name(listed, 0, len(listed)) == "list"
    for name in ("Reuters", "Charles, Prince of Wales", "Washington, D.C.", "NATO"):
        assert not_a_name(name, 0, len(name)) is None
    doc = nlp("Shr 20 cts vs 15 cts. Net profit rose at Exxon Corp, which is based in Texas.")
    found = {m.text for m in article_mentions(doc, sentence_index_of(doc))}
    assert "Shr" not in found and "Exxon Corp" in found


def test_003_the_us_china_and_russia_are_states_with_their_codes(nlp: Language) -> None:
    rows = mentions_of(nlp, "003")  # "countries such as the U.S., Italy, and India", ...
    _, entities = canonical_entities(rows)
    by_id = {e.entity_id: e for e in entities}
    assert (by_id["gpe:united-states"].name, by_id["gpe:united-states"].iso_code) == (
        "United States",
        "US",
    )
    assert "U.S." in by_id["gpe:united-states"].aliases
    assert (by_id["gpe:china"].iso_code, by_id["gpe:russia"].iso_code) == ("CN", "RU")
    assert all(e.iso_code is None for e in entities if e.label == "PERSON")


def test_entities_are_decided_per_name_whatever_the_order_or_repetition_of_mentions() -> None:
    """canonical_entity_table counts mentions by name: a corpus where every mention is written
    three times counts three times as much and decides the same entities."""
    rows = [
        {"article_id": "a", "text": "Lib Dem", "label": "PERSON", "local_name": "Lib Dem"},
        {"article_id": "b", "text": "Liberal Democrats", "label": "ORG",
         "local_name": "Liberal Democrats"},
        {"article_id": "b", "text": "Kennedy", "label": "PERSON", "local_name": "Kennedy"},
        {"article_id": "c", "text": "Charles Kennedy", "label": "PERSON",
         "local_name": "Charles Kennedy"},
        {"article_id": "c", "text": "Finance Ministry", "label": "ORG",
         "local_name": "Finance Ministry"},
        {"article_id": "c", "text": "France", "label": "GPE", "local_name": "France"},
        {"article_id": "d", "text": "Spain", "label": "GPE", "local_name": "Spain"},
        {"article_id": "e", "text": "Italy", "label": "GPE", "local_name": "Italy"},
    ]  # fmt: skip
    ids, entities = canonical_entities(rows)
    tripled_ids, tripled = canonical_entities([row for row in rows for _ in range(3)])
    assert tripled_ids == [i for i in ids for _ in range(3)]
    assert [(e.entity_id, e.name, e.label, e.aliases) for e in tripled] == [
        (e.entity_id, e.name, e.label, e.aliases) for e in entities
    ]
    assert [e.n_mentions for e in tripled] == [3 * e.n_mentions for e in entities]
    assert [e.n_articles for e in tripled] == [e.n_articles for e in entities]
    by_id = dict(zip([r["text"] for r in rows], ids, strict=True))
    assert by_id["Lib Dem"] == by_id["Liberal Democrats"] == "org:liberal-democrats"
    assert by_id["Kennedy"] == "person:charles-kennedy"
    assert by_id["Finance Ministry"] == "org:france-finance-ministry"


def test_a_name_labelled_two_ways_is_unglued_as_its_last_mention_labels_it() -> None:
    counts = [("Tory", "NORP", 3), ("Tory Neil Hamilton", "NORP", 1)]
    assert unglued_names([*counts, ("Tory Neil Hamilton", "PERSON", 1)]) == {
        "Tory": "Tory",
        "Tory Neil Hamilton": "Neil Hamilton",
    }
    assert unglued_names([("Tory Neil Hamilton", "PERSON", 1), *counts])["Tory Neil Hamilton"] == (
        "Tory Neil Hamilton"
    )
