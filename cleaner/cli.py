"""The command line: parse options, call the library, print, map typed errors to exit codes.

Only data goes to stdout (cleaned text, diffs, listings); explanations, progress and errors go
to stderr, each error as one line ``cleaner: error: ...``.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO, NoReturn, TypeVar

import typer

from . import __version__
from .clihelp import HelpTyper, examples
from .core import clean as clean_text
from .display import shown
from .errors import CleanerError, ClusterError, UnknownSiteError
from .golden import check as run_check
from .html import (
    HTML_MODE_DEFAULT,
    HtmlMode,
    decode_html_page,
    html_page_text,
    is_html_path,
    looks_like_html,
    page_url,
)
from .jsonl import OnError, looks_like_jsonl
from .result import CleanResult
from .rules import RuleSet, load_rules, rule_dirs
from .textio import (
    ENCODING_DEFAULT,
    ERRORS_DEFAULT,
    MAX_BYTES_DEFAULT,
    check_encoding,
    check_errors,
    decode_page,
    open_atomic,
    replaced_warning,
)

T = TypeVar("T")
EXIT_OK = 0  # success; `check`: every case matched
EXIT_FAIL = 1  # `check`: a golden case or rule example failed; `batch`: a page failed; `--jsonl`: a bad record
EXIT_ERROR = 2  # usage error, broken rule file, unknown site, unreadable/unwritable file, undecodable input
EXIT_INTERRUPTED = 130  # `batch` stopped by Ctrl-C (128 + SIGINT, the shell's convention)
EXIT_BROKEN_PIPE = 141  # stdout's reader went away (128 + SIGPIPE, what a shell tool killed by it returns)
MANIFEST_SAVE_SECONDS = 10.0  # `batch` rewrites OUT_DIR's manifest this often during a run

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a golden case or rule example failed (check), a page failed (batch, review) "
    "or a record was bad (clean --jsonl), pages changed (diff); "
    "2 usage error, broken rule file, unknown site, bad URL, undecodable input, or a file that cannot be "
    "read or written (check, batch --report, learn -o, clean -o, stdout); 130 interrupted; "
    "141 stdout closed by its reader."
)

app = HelpTyper(
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
        metavar="PATH",
        help="Extra rule file or folder of rule files (repeatable); wins over bundled rules and $CLEANER_RULES.",
        show_default=False,
        readable=False,  # the loader says what is wrong, the same way as for $CLEANER_RULES
    ),
]


EncodingOption = Annotated[
    str,
    typer.Option(
        "--encoding",
        "-e",
        help="Input encoding; 'auto' reads a BOM, then UTF-8, then cp1251/koi8-u/cp1252 by detection.",
    ),
]
EncodingErrorsOption = Annotated[
    str,
    typer.Option(
        "--encoding-errors",
        metavar="auto|strict|replace",
        help="Undecodable bytes: 'auto' reads them as U+FFFD (with a warning) only in a page that is UTF-8 "
        "but for a few bytes; 'strict' never replaces; 'replace' replaces any.",
    ),
]
HtmlModeOption = Annotated[
    HtmlMode,
    typer.Option(
        "--html-mode",
        help="How HTML input becomes text before our site and generic rules clean it: trafilatura "
        "(its article extraction) or lines (one line per block element, as a scraper stores pages).",
    ),
]
NoGenericOption = Annotated[bool, typer.Option("--no-generic", help="Apply rule files only.")]
LearnOption = Annotated[
    bool,
    typer.Option(
        "--learn",
        help="Group the pages by site (--site, URL host, else shared lines), learn each group of 3+ pages "
        "and clean its pages with its learned rules first (two passes over the input).",
    ),
]
SaveRulesOption = Annotated[
    Path | None,
    typer.Option("--save-rules", help="Write each group's learned rule file into this folder (implies --learn)."),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on the Dask cluster whose scheduler is at this address (tcp://HOST:8786); "
        "needs cleaner[dask], and for batch a file system the workers share.",
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


@contextmanager
def _open_output(path: Path) -> Iterator[BinaryIO]:
    """open_atomic, its file errors (a folder, no permission, a full disk) as one error line."""
    if path.is_dir():
        fail(f"{path}: is a directory; --output takes a file name")
    try:
        with open_atomic(path) as handle:
            yield handle
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}; nothing written")


def _write(sink: BinaryIO, data: bytes, output: Path | None) -> None:
    """Write to --output or stdout; b'' flushes. A stdout that fails (full disk) is one error line."""
    if output is not None:  # _open_output reports its errors
        sink.write(data) if data else sink.flush()
        return
    try:
        sink.write(data) if data else sink.flush()
    except OSError as exc:
        # stdout now points at /dev/null, so the interpreter's own flush at exit cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        if exc.errno == errno.EPIPE:  # the reader went away (`| head`): stop quietly, as a shell tool does
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        fail(f"cannot write to stdout: {exc.strerror or exc}")


def _check_encoding_options(encoding: str, errors: str) -> None:
    """Refuse an --encoding or --encoding-errors that names nothing usable, before any page is read."""
    try:
        check_encoding(encoding)
        check_errors(errors)
    except CleanerError as exc:
        fail(str(exc))


def _load(rules: list[Path] | None) -> RuleSet:
    """Load rules, turning a broken file into one error line and exit 2."""
    try:
        ruleset = load_rules(rules or [])
    except CleanerError as exc:
        fail(f"invalid rules: {exc}")
    for rf in [*ruleset.common, *ruleset.sites.values()]:
        for warning in rf.warnings:
            typer.echo(f"cleaner: warning: {warning}", err=True)
    return ruleset


def explain_text(result: CleanResult, source: str) -> str:
    """Every line with its verdict, rule, kind and score, aligned for reading."""
    site = f"{result.site} (from {result.site_source})" if result.site else "none (common rules only)"
    out = [f"# {source}: site {site}; {result.stats['removed']} of {result.stats['lines']} lines removed"]
    if result.capped:
        out[0] += f"; CAPPED: {', '.join(result.capped)} would remove over max_removed_share, not applied"
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
        if result.capped:
            row["capped"] = list(result.capped)
        row["text"] = line.text
        rows.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(rows) + ("\n" if rows else "")


@app.command(
    "clean",
    short_help="Clean one page (text or HTML) or a JSON-lines stream.",
    epilog=examples(
        "cleaner clean examples/ostro.org-article.txt --explain",
        "cat page.txt | cleaner clean --url https://ostro.org/news/1 > article.txt",
        "cleaner clean --jsonl crawl.jsonl --stats -o cleaned.jsonl",
    ),
)
def clean_command(
    file: Annotated[str | None, typer.Argument(help="Page file (text or HTML); '-' or nothing reads stdin.")] = None,
    site: Annotated[str | None, typer.Option("--site", "-s", help="Clean as this site (rule file id).")] = None,
    url: Annotated[str | None, typer.Option("--url", "-u", help="Page URL; its host selects the site.")] = None,
    rules: RulesOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every line's verdict, rule and score on stderr.")
    ] = False,
    explain_format: Annotated[
        ExplainFormat,
        typer.Option("--explain-format", help="Readable columns (text) or one JSON object per line (jsonl)."),
    ] = ExplainFormat.text,
    encoding: EncodingOption = ENCODING_DEFAULT,
    encoding_errors: EncodingErrorsOption = ERRORS_DEFAULT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.")
    ] = None,
    no_generic: NoGenericOption = False,
    html_mode: HtmlModeOption = HTML_MODE_DEFAULT,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Input is JSON lines: clean one field of every record, streaming.")
    ] = False,
    field: Annotated[str, typer.Option("--field", help="--jsonl: the field to clean.")] = "text",
    url_field: Annotated[
        str, typer.Option("--url-field", help="--jsonl: the field holding the page URL (selects the site).")
    ] = "url",
    stats: Annotated[
        bool, typer.Option("--stats", help="--jsonl: add cleaner_stats {site, lines, removed} to each record.")
    ] = False,
    on_error: Annotated[
        OnError,
        typer.Option(
            "--on-error",
            help="--jsonl: a bad record that is JSON (not an object, field missing or not a string) is "
            "'pass'ed or 'drop'ped; a line that is not JSON is always dropped.",
        ),
    ] = OnError.pass_,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="--jsonl: records longer than this are dropped and reported.", min=1)
    ] = MAX_BYTES_DEFAULT,
    learn: LearnOption = False,
    save_rules: SaveRulesOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Clean one page: site rules (by --site, --url or fingerprint), common rules, generic detection.

    HTML input (a .html/.htm file, or text that starts like HTML) is turned into text first.
    """
    ruleset = _load(rules)
    if (learn or save_rules) and not jsonl:
        fail("--learn and --save-rules need --jsonl here (or `cleaner batch --learn` for a folder)")
    if jsonl:
        args = (site, field, url_field, stats, on_error, no_generic, html_mode, max_bytes, output, scheduler)
        _clean_jsonl(file, ruleset, *args, learning=(learn, save_rules))
        return
    if scheduler:
        fail("--scheduler works with --jsonl (and with `cleaner batch`), not on one page")
    _check_encoding_options(encoding, encoding_errors)
    if output is not None and output.is_dir():
        fail(f"{output}: is a directory; --output takes a file name")
    try:
        data, source = _read_bytes(file)
        if is_html_path(source):
            found = decode_html_page(data, source, encoding, encoding_errors)
        else:
            found = decode_page(data, source, encoding, encoding_errors)
        if found.replaced_count:
            _warn(replaced_warning(source, found))
        text = found.text
        if looks_like_html(text) or is_html_path(source):
            url = url or page_url(text)
            text, note = html_page_text(text, html_mode, url)
            if note:
                _warn(f"{source}: {note}")
        elif looks_like_jsonl(text):
            _warn(f"{source}: looks like JSON lines; cleaned as plain text (pass --jsonl to clean each record's field)")
        result = clean_text(text, ruleset, site=site, url=url, generic=not no_generic)
    except CleanerError as exc:
        fail(str(exc))
    if explain:
        report = explain_jsonl(result) if explain_format is ExplainFormat.jsonl else explain_text(result, source)
        sys.stderr.write(report)
        sys.stderr.flush()
    data = result.text.encode("utf-8")
    if output is not None:
        with _open_output(output) as handle:
            handle.write(data)
    else:
        _write(sys.stdout.buffer, data, None)
        _write(sys.stdout.buffer, b"", None)


