from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from newsline.ingest import (
    Rejection,
    Source,
    article_id_for,
    decode,
    discover_sources,
    kind_of,
    listed_sources,
    listing_rows,
    merged_listing,
    repair_mojibake,
    shard_of,
    source_listing,
    sources_digest,
    unread_reason,
)
from newsline.language import MODEL_COPY, LanguageDetector, model_arrays

from .conftest import seed_path

SEED_000 = "000_c7d7c2a76c4cebf4"


def test_article_id_is_the_relative_path_without_extension() -> None:
    assert article_id_for("nested/story.txt") == "nested/story"
    assert article_id_for("000_c7d7c2a76c4cebf4.txt") == "000_c7d7c2a76c4cebf4"


def test_shard_depends_only_on_the_article_id() -> None:
    assert shard_of("nested/story", 8) == shard_of("nested/story", 8)
    assert {shard_of(f"article-{i}", 8) for i in range(200)} == {f"{i:04d}" for i in range(8)}
    assert shard_of("x", 1) == "0000"


def test_discovery_finds_files_at_any_depth_skips_hidden_and_marks_other_kinds(
    tmp_path: Path,
) -> None:
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
        ("notes", "unsupported"),
    ]
    assert unread_reason(sources[3].path, "unsupported")[0] == "unsupported_format"
    assert sources[2].path == str(root / "nested" / "deeper" / "a.txt")


def test_a_source_listing_gives_back_the_very_sources_in_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for path in ("a/x.txt", "a/sub/deep/y.HTML.gz", "a/odd $(name) ü.jsonl", "b/x.txt",
                 "b/a.txt", "b/notes.md", "c/z.warc"):  # fmt: skip
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text("x")
    # The same key ("x") under two roots, a root given with a trailing slash, one as ./c.
    roots = ["b/", "a", "./c"]
    found = discover_sources(roots)
    listing = source_listing(found, roots)
    assert listed_sources(listing) == found
    assert list(listing) == roots
    assert listing["a"] == ["odd $(name) ü.jsonl", "sub/deep/y.HTML.gz", "x.txt"]
    # A shard's few sources: every root is listed, in order, the empty ones too.
    assert source_listing(found[:1], roots) == {"b/": ["a.txt"], "a": [], "./c": []}
    with pytest.raises(ValueError, match="not a file discover_sources finds"):
        source_listing([Source("a/x.txt", "a", "other", "txt")], roots)
    # Shards' listings written as tables and merged give every source back, in order.
    halves = [source_listing(found[::2], roots), source_listing(found[1::2], roots)]
    rows = [row for half in reversed(halves) for row in listing_rows(half)]
    assert listed_sources(merged_listing(rows)) == found
    # The digest corpus_tables runs again on: any source added, deleted or moved changes it.
    assert sources_digest(found) == sources_digest(list(found))
    assert len({sources_digest(found), sources_digest(found[1:]),
                sources_digest([Source("d/x.txt", "d", "x", "txt"), *found[1:]])}) == 3  # fmt: skip


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
    assert unread_reason(str(braces), "txt")[0] == "unsupported_name"
    assert unread_reason(str(tmp_path / "broken.txt"), "txt")[0] == "unreadable"
    assert unread_reason(str(odd), "txt") is None
    # Control characters (Unicode's Cc: C0 and C1), and only those, make a name unsupported.
    for control in ("\n", "\t", "\x7f", "\x85"):
        assert unread_reason(str(tmp_path / f"a{control}b.txt"), "txt")[0] == "unsupported_name"
    for other in ("\u00a0", "\u200b", "\u2028", "é"):
        assert unread_reason(str(tmp_path / f"a{other}b.txt"), "txt")[0] != "unsupported_name"
    keys = [s.key for s in discover_sources([str(tmp_path)])]
    assert keys == ["broken", 'it\'s "test" $(touch x); ü', "notes {draft}"]


