"""Shared fixtures: the real CLI entry point, the repo's folders, the bundled rules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
RULES = ROOT / "rules"


def cleaner_exe() -> str:
    """The installed console script, next to this interpreter (the real entry point)."""
    candidate = Path(sys.executable).parent / "cleaner"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("cleaner")
    if not found:
        pytest.fail("the cleaner console script is not installed; run pip install -e '.[test]'")
    return found


def run_cli(
    *args: str | os.PathLike[str],
    stdin: bytes | str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run `cleaner ARGS` as a user would, returning bytes stdout/stderr and the exit code."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    full_env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    full_env.update(env or {})
    return subprocess.run(
        [cleaner_exe(), *map(str, args)],
        input=data if data is not None else b"",
        capture_output=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    """The bundled rules only (no $CLEANER_RULES from the developer's shell)."""
    return load_rules(env={})


@pytest.fixture
def cli():
    """The run_cli helper as a fixture."""
    return run_cli


def text_verdicts(cli, page: list[str]) -> dict[str, str]:
    """Each line's verdict by `cleaner clean --explain` (jsonl), by its text: 'keep' or its rule."""
    proc = cli("clean", "--explain", "--explain-format", "jsonl", stdin="\n".join(page) + "\n")
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(raw) for raw in proc.stderr.decode().splitlines()]
    return {r["text"]: "keep" if r["verdict"] == "keep" else r["rule"] for r in recs}
