"""Validation of a parsed rule file: every key and value checked with its line, then compiled.

:func:`parse_rule_text` turns rule-file text into a :class:`~cleaner.rulemodel.RuleFile` or
raises :class:`~cleaner.errors.RuleError` naming the file and line of the first problem. The RE2
helpers live here because validation is where patterns are first compiled (the matcher reuses
them), and RE2 guarantees linear time on any line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import re2

from .errors import RuleError
from .normalize import normalize
from .rulemodel import (
    BLOCK_MAX_LINES_DEFAULT,
    EXTENTS,
    FILE_KEYS,
    GENERIC_MODES,
    KINDS,
    LEARNED_MARK,
    MAX_REMOVED_SHARE_DEFAULT,
    RULE_KEYS,
    SHAPE_KEYS,
    THRESHOLD_DEFAULT,
    Examples,
    Rule,
    RuleFile,
    ShapeElement,
)
from .ruleyaml import YamlMap as _Map
from .ruleyaml import YamlSeq as _Seq
from .ruleyaml import parse_yaml

# Most elements a block's shape may have: a list item is a few lines, and the shape matcher's
# work grows with the square of this (see matcher._item_ends).
SHAPE_MAX_ELEMENTS = 50
# Lines that share nothing but being lines: a removal pattern that matches all of them (or the
# empty string) would remove every line of every page, so it is refused when loaded.
PROBE_LINES = (
    "a",
    "7",
    "я",
    "(",
    "+",
    "hello world",
    "Реклама",
    "Україна - 2024",
    "the quick brown fox jumps over the lazy dog and keeps on running for a while",
    "x" * 300,
)


def _re2_options() -> re2.Options:
    """RE2 options: case-insensitive (keys are casefolded anyway) and silent on bad patterns."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    return options


def compile_pattern(pattern: str) -> Any:
    """Compile a rule pattern with RE2, which guarantees linear time on any line."""
    return re2.compile(pattern, _re2_options())


def compile_pattern_set(patterns: Sequence[str]) -> Any:
    """Compile patterns into one RE2 set; ``Match(key)`` returns the indices of those that match."""
    pattern_set = re2.Set.SearchSet(_re2_options())
    for source in patterns:
        pattern_set.Add(source)
    pattern_set.Compile()
    return pattern_set


# The probes as the matcher sees them (normalised; none is empty, since empty keys never match).
_PROBE_KEYS = tuple(key for key in map(normalize, PROBE_LINES) if key)


