"""States by name: pycountry's ISO 3166 names, plus the short and historic names news uses.

A name of a state, folded as every name is compared (``fold``: no case, accents or
punctuation: "U.S." is "u s"), gives its ISO 3166-1 alpha-2 code, or for a state that no longer
exists its ISO 3166-3 code ("SUHH", the Soviet Union); the code gives the state's common short
English name ("United Kingdom", "Russia"), which is the entity's name whatever the articles
call it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    "serbia and montenegro": "CSXX",
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
