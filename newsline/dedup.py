"""Copies of one story: word-shingle fingerprints per article, containment over the corpus.

An article's fingerprint is the set of its body's word shingles (hashed to 32 bits), those of
its lead paragraph, and their MinHash. What an outlet puts around a story it runs (its
headline, which cleaning keeps out of the text, and the dateline, agency tag and wire credits of
``MATCHING_RULES``) is set aside first, so it counts neither for nor against a match.
Fingerprints are computed once per article and kept by a key of its text and the parameters,
so a rebuilt shard only hashes its new and edited articles.

The corpus-level step finds candidate pairs with datasketch's MinHash LSH at a low similarity
(``CANDIDATE_JACCARD``), without comparing all pairs, and measures each candidate exactly on
the shingle sets:

- ``similarity``: Jaccard, shared shingles over all shingles of the two;
- ``containment``: shared shingles over the shingles of the shorter one.

Two articles are copies when their similarity reaches ``similarity`` (a revision: a word or a
figure changed), or when the shorter one has at least ``min_shingles`` shingles and its
containment reaches ``containment`` (a trimmed, extended or re-chromed copy), or
``lead_containment`` where the longer carries the shorter's lead (outlets cut from the end and
add their own paragraphs, and keep the lead). Links are joined strongest first, and two groups
are joined only when every two of their articles still share ``cohesion`` of the shorter: a
roundup that carries two stories whole, or a short piece whose one paragraph two different
stories both quote, does not chain those stories into one cluster. Different stories on one
topic share a few sentences at most (a quoted paragraph, a template's boilerplate lines) and
stay well below ``containment``, with leads of their own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import re
import struct
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    from datasketch import MinHash

WORD = re.compile(r"\w+")
# Fixed explicitly: stored fingerprints are only comparable with ones made by the same scheme
# (MinHash permutations, the shingle hash and MATCHING_RULES).
SCHEME = "affine32-body1"
MINHASH_SCHEME = "affine32"

# What outlets add around the story they run, set aside before shingling (rules as data: an
# ordered table of named patterns). A ``lead`` rule strips the start of the paragraphs up to the
# story's lead (the first of LEAD_WORDS words or more), where datelines stand; a ``paragraph``
# rule removes a whole paragraph anywhere.
MATCHING_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # "LONDON, Feb 3 (Reuters) - ", "NEW YORK (AP) — ", "MOSCOW -- ": a capitalised place, an
    # optional date and agency, a dash.
    (
        "dateline",
        "lead",
        re.compile(
            r"^[A-Z][A-Z.'’ -]{1,29}[A-Z.](?:/[A-Z][A-Z.'’ -]{0,29}[A-Z.])?"
            r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()\n]{1,30}\))?\s*(?:-{1,2}|[–—])\s+"
        ),
    ),
    # "Beijing (Xinhua) - ", "(AP) — ": an agency in parentheses before the dash.
    (
        "agency_dateline",
        "lead",
        re.compile(
            r"^(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3},? )?\([^()\n]{1,30}\)\s*(?:-{1,2}|[–—])\s+"
        ),
    ),
    # A wire credit as a paragraph of its own: "(Reporting by ...; Editing by ...)".
    (
        "wire_credit",
        "paragraph",
        re.compile(
            r"^\(?(?:(?:Additional )?reporting|Writing|Editing|Compiled) by\b[^\n]{0,300}\)?$",
            re.IGNORECASE,
        ),
    ),
)
LEAD_WORDS = 10
# Candidate pairs for exact measurement: LSH at a low Jaccard similarity finds a copy whose
# containment is ``lead_containment`` down to a fifth of the other's length (J = c r / (1 + r - c r)
# for containment c and length ratio r), at little cost: each candidate is checked exactly.
CANDIDATE_JACCARD = 0.1


def matching_text(text: str) -> str:
    """The body an article is matched on: without a dateline or agency tag before its lead, and
    without paragraphs that are wire credits."""
    kept = []
    before_lead = True
    for paragraph in text.split("\n\n"):
        for _, scope, pattern in MATCHING_RULES:
            if scope == "lead" and before_lead:
                paragraph = pattern.sub("", paragraph, count=1)
            elif scope == "paragraph" and pattern.match(paragraph):
                paragraph = ""
        if paragraph.strip():
            kept.append(paragraph)
            before_lead = before_lead and len(WORD.findall(paragraph)) < LEAD_WORDS
    return "\n\n".join(kept)


def _hashed(grams: set[str]) -> np.ndarray:
    hashes = {struct.unpack("<I", hashlib.sha1(g.encode()).digest()[:4])[0] for g in grams}
    return np.array(sorted(hashes), dtype=np.uint32)


def _grams(words: list[str], size: int) -> set[str]:
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Fingerprint:
    shingles: np.ndarray  # sorted distinct uint32 hashes of the body's shingles
    lead: np.ndarray  # those of its lead paragraph
    hashvalues: np.ndarray  # uint32 MinHash of the shingles


def fingerprint(text: str, size: int, num_perm: int) -> Fingerprint:
    """The sorted, distinct 32-bit hashes of the word ``size``-grams of ``text``'s matching body
    (the hash MinHash uses: the first four bytes of SHA-1), those of its lead, and their MinHash.

    Shingles stay within a paragraph, so that reordered or inserted paragraphs change only
    themselves, and a paragraph shorter than a shingle (a label or a button of page chrome:
    "Advertisement", "Most read") is not matched on, unless the text has nothing longer."""
    paragraphs = [WORD.findall(p.lower()) for p in matching_text(text).split("\n\n")]
    long_enough = [words for words in paragraphs if len(words) >= size]
    grams = {gram for words in long_enough for gram in _grams(words, size)}
    if not long_enough:
        grams = {" ".join(word for words in paragraphs for word in words)}
    lead = next((words for words in long_enough if len(words) >= LEAD_WORDS), [])
    hashed = _hashed(grams)
    minhash = _minhash_type()(num_perm=num_perm, seed=1, scheme=MINHASH_SCHEME, hashfunc=int)
    minhash.update_batch(hashed.tolist())
    return Fingerprint(hashed, _hashed(_grams(lead, size)), minhash.hashvalues.astype(np.uint32))


@cache
def _minhash_type() -> type[MinHash]:
    """datasketch's ``MinHash``, imported without the rest of datasketch where it is not
    imported yet: its package's ``__init__`` imports every sketch it has, the LSH ones through
    scipy.integrate (0.45 s), and a shard job that signs one new article needs ``MinHash``
    alone (``datasketch.minhash`` imports numpy and ``datasketch.hashfunc`` only). The package is
    put in ``sys.modules`` unexecuted for that one import and taken out again, so that a later
    ``import datasketch`` runs its ``__init__`` as usual, with this very class."""
    if "datasketch" in sys.modules:
        from datasketch import MinHash

        return MinHash
    spec = importlib.util.find_spec("datasketch")
    assert spec is not None
    sys.modules["datasketch"] = importlib.util.module_from_spec(spec)
    try:
        from datasketch.minhash import MinHash
    finally:
        del sys.modules["datasketch"]
    return MinHash


FINGERPRINT_FIELDS = ("shingles", "lead", "hashvalues")


def fingerprint_columns(found: Sequence[Fingerprint]) -> dict[str, pa.Array]:
    """Fingerprints as one ``list<uint32>`` column per field (a cache, a shard's signatures)."""
    return {
        name: pa.array([getattr(f, name) for f in found], pa.list_(pa.uint32()))
        for name in FINGERPRINT_FIELDS
    }


def fingerprints_of(table: pa.Table) -> list[Fingerprint]:
    """The fingerprints held in a table's ``fingerprint_columns``, row by row."""
    columns = [_uint32_rows(table.column(name)) for name in FINGERPRINT_FIELDS]
    return [Fingerprint(*fields) for fields in zip(*columns, strict=True)]


def _uint32_rows(column: pa.ChunkedArray) -> list[np.ndarray]:
    """A ``list<uint32>`` column as one numpy array per row, split from its flat values."""
    lists = column.combine_chunks() if column.num_chunks else pa.array([], column.type)
    offsets = lists.offsets.to_numpy()
    flat = lists.flatten().to_numpy(zero_copy_only=False).astype(np.uint32, copy=False)
    return np.split(flat, offsets[1:-1] - offsets[0]) if len(lists) else []


def fingerprint_key(text: str, shingle_size: int, num_perm: int) -> str:
    return hashlib.sha256(f"{SCHEME} {shingle_size} {num_perm}\0{text}".encode()).hexdigest()


def fingerprints(
    texts: Sequence[str], shingle_size: int, num_perm: int, known: Mapping[str, Fingerprint]
) -> list[tuple[str, Fingerprint]]:
    """``(key, fingerprint)`` of every text, taken from ``known`` (keyed by ``fingerprint_key``)
    where it holds the text's and computed otherwise."""
    result = []
    for text in texts:
        key = fingerprint_key(text, shingle_size, num_perm)
        found = known.get(key)
        if found is None:
            found = fingerprint(text, shingle_size, num_perm)
        result.append((key, found))
    return result


@dataclass(frozen=True)
class Thresholds:
    similarity: float  # Jaccard at or above which two articles are copies (revisions)
    containment: float  # share of the shorter in the longer at or above which they are copies
    lead_containment: float  # the same, where the longer carries the shorter's lead
    cohesion: float  # every two articles of a cluster share at least this of the shorter
    min_shingles: int = 40  # the shorter needs this many shingles for containment to count
    lead_found: float = 0.75  # share of a lead's shingles that make it carried


@dataclass(frozen=True)
class Signed:
    article_id: str
    published_date: dt.date | None
    n_chars: int
    shingles: np.ndarray
    lead: np.ndarray
    hashvalues: np.ndarray

    @classmethod
    def of(
        cls, article_id: str, published_date: dt.date | None, n_chars: int, found: Fingerprint
    ) -> Signed:
        return cls(
            article_id, published_date, n_chars, *(getattr(found, f) for f in FINGERPRINT_FIELDS)
        )


@dataclass(frozen=True)
class Membership:
    article_id: str
    cluster_id: str
    canonical_id: str
    similarity: float
    containment: float
    kind: str


@dataclass(frozen=True)
class Overlap:
    similarity: float
    containment: float


def overlap(a: np.ndarray, b: np.ndarray) -> Overlap:
    """Jaccard similarity and containment (of the smaller set in the larger) of two sorted
    distinct shingle arrays."""
    if len(a) == 0 or len(b) == 0:
        return Overlap(1.0, 1.0) if len(a) == len(b) else Overlap(0.0, 0.0)
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return Overlap(shared / (len(a) + len(b) - shared), shared / min(len(a), len(b)))


def kind_of(member: Overlap, same_body: bool, shorter: bool, thresholds: Thresholds) -> str:
    """How a cluster's article relates to its canonical one (the canonical itself is
    ``original``): the same body, a revision (similar both ways), or a shorter or longer copy."""
    if same_body:
        return "identical"
    if member.similarity >= thresholds.similarity:
        return "revision"
    return "excerpt" if shorter else "extended"


def cluster(articles: Sequence[Signed], thresholds: Thresholds) -> list[Membership]:
    """Every article with its cluster (singletons included), sorted by article_id.

    Articles with the same matching body are one node from the start; the canonical article of
    a cluster is the earliest published, then the longest, then the first by id, and every
    article's similarity, containment and kind are measured against it."""
    return clustered(articles, thresholds).memberships


@dataclass(frozen=True)
class Clustered:
    """``cluster``'s memberships, and the links it found between bodies, as pairs of
    ``node_key``s (the smaller first, sorted)."""

    memberships: list[Membership]
    links: list[tuple[str, str]]


def body_nodes(articles: Iterable[Signed]) -> list[list[Signed]]:
    """The articles grouped by body (equal shingles), each group and the groups by article_id."""
    by_body: dict[bytes, list[Signed]] = {}
    for article in sorted(articles, key=lambda a: a.article_id):
        by_body.setdefault(article.shingles.tobytes(), []).append(article)
    return sorted(by_body.values(), key=lambda group: group[0].article_id)


def digests(article: Signed) -> tuple[str, str]:
    """An article's body (its shingles) and lead, as digests."""
    return (
        hashlib.sha1(article.shingles.tobytes()).hexdigest(),
        hashlib.sha1(article.lead.tobytes()).hexdigest(),
    )


def node_key(body: str, lead: str) -> str:
    """What a node's links depend on: its body, and the lead of its first article (the one its
    links are measured with)."""
    return f"{body}:{lead}"


def clustered(articles: Sequence[Signed], thresholds: Thresholds) -> Clustered:
    """``cluster``, with the links between bodies it found."""
    if not articles:
        return Clustered([], [])
    nodes = body_nodes(articles)
    links = _links([group[0] for group in nodes], thresholds)
    groups = _cohesive_groups(len(nodes), links, [group[0].shingles for group in nodes], thresholds)
    keys = [node_key(*digests(node[0])) for node in nodes]
    return Clustered(
        sorted(
            (m for group in groups for m in _memberships([nodes[n] for n in group], thresholds)),
            key=lambda m: m.article_id,
        ),
        sorted((min(keys[a], keys[b]), max(keys[a], keys[b])) for _, _, a, b in links),
    )


def _memberships(group: Sequence[Sequence[Signed]], thresholds: Thresholds) -> list[Membership]:
    """The rows of one cluster (its nodes' articles), measured against its canonical article."""
    members = [article for node in group for article in node]
    node_of = {article.article_id: n for n, node in enumerate(group) for article in node}
    canonical = min(members, key=_canonical_order)
    cluster_id = f"dup:{min(a.article_id for a in members)}"
    result = []
    for article in members:
        if article is canonical:
            result.append(
                Membership(article.article_id, cluster_id, article.article_id, 1.0, 1.0, "original")
            )
            continue
        measured = overlap(article.shingles, canonical.shingles)
        same_body = node_of[article.article_id] == node_of[canonical.article_id]
        shorter = len(article.shingles) < len(canonical.shingles)
        result.append(
            Membership(
                article.article_id,
                cluster_id,
                canonical.article_id,
                measured.similarity,
                measured.containment,
                kind_of(measured, same_body, shorter, thresholds),
            )
        )
    return result


def _canonical_order(article: Signed) -> tuple:
    return (
        article.published_date is None,
        article.published_date or dt.date.min,
        -article.n_chars,
        article.article_id,
    )


def candidate_pairs(
    hashvalues: Sequence[np.ndarray], involving: Collection[int] | None = None
) -> list[tuple[int, int]]:
    """Every ``(i, j)``, ``i < j``, whose MinHash signatures agree in at least one band: the
    pairs datasketch's ``MinHashLSH`` at ``CANDIDATE_JACCARD`` returns, with its bands (its
    ``b`` and ``r`` for that threshold), bucketed with numpy instead of a MinHash object and
    an index entry per article (4.5 s at 11,000 articles, this 0.1 s). With ``involving``,
    only the pairs with one of those rows: each band is bucketed over them and the rows that
    share one of their band's keys, not over every row (a rebuild's new bodies' candidates)."""
    if len(hashvalues) < 2:
        return []
    n, (b, r) = len(hashvalues), _bands(len(hashvalues[0]))
    matrix = np.ascontiguousarray(np.stack(hashvalues).astype(np.uint64))
    rows = None if involving is None else np.array(sorted(involving), dtype=np.int64)
    found = [_pairs_in_band(matrix[:, band * r : (band + 1) * r], rows) for band in range(b)]
    codes = np.unique(np.concatenate(found))  # i * n + j, so sorted by (i, j)
    return list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))


