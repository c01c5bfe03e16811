"""`cleaner batch` re-runs through the real CLI: outputs redone exactly when input, rules or options changed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from cleaner.manifest import MANIFEST_NAME

from .conftest import GOLDEN, RULES, run_cli

PAGES = sorted((GOLDEN / "ostro.org").glob("*.input.txt")) + sorted((GOLDEN / "interfax.com.ua").glob("*.input.txt"))


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for page in PAGES:
        shutil.copy(page, src / page.name.replace(".input", f"-{page.parent.name}"))
    return src, out


def _run(*args: object) -> tuple[str, dict[str, str]]:
    """stderr's first two lines, and each file's status from the JSON report."""
    *rest, report = args
    proc = run_cli("batch", *rest, "--report", report, "-j", "1")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(Path(str(report)).read_text(encoding="utf-8"))
    statuses = {f["path"]: f["status"] + (f":{f['why']}" if f["why"] else "") for f in data["files"]}
    return "\n".join(proc.stderr.decode().splitlines()[:2]), statuses


def test_rules_options_and_input_changes_redo_exactly_the_stale_outputs(tmp_path: Path) -> None:
    src, out = _setup(tmp_path)
    report = tmp_path / "r.json"
    n = len(PAGES)
    first, statuses = _run(src, out, report)
    assert f"{n} cleaned" in first and f"cleaned because: {n} new" in first
    again, statuses = _run(src, out, report)
    assert f"0 cleaned (0 empty), {n} skipped up to date" in again
    assert set(statuses.values()) == {"skipped"}
    # The case: adding --rules used to report everything up to date.
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    with (rules / "ostro.org.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n  - id: nato\n    kind: pattern\n    pattern: 'нато'\n")
    changed, statuses = _run(src, out, "-r", rules, report)
    assert f"{n} cleaned" in changed and f"cleaned because: {n} rules changed" in changed
    ostro = [p for p in statuses if "ostro.org" in p]
    assert all("НАТО" not in (out / p).read_text(encoding="utf-8") for p in ostro)
    same, _ = _run(src, out, "-r", rules, report)
    assert f"{n} skipped up to date" in same
    options, _ = _run(src, out, "-r", rules, "--no-generic", report)
    assert f"cleaned because: {n} options changed" in options
    # Same content, new time stamp: still up to date. New content, old time stamp: redone.
    victim = src / "seed-002-ostro.org.txt"
    stamp = victim.stat()
    os.utime(victim, (stamp.st_atime + 1000, stamp.st_mtime + 1000))
    touched, statuses = _run(src, out, "-r", rules, "--no-generic", report)
    assert f"{n} skipped up to date" in touched
    victim.write_bytes(victim.read_bytes() + "Нова фраза в кінці статті.\n".encode())
    os.utime(victim, (stamp.st_atime, stamp.st_mtime))
    (out / "seed-000-interfax.com.ua.txt").unlink()
    edited, statuses = _run(src, out, "-r", rules, "--no-generic", report)
    assert "2 cleaned" in edited and "cleaned because: 1 input changed, 1 output missing or changed" in edited
    assert statuses["seed-002-ostro.org.txt"] == "ok:input changed"
    assert "Нова фраза" in (out / "seed-002-ostro.org.txt").read_text(encoding="utf-8")
    forced, statuses = _run(src, out, "-r", rules, "--no-generic", "--force", report)
    assert f"cleaned because: {n} forced" in forced


def test_a_broken_manifest_redoes_everything_and_is_rewritten(tmp_path: Path) -> None:
    src, out = _setup(tmp_path)
    report = tmp_path / "r.json"
    _run(src, out, report)
    (out / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    again, _ = _run(src, out, report)
    assert f"cleaned because: {len(PAGES)} new" in again
    data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert sorted(data["files"]) == sorted(p.name for p in src.iterdir())
    assert len(data["configs"]) == 1
