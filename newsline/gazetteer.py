"""States by name: pycountry's ISO 3166 names, plus the short and historic names news uses,
and the adjectives and nationals that name a state ("Iraqi", "Americans", "Soviet").

A name of a state, folded as every name is compared (``fold``: no case, accents or
punctuation: "U.S." is "u s"), gives its ISO 3166-1 alpha-2 code, or for a state that no longer
exists its ISO 3166-3 code ("SUHH", the Soviet Union); the code gives the state's common short
English name ("United Kingdom", "Russia"), which is the entity's name whatever the articles
call it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import pycountry

# fmt: off
# Names pycountry does not list (or lists in a formal "Name, Qualifier" form) that news uses.
SHORT_NAMES = {
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB",
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US",
    "united states of america": "US", "russia": "RU", "czech republic": "CZ",
    "south korea": "KR", "north korea": "KP", "vietnam": "VN", "syria": "SY", "iran": "IR",
    "laos": "LA", "taiwan": "TW", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "moldova": "MD", "palestine": "PS", "vatican": "VA", "holy see": "VA",
    "ivory coast": "CI", "burma": "MM", "macedonia": "MK", "the netherlands": "NL",
    "holland": "NL", "uae": "AE", "u a e": "AE", "west germany": "DE",
    "soviet union": "SUHH", "ussr": "SUHH", "u s s r": "SUHH", "east germany": "DDDE",
    "czechoslovakia": "CSHH", "yugoslavia": "YUCS", "zaire": "ZRCD", "rhodesia": "RHZW",
    "serbia and montenegro": "CSXX", "turkey": "TR",
}
# A demonym is a state's name with its ending changed: "Iraq" -> "Iraqi", "Kenya" -> "Kenyan",
# "China" -> "Chinese", "Poland" -> "Polish". (demonym ending, name ending) pairs, tried in
# order on a folded word (and on it without a plural "s"); the first that gives a state's name
# (``state_code``) wins, so a word that is no state's demonym ("Christian", "African",
# "Republican") gives none.
DEMONYM_ENDINGS = (
    ("ian", "ia"), ("ian", ""), ("ian", "a"), ("ian", "e"), ("ian", "y"), ("an", "a"),
    ("an", ""), ("an", "o"), ("an", "y"), ("an", "any"), ("n", ""), ("i", ""), ("i", "ia"),
    ("ese", "a"), ("ese", ""), ("ese", "o"), ("ese", "on"), ("ish", "land"), ("ish", "and"),
    ("", "s"),  # "Philippine" of the Philippines
)
# Demonyms no ending rule gives.
IRREGULAR_DEMONYMS = {
    "british": "GB", "briton": "GB", "french": "FR", "dutch": "NL", "swiss": "CH", "greek": "GR",
    "soviet": "SUHH", "yugoslav": "YUCS", "filipino": "PH", "thai": "TH", "irish": "IE",
    "danish": "DK", "dane": "DK", "finnish": "FI", "swedish": "SE", "swede": "SE", "finn": "FI",
    "pole": "PL",
    "turkish": "TR", "turk": "TR", "spanish": "ES", "spaniard": "ES", "portuguese": "PT",
    "peruvian": "PE", "saudi": "SA", "afghan": "AF", "czech": "CZ", "slovak": "SK",
    "serb": "RS", "croat": "HR", "croatian": "HR", "belgian": "BE", "norwegian": "NO",
    "israeli": "IL", "kiwi": "NZ", "new zealander": "NZ", "emirati": "AE",
}
# The entity's name where pycountry's is formal ("Russian Federation", "Czechia").
DISPLAY_NAMES = {
    "RU": "Russia", "CZ": "Czech Republic", "SUHH": "Soviet Union", "DDDE": "East Germany",
    "CSHH": "Czechoslovakia", "YUCS": "Yugoslavia", "ZRCD": "Zaire", "RHZW": "Rhodesia",
    "CSXX": "Serbia and Montenegro", "VA": "Vatican City", "PS": "Palestine",
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "FM": "Micronesia", "MM": "Myanmar", "BUMM": "Burma",
}
# fmt: on


# Cached: canonicalising a corpus folds the same few thousand names hundreds of thousands of
# times (on BBC, canonical entities take 1.2 s with the cache, 3.4 s without).
@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Compare names without case, accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", ascii_only.lower()).strip()


def last_word(name: str) -> str:
    """A name's last word, folded: how a report's parties are compared before entities are
    made canonical ("Vladimir Putin", "Putin" and "President Putin" are all "putin")."""
    words = fold(name).split()
    return words[-1] if words else ""


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    codes: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if name := getattr(country, attribute, None):
                codes.setdefault(fold(name), country.alpha_2)
    for state in pycountry.historic_countries:
        codes.setdefault(fold(state.name), state.alpha_4)
    return codes | SHORT_NAMES


def state_code(folded_name: str) -> str | None:
    """The ISO 3166 code of the state a folded name names, or None."""
    return _codes_by_name().get(folded_name)


# Unbounded: a corpus's distinct names are tens of thousands, and a bounded cache that they
# overflow recomputes every call (2 s of the entity stage at 11,000 articles).
@cache
def demonym_code(folded_name: str) -> str | None:
    """The ISO 3166 code of the state a folded demonym names ("iraqi", "south koreans",
    "soviet"), or None."""
    forms = [folded_name]
    if folded_name.endswith("s") and not folded_name.endswith("ss"):
        forms.append(folded_name[:-1])  # "iraqis", "soviets"
    for form in forms:
        if code := IRREGULAR_DEMONYMS.get(form):
            return code
        for ending, name_ending in DEMONYM_ENDINGS:
            stem = form[: len(form) - len(ending)]
            if form.endswith(ending) and (code := state_code(stem + name_ending)):
                return code
    return None


# The last words of a region's name: "East Africa", "Southeast Asia", "the Middle East".
REGION_WORDS = frozenset({
    "africa", "asia", "europe", "america", "americas", "east", "caribbean", "balkans", "gulf",
    "pacific", "atlantic", "arctic", "antarctica", "oceania", "scandinavia", "baltics",
})  # fmt: skip


def is_region(folded_name: str) -> bool:
    """A region of the world, not a state or a place in one ("South Africa" is a state)."""
    words = folded_name.split()
    return bool(words) and words[-1] in REGION_WORDS and state_code(folded_name) is None


def state_name(code: str) -> str:
    """The state's common short English name: "United Kingdom", "Russia", "Soviet Union"."""
    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code) or pycountry.historic_countries.get(
        alpha_4=code
    )
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name
