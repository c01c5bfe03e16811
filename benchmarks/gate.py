"""Quality gate: shingle F1 of the product on a fixed sample of the dev set, against pinned floors.

Usage: ``python -m benchmarks.gate [DATA_DIR] [--floors FILE]``. DATA_DIR defaults to
``../shared/data`` from the repository root (CI has ``shared/`` beside the clone); FILE to
``benchmarks/floors.json``, which names each set, which of its pages are the sample (every n-th
in file order) and the floor its macro shingle F1 (``cleaner.clean``, bundled rules) must reach.
Raising a floor is a deliberate commit. Exit 0 when every set is at or above its floor, 1 when
one falls below; a missing data folder fails only in CI (``CI=true``) and is skipped otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks.metrics import corpus_shingle_f1, shingle_pr
from benchmarks.quality import load_pages
from cleaner import clean, load_rules
from cleaner.normalize import is_blank

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).with_name("floors.json")
DATA_DEFAULT = ROOT.parent / "shared" / "data"


def score(folder: Path, every: int) -> tuple[float, int]:
    """Macro shingle F1 of clean() on every ``every``-th page of a folder, and the page count."""
    rules = load_rules(env={})
    pages = load_pages(folder, None, None)[::every]
    prs = []
    for _pid, _ptype, text, gold in pages:
        result = clean(text, rules)
        out = "\n".join(line for line in result.kept_lines if not is_blank(line))
        prs.append(shingle_pr(gold, out))
    return corpus_shingle_f1(prs)[2], len(pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path, nargs="?", default=DATA_DEFAULT)
    ap.add_argument("--floors", type=Path, default=FLOORS)
    args = ap.parse_args(argv)
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not args.data_dir.is_dir():
        where = args.data_dir
        if in_ci:
            print(f"quality gate: FAIL: data folder {where} is missing (CI=true)", file=sys.stderr)
            return 1
        print(f"quality gate: skipped: data folder {where} is missing (set CI=true to fail instead)")
        return 0
    floors = json.loads(args.floors.read_text(encoding="utf-8"))["sets"]
    failed = []
    t0 = time.monotonic()
    for name, spec in floors.items():
        folder = args.data_dir / name
        if not folder.is_dir():
            failed.append(name)
            print(f"{name:<10} missing from {args.data_dir}")
            continue
        f1, n = score(folder, int(spec["every"]))
        ok = f1 >= spec["floor"]
        failed += [] if ok else [name]
        print(f"{name:<10} pages={n:<5} shingle F1 {f1:.4f}  floor {spec['floor']:.4f}  {'ok' if ok else 'BELOW'}")
    print(f"quality gate: {'FAIL' if failed else 'ok'} ({time.monotonic() - t0:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
