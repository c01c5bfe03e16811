"""The result types: the fast Line construction path builds the same Lines as the constructor."""

from __future__ import annotations

import pickle

import pytest

from cleaner.result import CleanResult, Line, Reason, make_lines


def test_make_lines_equals_the_constructor() -> None:
    reason = Reason("common/x", "line", 100.0, "fuzzy 100")
    texts, reasons, protected = ["a", "b", ""], [None, reason, None], [None, None, "common/keep"]
    made = make_lines(texts, reasons, protected)
    expected = tuple(
        Line(n, t, r, p) for n, (t, r, p) in enumerate(zip(texts, reasons, protected, strict=True), start=1)
    )
    assert made == expected
    assert [hash(line) for line in made] == [hash(line) for line in expected]
    assert pickle.loads(pickle.dumps(made)) == expected
    assert made[1].reason is reason and not made[1].kept and made[2].protected_by == "common/keep"
    with pytest.raises(AttributeError):
        made[0].text = "changed"  # type: ignore[misc]


def test_make_lines_refuses_unequal_lengths() -> None:
    with pytest.raises(ValueError):
        make_lines(["a"], [], [None])


def test_clean_result_builds_its_lines_from_the_verdicts() -> None:
    reason = Reason("common/x", "line", 100.0)
    result = CleanResult(("a", "b", "c"), (None, reason, None), (None, None, "common/keep"), "\r\n")
    assert result.kept_lines == ["a", "c"] and result.text == "a\r\nc\r\n"
    assert result.lines == make_lines(result.texts, result.reasons, result.protected)
    assert result.lines is result.lines  # built once
    assert [line.number for line in result.removed] == [2]
    clone = pickle.loads(pickle.dumps(result))
    assert clone == result and clone.lines == result.lines
    with pytest.raises(ValueError):
        CleanResult(("a",), (), (None,))
