"""Golden regression cases and rule examples: the checks behind ``cleaner check``.

Layout: ``golden/<site id>/<name>.input.txt`` with ``<name>.expected.txt`` beside it. The folder
name is the site the case is cleaned as; a folder named ``_auto`` lets the cleaner recognise the
site from fingerprints (or use none), the way a user without ``--site`` runs it.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .core import clean
from .errors import CleanerError
from .result import CleanResult
from .rules import Rule, RuleFile, RuleSet, build_ruleset
from .textio import TMP_SUFFIX, decode, write_atomic

AUTO = "_auto"
INPUT_SUFFIX = ".input.txt"
EXPECTED_SUFFIX = ".expected.txt"
IO_STATUSES = ("unreadable", "unwritable")


@dataclass(frozen=True)
class GoldenCase:
    """One input page and the output it must clean to."""

    name: str  # "<folder>/<stem>", the test id
    site: str | None
    input_path: Path
    expected_path: Path


@dataclass
class CaseOutcome:
    """What checking one case found."""

    case: GoldenCase
    # "ok", "mismatch", "missing", "not-idempotent", "error", "updated", "created", and for a
    # file that cannot be read or written (which `cleaner check` exits 2 on): "unreadable", "unwritable"
    status: str
    diff: str = ""
    message: str = ""


@dataclass
class CheckReport:
    """All outcomes of a golden run, plus expected files that have no input."""

    outcomes: list[CaseOutcome] = field(default_factory=list)
    orphans: list[Path] = field(default_factory=list)
    example_failures: list[str] = field(default_factory=list)
    unreadable_folders: list[str] = field(default_factory=list)  # "path: reason"; their cases were not run

    @property
    def ok(self) -> bool:
        """True when nothing needs a person's attention."""
        bad = {"mismatch", "missing", "not-idempotent", "error", *IO_STATUSES}
        return (
            not self.orphans
            and not self.example_failures
            and not self.unreadable_folders
            and not any(o.status in bad for o in self.outcomes)
        )

    @property
    def io_failed(self) -> bool:
        """True when a case file could not be read or written: the folder, not the rules, is at fault."""
        return bool(self.unreadable_folders) or any(o.status in IO_STATUSES for o in self.outcomes)


def discover(golden_dir: Path) -> tuple[list[GoldenCase], list[Path]]:
    """Find cases (sorted) and expected files whose input is gone."""
    cases = []
    for input_path in sorted(golden_dir.rglob(f"*{INPUT_SUFFIX}")):
        rel = input_path.relative_to(golden_dir)
        folder = rel.parts[0] if len(rel.parts) > 1 else AUTO
        stem = input_path.name[: -len(INPUT_SUFFIX)]
        expected = input_path.with_name(stem + EXPECTED_SUFFIX)
        name = str(rel)[: -len(INPUT_SUFFIX)]
        cases.append(GoldenCase(name, None if folder == AUTO else folder, input_path, expected))
    orphans = [
        p
        for p in sorted(golden_dir.rglob(f"*{EXPECTED_SUFFIX}"))
        if not p.with_name(p.name[: -len(EXPECTED_SUFFIX)] + INPUT_SUFFIX).exists()
    ]
    return cases, orphans


def clean_case(case: GoldenCase, rules: RuleSet) -> CleanResult:
    """Clean a case's input the way the CLI would."""
    text = decode(case.input_path.read_bytes(), str(case.input_path))
    return clean(text, rules, site=case.site)


def _read_expected(path: Path) -> str:
    """Expected output as stored, newlines untouched."""
    return decode(path.read_bytes(), str(path))


