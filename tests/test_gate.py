"""The quality gate (benchmarks/gate.py) run as CI runs it: floors, a missing data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import GOLDEN, ROOT


def gate(*args: str, ci: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``python -m benchmarks.gate ARGS`` from the repository root."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    cmd = [sys.executable, "-m", "benchmarks.gate", *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def mini_set(tmp_path: Path, floor: float) -> tuple[Path, Path]:
    """A data folder of one set (two golden cases as page and gold) and floors for it."""
    data = tmp_path / "data" / "mini"
    data.mkdir(parents=True)
    for k, case in enumerate(["seed-002", "russian-edition"]):
        (data / f"{k}.input.txt").write_bytes((GOLDEN / "ostro.org" / f"{case}.input.txt").read_bytes())
        (data / f"{k}.gold.txt").write_bytes((GOLDEN / "ostro.org" / f"{case}.expected.txt").read_bytes())
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"sets": {"mini": {"every": 1, "floor": floor}}}), encoding="utf-8")
    return data.parent, floors


def test_gate_passes_at_the_floor_and_fails_below_it(tmp_path):
    data, floors = mini_set(tmp_path, 0.99)
    proc = gate(str(data), "--floors", str(floors))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "mini" in proc.stdout and "ok" in proc.stdout
    floors.write_text(json.dumps({"sets": {"mini": {"every": 1, "floor": 1.01}}}), encoding="utf-8")
    proc = gate(str(data), "--floors", str(floors))
    assert proc.returncode == 1 and "BELOW" in proc.stdout


def test_missing_data_folder_skips_locally_and_fails_in_ci(tmp_path):
    missing = str(tmp_path / "nope")
    local = gate(missing)
    assert local.returncode == 0 and "skipped" in local.stdout
    in_ci = gate(missing, ci=True)
    assert in_ci.returncode == 1 and "missing" in in_ci.stderr


def test_pinned_floors_name_the_dev_sets():
    floors = json.loads((ROOT / "benchmarks" / "floors.json").read_text(encoding="utf-8"))["sets"]
    assert set(floors) == {"aeb", "wcxb-dev", "big9-dev"}
    assert all(0.5 < spec["floor"] < 1 and spec["every"] >= 1 for spec in floors.values())
