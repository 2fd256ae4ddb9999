"""Named-entity mentions and the canonical entities they refer to.

Per article (in the shard job, from the one parse): spaCy's entities, trimmed of white space,
"the" and possessives; titles and honorifics are not part of a name ("President Xi" is "Xi");
a short form joins the one longer name of the article it abbreviates ("Xi" -> "Xi Jinping"),
whatever label spaCy gave it; and a person's name that spaCy swallowed into the end of an
organisation ("the Security Council Dmitry Medvedev") is split off.

Across the corpus (one job over all shards): the same full name, compared without case and
accents, is one entity; so are a person's transliteration variants ("Sergei"/"Sergey"/"Serghei",
"Zelensky"/"Zelenskiy", "Shoigu"/"Şoigu"): same surname once spelling variants are folded
(``transliteration_key``), and given names at least ``NAME_SIMILARITY`` alike. A short form left
alone in its article joins the one full name of the corpus it abbreviates. Last, the curated
aliases of config.yaml (``entities.aliases``) merge what a user says is one entity.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.tokens import Doc

from newsline.grouping import connected_groups
from newsline.nlp import trimmed

ENTITY_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)
TITLES = frozenset(
    [
        "president",
        "former",
        "vice",
        "deputy",
        "prime",
        "minister",
        "foreign",
        "defense",
        "defence",
        "chairman",
        "chairwoman",
        "chair",
        "premier",
        "chancellor",
        "secretary",
        "general",
        "gen",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "leader",
        "comrade",
        "ambassador",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "mayor",
        "judge",
        "justice",
        "chief",
        "head",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "ceo",
        "envoy",
        "commander",
        "marshal",
        "admiral",
        "colonel",
        "col",
        "captain",
        "capt",
        "lt",
        "sergeant",
        "sgt",
        "state",
        "supreme",
        "st",
        "saint",
    ]
)
POSSESSIVE = re.compile(r"['’]s?$")
# Spelling variants of transliterated names, folded away word by word, in this order.
TRANSLITERATION_RULES = (
    (re.compile(r"(.)\1"), r"\1"),  # doubled letters: Zelenskyy, Gennadiy
    (re.compile(r"(iy|ij|yi|ii)$"), "i"),  # Zelenskiy, Dmitrij
    (re.compile(r"ey$"), "ei"),  # Sergey
    (re.compile(r"y$"), "i"),  # Dmitry, Zelensky
    (re.compile(r"([gk])h"), r"\1"),  # Serghei, Mikhail
    (re.compile(r"sh"), "s"),  # Shoigu (Şoigu folds to Soigu)
    (re.compile(r"x"), "ks"),  # Alexander
    (re.compile(r"w"), "v"),  # Wladimir
)
# Given names this alike (difflib ratio of their transliteration keys) are one person's when the
# surnames agree: Aleksandr/Aleksander 0.95, Yevgeny/Evgeny 0.92; Ivanka/Ivana (0.91) stay apart.
NAME_SIMILARITY = 0.92
ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
NAME_TOKEN = re.compile(r"[A-Z][\w.'’\-]*")


@dataclass(frozen=True)
class Mention:
    start_char: int
    end_char: int
    sentence_index: int
    text: str
    label: str
    name: str  # the mention without titles: "President Xi" -> "Xi"
    local_name: str  # the article's full form of that name: "Xi Jinping"


def fold(name: str) -> str:
    """Compare names without case, accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", ascii_only.lower()).strip()


def slug(label: str, name: str) -> str:
    return f"{label.lower()}:{fold(name).replace(' ', '-') or 'unnamed'}"


def strip_title(name: str) -> str:
    """'Former Russian President Dmitry Medvedev' -> 'Dmitry Medvedev'; keeps one-word names."""
    words = name.split()
    while len(words) > 1:
        head = words[0].lower().rstrip(".")
        nationality = (
            head.endswith(("ian", "ese", "ish", "an", "i"))
            and len(words) > 2
            and (words[1].lower().rstrip(".") in TITLES)
        )
        if head in TITLES or nationality:
            words.pop(0)
        else:
            break
    return " ".join(words)


PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# Between two parts of one name wrapped onto the next line: one line break, nothing else.
LINE_WRAP = re.compile(r"[^\S\n]*\n[^\S\n]*")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding white space, a leading 'the' or a trailing possessive, cut
    at a paragraph break (a name never spans one; it may span a line wrap: "Vladimir\nPutin")."""
    paragraph = PARAGRAPH_BREAK.search(text, start, end)
    if paragraph:
        end = paragraph.start()
    previous = None
    while (start, end) != previous:
        previous = (start, end)
        start, end = trimmed(text, start, end, trailing=",.;:", keep_end=ABBREVIATION_END)
        if text[start:end].lower().startswith("the ") and end - start > 4:
            start += 4
        possessive = POSSESSIVE.search(text[start:end])
        if possessive and end - start > len(possessive.group(0)) + 1:
            end -= len(possessive.group(0))
    return start, end


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def local_names(names: Iterable[str], person_names: Iterable[str]) -> dict[str, str]:
    """Each name -> the one longest person name of the same article whose words contain it.

    Two different longer names ("Xi Jinping", "Xi Mingze") make a short form ambiguous: it stays
    as it is rather than being given to either.
    """
    persons = sorted({fold(p): p for p in person_names}.items())
    mapping: dict[str, str] = {}
    for name in set(names):
        words = fold(name).split()
        longer = [(key, full) for key, full in persons if len(key.split()) > len(words)]
        containing = [(key, full) for key, full in longer if _is_subsequence(words, key.split())]
        maximal = {
            key: full
            for key, full in containing
            if not any(
                other != key and _is_subsequence(key.split(), other.split())
                for other, _ in containing
            )
        }
        mapping[name] = next(iter(maximal.values())) if len(maximal) == 1 else name
    return mapping


def _split_trailing_person(
    text: str, start: int, end: int, person_surnames: set[str]
) -> tuple[int, int] | None:
    """Where an ORG/GPE span ends with a person of the article ('... Council Dmitry Medvedev'),
    the offsets of that person's name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) < 3 or fold(words[-1].group(0)) not in person_surnames:
        return None
    first = len(words) - 1
    if (
        first > 1
        and NAME_TOKEN.fullmatch(words[first - 1].group(0))
        and (words[first - 1].group(0).lower() not in TITLES)
    ):
        first -= 1
    if first == 0:
        return None
    return start + words[first].start(), end


def article_mentions(doc: Doc, sentence_of: dict[int, int]) -> list[Mention]:
    """The named-entity mentions of one parsed article."""
    text = doc.text
    raw: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = _trimmed(text, ent.start_char, ent.end_char)
        if end <= start:
            continue
        if (
            raw
            and raw[-1][2] == ent.label_ == "PERSON"
            and LINE_WRAP.fullmatch(text, raw[-1][1], start)
        ):
            raw[-1] = (raw[-1][0], end, "PERSON")  # "Vladimir" / "Putin" split by a line wrap
        else:
            raw.append((start, end, ent.label_))
    person_surnames = {
        fold(strip_title(text[s:e])).split()[-1]
        for s, e, label in raw
        if label == "PERSON" and fold(strip_title(text[s:e]))
    }
    spans: list[tuple[int, int, str]] = []
    for start, end, label in raw:
        person = (
            _split_trailing_person(text, start, end, person_surnames) if label != "PERSON" else None
        )
        if person:
            head_end = _trimmed(text, start, person[0])[1]
            if head_end > start:
                spans.append((start, head_end, label))
            spans.append((person[0], person[1], "PERSON"))
        else:
            spans.append((start, end, label))

    names = {(s, e): strip_title(text[s:e]) for s, e, _ in spans}
    person_names = [names[(s, e)] for s, e, label in spans if label == "PERSON"]
    full_forms = local_names(names.values(), person_names)
    mentions = []
    for start, end, label in spans:
        token = doc.char_span(start, end, alignment_mode="expand")
        sentence = sentence_of[token.start] if token is not None else 0
        name = names[(start, end)]
        mentions.append(
            Mention(start, end, sentence, text[start:end], label, name, full_forms[name])
        )
    return sorted(mentions, key=lambda m: m.start_char)


@dataclass(frozen=True)
class Entity:
    entity_id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    n_mentions: int
    n_articles: int


def transliteration_key(word: str) -> str:
    """A folded word with transliteration variants folded away: 'sergey', 'serghei' -> 'sergei'."""
    for pattern, replacement in TRANSLITERATION_RULES:
        word = pattern.sub(replacement, word)
    return word


def same_person(a: str, b: str, name_similarity: float = NAME_SIMILARITY) -> bool:
    """Two folded multi-word person names: same surname up to transliteration, and given names
    at least ``name_similarity`` alike ('sergei shoigu', 'serghei soigu')."""
    a_words, b_words = a.split(), b.split()
    if transliteration_key(a_words[-1]) != transliteration_key(b_words[-1]):
        return False
    given_a, given_b = transliteration_key(a_words[0]), transliteration_key(b_words[0])
    return SequenceMatcher(None, given_a, given_b).ratio() >= name_similarity


