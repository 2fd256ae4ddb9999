"""The corpus's canonical entities, decided over its name statistics.

Each rule of ``newsline.entities`` and ``newsline.institutions`` is a decision about a name (its
label, its longer forms, the state it belongs to), not about a mention. So the mentions are
counted and grouped in DuckDB, the rules run once per distinct name (per distinct name in an
article, where the article matters: a generic institution's state), and the answers are joined
back to the mentions. The Python work grows with the corpus's vocabulary, not its mentions
(BBC x 5: 300,000 mentions, 13,000 names). Counts are kept in the order the corpus first uses
each name, so that where a rule breaks a tie by first use, it breaks it as a pass over the
mentions in order would.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from newsline.entities import (
    ACRONYM,
    DOTTED_ACRONYM,
    NAME_SIMILARITY,
    PLACE_LABELS,
    Entity,
    counted_name_stats,
    keys_of_stats,
    majority_label,
    slug,
    unglued_names,
)
from newsline.gazetteer import fold, state_code, state_name
from newsline.institutions import is_generic_institution, qualifying_of

COLUMNS = ("article_id", "text", "label", "local_name", "ticker")

# The mentions (``m``, with ``idx``, their order) with each local name unglued (``unglued``:
# local_name -> name).
UNGLUED_SQL = """
CREATE TEMP TABLE unglued_mentions AS
SELECT m.idx, m.article_id, u.name AS local_name, m.label FROM m JOIN unglued u USING (local_name)
"""
# What qualifies a generic institution: the mentions that may name a state (an article's state),
# and the organisations of the articles that name a generic institution (their own qualified
# forms of it). Every other mention is counted by name only.
PLACED_SQL = "(SELECT * FROM unglued_mentions WHERE label IN ('GPE', 'NORP'))"
ORGANISATIONS_SQL = """(
SELECT * FROM unglued_mentions WHERE label = 'ORG' AND article_id IN (
    SELECT article_id FROM unglued_mentions JOIN generic USING (local_name) WHERE label = 'ORG'))
"""
# The mentions with their names unglued and qualified by their article (``qualified``:
# article_id, name -> qualified; only the names it changes).
NAMED_SQL = """
CREATE TEMP TABLE named AS
SELECT m.idx, m.article_id, m.text, m.label, m.ticker,
       coalesce(q.qualified, u.name) AS name
FROM m
JOIN unglued u USING (local_name)
LEFT JOIN qualified q ON q.article_id = m.article_id AND q.name = u.name AND m.label = 'ORG'
"""
# Per group of (columns): how many mentions, in the order of first use (or of last use).
COUNTED_SQL = """
SELECT {columns}, count(*) AS n FROM {table} GROUP BY {columns} ORDER BY {order}(idx)
"""
# Per entity: its mentions' texts, articles and ticker tags.
KEY_SQL = """
SELECT key, list(DISTINCT text), count(DISTINCT article_id),
       list(DISTINCT ticker) FILTER (WHERE ticker <> '')
FROM keyed GROUP BY key
"""


@dataclass
class Members:
    """What an entity's mentions say: how often each (name, label) names it."""

    key: str
    uses: Counter[tuple[str, str]] = field(default_factory=Counter)

    def labels(self, own: bool = False) -> Counter[str]:
        """Each label's mentions (``own``: only of the names that are the key's own)."""
        return self._tally(lambda name, label: label, own)

    def spellings(self, own: bool = False) -> Counter[str]:
        return self._tally(lambda name, label: name, own)

    def _tally(self, part: Callable[[str, str], str], own: bool) -> Counter[str]:
        counts: Counter[str] = Counter()
        for (name, label), n in self.uses.items():
            if not own or fold(name) == self.key:
                counts[part(name, label)] += n
        return counts


def canonical_entities(
    rows: Sequence[Mapping[str, object]],
    aliases: Mapping[str, str] | None = None,
    name_similarity: float = NAME_SIMILARITY,
) -> tuple[list[str], list[Entity]]:
    """``canonical_entity_table`` of mention rows (dicts; ``ticker`` may be missing)."""
    table = pa.table({c: pa.array([row.get(c) for row in rows], pa.string()) for c in COLUMNS})
    ids, entities = canonical_entity_table(table, aliases, name_similarity)
    return ids.to_pylist(), entities


def canonical_entity_table(
    mentions: pa.Table,
    aliases: Mapping[str, str] | None = None,
    name_similarity: float = NAME_SIMILARITY,
) -> tuple[pa.Array, list[Entity]]:
    """``entity_id`` for each mention (same order) and the corpus's entities.

    ``mentions`` has ``article_id``, ``text``, ``label``, ``local_name`` and ``ticker``. Names are
    unglued (``entities.unglued_names``), generic institutions qualified by their article's
    state (``institutions.qualifying_of``), and linked into entities (``entities.keys_of_stats``).
    An entity's label is the majority label of its mentions (corrected by ``_entity_label``),
    its name the most frequent spelling of the group's name (ties to the longer, then the
    alphabetically first), its aliases every surface form (a line wrap inside one read as a
    space), and a state's ``iso_code`` its ISO 3166 code, its ``tickers`` those the wire tags
    its mentions with. A nationality ("British", "Iraqis") stays a group of its own, as readers
    count it (events take it for its state: ``jobs.events``).
    """
    rows = mentions.select(list(COLUMNS))
    with duckdb.connect() as con:
        con.register("m", rows.append_column("idx", pa.array(range(rows.num_rows), pa.int64())))
        _name_mentions(con)
        final = _counted(con, "named", "name, label")
        keys = keys_of_stats(counted_name_stats(final), aliases, name_similarity)
        names = sorted({name for name, _, _ in final})
        con.register("keys", _strings(name=names, key=[keys[fold(n)] for n in names]))
        con.execute(
            "CREATE TEMP TABLE keyed AS SELECT named.*, key FROM named JOIN keys USING (name)"
        )
        entities = _entities(con)
        ids = {key: entity.entity_id for key, entity in entities.items()}
        con.register("ids", _strings(key=list(ids), entity_id=list(ids.values())))
        entity_ids = con.sql(
            "SELECT entity_id FROM keyed JOIN ids USING (key) ORDER BY idx"
        ).to_arrow_table()
    return (
        entity_ids.column("entity_id").combine_chunks(),
        sorted(entities.values(), key=lambda e: e.entity_id),
    )


