"""Generic institutions told apart by the state the article is about.

"The Foreign Trade Ministry said" in a story about Italy is the Italian Foreign Trade Ministry,
and in a story about France the French one: a ministry, a treasury, a central bank or a chamber
of a legislature is named by what it does, and which state's it is the article says elsewhere.
Such a name, written without a state, takes the state-qualified form the same article writes
("State Department" beside "U.S. State Department"), else the state the article names at least
twice as often as any other, qualified the way the corpus qualifies that state's institutions
("U.S. Treasury", "French Finance Ministry"), else by the corpus's demonym for it ("Italian"),
else by its name. That is
how wire copy, written for readers everywhere, is read. A corpus of one country's press (more
than half of its articles about one state) is read as its readers read it: its "Treasury" and
"Home Office" are their own country's, whatever else the story is about, and are left as they
are written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from newsline.gazetteer import demonym_code, fold, state_code

# The last words of an institution that every state has one of.
INSTITUTION_HEADS = frozenset(
    {"ministry", "treasury", "department", "senate", "parliament", "cabinet", "congress"}
)
# Whole names of institutions whose last word alone is too common to be generic: "Central
# Bank", and "House" alone (a chamber; the White House is no generic house).
INSTITUTION_NAMES = frozenset(
    {"central bank", "national bank", "house", "house of representatives", "house of commons"}
)


# Cached, like the two below: pure functions of a name, called for every mention of the corpus.
@cache
def state_of_word(words: str) -> str | None:
    """The state a name or a demonym names ("U.S.", "Italy", "Italian"), if any."""
    key = fold(words)
    return state_code(key) or demonym_code(key)


@cache
def is_generic_institution(name: str) -> bool:
    """A name of an institution every state has, with no state in it ("Foreign Trade Ministry",
    "Central Bank", "Ministry of Trade and Industry"; not "U.S. Treasury", "Bank of Japan")."""
    written = name.split()
    if not written or any(
        state_of_word(" ".join(written[i : i + 2])) or state_of_word(written[i])
        for i in range(len(written))
    ):
        return False
    words = fold(name).split()
    if " ".join(words[-2:]) in INSTITUTION_NAMES or " ".join(words) in INSTITUTION_NAMES:
        return True
    head = words[0] if "of" in words else words[-1]
    return head in INSTITUTION_HEADS


def _times(row: Mapping[str, object]) -> int:
    """How many mentions a row stands for: its ``n`` where rows are counted, else one."""
    return int(row.get("n", 1))  # type: ignore[call-overload]


def states_named(rows: Sequence[Mapping[str, object]]) -> dict[str, Counter[str]]:
    """How often each article names each state, by its name or its demonym."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row["label"] in ("GPE", "NORP") and (code := state_of_word(str(row["local_name"]))):
            counts[str(row["article_id"])][code] += _times(row)
    return counts


def article_states(named: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Each article's state: the one it names clearly more than any other (twice as often as the
    next: a story about U.S.-Soviet trade that names the Soviet Union a little more is no story
    about the Soviet Union's institutions)."""
    states = {}
    for article_id, counts in named.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            states[article_id] = ranked[0][0]
    return states


def qualifiers(rows: Sequence[Mapping[str, object]]) -> dict[str, str]:
    """How the corpus writes each state before an institution: the first word(s) of its
    state-qualified institution names ("U.S." of "U.S. Treasury"), else its most used demonym
    ("Italian"), else its most used name."""
    before_institution: dict[str, Counter[str]] = defaultdict(Counter)
    demonyms: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        name = str(row["local_name"])
        words = name.split()
        for n in (1, 2):
            head = " ".join(words[:n])
            if len(words) > n and (code := state_of_word(head)):
                if is_generic_institution(" ".join(words[n:])):
                    before_institution[code][head] += _times(row)
                break
        if row["label"] == "NORP" and (code := demonym_code(fold(name))):
            demonyms[code][name] += _times(row)
        elif row["label"] == "GPE" and (code := state_code(fold(name))):
            names[code][name] += _times(row)
    chosen = {}
    for code in set(before_institution) | set(demonyms) | set(names):
        for counts in (before_institution, demonyms, names):
            if counts.get(code):
                chosen[code] = counts[code].most_common(1)[0][0]
                break
    return chosen


def own_qualified_forms(rows: Sequence[Mapping[str, object]]) -> dict[tuple[str, str], str]:
    """(article, generic institution name) -> the one form of it qualified by a state that the
    same article writes ("State Department" beside "U.S. State Department")."""
    names_of: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["label"] == "ORG":
            names_of[str(row["article_id"])].add(str(row["local_name"]))
    forms = {}
    for article_id, names in names_of.items():
        for name in names:
            if not is_generic_institution(name):
                continue
            qualified = [n for n in names if n != name and state_qualified(n, name)]
            if len(qualified) == 1:
                forms[(article_id, name)] = qualified[0]
    return forms


def state_qualified(longer: str, short: str) -> bool:
    """Whether ``longer`` is ``short`` with a state's name or demonym before it ("U.S.
    Treasury", "French Industry Ministry" of "Industry Ministry")."""
    words, rest = fold(longer).split(), fold(short).split()
    return any(words[n:] == rest and state_of_word(" ".join(words[:n])) for n in (1, 2))


def home_state(states: Mapping[str, str]) -> str | None:
    """The state more than half of the articles (of those that have one) are about, if any."""
    ranked = Counter(states.values()).most_common(1)
    return ranked[0][0] if ranked and ranked[0][1] * 2 > len(states) else None


@dataclass(frozen=True)
class Qualifying:
    """What a generic institution's name is qualified by: its article's state (``states``), the
    way the corpus writes each state before an institution (``written``), the qualified forms
    the articles write themselves (``own``); nothing where the corpus has a home state."""

    states: Mapping[str, str]
    written: Mapping[str, str]
    own: Mapping[tuple[str, str], str]
    at_home: bool

    def name(self, article_id: str, name: str, label: str) -> str:
        if self.at_home or label != "ORG":
            return name
        if form := self.own.get((article_id, name)):
            return form  # the article's own "U.S. State Department" for its "State Department"
        state = self.states.get(article_id)
        if state is not None and state in self.written and is_generic_institution(name):
            return f"{self.written[state]} {name}"
        return name


def qualifying_of(
    placed: Sequence[Mapping[str, object]],
    names: Sequence[Mapping[str, object]],
    organisations: Sequence[Mapping[str, object]],
) -> Qualifying:
    """How names are qualified, from rows (``article_id``, ``local_name``, ``label``, and ``n``
    where a row stands for several mentions), each step given the rows it reads: those
    that may name a state, by article (``placed``: every GPE and NORP row); the corpus's names,
    whatever their article (``names``); and every ORG row of the articles that name a generic
    institution (``organisations``)."""
    states = article_states(states_named(placed))
    if home_state(states) is not None:
        return Qualifying(states, {}, {}, at_home=True)
    return Qualifying(states, qualifiers(names), own_qualified_forms(organisations), False)


def qualified_names(rows: Sequence[Mapping[str, object]]) -> list[str]:
    """Each row's local name, a generic institution's qualified by its article's state, unless
    the corpus has a home state."""
    rules = qualifying_of(placed=rows, names=rows, organisations=rows)
    return [
        rules.name(str(row["article_id"]), str(row["local_name"]), str(row["label"]))
        for row in rows
    ]
