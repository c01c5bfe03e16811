"""Print each line of a page with its generic verdict: ``python -m benchmarks.explain FILE``.

Lines kept print as ``  KEEP``; removed ones with their rule and detail. With ``--gold`` the
page's ``.gold.txt`` (beside an ``.input.txt``) marks lines that are in the gold text with ``*``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cleaner.generic import detect, detect_language
from cleaner.normalize import split_lines


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    lines = split_lines(path.read_text(encoding="utf-8"))
    gold_path = path.with_name(path.name.replace(".input.txt", ".gold.txt"))
    gold = set()
    if "--gold" in argv and gold_path.exists():
        gold = {g.strip() for g in split_lines(gold_path.read_text(encoding="utf-8")) if g.strip()}
    verdicts = detect(lines, [None] * len(lines), [False] * len(lines))
    print(f"language: {detect_language(lines)}")
    for i, (line, v) in enumerate(zip(lines, verdicts, strict=True), 1):
        mark = "*" if line.strip() in gold else " "
        verdict = "  KEEP" if v is None else f"  {v.rule} ({v.detail})"
        print(f"{i:4}{mark}{verdict[:40]:<42} {line[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
