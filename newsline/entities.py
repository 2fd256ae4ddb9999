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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, cached_property
from typing import TYPE_CHECKING

from newsline.gazetteer import demonym_code, fold, state_code, state_name
from newsline.grouping import connected_groups
from newsline.institutions import state_qualified
from newsline.markup import ticker_after
from newsline.nlp import trimmed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Labels of pipelines trained on other schemes (spaCy's French, Spanish, ... models: WikiNER's
# PER, ORG, LOC, MISC) as newsline's (OntoNotes) labels.
LABEL_SYNONYMS = {"PER": "PERSON"}
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
        "baroness",
        "baron",
        "viscount",
        "earl",
        "duke",
        "duchess",
        "countess",
        "rt",
        "hon",
        "reverend",
        "rev",
        "professor",
        "prof",
        "st",
        "saint",
    ]
)
POSSESSIVE = re.compile(r"['’]s?$")
# What the model takes in before a name and is no part of it: "the", and a capitalised
# preposition that opens a heading or a sentence ("Across Wales", "In Moscow").
LEADING_NON_NAME = re.compile(
    r"(?:the|(?-i:An?|Across|In|At|From|For|Of|On|Throughout|By|With|To|Into|Under|Over|After|Before"
    r"|During|Between|Against|Inside|Outside|Around|Among))\s+",
    re.IGNORECASE,
)
# Spelling variants of transliterated names, folded away word by word, in this order.
TRANSLITERATION_RULES = (
    (re.compile(r"(.)\1"), r"\1"),  # doubled letters: Zelenskyy, Gennadiy
    (re.compile(r"(iy|ij|yi|ii)$"), "i"),  # Zelenskiy, Dmitrij
    (re.compile(r"ey$"), "ei"),  # Sergey
    (re.compile(r"y$"), "i"),  # Dmitry, Zelensky
    (re.compile(r"([gk])h"), r"\1"),  # Serghei, Mikhail
    (re.compile(r"sch"), "sh"),  # Schultz, a misspelt Shultz
    (re.compile(r"sh"), "s"),  # Shoigu (Şoigu folds to Soigu)
    (re.compile(r"x"), "ks"),  # Alexander
    (re.compile(r"w"), "v"),  # Wladimir
)
# Given names this alike (difflib ratio of their transliteration keys) are one person's when the
# surnames agree: Aleksandr/Aleksander 0.95, Yevgeny/Evgeny 0.92; Ivanka/Ivana (0.91) stay apart.
NAME_SIMILARITY = 0.92
# Labels of places (a state among them), and of organisations and groups.
PLACE_LABELS = frozenset({"GPE", "LOC"})
GROUP_LABELS = frozenset({"ORG", "NORP"})
# Words an acronym skips: "Department for Education and Skills" is "DfES".
NAME_PARTICLES = frozenset({"of", "and", "for", "on", "the", "de", "du", "des", "la", "le", "&"})
ACRONYM = re.compile(r"[A-Z]{2,6}")
DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){2,6}")
ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
NAME_TOKEN = re.compile(r"[A-Z][\w.'’\-]*")


# fmt: off
# What the model tags but is no name, by reason: lone determiners and pronouns; the unit and
# table abbreviations of financial wire stories ("Shr 20 cts vs 15 cts", "Revs 12.3 mln");
# a wire service's tag in parentheses, the dateline's "(Reuters)"; an all-capitals heading
# line; and a list of two names in one span ("House of Commons, European Parliament").
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "it", "he", "she",
                         "they", "we", "i", "you", "his", "her", "its", "their", "our"})
TABLE_WORDS = frozenset({"mln", "mlns", "bln", "dlr", "dlrs", "ct", "cts", "pct", "shr", "shrs",
                         "rev", "revs", "vs", "avg", "qtr", "qtrs", "oper", "net", "mth", "mths",
                         "nine", "six", "three", "twelve", "loss", "profit", "prior", "note"})
WIRE_SERVICES = frozenset({"reuter", "reuters", "ap", "afp", "upi", "xinhua", "tass", "dpa",
                           "kyodo", "ansa", "efe", "bernama", "yonhap", "itar tass", "interfax"})
# A company's legal form: part of how it is written, not of its name ("General Motors Corp" is
# General Motors); "Pty" (proprietary) stays, as readers say "Broken Hill Pty", and so do forms
# written out ("Commodity Credit Corporation" is that agency's usual name).
LEGAL_FORMS = frozenset({"inc", "corp", "co", "cos", "ltd", "plc", "ag", "sa", "nv", "llc", "bv",
                         "gmbh", "spa", "s.a", "n.v", "a.g", "s.p.a",
                         "lp", "llp", "kk", "ab", "asa", "oy"})
