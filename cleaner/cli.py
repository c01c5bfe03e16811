"""The command line: parse options, call the library, print, map typed errors to exit codes.

Only data goes to stdout (cleaned text, diffs, listings); explanations, progress and errors go
to stderr, each error as one line ``cleaner: error: ...``.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .core import clean as clean_text
from .errors import CleanerError
from .golden import check as run_check
from .result import CleanResult
from .rules import RuleSet, load_rules, rule_dirs
from .textio import ENCODING_DEFAULT, read_page, write_atomic

EXIT_OK = 0  # success; `check`: every case matched
EXIT_FAIL = 1  # `check`: a golden case or rule example failed
EXIT_ERROR = 2  # usage error, broken rule file, unknown site, unreadable or undecodable input

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a golden case or rule example failed (check); "
    "2 usage error, broken rule file, unknown site or undecodable input."
)

app = typer.Typer(
    name="cleaner",
    help=f"Strip boilerplate from scraped web text, keeping the article.\n\n{EXIT_CODES_HELP}",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

RulesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        "-r",
        help="Extra rules folder (repeatable); wins over bundled rules and $CLEANER_RULES.",
        show_default=False,
    ),
]


class ExplainFormat(StrEnum):
    """How --explain prints verdicts."""

    text = "text"
    jsonl = "jsonl"


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print one error line to stderr and exit."""
    typer.echo(f"cleaner: error: {message}", err=True)
    raise typer.Exit(code)


def _load(rules: list[Path] | None) -> RuleSet:
    """Load rules, turning a broken file into one error line and exit 2."""
    try:
        return load_rules(rules or [])
    except CleanerError as exc:
        fail(f"invalid rules: {exc}")


def explain_text(result: CleanResult, source: str) -> str:
    """Every line with its verdict, rule, kind and score, aligned for reading."""
    site = f"{result.site} (from {result.site_source})" if result.site else "none (common rules only)"
    out = [f"# {source}: site {site}; {result.stats['removed']} of {result.stats['lines']} lines removed"]
    width = max((len(line.reason.rule) for line in result.lines if line.reason), default=4)
    for line in result.lines:
        if line.reason is None:
            verdict, rule, kind, score = "keep", line.protected_by or "", "keep" if line.protected_by else "", ""
        else:
            r = line.reason
            verdict, rule, kind, score = "DROP", r.rule, r.kind, f"{r.score:5.1f}"
        text = line.text if len(line.text) <= 100 else line.text[:99] + "…"
        out.append(f"{line.number:5d} {verdict:4s} {rule:{width}s} {kind:7s} {score:>5s}  {text}")
    return "\n".join(out) + "\n"


def explain_jsonl(result: CleanResult) -> str:
    """One JSON object per line, for tools."""
    rows = []
    for line in result.lines:
        row: dict[str, object] = {"line": line.number, "verdict": "keep" if line.kept else "drop"}
        if line.reason is not None:
            row |= {
                "rule": line.reason.rule,
                "kind": line.reason.kind,
                "score": line.reason.score,
                "detail": line.reason.detail,
            }
        if line.protected_by:
            row["protected_by"] = line.protected_by
        row["site"] = result.site
        row["text"] = line.text
        rows.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(rows) + ("\n" if rows else "")


@app.command("clean")
def clean_command(
    file: Annotated[str | None, typer.Argument(help="Page text file; '-' or nothing reads stdin.")] = None,
    site: Annotated[str | None, typer.Option("--site", "-s", help="Clean as this site (rule file id).")] = None,
    url: Annotated[str | None, typer.Option("--url", "-u", help="Page URL; its host selects the site.")] = None,
    rules: RulesOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every line's verdict, rule and score on stderr.")
    ] = False,
    explain_format: Annotated[
        ExplainFormat, typer.Option("--explain-format", help="text or jsonl.")
    ] = ExplainFormat.text,
    encoding: Annotated[str, typer.Option("--encoding", "-e", help="Input encoding.")] = ENCODING_DEFAULT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")
    ] = None,
    no_generic: Annotated[bool, typer.Option("--no-generic", help="Apply rule files only.")] = False,
) -> None:
    """Clean one page: site rules (by --site, --url or fingerprint), common rules, generic detection."""
    ruleset = _load(rules)
    try:
        text, source = read_page(file, encoding)
        result = clean_text(text, ruleset, site=site, url=url, generic=not no_generic)
    except FileNotFoundError:
        fail(f"{file}: no such file")
    except IsADirectoryError:
        fail(f"{file}: is a directory (use `cleaner batch` for folders)")
    except PermissionError:
        fail(f"{file}: permission denied")
    except CleanerError as exc:
        fail(str(exc))
    if explain:
        report = explain_jsonl(result) if explain_format is ExplainFormat.jsonl else explain_text(result, source)
        sys.stderr.write(report)
        sys.stderr.flush()
    if output is not None:
        write_atomic(output, result.text)
    else:
        sys.stdout.buffer.write(result.text.encode("utf-8"))
        sys.stdout.flush()


