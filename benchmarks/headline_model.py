"""Train and check the headline ranker (cleaner/generic/headrank.py) on pages with known headlines.

    python -m benchmarks.headline_model ../shared/data            # cross-checked figures
    python -m benchmarks.headline_model ../shared/data --write    # and retrain headrank.json

A page's headline is known on aeb (the first ``<h1>`` of its ``.html.gz`` that is an input
line) and on big9-dev (the gold text's first line, its headline, when an input line). Each such
page's first detection pass gives the candidates (the lines above the article) and their
features; the headline is the label. Pages whose headline is not among the candidates (it lies in
the article's region, or farther up) teach nothing: the ranker's pick is kept besides the rules'
one, so it only has to rank. The model is a conditional logit (a softmax over each page's
candidates), fitted by gradient descent with L2 (numpy, at training time only).

Cross-check: the weights are fitted on big9-dev and one half of aeb, then scored, through the
whole ``clean()``, on the other half (aeb's ``--half`` split of benchmarks.quality), both ways;
the figure is the share of pages whose headline is kept. ``--write`` fits on all pages.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import cleaner.generic.headrank as headrank
import cleaner.generic.pipeline as pipeline
from benchmarks.quality import headline_kept, headlines
from cleaner import clean

L2_DEFAULT = 0.01
STEPS_DEFAULT = 3000
RATE_DEFAULT = 0.1


def known_headlines(data: Path) -> list[tuple[str, str, str]]:
    """(set and page id, page text, headline) for every page whose headline is known."""
    out = []
    aeb = data / "aeb"
    for pid, head in sorted(headlines(aeb).items()):
        out.append((f"aeb/{pid}", (aeb / f"{pid}.input.txt").read_text(encoding="utf-8"), head))
    for gold in sorted((data / "big9-dev").rglob("*.gold.txt")):
        first = next((" ".join(g.split()) for g in gold.read_text(encoding="utf-8").splitlines() if g.strip()), "")
        text = gold.with_name(gold.name.replace(".gold.txt", ".input.txt")).read_text(encoding="utf-8")
        if first and first in {" ".join(line.split()) for line in text.splitlines()}:
            out.append((f"big9/{gold.parent.name}/{gold.name}", text, first))
    return out


def page_candidates(text: str, head: str) -> tuple[np.ndarray, int] | None:
    """The first detection pass's candidates' features, and the headline's row (-1: none)."""
    seen: list[list[Any]] = []
    real: Callable[..., Any] = pipeline.ranked_headline

    def capture(lines: Any, cls: Any, signal: Any, words: Any, start: int, lang: Any, pick: Any) -> None:
        if not seen:
            rows = headrank.candidates(lines, cls, signal, words, start, lang, pick)
            seen.append([(k, lines[k], f) for k, f in rows])

    pipeline.ranked_headline = capture  # read the features the pipeline would score; keep its verdicts rule-only
    try:
        clean(text)
    finally:
        pipeline.ranked_headline = real
    if not seen or not seen[0]:
        return None
    rows = seen[0]
    label = next((i for i, (_, line, _) in enumerate(rows) if " ".join(line.split()) == head), -1)
    return np.array([f for _, _, f in rows], dtype=float), label


def fit(pages: list[tuple[np.ndarray, int]], l2: float, steps: int, rate: float) -> np.ndarray:
    """Weights maximising each page's softmax likelihood of its label (Adam steps)."""
    w = np.zeros(len(headrank.FEATURES))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        grad = l2 * w
        for x, label in pages:
            s = x @ w
            e = np.exp(s - s.max())
            p = e / e.sum()
            grad = grad + (p @ x - x[label]) / len(pages)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w = w - rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def kept_share(pages: list[tuple[str, str, str]], weights: np.ndarray | None) -> float:
    """The share of pages whose headline clean() keeps, with these weights (None: the shipped ones;
    zeros: the rules alone, as no line then scores above the ranker's floor)."""
    saved = headrank.WEIGHTS
    if weights is not None:
        headrank.set_weights(weights)
    try:
        return sum(headline_kept(head, clean(text).text) for _, text, head in pages) / max(1, len(pages))
    finally:
        headrank.set_weights(saved)


def main(argv: list[str] | None = None) -> int:
    """Cross-check the ranker on aeb's halves; with --write, refit on everything and save."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path, help="the dev set's folder (holds aeb/ and big9-dev/)")
    ap.add_argument("--write", action="store_true", help="refit on all pages and write headrank.json")
    ap.add_argument("--l2", type=float, default=L2_DEFAULT)
    ap.add_argument("--steps", type=int, default=STEPS_DEFAULT)
    args = ap.parse_args(argv)
    known = known_headlines(args.data_dir)
    feats = {}
    for name, text, head in known:
        got = page_candidates(text, head)
        if got is not None:
            feats[name] = got
    aeb = [p for p in known if p[0].startswith("aeb/")]
    big9 = [p for p in known if p[0].startswith("big9/")]
    halves = {"a": aeb[0::2], "b": aeb[1::2]}
    print(f"pages with a known headline: aeb {len(aeb)}, big9-dev {len(big9)}")
    zero = np.zeros(len(headrank.FEATURES))
    for test, train in (("a", "b"), ("b", "a")):
        train_pages = [feats[n] for n, _, _ in halves[train] + big9 if n in feats and feats[n][1] >= 0]
        w = fit(train_pages, args.l2, args.steps, RATE_DEFAULT)
        print(
            f"aeb half {test}: headline kept {kept_share(halves[test], zero):.3f} rules only -> "
            f"{kept_share(halves[test], w):.3f} ranked (fitted on aeb half {train} + big9-dev)"
        )
    if args.write:
        w = fit([feats[n] for n, _, _ in known if n in feats and feats[n][1] >= 0], args.l2, args.steps, RATE_DEFAULT)
        out = {"features": list(headrank.FEATURES), "weights": [round(float(x), 4) for x in w]}
        headrank._WEIGHTS_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {headrank._WEIGHTS_FILE}")
        for name, x in sorted(zip(headrank.FEATURES, w, strict=True), key=lambda t: -abs(t[1])):
            print(f"  {name:<14} {x:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