# The last word of the name of a document, programme or measure, which is no entity of the five
# kinds a reader counts (people, states, places, organisations, groups): "Consumer Credit Bill",
# "International Sugar Agreement", "Gross Domestic Product", "Adjusted World Price".
DOCUMENT_WORDS = frozenset({"bill", "act", "treaty", "agreement", "accord", "convention",
                            "protocol", "programme", "program", "certificate", "price", "index",
                            "product", "facility", "plan", "scheme"})
# Heads of generic institutions: alone, such a word names whichever institution the article
# means, so it joins no longer name by its ending ("House" is not the White House).
GENERIC_HEADS = frozenset({"house", "ministry", "department", "bank", "treasury", "senate",
                           "council", "committee", "commission", "court", "agency", "office",
                           "exchange", "board", "assembly", "parliament", "congress",
                           "government", "cabinet", "union", "association", "federation",
                           "institute", "group", "company", "authority", "fund", "state"})
# Titles written after a name: "Bolton West MP" is Bolton West's member, not a name.
TRAILING_TITLES = frozenset({"mp", "mps", "mep", "meps", "msp", "qc"})
# Vessels, whose names the wire gives after the kind of ship: "the tanker Exxon Valdez".
SHIPS = frozenset({"ship", "vessel", "tanker", "supertanker", "freighter", "battleship",
                   "destroyer", "frigate", "cruiser", "carrier", "liner", "ferry", "warship"})
# A numbered part of a law ("Chapter 11" of the bankruptcy code), and a credit rating ("A-1",
# "Aa2", "BBB-"), which the model tags as laws, products or organisations.
LAW_SECTION = re.compile(r"(?:Chapter|Article|Section|Title|Clause|Paragraph)\s+\d+[A-Za-z]?")
CREDIT_RATING = re.compile(r"(?:[A-D]{1,3}|Aa|Baa|Ba|Caa|Ca|P)(?:[-+][1-3]?|[1-3])")
# Time zones, as the wire gives clock times ("at 1000 EST", "0900 GMT").
TIME_ZONES = frozenset({"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
                        "bst", "cet", "cest", "jst", "hkt", "sgt", "ist", "aest", "msk"})
