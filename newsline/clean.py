"""Cleaning: decoded text to body, title, byline and publication date, with an audit trail.

Cleaning works on lines. Each line is kept as a paragraph of the body (in hard-wrapped text,
as part of its paragraph: ``paragraph_starts``), removed with a reason (recorded in
``boilerplate``), or blank. The chrome rules are data (``BOILERPLATE_RULES``): a
reason, a pattern matched against the whole stripped line, and whether everything after the line
goes too (a "Recommended Stories" list). Title, byline and date come from a few positional rules.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    drops_rest: bool = False
    max_chars: int = 10_000


def _rule(reason: str, pattern: str, drops_rest: bool = False, max_chars: int = 10_000) -> Rule:
    return Rule(reason, re.compile(pattern, re.IGNORECASE), drops_rest, max_chars)


# Matched against the whole line after whitespace normalisation. Order matters only for which
# reason a line gets when two rules match; the first wins.
BOILERPLATE_RULES: tuple[Rule, ...] = (
    _rule("recommended_stories", r"(recommended|more|top) stories:?", drops_rest=True),
    _rule("related_links", r"related (posts|articles|stories|coverage):?", drops_rest=True),
    _rule("related_links", r"(also read|see also|read more|read also)\b.*", max_chars=300),
    _rule("share_widget", r"(share( this( article| story)?)?|exit mobile version)\.?"),
    _rule("share_widget", r"share (on|via) (facebook|twitter|x|whatsapp|email|linkedin)\b.*"),
    _rule("navigation", r"(scroll (to )?top|back to top|skip to (main )?content)\.?"),
    _rule("read_time", r"\W*\d+\s*min(ute)?s? read\W*"),
    _rule("photo_credit", r"(main )?(photo|image|picture)( source| credit)?s?:.*", max_chars=200),
    _rule(
        "photo_credit",
        r".*\S(getty images|reuters|afp|ap photo|epa|shutterstock|via reuters)",
        max_chars=160,
    ),
    _rule("comment_form", r"(leave a (reply|comment)|post a comment|comments?)\.?"),
    _rule("comment_form", r"your email address will not be published.*", max_chars=300),
    _rule("comment_form", r"required fields are marked.*", max_chars=200),
    # A wire service's sign-off: its name alone on a line ("REUTER", "-- AP"), or the credit
    # line ("(Reporting by ...; Editing by ...)").
    _rule(
        "sign_off",
        r"[-–—\s]*\(?(reuters?|ap|afp|upi|xinhua|tass|itar-tass|dpa|kyodo|ansa|efe|interfax)\)?"
        r"[-–—.\s]*(&#\d+;)?",
        max_chars=40,
    ),
    _rule(
        "sign_off",
        r"\((additional )?(reporting|writing|editing|compiled)( by)? .*\)",
        max_chars=400,
    ),
    # The wire's end-of-text control character as the corpus spells it, alone on its line.
    _rule("sign_off", r"&#\d+;", max_chars=10),
)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})\.?"
_MONTH_DAY = rf"(?P<month2>{_MONTH_NAMES})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "Beijing, 22 December 2022 (TDI):", "BEIJING, Dec 22 (Reuters) -", "MOSCOW, March 3, 2023 -"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?),\s+"
    rf"(?:{_DAY_MONTH}|{_MONTH_DAY})(?:,?\s+{_YEAR})?"
    r"(?:\s*\((?P<agency>[^)]{1,40})\))?\s*[:\-–—]+\s*",
    re.IGNORECASE,
)
# A dateline without a date, left at the head of a story for the event grammar to read its place
# ("newsline.events.dateline_place"): "MOSCOW (AP)_", "WARSAW, Poland (AP) _", "INDEPENDENCE,
# MO. (AP)--", "MIAMI _". Alone on the first line it is no headline.
_PLACE_IN_CAPITALS = r"[A-Z][A-Z.'’\- ]*[A-Z.](?:,[ \t]+[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?"
_AGENCY_AND_DASH = r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:--|[_:\-–—])"
PLACE_DATELINE = re.compile(_PLACE_IN_CAPITALS + _AGENCY_AND_DASH)
# The wire's dateline, left in the text when it names a region besides its city (which
# ``DATELINE`` does not read): "PONTIAC, Mich., March 27 -", "OSAKA, Japan, April 29 -".
PLACE_AND_DAY_DATELINE = re.compile(
    rf"{_PLACE_IN_CAPITALS},[ \t]+(?i:{_DAY_MONTH}|{_MONTH_DAY})(?:,?\s+{_YEAR})?"
    + _AGENCY_AND_DASH
)
HEADER = re.compile(r"^date\s+(?P<date>\d{4}-\d{2}-\d{2})\b\s*(?P<rest>.*)$", re.IGNORECASE)
BYLINE = re.compile(
    r"^([Bb]y\s+[A-Z][\w.'’\-]*(\s+(and\s+)?[A-Z][\w.'’\-]*){0,5}"
    r"|([A-Z][\w.'’\-]*\s+){0,4}(news desk|staff|staff writer|correspondent|desk))$"
)
# A first line ending so (closing quotes aside) is a sentence, not a headline; "?" and "!" end
# headlines too ("Could Yukos be a blessing in disguise?"), and so does a trailing "...".
SENTENCE_END = tuple(".:;,…")
CLOSING_QUOTES = "\"'”’»"
MAX_TITLE_CHARS = 200


@dataclass
class Cleaned:
    """What cleaning made of one decoded article."""

    text: str
    title: str | None = None
    byline: str | None = None
    published_date: dt.date | None = None
    published_date_source: str = "none"
    removed: list[tuple[int, str, str]] = field(default_factory=list)  # (line_no, text, reason)
    # The day a dateline gives without its year, as a TIMEX3 value ("XXXX-03-03"): evidence
    # for the publication date that newsline.dating weighs with the rest.
    dateline_day: str | None = None


def normalise_line(line: str) -> str:
    return WHITESPACE.sub(" ", line).strip()


def match_rule(line: str) -> Rule | None:
    for rule in BOILERPLATE_RULES:
        if len(line) <= rule.max_chars and rule.pattern.fullmatch(line):
            return rule
    return None


def parse_dateline(line: str) -> tuple[re.Match[str], dt.date | None] | None:
    """The dateline at the start of a line and its date (None when it has no year)."""
    match = DATELINE.match(line)
    if not match:
        return None
    month, day = _month_day(match)
    year = match.group("year")
    try:
        date = dt.date(int(year), month, day) if year else None
    except ValueError:
        return None
    return match, date


def _month_day(dateline: re.Match[str]) -> tuple[int, int]:
    month = MONTHS[(dateline.group("month") or dateline.group("month2")).lower()]
    return month, int(dateline.group("day") or dateline.group("day2"))


def _is_title(line: str, rest: list[str]) -> bool:
    """A short first line without closing punctuation, followed by a real body, is a headline;
    a dateline alone on its line ("WASHINGTON, August 8 (Xinhua) --", "WARSAW, Poland (AP) _")
    is not."""
    if (dateline := parse_dateline(line)) and dateline[0].end() == len(line):
        return False
    if (place := PLACE_DATELINE.match(line)) and place.end() == len(line):
        return False
    body_after = sum(len(x) for x in rest)
    ending = line.rstrip(CLOSING_QUOTES)
    ends_sentence = ending.endswith(SENTENCE_END) and not ending.endswith("...")
    return len(line) <= MAX_TITLE_CHARS and not ends_sentence and body_after > len(line)


# Hard-wrapped text (wire feeds, archives): lines cut at a fixed width of at most this many
# characters, most of them within WRAP_SLACK of it.
MAX_WRAP_WIDTH = 90
MIN_WRAP_WIDTH = 50
WRAP_SLACK = 25
MIN_WRAPPED_LINES = 4


def paragraph_starts(raw_lines: list[str]) -> set[int] | None:
    """Where the paragraphs of a hard-wrapped text start (1-based line numbers: after a blank
    line, or an indented line where not every line is indented), or None when the text is not
    hard-wrapped (its lines are its paragraphs). A text is hard-wrapped when its longest line
    is ``MIN_WRAP_WIDTH`` to ``MAX_WRAP_WIDTH`` characters, most lines reach to within
    ``WRAP_SLACK`` of it, and a third of those break mid-sentence."""
    lines = [line.rstrip() for line in raw_lines if line.strip()]
    width = max((len(line) for line in lines), default=0)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    near_width = [line for line in lines if len(line) >= width - WRAP_SLACK]
    # A wrapped line breaks mid-sentence; a line that is a paragraph ends one.
    mid_sentence = [line for line in near_width if not line.endswith(tuple(".!?:;\"'”’"))]
    if (
        len(near_width) < MIN_WRAPPED_LINES
        or len(near_width) * 2 < len(lines)
        or len(mid_sentence) * 3 < len(near_width)
    ):
        return None
    indented = [line[:1].isspace() for line in raw_lines if line.strip()]
    indentation_marks = any(indented) and not all(indented)
    starts, previous_blank = set(), True
    for number, line in enumerate(raw_lines, start=1):
        if not line.strip():
            previous_blank = True
            continue
        if previous_blank or (indentation_marks and line[:1].isspace()):
            starts.add(number)
        previous_blank = False
    return starts


def _paragraphs(kept: list[tuple[int, str]], starts: set[int] | None) -> list[str]:
    """The kept lines as paragraphs: each line one, or in hard-wrapped text the lines of one
    paragraph joined by a space (a line removed between two breaks the paragraph there)."""
    paragraphs: list[str] = []
    previous = None
    for line_no, line in kept:
        if not line:
            continue
        if starts is not None and paragraphs and line_no not in starts and previous == line_no - 1:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        previous = line_no
    return paragraphs


def clean_text(decoded: str, headline: str | None = None) -> Cleaned:
    """Body, title, byline and date of a decoded text, with every removed line and its reason.

    A ``headline`` known from elsewhere (a page's markup) is the title, and a first line that
    repeats it is removed as one; without it, a first line that reads as a headline is taken."""
    raw_lines = decoded.split("\n")
    lines = [normalise_line(line) for line in raw_lines]
    cleaned = Cleaned(text="", title=normalise_line(headline) if headline else None)
    kept: list[tuple[int, str]] = []
    dropping_rest_since: tuple[int, str] | None = None
    for line_no, line in enumerate(lines, start=1):
        if not line:
            continue
        if dropping_rest_since:
            cleaned.removed.append((line_no, line, dropping_rest_since[1]))
            continue
        rule = match_rule(line)
        if rule:
            cleaned.removed.append((line_no, line, rule.reason))
            if rule.drops_rest:
                dropping_rest_since = (line_no, rule.reason)
            continue
        if not kept and (header := HEADER.match(line)):
            cleaned.published_date = _iso_date(header.group("date"))
            cleaned.published_date_source = "header" if cleaned.published_date else "none"
            cleaned.title = header.group("rest") or None
            cleaned.removed.append((line_no, line, "metadata_header"))
            continue
        if len(line) <= 80 and BYLINE.match(line):
            cleaned.byline = cleaned.byline or line
            cleaned.removed.append((line_no, line, "byline"))
            continue
        kept.append((line_no, line))

    starts = paragraph_starts(raw_lines)
    # In hard-wrapped text, a first line that its paragraph goes on from is no headline.
    continues = (
        starts is not None
        and len(kept) > 1
        and kept[1][0] == kept[0][0] + 1
        and kept[1][0] not in starts
    )
    if kept and (
        _same_words(kept[0][1], headline)
        if headline
        else cleaned.title is None
        and not continues
        and _is_title(kept[0][1], [x for _, x in kept[1:]])
    ):
        line_no, line = kept.pop(0)
        cleaned.title = cleaned.title or line
        cleaned.removed.append((line_no, line, "title"))

    if kept and (dateline := parse_dateline(kept[0][1])):
        match, date = dateline
        line_no, line = kept[0]
        kept[0] = (line_no, line[match.end() :])
        cleaned.removed.append((line_no, match.group(0).strip(), "dateline"))
        if date is None:
            cleaned.dateline_day = "XXXX-{:02d}-{:02d}".format(*_month_day(match))
        elif cleaned.published_date is None:
            cleaned.published_date, cleaned.published_date_source = date, "dateline"

    paragraphs = _paragraphs(kept, starts)
    cleaned.text = unicodedata.normalize("NFC", "\n\n".join(paragraphs))
    cleaned.removed.sort()
    return cleaned


def _same_words(line: str, other: str | None) -> bool:
    """The same words, case and punctuation aside: a page's first line repeating its title."""

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    return other is not None and words(line) == words(other)


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
