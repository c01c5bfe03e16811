"""Rule diffs: clean a corpus with two rule sets and say which lines each change removes or keeps.

A side of a diff is a *rules spec*: a folder or a rule file laid over the bundled rules (as
``--rules`` is for ``clean``), or ``git:REF`` for the repository's ``rules/`` folder as it was at
a git revision (``git:REF:PATH`` for another folder), which stands in for the bundled folder.
Library code: no printing, no exits.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import CleanerError
from .pages import Page, PageOptions, PageProblem, clean_page
from .result import CleanResult, Reason
from .rules import RULES_ENV, RuleFile, RuleSet, build_ruleset, load_rule_file, load_rules

GIT_PREFIX = "git:"
GIT_RULES_PATH = "rules"
NEWLY_REMOVED, NEWLY_KEPT = "removed", "kept"


class RulesSpecError(CleanerError):
    """A rules spec names no folder, file or git revision that can be loaded."""


def load_spec(spec: str, *, cwd: Path | None = None, env: dict[str, str] | None = None) -> RuleSet:
    """The rule set a spec stands for; broken rules raise RuleError, a bad spec RulesSpecError."""
    env = dict(os.environ) if env is None else env
    if spec.startswith(GIT_PREFIX):
        return _load_git(spec, cwd or Path.cwd(), env)
    path = Path(spec)
    if path.is_dir():
        return load_rules([path], env=env)
    if path.is_file():
        base = load_rules(env=env)
        return build_ruleset([[*base.common, *base.sites.values()], [load_rule_file(path)]])
    raise RulesSpecError(f"{spec}: no such rules folder or file (or git:REF for the rules at a git revision)")


def _git(args: Sequence[str], cwd: Path) -> bytes:
    """Run git, turning a failure into a RulesSpecError with git's own message."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise RulesSpecError(f"cannot run git: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RulesSpecError(f"git {' '.join(args)}: {message[0] if message else 'failed'}")
    return proc.stdout


