"""The one result type of cleaning: every input line with its verdict and, if removed, why."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a line was removed: which rule or signal, of which kind, with what score.

    ``rule`` is ``<rule file id>/<rule id>`` for rule files (``ostro.org/donate-banner``,
    ``common/ad-label``), ``generic/<signal>`` for generic detection and ``layout/blank`` for
    blank lines dropped at the edges of removed text. ``score`` is the fuzzy score (0-100) for
    line and anchor matches, 100 for regex matches, and the detector's confidence for generic.
    """

    rule: str
    kind: str
    score: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One input line, unchanged, with its verdict."""

    number: int  # 1-based line number in the input
    text: str
    reason: Reason | None = None  # None: kept
    protected_by: str | None = None  # keep-rule id that vetoed a removal, if any

    @property
    def kept(self) -> bool:
        """True when the line is in the output."""
        return self.reason is None


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What :func:`cleaner.clean` returns: all lines with verdicts, and the cleaned text."""

    lines: tuple[Line, ...]
    newline: str = "\n"
    site: str | None = None  # rule file id applied, if any
    site_source: str | None = None  # "option", "url" or "fingerprint"
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def kept_lines(self) -> list[str]:
        """The output lines, each an input line unchanged, in input order."""
        return [line.text for line in self.lines if line.kept]

    @property
    def removed(self) -> list[Line]:
        """The removed lines with their reasons."""
        return [line for line in self.lines if not line.kept]

    @property
    def text(self) -> str:
        """The cleaned text, in the input's newline style, ending with a newline unless empty."""
        kept = self.kept_lines
        return self.newline.join(kept) + self.newline if kept else ""