@app.command("check")
def check_command(
    golden_dir: Annotated[Path, typer.Argument(help="Folder of golden cases.")] = Path("golden"),
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite expected files that differ or are missing.")
    ] = False,
    rules: RulesOption = None,
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
        typer.echo(f"{label} {outcome.case.name}" + (f": {outcome.message}" if outcome.message else ""))
        if outcome.diff:
            typer.echo(outcome.diff.rstrip("\n"))
    for orphan in report.orphans:
        typer.echo(f"ORPHAN {orphan}: expected file without an input")
    for failure in report.example_failures:
        typer.echo(f"EXAMPLE {failure}")
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no cases"
    extra = f"; {len(report.orphans)} orphaned" if report.orphans else ""
    extra += f"; {len(report.example_failures)} rule examples failed" if report.example_failures else ""
    typer.echo(f"{len(report.outcomes)} golden cases: {summary}{extra}")
    if update:
        typer.echo("review the rewritten files with `git diff`", err=True)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_FAIL)


@app.command("rules")
def rules_command(rules: RulesOption = None) -> None:
    """Validate all rule files and list the sites they define (exit 2 on a broken file)."""
    ruleset = _load(rules)
    typer.echo("folders: " + ", ".join(str(d) for d in rule_dirs(rules or [])), err=True)
    for rf in ruleset.common:
        typer.echo(f"{rf.id}\t(common)\t{len(rf.rules)} rules\t{rf.path}")
    for site_id in ruleset.site_ids():
        rf = ruleset.sites[site_id]
        typer.echo(f"{rf.id}\t{','.join(rf.hosts) or '-'}\t{len(rf.rules)} rules\t{rf.path}")


@app.command("learn")
def learn_command(
    docs_dir: Annotated[Path, typer.Argument(help="Folder of one site's pages, one text file per page.")],
    site: Annotated[str, typer.Option("--site", "-s", help="Site id: the rule file's id and host.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Rule file to write (atomically).")],
    min_support: Annotated[
        float | None,
        typer.Option("--min-support", help="Pages a rule needs: a fraction below 1 or a count. [default: 0.5, >= 3]"),
    ] = None,
    max_rules: Annotated[
        int, typer.Option("--max-rules", help="Most rules to keep (highest support).")
    ] = 300,  # learn.MAX_RULES_DEFAULT
    report: Annotated[bool, typer.Option("--report", help="Print what each rule removes on the pages.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")] = False,
    pattern: Annotated[str, typer.Option("--glob", help="Which files of the folder are pages.")] = "*.txt",
    encoding: Annotated[str, typer.Option("--encoding", "-e", help="Page encoding; 'auto' detects per page.")] = "auto",
    rules: RulesOption = None,
) -> None:
    """Draft a site's rule file from a folder of its pages: what recurs is template, what is unique is article."""
    # Imported here so that the command is one self-contained block of this file.
    from .folder import FolderPages
    from .learn import learn

    if output.exists() and not force:
        fail(f"{output}: exists; pass --force to overwrite it")
    if not docs_dir.is_dir():
        fail(f"{docs_dir}: not a folder")
    paths = sorted(p for p in docs_dir.glob(pattern) if p.is_file())
    pages = FolderPages(paths, encoding)
    try:
        result = learn(pages, site, min_support=min_support, max_rules=max_rules, known=_load(rules))
    except CleanerError as exc:
        fail(f"{exc}; nothing written")
    except OSError as exc:
        fail(f"{exc.filename}: cannot read: {exc.strerror}; nothing written")
    others = {e: n for e, n in pages.encodings.items() if e != "utf-8"}
    if others:
        listing = ", ".join(f"{n} as {e}" for e, n in sorted(others.items()))
        typer.echo(f"cleaner: note: pages that were not UTF-8 were decoded by detection: {listing}", err=True)
    for warning in result.warnings:
        typer.echo(f"cleaner: warning: {warning}", err=True)
    if report:
        typer.echo(result.report(), nl=False)
    write_atomic(output, result.yaml)
    typer.echo(f"learned {len(result.rules)} rules from {result.pages} pages into {output}", err=True)


def version_callback(value: bool) -> None:
    """Print the version and exit."""
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Strip boilerplate from scraped web text, keeping the article."""


def main() -> None:
    """Console entry point."""
    app()
