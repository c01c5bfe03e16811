"""The commands for rule authors on a corpus: ``review`` and ``diff``.

Kept out of cli.py so that file stays small; cli.py imports this module, which registers the
commands on its app. Thin: reading, cleaning and rendering are library modules.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from .batch import DEFAULT_GLOBS
from .cli import (
    EXIT_FAIL,
    EXIT_OK,
    EncodingOption,
    HtmlModeOption,
    NoGenericOption,
    RulesOption,
    _load,
    app,
    examples,
    fail,
)
from .errors import CleanerError, UnknownSiteError
from .golden import CheckReport
from .html import HTML_MODE_DEFAULT, HtmlMode
from .pages import PageOptions, PageProblem, check_paths, clean_pages, iter_pages
from .rules import RuleSet
from .textio import ENCODING_DEFAULT

PagesArgument = Annotated[
    list[Path], typer.Argument(help="Page files, folders (read recursively) or .jsonl files.", show_default=False)
]
SiteOption = Annotated[str | None, typer.Option("--site", "-s", help="Clean every page as this site.")]
FieldOption = Annotated[str, typer.Option("--field", help=".jsonl pages: the field holding the text.")]
UrlFieldOption = Annotated[str, typer.Option("--url-field", help=".jsonl pages: the field holding the URL.")]
GlobOption = Annotated[
    list[str] | None,
    typer.Option("--glob", "-g", help="Folders: page file pattern (repeatable). Default: *.txt, *.html, *.htm."),
]


def page_options(
    site: str | None,
    encoding: str,
    html_mode: HtmlMode,
    no_generic: bool,
    field: str,
    url_field: str,
    globs: list[str] | None = None,
) -> PageOptions:
    """The reading and cleaning options shared by review, diff and coverage."""
    return PageOptions(
        site=site,
        encoding=encoding,
        html_mode=str(html_mode),
        field=field,
        url_field=url_field,
        generic=not no_generic,
        globs=tuple(globs) if globs else DEFAULT_GLOBS,
    )


def check_site(ruleset: RuleSet, site: str | None) -> None:
    """Refuse an unknown --site before any page is read."""
    if site and site not in ruleset.sites:
        fail(str(UnknownSiteError(site, ruleset.site_ids())))


def check_pages(pages: list[Path]) -> None:
    """Refuse PAGES that do not exist, with one error line."""
    try:
        check_paths(pages)
    except CleanerError as exc:
        fail(str(exc))


def report_problem(problem: PageProblem) -> None:
    """One stderr line for a page that could not be read or cleaned."""
    sys.stderr.write(f"cleaner: failed: {problem.name}: {problem.reason}\n")


@app.command(
    "review",
    short_help="Write an HTML page showing every line of every page and why it was removed.",
    epilog=examples(
        "cleaner review crawl/ -o review.html", "cleaner review pages.jsonl --rules my-rules/ -o review.html"
    ),
)
def review_command(
    pages: PagesArgument,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write (atomically).")
    ],
    rules: RulesOption = None,
    site: SiteOption = None,
    encoding: EncodingOption = ENCODING_DEFAULT,
    html_mode: HtmlModeOption = HTML_MODE_DEFAULT,
    no_generic: NoGenericOption = False,
    field: FieldOption = "text",
    url_field: UrlFieldOption = "url",
    glob: GlobOption = None,
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = "cleaner review",
) -> None:
    """Write one self-contained HTML page showing every line of every page and why it was removed.

    Exit 0 when every page was shown, 1 when some could not be read (the others are shown),
    2 on a usage error or broken rules.
    """
    from . import review

    ruleset = _load(rules)
    check_site(ruleset, site)
    check_pages(pages)
    options = page_options(site, encoding, html_mode, no_generic, field, url_field, glob)
    totals = {"pages": 0, "lines": 0, "removed": 0, "flagged": 0, "failed": 0}

    def shown() -> Iterator[review.ReviewPage]:
        """The pages to show, counted as they pass; unreadable ones reported and skipped."""
        for item in clean_pages(iter_pages(pages, options), ruleset, options):
            if isinstance(item, PageProblem):
                totals["failed"] += 1
                report_problem(item)
                continue
            page, result = item
            shown_page = review.ReviewPage(page.name, result, review.page_notes(result))
            totals["pages"] += 1
            totals["lines"] += result.stats["lines"]
            totals["removed"] += result.stats["removed"]
            totals["flagged"] += bool(shown_page.notes)
            yield shown_page

    try:
        review.write_pages(output, shown(), ruleset, title)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    failed = totals["failed"]
    sys.stderr.write(
        f"cleaner: review: {totals['pages']} pages, {totals['removed']} of {totals['lines']} lines removed, "
        f"{totals['flagged']} flagged, {failed} failed; wrote {output}\n"
    )
    raise typer.Exit(EXIT_FAIL if failed else EXIT_OK)


@app.command(
    "diff",
    short_help="Show the lines a rule change newly removes or keeps on a corpus.",
    epilog=examples(
        "cleaner diff crawl/ --baseline git:HEAD",
        "cleaner diff crawl/ --baseline git:main --rules my-rules/ --html changed.html --max-changed 5",
    ),
)
def diff_command(
    pages: PagesArgument,
    baseline: Annotated[
        str,
        typer.Option(
            "--baseline", "-b", metavar="RULES", help="Rules to compare against: a folder, a file, or git:REF."
        ),
    ],
    new_rules: Annotated[
        str | None,
        typer.Option(
            "--rules",
            "-r",
            metavar="RULES",
            help="The new rules: a folder, a file, or git:REF. Default: the rules in force now.",
        ),
    ] = None,
    site: SiteOption = None,
    encoding: EncodingOption = ENCODING_DEFAULT,
    html_mode: HtmlModeOption = HTML_MODE_DEFAULT,
    no_generic: NoGenericOption = False,
    field: FieldOption = "text",
    url_field: UrlFieldOption = "url",
    glob: GlobOption = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", metavar="FILE", help="Also write the review page of the changed pages here."),
    ] = None,
    max_changed: Annotated[
        int, typer.Option("--max-changed", help="Exit 0 while at most this many pages changed.", min=0)
    ] = 0,
) -> None:
    """Clean every page with the baseline rules and with the new ones; show the lines that changed.

    Prints each changed page's newly removed (-) and newly kept (+) lines with the rule
    responsible, then counts per rule. Exit 0 when no output changed (or at most --max-changed
    pages did), 1 when more changed, 2 on an error (bad rules or spec, unreadable pages).
    """
    from . import review
    from .ruldiff import DiffSummary, diff_pages, format_counts, format_page, load_spec

    try:
        before = load_spec(baseline)
        after = load_spec(new_rules) if new_rules else _load(None)
    except CleanerError as exc:
        fail(f"invalid rules: {exc}")
    check_site(after, site)
    check_site(before, site)
    check_pages(pages)
    options = page_options(site, encoding, html_mode, no_generic, field, url_field, glob)
    summary = DiffSummary()
    for item in diff_pages(iter_pages(pages, options), before, after, options):
        summary.add(item)
        if isinstance(item, PageProblem):
            report_problem(item)
        elif item.changed:
            sys.stdout.write(format_page(item))
    sys.stdout.write(format_counts(summary))
    sys.stdout.flush()
    if html is not None:
        shown = [
            review.ReviewPage(
                d.name,
                d.after,
                review.page_notes(d.after),
                changes={c.number: c.change for c in d.changes},
                before={c.number: c.reason for c in d.changes if c.change == "kept"},
            )
            for d in summary.changed
        ]
        try:
            review.write_pages(html, shown, after, "cleaner diff: changed pages")
        except OSError as exc:
            fail(f"{html}: cannot write: {exc.strerror or exc}")
    if summary.problems:
        fail(f"{len(summary.problems)} pages could not be read; the diff is incomplete")
    if len(summary.changed) > max_changed:
        raise typer.Exit(EXIT_FAIL)
    raise typer.Exit(EXIT_OK)


def corpus_coverage(ruleset: RuleSet, pages: list[Path], asked: bool) -> None:
    """`cleaner rules --coverage PAGES`: clean the corpus and print the coverage table."""
    from .coverage import format_report, new_report

    if not asked:
        fail("PAGES are only read with --coverage")
    check_pages(pages)
    options = PageOptions()
    report = new_report(ruleset)
    failed = 0
    for item in clean_pages(iter_pages(pages, options), ruleset, options):
        if isinstance(item, PageProblem):
            failed += 1
            report_problem(item)
            continue
        page, result = item
        report.add(page.text, result)
    sys.stdout.write(format_report(report))
    sys.stdout.flush()
    raise typer.Exit(EXIT_FAIL if failed else EXIT_OK)


def write_check_report(path: Path, report: CheckReport, ruleset: RuleSet) -> None:
    """`cleaner check --report FILE`: the mismatched cases, expected output beside every line's verdict."""
    from . import review
    from .golden import clean_case
    from .textio import decode

    pages = []
    for outcome in report.outcomes:
        if outcome.status != "mismatch":
            continue
        case = outcome.case
        try:
            result = clean_case(case, ruleset)
            expected = decode(case.expected_path.read_bytes(), str(case.expected_path))
        except (CleanerError, OSError):
            continue  # reported by `check` itself
        pages.append(review.golden_page(case.name, result, expected))
    title = f"cleaner check: {len(pages)} of {len(report.outcomes)} golden cases differ"
    try:
        review.write_pages(path, pages, ruleset, title)
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")
