"""Clusters updated where the corpus changed equal clusters made anew, change by change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsline.dedup import Signed, Thresholds, clustered, fingerprint
from newsline.reclustering import Article, Kept, reclustered

from .conftest import seed_path

THRESHOLDS = Thresholds(similarity=0.8, containment=0.8, lead_containment=0.5, cohesion=0.5)
DAY = dt.date(2024, 5, 16)
# A paragraph long enough to be shingled: a copy with it is a body of its own.
MORE = "\n\nAn official in Beijing said the two sides signed four agreements on trade.\n"


def signed(article_id: str, text: str, published: dt.date | None = DAY) -> Signed:
    return Signed.of(article_id, published, len(text), fingerprint(text, 5, 128))


def seed(number: str) -> str:
    return seed_path(number).read_text(encoding="utf-8")


def corpus() -> list[Signed]:
    """The seeds, a revised copy and an excerpt of 001, a verbatim copy of 002 (a body shared)
    and a copy of 003 with a paragraph of its own."""
    return [
        *(signed(f"{n}", seed(n)) for n in ("000", "001", "002", "003", "004")),
        signed("001-rev", seed("001") + "\n\nThe Kremlin said talks would go on in Moscow.\n"),
        signed("001-ex", excerpt()),
        signed("002-copy", seed("002")),
        signed("003-plus", seed("003") + "\n\nAn analyst in Hong Kong called it a warm visit.\n"),
    ]


def without(found: list[Signed], *ids: str) -> list[Signed]:
    return [s for s in found if s.article_id not in ids]


CHANGES: dict[str, Callable[[list[Signed]], list[Signed]]] = {
    "nothing": lambda found: found,
    "a revised copy added": lambda found: [*found, signed("000-rev", seed("000") + MORE)],
    "a verbatim copy added": lambda found: [*found, signed("000-copy", seed("000") + "\n\nEnd.")],
    "an article of its own added": lambda found: [*found, signed("new", "A b c d e f g h.")],
    "a canonical article deleted": lambda found: without(found, "001"),
    "a member deleted": lambda found: without(found, "001-ex"),
    "the only other article of a body deleted": lambda found: without(found, "002"),
    "an article edited into a copy of another": lambda found: [
        *without(found, "004"), signed("004", seed("003") + MORE)
    ],
    "a copy edited into an article of its own": lambda found: [
        *without(found, "001-rev"), signed("001-rev", seed("004"))
    ],
    "a date changed (another canonical article)": lambda found: [
        *without(found, "001-ex"), signed("001-ex", excerpt(), dt.date(2024, 5, 1))
    ],
    "a verbatim copy with a smaller id added (its body's first article now)": lambda found: [
        *found, signed("0000", "MOSCOW (Reuters) - " + seed("002"))
    ],
}  # fmt: skip


def excerpt() -> str:
    text = seed("001")
    return text[: len(text) * 2 // 3].rsplit("\n", 1)[0]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_reclustering_after_a_change_gives_what_clustering_anew_gives(change: str) -> None:
    before = corpus()
    last = clustered(before, THRESHOLDS)
    kept = Kept([Article.of(s) for s in before], last.links)
    published = {m.article_id: m for m in last.memberships}
    now = CHANGES[change](before)
    updated = reclustered(now, kept, published, THRESHOLDS)
    assert updated == clustered(now, THRESHOLDS)


def test_the_changes_are_new_bodies_and_new_articles_of_a_body() -> None:
    before = clustered(corpus(), THRESHOLDS)
    assert before.links  # 001, its revision and its excerpt; 003 and its copy
    grown = clustered(CHANGES["a revised copy added"](corpus()), THRESHOLDS)
    assert len(grown.links) == len(before.links) + 1
    same_body = clustered(CHANGES["a verbatim copy added"](corpus()), THRESHOLDS)
    assert same_body.links == before.links


def test_the_corpus_has_clusters_to_update() -> None:
    memberships = clustered(corpus(), THRESHOLDS).memberships
    kinds = {m.article_id: m.kind for m in memberships}
    assert kinds == {
        "000": "original", "001": "revision", "001-ex": "excerpt", "001-rev": "original",
        "002": "original", "002-copy": "identical", "003": "revision", "003-plus": "original",
        "004": "original",
    }  # fmt: skip


def test_a_missing_published_row_makes_it_cluster_everything() -> None:
    before = corpus()
    last = clustered(before, THRESHOLDS)
    kept = Kept([Article.of(s) for s in before], last.links)
    published = {m.article_id: m for m in last.memberships if m.article_id != "004"}
    assert reclustered(before, kept, published, THRESHOLDS) is None
