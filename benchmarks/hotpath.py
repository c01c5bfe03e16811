"""CPU time per page of `clean()` in one process, for profiling and instruction counts of the hot path.

Usage: ``python -m benchmarks.hotpath DATA_DIR [DATA_DIR ...] [--rounds 3] [--cold]``

Every page (``*.input.txt``) is cleaned once to warm up (imports, stoplists, each site's
matcher), then ``--rounds`` more times; the fastest round's CPU time per page is printed (the
machine is shared: CPU time, not wall time). The per-line caches hold a few thousand lines, so a
later round finds some lines of the first one; ``--cold`` empties them (and the rule hits) before
every page, which then costs what a page never seen before does. With ``--rounds 0`` only the warm-up runs, so under
valgrind the instructions of one round are those of ``--rounds 1`` minus those of ``--rounds 0``::

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg1 python -m benchmarks.hotpath DATA/aeb --rounds 1

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from cleaner import clean, load_rules
from cleaner.generic import clear_line_caches
from cleaner.matcher import clear_hit_cache


def main() -> None:
    """Warm up, run the rounds, print CPU ms per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dirs", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds after the warm-up (default 3)")
    parser.add_argument("--no-generic", action="store_true", help="rules only")
    parser.add_argument("--cold", action="store_true", help="empty the line and hit caches before every page")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for d in args.data_dirs for p in sorted(d.glob("*.input.txt"))]
    rules = load_rules(env={})
    generic = not args.no_generic
    for text in texts:
        if args.cold:
            clear_line_caches()
            clear_hit_cache(rules)
        clean(text, rules, generic=generic)
    best = None
    for _ in range(args.rounds):
        started = time.process_time()
        for text in texts:
            if args.cold:
                clear_line_caches()
                clear_hit_cache(rules)
            clean(text, rules, generic=generic)
        seconds = time.process_time() - started
        best = seconds if best is None else min(best, seconds)
    if best is not None:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"{len(texts)} pages, best of {args.rounds}: {best / len(texts) * 1000:.3f} ms CPU/page (load {load})")


if __name__ == "__main__":
    main()