# News sentences in the languages the story is told in, each as its outlets write it.
SENTENCES = {
    "russian": "Президент России Владимир Путин провёл переговоры с председателем КНР Си "
    "Цзиньпином в Кремле. Стороны обсудили торговлю, энергетику и положение на Украине. После "
    "встречи лидеры подписали совместное заявление о всеобъемлющем партнёрстве.",
    "chinese_simplified": "中国国家主席习近平在北京人民大会堂会见俄罗斯总统普京。双方就双边关系"
    "以及共同关心的国际和地区问题深入交换了意见。会谈后，两国元首共同签署了联合声明。",
    "chinese_traditional": "中國國家主席習近平在北京人民大會堂會見俄羅斯總統普京。雙方就雙邊關係"
    "以及共同關心的國際和地區問題深入交換了意見。會談後，兩國元首共同簽署了聯合聲明。",
    "japanese": "ロシアのプーチン大統領は北京で中国の習近平国家主席と会談した。両首脳は貿易や"
    "エネルギー分野での協力を強化することで一致し、共同声明に署名した。",
    "polish": "Prezydent Rosji spotkał się w poniedziałek z przewodniczącym Chin. Rozmowy "
    "dotyczyły współpracy gospodarczej, energetyki i sytuacji na Ukrainie. Po spotkaniu "
    "przywódcy podpisali wspólną deklarację.",
    "greek": "Ο Ρώσος πρόεδρος συναντήθηκε τη Δευτέρα με τον Κινέζο ομόλογό του στο Πεκίνο. Οι "
    "δύο ηγέτες συζήτησαν το εμπόριο, την ενέργεια και την κατάσταση στην Ουκρανία.",
    "turkish": "Rusya Devlet Başkanı Putin, Çin Devlet Başkanı Şi Cinping ile Pekin'de görüştü. "
    "İki lider ticaret, enerji ve Ukrayna'daki durumu ele aldı. Görüşmenin ardından ortak bir "
    "bildiri imzalandı.",
    "french": "Le président russe a rencontré lundi son homologue chinois à Pékin. Les deux "
    "dirigeants ont évoqué le commerce, l’énergie et la situation en Ukraine « avec franchise ». "
    "Après la réunion, ils ont signé une déclaration commune.",
}


@pytest.mark.parametrize(
    ("language", "encoding"),
    [
        ("russian", "cp1251"),
        ("russian", "koi8_r"),
        ("chinese_simplified", "gb18030"),
        ("chinese_traditional", "big5"),
        ("japanese", "shift_jis"),
        ("japanese", "euc_jp"),
        ("polish", "iso8859_2"),
        ("greek", "iso8859_7"),
        ("turkish", "cp1254"),
        ("french", "cp1252"),
        ("russian", "utf-8-sig"),
        ("greek", "utf-32"),
    ],
)
def test_a_legacy_encoding_is_read_as_the_original_text(language: str, encoding: str) -> None:
    decoded = decode(SENTENCES[language].encode(encoding), 10_000_000)
    assert decoded.text == SENTENCES[language]
    assert decoded.repairs is None


# Japanese news as it is written: headlines of kanji and few kana, a lead paragraph. EUC-JP's
# bytes are valid Korean (EUC-KR) too, and the detector alone read these as Korean ("충뱉낡犬").
JAPANESE_NEWS = [
    "全国各地で大雨　気象庁が警戒呼びかけ",
    "中国外務省報道官は記者会見で、米国の制裁措置を強く非難した。",
    "首相官邸記者会見要旨",
    "株価指数先物取引",
    "露大統領訪中　首脳会談で協力強化確認\n\nロシアのプーチン大統領は１６日、北京で中国の習近平"
    "国家主席と会談した。",
]


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "iso2022_jp"])
@pytest.mark.parametrize("text", JAPANESE_NEWS)
def test_japanese_is_read_as_japanese_in_each_of_its_encodings(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding), 10_000_000)
    assert decoded.text == text


def test_a_japanese_article_is_japanese_and_korean_stays_korean() -> None:
    article = "\n\n".join(JAPANESE_NEWS)
    decoded = decode(article.encode("euc_jp"), 10_000_000)
    assert decoded.text == article
    assert LanguageDetector("en").detect(decoded.text).language == "ja"
    korean = "대한민국 정부는 16일 국무회의에서 경제 대책을 결정했다. 총액은 약 20조 원이다."
    assert decode(korean.encode("euc_kr"), 10_000_000).text == korean


