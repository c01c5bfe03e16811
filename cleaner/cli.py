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
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO, NoReturn

import typer

from . import __version__
from .clihelp import HelpTyper, examples
from .core import clean as clean_text
from .errors import CleanerError
from .generic.model import MODEL_RULE
from .html import HTML_MODE_DEFAULT, HtmlMode, decode_html_page, html_page_text, is_html_path, looks_like_html, page_url
from .jsonl import OnError, looks_like_jsonl
from .result import CleanResult
from .rules import RuleSet, load_rules
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
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="PATH|bundled|off",
        help="Generic detection's learned line model: a file from `cleaner train`, the bundled one, or "
        "none; wins over $CLEANER_MODEL.",
        show_default=False,
    ),
]
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


def _with_model(ruleset: RuleSet, model: str | None) -> RuleSet:
    """The rules with --model's line model (else $CLEANER_MODEL's), loaded now so a bad file fails early."""
    from .generic.model import model_choice

    if model is not None:
        ruleset = ruleset.with_model(model_choice(model))
    try:
        ruleset.line_model()
    except ImportError:
        fail("a line model needs numpy: pip install 'cleaner[model]'")
    except CleanerError as exc:
        fail(f"invalid model: {exc}")
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
        if line.reason is not None and line.reason.rule == MODEL_RULE:  # the model says why, line by line
            text = f"[{line.reason.detail}]  {text}"
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
    model: ModelOption = None,
) -> None:
    """Clean one page: site rules (by --site, --url or fingerprint), common rules, generic detection.

    HTML input (a .html/.htm file, or text that starts like HTML) is turned into text first.
    """
    ruleset = _with_model(_load(rules), model)
    if (learn or save_rules) and not jsonl:
        fail("--learn and --save-rules need --jsonl here (or `cleaner batch --learn` for a folder)")
    if jsonl:
        from .cli_batch import _clean_jsonl

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


# The other commands live in their own modules, which register them on `app`; imported in
# this order so that --help lists the commands in it.
# isort: off
from . import cli_check  # noqa: E402, F401
from . import cli_batch  # noqa: E402, F401
from . import cli_rules  # noqa: E402, F401
from . import cli_review  # noqa: E402, F401
from . import cli_train  # noqa: E402, F401
# isort: on
