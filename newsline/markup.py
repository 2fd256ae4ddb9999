"""Wire markup in article text: ticker tags and bracketed company names.

Wire copy marks companies in angle brackets: a listed company's ticker after its name
("Woolworth Holdings Plc <WLUK.L> said", "General Motors Corp <GM>"), an unlisted company's
name itself ("<Rosehaugh Plc>"). The brackets are markup, not prose: ``articles.text`` keeps
them as the wire sent them, so that every offset stays honest, and the parse reads the text
with the markup turned into spaces of the same length (``hidden_markup``), so that no name
swallows a bracket or a ticker. A ticker belongs to the name it follows (``ticker_after``).
"""

from __future__ import annotations

import re

ANGLE_TAG = re.compile(r"<([^<>\n]{1,100})>")
# A ticker symbol, with its exchange's suffix where it has one: GM, WLUK.L, HBOC.O, BRK.A.
TICKER = re.compile(r"[A-Z0-9][A-Z0-9&\-]{0,7}(?:\.[A-Z]{1,3})?")
TICKER_AFTER = re.compile(r"[^\S\n]*<(" + TICKER.pattern + r")>")


def hidden_markup(text: str) -> str:
    """``text`` with each ticker tag blanked and each bracketed name's brackets blanked, every
    character kept in place (same length, same offsets)."""

    def blank(tag: re.Match[str]) -> str:
        if TICKER.fullmatch(tag.group(1)):
            return " " * len(tag.group(0))
        return f" {tag.group(1)} "

    return ANGLE_TAG.sub(blank, text)


# The 1987 Reuters feed capitalises the word after "U.S." ("U.S. And Japanese officials met",
# "the U.S. Is ready"), which the parser reads as a name: a closed-class word there is put back
# in lower case for the parse.
WIRE_CAPITAL = re.compile(
    r"(?<=\bU\.S\. )(And|Or|But|The|A|An|Of|To|In|On|At|For|By|With|From|As|Is|Are|Was|Were"
    r"|Has|Have|Had|Will|Would|Last|This|Next)\b"
)


def as_parsed(text: str) -> str:
    """The text the parser reads: the wire's markup hidden (``hidden_markup``) and its capital
    after "U.S." put back in lower case (``WIRE_CAPITAL``), every character kept in place."""
    return WIRE_CAPITAL.sub(lambda word: word.group(0).lower(), hidden_markup(text))


def ticker_after(text: str, end: int) -> str | None:
    """The ticker of the tag right after ``text[:end]`` (white space between), if there is one."""
    found = TICKER_AFTER.match(text, end)
    return found.group(1) if found else None