def _pairs_in_band(band: np.ndarray, involving: np.ndarray | None) -> np.ndarray:
    """``i * n + j`` of the pairs of the ``n`` rows whose band is equal (with one of the rows
    ``involving``, where given)."""
    if involving is None:
        return _pairs_sharing_a_row(band)
    keys = _row_keys(band)
    shared = np.flatnonzero(np.isin(keys, keys[involving]))  # sorted, so i < j stays
    if len(shared) < 2:
        return np.array([], dtype=np.int64)
    codes = _pairs_sharing_a_row(band[shared])
    left, right = shared[codes // len(shared)], shared[codes % len(shared)]
    wanted = np.isin(left, involving) | np.isin(right, involving)
    return left[wanted] * len(band) + right[wanted]


def _row_keys(rows: np.ndarray) -> np.ndarray:
    """Each row as one opaque value, equal where the rows are."""
    contiguous = np.ascontiguousarray(rows)
    return contiguous.view(np.dtype((np.void, contiguous.dtype.itemsize * rows.shape[1]))).ravel()


# datasketch's MinHashLSH bands and rows per band at CANDIDATE_JACCARD, for the usual numbers
# of permutations: the corpus-level job then need not import datasketch (0.5 s, most of it
# scipy's), which finds them by integrating. tests/test_dedup.py checks them against it.
KNOWN_BANDS = {16: (15, 1), 32: (15, 1), 64: (15, 1), 128: (64, 2), 256: (117, 2), 512: (117, 2)}


@cache
def _bands(num_perm: int) -> tuple[int, int]:
    """datasketch's bands and rows per band for ``CANDIDATE_JACCARD`` at ``num_perm``."""
    if num_perm in KNOWN_BANDS:
        return KNOWN_BANDS[num_perm]
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=num_perm)
    return index.b, index.r


