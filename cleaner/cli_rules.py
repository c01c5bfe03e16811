"""The commands for rule files: ``rules`` (validate and list) and ``learn`` (draft one).

Kept out of cli.py so that file stays small; cli.py imports this module, which registers the
commands on its app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli import (
    EncodingErrorsOption,
    HtmlModeOption,
    RulesOption,
    _check_encoding_options,
    _load,
    _open_output,
    _warn,
    app,
    fail,
)
from .clihelp import examples
from .errors import CleanerError
from .html import HTML_MODE_DEFAULT
from .rules import rule_dirs
from .textio import ERRORS_DEFAULT


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