def test_the_detector_from_its_kept_model_copy_calls_as_py3langid_does(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    texts = [*SENTENCES.values(), "Putin met Xi in Beijing.", "\n\n".join(JAPANESE_NEWS)]
    shipped = LanguageDetector("en")
    kept = LanguageDetector("en", str(tmp_path))
    assert [kept.detect(t) for t in texts] == [shipped.detect(t) for t in texts]
    assert (tmp_path / MODEL_COPY).is_file()
    made = model_arrays(tmp_path / "made")  # from py3langid's own file, then kept
    read = model_arrays(tmp_path / "made")  # from the copy
    assert all(a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(made, read, strict=True))
    # A damaged copy, or one another py3langid version made, is made again.
    (tmp_path / MODEL_COPY).write_bytes(b"not a model")
    with caplog.at_level(logging.WARNING, logger="newsline"):
        again = model_arrays(tmp_path)
    assert "ignoring the unreadable language model copy" in caplog.text
    assert all(np.array_equal(a, b) for a, b in zip(made, again, strict=True))
    np.savez(tmp_path / MODEL_COPY, made_by=np.array("py3langid 0.0"), ptc=np.zeros(1))
    assert all(np.array_equal(a, b) for a, b in zip(made, model_arrays(tmp_path), strict=True))


def test_turkish_read_as_western_european_is_read_as_turkish() -> None:
    decoded = decode(SENTENCES["turkish"].encode("cp1254"), 10_000_000)
    assert decoded.encoding == "cp1254"  # the detector alone says cp1252: "Baþkaný"
    assert 0 < decoded.confidence <= 1


def test_one_pound_sign_in_english_is_windows_1252_not_katakana() -> None:
    # As in a BBC sport story saved as Windows-1252: one byte outside ASCII.
    raw = "Chelsea paid a possible transfer fee for Mutu, a £15.8m signing.".encode("cp1252")
    decoded = decode(raw, 10_000_000)
    assert (decoded.text, decoded.encoding) == (raw.decode("cp1252"), "cp1252")


def test_a_declared_encoding_is_used_as_it_is() -> None:
    raw = SENTENCES["russian"].encode("koi8_r")
    decoded = decode(raw, 10_000_000, declared="koi8-r")
    assert (decoded.text, decoded.encoding, decoded.confidence) == (
        SENTENCES["russian"],
        "koi8-r",
        None,
    )
    with pytest.raises(Rejection) as rejected:
        decode(SENTENCES["chinese_simplified"].encode("gb18030"), 10_000_000, declared="utf-8")
    assert rejected.value.reason == "undecodable"
    assert "the encoding metadata.csv states" in rejected.value.detail


def _garbled(text: str, layers: int = 1, codec: str = "sloppy-windows-1252") -> str:
    """UTF-8 text read as ``codec`` (and saved as UTF-8) ``layers`` times."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    for _ in range(layers):
        text = text.encode("utf-8").decode(codec)
    return text


@pytest.mark.parametrize(
    ("garbled", "original"),
    [
        # Once, the whole text: "Russiaâ€™s".
        (_garbled(SENTENCES["french"]), SENTENCES["french"]),
        # Twice: "RussiaÃ¢â‚¬â„¢s".
        (_garbled(SENTENCES["french"], layers=2), SENTENCES["french"]),
        # Part of a page: one paragraph garbled, the next not.
        (
            "Russiaâ€™s army advanced.\n\nRussia’s navy stayed.",
            "Russia’s army advanced.\n\nRussia’s navy stayed.",
        ),
        # Russian UTF-8 read as Windows-1251: "РџСЂРµР·РёРґРµРЅС‚".
        (_garbled(SENTENCES["russian"], codec="sloppy-windows-1251"), SENTENCES["russian"]),
    ],
)
def test_mojibake_is_repaired_whole_or_in_part(garbled: str, original: str) -> None:
    decoded = decode(garbled.encode("utf-8"), 10_000_000)
    assert decoded.text == original
    assert decoded.repairs  # auditable: articles.mojibake_repairs


def test_text_that_needs_no_repair_is_left_as_it_is() -> None:
    for text in [*SENTENCES.values(), decode(seed_path(SEED_000).read_bytes(), 10**7).text]:
        assert repair_mojibake(text) == (text, None)


def test_text_that_decodes_to_control_characters_is_undecodable() -> None:
    with pytest.raises(Rejection) as rejected:
        decode(bytes(range(0x80, 0x100)) * 20, 10_000_000)
    assert rejected.value.reason == "undecodable"
    assert "the closest guesses were" in rejected.value.detail


def test_kinds_come_from_the_whole_ending_and_ids_drop_it() -> None:
    assert kind_of("story.html.gz") == ("html", ".html.gz")
    assert kind_of("crawl.WARC.GZ") == ("warc", ".WARC.GZ")
    assert kind_of("report.pdf") == ("unsupported", ".pdf")
    assert article_id_for("pages/a.html.gz") == "pages/a"
    assert article_id_for("crawls/cc-news.warc") == "crawls/cc-news"
