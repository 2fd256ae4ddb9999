"""Connected groups of linked items (union-find): near-duplicate articles, a person's spellings."""

from __future__ import annotations

from collections.abc import Iterable


def connected_groups(items: Iterable[str], links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The items joined by ``links`` (directly or through others), each group sorted, groups in
    the order of their first item; an item without links is a group of its own."""
    parent = {item: item for item in sorted(set(items))}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in links:
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for item in parent:
        groups.setdefault(root(item), []).append(item)
    return list(groups.values())