class _Checker:
    """Validates one parsed rule file, raising RuleError at the first problem."""

    def __init__(self, path: str, data: Any) -> None:
        self.path = path
        self.data = data
        self.warnings: list[str] = []

    def fail(self, problem: str, line: int | None) -> RuleError:
        """Build the error for a problem at a line."""
        return RuleError(self.path, problem, line)

    def mapping(self, value: Any, line: int, what: str, allowed: dict[str, str]) -> _Map:
        """Require a mapping whose keys are all known."""
        if not isinstance(value, _Map):
            raise self.fail(f"{what} must be a mapping", line)
        for key in value:
            if key not in allowed:
                known = ", ".join(allowed)
                raise self.fail(f"unknown key {key!r} in {what} (known: {known})", value.key_lines[key])
        return value

    def text(self, value: Any, line: int, what: str) -> str:
        """Require non-empty text (numbers are accepted as text, YAML reads '2024' as int)."""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(f"{what} must be text", line)
        value = str(value)
        if not value.strip():
            raise self.fail(f"{what} must not be empty", line)
        return value

    def texts(self, value: Any, line: int, what: str) -> list[tuple[str, int]]:
        """Require one text or a list of texts; returns them with their lines."""
        if isinstance(value, _Seq):
            if not value:
                raise self.fail(f"{what} must not be an empty list", line)
            return [(self.text(v, ln, what), ln) for v, ln in zip(value, value.item_lines, strict=True)]
        return [(self.text(value, line, what), line)]

    def number(self, value: Any, line: int, what: str, low: float, high: float) -> float:
        """Require a number in a range."""
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise self.fail(f"{what} must be a number from {low:g} to {high:g}", line)
        return float(value)

    def threshold(self, value: Any, line: int, kind: str | None) -> float:
        """A fuzzy threshold: 0-100, not 0 where it would remove lines, and a warning for a fraction."""
        threshold = self.number(value, line, "threshold", 0, 100)
        if threshold == 0 and kind != "keep":
            raise self.fail("threshold 0 matches every line; scores are 0-100 (90 is the default)", line)
        if 0 < threshold < 1:
            self.warnings.append(
                f"{self.path}:{line}: threshold {threshold:g} looks like a fraction; scores are 0-100, so it "
                f"matches nearly every line (did you mean {threshold * 100:g}?)"
            )
        return threshold

    def removal_pattern(self, source: str, line: int, rule_id: str, max_words: int | None) -> None:
        """Refuse a removal pattern that matches the empty string or every probe line (every line)."""
        compiled = compile_pattern(source)
        if compiled.search("") is not None:
            raise self.fail(f"rule {rule_id!r}: pattern {source!r} matches the empty string, so every line", line)
        if max_words is None and all(compiled.search(key) for key in _PROBE_KEYS):
            raise self.fail(
                f"rule {rule_id!r}: pattern {source!r} matches every line (it matched {len(PROBE_LINES)} unrelated "
                "test lines); anchor it or make it more specific",
                line,
            )

    def flag(self, value: Any, line: int, what: str) -> bool:
        """Require true or false."""
        if not isinstance(value, bool):
            raise self.fail(f"{what} must be true or false", line)
        return value

    def pattern(self, value: Any, line: int, what: str) -> str:
        """Require a pattern RE2 accepts (no backreferences or lookaround: linear time)."""
        source = self.text(value, line, what)
        try:
            compile_pattern(source)
        except re2.error as exc:
            detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
            raise self.fail(f"bad regular expression {source!r}: {detail}", line) from None
        return source

    def keyed(self, m: _Map, key: str) -> tuple[Any, int]:
        """Value of a key and its line."""
        return m[key], m.key_lines[key]

    # -- the file -------------------------------------------------------------------------

    def check_file(self) -> RuleFile:
        """Validate the whole file and return it compiled."""
        top = self.mapping(self.data, 1, "the rule file", FILE_KEYS)
        if "id" not in top:
            raise self.fail("missing required key 'id'", top.line)
        if "rules" not in top:
            raise self.fail("missing required key 'rules'", top.line)
        site_id = self.text(*self.keyed(top, "id"), "id")
        threshold = THRESHOLD_DEFAULT
        if "threshold" in top:
            threshold = self.threshold(*self.keyed(top, "threshold"), None)
        common = self.flag(*self.keyed(top, "common"), "common") if "common" in top else False
        hosts = tuple(t.lower() for t, _ in self.texts(*self.keyed(top, "hosts"), "hosts")) if "hosts" in top else ()
        fingerprints = ()
        if "fingerprints" in top:
            fingerprints = tuple(normalize(t) for t, _ in self.texts(*self.keyed(top, "fingerprints"), "fingerprints"))
        fp_min = 1
        if "fingerprint_min" in top:
            value, line = self.keyed(top, "fingerprint_min")
            fp_min = int(self.number(value, line, "fingerprint_min", 1, max(1, len(fingerprints))))
        generic = self.generic(top, common)
        max_share = MAX_REMOVED_SHARE_DEFAULT
        if "max_removed_share" in top:
            value, line = self.keyed(top, "max_removed_share")
            max_share = self.number(value, line, "max_removed_share", 0, 1)
            if max_share == 0:
                raise self.fail("max_removed_share must be above 0 (it is a share of the page's words, 0-1)", line)
        rules_value, rules_line = self.keyed(top, "rules")
        if not isinstance(rules_value, _Seq):
            raise self.fail("rules must be a list", rules_line)
        seen: dict[str, int] = {}
        rules = []
        for item, line in zip(rules_value, rules_value.item_lines, strict=True):
            rule = self.check_rule(item, line, threshold)
            if rule.id in seen:
                raise self.fail(f"duplicate rule id {rule.id!r} (first at line {seen[rule.id]})", rule.line)
            seen[rule.id] = rule.line
            rules.append(rule)
        return RuleFile(
            id=site_id,
            path=self.path,
            rules=tuple(rules),
            hosts=hosts,
            common=common,
            fingerprints=fingerprints,
            fingerprint_min=fp_min,
            generic=generic,
            max_removed_share=max_share,
            warnings=tuple(self.warnings),
        )

    def generic(self, top: _Map, common: bool) -> str:
        """The ``generic`` key: on, tail, off or full (YAML reads bare on/off as true/false)."""
        if "generic" not in top:
            return "on"
        value, line = self.keyed(top, "generic")
        if common:
            raise self.fail("generic only applies to a site's rule file, not to common rules", line)
        mode = {True: "on", False: "off"}.get(value, value) if isinstance(value, bool) else value
        if mode not in GENERIC_MODES:
            raise self.fail(f"generic must be one of {', '.join(GENERIC_MODES)}, got {value!r}", line)
        return mode

    def check_rule(self, item: Any, line: int, file_threshold: float) -> Rule:
        """Validate one rule."""
        m = self.mapping(item, line, "a rule", RULE_KEYS)
        for required in ("id", "kind"):
            if required not in m:
                raise self.fail(f"rule is missing required key {required!r}", m.line)
        rule_id = self.text(*self.keyed(m, "id"), "rule id")
        kind, kind_line = self.keyed(m, "kind")
        if kind not in KINDS:
            raise self.fail(f"rule {rule_id!r}: kind must be one of {', '.join(KINDS)}, got {kind!r}", kind_line)
        line = m.key_lines["id"]
        allowed = {
            "line": {"text", "texts", "max_words"},
            "pattern": {"pattern", "patterns", "max_words"},
            "keep": {"text", "texts", "pattern", "patterns", "max_words"},
            "block": {
                "anchor",
                "anchors",
                "extent",
                "until",
                "until_patterns",
                "include_until",
                "require_until",
                "shape",
                "max_lines",
            },
        }[kind] | {"id", "kind", "threshold", "description", "examples"}
        for key in m:
            if key not in allowed:
                raise self.fail(f"rule {rule_id!r}: key {key!r} does not apply to a {kind} rule", m.key_lines[key])
        threshold = file_threshold
        if "threshold" in m:
            threshold = self.threshold(*self.keyed(m, "threshold"), kind)
        elif threshold == 0 and kind != "keep":
            raise self.fail(f"rule {rule_id!r}: the file's threshold 0 would match every line", line)
        texts = self.gather(m, "text", "texts", self.texts)
        pattern_lines = self.gather_lines(m, "pattern", "patterns", self.patterns)
        patterns = [p for p, _ in pattern_lines]
        examples = self.examples(m, rule_id)
        base = {"id": rule_id, "kind": kind, "threshold": threshold, "examples": examples, "line": line}
        if kind in ("line", "pattern", "keep"):
            if not texts and not patterns:
                need = {"line": "text or texts", "pattern": "pattern or patterns"}.get(kind, "text or pattern")
                raise self.fail(f"rule {rule_id!r}: a {kind} rule needs {need}", line)
            max_words = None
            if "max_words" in m:
                max_words = int(self.number(*self.keyed(m, "max_words"), "max_words", 1, 1_000_000))
            if kind == "pattern":
                for source, pattern_line in pattern_lines:
                    self.removal_pattern(source, pattern_line, rule_id, max_words)
            return Rule(texts=tuple(normalize(t) for t in texts), patterns=tuple(patterns), max_words=max_words, **base)
        return self.check_block(m, base)

    def patterns(self, value: Any, line: int, what: str) -> list[tuple[str, int]]:
        """One pattern or a list of them, each compiled to prove it is valid."""
        return [(self.pattern(p, ln, what), ln) for p, ln in self.texts(value, line, what)]

    def gather(self, m: _Map, one: str, many: str, parse: Any) -> list[str]:
        """Collect values given under the singular and the plural key."""
        return [v for v, _ in self.gather_lines(m, one, many, parse)]

    def gather_lines(self, m: _Map, one: str, many: str, parse: Any) -> list[tuple[str, int]]:
        """Collect values given under the singular and the plural key, each with its line."""
        out: list[tuple[str, int]] = []
        for key in (one, many):
            if key in m:
                out.extend(parse(*self.keyed(m, key), key))
        return out

    def check_block(self, m: _Map, base: dict[str, Any]) -> Rule:
        """Validate a block rule: anchors, extent and what the extent needs."""
        rule_id = base["id"]
        anchors = self.gather(m, "anchor", "anchors", self.texts)
        if not anchors:
            raise self.fail(f"rule {rule_id!r}: a block rule needs anchor or anchors", base["line"])
        if "extent" not in m:
            raise self.fail(f"rule {rule_id!r}: a block rule needs extent ({', '.join(EXTENTS)})", base["line"])
        extent, extent_line = self.keyed(m, "extent")
        if extent not in EXTENTS:
            raise self.fail(
                f"rule {rule_id!r}: extent must be one of {', '.join(EXTENTS)}, got {extent!r}", extent_line
            )
        until = [normalize(t) for t, _ in self.texts(*self.keyed(m, "until"), "until")] if "until" in m else []
        until_patterns = (
            [p for p, _ in self.patterns(*self.keyed(m, "until_patterns"), "until_patterns")]
            if "until_patterns" in m
            else []
        )
        if extent == "until" and not until and not until_patterns:
            raise self.fail(f"rule {rule_id!r}: extent 'until' needs until or until_patterns", extent_line)
        if extent != "until" and (until or until_patterns):
            raise self.fail(f"rule {rule_id!r}: until only applies with extent 'until'", extent_line)
        shape: list[ShapeElement] = []
        if extent == "shape":
            if "shape" not in m:
                raise self.fail(f"rule {rule_id!r}: extent 'shape' needs shape", extent_line)
            shape = self.check_shape(*self.keyed(m, "shape"), rule_id)
        elif "shape" in m:
            raise self.fail(f"rule {rule_id!r}: shape only applies with extent 'shape'", m.key_lines["shape"])
        include_until = self.flag(*self.keyed(m, "include_until"), "include_until") if "include_until" in m else False
        require_until = self.flag(*self.keyed(m, "require_until"), "require_until") if "require_until" in m else False
        if require_until and extent != "until":
            raise self.fail(f"rule {rule_id!r}: require_until only applies with extent 'until'", extent_line)
        max_lines = BLOCK_MAX_LINES_DEFAULT
        if "max_lines" in m:
            max_lines = int(self.number(*self.keyed(m, "max_lines"), "max_lines", 1, 1_000_000))
        return Rule(
            texts=tuple(normalize(a) for a in anchors),
            extent=extent,
            until=tuple(until),
            until_patterns=tuple(until_patterns),
            include_until=include_until,
            require_until=require_until,
            shape=tuple(shape),
            max_lines=max_lines,
            **base,
        )

    def check_shape(self, value: Any, line: int, rule_id: str) -> list[ShapeElement]:
        """Validate a shape: a list of elements, at least one of them required."""
        if not isinstance(value, _Seq) or not value:
            raise self.fail(f"rule {rule_id!r}: shape must be a non-empty list of elements", line)
        if len(value) > SHAPE_MAX_ELEMENTS:
            raise self.fail(
                f"rule {rule_id!r}: a shape has at most {SHAPE_MAX_ELEMENTS} elements, this one {len(value)}", line
            )
        elements = []
        for item, item_line in zip(value, value.item_lines, strict=True):
            el = self.mapping(item, item_line, "a shape element", SHAPE_KEYS)
            has_pattern = "pattern" in el
            has_any = el.get("any") is True
            if "any" in el:
                self.flag(*self.keyed(el, "any"), "any")
            if has_pattern == has_any:
                raise self.fail(
                    f"rule {rule_id!r}: a shape element needs exactly one of pattern or 'any: true'", el.line
                )
            min_words = (
                int(self.number(*self.keyed(el, "min_words"), "min_words", 0, 10_000)) if "min_words" in el else 0
            )
            max_words = (
                int(self.number(*self.keyed(el, "max_words"), "max_words", 1, 10_000)) if "max_words" in el else None
            )
            elements.append(
                ShapeElement(
                    pattern=self.pattern(*self.keyed(el, "pattern"), "pattern") if has_pattern else None,
                    optional=self.flag(*self.keyed(el, "optional"), "optional") if "optional" in el else False,
                    min_words=min_words,
                    max_words=max_words,
                )
            )
        if all(e.optional for e in elements):
            raise self.fail(f"rule {rule_id!r}: a shape needs at least one element that is not optional", line)
        return elements

    def examples(self, m: _Map, rule_id: str) -> Examples:
        """Validate examples: {drop: [...], keep: [...]}."""
        if "examples" not in m:
            return Examples()
        ex = self.mapping(*self.keyed(m, "examples"), "examples", {"drop": "", "keep": ""})
        drop = [t for t, _ in self.texts(*self.keyed(ex, "drop"), "examples.drop")] if "drop" in ex else []
        keep = [t for t, _ in self.texts(*self.keyed(ex, "keep"), "examples.keep")] if "keep" in ex else []
        return Examples(drop=tuple(drop), keep=tuple(keep))


def parse_rule_text(text: str, path: str = "<rules>") -> RuleFile:
    """Validate rule-file text (used for files and for tests of single rules)."""
    rule_file = _Checker(path, parse_yaml(text, path)).check_file()
    # Known from the text itself, so a file loaded from a temporary copy (git:REF) keeps its kind.
    return replace(rule_file, learned=True) if text.lstrip("\ufeff").startswith(LEARNED_MARK) else rule_file
