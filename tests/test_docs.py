"""The docs stay true to the code: every command and option documented, the CLI page fresh, help readable."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer.main

from cleaner.cli import app
from cleaner.rules import FILE_KEYS, RULE_KEYS, SHAPE_KEYS

from .conftest import ROOT, run_cli

DOCS = ROOT / "docs"
GENERATED = DOCS / "reference" / "cli.md"

GROUP = typer.main.get_command(app)
COMMANDS = {name: cmd for name, cmd in GROUP.commands.items() if not cmd.hidden}  # type: ignore[attr-defined]


def written_docs() -> str:
    """Every hand-written docs page (the generated CLI page does not count) and the README."""
    pages = [p for p in sorted(DOCS.rglob("*.md")) if p != GENERATED]
    return "\n".join(p.read_text(encoding="utf-8") for p in [*pages, ROOT / "README.md"])


def long_options(command: object) -> list[str]:
    """A command's options as users type them (the longest spelling), --help left out."""
    names = []
    for param in command.params:  # type: ignore[attr-defined]
        if param.param_type_name == "option" and not param.hidden:
            names.append(max(param.opts, key=len))
    return names


def test_the_cli_reference_is_generated_fresh() -> None:
    proc = subprocess.run(
        [sys.executable, str(DOCS / "gen_cli.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    page = GENERATED.read_text(encoding="utf-8")
    for name, command in COMMANDS.items():
        assert f"## cleaner {name}\n" in page
        for option in long_options(command):
            assert option in page, f"{option} of `cleaner {name}` missing from the generated reference"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_documented_by_hand(name: str) -> None:
    text = written_docs()
    assert f"cleaner {name}" in text, f"`cleaner {name}` is not described in any docs page"
    missing = [o for o in long_options(COMMANDS[name]) if not re.search(re.escape(o) + r"(?![\w-])", text)]
    assert not missing, f"options of `cleaner {name}` not described in any docs page: {missing}"


def test_the_top_level_options_are_documented() -> None:
    text = written_docs()
    assert not [o for o in long_options(GROUP) if f"cleaner {o}" not in text]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_help_has_an_example_and_no_internal_type_names(name: str) -> None:
    proc = run_cli(name, "--help")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode()
    examples = text.partition("Examples:")[2]
    assert re.search(rf"^\s+(?:\S.*\| )?cleaner {name}\b", examples, re.M), f"`cleaner {name} --help` shows no example"
    for placeholder in ("<list[", "<str>", "<path>", "<int", "<float>", "x>="):
        assert placeholder not in text, f"`cleaner {name} --help` shows {placeholder!r}"
    assert not re.search(r"\{[a-z_]+\}", text), f"`cleaner {name} --help` shows a {{name}} placeholder"


def test_the_rule_file_reference_names_every_key() -> None:
    page = (DOCS / "reference" / "rules.md").read_text(encoding="utf-8")
    for key in [*FILE_KEYS, *RULE_KEYS, *SHAPE_KEYS]:
        assert f"`{key}`" in page, f"rule file key {key!r} is missing from docs/reference/rules.md"


def test_the_readme_is_a_front_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    assert not re.search(r"`[0-9a-f]{7,40}`|\bat [0-9a-f]{7}\b", readme), "the README cites a commit"
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), f"README links to a missing page {link}"
