"""The two published quality scores, exactly as /work/shared/data/README.md defines them.

1. Shingle F1 (Zyte's article-extraction-benchmark): case-sensitive ``\\w+`` tokens, 4-gram
   shingle multisets, per-page precision/recall, corpus F1 = harmonic mean of the mean page
   precision (over pages with non-empty output) and the mean page recall.
2. Word F1 (WCXB): lower-cased ``\\w+`` bag of words, page F1 from the multiset overlap,
   corpus score = mean page F1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4  # the benchmark's n


def tokens(text: str) -> list[str]:
    """Return the ``\\w+`` tokens of a text, case kept (Python's ``re`` is Unicode-aware)."""
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Return the multiset of n-gram shingles; 1..n-1 tokens give one shorter shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True, slots=True)
class PagePR:
    """Per-page shingle precision (None for an empty output) and recall."""

    precision: float | None
    recall: float


def shingle_pr(gold: str, output: str) -> PagePR:
    """Per-page shingle precision and recall.

    Precision is None for an empty output so that corpus precision skips it (the benchmark's
    rule: an empty output costs only recall). With nothing to recall (empty gold), recall is 1.
    Normalising TP/FP/FN to sum to 1 does not change either ratio, so raw counts are used.
    """
    g, o = shingles(gold), shingles(output)
    tp = sum((g & o).values())
    fp = sum(o.values()) - tp
    fn = sum(g.values()) - tp
    if fp == 0 and fn == 0:
        return PagePR(1.0, 1.0)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else 1.0
    return PagePR(precision, recall)


def corpus_shingle_f1(pages: Iterable[PagePR]) -> tuple[float, float, float]:
    """Return (precision, recall, F1) over pages, per the benchmark's corpus definition."""
    pages = list(pages)
    if not pages:
        return 0.0, 0.0, 0.0
    precs = [p.precision for p in pages if p.precision is not None]
    prec = sum(precs) / len(precs) if precs else 0.0
    rec = sum(p.recall for p in pages) / len(pages)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def word_f1(gold: str, output: str) -> float:
    """WCXB page word F1: lower-cased token bags; 1.0 if both empty, 0.0 if only one is."""
    g = Counter(t.lower() for t in tokens(gold))
    o = Counter(t.lower() for t in tokens(output))
    if not g and not o:
        return 1.0
    if not g or not o:
        return 0.0
    overlap = sum((g & o).values())
    if not overlap:
        return 0.0
    p = overlap / sum(o.values())
    r = overlap / sum(g.values())
    return 2 * p * r / (p + r)