def _warn(message: str) -> None:
    """One warning line on stderr."""
    sys.stderr.write(f"cleaner: warning: {message}\n")


def _read_bytes(file: str | None) -> tuple[bytes, str]:
    """A page's bytes from a file or stdin, with its display name; file errors become one error line."""
    if file in (None, "-"):
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(file).read_bytes(), file
    except FileNotFoundError:
        fail(f"{file}: no such file")
    except IsADirectoryError:
        fail(f"{file}: is a directory (use `cleaner batch` for folders)")
    except PermissionError:
        fail(f"{file}: permission denied")
    except OSError as exc:
        fail(f"{file}: cannot read: {exc.strerror}")


def _clean_jsonl(
    file: str | None,
    ruleset: RuleSet,
    site: str | None,
    field: str,
    url_field: str,
    stats: bool,
    on_error: OnError,
    no_generic: bool,
    html_mode: HtmlMode,
    max_bytes: int,
    output: Path | None,
    scheduler: str | None = None,
    learning: tuple[bool, Path | None] = (False, None),
) -> None:
    """`clean --jsonl`: stream records from a file or stdin to stdout (or --output), reporting bad ones.

    With --learn the records are scanned and their site groups learned first (stdin is spooled
    to a temporary file for the second pass).
    """
    from .jsonl import JsonlOptions, clean_records

    if site and site not in ruleset.sites:
        fail(str(UnknownSiteError(site, ruleset.site_ids())))
    options = JsonlOptions(
        field=field,
        url_field=url_field,
        site=site,
        stats=stats,
        generic=not no_generic,
        html_mode=str(html_mode),
        on_error=on_error,
        max_bytes=max_bytes,
    )
    source = "<stdin>" if file in (None, "-") else file
    passed = dropped = 0
    with ExitStack() as stack:
        try:
            stream = sys.stdin.buffer if file in (None, "-") else stack.enter_context(open(file, "rb"))
        except FileNotFoundError:
            fail(f"{file}: no such file")
        except OSError as exc:
            fail(f"{file}: cannot read: {exc.strerror}")
        groups: list[str | None] = []
        if learning[0] or learning[1]:
            from .sitegroups import learn_records

            if not stream.seekable():
                import shutil
                import tempfile

                spool = stack.enter_context(tempfile.TemporaryFile())
                shutil.copyfileobj(stream, spool)
                stream = spool
            plan = learn_records(stream, options)
            ruleset, groups = plan.ruleset(ruleset), plan.group_of
            _learned_note(plan, learning[1])
        # With --output the records appear there complete or not at all (same as `clean -o`).
        sink = stack.enter_context(_open_output(output)) if output else sys.stdout.buffer
        items = clean_records(stream, ruleset, options, groups)
        if scheduler:
            cluster, client = _cluster(scheduler, [])
            stack.callback(cluster.close, client)
            items = _cluster_errors(cluster.clean_records(stream, ruleset, options, client, groups))
        for data, problem in items:
            if problem is not None:
                what = "passed through" if data is not None else "dropped"
                passed, dropped = passed + (data is not None), dropped + (data is None)
                sys.stderr.write(f"cleaner: bad record: {source}:{problem.line}: {problem.reason} ({what})\n")
            if data is not None:
                _write(sink, data, output)
        _write(sink, b"", output)
    if passed or dropped:
        counts = [f"{n} {what}" for n, what in ((passed, "passed through"), (dropped, "dropped")) if n]
        sys.stderr.write(f"cleaner: {passed + dropped} bad record(s): {', '.join(counts)}\n")
        raise typer.Exit(EXIT_FAIL)


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


