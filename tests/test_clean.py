from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace

import pytest

from newsline.clean import (
    BOILERPLATE_RULES,
    Cleaned,
    clean_text,
    match_rule,
    paragraph_starts,
    parse_dateline,
)
from newsline.ingest import decode

from .conftest import SHARED, cleaned_seed, seed_path

BBC = SHARED / "corpus" / "bbc"
needs_bbc = pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpus/bbc is not there")


def reasons_of(removed: list[tuple[int, str, str]]) -> dict[str, list[str]]:
    by_reason: dict[str, list[str]] = {}
    for _, text, reason in removed:
        by_reason.setdefault(reason, []).append(text)
    return by_reason


def test_dateline_gives_the_date_and_leaves_the_text() -> None:
    cleaned = cleaned_seed("000")
    assert cleaned.published_date == dt.date(2022, 12, 22)
    assert cleaned.published_date_source == "dateline"
    assert cleaned.text.startswith("Former Russian President Dmitry Medvedev on Wednesday met")
    assert (1, "Beijing, 22 December 2022 (TDI):", "dateline") in cleaned.removed


def test_a_dateline_without_a_date_is_no_headline_and_stays_for_its_place() -> None:
    # The head of AQUAINT wire stories (APW19981205.0374): the place the story is filed from.
    datelines = ("WARSAW, Poland (AP) _", "MIAMI _", "HAVANA (AP ) --", "INDEPENDENCE, MO. (AP)--")
    for dateline in datelines:
        cleaned = clean_text(f"{dateline}\n\nPoland can now take part in NATO planning, "
                             "Rudolf Scharping said Saturday.\n")  # fmt: skip
        assert cleaned.title is None, dateline
        assert cleaned.text.startswith(dateline + "\n\nPoland can"), dateline
    headline = clean_text(
        "Ad sales boost Time Warner profit\n\nQuarterly profits at US media "
        "giant TimeWarner jumped 76% to $1.13bn for the three months.\n"
    )
    assert headline.title == "Ad sales boost Time Warner profit"


def test_metadata_header_gives_date_and_title_and_recommended_stories_go() -> None:
    cleaned = cleaned_seed("003")
    assert cleaned.published_date == dt.date(2022, 12, 30)
    assert cleaned.published_date_source == "header"
    assert cleaned.title == "Xi says Beijing ready to ‘increase political cooperation’ with Moscow"
    assert cleaned.byline == "The Kyiv Independent news desk"
    assert cleaned.text.startswith("In a meeting with Russian President Vladimir Putin on Dec. 30")
    assert cleaned.text.endswith("seeking selfish gains from the situation.”")
    for chrome in ("Recommended Stories", "Ian Khama", "Botswana", "Bloomberg", "2 min read"):
        assert chrome not in cleaned.text
    reasons = reasons_of(cleaned.removed)
    assert reasons["read_time"] == ["·2 min read"]
    assert len(reasons["recommended_stories"]) == 41


def test_undated_articles_stay_undated() -> None:
    for article in ("001", "002", "004"):
        cleaned = cleaned_seed(article)
        assert cleaned.published_date is None
        assert cleaned.published_date_source == "none"


def test_chrome_of_002_is_removed_with_reasons() -> None:
    cleaned = cleaned_seed("002")
    assert cleaned.title == "Vladimir Putin in China. He met Xi Jinping"
    reasons = reasons_of(cleaned.removed)
    assert reasons["photo_credit"] == [
        "Vladimir Putin and Xi JinpingGetty Images",
        "Main photo source: Getty Images",
    ]
    assert reasons["comment_form"][0] == "Leave a Reply"
    assert reasons["related_links"][0].startswith("See also What's behind Russia")
    assert "Getty" not in cleaned.text and "Leave a Reply" not in cleaned.text
    assert "“Expression of Unity”" in cleaned.text


def test_byline_and_navigation_of_001() -> None:
    cleaned = cleaned_seed("001")
    assert cleaned.byline == "By Paul Bumman"
    assert (
        cleaned.title
        == "The Russian Federation has strengthened its Strategic Partnership with China"
    )
    assert "Scroll Top" not in cleaned.text and "Related Posts" not in cleaned.text


def unaccounted_lines(raw: str, cleaned: Cleaned) -> list[tuple[int, str]]:
    """The raw nonblank lines that are neither in the cleaned text (white space folded) nor
    recorded as removed under their own line number."""
    kept = " ".join(unicodedata.normalize("NFC", cleaned.text).split())
    recorded = {line_no for line_no, _, _ in cleaned.removed}
    return [
        (n, line)
        for n, line in enumerate(raw.split("\n"), start=1)
        if line.strip() and n not in recorded
        and " ".join(unicodedata.normalize("NFC", line).split()) not in kept
    ]  # fmt: skip