def transliteration_variants(
    person_keys: Iterable[str], counts: Mapping[str, int], name_similarity: float = NAME_SIMILARITY
) -> dict[str, str]:
    """Each folded multi-word person name -> the most frequent variant of its person."""
    keys = sorted(set(person_keys))
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_surname[transliteration_key(key.split()[-1])].append(key)
    links = [
        (a, b)
        for group in by_surname.values()
        for i, a in enumerate(group)
        for b in group[i + 1 :]
        if same_person(a, b, name_similarity)
    ]
    chosen = {}
    for variants in connected_groups(keys, links):
        representative = min(variants, key=lambda k: (-counts.get(k, 0), k))
        chosen.update(dict.fromkeys(variants, representative))
    return chosen


def canonical_keys(
    local_names_by_label: Iterable[tuple[str, str]],
    aliases: Mapping[str, str] | None = None,
    name_similarity: float = NAME_SIMILARITY,
) -> dict[str, str]:
    """Folded local name -> folded canonical name across the corpus.

    Transliteration variants of a multi-word person name join its most frequent variant. A
    one-word name joins the one multi-word *person* name of the corpus that contains it, up to
    transliteration ("Putin" -> "Vladimir Putin", "Zelenskiy" -> "Volodymyr Zelensky"); with
    none, or several, it stays itself. ``aliases`` (name -> name it is another name of) apply
    last, so what a user curates wins over the rules.
    """
    pairs = list(local_names_by_label)
    counts = Counter(fold(n) for n, _ in pairs)
    variants = transliteration_variants(
        (fold(n) for n, label in pairs if label == "PERSON" and " " in fold(n)),
        counts,
        name_similarity,
    )
    by_word: dict[str, set[str]] = defaultdict(set)
    for key in set(variants.values()):
        for word in key.split():
            by_word[transliteration_key(word)].add(key)
    mapping = {}
    for name, _ in pairs:
        key = fold(name)
        if key in variants:
            mapping[key] = variants[key]
        elif " " not in key and len(found := by_word.get(transliteration_key(key), set())) == 1:
            mapping[key] = next(iter(found))
        else:
            mapping[key] = key
    for alias, target in (aliases or {}).items():
        alias_key, target_key = fold(alias), fold(target)
        merged_into = mapping.get(target_key, target_key)
        alias_root = mapping.get(alias_key, alias_key)
        for key, canonical in mapping.items():
            if canonical == alias_root:
                mapping[key] = merged_into
    return mapping


def canonical_entities(
    rows: list[dict[str, object]],
    aliases: Mapping[str, str] | None = None,
    name_similarity: float = NAME_SIMILARITY,
) -> tuple[list[str], list[Entity]]:
    """``entity_id`` for each local mention row (same order) and the corpus's entities.

    ``rows`` carry ``article_id``, ``text``, ``label`` and ``local_name``. An entity's label is
    the most frequent label of its mentions, its name the most frequent full spelling (ties go
    to the longer, then the alphabetically first), its aliases every surface form (a line wrap
    inside one read as a space).
    """
    keys = canonical_keys(
        ((str(r["local_name"]), str(r["label"])) for r in rows), aliases, name_similarity
    )
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        groups[keys[fold(str(row["local_name"]))]].append(row)
    entity_of_key: dict[str, str] = {}
    entities: list[Entity] = []
    for key in sorted(groups):
        members = groups[key]
        labels = Counter(str(m["label"]) for m in members)
        label = min(labels, key=lambda lab: (-labels[lab], lab != "PERSON", lab))
        # The canonical variant's own spellings; an alias target that no article names has
        # none, and takes the group's.
        spellings = Counter(
            str(m["local_name"]) for m in members if fold(str(m["local_name"])) == key
        ) or Counter(str(m["local_name"]) for m in members)
        name = min(spellings, key=lambda s: (-spellings[s], -len(s), s))
        # The slug is made of the folded key, so two keys never share an entity_id.
        entity_of_key[key] = slug(label, key)
        entities.append(
            Entity(
                entity_id=entity_of_key[key],
                name=name,
                label=label,
                aliases=tuple(sorted({" ".join(str(m["text"]).split()) for m in members})),
                n_mentions=len(members),
                n_articles=len({str(m["article_id"]) for m in members}),
            )
        )
    ids = [entity_of_key[keys[fold(str(r["local_name"]))]] for r in rows]
    return ids, sorted(entities, key=lambda e: e.entity_id)