@app.command(
    "batch",
    short_help="Clean a folder of pages into another folder, in parallel.",
    epilog=examples(
        "cleaner batch pages/ cleaned/ --jobs 2", "cleaner batch crawl/ cleaned/ --glob '*.html' --report report.json"
    ),
)
def batch_command(
    in_dir: Annotated[Path, typer.Argument(help="Folder of pages, read recursively; never written to.")],
    out_dir: Annotated[Path, typer.Argument(help="Where outputs go, mirroring IN_DIR's relative paths.")],
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", "-g", help="Page file pattern (repeatable). Default: *.txt, *.html, *.htm."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Processes to use (at most 1024). Default: all cores.", min=1, max=1024),
    ] = None,
    site: Annotated[
        str | None, typer.Option("--site", "-s", help="Clean every page as this site (else per page).")
    ] = None,
    rules: RulesOption = None,
    encoding: EncodingOption = ENCODING_DEFAULT,
    encoding_errors: EncodingErrorsOption = ERRORS_DEFAULT,
    html_mode: HtmlModeOption = HTML_MODE_DEFAULT,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Pages bigger than this fail (default 50 MiB).", min=1)
    ] = MAX_BYTES_DEFAULT,
    force: Annotated[bool, typer.Option("--force", help="Redo outputs that are already up to date.")] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the summary and per-file figures here as JSON.")
    ] = None,
    no_generic: NoGenericOption = False,
    learn: LearnOption = False,
    save_rules: SaveRulesOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Clean every page under IN_DIR into OUT_DIR, in parallel; HTML pages give .txt outputs.

    An output made from the same input content, rules and options is skipped (OUT_DIR's
    manifest records them; --force redoes it). Every output is written atomically. A page
    that fails is reported with its reason and the others go on.
    Exit 0 if no page failed, 1 if any did, 2 on a usage error, 130 if interrupted.
    """
    from . import batch as b

    ruleset = _load(rules)
    learn = learn or save_rules is not None  # --save-rules implies --learn
    _check_encoding_options(encoding, encoding_errors)
    if site and site not in ruleset.sites:
        fail(str(UnknownSiteError(site, ruleset.site_ids())))
    if report is not None and report.resolve().is_relative_to(in_dir.resolve()):
        fail(f"{report}: the report would be written inside the input folder {in_dir}")
    if report is not None and (report.is_dir() or (report.exists() and not report.is_file())):
        # Replacing a folder fails after the whole batch; replacing /dev/full (as root) succeeds.
        fail(f"{shown(report)}: --report must name a file, and this is a folder or a device")
    options = b.Options(
        site=site,
        encoding=encoding,
        encoding_errors=encoding_errors.lower(),
        html_mode=str(html_mode),
        max_bytes=max_bytes,
        generic=not no_generic,
    )
    started = time.perf_counter()
    from .manifest import Manifest, config_for

    manifest, config = Manifest.load(out_dir), config_for(ruleset, options)
    try:
        # Rules learned from the batch depend on all of its pages: with --learn every page is redone.
        tasks, known = b.plan(in_dir, out_dir, ruleset, glob or b.DEFAULT_GLOBS, force or learn, options, manifest)
    except b.BatchPathError as exc:
        fail(str(exc))
    jobs = jobs or os.cpu_count() or 1
    if scheduler:  # the workers are asked whether they see OUT_DIR, so it must exist first
        out_dir.mkdir(parents=True, exist_ok=True)
    cluster, client = _cluster(scheduler, [in_dir, out_dir]) if scheduler else (None, None)
    jobs = cluster.threads(client) if cluster else jobs
    if learn:
        from .sitegroups import learn_tasks

        tasks, learned = learn_tasks(tasks, options, jobs)
        ruleset = learned.ruleset(ruleset)
        # Outputs made with learned rules are not up to date for a later run without --learn.
        config = replace(config, options={**config.options, "learn": True})
        _learned_note(learned, save_rules)
    outcomes = list(known)
    summary = b.Summary()
    for outcome in known:
        summary.add(outcome)
        if outcome.status == b.FAILED:
            manifest.forget(outcome.path)
            _say(None, f"cleaner: failed: {shown(outcome.path)}: {outcome.reason}")
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    progress = Progress(
        TextColumn("cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )
    next_save = time.monotonic() + MANIFEST_SAVE_SECONDS
    results = None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        b.sweep_temporaries(out_dir)
        if cluster:
            results = _cluster_errors(cluster.run(tasks, ruleset, options, client))
        else:  # starts the workers before the bar's thread; no more workers than pages
            results = b.run(tasks, ruleset, options, min(jobs, max(1, len(tasks))))
        with progress:
            bar = progress.add_task("cleaning", total=len(tasks))
            for outcome in results:
                if report is not None:  # kept only for the report: a crawl may have millions of pages
                    outcomes.append(outcome)
                summary.add(outcome)
                if outcome.status == b.OK:
                    manifest.record(outcome.path, outcome.output or "", outcome.input_digest, outcome.bytes_out, config)
                else:
                    manifest.forget(outcome.path)
                if time.monotonic() > next_save:  # a killed run then redoes only the last seconds' pages
                    _save_manifest(manifest, out_dir)
                    next_save = time.monotonic() + MANIFEST_SAVE_SECONDS
                if outcome.status == b.FAILED:
                    _say(progress, f"cleaner: failed: {shown(outcome.path)}: {outcome.reason}")
                elif outcome.capped:
                    _say(progress, f"cleaner: capped: {shown(outcome.path)}: {', '.join(outcome.capped)} not applied")
                if outcome.status == b.OK and outcome.reason and outcome.bytes_in:
                    # a note on a cleaned page: bytes read as U+FFFD, a page too deep for the tree
                    _say(progress, f"cleaner: warning: {shown(outcome.path)}: {outcome.reason}")
                progress.advance(bar)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # we are stopping: a second Ctrl-C must not break that
        if results is not None:
            results.close()  # terminates the workers, bounded joins
        b.sweep_temporaries(out_dir)  # a terminated worker may have left a half-written temporary
        with suppress(OSError):  # stopping: a manifest that cannot be written only costs redone pages
            manifest.save(out_dir)
        _say(None, f"cleaner: interrupted after {summary.cleaned} pages; run again to finish (done pages are skipped)")
        global _EXIT_AT_ONCE
        _EXIT_AT_ONCE = True
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except typer.Exit:  # a lost cluster: the pages done so far are whole, record them
        with suppress(OSError):
            manifest.save(out_dir)
        raise
    finally:
        if results is not None:
            results.close()
        if cluster:
            cluster.close(client)
    # A worker killed mid-write (out of memory, SIGKILL) leaves its temporary file behind; its
    # pages were retried, and no worker is running any more, so the leftovers can go now.
    b.sweep_temporaries(out_dir)
    _save_manifest(manifest, out_dir)
    summary.seconds = time.perf_counter() - started
    sys.stderr.write(_summary_text(summary, jobs))
    if report is not None:
        outcomes.sort(key=lambda o: o.path)
        head = {
            "in_dir": shown(in_dir),
            "out_dir": shown(out_dir),
            "options": {
                **options_dict(options),
                "jobs": jobs,
                "globs": list(glob or b.DEFAULT_GLOBS),
                "force": force,
                "learn": learn,
            }
            | ({"scheduler": scheduler} if scheduler else {}),
            "summary": summary.as_dict(),
        }
        try:
            _write_report(report, head, outcomes)
        except OSError as exc:
            fail(f"{shown(report)}: cannot write the report: {exc.strerror or exc}; the outputs are written")
    raise typer.Exit(EXIT_FAIL if summary.failed else EXIT_OK)


def _learned_note(plan: object, save_rules: Path | None) -> None:
    """Say on stderr what --learn learned, and write the files for --save-rules."""
    from .sitegroups import save_name

    learned = plan.learned  # type: ignore[attr-defined]
    pages = sum(lrn.pages for lrn in learned.values())
    rules = sum(len(lrn.rule_file.rules) for lrn in learned.values())
    sys.stderr.write(
        f"cleaner: learned {rules} rules for {len(learned)} site groups of {pages} pages "
        f"({len(plan.groups) - len(learned)} groups had nothing to learn)\n"  # type: ignore[attr-defined]
    )
    if save_rules is not None:
        save_rules.mkdir(parents=True, exist_ok=True)
        for group, lrn in sorted(learned.items()):
            with _open_output(save_rules / save_name(group)) as handle:
                handle.write(lrn.yaml.encode("utf-8"))
        sys.stderr.write(f"cleaner: wrote {len(learned)} learned rule files into {save_rules}\n")


def _save_manifest(manifest: object, out_dir: Path) -> None:
    """Write OUT_DIR's manifest; a full disk is one error line (the outputs written are complete)."""
    try:
        manifest.save(out_dir)  # type: ignore[attr-defined]
    except OSError as exc:
        fail(f"{shown(out_dir)}: cannot write the manifest: {exc.strerror or exc}; the outputs written are complete")


