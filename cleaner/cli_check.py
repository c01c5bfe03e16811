"""The ``check`` command: regression-test the rules on golden cases and rule examples.

Kept out of cli.py so that file stays small; cli.py imports this module, which registers the
command on its app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli import EXIT_ERROR, EXIT_FAIL, EXIT_OK, RulesOption, _load, app, fail
from .clihelp import examples
from .display import shown
from .golden import check as run_check


@app.command(
    "check",
    short_help="Regression-test the rules on golden cases and rule examples.",
    epilog=examples(
        "cleaner check", "cleaner check golden/ --rules my-rules/", "cleaner check --coverage --report check.html"
    ),
)
def check_command(
    golden_dir: Annotated[Path, typer.Argument(help="Folder of golden cases.")] = Path("golden"),
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite expected files that differ or are missing.")
    ] = False,
    rules: RulesOption = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Then print each rule's hits on the cases, and rules to look at.")
    ] = False,
    html_report: Annotated[
        Path | None, typer.Option("--report", help="Write the failing cases side by side as an HTML page here.")
    ] = None,
) -> None:
    """Regression-test the rules: every golden case and every rule's own examples."""
    ruleset = _load(rules)
    if not golden_dir.is_dir():
        fail(f"{golden_dir}: golden folder not found")
    report = run_check(golden_dir, ruleset, update=update)
    counts: dict[str, int] = {}
    for outcome in report.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if outcome.status in ("ok",):
            continue
        label = outcome.status.upper()
        typer.echo(f"{label} {shown(outcome.case.name)}" + (f": {shown(outcome.message)}" if outcome.message else ""))
        if outcome.diff:
            typer.echo(outcome.diff.rstrip("\n"))
    for orphan in report.orphans:
        typer.echo(f"ORPHAN {orphan}: expected file without an input")
    for folder in report.unreadable_folders:
        typer.echo(f"UNREADABLE {shown(folder)}; its cases were not run")
    for failure in report.example_failures:
        typer.echo(f"EXAMPLE {failure}")
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no cases"
    extra = f"; {len(report.orphans)} orphaned" if report.orphans else ""
    extra += f"; {len(report.example_failures)} rule examples failed" if report.example_failures else ""
    extra += f"; {len(report.unreadable_folders)} folders unreadable" if report.unreadable_folders else ""
    typer.echo(f"{len(report.outcomes)} golden cases: {summary}{extra}")
    if update:
        typer.echo("review the rewritten files with `git diff`", err=True)
    if html_report is not None:
        from .cli_review import write_check_report

        write_check_report(html_report, report, ruleset)
    if coverage:
        from .coverage import format_report, golden_coverage

        typer.echo(format_report(golden_coverage(golden_dir, ruleset)), nl=False)
    # A case file that cannot be read or written is the folder's fault, not the rules': exit 2.
    raise typer.Exit(EXIT_OK if report.ok else EXIT_ERROR if report.io_failed else EXIT_FAIL)
