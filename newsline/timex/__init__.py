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

from newsline.timex.finding import Timex, candidate_spans, extract_timexes
from newsline.timex.reading import PHRASES, RULES, Reading, read_expression, rule_for
from newsline.timex.resolving import Resolution, holiday_date, resolve

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
