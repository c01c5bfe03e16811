"""Neighbours and the safety net: jusText's context revision on lines, and never losing the article.

Steps 7-8 of generic detection (:func:`_revise`, :func:`_safety_net`).
"""

from __future__ import annotations

from cleaner.generic.lines import BAD, GOOD, NEAR, SHORT
from cleaner.result import Reason

# A page is "mostly article" when prose lines hold this share of its words; such a page never
# loses more than half its words. (At 0.5, comment threads and teaser walls qualified too:
# aeb fell from 0.870 to 0.848.)
MOSTLY_PROSE_DEFAULT = 0.8

# Context removes only label-like short lines ('Close', 'Caption', 'Image 1 of 8'): with
# jusText's revision on every short line, wcxb-dev lost 0.006 word F1 (subheads are content).
CONTEXT_MAX_WORDS_DEFAULT = 3


def _revise(cls: list[str | None]) -> list[str]:
    """jusText's context revision on lines: short and near-good lines follow their neighbours.

    A short line between good lines (skipping other short ones) becomes good, between bad ones
    bad; with one of each it becomes near-good, then, like a near-good line, good if a good
    line is next to it (skipping shorts) and bad otherwise. Page edges count as bad. Linear
    time: the nearest deciding neighbours are found in one pass each way.
    """
    seq = [c for c in cls if c is not None]
    first = _revise_pass(seq, lambda c, prev, nxt: prev if prev == nxt else NEAR, SHORT)
    second = _revise_pass(first, lambda c, prev, nxt: GOOD if GOOD in (prev, nxt) else BAD, NEAR)
    result = [BAD] * len(cls)
    k = 0
    for i, c in enumerate(cls):
        if c is not None:
            result[i] = second[k]
            k += 1
    return result


def _revise_pass(seq: list[str], decide, target: str) -> list[str]:
    """Replace each `target` class by decide(class, previous, next deciding neighbour).

    Neighbours skip short and near-good lines, as in jusText; the page edges count as bad.
    """
    m = len(seq)
    prev = [BAD] * m
    last = BAD
    for k in range(m):
        prev[k] = last
        if seq[k] is not SHORT and seq[k] is not NEAR:
            last = seq[k]
    nxt = [BAD] * m
    last = BAD
    for k in range(m - 1, -1, -1):
        nxt[k] = last
        if seq[k] is not SHORT and seq[k] is not NEAR:
            last = seq[k]
    return [decide(c, prev[k], nxt[k]) if c is target else c for k, c in enumerate(seq)]


def _safety_net(out: list[Reason | None], cls: list[str | None], signal: list[str], words: list[int]) -> None:
    """Give back prose lines when the page is mostly prose and we removed too much.

    Promises of the issue: never an empty output for a page holding an article, and never
    more than half a page's words removed when the page is mostly article: prose (good or
    near-good lines) makes MOSTLY_PROSE_DEFAULT of its words. Prose lines removed only by
    position or context (not by a signal of their own) come back.
    """
    prose = [i for i, c in enumerate(cls) if (c is GOOD or c is NEAR) and not signal[i]]
    if not prose:
        return
    total = sum(w for i, w in enumerate(words) if cls[i] is not None and signal[i] != "decided")
    kept = sum(words[i] for i, c in enumerate(cls) if c is not None and out[i] is None)
    prose_words = sum(words[i] for i in prose)
    if kept == 0 or (prose_words >= MOSTLY_PROSE_DEFAULT * total and kept * 2 < total):
        for i in prose:
            out[i] = None


# Signals that only weigh against a line: inside the main region, next to prose, it stays
# (a spec line or a repeated subhead in an article); elsewhere it goes.
_SOFT = frozenset({"low-stopwords", "repeated", "disclaimer"})


def _near_prose(cls: list[str | None], i: int) -> bool:
    """True when the nearest non-blank line above or below is good or near-good."""
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(cls) and cls[k] is None:
            k += step
        if 0 <= k < len(cls) and (cls[k] is GOOD or cls[k] is NEAR):
            return True
    return False