def _pairs_sharing_a_row(rows: np.ndarray) -> np.ndarray:
    """``i * n + j`` of every ``i < j`` whose rows are equal (``n`` rows)."""
    n = len(rows)
    if n < 2:
        return np.array([], dtype=np.int64)
    _, bucket = np.unique(_row_keys(rows), return_inverse=True)
    order = np.argsort(bucket.ravel(), kind="stable")  # a bucket's rows in index order
    sorted_buckets = bucket.ravel()[order]
    starts = np.flatnonzero(np.r_[True, sorted_buckets[1:] != sorted_buckets[:-1]])
    ends = np.repeat(np.r_[starts[1:], n], np.diff(np.r_[starts, n]))
    later = ends - np.arange(n) - 1  # how many rows of its bucket come after each row
    left = np.repeat(np.arange(n), later)
    first_of_run = np.repeat(np.cumsum(later) - later, later)
    right = left + 1 + np.arange(len(left)) - first_of_run
    return order[left].astype(np.int64) * n + order[right]


def _links(
    representatives: Sequence[Signed], thresholds: Thresholds
) -> list[tuple[float, float, int, int]]:
    """``(containment, similarity, i, j)`` of every pair of distinct bodies that are copies,
    strongest first. Candidates come from MinHash LSH at ``CANDIDATE_JACCARD``
    (``candidate_pairs``), each then measured exactly."""
    links = []
    for a, b in candidate_pairs([r.hashvalues for r in representatives]):
        measured = link_between(representatives[a], representatives[b], thresholds)
        if measured is not None:
            links.append((measured.containment, measured.similarity, a, b))
    return sorted(links, key=lambda link: (-link[0], -link[1], link[2], link[3]))


