"""The result types: the fast Line construction path builds the same Lines as the constructor."""

from __future__ import annotations

import pickle

import pytest

from cleaner.result import Line, Reason, make_lines


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
