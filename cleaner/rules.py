"""Rule files: load YAML, validate every key with its line number, compile for the matcher.

A rule file describes one site's junk (or, with ``common: true``, junk of every site). The
format is documented in the README; :data:`FILE_KEYS`, :data:`RULE_KEYS` and
:data:`SHAPE_KEYS` are the whole vocabulary, and anything else is refused with its line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import re2

from .errors import RuleError
from .normalize import normalize
from .ruleyaml import YamlMap as _Map
from .ruleyaml import YamlSeq as _Seq
from .ruleyaml import parse_yaml

# rapidfuzz fuzz.ratio (0-100) a line needs to match a rule's text. 90 lets a 20-character
# line differ by two characters, and a 7-letter label like 'Реклама' only by exact key
# (one changed letter scores 85.7); measured on the seed sites' repeated lines.
THRESHOLD_DEFAULT = 90.0
# Where a block whose extent is 'until' or 'end' stops at the latest, so one misplaced anchor
# cannot take a whole page; a file may raise it per rule.
BLOCK_MAX_LINES_DEFAULT = 400
# A rule file may remove at most this share of a page's words; over it, none of the file's
# removals are applied to the page (cleaner/cap.py). The most measured on real pages: 0.64 for
# the bundled site files on their golden cases, 0.82 for files `cleaner learn` drafted on the
# big9-dev sites (on their own training pages), 0.27 for the common rules on aeb and wcxb-dev.
MAX_REMOVED_SHARE_DEFAULT = 0.9
RULES_ENV = "CLEANER_RULES"
# Most elements a block's shape may have: a list item is a few lines, and the shape matcher's
# work grows with the square of this (see matcher._item_ends).
SHAPE_MAX_ELEMENTS = 50
# A rule file past this is a mistake (10,000 rules take about 1 MB).
RULE_FILE_MAX_BYTES = 32 * 1024 * 1024
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

KINDS = ("line", "pattern", "block", "keep")
EXTENTS = ("end", "until", "shape")
FILE_KEYS = {
    "id": "site id, used with --site (required)",
    "hosts": "host names whose URLs select this file",
    "common": "true: apply to every page, whatever the site",
    "fingerprints": "lines that, when present, recognise the site",
    "fingerprint_min": "how many fingerprints must match (default 1)",
    "threshold": "default fuzzy threshold for this file's rules",
    "max_removed_share": "most of a page's words (0-1, default 0.9) the file may remove; over it, none",
    "description": "free text",
    "generic": "generic detection on this site's pages: on (default), tail (only after the article) or off",
    "rules": "the rules (required)",
}
# The values of a site file's ``generic`` key. "on": generic detection runs but never removes the
# article's headline or any line down to its last paragraph; "tail": it removes only lines after
# the article's last paragraph; "off": it does not run on the site's pages.
GENERIC_MODES = ("on", "tail", "off")
RULE_KEYS = {
    "id": "stable rule id, unique in the file (required)",
    "kind": "line, pattern, block or keep (required)",
    "text": "a line to match fuzzily",
    "texts": "several lines to match fuzzily",
    "pattern": "a regular expression (RE2) over the normalised line",
    "patterns": "several regular expressions",
    "threshold": "fuzzy threshold 0-100 for this rule",
    "max_words": "line, pattern, keep: only lines of at most this many words match",
    "anchor": "block: the line that starts the block",
    "anchors": "block: several possible start lines",
    "extent": "block: end, until or shape",
    "until": "block: lines that end the block",
    "until_patterns": "block: patterns of lines that end the block",
    "include_until": "block: remove the line that ends the block too",
    "shape": "block: the shape of one list item, element by element",
    "max_lines": "block: most lines a block may take",
    "description": "free text",
    "examples": "drop: lines the rule must remove; keep: lines it must not",
}
SHAPE_KEYS = {
    "pattern": "the element's line matches this regular expression",
    "any": "true: any non-blank line",
    "optional": "true: the element may be absent",
    "min_words": "the line has at least this many words",
    "max_words": "the line has at most this many words",
}


@dataclass(frozen=True, slots=True)
class Examples:
    """Lines (or multi-line snippets for blocks) a rule must drop and must keep."""

    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ShapeElement:
    """One line of a list item in a block's shape."""

    pattern: str | None = None
    optional: bool = False
    min_words: int = 0
    max_words: int | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule; texts are stored normalised, patterns as RE2 source (picklable)."""

    id: str
    kind: str
    texts: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    threshold: float = THRESHOLD_DEFAULT
    extent: str | None = None
    until: tuple[str, ...] = ()
    until_patterns: tuple[str, ...] = ()
    include_until: bool = False
    shape: tuple[ShapeElement, ...] = ()
    max_lines: int = BLOCK_MAX_LINES_DEFAULT
    max_words: int | None = None
    examples: Examples = Examples()
    line: int = 0  # line of the rule in its file, for messages


@dataclass(frozen=True, slots=True)
class RuleFile:
    """One site's rules (or the common rules), as loaded from one file."""

    id: str
    path: str
    rules: tuple[Rule, ...]
    hosts: tuple[str, ...] = ()
    common: bool = False
    fingerprints: tuple[str, ...] = ()
    fingerprint_min: int = 1
    generic: str = "on"  # one of GENERIC_MODES
    max_removed_share: float = MAX_REMOVED_SHARE_DEFAULT
    warnings: tuple[str, ...] = ()  # "file:line: problem" for values that load but look wrong


