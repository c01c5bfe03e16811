"""Train the learned line model (``cleaner train``) from pages with their gold text.

A page is ``<id>.input.txt`` with ``<id>.gold.txt`` beside it (the dev set's layout) or
``<id>.expected.txt`` (a golden case's). Each input line is labelled by aligning it with the
gold: content when most of its 4-token shingles (the quality benchmark's tokens and shingles)
occur in the gold text. Features are what generic detection computed on the page in the first
pass of ``clean()`` (:mod:`cleaner.generic.features`), so the model learns where the
hand-tuned detector is wrong. The trees are oblivious and boosted on the logistic loss with
numpy alone; every step is seeded, so the same pages give the same model file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError
from cleaner.generic.model import LineModel, Page, in_core
from cleaner.result import Reason
from cleaner.rules import RuleSet

_TOKEN = re.compile(r"\w+")  # benchmarks/metrics.py's tokens: case kept
SHINGLE = 4
# A line is content when at least this share of its shingles is in the gold.
CONTENT_SHARE = 0.5
GOLD_SUFFIXES = (".gold.txt", ".expected.txt")

# Boosting: trees, levels per tree, learning rate, candidate thresholds per feature, L2 on leaves,
# share of rows each tree sees. Measured on the dev halves (docs/generic.md: The model).
TREES_DEFAULT = 120
DEPTH_DEFAULT = 6
RATE_DEFAULT = 0.15
BINS_DEFAULT = 32
L2_DEFAULT = 1.0
SUBSAMPLE_DEFAULT = 0.5
SEED_DEFAULT = 1

# Decoding: a kept line goes under this smoothed content probability, a removed one comes back
# over the other; 'smooth' is each neighbour's weight. Pages in broad mode (listings, shops,
# forums) are left to the region logic unless 'broad' is set.
# 'max_drop': the share of a page's kept words the model may remove; past it the page keeps the
# detector's verdicts (a model sure that an article is junk is wrong more often than not).
# 'core': lines from the region's first to its last good line stay the detector's. 'headline':
# only pages where generic detection found the article's headline (news pages) are revised.
# 'top': lines above the core's first good line stay the detector's (the headline, when
# _headline missed it: without this, aeb kept its <h1> on 0.62 of pages instead of 0.71).
DECODE_DEFAULT: dict[str, Any] = {
    "remove_below": 0.4,
    "keep_above": 1.01,
    "smooth": 0.0,
    "broad": False,
    "max_drop": 0.3,
    "core": False,
    "headline": False,
    "top": True,
}


class TrainError(CleanerError):
    """No page to learn from, or pages without gold."""


@dataclass
class Sample:
    """One page's rows: features, labels, weights, and what scoring the page needs."""

    pid: str
    lines: list[str]
    rows: list[int]
    x: Any
    content: Any  # share of each row's shingles in the gold
    weight: Any
    kept: list[bool]  # the detector's verdict per line (first pass, before any model)
    decided: list[bool]  # removed by a rule or protected: the model never touches them
    head: int | None
    broad: bool
    gold: str
    ptype: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def find_pages(paths: Iterable[Path]) -> list[tuple[str, Path, Path]]:
    """Every ``<id>.input.txt`` with its gold under the paths (folders searched recursively)."""
    found = []
    for root in paths:
        inputs = [root] if root.is_file() else sorted(root.rglob("*.input.txt"))
        for path in inputs:
            stem = path.name.removesuffix(".input.txt")
            gold = next((g for s in GOLD_SUFFIXES if (g := path.with_name(stem + s)).exists()), None)
            if gold is not None:
                found.append((stem, path, gold))
    if not found:
        raise TrainError("no page with gold text: expected <id>.input.txt beside <id>.gold.txt or <id>.expected.txt")
    return found