def _load_git(spec: str, cwd: Path, env: dict[str, str]) -> RuleSet:
    """The rules folder at a git revision, exported with `git archive`, over nothing but $CLEANER_RULES."""
    ref, _, inner = spec[len(GIT_PREFIX) :].partition(":")
    if not ref:
        raise RulesSpecError(f"{spec}: give a revision, as in git:HEAD or git:main~1")
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    inner = (inner or GIT_RULES_PATH).strip("/")
    archive = _git(["archive", "--format=tar", ref, "--", inner], top)
    with tempfile.TemporaryDirectory(prefix="cleaner-rules-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        folder = Path(tmp) / inner
        if not folder.is_dir():
            raise RulesSpecError(f"{spec}: {inner} is not a folder at {ref}")
        extra = [Path(p) for p in env.get(RULES_ENV, "").split(os.pathsep) if p]
        loaded = load_rules([folder, *extra], env={}, bundled=False)
        prefix = f"{tmp}{os.sep}"
        return build_ruleset([[_renamed(rf, prefix, ref) for rf in [*loaded.common, *loaded.sites.values()]]])


def _renamed(rule_file: RuleFile, prefix: str, ref: str) -> RuleFile:
    """A file exported from git, named in messages as ``REF:path`` rather than by its temporary copy."""
    if not rule_file.path.startswith(prefix):
        return rule_file
    return replace(rule_file, path=f"{ref}:{rule_file.path.removeprefix(prefix)}")


@dataclass(frozen=True, slots=True)
class LineChange:
    """A line whose verdict differs: newly removed (with the new rule) or newly kept (with the old one)."""

    number: int
    text: str
    change: str  # NEWLY_REMOVED or NEWLY_KEPT
    reason: Reason  # the rule that removes it now, or that removed it before


@dataclass
class PageDiff:
    """One page cleaned both ways."""

    name: str
    before: CleanResult
    after: CleanResult
    changes: list[LineChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the cleaned text differs."""
        return self.before.text != self.after.text


def diff_results(name: str, before: CleanResult, after: CleanResult) -> PageDiff:
    """Compare two results of the same page line by line."""
    out = PageDiff(name, before, after)
    for number, (text, old, new) in enumerate(zip(after.texts, before.reasons, after.reasons, strict=True), 1):
        if old is None and new is not None:
            out.changes.append(LineChange(number, text, NEWLY_REMOVED, new))
        elif old is not None and new is None:
            out.changes.append(LineChange(number, text, NEWLY_KEPT, old))
    return out


def diff_pages(
    pages: Iterable[Page | PageProblem], baseline: RuleSet, new: RuleSet, options: PageOptions
) -> Iterator[PageDiff | PageProblem]:
    """Each page cleaned with both rule sets; a page that fails either way becomes a problem."""
    for page in pages:
        if isinstance(page, PageProblem):
            yield page
            continue
        try:
            before = clean_page(page, baseline, options)
            after = clean_page(page, new, options)
        except CleanerError as exc:
            yield PageProblem(page.name, str(exc))
            continue
        yield diff_results(page.name, before, after)


@dataclass
class DiffSummary:
    """Totals of a diff run: pages compared and changed, and line changes per rule."""

    pages: int = 0
    changed: list[PageDiff] = field(default_factory=list)
    problems: list[PageProblem] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)  # newly removed lines, by the new rule
    kept: Counter[str] = field(default_factory=Counter)  # newly kept lines, by the rule that removed them

    def add(self, item: PageDiff | PageProblem) -> None:
        """Count one page; only changed pages are kept."""
        if isinstance(item, PageProblem):
            self.problems.append(item)
            return
        self.pages += 1
        if not item.changed:
            return
        self.changed.append(item)
        for change in item.changes:
            target = self.removed if change.change == NEWLY_REMOVED else self.kept
            target[change.reason.rule] += 1


def format_page(diff: PageDiff, width: int = 100) -> str:
    """The text shown for one changed page: a heading, then '-' newly removed and '+' newly kept lines."""
    shown = [c for c in diff.changes if c.reason.kind != "layout"]
    removed = sum(1 for c in diff.changes if c.change == NEWLY_REMOVED)
    kept = len(diff.changes) - removed
    site = ""
    if diff.before.site != diff.after.site:
        site = f" (site {diff.before.site or 'none'} -> {diff.after.site or 'none'})"
    out = [f"=== {diff.name}{site}: {removed} lines newly removed, {kept} newly kept"]
    for c in shown:
        text = c.text if len(c.text) <= width else c.text[: width - 1] + "…"
        if c.change == NEWLY_REMOVED:
            out.append(f"- {c.number:5d}  by {c.reason.rule} ({c.reason.kind} {c.reason.score:g})  {text}")
        else:
            out.append(f"+ {c.number:5d}  was {c.reason.rule} ({c.reason.kind} {c.reason.score:g})  {text}")
    if not shown:
        out.append("  (blank lines only)")
    return "\n".join(out) + "\n"


def format_counts(summary: DiffSummary) -> str:
    """The closing counts: pages changed, then line changes per rule."""
    removed, kept = sum(summary.removed.values()), sum(summary.kept.values())
    failed = f"; {len(summary.problems)} could not be read" if summary.problems else ""
    out = [
        f"# {len(summary.changed)} of {summary.pages} pages changed{failed}; "
        f"{removed} lines newly removed, {kept} newly kept"
    ]
    if summary.removed:
        out.append("# newly removed, by the rule that removes them now:")
        out += [f"#   {n:6d}  {rule}" for rule, n in sorted(summary.removed.items(), key=lambda kv: (-kv[1], kv[0]))]
    if summary.kept:
        out.append("# newly kept, by the rule that removed them before:")
        out += [f"#   {n:6d}  {rule}" for rule, n in sorted(summary.kept.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(out) + "\n"
