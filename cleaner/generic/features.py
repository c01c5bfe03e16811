"""What the learned line model sees of each line: the detector's own view of it and of its neighbours.

One row per non-blank line (:func:`page_features`), built with numpy from the lists generic
detection already computed (:class:`cleaner.generic.model.Page`): the line's class and signal,
its length, words, stopword share and punctuation, the detector's verdict, region and headline,
its position in the page, the same for the three lines above and below, and the page's mode.
``FEATURES`` names every column; the model's reasons quote those names.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

import numpy as np

from cleaner.generic.lines import BAD, GOOD, LINE_CACHE_SIZE, NEAR, SHORT, _density, _line_facts
from cleaner.result import Reason

if TYPE_CHECKING:
    from cleaner.generic.model import Page

# The signals a line can carry (lines.py, shapes.py, pipeline.py), one column each.
SIGNALS = (
    "timestamp",
    "byline",
    "section-end",
    "comment",
    "copyright",
    "cta",
    "cookie",
    "repeated",
    "low-stopwords",
    "copy",
    "menu",
    "share-bar",
    "headline-list",
    "decided",
)

# One line's own columns, in order; "kept" is the detector's verdict before the model.
_OWN = (
    "good",
    "near-good",
    "short",
    "bad",
    *SIGNALS,
    "length",
    "words",
    "sentence-end",
    "stopwords",
    "digits",
    "capitals",
    "punctuation",
    "bullet",
    "colon-end",
    "token-length",
    "kept",
    "in-region",
    "score",
)
# What a neighbour contributes (a subset of _OWN, by name).
_NEAR = ("good", "near-good", "short", "bad", "length", "stopwords", "sentence-end", "kept", "in-region", "capitals")
# How far the neighbours reach, in non-blank lines.
CONTEXT_LINES = 3
# Windows (in non-blank lines each side) over which kept share and prose share are averaged.
WINDOWS = (5, 15)
_PAGE = (
    "headline",
    "title",
    "marked",
    "after-headline",
    "position",
    "from-region-start",
    "from-region-end",
    "inside-region-span",
    "broad",
    "page-score",
    "page-prose",
    "page-lines",
    "language-known",
    "page-kept",
)


def _names() -> tuple[str, ...]:
    """Every column's name: the line's own, its neighbours', windows, then page context."""
    near = [f"{name}@{off:+d}" for off in (*range(-CONTEXT_LINES, 0), *range(1, CONTEXT_LINES + 1)) for name in _NEAR]
    windows = [f"{what}~{w}" for w in WINDOWS for what in ("kept", "prose")]
    return (*_OWN, *near, *windows, *_PAGE)


FEATURES = _names()
_INDEX = {name: k for k, name in enumerate(_OWN)}
_NEAR_COLS = [_INDEX[name] for name in _NEAR]
_SIGNAL_COL = {name: _INDEX[name] for name in SIGNALS}
_CLASS_COL = {GOOD: 0, NEAR: 1, SHORT: 2, BAD: 3}


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _shape(raw: str) -> tuple[float, float, float, float, float, float]:
    """A line's typography: digit share, capitalised-word share, punctuation share, a bullet or
    number at its start, a colon at its end, mean token length."""
    text, _, toks, _, _ = _line_facts(raw)
    n = len(text)
    digits = sum(c.isdigit() for c in text) / n
    punct = sum(not c.isalnum() and not c.isspace() for c in text) / n
    words = text.split()
    caps = sum(w[:1].isupper() for w in words) / len(words) if words else 0.0
    bullet = float(text[:1] in "•·-–—*▪►»>|" or text[:1].isdigit())
    colon = float(text.endswith(":"))
    toklen = sum(map(len, toks)) / len(toks) if toks else 0.0
    return digits, caps, punct, bullet, colon, toklen


def page_features(page: Page, out: list[Reason | None]) -> tuple[list[int], np.ndarray]:
    """The non-blank lines' indexes and their feature rows (float32, one column per FEATURES)."""
    cls = page.cls
    rows = [i for i, c in enumerate(cls) if c is not None]
    m = len(rows)
    own = np.zeros((m, len(_OWN)), dtype=np.float32)
    if not m:
        return rows, np.zeros((0, len(FEATURES)), dtype=np.float32)
    lines = page.lines
    toks = [_line_facts(lines[i])[2] for i in rows]
    lang = page.lang
    ar = np.arange(m)
    own[ar, [_CLASS_COL[cls[i]] for i in rows]] = 1.0
    sig = [(k, _SIGNAL_COL[page.signal[i]]) for k, i in enumerate(rows) if page.signal[i] in _SIGNAL_COL]
    if sig:
        own[[k for k, _ in sig], [c for _, c in sig]] = 1.0
    base = _INDEX["length"]
    own[:, base] = np.log1p([page.length[i] for i in rows])
    own[:, base + 1] = np.log1p([page.words[i] for i in rows])
    own[:, base + 2] = [page.ends[i] for i in rows]
    if lang is not None:
        own[:, base + 3] = [_density(lines[i], lang) if t else 0.0 for i, t in zip(rows, toks, strict=True)]
    own[:, base + 4 : base + 10] = [_shape(lines[i]) for i in rows]
    own[:, base + 10] = [out[i] is None for i in rows]
    own[:, base + 11] = [page.region[i] for i in rows]
    own[:, base + 12] = np.sign(sc := np.array([page.score[i] for i in rows], dtype=np.float32)) * np.log1p(np.abs(sc))
    parts = [own]
    padded = np.zeros((m + 2 * CONTEXT_LINES, len(_NEAR)), dtype=np.float32)
    padded[CONTEXT_LINES : CONTEXT_LINES + m] = own[:, _NEAR_COLS]
    for off in (*range(-CONTEXT_LINES, 0), *range(1, CONTEXT_LINES + 1)):
        parts.append(padded[CONTEXT_LINES + off : CONTEXT_LINES + off + m])
    kept = own[:, _INDEX["kept"]]
    good = own[:, 0] + own[:, 1]
    for w in WINDOWS:
        for values in (kept, good):
            csum = np.concatenate(([0.0], np.cumsum(values)))
            lo = np.maximum(ar - w, 0)
            hi = np.minimum(ar + w + 1, m)
            parts.append(((csum[hi] - csum[lo]) / (hi - lo))[:, None])
    region_rows = [k for k, i in enumerate(rows) if page.region[i]]
    first, last = (region_rows[0], region_rows[-1]) if region_rows else (m, -1)
    ctx = np.zeros((m, len(_PAGE)), dtype=np.float32)
    head, titles, marked = page.head, page.titles, page.marked
    if head is not None:
        ctx[:, 0] = [i == head for i in rows]
        ctx[:, 3] = [i > head for i in rows]
    ctx[:, 1] = [i in titles for i in rows]
    ctx[:, 2] = [i in marked for i in rows]
    ctx[:, 4] = ar / m
    ctx[:, 5] = (ar - first) / m
    ctx[:, 6] = (ar - last) / m
    ctx[:, 7] = (ar >= first) & (ar <= last)
    ctx[:, 8] = page.broad
    ctx[:, 9] = math.log1p(max(page.top, 0))
    total = sum(page.length[i] for i in rows)
    ctx[:, 10] = page.prose / total if total else 0.0
    ctx[:, 11] = math.log1p(m)
    ctx[:, 12] = lang is not None
    ctx[:, 13] = kept.mean()
    parts.append(ctx)
    return rows, np.hstack(parts)
