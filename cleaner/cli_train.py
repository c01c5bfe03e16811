"""The ``train`` command: fit generic detection's line model on pages with their gold text.

Kept out of cli.py; cli.py imports this module, which registers the command on its app. The
logic is :mod:`cleaner.train`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli import RulesOption, _load, app, fail
from .clihelp import examples
from .errors import CleanerError


@app.command(
    "train",
    short_help="Train generic detection's line model on pages with gold text.",
    epilog=examples(
        "cleaner train ../shared/data/aeb ../shared/data/wcxb-dev -o my-model.npz",
        "cleaner train golden/ my-pages/ -o my-model.npz --trees 60",
        "cleaner clean page.txt --model my-model.npz --explain",
    ),
)
def train_command(
    pages: Annotated[
        list[Path],
        typer.Argument(help="Folders (searched recursively) of <id>.input.txt with <id>.gold.txt or .expected.txt."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Write the model file here (.npz).")],
    rules: RulesOption = None,
    trees: Annotated[int, typer.Option("--trees", help="Boosted trees in the model.", min=1, max=2000)] = 120,
    depth: Annotated[int, typer.Option("--depth", help="Levels per tree.", min=1, max=10)] = 6,
    remove_below: Annotated[
        float,
        typer.Option(
            "--remove-below", help="A kept line goes when its content probability is under this.", min=0, max=1
        ),
    ] = 0.4,
    keep_above: Annotated[
        float,
        typer.Option(
            "--keep-above",
            help="A removed line comes back when its content probability is over this (1: never).",
            min=0,
        ),
    ] = 1.01,
) -> None:
    """Train the line model that revises generic detection's verdicts, from pages and their gold text.

    Each input line is labelled content when most of its shingles are in the gold; the model
    learns from what generic detection saw of the line and its neighbours. Use the file with
    `cleaner clean/batch --model FILE` or $CLEANER_MODEL.
    """
    ruleset = _load(rules)
    try:
        import numpy  # noqa: F401
    except ImportError:
        fail("cleaner train needs numpy: pip install 'cleaner[model]'")
    from .generic.model import save_model
    from .train import collect, find_pages, train

    if output.is_dir():
        fail(f"{output}: is a directory; --output takes a file name")
    try:
        found = find_pages(pages)
        samples = collect(found, ruleset.with_model(None))
        decode = {"remove_below": remove_below, "keep_above": keep_above}
        model = train(samples, decode, trees=trees, depth=depth)
    except CleanerError as exc:
        fail(str(exc))
    try:
        save_model(model, output)
    except OSError as exc:
        fail(f"{output}: cannot write the model: {exc.strerror or exc}")
    lines = sum(len(s.rows) for s in samples)
    typer.echo(f"trained on {len(samples)} pages ({lines} lines); wrote {output}", err=True)
