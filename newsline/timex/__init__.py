"""Temporal expressions: find them in a parsed article and resolve them to TIMEX3 values.

Resolution follows HeidelTime's approach for news, in four steps, one module each:
- ``reading``: an expression's text is *read* into a small typed ``Reading`` (a weekday, a month
  and day without a year, "N units ago", a season of a relative year, a duration, ...) by a
  table of fixed phrases and an ordered registry of named patterns (``PHRASES``, ``RULES``),
  over the words of ``lexicon``;
- ``direction``: the tense of the governing verb says whether it looks back or ahead;
- ``resolving``: the reading is *anchored* against the article's publication date (or, where
  the article has none, the latest full date the text itself gave: a "narrative" anchor),
  through one resolver per kind (``RESOLVERS``);
- ``finding``: the spans of a parse that hold expressions, resolved in the order they are read.
"""

from typing import Any

from newsline.timex.reading import PHRASES, RULES, Reading, read_expression, rule_for
from newsline.timex.resolving import Resolution, holiday_date, resolve

# What works on a parse imports spaCy (half a second): loaded when first asked for, so that a
# job that only reads or resolves expressions (newsline.dating) does not pay for it.
_FINDING = {"Timex", "candidate_spans", "extract_timexes"}


def __getattr__(name: str) -> Any:
    if name in _FINDING:
        from newsline.timex import finding

        return getattr(finding, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PHRASES",
    "RULES",
    "Reading",
    "Resolution",
    "Timex",
    "candidate_spans",
    "extract_timexes",
    "holiday_date",
    "read_expression",
    "resolve",
    "rule_for",
]