def _write_report(report: Path, head: dict[str, object], outcomes: list) -> None:
    """One JSON document, written file by file (one per line) rather than built whole in memory.

    File names are shown escaped (:func:`cleaner.display.shown`): a name that is not UTF-8 or
    holds a newline still gives valid UTF-8 JSON. Written atomically: complete or not at all.
    """
    with open_atomic(report) as handle:
        handle.write(_json_bytes(head, indent=1)[:-2] + b',\n "files": [\n')
        for n, outcome in enumerate(outcomes):
            sep = b",\n" if n < len(outcomes) - 1 else b"\n"
            row = outcome.as_dict()
            row["path"] = shown(outcome.path)
            row["output"] = shown(outcome.output) if outcome.output is not None else None
            handle.write(b"  " + _json_bytes(row) + sep)
        handle.write(b" ]\n}\n")


def _json_bytes(value: object, indent: int | None = None) -> bytes:
    """JSON as UTF-8; text that cannot be UTF-8 (a lone surrogate) is written as \\u escapes instead."""
    try:
        return json.dumps(value, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, indent=indent).encode("ascii")


def _cluster(scheduler: str, folders: list[Path]) -> tuple[Any, Any]:
    """cleaner.dask (imported only now) and a client of the scheduler whose workers see the folders."""
    try:
        from . import dask as cluster
    except ImportError as exc:
        fail(f"--scheduler needs dask and distributed: pip install 'cleaner[dask]' ({exc})")
    cluster.quiet_logs()
    try:
        client = cluster.connect(scheduler)
    except ClusterError as exc:
        fail(str(exc))
    try:
        cluster.check_workers(client, folders)
    except ClusterError as exc:
        cluster.close(client)
        fail(str(exc))
    workers = len(client.nthreads())
    _say(None, f"cleaner: on the Dask cluster at {scheduler}: {workers} workers, {cluster.threads(client)} threads")
    return cluster, client


