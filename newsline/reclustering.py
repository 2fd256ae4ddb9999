"""Near-duplicate clusters updated where the corpus changed, not clustered again.

``dedup.cluster`` joins only bodies that are linked (copies of each other), in the order of
their links; an article's row (cluster, canonical article, kind) depends on the connected group
of bodies its body belongs to and on nothing else. So a rebuild keeps the rows of the articles
whose group nothing touched and clusters again only the groups that hold a new body, or an
article added, edited, deleted or re-dated, or that held a body now gone. From the last run it
needs (``Kept``) each article's body and lead (digests), date and length, and the links found
between bodies. A new body's candidates are the bodies that share one of its signature's
bands (numpy, bucketing each band over the new bodies and the bodies sharing their keys: 0.1 s
at 11,000 articles) and are measured exactly; a link between two bodies both kept is kept, as
are the bodies no candidate of a new body links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsline.dedup import (
    Clustered,
    Membership,
    Signed,
    Thresholds,
    body_nodes,
    candidate_pairs,
    clustered,
    digests,
    link_between,
    node_key,
)
from newsline.grouping import connected_groups


@dataclass(frozen=True)
class Article:
    """What an article's row depends on besides its links: its body and lead (digests), its
    date and its length."""

    article_id: str
    body: str
    lead: str
    published_date: dt.date | None
    n_chars: int

    @classmethod
    def of(cls, signed: Signed) -> Article:
        return cls(signed.article_id, *digests(signed), signed.published_date, signed.n_chars)


@dataclass(frozen=True)
class Kept:
    """What the last clustering was made of: its articles and the links between their bodies
    (pairs of ``dedup.node_key``)."""

    articles: list[Article]
    links: list[tuple[str, str]]


def nodes_of(articles: Iterable[Article]) -> dict[str, tuple[Article, ...]]:
    """Node key -> its articles (by article_id), grouped by body as ``dedup.body_nodes`` does."""
    by_body: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: a.article_id):
        by_body.setdefault(article.body, []).append(article)
    return {node_key(group[0].body, group[0].lead): tuple(group) for group in by_body.values()}


def _links_now(
    now: Sequence[Signed],
    articles: Mapping[str, Article],
    kept: Kept,
    thresholds: Thresholds,
) -> set[tuple[str, str]]:
    """The kept links between bodies both still here, and the links of every new body (its
    candidates among all bodies, measured)."""
    representatives = [node[0] for node in body_nodes(now)]
    keys = [
        node_key(articles[r.article_id].body, articles[r.article_id].lead) for r in representatives
    ]
    present, known = set(keys), set(nodes_of(kept.articles))
    new = {i for i, key in enumerate(keys) if key not in known}
    links = {(a, b) for a, b in kept.links if a in present and b in present}
    for i, j in candidate_pairs([r.hashvalues for r in representatives], involving=new):
        if link_between(representatives[i], representatives[j], thresholds):
            links.add((min(keys[i], keys[j]), max(keys[i], keys[j])))
    return links


def _touched(
    before: Mapping[str, tuple[Article, ...]],
    kept_links: Sequence[tuple[str, str]],
    now: Mapping[str, tuple[Article, ...]],
) -> set[str]:
    """The bodies whose rows may change: new ones, ones whose articles changed, and the bodies
    left of a group that held a body now gone (the group may fall apart). A group that lost
    nothing is the same group now, grown only by links to new bodies: those are touched."""
    touched = {key for key, articles in now.items() if before.get(key) != articles}
    gone = set(before) - set(now)
    links = [(a, b) for a, b in kept_links if a in before and b in before]
    for group in connected_groups(before, links):
        if any(key in gone for key in group):
            touched.update(key for key in group if key in now)
    return touched


def reclustered(
    now: Sequence[Signed],
    kept: Kept,
    published: Mapping[str, Membership],
    thresholds: Thresholds,
) -> Clustered | None:
    """``dedup.clustered(now)``, made by clustering again the groups of bodies a change
    touched and keeping the ``published`` rows of every other article (the rows ``kept`` was
    clustered into). None where a kept row is missing: then cluster everything."""
    articles = {signed.article_id: Article.of(signed) for signed in now}
    nodes = nodes_of(articles.values())
    links = _links_now(now, articles, kept, thresholds)
    touched = _touched(nodes_of(kept.articles), kept.links, nodes)
    again = {
        key
        for group in connected_groups(nodes, links)
        if any(key in touched for key in group)
        for key in group
    }
    unchanged = [a.article_id for key, node in nodes.items() if key not in again for a in node]
    if any(article_id not in published for article_id in unchanged):
        return None
    redo = {a.article_id for key in again for a in nodes[key]}
    redone = clustered([signed for signed in now if signed.article_id in redo], thresholds)
    memberships = redone.memberships + [published[article_id] for article_id in unchanged]
    return Clustered(sorted(memberships, key=lambda m: m.article_id), sorted(links))