def line_content(lines: Sequence[str], gold: str) -> list[float]:
    """Each line's share of shingles found in the gold (lines of 1-3 tokens: found as a run); -1 for no token."""
    gtoks = _TOKEN.findall(gold)
    grams = {tuple(gtoks[i : i + SHINGLE]) for i in range(max(len(gtoks) - SHINGLE + 1, 0))}
    short = {tuple(gtoks[i : i + n]) for n in range(1, SHINGLE) for i in range(len(gtoks) - n + 1)}
    out = []
    for line in lines:
        toks = _TOKEN.findall(line)
        if not toks:
            out.append(-1.0)
        elif len(toks) < SHINGLE:
            out.append(float(tuple(toks) in short or (len(gtoks) < SHINGLE and tuple(toks) == tuple(gtoks))))
        else:
            sh = [tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)]
            out.append(sum(s in grams for s in sh) / len(sh))
    return out


class _Recorder:
    """Stands in for a model inside detect(): keeps the first pass's features, changes nothing."""

    def __init__(self) -> None:
        self.seen: list[tuple[Page, list[int], Any, list[bool], int | None, bool]] = []

    def revise(self, page: Page, out: list[Reason | None]) -> None:
        """Record the page's rows and the detector's verdicts (first pass only)."""
        if self.seen:
            return
        from cleaner.generic.features import page_features

        rows, x = page_features(page, out)
        self.seen.append((page, rows, x, [r is None for r in out], page.head, page.broad))


def sample_page(pid: str, text: str, gold: str, rules: RuleSet, ptype: str = "") -> Sample | None:
    """The page's rows as clean()'s first pass sees them, with labels from its gold; None if empty."""
    import numpy as np

    from cleaner.core import clean

    rec = _Recorder()
    clean(text, rules, model=rec)
    if not rec.seen:
        return None
    page, rows, x, kept, head, broad = rec.seen[0]
    if not rows:
        return None
    lines = list(page.lines)
    share = np.array(line_content([lines[i] for i in rows], gold), dtype=np.float32)
    ntok = np.array([page.words[i] for i in rows], dtype=np.float32)
    total = float(ntok.sum()) or 1.0
    decided = [page.decided[i] is not None or page.protected[i] for i in range(len(lines))]
    sample = Sample(pid, lines, rows, x, share, 100.0 * ntok / total, kept, decided, head, broad, gold, ptype)
    sample.extra["words"] = [page.words[i] for i in rows]
    sample.extra["core"] = in_core(page, rows)
    return sample


def collect(
    pages: Sequence[tuple[str, Path, Path]], rules: RuleSet, types: dict[str, str] | None = None
) -> list[Sample]:
    """Samples for pages found by :func:`find_pages`."""
    out = []
    for pid, inp, gold in pages:
        s = sample_page(
            pid, inp.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8"), rules, (types or {}).get(pid, "")
        )
        if s is not None:
            out.append(s)
    return out


