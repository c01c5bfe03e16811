"""The command line: parse options, call the library, print, map typed errors to exit codes.

Only data goes to stdout (cleaned text, diffs, listings); explanations, progress and errors go
to stderr, each error as one line ``cleaner: error: ...``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from . import __version__
from .clihelp import HelpTyper, examples
from .core import clean as clean_text
from .errors import CleanerError, ClusterError, UnknownSiteError
from .golden import check as run_check
from .html import HTML_MODE_DEFAULT, HtmlMode, decode_html, html_text, is_html_path, looks_like_html, page_url
from .jsonl import OnError
from .result import CleanResult
from .rules import RuleSet, load_rules, rule_dirs
from .textio import ENCODING_DEFAULT, MAX_BYTES_DEFAULT, decode_detect, open_atomic, write_atomic

T = TypeVar("T")
EXIT_OK = 0  # success; `check`: every case matched
EXIT_FAIL = 1  # `check`: a golden case or rule example failed; `batch`: a page failed; `--jsonl`: a bad record
EXIT_ERROR = 2  # usage error, broken rule file, unknown site, unreadable or undecodable input
EXIT_INTERRUPTED = 130  # `batch` stopped by Ctrl-C (128 + SIGINT, the shell's convention)

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a golden case or rule example failed (check), a page failed (batch) "
    "or a record was bad (clean --jsonl); "
    "2 usage error, broken rule file, unknown site or undecodable input; 130 interrupted (batch)."
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
        metavar="DIR",
        help="Extra rules folder (repeatable); wins over bundled rules and $CLEANER_RULES.",
        show_default=False,
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
HtmlModeOption = Annotated[
    HtmlMode,
    typer.Option(
        "--html-mode",
        help="How HTML input becomes text before our site and generic rules clean it: trafilatura "
        "(its article extraction) or lines (one line per block element, as a scraper stores pages).",
    ),
]
NoGenericOption = Annotated[bool, typer.Option("--no-generic", help="Apply rule files only.")]
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
            help="--jsonl: a bad record (not JSON, field missing or not a string) is 'pass'ed or 'drop'ped.",
        ),
    ] = OnError.pass_,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="--jsonl: records longer than this are dropped and reported.", min=1)
    ] = MAX_BYTES_DEFAULT,
    scheduler: SchedulerOption = None,
) -> None:
    """Clean one page: site rules (by --site, --url or fingerprint), common rules, generic detection.

    HTML input (a .html/.htm file, or text that starts like HTML) is turned into text first.
    """
    ruleset = _load(rules)
    if jsonl:
        args = (site, field, url_field, stats, on_error, no_generic, html_mode, max_bytes, output, scheduler)
        _clean_jsonl(file, ruleset, *args)
        return
    if scheduler:
        fail("--scheduler works with --jsonl (and with `cleaner batch`), not on one page")
    try:
        data, source = _read_bytes(file)
        if is_html_path(source):
            text, _ = decode_html(data, source, encoding)
        else:
            text, _ = decode_detect(data, source, encoding)
        if looks_like_html(text) or is_html_path(source):
            url = url or page_url(text)
            text = html_text(text, html_mode, url)
        result = clean_text(text, ruleset, site=site, url=url, generic=not no_generic)
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
) -> None:
    """`clean --jsonl`: stream records from a file or stdin to stdout (or --output), reporting bad ones."""
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
    bad = 0
    action = "passed through" if on_error is OnError.pass_ else "dropped"
    with ExitStack() as stack:
        try:
            stream = sys.stdin.buffer if file in (None, "-") else stack.enter_context(open(file, "rb"))
        except FileNotFoundError:
            fail(f"{file}: no such file")
        except OSError as exc:
            fail(f"{file}: cannot read: {exc.strerror}")
        # With --output the records appear there complete or not at all (same as `clean -o`).
        sink = stack.enter_context(open_atomic(output)) if output else sys.stdout.buffer
        items = clean_records(stream, ruleset, options)
        if scheduler:
            cluster, client = _cluster(scheduler, [])
            stack.callback(cluster.close, client)
            items = _cluster_errors(cluster.clean_records(stream, ruleset, options, client))
        for data, problem in items:
            if problem is not None:
                bad += 1
                what = action if data is not None or on_error is OnError.drop else "dropped"
                sys.stderr.write(f"cleaner: bad record: {source}:{problem.line}: {problem.reason} ({what})\n")
            if data is not None:
                sink.write(data)
        sink.flush()
    if bad:
        sys.stderr.write(f"cleaner: {bad} bad record(s) {action}\n")
        raise typer.Exit(EXIT_FAIL)


@app.command(
    "check",
    short_help="Regression-test the rules on golden cases and rule examples.",
    epilog=examples("cleaner check", "cleaner check golden/ --rules my-rules/"),
)
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
        int | None, typer.Option("--jobs", "-j", help="Processes to use. Default: all cores.", min=1)
    ] = None,
    site: Annotated[
        str | None, typer.Option("--site", "-s", help="Clean every page as this site (else per page).")
    ] = None,
    rules: RulesOption = None,
    encoding: EncodingOption = ENCODING_DEFAULT,
    html_mode: HtmlModeOption = HTML_MODE_DEFAULT,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Pages bigger than this fail (default 50 MiB).", min=1)
    ] = MAX_BYTES_DEFAULT,
    force: Annotated[bool, typer.Option("--force", help="Redo outputs that are already up to date.")] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the summary and per-file figures here as JSON.")
    ] = None,
    no_generic: NoGenericOption = False,
    scheduler: SchedulerOption = None,
) -> None:
    """Clean every page under IN_DIR into OUT_DIR, in parallel; HTML pages give .txt outputs.

    An output newer than its input and the rules is skipped (--force redoes it). Every output
    is written atomically. A page that fails is reported with its reason and the others go on.
    Exit 0 if no page failed, 1 if any did, 2 on a usage error, 130 if interrupted.
    """
    from . import batch as b

    ruleset = _load(rules)
    if site and site not in ruleset.sites:
        fail(str(UnknownSiteError(site, ruleset.site_ids())))
    if report is not None and report.resolve().is_relative_to(in_dir.resolve()):
        fail(f"{report}: the report would be written inside the input folder {in_dir}")
    options = b.Options(
        site=site, encoding=encoding, html_mode=str(html_mode), max_bytes=max_bytes, generic=not no_generic
    )
    started = time.perf_counter()
    try:
        tasks, known = b.plan(in_dir, out_dir, ruleset, glob or b.DEFAULT_GLOBS, force)
    except b.BatchPathError as exc:
        fail(str(exc))
    out_dir.mkdir(parents=True, exist_ok=True)
    b.sweep_temporaries(out_dir)
    jobs = jobs or os.cpu_count() or 1
    cluster, client = _cluster(scheduler, [in_dir, out_dir]) if scheduler else (None, None)
    jobs = cluster.threads(client) if cluster else jobs
    outcomes = list(known)
    summary = b.Summary()
    for outcome in known:
        summary.add(outcome)
        if outcome.status == b.FAILED:
            _say(None, f"cleaner: failed: {outcome.path}: {outcome.reason}")
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
    try:
        results = b.run(tasks, ruleset, options, jobs)  # starts the workers before the bar's thread
        if cluster:
            results = _cluster_errors(cluster.run(tasks, ruleset, options, client))
        with progress:
            bar = progress.add_task("cleaning", total=len(tasks))
            for outcome in results:
                if report is not None:  # kept only for the report: a crawl may have millions of pages
                    outcomes.append(outcome)
                summary.add(outcome)
                if outcome.status == b.FAILED:
                    _say(progress, f"cleaner: failed: {outcome.path}: {outcome.reason}")
                progress.advance(bar)
    except KeyboardInterrupt:
        _say(None, f"cleaner: interrupted after {summary.cleaned} pages; run again to finish (done pages are skipped)")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        if cluster:
            cluster.close(client)
    # A worker killed mid-write (out of memory, SIGKILL) leaves its temporary file behind; its
    # pages were retried, and no worker is running any more, so the leftovers can go now.
    b.sweep_temporaries(out_dir)
    summary.seconds = time.perf_counter() - started
    sys.stderr.write(_summary_text(summary, jobs))
    if report is not None:
        outcomes.sort(key=lambda o: o.path)
        head = {
            "in_dir": str(in_dir),
            "out_dir": str(out_dir),
            "options": {**options_dict(options), "jobs": jobs, "globs": list(glob or b.DEFAULT_GLOBS), "force": force}
            | ({"scheduler": scheduler} if scheduler else {}),
            "summary": summary.as_dict(),
        }
        # One JSON document, written file by file (one per line) rather than built whole in memory.
        with open_atomic(report) as handle:
            handle.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2].encode() + b',\n "files": [\n')
            for n, outcome in enumerate(outcomes):
                sep = b",\n" if n < len(outcomes) - 1 else b"\n"
                handle.write(b"  " + json.dumps(outcome.as_dict(), ensure_ascii=False).encode() + sep)
            handle.write(b" ]\n}\n")
    raise typer.Exit(EXIT_FAIL if summary.failed else EXIT_OK)


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
    if s.hits:
        lines.append("cleaner: hits per rule:")
        lines += [f"  {count:8d}  {rule}" for rule, count in sorted(s.hits.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines) + "\n"


@app.command(
    "rules",
    short_help="Validate the rule files and list the sites.",
    epilog=examples("cleaner rules", "cleaner rules --rules my-rules/"),
)
def rules_command(rules: RulesOption = None) -> None:
    """Validate all rule files and list the sites they define (exit 2 on a broken file)."""
    ruleset = _load(rules)
    typer.echo("folders: " + ", ".join(str(d) for d in rule_dirs(rules or [])), err=True)
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