def link_between(a: Signed, b: Signed, thresholds: Thresholds) -> Overlap | None:
    """How much two bodies share, where they are copies; None where not."""
    shorter, longer = sorted((a, b), key=lambda r: len(r.shingles))
    measured = overlap(a.shingles, b.shingles)
    return measured if _are_copies(measured, shorter, longer, thresholds) else None


def _are_copies(measured: Overlap, shorter: Signed, longer: Signed, thresholds: Thresholds) -> bool:
    """A revision, or the shorter mostly in the longer: ``containment`` of it, or
    ``lead_containment`` where the longer carries the shorter's lead (outlets trim a story from
    the end and add their own paragraphs; they keep its lead)."""
    if measured.similarity >= thresholds.similarity:
        return True
    if len(shorter.shingles) < thresholds.min_shingles:
        return False
    if measured.containment >= thresholds.containment:
        return True
    return measured.containment >= thresholds.lead_containment and carries_lead(
        longer.shingles, shorter.lead, thresholds.lead_found
    )


def carries_lead(shingles: np.ndarray, lead: np.ndarray, share: float) -> bool:
    """At least ``share`` of ``lead``'s shingles are among ``shingles``."""
    return len(lead) > 0 and np.isin(lead, shingles, assume_unique=True).mean() >= share


def _cohesive_groups(
    n_nodes: int,
    links: Sequence[tuple[float, float, int, int]],
    shingles_of: Sequence[np.ndarray],
    thresholds: Thresholds,
) -> list[list[int]]:
    """Nodes joined by ``links`` in order, two groups only when every cross pair shares at
    least ``cohesion`` of the shorter; groups sorted, in the order of their first node."""
    group_of = list(range(n_nodes))
    members: dict[int, list[int]] = {n: [n] for n in range(n_nodes)}
    measured: dict[tuple[int, int], float] = {}

    def containment(a: int, b: int) -> float:
        key = (min(a, b), max(a, b))
        if key not in measured:
            measured[key] = overlap(shingles_of[a], shingles_of[b]).containment
        return measured[key]

    for _, _, a, b in links:
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        if all(containment(x, y) >= thresholds.cohesion for x in members[ga] for y in members[gb]):
            kept, gone = min(ga, gb), max(ga, gb)
            for node in members[gone]:
                group_of[node] = kept
            members[kept] += members.pop(gone)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
