"""Rule coverage over a corpus: what each rule hits, which never fire, which lack examples, which cut core text.

A rule is *over-broad* on a corpus when some line it removes is one that generic detection,
run alone on the page, keeps as article prose of at least :data:`CORE_MIN_WORDS` words: a
sentence generic detection counts as the article's core. Library code: no printing, no exits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .core import clean
from .errors import CleanerError
from .learn import CORE_MIN_WORDS
from .result import CleanResult
from .review import file_kinds
from .rules import RuleSet
from .textio import decode

_NO_RULES = RuleSet()


@dataclass
class RuleCoverage:
    """One rule's figures on the corpus."""

    rule: str  # <file id>/<rule id>
    file_kind: str  # site, common or learned
    kind: str  # line, pattern, block or keep
    site: str | None  # the site of a site file, None for a common one
    drop_examples: int
    keep_examples: int
    hits: int = 0  # lines removed (or, for a keep rule, protected)
    pages: int = 0
    core: int = 0  # removed lines that generic detection alone keeps as core prose
    core_example: str = ""

    def notes(self, site_pages: dict[str, int]) -> list[str]:
        """What needs a rule author's look."""
        out = []
        if not self.hits:
            absent = self.site is not None and not site_pages.get(self.site)
            out.append("never fires" + (" (no page of its site)" if absent else ""))
        if not self.drop_examples and self.kind != "keep":
            out.append("no drop examples")
        if not self.keep_examples:
            out.append("no keep examples")
        if self.core:
            out.append(f"over-broad: removes {self.core} core lines, e.g. {self.core_example!r}")
        return out


@dataclass
class CoverageReport:
    """Coverage of every rule in force over the pages seen."""

    rules: dict[str, RuleCoverage]
    pages: int = 0
    site_pages: dict[str, int] = field(default_factory=dict)

    def add(self, text: str, result: CleanResult) -> None:
        """Count one page's result; ``text`` is the page as cleaned, for the generic-only run."""
        self.pages += 1
        if result.site:
            self.site_pages[result.site] = self.site_pages.get(result.site, 0) + 1
        seen: set[str] = set()
        core: list[bool] | None = None
        for number, (line, reason, guard) in enumerate(
            zip(result.texts, result.reasons, result.protected, strict=True)
        ):
            rule = guard if reason is None else reason.rule
            entry = self.rules.get(rule) if rule else None
            if entry is None:  # kept, generic, layout, or a cap marker
                continue
            entry.hits += 1
            if rule not in seen:
                seen.add(rule)
                entry.pages += 1
            if reason is not None and len(line.split()) >= CORE_MIN_WORDS:
                if core is None:
                    core = _core_lines(text)
                if core[number]:
                    entry.core += 1
                    entry.core_example = entry.core_example or (line if len(line) <= 80 else line[:79] + "…")

    def flagged(self) -> dict[str, int]:
        """How many rules need a look, by problem."""
        notes = [n for entry in self.rules.values() for n in entry.notes(self.site_pages)]
        return {
            "never fire": sum(1 for n in notes if n.startswith("never fires")),
            "without drop examples": notes.count("no drop examples"),
            "without keep examples": notes.count("no keep examples"),
            "over-broad": sum(1 for n in notes if n.startswith("over-broad")),
        }


def _core_lines(text: str) -> list[bool]:
    """Lines that generic detection alone keeps and that are long enough to be prose."""
    alone = clean(text, _NO_RULES)
    return [r is None and len(t.split()) >= CORE_MIN_WORDS for t, r in zip(alone.texts, alone.reasons, strict=True)]


def new_report(rules: RuleSet) -> CoverageReport:
    """An empty report listing every rule in force."""
    kinds = file_kinds(rules)
    entries = {}
    for rf in [*rules.common, *(rules.sites[s] for s in rules.site_ids())]:
        for rule in rf.rules:
            qualified = f"{rf.id}/{rule.id}"
            entries[qualified] = RuleCoverage(
                qualified,
                kinds[rf.id],
                rule.kind,
                None if rf.common else rf.id,
                len(rule.examples.drop),
                len(rule.examples.keep),
            )
    return CoverageReport(entries)


def coverage(pages: Iterable[tuple[str, CleanResult]], rules: RuleSet) -> CoverageReport:
    """Coverage of the rules over (page text, result) pairs."""
    report = new_report(rules)
    for text, result in pages:
        report.add(text, result)
    return report


def format_report(report: CoverageReport) -> str:
    """The coverage table (one rule a line, tab-separated) and a closing summary."""
    out = ["rule\tfile\tkind\thits\tpages\tdrop-examples\tkeep-examples\tcore-removed\tnotes"]
    for entry in report.rules.values():
        notes = "; ".join(entry.notes(report.site_pages))
        out.append(
            f"{entry.rule}\t{entry.file_kind}\t{entry.kind}\t{entry.hits}\t{entry.pages}\t{entry.drop_examples}\t"
            f"{entry.keep_examples}\t{entry.core}\t{notes}"
        )
    flagged = ", ".join(f"{n} {what}" for what, n in report.flagged().items())
    out.append(f"# coverage: {report.pages} pages, {len(report.rules)} rules: {flagged}")
    return "\n".join(out) + "\n"


def golden_coverage(golden_dir: Path, rules: RuleSet) -> CoverageReport:
    """Coverage of the rules over the golden cases' inputs, each cleaned as `cleaner check` does."""
    from .golden import discover

    report = new_report(rules)
    cases, _ = discover(golden_dir)
    for case in cases:
        try:
            text = decode(case.input_path.read_bytes(), str(case.input_path))
            report.add(text, clean(text, rules, site=case.site))
        except (CleanerError, OSError):
            continue  # `check` itself reports the case as an error
    return report