def _strings(**columns: list[str]) -> pa.Table:
    return pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})


def _counted(
    con: duckdb.DuckDBPyConnection, table: str, columns: str, order: str = "min"
) -> list[tuple]:
    return con.sql(COUNTED_SQL.format(table=table, columns=columns, order=order)).fetchall()


def _name_mentions(con: duckdb.DuckDBPyConnection) -> None:
    """Table ``named``: each mention's name once unglued and qualified by its article."""
    unglued = unglued_names(_counted(con, "m", "local_name, label", order="max"))
    con.register("unglued", _strings(local_name=list(unglued), name=list(unglued.values())))
    con.execute(UNGLUED_SQL)
    names = _counted(con, "unglued_mentions", "local_name, label")
    generic = sorted({n for n, label, _ in names if label == "ORG" and is_generic_institution(n)})
    con.register("generic", _strings(local_name=generic))
    placed = _counted(con, PLACED_SQL, "article_id, local_name, label")
    organisations = _counted(con, ORGANISATIONS_SQL, "article_id, local_name, label")
    rules = qualifying_of(
        placed=_rows(placed), names=_rows((None, *row) for row in names),
        organisations=_rows(organisations),
    )  # fmt: skip
    named_generic = set(generic)
    qualified = {
        (article_id, name): form
        for article_id, name, label, _ in organisations
        if name in named_generic and (form := rules.name(article_id, name, label)) != name
    }
    con.register(
        "qualified",
        _strings(
            article_id=[a for a, _ in qualified],
            name=[n for _, n in qualified],
            qualified=list(qualified.values()),
        ),
    )
    con.execute(NAMED_SQL)


def _rows(counted: Iterable[tuple]) -> list[dict[str, object]]:
    """Counted (article_id, local_name, label, n) as the rows ``institutions`` reads."""
    return [{"article_id": a, "local_name": n, "label": lab, "n": c} for a, n, lab, c in counted]


def _entities(con: duckdb.DuckDBPyConnection) -> dict[str, Entity]:
    """Each entity by its key, from the keyed mentions."""
    members: dict[str, Members] = {}
    for key, name, label, n in _counted(con, "keyed", "key, name, label"):
        members.setdefault(key, Members(key)).uses[(name, label)] += n
    entities = {}
    for key, texts, n_articles, tickers in con.sql(KEY_SQL).fetchall():
        group = members[key]
        label = _entity_label(group, bool(tickers))
        code = state_code(key) if label == "GPE" else None
        entities[key] = Entity(
            # The slug is made of the folded key, so two keys never share an entity_id.
            entity_id=slug(label, key),
            name=_entity_name(group, code),
            label=label,
            aliases=tuple(sorted({" ".join(text.split()) for text in texts})),
            iso_code=code,
            n_mentions=sum(group.uses.values()),
            n_articles=n_articles,
            tickers=tuple(sorted(tickers or ())),
        )
    return entities


def _entity_name(group: Members, code: str | None) -> str:
    """The most used spelling of the group's own name (a state's, or an alias target's that no
    article names, has none: then of any of its names); a state's the name in use for it."""
    if code:
        name = _state_name_in_use(code, group.spellings())
    else:
        spellings = group.spellings(own=True) or group.spellings()
        name = min(spellings, key=lambda s: (s.islower(), -spellings[s], -len(s), s))
    if name.islower():  # only a story sent in lower case names it: "latin america"
        name = string.capwords(name)
    return name


def _is_acronym(spelling: str) -> bool:
    return bool(ACRONYM.fullmatch(spelling) or DOTTED_ACRONYM.fullmatch(spelling))


def _state_name_in_use(code: str, spellings: Counter[str]) -> str:
    """A state goes by the name the corpus uses most for it ("West Germany" in 1987 wire copy,
    where the gazetteer says Germany), an abbreviation ("U.S.", "UK") only an alias; where no
    name is used most, by the gazetteer's."""
    written_out = Counter({s: n for s, n in spellings.items() if not _is_acronym(s)})
    ranked = written_out.most_common(2)
    if len(ranked) == 1 or (ranked and ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return state_name(code)


def _entity_label(group: Members, tagged: bool) -> str:
    """The majority label of the mentions, corrected where the name says better: a state is a
    GPE, a party an ORG, and a group whose own name is mostly not a PERSON's (the model reads
    "Lib Dem" as a person; "Liberal Democrats" as a group) takes that name's label; what the
    wire tags with a ticker (``tagged``) is a company ("Newmont <NEM>", though the model read a
    place)."""
    label = majority_label(group.labels())
    if label in PLACE_LABELS and state_code(group.key):
        return "GPE"
    if group.key.endswith(" party") or tagged:
        return "ORG"
    own = group.labels(own=True)
    if label == "PERSON" and own and own.most_common(1)[0][0] != "PERSON":
        return own.most_common(1)[0][0]
    return label