class RuleSet:
    """All rule files in force: sites by id and the common files, with lazily built indexes.

    ``learned`` holds the files a batch learned from its own pages, by site group
    (:mod:`cleaner.sitegroups`): they apply to that group's pages only, never by id or host.
    Picklable: only the rule files travel; host index and compiled matchers are rebuilt on
    first use in each process.
    """

    def __init__(
        self,
        sites: dict[str, RuleFile] | None = None,
        common: Sequence[RuleFile] = (),
        learned: dict[str, RuleFile] | None = None,
    ) -> None:
        self.sites: dict[str, RuleFile] = dict(sites or {})
        self.common: tuple[RuleFile, ...] = tuple(common)
        self.learned: dict[str, RuleFile] = dict(learned or {})
        self._cache: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Ship the rule files only; caches are rebuilt where the set is unpickled."""
        return {"sites": self.sites, "common": self.common, "learned": self.learned}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore from :meth:`__getstate__`."""
        self.__init__(state["sites"], state["common"], state.get("learned"))

    def with_learned(self, learned: dict[str, RuleFile]) -> RuleSet:
        """A copy of this set that also holds rule files learned per site group."""
        return RuleSet(self.sites, self.common, learned)

    def site_ids(self) -> list[str]:
        """Known site ids, sorted, for messages and listings."""
        return sorted(self.sites)

    def cached(self, key: str, build: Any) -> Any:
        """Memoise a derived structure (index, matcher) for this rule set."""
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = build()
        return value

    def site_for_host(self, host: str) -> RuleFile | None:
        """The rule file whose hosts include the host or a parent domain of it."""
        index = self.cached("hosts", self._build_host_index)
        parts = host.lower().rstrip(".").removeprefix("www.").split(".")
        for i in range(len(parts)):
            site = index.get(".".join(parts[i:]))
            if site is not None:
                return self.sites[site]
        return None

    def _build_host_index(self) -> dict[str, str]:
        """Host -> site id."""
        return {host.removeprefix("www."): site.id for site in self.sites.values() for host in site.hosts}


