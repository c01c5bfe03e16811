"""The removal cap: a rule file may not remove more than its ``max_removed_share`` of a page's words.

Policy: when one rule file's removals on a page would take more than its share of the page's
words, none of that file's removals are applied to the page. The lines it would have removed
are kept and guarded, as a keep rule guards a line (``protected_by`` is
``<file id>/max_removed_share``), so generic detection leaves them too and cleaning the output
again gives the same output; the result names the file in ``capped``. A file over its cap is
more likely misfiring (a redesign, a pattern like ``info`` matching prose) than right, and
applying part of it by some order would hide that. A file whose removals on a page come to fewer
than :data:`CAP_MIN_WORDS` words is never capped there.
"""

from __future__ import annotations

from collections.abc import Sequence

from .result import Reason
from .rules import RuleSet

CAP_SUFFIX = "/max_removed_share"
# Removals shorter than this are never capped: on a snippet or a page that is only an ad label, a
# rule removing nearly everything is right, and the cap is there for real pages. Counted on the
# file's own removals, not the page: those lines are kept (guarded) in a capped page's output, so
# cleaning the output again caps the file again, whereas the page's total shrinks by what generic
# detection removed and could fall below the bar (clean(clean(x)) would then differ).
CAP_MIN_WORDS = 50


class RemovalCap:
    """The caps in force for one page, and which files have hit theirs (they stay capped)."""

    __slots__ = ("_total", "capped", "caps", "lines", "removed", "tripped")

    def __init__(self, caps: dict[str, float], lines: Sequence[str]) -> None:
        self.caps = caps
        self.lines = lines
        self.capped: set[str] = set()
        self.removed: dict[str, int] = {}  # words each file removed in the passes so far
        self.tripped = False  # a file hit its cap after its removals of an earlier pass were applied
        self._total: int | None = None

    @classmethod
    def for_site(cls, rules: RuleSet, site_id: str | None, lines: Sequence[str]) -> RemovalCap | None:
        """The cap of the page's site file and of every common file; None when all are 1 (no cap)."""
        files = [*rules.common, *([rules.sites[site_id]] if site_id else [])]
        caps = {rf.id: rf.max_removed_share for rf in files if rf.max_removed_share < 1}
        return cls(caps, lines) if caps else None

    def total(self) -> int:
        """The page's words, counted once and only when some rule removed something."""
        if self._total is None:
            self._total = sum(len(line.split()) for line in self.lines)
        return self._total

    def restart(self) -> None:
        """Forget the passes' counts before cleaning again with the capped files known from the start."""
        self.removed.clear()
        self.tripped = False

    def apply(
        self, lines: Sequence[str], reasons: list[Reason | None], protected: list[str | None], first: bool
    ) -> None:
        """Undo, in place, the removals of every file that is over its cap (rules' verdicts only)."""
        words: dict[str, int] = {}
        for line, reason in zip(lines, reasons, strict=True):
            if reason is not None:
                file_id = reason.rule.partition("/")[0]
                if file_id in self.caps:
                    words[file_id] = words.get(file_id, 0) + len(line.split())
        if not words:
            return
        over = set()
        for file_id, count in words.items():
            done = self.removed.get(file_id, 0)
            big = done + count >= CAP_MIN_WORDS and done + count > self.caps[file_id] * self.total()
            if file_id in self.capped or big:
                over.add(file_id)
                if file_id not in self.capped and not first and done:
                    self.tripped = True
                self.capped.add(file_id)
            else:
                self.removed[file_id] = done + count
        if not over:
            return
        for i, reason in enumerate(reasons):
            if reason is not None and reason.rule.partition("/")[0] in over:
                reasons[i] = None
                protected[i] = protected[i] or reason.rule.partition("/")[0] + CAP_SUFFIX