def test_every_nonblank_line_is_kept_or_recorded() -> None:
    for article in ("000", "001", "002", "003", "004"):
        raw = decode(seed_path(article).read_bytes(), 10_000_000).text
        cleaned = clean_text(raw)
        assert unaccounted_lines(raw, cleaned) == [], article
        assert all(p.strip() == p and p for p in cleaned.text.split("\n\n"))


def test_a_line_lost_without_a_record_is_caught() -> None:
    """The check above fails on a cleaning that loses a line: seed 004 with one body line
    dropped from the text, and with one removed line's record dropped."""
    raw = decode(seed_path("004").read_bytes(), 10_000_000).text
    cleaned = clean_text(raw)
    n, body_line = next((n, line) for n, line in enumerate(raw.split("\n"), 1) if len(line) > 200)
    lossy = replace(cleaned, text=cleaned.text.replace(body_line.strip(), ""))
    assert unaccounted_lines(raw, lossy) == [(n, body_line)]
    first, *rest = cleaned.removed
    unrecorded = replace(cleaned, removed=rest)
    assert unaccounted_lines(raw, unrecorded) == [(first[0], raw.split("\n")[first[0] - 1])]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share.", "share_widget"),
        ("Exit mobile version", "share_widget"),
        ("Scroll Top", "navigation"),
        ("Also Read: China denounces US allegations related to Russia", "related_links"),
        ("Leave a Reply", "comment_form"),
        ("·2 min read", "read_time"),
        ("REUTER &#3;", "sign_off"),
        ("-- AP", "sign_off"),
        ("(Reporting by Will Dunham; Editing by Tom Brown)", "sign_off"),
    ],
)
def test_rules_match_real_chrome(line: str, reason: str) -> None:
    rule = match_rule(line)
    assert rule is not None and rule.reason == reason


# Real chrome lines, from the seeds and from the pages the rules were written for.
CHROME_EXAMPLES = [
    "&#3;",  # the end of every Reuters 1987 wire story, alone on its line
    "Recommended Stories",
    "Related Posts",
    "Also Read: China denounces US allegations related to Russia",
    "See also What's behind Russia and Germany expelling each other's diplomats?",
    "Share.",
    "Share on Facebook",
    "Scroll Top",
    "·2 min read",
    "Main photo source: Getty Images",
    "Vladimir Putin and Xi JinpingGetty Images",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Required fields are marked *",
    # A wire story's sign-off as the Reuters wire sends it, and a credit line from a Reuters
    # page of ../shared/dev/article-extraction (MIT licence).
    "REUTER &#3;",
    "(Reporting by Will Dunham; Editing by Tom Brown)",
]


def test_every_rule_has_a_real_example() -> None:
    matched = {id(match_rule(line)) for line in CHROME_EXAMPLES}
    unexampled = [rule.pattern.pattern for rule in BOILERPLATE_RULES if id(rule) not in matched]
    assert unexampled == []


def test_rules_leave_body_sentences_alone() -> None:
    body = (
        "Russia accelerated its pivot towards Beijing after it was hit with Western sanctions in "
        "order to punish it for its invasion of Ukraine."
    )
    assert match_rule(body) is None
    assert match_rule("Russian Security Council") is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("BEIJING, Dec 22 (Reuters) - Russia's former president met Xi.", None),
        ("MOSCOW, March 3, 2023 - Talks began.", dt.date(2023, 3, 3)),
        ("Beijing, 22 December 2022 (TDI): Former Russian President", dt.date(2022, 12, 22)),
    ],
)
def test_datelines(line: str, date: dt.date | None) -> None:
    parsed = parse_dateline(line)
    assert parsed is not None
    assert parsed[1] == date


def test_a_dateline_without_a_year_gives_its_day_not_a_guessed_year() -> None:
    # The one year a story names is as often a past event's (Xinhua, 10 February 1999, names
    # only "July 1997"): the day is evidence for dating, the year is not guessed.
    body = "MOSCOW, March 3 - Putin met Xi to sign the deal agreed in 2023.\n\nTalks went on."
    cleaned = clean_text(body)
    assert (cleaned.published_date, cleaned.published_date_source) == (None, "none")
    assert cleaned.dateline_day == "XXXX-03-03"
    assert cleaned.text.startswith("Putin met Xi")
    dated = clean_text("MOSCOW, March 3, 2023 - Putin met Xi.")
    assert (dated.published_date, dated.dateline_day) == (dt.date(2023, 3, 3), None)