def fit(
    x: Any,
    y: Any,
    w: Any,
    *,
    trees: int = TREES_DEFAULT,
    depth: int = DEPTH_DEFAULT,
    rate: float = RATE_DEFAULT,
    bins: int = BINS_DEFAULT,
    l2: float = L2_DEFAULT,
    subsample: float = SUBSAMPLE_DEFAULT,
    seed: int = SEED_DEFAULT,
) -> tuple[Any, Any, Any, float]:
    """Boost oblivious trees on the weighted logistic loss: (features, thresholds, leaves, base)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n, nf = x.shape
    # Candidate thresholds: quantiles of each feature; bin b means "above b thresholds".
    cuts = []
    binned = np.zeros((n, nf), dtype=np.int32)
    for f in range(nf):
        col = x[:, f]
        qs = np.unique(np.quantile(col, np.linspace(0, 1, bins + 1)[1:-1], method="lower"))
        qs = qs[qs < col.max()] if len(qs) else qs
        cuts.append(qs.astype(np.float32))
        binned[:, f] = np.searchsorted(qs, col, side="left")
    flat = binned + (np.arange(nf, dtype=np.int32) * bins)[None, :]
    pos = float((w * y).sum()) / float(w.sum())
    base = float(np.log(pos / (1 - pos)))
    margin = np.full(n, base)
    feat = np.zeros((trees, depth), dtype=np.int64)
    thr = np.zeros((trees, depth), dtype=np.float32)
    leaves = np.zeros((trees, 1 << depth), dtype=np.float64)
    for t in range(trees):
        p = 1.0 / (1.0 + np.exp(-margin))
        g, h = w * (p - y), w * p * (1 - p)
        pick = np.flatnonzero(rng.random(n) < subsample)
        leaf = np.zeros(len(pick), dtype=np.int64)
        fl, gp, hp = flat[pick], g[pick], h[pick]
        for d in range(depth):
            size = (1 << d) * nf * bins
            idx = (leaf[:, None] * (nf * bins) + fl).ravel()
            hg = np.bincount(idx, np.repeat(gp, nf), size).reshape(1 << d, nf, bins)
            hh = np.bincount(idx, np.repeat(hp, nf), size).reshape(1 << d, nf, bins)
            cg, ch = hg.cumsum(axis=2), hh.cumsum(axis=2)  # rows at or below each bin: "left"
            tg, th = cg[:, :, -1:], ch[:, :, -1:]
            gain = (cg**2 / (ch + l2) + (tg - cg) ** 2 / (th - ch + l2)).sum(axis=0)  # (nf, bins)
            for f in range(nf):
                gain[f, len(cuts[f]) :] = -np.inf
            f, b = np.unravel_index(int(np.argmax(gain)), gain.shape)
            feat[t, d], thr[t, d] = f, cuts[f][b] if len(cuts[f]) else np.inf
            leaf = leaf + ((fl[:, f] - f * bins > b).astype(np.int64) << d)
        # Leaf values from every row (not only the subsample): Newton steps, shrunk by the rate.
        full = ((x[:, feat[t]] > thr[t]).astype(np.int64) << np.arange(depth)).sum(axis=1)
        sg = np.bincount(full, g, 1 << depth)
        sh = np.bincount(full, h, 1 << depth)
        leaves[t] = -rate * sg / (sh + l2)
        margin = margin + leaves[t][full]
    return feat, thr, leaves, base


def stack(samples: Sequence[Sample]) -> tuple[Any, Any, Any]:
    """Rows, binary labels and weights of samples, lines without tokens left out."""
    import numpy as np

    x = np.vstack([s.x for s in samples])
    c = np.concatenate([s.content for s in samples])
    w = np.concatenate([s.weight for s in samples])
    keep = c >= 0
    return x[keep], (c[keep] >= CONTENT_SHARE).astype(np.float64), w[keep].astype(np.float64)


def train(samples: Sequence[Sample], decode: dict[str, Any] | None = None, **kw: Any) -> LineModel:
    """A model fitted on the samples, with the decoding thresholds given (default DECODE_DEFAULT)."""
    from cleaner.generic.features import FEATURES

    if not samples:
        raise TrainError("no page with lines to learn from")
    x, y, w = stack(samples)
    feat, thr, leaves, base = fit(x, y, w, **kw)
    params = {**DECODE_DEFAULT, **(decode or {})}
    return LineModel(feat, thr, leaves, base, params, FEATURES)


def decode(s: Sample, p: Any, params: dict[str, Any]) -> list[bool]:
    """Which lines stay when the model with ``params`` revises the first pass's verdicts (as LineModel.revise)."""
    from cleaner.generic.model import choose, smooth

    kept = list(s.kept)
    if (s.broad and not params.get("broad", False)) or (s.head is None and params.get("headline", False)):
        return kept
    words = s.extra["words"]
    free = [not (i == s.head or s.decided[i] or not w) for i, w in zip(s.rows, words, strict=True)]
    p = smooth(p, float(params.get("smooth", 0.0)))
    drop, back = choose(p, [kept[i] for i in s.rows], free, words, params, s.extra["core"])
    for k in drop:
        kept[s.rows[k]] = False
    for k in back:
        kept[s.rows[k]] = True
    return kept


def output(s: Sample, kept: Sequence[bool]) -> str:
    """The page's text with only the kept lines."""
    return "\n".join(line for line, k in zip(s.lines, kept, strict=True) if k and line.strip())
