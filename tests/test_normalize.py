"""Normalisation: the same line scraped with other quotes, case or spaces gets the same key."""

from __future__ import annotations

import pytest

from cleaner.normalize import is_blank, newline_of, normalize, split_endings, split_lines


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ЩЕ ЗА ТЕМОЮ", "Ще за темою"),
        ("Раніше «ОстроВ» підтримували", 'Раніше "ОстроВ" підтримували'),
        ("Раніше „ОстроВ“ підтримували", "Раніше “ОстроВ” підтримували"),
        ("м’ясо", "мʼясо"),
        ("м'ясо", "м`ясо"),
        ("Україна – НАТО", "Україна — НАТО"),
        ("Реклама", "Реклама\u00a0"),
        ("Реклама", "\u200bРеклама"),
        ("Реклама", "  Реклама  "),
        ("Реклама", "Реклама:"),
        ("Реклама", "• Реклама"),
        ("ﬁnal", "final"),  # NFKC ligature
        ("two  words", "two\twords"),
    ],
)
def test_equivalent_lines_share_a_key(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(("a", "b"), [("Реклама", "Реклами"), ("Comments (3)", "Comments (4)"), ("a b", "ab")])
def test_different_lines_keep_different_keys(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_brackets_survive_at_the_edges() -> None:
    assert normalize("Comments (3)") == "comments (3)"


def test_blank_detection() -> None:
    assert is_blank("") and is_blank("  \t") and is_blank("\u00a0") and is_blank("\u200b")
    assert not is_blank(".")


def test_split_lines_only_on_lf_crlf_and_cr() -> None:
    assert split_lines("a\r\nb\nc") == ["a", "b", "c"]
    assert split_lines("a\rb\r\r\nc\r") == ["a", "b", "", "c"]
    assert split_endings("a\rb\r\nc") == (["a", "b", "c"], ["\r", "\r\n", ""])
    assert split_lines("a\u2028b\x0cc\n") == ["a\u2028b\x0cc"]
    assert split_lines("") == []
    assert split_lines("a\n\n") == ["a", ""]


def test_newline_style() -> None:
    assert newline_of("a\r\nb") == "\r\n"
    assert newline_of("a\nb\r\n") == "\n"
    assert newline_of("a") == "\n"


def test_a_blank_line_has_an_empty_key() -> None:
    # clean() calls is_blank only on lines whose key is empty; that relies on this.
    blank_chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and is_blank(chr(c))]
    assert " " in blank_chars and "\u200b" in blank_chars
    for char in blank_chars:
        assert normalize(char) == "", repr(char)
    assert normalize("".join(blank_chars)) == ""
    assert normalize("".join(reversed(blank_chars))) == ""
