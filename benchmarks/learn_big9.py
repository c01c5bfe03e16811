"""Benchmark of `cleaner learn`: quality on big9-dev, seed-site agreement, and scaling.

Usage: ``python -m benchmarks.learn_big9 DATA_DIR [--part quality|seeds|scale|all] [--scale-pages 1000,5000,10000]``

DATA_DIR is the big9-dev folder (``<site>-<year>/<id>.input.txt`` + ``.gold.txt``); nothing is copied
into the repo. Not a test: it prints figures and asserts nothing.

* quality: per site-year folder (a site's template changes between 2005 and 2009, so a folder is the
  honest unit), rules are learned on half of the pages (sorted names, even indices) and the other
  half is cleaned. Shingle F1 against gold for generic detection alone and for the learned rules
  plus generic detection, side by side, with the corpus figure over all held-out pages.
* seeds: pages generated from the two seed sites' layouts (:mod:`benchmarks.seedgen`); learn from
  them and report line-level agreement with what the hand-written rules in ``rules/`` remove.
* scale: 1k/5k/10k pages synthesised from one big9 site (its template lines, its article
  paragraphs recombined, fresh dates and numbers); time and peak traced memory of learning,
  against the number of distinct lines and of pages x lines.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.metrics import corpus_shingle_f1, shingle_pr
from cleaner.core import clean
from cleaner.generic import detect
from cleaner.learn import learn
from cleaner.normalize import is_blank, split_lines
from cleaner.rules import build_ruleset


def _generic_only(text: str) -> str:
    """Generic detection with no rules decided: the lines it keeps."""
    lines = split_lines(text)
    verdicts = detect(lines, [None] * len(lines), [False] * len(lines))
    return "\n".join(line for line, v in zip(lines, verdicts, strict=True) if v is None and not is_blank(line))


def quality(root: Path, show_rules: bool) -> None:
    """Learn on even pages, clean odd pages, per site-year; print F1 side by side."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and any(p.glob("*.input.txt")))
    print(f"{'site-year':<18} {'rules':>5} {'generic P/R/F1':>20} {'learned+generic P/R/F1':>24}  delta")
    all_gen, all_learn, per_site = [], [], []
    t0 = time.perf_counter()
    for folder in folders:
        inputs = sorted(folder.glob("*.input.txt"))
        train = [p.read_text(encoding="utf-8") for p in inputs[0::2]]
        test = inputs[1::2]
        result = learn(train, folder.name)
        ruleset = build_ruleset([[result.rule_file]])
        gen, lrn = [], []
        for path in test:
            text = path.read_text(encoding="utf-8")
            gold = path.with_name(path.name.replace(".input.txt", ".gold.txt")).read_text(encoding="utf-8")
            gen.append(shingle_pr(gold, _generic_only(text)))
            lrn.append(shingle_pr(gold, clean(text, ruleset, site=folder.name).text))
        g, s = corpus_shingle_f1(gen), corpus_shingle_f1(lrn)
        per_site.append((g[2], s[2]))
        all_gen += gen
        all_learn += lrn
        print(
            f"{folder.name:<18} {len(result.rules):>5} {g[0]:6.3f} {g[1]:6.3f} {g[2]:6.3f}   "
            f"{s[0]:6.3f} {s[1]:6.3f} {s[2]:6.3f}   {s[2] - g[2]:+.3f}"
        )
        if show_rules:
            print(result.report())
    g, s = corpus_shingle_f1(all_gen), corpus_shingle_f1(all_learn)
    print(
        f"{'ALL (corpus)':<18} {'':>5} {g[0]:6.3f} {g[1]:6.3f} {g[2]:6.3f}   {s[0]:6.3f} {s[1]:6.3f} {s[2]:6.3f}   "
        f"{s[2] - g[2]:+.3f}"
    )
    mg = sum(a for a, _ in per_site) / len(per_site)
    ms = sum(b for _, b in per_site) / len(per_site)
    worse = [f.name for f, (a, b) in zip(folders, per_site, strict=True) if b < a]
    print(f"{'mean of sites':<18} {'':>5} {'':>13} {mg:6.3f}   {'':>13} {ms:6.3f}   {ms - mg:+.3f}")
    print(f"held-out pages: {len(all_gen)}; sites where learned+generic < generic: {worse or 'none'}")
    print(f"time: {time.perf_counter() - t0:.1f}s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--part", choices=["quality", "seeds", "scale", "all"], default="all")
    ap.add_argument("--show-rules", action="store_true", help="print each site's learn report")
    ap.add_argument("--scale-pages", default="1000,5000,10000")
    args = ap.parse_args(argv)
    if args.part in ("quality", "all"):
        quality(args.data_dir, args.show_rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