# fmt: on
LIST_OF_NAMES = re.compile(r"\S+\s+\S+.*,\s+\S+\s+\S+")
# An amount, price or percentage: a number with a decimal part, a unit or a scale word
# ("860p", "2.1 billion", "12.5 pct", "$40"); a bare whole number ("Chapter 11", "Local 594")
# is left alone, as it may be part of a name.
AMOUNT = re.compile(
    r"(?:[$£¥€]\s?\d[\d,.]*|\d[\d,]*\.\d+|\d[\d,.]*\s?(?:p|c|pct|%|bn|mln|bln|k))"
    r"(?:\s+(?:billion|million|thousand|mln|bln|pct|percent|dlrs|dollars|cts|stg|yen))?",
    re.IGNORECASE,
)
TRAILING_AMOUNT = re.compile(r"\s+" + AMOUNT.pattern + r"$", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [w.strip(".,").lower() for w in text.split()]


def is_legal_form(word: str) -> bool:
    return word.strip(".,").lower() in LEGAL_FORMS


def without_legal_form(name: str) -> str:
    """'General Motors Corp' -> 'General Motors', 'Broken Hill Pty Co Ltd' -> 'Broken Hill Pty';
    kept where the rest would end in a particle ('HBO and Co') or be nothing ('Plc')."""
    words = name.split()
    while len(words) > 1 and is_legal_form(words[-1]) and words[-2].lower() not in NAME_PARTICLES:
        words.pop()
    return " ".join(words)


def _is_heading(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return line == text[start:end].strip() and line.isupper() and len(line.split()) > 1


def _is_document(span: str) -> bool:
    words = _words(span)
    return len(words) > 1 and words[-1] in DOCUMENT_WORDS


def _is_acronym_of_a_term(text: str, start: int, end: int) -> bool:
    """An acronym that the article defines as a common term written in lower case ("the export
    enhancement program, EEP", "methyl tertiary butyl ether (MTBE)"), wherever it stands."""
    span = text[start:end]
    if not ACRONYM.fullmatch(span):
        return False
    words = r"[\s-]+".join(rf"{letter.lower()}[a-z]*" for letter in span)
    return re.search(rf"\b{words}[\s,(]+{span}\b", text) is not None


def _is_ship(text: str, start: int) -> bool:
    """A name right after the kind of vessel it names: "the battleship Missouri"."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower() in SHIPS


def _is_lowercase_in_cased_text(text: str, start: int, end: int) -> bool:
    """A span without a capital letter ("substantialy", "general reserve") in a text that
    writes capitals; a story sent all in lower case names its people in lower case too."""
    if any(c.isupper() for c in text[start:end]):
        return False
    letters = [c for c in text[:5000] if c.isalpha()]
    return sum(c.isupper() for c in letters) * 100 >= len(letters)


def _is_agency_tag(text: str, start: int, end: int) -> bool:
    return (
        fold(text[start:end]) in WIRE_SERVICES
        and text[start - 1 : start] == "("
        and text[end : end + 1] == ")"
    )


NOT_A_NAME: tuple[tuple[str, Callable[[str, int, int], bool]], ...] = (
    ("determiner", lambda text, start, end: fold(text[start:end]) in DETERMINERS),
    (
        "unit_or_table",
        lambda text, start, end: all(
            w in TABLE_WORDS or w.isdigit() for w in fold(text[start:end]).split()
        ),
    ),
    ("agency_tag", _is_agency_tag),
    ("heading", _is_heading),
    ("list", lambda text, start, end: LIST_OF_NAMES.fullmatch(text[start:end]) is not None),
    # "Co", "Group Plc": a legal form on its own, the company's name outside the span.
    (
        "legal_form_alone",
        lambda text, start, end: all(
            is_legal_form(w) or w == "group" for w in _words(text[start:end])
        ),
    ),
    ("time_zone", lambda text, start, end: fold(text[start:end]) in TIME_ZONES),
    ("amount", lambda text, start, end: AMOUNT.fullmatch(text[start:end]) is not None),
    ("single_letter", lambda text, start, end: len(text[start:end].strip(".")) == 1),
    ("document_or_programme", lambda text, start, end: _is_document(text[start:end])),
    ("lowercase_in_cased_text", _is_lowercase_in_cased_text),
    ("acronym_of_a_term", _is_acronym_of_a_term),
    ("ship", lambda text, start, end: _is_ship(text, start)),
    (
        "section_of_a_law",
        lambda text, start, end: LAW_SECTION.fullmatch(text[start:end]) is not None,
    ),
    (
        "credit_rating",
        lambda text, start, end: CREDIT_RATING.fullmatch(text[start:end]) is not None,
    ),
)


def _is_sentence_initial_common_word(span: Span) -> bool:
    """One word opening a sentence that the parse reads as no proper noun and that the article
    also writes in lower case: a capital only the sentence gives it ("Progress was slow ... little
    progress")."""
    if len(span) != 1 or not span[0].is_sent_start or span[0].pos_ in ("PROPN", ""):
        return False
    lower = span[0].lower_
    return lower != span[0].text and any(t.text == lower for t in span.doc)


# What the model tags but is no name, told by the parse of the span (after ``NOT_A_NAME``).
NOT_A_NAME_IN_PARSE: tuple[tuple[str, Callable[[Span], bool]], ...] = (
    ("sentence_initial_common_word", _is_sentence_initial_common_word),
)


def not_a_name(text: str, start: int, end: int) -> str | None:
    """Why the span ``text[start:end]`` is no name (a reason of ``NOT_A_NAME``), or None."""
    return next((reason for reason, test in NOT_A_NAME if test(text, start, end)), None)


@dataclass(frozen=True)
class Mention:
    start_char: int
    end_char: int
    sentence_index: int
    text: str
    label: str
    name: str  # the mention without titles or legal form: "President Xi" -> "Xi"
    local_name: str  # the article's full form of that name: "Xi Jinping"
    ticker: str | None = None  # the wire's ticker tag right after it: "GM" of "<GM>"


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
        if words[1] == "of" and len(words) <= 3:
            break  # "Prince of Wales" is a title that is the name
        if head in TITLES or nationality:
            words.pop(0)
            if words[0] == "of":  # "Secretary of Agriculture Richard Lyng": the portfolio too
                del words[:2]
        else:
            break
    return " ".join(words)


PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# Between two parts of one name the model tagged apart: white space with one line break at most
# ("Vladimir" / "Putin" wrapped onto the next line; "Ali Akbar" "Hashemi Rafsanjani").
NAME_GAP = re.compile(r"[^\S\n]*\n?[^\S\n]*")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets cut at a paragraph break (a name never spans one; it may span a line wrap:
    "Vladimir\nPutin"), then trimmed by every rule of ``TRIMS`` until none changes them."""
    paragraph = PARAGRAPH_BREAK.search(text, start, end)
    if paragraph:
        end = paragraph.start()
    previous = None
    while (start, end) != previous:
        previous = (start, end)
        for _, trim in TRIMS:
            start, end = trim(text, start, end)
    return start, end


def _white_space_and_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    return trimmed(text, start, end, trailing=",.;:", keep_end=ABBREVIATION_END)


def _article_or_preposition_before(text: str, start: int, end: int) -> tuple[int, int]:
    leading = LEADING_NON_NAME.match(text, start, end)
    return (leading.end(), end) if leading and leading.end() < end else (start, end)


def _possessive_after(text: str, start: int, end: int) -> tuple[int, int]:
    possessive = POSSESSIVE.search(text[start:end])
    if possessive and end - start > len(possessive.group(0)) + 1:
        return start, end - len(possessive.group(0))
    return start, end


def _amount_after(text: str, start: int, end: int) -> tuple[int, int]:
    amount = TRAILING_AMOUNT.search(text[start:end])
    return (start, start + amount.start()) if amount and amount.start() > 0 else (start, end)


def _unclosed_bracket(text: str, start: int, end: int) -> tuple[int, int]:
    """A name that the model ran on into a bracket it does not close: "International Monetary
    Fund (IMF", "Federation of Economic Organisations (Keidanren" end before the bracket."""
    span = text[start:end]
    opening = max(span.rfind("("), span.rfind("["))
    if opening > 0 and not any(c in span[opening:] for c in ")]"):
        return start, start + len(span[:opening].rstrip())
    return start, end


def _description_after(text: str, start: int, end: int) -> tuple[int, int]:
    """A name that the model ran on into a common word or a title after it; a name written in
    lower case is left whole."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) < 2 or not any(c.isupper() for c in text[start:end]):
        return start, end
    last = words[-1].group(0)
    if (last.islower() and last.isalpha()) or last.lower() in TRAILING_TITLES:
        return start, start + words[-2].end()
    return start, end


# What is cut off a span the model tagged, each rule in turn until none cuts more.
TRIMS: tuple[tuple[str, Callable[[str, int, int], tuple[int, int]]], ...] = (
    ("white_space_and_punctuation", _white_space_and_punctuation),
    ("article_or_preposition_before", _article_or_preposition_before),  # "the", "An", "Across"
    ("possessive_after", _possessive_after),  # "Janet Jackson's"
    ("amount_after", _amount_after),  # "China 2.1 billion" is China
    ("unclosed_bracket", _unclosed_bracket),  # "International Monetary Fund (IMF"
    ("description_after", _description_after),  # "United Auto Workers union", "Bolton West MP"
)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def local_names(names: Iterable[str], person_names: Iterable[str]) -> dict[str, str]:
    """Each name -> the one longest person name of the same article whose words contain it.

    Two different longer names ("Xi Jinping", "Xi Mingze") make a short form ambiguous: it stays
    as it is rather than being given to either.
    """
    persons = sorted({fold(p): p for p in person_names}.items())
    # Which persons have each word: a name is only compared with those that have all its words
    # (a long report names thousands of people).
    having_word: dict[str, set[int]] = defaultdict(set)
    for index, (key, _) in enumerate(persons):
        for word in key.split():
            having_word[word].add(index)
    mapping: dict[str, str] = {}
    for name in set(names):
        words = fold(name).split()
        having_all = set.intersection(*(having_word.get(w, set()) for w in words)) if words else ()
        longer = [persons[i] for i in sorted(having_all) if len(persons[i][0].split()) > len(words)]
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


def extends_as_a_name(spelling: str) -> bool:
    """Whether the words before a name's last are name words (capitalised, or particles such
    as "of"): "Liberal Democrats" extends "Democrats", "post-Soviet" does not extend "Soviet"."""
    words = re.split(r"[\s\-]+", spelling.strip())[:-1]
    return bool(words) and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def local_group_names(names_by_label: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A one-word name of an organisation or group -> the one longer organisation or group name
    of the same article that ends in it, number aside ("Democrats" -> "Liberal Democrats",
    "Commons" -> "House of Commons"); with none, or several, nothing."""
    pairs = [(name, label) for name, label in names_by_label if label in GROUP_LABELS]
    longer_by_last_word: dict[str, set[str]] = defaultdict(set)
    longer_by_first_word: dict[str, set[str]] = defaultdict(set)
    for name, label in pairs:
        if " " in name and extends_as_a_name(name) and (words := form_key(fold(name)).split()):
            longer_by_last_word[words[-1]].add(name)
            if label == "ORG":
                longer_by_first_word[fold(name).split()[0]].add(name)
    mapping = {}
    for name, label in pairs:
        if " " in name or not (word := form_key(fold(name))):
            continue
        ending = {n for n in longer_by_last_word.get(word, ()) if may_join(name, n)}
        if len(ending) == 1:
            mapping[name] = next(iter(ending))
        elif not may_join(name, ""):
            continue
        elif label == "ORG" and len(opening := longer_by_first_word.get(fold(name), set())) == 1:
            mapping[name] = next(iter(opening))  # "Ford" of "Ford Motor Co" in one story
    return mapping | local_acronyms(pairs)


def may_join(short: str, longer: str) -> bool:
    """Whether a one-word name may stand for a longer one that ends (or, for a company, opens)
    with it: a nationality only for a longer nationality ("German", "West German"; "Soviet" is
    not the Supreme Soviet), a generic institution's head only for itself qualified by a state
    ("Treasury", "U.S. Treasury"; "House" is not the White House)."""
    key = fold(short)
    if demonym_code(key):
        return bool(longer) and demonym_code(fold(longer)) is not None
    if form_key(key) in GENERIC_HEADS or key in GENERIC_HEADS:
        return bool(longer) and state_qualified(longer, short)
    return True


def local_acronyms(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """An acronym -> the one organisation name of the same article whose initials it is ("EC"
    -> "European Community", "ADB" -> "Asian Development Bank")."""
    listed = list(pairs)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for name, _ in listed:
        if " " in name:
            by_initials[initials(name)].add(name)
    mapping = {}
    for name, _ in listed:
        spelling = name.replace(".", "") if DOTTED_ACRONYM.fullmatch(name) else name
        if ACRONYM.fullmatch(spelling) and len(found := by_initials.get(spelling, set())) == 1:
            mapping[name] = next(iter(found))
    return mapping


# A title whose portfolio follows it: "Secretary of Agriculture", "Minister of Trade".
TITLE_OF = re.compile(r"\b(?:secretary|undersecretary|minister)\s+of\s+$", re.IGNORECASE)


Tagged = tuple[int, int, str]  # a span's start, end and label


def _legal_form_makes_a_company(text: str, span: Tagged, lower_words: set[str]) -> Tagged:
    """ "Woolworth Holdings Plc", whatever the model tagged it, is an organisation."""
    start, end, _ = span
    return (start, end, "ORG") if is_legal_form(text[start:end].split()[-1]) else span


def _person_after_a_portfolio(text: str, span: Tagged, lower_words: set[str]) -> Tagged:
    """A span that the model began at the portfolio of a title ("Secretary of [Agriculture
    Richard Lyng]") is the person after it: the span without its first word, a PERSON."""
    start, end, _ = span
    words = text[start:end].split()
    if (
        len(words) >= 3
        and TITLE_OF.search(text, max(0, start - 40), start)
        and all(NAME_TOKEN.fullmatch(w) for w in words)
    ):
        return text.index(words[1], start + len(words[0])), end, "PERSON"
    return span


def _state_before_common_words(text: str, span: Tagged, lower_words: set[str]) -> Tagged:
    """A state's name that the model ran on into capitalised common words, which the article
    also writes in lower case ("a U.S. Firm said" where the story has "firm"): the state."""
    start, end, _ = span
    words = list(re.finditer(r"\S+", text[start:end]))
    for n in (1, 2):
        rest = [w.group(0) for w in words[n:]]
        if (
            rest
            and state_code(fold(" ".join(w.group(0) for w in words[:n])))
            and all(w.lower() in lower_words and w[:1].isupper() for w in rest)
        ):
            return start, start + words[n - 1].end(), "GPE"
    return span


# How a span the model tagged is corrected, in this order, once it is trimmed and is a name:
# each rule takes the text, the span with its label, and the article's lower-case words.
SPAN_RULES: tuple[tuple[str, Callable[[str, Tagged, set[str]], Tagged]], ...] = (
    ("legal_form_makes_a_company", _legal_form_makes_a_company),
    ("person_after_a_portfolio", _person_after_a_portfolio),
    ("state_before_common_words", _state_before_common_words),
)


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


def article_mentions(
    doc: Doc, sentence_of: dict[int, int], source_text: str | None = None
) -> list[Mention]:
    """The named-entity mentions of one parsed article. ``source_text`` is the article's text
    where ``doc`` parsed it as the parser reads it (``markup.as_parsed``): mentions
    take their text and their ticker from it."""
    text = doc.text
    lower_words = {t.text for t in doc if t.text.islower()}
    raw: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = LABEL_SYNONYMS.get(ent.label_, ent.label_)
        if label not in ENTITY_LABELS:
            continue
        start, end = _trimmed(text, ent.start_char, ent.end_char)
        if end <= start or not_a_name(text, start, end):
            continue
        if any(test(ent) for _, test in NOT_A_NAME_IN_PARSE):
            continue
        for _, rule in SPAN_RULES:
            start, end, label = rule(text, (start, end, label), lower_words)
        if raw and raw[-1][2] == label == "PERSON" and NAME_GAP.fullmatch(text, raw[-1][1], start):
            raw[-1] = (raw[-1][0], end, "PERSON")  # one name the model tagged in two
        else:
            raw.append((start, end, label))
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

    spans = sorted(spans + _untagged_surnames(doc, spans, person_surnames))
    names = {
        (s, e): _department_of_a_portfolio(text, s, e) or name_of(text[s:e], label, person_surnames)
        for s, e, label in spans
    }
    person_names = [names[(s, e)] for s, e, label in spans if label == "PERSON"]
    full_forms = local_names(names.values(), person_names)
    full_forms |= local_group_names([(names[(s, e)], label) for s, e, label in spans])
    mentions = []
    for start, end, label in spans:
        token = doc.char_span(start, end, alignment_mode="expand")
        sentence = sentence_of[token.start] if token is not None else 0
        name = names[(start, end)]
        source = text if source_text is None else source_text
        mentions.append(
            Mention(start, end, sentence, source[start:end], label, name, full_forms[name],
                    ticker_after(source, end))
        )  # fmt: skip
    return sorted(mentions, key=lambda m: m.start_char)


def _department_of_a_portfolio(text: str, start: int, end: int) -> str | None:
    """The one word of a "Secretary of" title is a department: "Secretary of [State] George
    Shultz" names the State Department, "Secretary of [Defense]" the Defense Department."""
    word = text[start:end]
    if NAME_TOKEN.fullmatch(word) and TITLE_OF.search(text, max(0, start - 40), start):
        return f"{word} Department"
    return None


def name_of(spelling: str, label: str, person_surnames: set[str]) -> str:
    """A mention's name: without its legal form, and without titles where it is a person's name
    ("General" is a title before "Colin Powell", not in "General Motors")."""
    name = without_legal_form(spelling)
    untitled = strip_title(name)
    if label == "PERSON" or (untitled and fold(untitled).split()[-1] in person_surnames):
        return untitled
    return name


def _untagged_surnames(
    doc: Doc, spans: list[tuple[int, int, str]], surnames: set[str]
) -> list[tuple[int, int, str]]:
    """A person's surname that the model left untagged later in the article ("German defense
    minister Rudolf Scharping said ... Scharping, ending a two-day visit, said"): a proper noun
    outside every name, not the first word of a longer one, that is the last word of a person
    the article names."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    return [
        (t.idx, t.idx + len(t.text), "PERSON")
        for t in doc
        if t.pos_ == "PROPN" and t.is_title and len(t.text) > 2
        and fold(t.text) in surnames and t.idx not in covered
        and not (t.dep_ == "compound" and t.head.pos_ == "PROPN")
    ]  # fmt: skip


@dataclass(frozen=True)
class Entity:
    entity_id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    iso_code: str | None
    n_mentions: int
    n_articles: int
    tickers: tuple[str, ...] = ()


@cache
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


def majority_label(labels: Counter[str]) -> str:
    """The most frequent label (ties to PERSON, then alphabetically)."""
    return min(labels, key=lambda lab: (-labels[lab], lab != "PERSON", lab))


@dataclass
class NameStats:
    """What the corpus says of one folded name: how often each label and spelling was used.
    Its count and label are worked out once, when first asked: the statistics are complete by
    then (``counted_name_stats`` makes them; the rules only read them)."""

    labels: Counter[str] = field(default_factory=Counter)
    spellings: Counter[str] = field(default_factory=Counter)

    @cached_property
    def count(self) -> int:
        return sum(self.labels.values())

    @cached_property
    def label(self) -> str:
        return majority_label(self.labels)

    @property
    def is_person(self) -> bool:
        return self.label == "PERSON"

    @property
    def may_be_person(self) -> bool:
        """A third or more of its mentions are a person's: the model tags "Kilroy-Silk" as an
        organisation more often than not."""
        return self.labels["PERSON"] * 3 >= self.count


def name_stats(local_names_by_label: Iterable[tuple[str, str]]) -> dict[str, NameStats]:
    return counted_name_stats((name, label, 1) for name, label in local_names_by_label)


def counted_name_stats(counts: Iterable[tuple[str, str, int]]) -> dict[str, NameStats]:
    """Folded name -> its statistics, from (name, label, how many mentions) in the order the
    corpus first uses them (a tie between spellings goes to the first used)."""
    stats: dict[str, NameStats] = defaultdict(NameStats)
    for name, label, n in counts:
        entry = stats[fold(name)]
        entry.labels[label] += n
        entry.spellings[name] += n
    return dict(stats)


@cache
def form_key(key: str) -> str:
    """An organisation's name without its number or a closing "party": "tories", "tory party"
    and "tory" are all "tory"; "liberal democrats" is "liberal democrat"."""
    words = key.split()
    if len(words) > 1 and words[-1] == "party":
        words.pop()
    if words and len(last := words[-1]) > 3 and not last.endswith("ss"):
        words[-1] = last[:-3] + "y" if last.endswith("ies") else last.removesuffix("s")
    return " ".join(words)


def _state_links(stats: Mapping[str, NameStats]) -> Iterator[tuple[str, str]]:
    """Every name of a state (a place by its majority label) to the state's own name."""
    for key, entry in stats.items():
        if entry.label in PLACE_LABELS and (code := state_code(key)):
            yield key, fold(state_name(code))


def _form_links(stats: Mapping[str, NameStats]) -> Iterator[tuple[str, str]]:
    """Number variants of an organisation or group, and "X" with "X Party"."""
    by_form: dict[str, list[str]] = defaultdict(list)
    for key, entry in stats.items():
        # A person's name is not an organisation's: "the Blairs" are a family, "Robert
        # Kilroy-Silk Party" a jibe.
        if entry.label not in PLACE_LABELS and not entry.may_be_person and form_key(key):
            by_form[form_key(key)].append(key)
    for keys in by_form.values():
        organised = [k for k in keys if stats[k].label in GROUP_LABELS]
        if organised:
            yield from ((organised[0], other) for other in keys if other != organised[0])


def _is_abbreviation(short: list[str], long: list[str]) -> bool:
    """'lib dem' of 'liberal democrat': word by word a prefix, one at least shortened."""
    return (
        len(short) == len(long) > 1
        and all(len(a) >= 3 and b.startswith(a) for a, b in zip(short, long, strict=True))
        and short != long
    )


def initials(spelling: str) -> str:
    """'UK Independence Party' -> 'UKIP'; words of one or two capitals count whole."""
    letters = []
    for word in re.findall(r"[\w'’]+", spelling):
        if word.lower() in NAME_PARTICLES:
            continue
        letters.append(word if word.isupper() and len(word) <= 3 else word[0])
    return "".join(letters).upper()


def _abbreviation_links(stats: Mapping[str, NameStats]) -> Iterator[tuple[str, str]]:
    """An abbreviation ('Lib Dem') or acronym ('UKIP', 'EU', 'U.N.') and the one organisation
    name of the corpus it stands for. Candidates are looked up by their words' first three
    letters and by their initials, so the cost grows with the corpus, not with its square."""
    organisations = [
        k for k, e in stats.items() if e.label not in PLACE_LABELS and not e.is_person and " " in k
    ]  # the model tags GATT's long form a law
    representative: dict[str, str] = {}
    for key in sorted(stats, key=lambda k: (-stats[k].count, k)):
        representative.setdefault(form_key(key), key)
    by_prefixes: dict[tuple[str, ...], set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    form_counts: Counter[str] = Counter()
    for key, entry in stats.items():
        form_counts[form_key(key)] += entry.count
    for key in organisations:
        form = form_key(key)
        by_prefixes[tuple(word[:3] for word in form.split())].add(form)
        for spelling in stats[key].spellings:
            by_initials[initials(spelling)].add(form)
    for key, entry in stats.items():
        if entry.label in PLACE_LABELS:
            continue  # "East Africa" abbreviates no "East African": a place is its own name
        words = form_key(key).split()
        longer = {
            form
            for form in by_prefixes.get(tuple(word[:3] for word in words), ())
            if _is_abbreviation(words, form.split())
        }
        if len(longer) == 1:
            yield key, representative[longer.pop()]
        spelling = entry.spellings.most_common(1)[0][0]
        if DOTTED_ACRONYM.fullmatch(spelling):
            spelling = spelling.replace(".", "")  # "U.N." is "UN"
        expansions = by_initials.get(spelling, set()) - {form_key(key)}
        if ACRONYM.fullmatch(spelling) and (expansion := _clear_majority(expansions, form_counts)):
            yield key, representative[expansion]


def _clear_majority(candidates: Iterable[str], counts: Mapping[str, int]) -> str | None:
    """The one candidate, or the one with two thirds of their mentions ("EU" is the European
    Union beside one "Edinburgh University"); None where none stands out."""
    listed = sorted(candidates)
    if not listed:
        return None
    best = max(listed, key=lambda c: (counts.get(c, 0), c))
    total = sum(counts.get(c, 0) for c in listed)
    return best if counts.get(best, 0) * 3 >= total * 2 else None


def _surname_links(
    stats: Mapping[str, NameStats], variants: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """A one-word person name and the one full name of the corpus it is a surname (or, as in
    "Xi" of "Xi Jinping", a family name written first) of, up to transliteration; where several
    full names share it, the one with a clear majority (two thirds) of their mentions."""
    counts: Counter[str] = Counter()
    for key, representative in variants.items():
        counts[representative] += stats[key].count
    by_word: dict[str, set[str]] = defaultdict(set)
    for full in counts:
        words = full.split()
        for word in {words[0], words[-1]}:
            by_word[transliteration_key(word)].add(full)
    for key, entry in stats.items():
        if " " in key or entry.labels["PERSON"] * 2 < entry.count:
            continue
        candidates = sorted(by_word.get(transliteration_key(key), ()))
        if not candidates:
            continue
        best = max(candidates, key=lambda c: (counts[c], c))
        if counts[best] * 3 >= sum(counts[c] for c in candidates) * 2:
            yield key, best


def unglued_names(counts: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """A person's name of three or more words that opens with a word the corpus mostly names
    something else by ("Tories Ken Clarke": the model glued the party to the man) -> the name
    without it ("Ken Clarke"); every other name -> itself. ``counts`` are (name, label, how many
    mentions) in the order of each one's last use: a name the model labels both a person and
    something else is taken as its last mention labels it."""
    counted = list(counts)
    stats = counted_name_stats(counted)
    others = {k for k, e in stats.items() if " " not in k and not e.is_person and e.count >= 2}
    names = {}
    for name, label, _ in counted:
        words = name.split()
        if label == "PERSON":
            while len(words) > 2 and fold(words[0]) in others:
                words.pop(0)
        names[name] = " ".join(words) if len(words) < len(name.split()) else name
    return names


def _ending_links(stats: Mapping[str, NameStats]) -> Iterator[tuple[str, str]]:
    """A one-word name of an organisation or group and the longer one of the corpus that ends
    in it, number aside ("Democrats", "Liberal Democrats"): the one such name, or the one with a
    clear majority (two thirds) of their mentions, and only where the corpus uses the longer
    name at least as often as the short one (a short form more common than any full name it
    could stand for is a name of its own: "Treasury" is not short for "Lib Dem Treasury")."""
    longer: dict[str, list[str]] = defaultdict(list)
    for key, entry in stats.items():
        spelling = entry.spellings.most_common(1)[0][0]
        if (
            " " in key
            and entry.label in GROUP_LABELS
            and not entry.may_be_person
            and extends_as_a_name(spelling)
        ):
            longer[form_key(key).split()[-1]].append(key)
    for key, entry in stats.items():
        if " " in key or entry.label not in GROUP_LABELS:
            continue
        candidates = [c for c in longer.get(form_key(key), []) if may_join(key, c)]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: (stats[c].count, c))
        total = sum(stats[c].count for c in candidates)
        if stats[best].count * 3 >= total * 2 and stats[best].count >= entry.count:
            yield key, best


def canonical_keys(
    local_names_by_label: Iterable[tuple[str, str]],
    aliases: Mapping[str, str] | None = None,
    name_similarity: float = NAME_SIMILARITY,
) -> dict[str, str]:
    """Folded local name -> folded canonical name across the corpus.

    Names are linked by these rules, and each linked group takes one name (``_group_name``):
    - a state's names (pycountry's, and "UK", "Britain", "U.S.", "Soviet Union", ...) are one
      state, named as ``gazetteer.state_name`` names it;
    - transliteration variants of a multi-word person name are one person;
    - a one-word person name joins the full name it is the surname of (``_surname_links``);
    - an organisation's number variants and its "X Party" are one ("Tory", "Tories", "Tory
      Party"), and so are an abbreviation or acronym and the one name it stands for ("Lib Dem",
      "Liberal Democrat"; "UKIP", "UK Independence Party"), and a one-word name and the longer
      name it ends (``_ending_links``: "Democrats", "Liberal Democrats").
    ``aliases`` (name -> name it is another name of) apply last, so what a user curates wins
    over the rules.
    """
    return keys_of_stats(name_stats(local_names_by_label), aliases, name_similarity)


def keys_of_stats(
    stats: Mapping[str, NameStats],
    aliases: Mapping[str, str] | None = None,
    name_similarity: float = NAME_SIMILARITY,
) -> dict[str, str]:
    """``canonical_keys`` from the corpus's name statistics."""
    people = [k for k, e in stats.items() if e.is_person and " " in k]
    counts = {k: e.count for k, e in stats.items()}
    variants = transliteration_variants(people, counts, name_similarity)
    links = list(_state_links(stats))
    links += [(k, v) for k, v in variants.items() if k != v]
    links += list(_form_links(stats))
    # Links whose first name is a short form of the second: not the name of their group.
    shortening = [
        *_surname_links(stats, variants),
        *_ending_links(stats),
        *_abbreviation_links(stats),
    ]
    links += shortening
    short_forms = {short for short, _ in shortening}
    items = set(stats) | {b for _, b in links}
    mapping: dict[str, str] = {}
    for group in connected_groups(items, links):
        name = _group_name(group, stats, short_forms)
        mapping.update(dict.fromkeys(group, name))
    for alias, target in (aliases or {}).items():
        alias_key, target_key = fold(alias), fold(target)
        merged_into = mapping.get(target_key, target_key)
        alias_root = mapping.get(alias_key, alias_key)
        for key, canonical in mapping.items():
            if canonical == alias_root:
                mapping[key] = merged_into
    return {k: v for k, v in mapping.items() if k in stats}


def _group_name(group: list[str], stats: Mapping[str, NameStats], short_forms: set[str]) -> str:
    """The folded name a linked group goes by: a state's own name; else, of the names that are
    not a short form of another, a person's most used full name; else the one a party calls
    itself ("X Party"), then the plural of a group's name ("Liberal Democrats", not the
    attributive "Liberal Democrat"), then the most used, then the longest."""
    for key in group:
        if key in stats and stats[key].label in PLACE_LABELS and (code := state_code(key)):
            return fold(state_name(code))
    named = [k for k in group if k in stats] or group
    full = [k for k in named if k not in short_forms] or named
    people = [k for k in full if " " in k and stats[k].is_person]
    if people:  # a person goes by the full name the corpus uses most
        return min(people, key=lambda k: (-stats[k].count, k))

    most = max((stats[k].count for k in full if k in stats), default=0)

    def preference(key: str) -> tuple[bool, bool, int, int, str]:
        entry = stats.get(key, NameStats())
        # A plural the corpus seldom uses is no name ("the Asian Development Banks" of a list).
        plural = form_key(key) != key and not key.endswith(" party")
        if entry.label == "ORG" and entry.count * 3 < most:
            plural = False
        return (not key.endswith(" party"), not plural, -entry.count, -len(key), key)

    return min(full, key=preference)