def test_a_dateline_alone_on_its_line_is_not_a_headline() -> None:
    cleaned = clean_text(
        "NICOSIA, August 8 (Xinhua) --\n\nThe Cypriot government Saturday strongly condemned "
        "the bombings of 1998.\n\nIt called them senseless."
    )
    assert cleaned.title is None
    assert (1, "NICOSIA, August 8 (Xinhua) --", "dateline") in cleaned.removed
    assert (cleaned.published_date, cleaned.dateline_day) == (None, "XXXX-08-08")
    assert cleaned.text.startswith("The Cypriot government Saturday")


@needs_bbc
@pytest.mark.parametrize(
    "name", ["business/266.txt", "politics/344.txt", "tech/301.txt", "business/001.txt"]
)
def test_bbc_headlines_are_titles_and_the_body_is_kept_whole(name: str) -> None:
    raw = (BBC / name).read_bytes().decode("utf-8")
    headline, body = raw.split("\n", 1)
    cleaned = clean_text(raw)
    assert cleaned.title == headline.strip()
    assert cleaned.text == "\n\n".join(line.strip() for line in body.split("\n") if line.strip())


@needs_bbc
def test_bbc_latin1_file_is_read() -> None:
    from newsline.ingest import decode

    decoded = decode((BBC / "sport" / "199.txt").read_bytes(), 10_000_000)
    assert decoded.encoding == "cp1252"
    assert clean_text(decoded.text).title == "Chelsea sack Mutu"


def test_a_headline_only_file_keeps_its_text() -> None:
    cleaned = clean_text("Putin and Xi meet in Moscow\n")
    assert cleaned.text == "Putin and Xi meet in Moscow"
    assert cleaned.title is None


# A wire story as the feeds send it: lines cut at 65 characters, paragraphs indented, the
# sign-off alone on the last line (written for this test in the feeds' layout).
WRAPPED = """Japan trade surplus widens in February

    TOKYO, March 3 - Japan's custom-cleared trade surplus
widened to 8.14 billion dlrs in February from 5.68 billion a
year earlier, the Finance Ministry said.
    Exports rose 3.8 pct to 17.63 billion dlrs while imports
fell 8.9 pct to 9.49 billion, it said. The surplus with West
Germany rose to 1.2 billion dlrs.
    The ministry said the figures showed the effect of the
yen's rise was still slow to appear.
 REUTER
"""


def test_a_hard_wrapped_paragraph_is_one_paragraph_again() -> None:
    cleaned = clean_text(WRAPPED)
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Exports rose") and "with West Germany rose" in paragraphs[1]
    assert [reason for _, _, reason in cleaned.removed] == ["title", "dateline", "sign_off"]
    # The audit holds: every line is in the text, in boilerplate, or blank.
    removed = {n for n, _, _ in cleaned.removed}
    for number, line in enumerate(WRAPPED.split("\n"), start=1):
        if line.strip() and number not in removed:
            assert " ".join(line.split()).removeprefix("TOKYO, March 3 - ") in cleaned.text


def test_wrapped_paragraphs_may_be_marked_by_blank_lines() -> None:
    text = (
        "WASHINGTON, June 2 - U.S. officials held grain talks with\n"
        "Soviet counterparts in London on Monday, the Agriculture\n"
        "Department said, and will meet them again next month.\n\n"
        "The two sides discussed the long-term grain agreement that\n"
        "expires on September 30, a department spokesman said.\n"
    )
    assert clean_text(text).text == (
        "U.S. officials held grain talks with Soviet counterparts in London on Monday, the "
        "Agriculture Department said, and will meet them again next month.\n\nThe two sides "
        "discussed the long-term grain agreement that expires on September 30, a department "
        "spokesman said."
    )


def test_text_whose_lines_are_paragraphs_is_not_rejoined() -> None:
    for article in ("000", "001", "002", "003", "004"):
        raw = seed_path(article).read_text(encoding="utf-8")
        assert paragraph_starts(raw.split("\n")) is None
    # Short paragraphs of one sentence each, as a pasted article may have them.
    sentences = (
        "Russian President Vladimir Putin arrived in Beijing on Thursday.\n"
        "He was met at the airport by Chinese Vice President Han Zheng.\n"
        "The two-day visit is his first trip abroad since his inauguration.\n"
        "Putin and Xi Jinping will sign a joint statement on Thursday.\n"
        "The talks will cover energy, trade and the war in Ukraine.\n"
    )
    assert paragraph_starts(sentences.split("\n")) is None
    assert clean_text(sentences).text.count("\n\n") == 4
