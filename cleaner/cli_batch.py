"""The bulk commands: ``batch``, and the streaming runner of ``clean --jsonl``.

Kept out of cli.py so that file stays small; cli.py imports this module, which registers the
command on its app. Here too are what both share: the --learn note, the Dask cluster helpers,
and batch's manifest saving, JSON report and closing summary.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, suppress
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import cli
from .cli import (
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    MANIFEST_SAVE_SECONDS,
    EncodingErrorsOption,
    EncodingOption,
    HtmlModeOption,
    LearnOption,
    ModelOption,
    NoGenericOption,
    RulesOption,
    SaveRulesOption,
    SchedulerOption,
    _check_encoding_options,
    _load,
    _open_output,
    _with_model,
    _write,
    app,
    fail,
)
from .clihelp import examples
from .display import shown
from .errors import ClusterError, UnknownSiteError
from .html import HTML_MODE_DEFAULT, HtmlMode
from .jsonl import OnError
from .rules import RuleSet
from .textio import ENCODING_DEFAULT, ERRORS_DEFAULT, MAX_BYTES_DEFAULT, open_atomic

T = TypeVar("T")

# A save rewrites the whole manifest (a second at 100,000 pages): the next one waits at least
# this many times as long as the last one took, so saving costs a bounded share of the run
# whatever its size, where a fixed interval made it grow with pages x saves.
MANIFEST_SAVE_FACTOR = 50.0


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
    model: ModelOption = None,
) -> None:
    """Clean every page under IN_DIR into OUT_DIR, in parallel; HTML pages give .txt outputs.

    An output made from the same input content, rules and options is skipped (OUT_DIR's
    manifest records them; --force redoes it). Every output is written atomically. A page
    that fails is reported with its reason and the others go on.
    Exit 0 if no page failed, 1 if any did, 2 on a usage error, 130 if interrupted.
    """
    from . import batch as b
    from .batchpool import run as run_pages

    ruleset = _with_model(_load(rules), model)
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
            results = run_pages(tasks, ruleset, options, min(jobs, max(1, len(tasks))))
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
                    began = time.monotonic()
                    _save_manifest(manifest, out_dir)
                    took = time.monotonic() - began
                    next_save = time.monotonic() + max(MANIFEST_SAVE_SECONDS, MANIFEST_SAVE_FACTOR * took)
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
        cli._EXIT_AT_ONCE = True  # read by cli.main()
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
