from __future__ import annotations

from pathlib import Path

import pytest

from newsline.ingest import (
    Rejection,
    article_id_for,
    decode,
    discover_sources,
    is_trackable,
    repair_mojibake,
    shard_of,
    untrackable_reason,
)

from .conftest import seed_path

SEED_000 = "000_c7d7c2a76c4cebf4"


def test_article_id_is_the_relative_path_without_extension() -> None:
    assert article_id_for("nested/story.txt") == "nested/story"
    assert article_id_for("000_c7d7c2a76c4cebf4.txt") == "000_c7d7c2a76c4cebf4"


def test_shard_depends_only_on_the_article_id() -> None:
    assert shard_of("nested/story", 8) == shard_of("nested/story", 8)
    assert {shard_of(f"article-{i}", 8) for i in range(200)} == {f"{i:04d}" for i in range(8)}
    assert shard_of("x", 1) == "0000"


def test_discovery_finds_txt_at_any_depth_and_skips_hidden_and_other_kinds(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text("b")
    (root / "nested" / "deeper" / "a.txt").write_text("a")
    (root / "notes.md").write_text("not an article")
    (root / "batch.jsonl").write_text("{}")
    (root / ".hidden.txt").write_text("hidden")
    (root / ".git" / "x.txt").write_text("git internals")
    sources = discover_sources([str(root)])
    assert [(s.key, s.kind) for s in sources] == [
        ("b", "txt"),
        ("batch", "jsonl"),
        ("nested/deeper/a", "txt"),
    ]
    assert sources[2].path == str(root / "nested" / "deeper" / "a.txt")


def test_seed_in_legacy_and_utf16_encodings_decodes_to_the_same_text() -> None:
    utf8 = seed_path(SEED_000).read_bytes()
    text = decode(utf8, 10_000_000).text
    assert decode(text.encode("utf-16"), 10_000_000).text == text
    assert decode(b"\xef\xbb\xbf" + utf8, 10_000_000).text == text
    assert decode(text.replace("\n", "\r\n").encode("utf-8"), 10_000_000).text == text
    # The seed's curly quotes exist in Windows-1252.
    legacy = decode(text.encode("cp1252"), 10_000_000)
    assert legacy.encoding == "cp1252"
    assert legacy.text == text


def test_nul_bytes_and_control_characters_are_dropped() -> None:
    assert decode(b"Putin met\x00 Xi\x07 in Beijing.", 100).text == "Putin met Xi in Beijing."


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
        (b"%PDF-1.7\n%binary", "binary"),
        (b"x" * 101, "too_large"),
    ],
)
def test_unusable_inputs_are_rejected_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(Rejection) as rejected:
        decode(raw, max_bytes=100)
    assert rejected.value.reason == reason
    assert len(rejected.value.detail) > 20


def test_braces_and_broken_links_cannot_be_inputs_but_other_odd_names_can(
    tmp_path: Path,
) -> None:
    braces = tmp_path / "notes {draft}.txt"
    odd = tmp_path / 'it\'s "test" $(touch x); ü.txt'
    braces.write_text("x")
    odd.write_text("x")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    assert untrackable_reason(str(braces))[0] == "unsupported_name"
    assert untrackable_reason(str(tmp_path / "broken.txt"))[0] == "unreadable"
    assert is_trackable(str(odd))
    keys = [s.key for s in discover_sources([str(tmp_path)])]
    assert keys == ["broken", 'it\'s "test" $(touch x); ü', "notes {draft}"]


def test_mojibake_is_repaired_where_unambiguous() -> None:
    text = decode(seed_path(SEED_000).read_bytes(), 10_000_000).text
    # UTF-8 once read as Windows-1252 and saved again as UTF-8: "Russiaâ€™s".
    garbled = text.encode("utf-8").decode("cp1252", errors="newsline-latin1")
    assert "â€™" in garbled
    assert decode(garbled.encode("utf-8"), 10_000_000).text == text
    mixed = "CafÃ© and naïve"  # would not survive the repair whole: left as it is
    assert repair_mojibake(mixed) == mixed


def test_text_that_decodes_to_control_characters_is_undecodable() -> None:
    with pytest.raises(Rejection) as rejected:
        decode(bytes(range(0x80, 0x100)) * 20, 10_000_000)
    assert rejected.value.reason == "undecodable"