def _regular(path: Path) -> str | None:
    """Why a case file cannot be read as one (None when it can, or does not exist).

    Checked before opening: opening a FIFO named like a case would wait for a writer forever.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror}"
    return None if stat.S_ISREG(mode) else f"{path} is not a regular file"


def check_case(case: GoldenCase, rules: RuleSet, update: bool = False) -> CaseOutcome:
    """Clean one case and compare with its expected file (or rewrite it with ``update``).

    A case file that cannot be read or written is an "unreadable" or "unwritable" outcome,
    never an exception, so one bad file does not hide the other cases.
    """
    for path in (case.input_path, case.expected_path):
        problem = _regular(path)
        if problem:
            return CaseOutcome(case, "unreadable", message=problem)
    try:
        result = clean_case(case, rules)
        expected = _read_expected(case.expected_path) if case.expected_path.exists() else None
    except CleanerError as exc:
        return CaseOutcome(case, "error", message=str(exc))
    except OSError as exc:
        return CaseOutcome(case, "unreadable", message=f"cannot read {exc.filename}: {exc.strerror}")
    actual = result.text
    if expected is None or actual != expected:
        if update:
            try:
                write_atomic(case.expected_path, actual)
            except OSError as exc:
                where = case.expected_path
                return CaseOutcome(case, "unwritable", message=f"cannot write {where}: {exc.strerror}")
            return CaseOutcome(case, "created" if expected is None else "updated")
        if expected is None:
            return CaseOutcome(case, "missing", message=f"no {case.expected_path.name}; run with --update to create it")
        return CaseOutcome(case, "mismatch", diff=_diff(case, expected, result))
    again = clean(actual, rules, site=case.site or result.site).text
    if again != actual:
        return CaseOutcome(case, "not-idempotent", diff=_plain_diff(actual, again, "cleaned once", "cleaned twice"))
    return CaseOutcome(case, "ok")


def _plain_diff(a: str, b: str, name_a: str, name_b: str) -> str:
    """A unified diff of two texts."""
    return "".join(difflib.unified_diff(a.splitlines(keepends=True), b.splitlines(keepends=True), name_a, name_b))


def _diff(case: GoldenCase, expected: str, result: CleanResult) -> str:
    """Unified diff, then the reason each expected-but-removed line was removed."""
    text = _plain_diff(expected, result.text, str(case.expected_path), "cleaned")
    wanted = {line.rstrip("\r\n") for line in expected.splitlines()}
    notes = [
        f"  line {line.number} removed by {line.reason.rule} ({line.reason.kind}, score {line.reason.score:g}): "
        f"{line.text[:60]}\n"
        for line in result.removed
        if line.text in wanted and line.reason is not None and line.reason.kind != "layout"
    ]
    if notes:
        text += "expected lines that were removed:\n" + "".join(notes)
    return text


def sweep_temporaries(folder: Path) -> int:
    """Delete the temporary files write_atomic leaves when killed (``.<name>.<random>.cleaner.tmp``)."""
    removed = 0
    for path in folder.rglob(f".*{TMP_SUFFIX}"):
        try:
            if path.is_file():
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def unreadable_folders(golden_dir: Path) -> list[str]:
    """Folders under the golden folder that cannot be listed (discovery would skip their cases silently)."""
    problems: list[str] = []

    def note(exc: OSError) -> None:
        problems.append(f"{exc.filename}: folder cannot be listed ({exc.strerror})")

    for _ in os.walk(golden_dir, onerror=note):
        pass
    return problems


def check(golden_dir: Path, rules: RuleSet, update: bool = False) -> CheckReport:
    """Run every golden case and every rule example."""
    if update:  # a killed earlier --update left its temporary files; nothing else writes them here
        sweep_temporaries(golden_dir)
    cases, orphans = discover(golden_dir)
    report = CheckReport(orphans=orphans, unreadable_folders=unreadable_folders(golden_dir))
    report.outcomes = [check_case(case, rules, update) for case in cases]
    report.example_failures = [msg for rf in [*rules.common, *rules.sites.values()] for msg in example_failures(rf)]
    return report


# ---------------------------------------------------------------------------------------------
# Rule examples


def _only(rule_file: RuleFile, rule: Rule) -> RuleSet:
    """A rule set holding just one rule, so its examples test it alone."""
    # No removal cap: a drop example is a snippet the rule must remove whole.
    single = RuleFile(id=rule_file.id, path=rule_file.path, rules=(rule,), common=True, max_removed_share=1.0)
    return build_ruleset([[single]])


def iter_examples(rule_file: RuleFile) -> Iterator[tuple[str, Rule, str, str]]:
    """(test id, rule, 'drop' or 'keep', snippet) for every example of every rule."""
    for rule in rule_file.rules:
        for direction, snippets in (("drop", rule.examples.drop), ("keep", rule.examples.keep)):
            for n, snippet in enumerate(snippets, 1):
                yield f"{rule_file.id}/{rule.id}/{direction}{n}", rule, direction, snippet


def example_failure(rule_file: RuleFile, rule: Rule, direction: str, snippet: str) -> str | None:
    """Check one example: a drop snippet loses every line to this rule, a keep snippet none.

    A keep rule's keep examples must be protected by it, and its drop examples must not be.
    """
    qualified = f"{rule_file.id}/{rule.id}"
    result = clean(snippet, _only(rule_file, rule), generic=False)
    lines = [line for line in result.lines if line.text.strip()]
    where = f"{rule_file.path}:{rule.line}: rule {rule.id!r} {direction} example {snippet!r}"
    if rule.kind == "keep":
        protected = [line.protected_by == qualified for line in lines]
        if direction == "keep" and not all(protected):
            return f"{where}: not protected by the keep rule"
        if direction == "drop" and any(protected):
            return f"{where}: protected by the keep rule, but should not be"
        return None
    removed_by_rule = [line.reason is not None and line.reason.rule == qualified for line in lines]
    if direction == "drop" and not all(removed_by_rule):
        missed = [line.text for line, hit in zip(lines, removed_by_rule, strict=True) if not hit]
        return f"{where}: kept {missed!r}"
    if direction == "keep" and any(removed_by_rule):
        return f"{where}: removed it"
    return None


def example_failures(rule_file: RuleFile) -> list[str]:
    """Messages for every example of the file's rules that does not hold."""
    out = []
    for _, rule, direction, snippet in iter_examples(rule_file):
        msg = example_failure(rule_file, rule, direction, snippet)
        if msg:
            out.append(msg)
    return out


def keep_example_failures(rules: RuleSet) -> list[str]:
    """Messages for keep examples that their own (removing) rule removes: such a rule is refused.

    Keep rules are left out: their keep examples say what they protect, not what survives.
    """
    out = []
    for rf in [*rules.common, *rules.sites.values()]:
        for _, rule, direction, snippet in iter_examples(rf):
            if direction == "keep" and rule.kind != "keep":
                msg = example_failure(rf, rule, direction, snippet)
                if msg:
                    out.append(msg)
    return out
