"""Dump every verdict of clean() and detect() on a set of pages, to compare two versions line by line.

Usage: ``python -m benchmarks.verdicts OUT.txt DATA_DIR [DATA_DIR ...]``, once on each version,
then ``cmp`` (or ``diff``) the two dumps: a refactoring that changes nothing gives the same file.
Each page gives its language, site, stats and, per line, the rule, score and detail of both
``clean()`` (bundled rules) and ``detect()`` alone (generic mode). Not a test: it writes a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.quality import load_pages
from cleaner import clean, load_rules
from cleaner.generic import detect, detect_language
from cleaner.normalize import split_lines


def _reason(r: object) -> str:
    """One verdict as text: '-' for a kept line."""
    return "-" if r is None else f"{r.rule}|{r.score}|{r.detail}"  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out, roots = Path(args[0]), [Path(a) for a in args[1:]]
    rules = load_rules(env={})
    with out.open("w", encoding="utf-8") as fh:
        for root in roots:
            for pid, _ptype, text, _gold in load_pages(root, None, None):
                lines = split_lines(text)
                result = clean(text, rules)
                generic = detect(lines, [None] * len(lines), [False] * len(lines))
                fh.write(f"## {root.name}/{pid} {detect_language(lines)} {result.site} {result.stats}\n")
                for a, b in zip(result.reasons, generic, strict=True):
                    fh.write(f"{_reason(a)}\t{_reason(b)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
