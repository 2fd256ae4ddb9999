"""Deduplication rules, each on the seeds' real text made into the copies outlets run."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsline.dedup import (
    CANDIDATE_JACCARD,
    KNOWN_BANDS,
    MINHASH_SCHEME,
    Membership,
    Signed,
    Thresholds,
    candidate_pairs,
    cluster,
    fingerprint,
    fingerprint_key,
    fingerprints,
    matching_text,
    overlap,
)
from newsline.events import Provenance, independent_sources

from .conftest import cleaned_seed

# config.yaml's defaults.
DEFAULTS = Thresholds(similarity=0.8, containment=0.8, lead_containment=0.5, cohesion=0.5)


def signed(article_id: str, text: str, published: dt.date | None = None) -> Signed:
    return Signed.of(article_id, published, len(text), fingerprint(text, 5, 128))


def clustered(*articles: Signed, thresholds: Thresholds = DEFAULTS) -> dict[str, Membership]:
    return {m.article_id: m for m in cluster(list(articles), thresholds)}


def paragraphs(article_id: str) -> list[str]:
    return cleaned_seed(article_id).text.split("\n\n")


def text(parts: list[str]) -> str:
    return "\n\n".join(parts)


def test_a_trimmed_copy_in_its_own_chrome_is_one_cluster_and_other_stories_are_not() -> None:
    original = paragraphs("000")
    copy = text(["Listen to this article", *original[:-4], "Share this story"])
    by_id = clustered(
        signed("outlet-a/medvedev", text(original), dt.date(2022, 12, 22)),
        signed("outlet-b/medvedev", copy, dt.date(2022, 12, 23)),
        signed("003", cleaned_seed("003").text),
        signed("004", cleaned_seed("004").text),
    )
    a, b = by_id["outlet-a/medvedev"], by_id["outlet-b/medvedev"]
    assert a.cluster_id == b.cluster_id
    assert (a.kind, a.similarity, a.containment) == ("original", 1.0, 1.0)
    assert b.canonical_id == "outlet-a/medvedev"  # published first
    assert b.kind == "excerpt" and b.containment == 1.0 and b.similarity < 1.0
    assert len({a.cluster_id, by_id["003"].cluster_id, by_id["004"].cluster_id}) == 3


def test_dateline_agency_tag_and_wire_credit_do_not_count() -> None:
    original = paragraphs("003")
    wire = text(
        [
            "MOSCOW, Dec 30 (Reuters) - " + original[0],
            *original[1:],
            "(Reporting by A; Editing by B)",
        ]
    )
    assert matching_text(wire) == text(original)
    by_id = clustered(signed("a", text(original)), signed("b", wire))
    assert by_id["b"].kind == "original"  # the longer, by its characters
    assert by_id["a"].kind == "identical" and by_id["a"].similarity == 1.0
    # A capitalised word before a dash later in the story is the story's, not a dateline.
    assert matching_text("The talks went well.\n\nUS - China trade grew.") == (
        "The talks went well.\n\nUS - China trade grew."
    )


def test_chrome_lines_shorter_than_a_shingle_are_not_matched_on() -> None:
    story = cleaned_seed("002").text
    chromed = text(["Advertisement", "Most read", story, "Share"])
    assert np.array_equal(fingerprint(story, 5, 64).shingles, fingerprint(chromed, 5, 64).shingles)


def test_a_revised_figure_is_a_revision_of_one_cluster() -> None:
    original = cleaned_seed("004").text
    revised = original.replace("2024", "2025", 1)
    assert revised != original
    by_id = clustered(signed("first", original), signed("resent", revised))
    assert by_id["resent"].cluster_id == by_id["first"].cluster_id
    assert by_id["resent"].kind == "revision" and 0.8 <= by_id["resent"].similarity < 1.0


def test_a_much_shorter_excerpt_and_a_much_longer_copy_are_one_cluster() -> None:
    original = paragraphs("003")
    excerpt = text(original[:4])  # less than half of the story
    extended = text([*original, *paragraphs("002")[:3]])  # the story and three more paragraphs
    by_id = clustered(
        signed("story", text(original), dt.date(2022, 12, 30)),
        signed("excerpt", excerpt, dt.date(2022, 12, 31)),
        signed("extended", extended, dt.date(2022, 12, 31)),
    )
    assert by_id["excerpt"].cluster_id == by_id["extended"].cluster_id == by_id["story"].cluster_id
    assert by_id["excerpt"].kind == "excerpt" and by_id["extended"].kind == "extended"
    assert by_id["excerpt"].similarity < 0.5 and by_id["excerpt"].containment == 1.0


def test_a_copy_that_keeps_the_lead_needs_less_containment() -> None:
    """An excerpt with a paragraph of the outlet's own: two thirds of it are the story. Where it
    leads with the story's text it is a copy; where it leads with text the story does not
    carry (its own lead, as a different story quoting two paragraphs would), it is not."""
    original = paragraphs("003")
    own = paragraphs("000")[1]
    with_lead = text([*original[:3], own])
    without_lead = text([own, *original[1:3]])
    story = signed("story", text(original))
    for name, copy, joined in (("with_lead", with_lead, True), ("without", without_lead, False)):
        measured = overlap(story.shingles, signed(name, copy).shingles)
        assert DEFAULTS.lead_containment <= measured.containment < DEFAULTS.containment
        by_id = clustered(story, signed(name, copy))
        assert (by_id[name].cluster_id == by_id["story"].cluster_id) is joined, name


def test_a_follow_up_that_quotes_a_paragraph_stays_apart() -> None:
    earlier = paragraphs("003")
    follow_up = paragraphs("000")
    follow_up.insert(3, earlier[2])
    by_id = clustered(signed("earlier", text(earlier)), signed("follow-up", text(follow_up)))
    assert by_id["earlier"].cluster_id != by_id["follow-up"].cluster_id


def test_two_stories_with_the_same_boilerplate_paragraphs_stay_apart() -> None:
    boilerplate = [
        "About the agency: it is one of the largest news organisations in the region, with "
        "bureaus in more than forty countries and a staff of several thousand journalists.",
        "This report may contain statements about future events that involve risks and "
        "uncertainties; the agency undertakes no obligation to update them after publication.",
    ]
    one = text([*paragraphs("003"), *boilerplate])
    other = text([*paragraphs("000"), *boilerplate])
    by_id = clustered(signed("one", one), signed("other", other))
    assert by_id["one"].cluster_id != by_id["other"].cluster_id


def test_briefs_from_one_template_stay_apart() -> None:
    template = (
        "{0}'s quarterly profit rose {1}% to ${2}bn in the three months to {3}, the company "
        "said on Tuesday.\n\nSales at the group climbed {4}% to ${5}bn, helped by strong demand "
        "in Asia. Analysts had expected a profit of ${6}bn.\n\n{0} shares rose {7}% in London "
        "trading after the announcement. The company said it expected market conditions to "
        "remain challenging for the rest of the year."
    )
    acme = template.format("Acme", 12, 1.4, "March", 5, 9.1, 1.2, 3.5)
    borealis = template.format("Borealis", 31, 2.2, "June", 8, 14.6, 2.5, 1.5)
    measured = overlap(signed("a", acme).shingles, signed("b", borealis).shingles)
    assert measured.containment >= DEFAULTS.lead_containment  # their boilerplate is most of them
    by_id = clustered(signed("acme", acme), signed("borealis", borealis))
    assert by_id["acme"].cluster_id != by_id["borealis"].cluster_id


def test_a_roundup_of_two_stories_does_not_chain_them_into_one_cluster() -> None:
    first, second = cleaned_seed("003").text, cleaned_seed("000").text
    roundup = text([first, second])
    by_id = clustered(signed("first", first), signed("second", second), signed("roundup", roundup))
    assert by_id["first"].cluster_id != by_id["second"].cluster_id
    # Without the cohesion rule, containment alone would chain them.
    loose = Thresholds(0.8, 0.8, 0.5, cohesion=0.0)
    chained = clustered(
        signed("first", first), signed("second", second), signed("roundup", roundup),
        thresholds=loose,
    )  # fmt: skip
    assert chained["first"].cluster_id == chained["second"].cluster_id


def test_a_short_piece_is_not_a_copy_by_containment_alone() -> None:
    story = cleaned_seed("000").text
    quote = paragraphs("000")[1]  # one 37-word paragraph, wholly in the story
    assert overlap(signed("s", story).shingles, signed("q", quote).shingles).containment == 1.0
    by_id = clustered(signed("story", story), signed("quote", quote))
    assert by_id["story"].cluster_id != by_id["quote"].cluster_id


def test_fingerprints_are_deterministic_and_reused_by_key() -> None:
    old, new = cleaned_seed("000").text, cleaned_seed("001").text
    assert np.array_equal(fingerprint(old, 5, 64).hashvalues, fingerprint(old, 5, 64).hashvalues)
    stand_in = fingerprint("a stand-in, to see it is taken", 5, 64)
    known = {fingerprint_key(old, 5, 64): stand_in}
    (old_key, old_found), (new_key, new_found) = fingerprints([old, new], 5, 64, known)
    assert (old_key, old_found) == (fingerprint_key(old, 5, 64), stand_in)
    assert new_key == fingerprint_key(new, 5, 64)
    assert np.array_equal(new_found.shingles, fingerprint(new, 5, 64).shingles)
    # Other parameters make another fingerprint: nothing is reused across them.
    assert fingerprint_key(old, 4, 64) != old_key and fingerprint_key(old, 5, 128) != old_key


def test_linked_items_form_one_group_through_others() -> None:
    from newsline.grouping import connected_groups

    groups = connected_groups(["d", "c", "b", "a", "e"], [("c", "a"), ("d", "c")])
    assert groups == [["a", "c", "d"], ["b"], ["e"]]


def test_independent_sources_count_outlets_among_non_duplicates() -> None:
    provenance = {
        # One wire story run by two outlets: one source, the canonical's outlet.
        "wire": Provenance("dup:wire", "wire", "reuters.com"),
        "wire-copy": Provenance("dup:wire", "wire", "metro.co.uk"),
        # Two different stories of one outlet: one source.
        "bbc-1": Provenance("dup:bbc-1", "bbc-1", "bbc.co.uk"),
        "bbc-2": Provenance("dup:bbc-2", "bbc-2", "bbc.co.uk"),
        # No outlet known: the article counts as its own source.
        "pasted": Provenance("dup:pasted", "pasted", None),
    }
    assert independent_sources(["wire-copy", "wire", "bbc-1", "bbc-2", "pasted"], provenance) == [
        "bbc.co.uk",
        "pasted",
        "reuters.com",
    ]
    # Where the canonical article does not report it, the first copy that does stands for it.
    assert independent_sources(["wire-copy"], provenance) == ["metro.co.uk"]
    # Without outlets, distinct clusters.
    assert independent_sources(["a", "b"], {}) == ["a", "b"]


def test_minhash_alone_signs_as_datasketch_does() -> None:
    """A job that imported no datasketch signs with MinHash alone (no scipy: its LSH is not
    imported), to the hash values of datasketch imported whole (as this test process has it)."""
    text = cleaned_seed("001").text
    script = (
        "import sys, json; from newsline.dedup import fingerprint; "
        "f = fingerprint(sys.stdin.read(), 5, 128); "
        "print(json.dumps([f.hashvalues.tolist(), 'scipy' in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=text, capture_output=True, text=True, check=True
    )
    hashvalues, scipy_imported = json.loads(done.stdout)
    assert not scipy_imported
    assert hashvalues == fingerprint(text, 5, 128).hashvalues.tolist()


def test_known_bands_are_datasketch_s() -> None:
    """The bands kept for the usual numbers of permutations are those MinHashLSH picks."""
    for num_perm, bands in KNOWN_BANDS.items():
        index = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=num_perm)
        assert (index.b, index.r) == bands, num_perm


def test_candidate_pairs_are_those_datasketch_lsh_finds() -> None:
    """Banding with numpy finds exactly the pairs MinHashLSH's index returns: seeds, their
    trimmed and edited copies, and each seed's paragraphs alone."""
    texts = []
    for seed in ("000", "001", "002", "003", "004"):
        text = cleaned_seed(seed).text
        paragraphs = text.split("\n\n")
        texts += [
            text,
            "\n\n".join(paragraphs[:4]),
            text + "\n\nOne more line of news.",
            *paragraphs,
        ]
    found = [fingerprint(matching_text(t), 5, 128) for t in texts]
    index = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=128)
    minhashes = [
        MinHash(num_perm=128, seed=1, scheme=MINHASH_SCHEME, hashvalues=f.hashvalues) for f in found
    ]
    for i, minhash in enumerate(minhashes):
        index.insert(i, minhash)
    expected = sorted({(i, j) for i, m in enumerate(minhashes) for j in index.query(m) if i < j})
    assert len(expected) > 50
    assert candidate_pairs([f.hashvalues for f in found]) == expected
    # A rebuild's new bodies: only their pairs, the same ones.
    for involving in ({0}, {3, 17, len(found) - 1}, set(range(0, len(found), 4)), set()):
        assert candidate_pairs([f.hashvalues for f in found], involving) == [
            (i, j) for i, j in expected if i in involving or j in involving
        ], involving
