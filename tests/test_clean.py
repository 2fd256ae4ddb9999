from __future__ import annotations

import datetime as dt

import pytest

from newsline.clean import clean_text, match_rule, parse_dateline

from .conftest import cleaned_seed


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


def test_every_nonblank_line_is_kept_or_recorded() -> None:
    for article in ("000", "001", "002", "003", "004"):
        cleaned = cleaned_seed(article)
        paragraphs = cleaned.text.split("\n\n")
        assert all(p.strip() == p and p for p in paragraphs)
        assert cleaned.text == "\n\n".join(paragraphs)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share.", "share_widget"),
        ("Exit mobile version", "share_widget"),
        ("Scroll Top", "navigation"),
        ("Also Read: China denounces US allegations related to Russia", "related_links"),
        ("Leave a Reply", "comment_form"),
        ("·2 min read", "read_time"),
    ],
)
def test_rules_match_real_chrome(line: str, reason: str) -> None:
    rule = match_rule(line)
    assert rule is not None and rule.reason == reason


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


def test_a_headline_only_file_keeps_its_text() -> None:
    cleaned = clean_text("Putin and Xi meet in Moscow\n")
    assert cleaned.text == "Putin and Xi meet in Moscow"
    assert cleaned.title is None
