"""Held-out figures of the learned line model: train on one half of the dev pages, score the other.

Usage: ``python -m benchmarks.model_eval DATA_DIR... [--grid] [--trees N] [--depth N] [--cache FILE]``

Pages are split as ``benchmarks.quality --half`` splits them (even pages a, odd b, per folder).
The model is trained on half a of every folder and scored on half b, then the other way round;
each figure is on pages the model never saw. Scored: the first pass of ``clean()`` (bundled
rules, generic detection) without the model, and with it under each decoding setting. Shingle F1
and word F1 per folder and per wcxb page type. Not a test: it prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmarks.metrics import SHINGLE_SIZE, PagePR, corpus_shingle_f1, shingles, tokens
from benchmarks.quality import page_types
from cleaner.generic.model import load_model, save_model
from cleaner.rules import load_rules
from cleaner.train import DECODE_DEFAULT, collect, decode, find_pages, train


def load(folders: list[Path], cache: Path | None) -> dict[str, dict[str, list]]:
    """Samples per folder and half."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    rules = load_rules(env={})
    out: dict[str, dict[str, list]] = {}
    for root in folders:
        pages = find_pages([root])
        types = page_types(root)
        out[root.name] = {
            "a": collect(pages[0::2], rules, types),
            "b": collect(pages[1::2], rules, types),
        }
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def _prepare(s: Any) -> None:
    """Cache what scoring a sample needs: the gold's shingles and words, each line's tokens."""
    if "gold_sh" not in s.extra:
        s.extra["gold_sh"] = shingles(s.gold)
        s.extra["gold_w"] = Counter(t.lower() for t in tokens(s.gold))
        s.extra["toks"] = [tokens(line) for line in s.lines]


def _page_scores(s: Any, kept: list[bool]) -> tuple[PagePR, float]:
    """Shingle precision/recall and word F1 of a sample's output (as benchmarks.metrics scores it)."""
    toks = [t for line, k in zip(s.extra["toks"], kept, strict=True) if k for t in line]
    g = s.extra["gold_sh"]
    if not toks:
        o: Counter = Counter()
    elif len(toks) < SHINGLE_SIZE:
        o = Counter([tuple(toks)])
    else:
        o = Counter(tuple(toks[i : i + SHINGLE_SIZE]) for i in range(len(toks) - SHINGLE_SIZE + 1))
    tp = sum((g & o).values())
    fp, fn = sum(o.values()) - tp, sum(g.values()) - tp
    if fp == 0 and fn == 0:
        pr = PagePR(1.0, 1.0)
    else:
        pr = PagePR(tp / (tp + fp) if tp + fp else None, tp / (tp + fn) if tp + fn else 1.0)
    gw, ow = s.extra["gold_w"], Counter(t.lower() for t in toks)
    if not gw and not ow:
        wf = 1.0
    elif not gw or not ow:
        wf = 0.0
    else:
        common = sum((gw & ow).values())
        p, r = common / sum(ow.values()), common / sum(gw.values())
        wf = 2 * p * r / (p + r) if p + r else 0.0
    return pr, wf


def score(samples: list, kept_lists: list[list[bool]]) -> dict[str, tuple[float, float, int]]:
    """Shingle F1 and word F1 per page type (and ALL) of the outputs."""
    prs, wfs = defaultdict(list), defaultdict(list)
    for s, kept in zip(samples, kept_lists, strict=True):
        _prepare(s)
        pr, wf = _page_scores(s, kept)
        for key in ("ALL", s.ptype) if s.ptype else ("ALL",):
            prs[key].append(pr)
            wfs[key].append(wf)
    return {k: (corpus_shingle_f1(prs[k])[2], sum(wfs[k]) / len(wfs[k]), len(wfs[k])) for k in prs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", type=Path, nargs="+")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--decode", help="one decoding setting as JSON (default: cleaner.train's)")
    ap.add_argument("--grid", action="store_true", help="try several decoding settings")
    ap.add_argument("--trees", type=int, default=120)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--load", type=Path, help="score the models SAVE wrote to this folder instead of training")
    ap.add_argument("--save", type=Path, help="write the model trained on half a to SAVE/half-a.npz (and b)")
    args = ap.parse_args(argv)
    data = load(args.folders, args.cache)
    settings = [{**DECODE_DEFAULT, **json.loads(args.decode)}] if args.decode else [DECODE_DEFAULT]
    if args.grid:
        settings = [
            {**DECODE_DEFAULT, "remove_below": r, "max_drop": m, "core": c, "headline": h}
            for r, m, c, h in itertools.product((0.4, 0.5), (1.0, 0.3), (False, True), (False, True))
        ]
    for train_half, test_half in (("a", "b"), ("b", "a")):
        t0 = time.process_time()
        if args.load:
            model = load_model(args.load / f"half-{train_half}.npz")
        else:
            model = train([s for d in data.values() for s in d[train_half]], trees=args.trees, depth=args.depth)
        print(f"train on {train_half}: {time.process_time() - t0:.0f} CPU s", flush=True)
        if args.save and not args.load:
            args.save.mkdir(parents=True, exist_ok=True)
            model.params.update(settings[0])  # the file decodes with the first setting
            save_model(model, args.save / f"half-{train_half}.npz")
        for name, halves in data.items():
            test = halves[test_half]
            probs = [_raw(model, s) for s in test]
            base = score(test, [s.kept for s in test])
            for key in sorted(base):
                sh, w, n = base[key]
                print(f"  test {test_half} {name:<10} {key:<14} n={n:<4} base sh={sh:.4f} w={w:.4f}")
            for params in settings:
                res = score(test, [decode(s, p, params) for s, p in zip(test, probs, strict=True)])
                diffs = " ".join(
                    f"{k}:{res[k][0] - base[k][0]:+.4f}/{res[k][1] - base[k][1]:+.4f}" for k in sorted(res)
                )
                print(f"    {json.dumps(params)} {diffs}", flush=True)
    return 0


def _raw(model: Any, s: Any) -> Any:
    """The unsmoothed content probability of a sample's rows (decode smooths it by its own setting)."""
    import numpy as np

    m = model.margin(s.x) if len(s.x) else np.zeros(0)
    return 1.0 / (1.0 + np.exp(-m))


if __name__ == "__main__":
    sys.exit(main())