def _cluster_errors(items: Iterator[T]) -> Iterator[T]:
    """The items of a cluster run, a lost cluster becoming one error line and exit 2."""
    try:
        yield from items
    except ClusterError as exc:
        fail(str(exc))


def options_dict(options: object) -> dict[str, object]:
    """A dataclass's fields as a dict, for the report."""
    from dataclasses import asdict

    return asdict(options)  # type: ignore[call-overload]


def _say(progress: object | None, message: str) -> None:
    """One message line on stderr, above the progress bar when one is shown."""
    if progress is not None and not progress.disable:  # type: ignore[attr-defined]
        progress.console.print(message, markup=False, highlight=False, soft_wrap=True)  # type: ignore[attr-defined]
    else:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()


def _summary_text(s: object, jobs: int) -> str:
    """The closing summary: counts, bytes, lines, speed, then hits per rule."""
    mb = 1024 * 1024
    lines = [
        f"cleaner: batch: {s.files} files: {s.cleaned} cleaned ({s.empty} empty), {s.skipped} skipped up to date, "
        f"{s.failed} failed",
        f"cleaner: {s.bytes_in / mb:.2f} MB in, {s.bytes_out / mb:.2f} MB out; {s.removed} of {s.lines} lines removed",
        f"cleaner: {s.seconds:.2f} s with {jobs} jobs, {s.pages_per_second:.1f} pages/s",
    ]
    if s.redone:
        why = ", ".join(f"{n} {reason}" for reason, n in sorted(s.redone.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.insert(1, f"cleaner: cleaned because: {why}")
    if s.capped:
        lines.append(f"cleaner: {s.capped} pages capped: a rule file would remove over its max_removed_share")
    if s.hits:
        lines.append("cleaner: hits per rule:")
        lines += [f"  {count:8d}  {rule}" for rule, count in sorted(s.hits.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines) + "\n"


@app.command(
    "rules",
    short_help="Validate the rule files and list the sites.",
    epilog=examples("cleaner rules", "cleaner rules --rules my-rules/", "cleaner rules --coverage crawl/"),
)
def rules_command(
    rules: RulesOption = None,
    pages: Annotated[
        list[Path] | None, typer.Argument(help="--coverage: page files, folders or .jsonl files.", show_default=False)
    ] = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Print each rule's hits on PAGES instead, and rules to look at.")
    ] = False,
) -> None:
    """Validate all rule files and list the sites they define (exit 2 on a broken file).

    A rule that removes one of its own keep examples is refused too (a threshold of 0.9 for 90
    does that): such a rule would remove lines it was written to keep.
    """
    from .golden import keep_example_failures

    ruleset = _load(rules)
    broken = keep_example_failures(ruleset)
    if broken:
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        fail(f"invalid rules: {broken[0]}{more}")
    if coverage or pages:
        from .cli_review import corpus_coverage

        corpus_coverage(ruleset, pages or [], coverage)
        return
    typer.echo("rule paths: " + ", ".join(str(d) for d in rule_dirs(rules or [])), err=True)
    for rf in ruleset.common:
        typer.echo(f"{rf.id}\t(common)\t{len(rf.rules)} rules\t{rf.path}")
    for site_id in ruleset.site_ids():
        rf = ruleset.sites[site_id]
        typer.echo(f"{rf.id}\t{','.join(rf.hosts) or '-'}\t{len(rf.rules)} rules\t{rf.path}")


@app.command(
    "learn",
    short_help="Draft a site's rule file from a folder of its pages.",
    epilog=examples("cleaner learn pages/ --site example.com -o rules/example.com.yaml --report"),
)
def learn_command(
    docs_dir: Annotated[Path, typer.Argument(help="Folder of one site's pages (text or HTML), read recursively.")],
    site: Annotated[str, typer.Option("--site", "-s", help="Site id: the rule file's id and host.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Rule file to write (atomically).")],
    min_support: Annotated[
        float | None,
        typer.Option(
            "--min-support",
            help="Pages a rule needs: a fraction below 1 or a count. [default: every page of 2-3, else half, >= 3]",
        ),
    ] = None,
    max_rules: Annotated[
        int, typer.Option("--max-rules", help="Most rules to keep (highest support).")
    ] = 300,  # learn.MAX_RULES_DEFAULT
    report: Annotated[bool, typer.Option("--report", help="Print what each rule removes on the pages.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")] = False,
    pattern: Annotated[
        list[str] | None,
        typer.Option("--glob", "-g", help="Which files are pages (repeatable). Default: *.txt, *.html, *.htm."),
    ] = None,
    encoding: Annotated[str, typer.Option("--encoding", "-e", help="Page encoding; 'auto' detects per page.")] = "auto",
    html_mode: HtmlModeOption = HTML_MODE_DEFAULT,
    encoding_errors: EncodingErrorsOption = ERRORS_DEFAULT,
    rules: RulesOption = None,
) -> None:
    """Draft a site's rule file from a folder of its pages: what recurs is template, what is unique is article."""
    # Imported here so that the command is one self-contained block of this file.
    from .batch import DEFAULT_GLOBS
    from .folder import folder_pages
    from .learn import learn
    from .rules import same_id_files

    _check_encoding_options(encoding, encoding_errors)
    if output.is_dir() or (output.exists() and not output.is_file()):
        fail(f"{output}: is a folder or a device; -o names the rule file to write, e.g. {output}/{site}.yaml")
    if output.exists() and not force:
        fail(f"{output}: exists; pass --force to overwrite it")
    if not docs_dir.is_dir():
        fail(f"{docs_dir}: not a folder")
    clash = same_id_files(output, site)
    if clash:
        fail(
            f"{clash[0]} in the output's folder already defines site id {site!r}, and one folder holds one file "
            f"per id; write {output.name} to another folder and pass both with --rules (the later wins), "
            "or learn under another --site; nothing written"
        )
    known = _load(rules)
    pages, skipped = folder_pages(docs_dir, pattern or DEFAULT_GLOBS, encoding, str(html_mode), encoding_errors)
    for path, why in skipped:
        typer.echo(f"cleaner: warning: skipped {path}: {why}", err=True)
    try:
        result = learn(pages, site, min_support=min_support, max_rules=max_rules, known=known)
    except CleanerError as exc:
        fail(f"{exc}; nothing written")
    except OSError as exc:
        fail(f"{exc.filename}: cannot read: {exc.strerror}; nothing written")
    others = {e: n for e, n in pages.encodings.items() if e != "utf-8"}
    if others:
        listing = ", ".join(f"{n} as {e}" for e, n in sorted(others.items()))
        typer.echo(f"cleaner: note: pages that were not UTF-8 were decoded by detection: {listing}", err=True)
    for warning in pages.warnings:
        _warn(warning)
    for warning in result.warnings:
        typer.echo(f"cleaner: warning: {warning}", err=True)
    if site in known.sites:
        typer.echo(
            f"cleaner: note: site id {site!r} is also defined in {known.sites[site].path}; with both given, "
            f"the later --rules path wins (`--rules {output}` last uses the learned file)",
            err=True,
        )
    if report:
        typer.echo(result.report(), nl=False)
    with _open_output(output) as handle:
        handle.write(result.yaml.encode("utf-8"))
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


# Set once an interrupted batch has stopped its workers: main() then exits without running
# interpreter shutdown, where multiprocessing's exit hooks can hang or trace after a pool was
# terminated (two Ctrl-C within 50 ms hung there 2 runs in 3).
_EXIT_AT_ONCE = False


def main() -> None:
    """Console entry point: a file error no command caught still ends as one error line, not a traceback."""
    try:
        app()
    except SystemExit as exc:
        # typer turns a Ctrl-C anywhere into exit 130; a second one during interpreter shutdown
        # (where the default SIGINT action is back) would kill the process instead.
        if _EXIT_AT_ONCE or exc.code == EXIT_INTERRUPTED:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            for stream in (sys.stdout, sys.stderr):
                with suppress(OSError, ValueError):
                    stream.flush()
            os._exit(exc.code if isinstance(exc.code, int) else EXIT_INTERRUPTED)
        raise
    except OSError as exc:
        if exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO) and exc.filename is None:  # stdout or stderr
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            if exc.errno == errno.EPIPE:
                sys.exit(EXIT_BROKEN_PIPE)
        where = f"{exc.filename}: " if exc.filename else "cannot write to stdout: " if exc.errno else ""
        sys.stderr.write(f"cleaner: error: {where}{exc.strerror or exc}\n")
        sys.exit(EXIT_ERROR)


# The corpus commands (review, diff) live in their own module, which registers them on `app`.
from . import cli_review  # noqa: E402, F401
