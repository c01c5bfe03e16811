"""A short run of the rule-loading fuzzer (the long one: `python -m tests.fuzz_rules --seconds 600`)."""

from __future__ import annotations

from .fuzz_rules import run


def test_rule_loading_fuzz_short() -> None:
    """300 random rule files: each loads and cleans, or is refused as a RuleError with file:line."""
    counts = run(examples=300, cli_every=100)
    assert counts["ok"] + counts["refused"] >= 300
    assert counts["ok"] > 0 and counts["refused"] > 0  # both sides of the property were exercised
