"""Scaling: does cleaning stay linear in the page's length on pages shaped to hurt it?

Usage: ``python -m benchmarks.scaling DATA_DIR [--sizes 2000,8000,32000]`` with DATA_DIR a folder
of ``*.input.txt`` pages (aeb): their lines are the material the pages below are built from.

Batch pages are whatever a crawl stored: logs, tables, a forum thread of thousands of posts.
Each shape repeats one structure that a step of generic detection or of the rules looks at
(lines with one opening for the copy search, headings for the article's end, timestamps for
headline lists, blank runs for the layout, comment headers...), at growing sizes. The figure is
CPU microseconds per line, and the ratio of the largest size's per-line cost to the smallest's:
near 1 is linear; a quadratic step shows as a ratio near the size ratio. Costs per line grow a
little past 8,192 distinct lines, where the line caches stop holding a whole page.

Not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from cleaner import clean, load_rules
from cleaner.normalize import split_lines


def _material(data_dir: Path) -> tuple[list[str], list[str]]:
    """Long lines (paragraphs) and short ones (menus, headlines) from the data folder's pages."""
    long, short = [], []
    for path in sorted(data_dir.glob("*.input.txt")):
        for line in split_lines(path.read_text(encoding="utf-8")):
            (long if len(line) > 200 else short if 3 <= len(line) <= 60 else []).append(line)
    return long, short


def shapes(long: list[str], short: list[str]) -> dict[str, Callable[[int], list[str]]]:
    """Page builders: each takes a line count and returns that many lines of one shape."""
    rng = random.Random(0)
    opening = long[0][:40]
    pool = long + short

    def pairs(first: Callable[[int], str], second: Callable[[int], str]) -> Callable[[int], list[str]]:
        """A page of n lines: first(k), second(k) for k = 0, 1, ..."""
        return lambda n: [x for k in range(n // 2) for x in (first(k), second(k))]

    def para(k: int) -> str:
        return long[k % len(long)]

    return {
        "real lines, shuffled": lambda n: [rng.choice(pool) for _ in range(n)],
        "long lines with one opening (logs)": lambda n: [f"{opening} {k} {para(k)}" for k in range(n)],
        "one paragraph repeated": lambda n: [long[0]] * n,
        "paragraph, 'Related articles'": pairs(para, lambda k: "Related articles"),
        "headline, timestamp": pairs(lambda k: short[k % len(short)], lambda k: "10:15, 01.02.2025"),
        "comment header, comment": pairs(lambda k: f"user{k} says:", para),
        "short lines only (menus)": lambda n: [short[k % len(short)] for k in range(n)],
        "table rows": lambda n: [" | ".join(rng.sample(short, 6)) for _ in range(n)],
        "paragraph, 49 blank lines": lambda n: [x for k in range(n // 50) for x in (para(k), *[""] * 49)],
    }


def main() -> None:
    """Time each shape at each size and print the per-line cost and its growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--sizes", default="2000,8000,32000", help="line counts, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    long, short = _material(args.data_dir)
    rules = load_rules(env={})
    clean("warm up: load the stoplists.\n", rules)
    print(f"material: {len(long)} long and {len(short)} short lines from {args.data_dir}")
    print(f"{'shape':40s}" + "".join(f"{n:>10d}" for n in sizes) + f"{'growth':>9s}   (CPU us per line)")
    for name, build in shapes(long, short).items():
        per_line = []
        for n in sizes:
            text = "\n".join(build(n)) + "\n"
            started = time.process_time()
            clean(text, rules)
            per_line.append((time.process_time() - started) * 1e6 / n)
        growth = per_line[-1] / per_line[0]
        print(f"{name:40s}" + "".join(f"{c:10.1f}" for c in per_line) + f"{growth:9.1f}")


if __name__ == "__main__":
    main()
