from __future__ import annotations

import datetime as dt

from newsline.dedup import Signed, cluster, signature, signature_key, signatures

from .conftest import cleaned_seed


def signed(article_id: str, text: str, published: dt.date | None = None) -> Signed:
    return Signed(article_id, published, len(text), signature(text, 5, 128).tolist())


def test_a_republished_copy_is_one_cluster_and_other_stories_are_not() -> None:
    original = cleaned_seed("000").text
    paragraphs = original.split("\n\n")
    # Another outlet: a trimmed last paragraph and its own chrome around the same story.
    copy = "\n\n".join(["Listen to this article", *paragraphs[:-1], "Share this story"])
    memberships = cluster(
        [
            signed("outlet-a/medvedev", original, dt.date(2022, 12, 22)),
            signed("outlet-b/medvedev", copy, dt.date(2022, 12, 23)),
            signed("003", cleaned_seed("003").text),
            signed("004", cleaned_seed("004").text),
        ],
        threshold=0.8,
    )
    by_id = {m.article_id: m for m in memberships}
    assert by_id["outlet-a/medvedev"].cluster_id == by_id["outlet-b/medvedev"].cluster_id
    assert by_id["outlet-b/medvedev"].canonical_id == "outlet-a/medvedev"  # published first
    assert 0.8 <= by_id["outlet-b/medvedev"].similarity < 1.0
    assert by_id["outlet-a/medvedev"].similarity == 1.0
    assert (
        len(
            {
                by_id["003"].cluster_id,
                by_id["004"].cluster_id,
                by_id["outlet-a/medvedev"].cluster_id,
            }
        )
        == 3
    )


def test_signatures_are_deterministic() -> None:
    text = cleaned_seed("002").text
    assert signature(text, 5, 64).tolist() == signature(text, 5, 64).tolist()


def test_linked_items_form_one_group_through_others() -> None:
    from newsline.grouping import connected_groups

    groups = connected_groups(["d", "c", "b", "a", "e"], [("c", "a"), ("d", "c")])
    assert groups == [["a", "c", "d"], ["b"], ["e"]]


def test_a_known_signature_is_reused_and_a_new_text_is_hashed() -> None:
    old, new = cleaned_seed("000").text, cleaned_seed("001").text
    known = {signature_key(old, 5, 64): [7] * 64}  # a stand-in value, to see it is taken
    (old_key, old_values), (new_key, new_values) = signatures([old, new], 5, 64, known)
    assert (old_key, old_values) == (signature_key(old, 5, 64), [7] * 64)
    assert (new_key, new_values) == (signature_key(new, 5, 64), signature(new, 5, 64).tolist())
    # Other parameters make another signature: nothing is reused across them.
    assert signature_key(old, 4, 64) != old_key and signature_key(old, 5, 128) != old_key
