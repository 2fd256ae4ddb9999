"""Held-out halves: a figure on the documents its rules were written against flatters them.

(Also ``chosen_sets``: which of a scorer's dev sets to score.)

Every benchmark that scores rules written against its own documents prints, beside the
whole-set figure, the figure on each half of the documents split by id: the parity of the last
run of digits in the id (``APW19980807.0261`` and ``politics/171`` are odd, ``wsj_0026`` even).
Build on one half and check on the other: a rule that helps only the half it was written for is
fitted to examples, not to news.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

HALVES = ("odd", "even")
LAST_NUMBER = re.compile(r"(\d+)\D*$")
Item = TypeVar("Item")


def half_of(doc_id: str) -> str:
    """``odd`` or ``even`` by the last number in the id; an id without digits is ``even``."""
    found = LAST_NUMBER.search(doc_id)
    return "odd" if found and int(found.group(1)) % 2 else "even"


def split(items: Iterable[Item], doc_id: Callable[[Item], str]) -> dict[str, list[Item]]:
    """The items as a whole (``all``) and by half of their document's id."""
    listed = list(items)
    parts: dict[str, list[Item]] = {"all": listed}
    for half in HALVES:
        parts[half] = [item for item in listed if half_of(doc_id(item)) == half]
    return parts


def chosen_sets(
    choice: str, sets: Iterable[tuple[str, str, tuple[Path, ...]]]
) -> Iterator[tuple[str, str]]:
    """The (key, label) of each dev set that ``--set`` chooses (its key or ``both``) and whose
    files are there; a chosen set whose files are not is said to be skipped."""
    for key, label, needed in sets:
        if choice not in (key, "both"):
            continue
        if not all(path.exists() for path in needed):
            print(f"{label}: skipped ({', '.join(str(p) for p in needed)} not all there)")
            continue
        yield key, label