# ---------------------------------------------------------------------------------------------
# Validation


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
        """The ``generic`` key: on, tail or off (YAML reads bare on/off as true/false)."""
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
            "block": {"anchor", "anchors", "extent", "until", "until_patterns", "include_until", "shape", "max_lines"},
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
        max_lines = BLOCK_MAX_LINES_DEFAULT
        if "max_lines" in m:
            max_lines = int(self.number(*self.keyed(m, "max_lines"), "max_lines", 1, 1_000_000))
        return Rule(
            texts=tuple(normalize(a) for a in anchors),
            extent=extent,
            until=tuple(until),
            until_patterns=tuple(until_patterns),
            include_until=include_until,
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


def load_rule_file(path: Path | str) -> RuleFile:
    """Load and validate one rule file; any problem raises RuleError naming file and line."""
    path = Path(path)
    data = _read_regular(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return parse_rule_text(text, str(path))


def _read_regular(path: Path) -> bytes:
    """A rule file's bytes; a FIFO, device or folder is refused without blocking on it."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; a regular file ignores it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RuleError(path, f"cannot read: {exc.strerror}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise RuleError(path, "not a regular file (a FIFO, device or folder named like a rule file)")
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > RULE_FILE_MAX_BYTES:
            raise RuleError(path, f"too big: {info.st_size} bytes, over {RULE_FILE_MAX_BYTES}")
        try:
            return handle.read(RULE_FILE_MAX_BYTES + 1)
        except OSError as exc:
            raise RuleError(path, f"cannot read: {exc.strerror}") from None


def parse_rule_text(text: str, path: str = "<rules>") -> RuleFile:
    """Validate rule-file text (used for files and for tests of single rules)."""
    return _Checker(path, parse_yaml(text, path)).check_file()


# ---------------------------------------------------------------------------------------------
# Finding rule folders


def bundled_rules_dir() -> Path:
    """The rules shipped with cleaner: cleaner/_rules in a wheel, ../rules in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(here / "_rules", "bundled rules folder not found; reinstall cleaner")


RulePaths = Path | str | Sequence[Path | str]


def _as_paths(extra: RulePaths | None) -> list[Path]:
    """One path (str or Path) or a list of them: a lone ``str`` is a path, never its characters."""
    if extra is None:
        return []
    if isinstance(extra, str | os.PathLike):
        return [Path(extra)]
    return [Path(p) for p in extra]


def rule_dirs(extra: RulePaths = (), *, env: dict[str, str] | None = None) -> list[Path]:
    """Rule files and folders in order of precedence, lowest first: bundled, $CLEANER_RULES, then extra."""
    return [folder for folder, _ in _rule_sources(extra, env)]


def _rule_sources(extra: RulePaths, env: dict[str, str] | None) -> list[tuple[Path, str]]:
    """Rule files and folders with where each came from, for messages: bundled, $CLEANER_RULES, then extra."""
    env = os.environ if env is None else env
    dirs = [(bundled_rules_dir(), "bundled rules folder")]
    dirs += [(Path(p), f"rules path from ${RULES_ENV}") for p in env.get(RULES_ENV, "").split(os.pathsep) if p]
    dirs += [(p, "rules path") for p in _as_paths(extra)]
    return dirs


def load_rules(extra: RulePaths = (), *, env: dict[str, str] | None = None, bundled: bool = True) -> RuleSet:
    """Load every rule file from the bundled folder, $CLEANER_RULES and ``extra`` (files or folders).

    ``extra`` is one path or a list of paths; each is a rule file (``*.yaml``/``*.yml``) or a
    folder of them. A later path's file with the same id replaces an earlier one (user rules win
    over bundled ones, a later ``--rules`` over an earlier); two files with the same id in one
    folder are an error that names both files. A path that is missing or cannot be read is an
    error wherever it was named (``--rules`` or ``$CLEANER_RULES``).
    """
    sources = _rule_sources(extra, env)
    if not bundled:
        sources = sources[1:]
    return build_ruleset(_files_in(sources))


def _files_in(sources: Iterable[tuple[Path, str]]) -> list[list[RuleFile]]:
    """Load each path: one rule file, or a folder's *.yaml/*.yml files sorted by name, ids unique per folder."""
    out = []
    for folder, origin in sources:
        if folder.is_file():
            out.append([load_rule_file(folder)])
            continue
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except FileNotFoundError:
            raise RuleError(folder, f"{origin} does not exist") from None
        except NotADirectoryError:
            raise RuleError(folder, f"{origin} is neither a rule file nor a folder") from None
        except OSError as exc:
            raise RuleError(folder, f"{origin} cannot be read: {exc.strerror}") from None
        loaded: dict[str, RuleFile] = {}
        for name in names:
            if not name.endswith((".yaml", ".yml")):
                continue
            path = folder / name
            rf = load_rule_file(path)
            if rf.id in loaded:
                raise RuleError(path, duplicate_id_message(rf.id, loaded[rf.id].path))
            loaded[rf.id] = rf
        out.append(list(loaded.values()))
    return out


def duplicate_id_message(site_id: str, other: str) -> str:
    """Why two files of one folder clash, and the two ways out."""
    return (
        f"site id {site_id!r} is already defined in {other}; one folder holds one file per site id: "
        "merge the two files, give one another id, or move one (say a learned file) to its own "
        "folder or file and pass it with --rules (a later --rules path wins over an earlier one)"
    )


def build_ruleset(folders: Sequence[Sequence[RuleFile]]) -> RuleSet:
    """Merge folders of rule files, later folders overriding earlier ones by id."""
    by_id: dict[str, RuleFile] = {}
    for files in folders:
        for rf in files:
            by_id[rf.id] = rf
    sites = {k: v for k, v in by_id.items() if not v.common}
    common = tuple(v for k, v in sorted(by_id.items()) if v.common)
    return RuleSet(sites=sites, common=common)


def same_id_files(target: Path, site_id: str) -> list[str]:
    """Rule files beside ``target`` (in its folder, itself excepted) that define ``site_id``.

    ``cleaner learn -o`` asks before writing: a second file with the same id in one folder would
    make that folder fail to load for every later command.
    """
    folder = target.parent
    if not folder.is_dir():
        return []
    out = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        if path.resolve() == target.resolve():
            continue
        try:
            if load_rule_file(path).id == site_id:
                out.append(str(path))
        except RuleError:
            continue
    return out
