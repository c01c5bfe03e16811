"""The article's headline, ranked: a small learned model over the lines above the article.

Part of step 7 of generic detection. :func:`cleaner.generic.headline._headline` picks a
headline by hand-written rules (nearest line of a headline's shape, one with a date under it,
one on the article's topic); those rules lose the headline where a photo caption or a teaser
on the topic stands nearer, or where the headline sits right under the site's menu with no
date below. This module scores every line above the article by what makes a headline (its
shape, its words on the article's topic, a date or byline under it, the menu above it, the
rules' own pick) with weights learned from the dev pages' headlines (``headrank.json``), and
keeps the best-scoring line besides the rules' pick. Pure Python: a dot product per line; the
weights are a list of numbers in a file of under 2 kB.

Both are kept: the rules' pick and the ranker's agree on most pages, and where they do not, one
more short line kept costs less than a headline lost. 2026-12-02, `python -m
benchmarks.headline_model ../shared/data` (fitted on big9-dev and one half of aeb, scored on the
other): aeb headline kept 0.810 -> 0.848 (half a), 0.810 -> 0.835 (half b); with the shipped
weights (fitted on all), `python -m benchmarks.quality ../shared/data/SET --no-peers`: aeb
`<h1>` kept 0.810 -> 0.842, shingle F1 aeb 0.904 -> 0.904, big9-dev 0.948 -> 0.948 (word F1
0.951 -> 0.952), wcxb-dev word F1 0.808 -> 0.808 (no page type down more than 0.001), seeds
1.000. Cost: 22.56 -> 23.31 M instructions per aeb page, cold caches (+3%; `valgrind
--tool=callgrind python -m benchmarks.hotpath ../shared/data/aeb --rounds 1 --cold`, less
``--rounds 0``).

Retrain: ``python -m benchmarks.headline_model ../shared/data --write`` (see docs/generic.md).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

from cleaner.generic.headline import (
    _BETWEEN,
    _LIST_MARKERS_ABOVE,
    HEADLINE_TOPIC_MIN_WORDS_DEFAULT,
    HEADLINE_TOPIC_SHARE_DEFAULT,
    HEADLINE_TOPIC_STEM_DEFAULT,
    _has_lower,
    _meta_line,
    _not_headline,
    _topic_words,
)
from cleaner.generic.language import _stoplist
from cleaner.generic.lines import GOOD, LINE_CACHE_SIZE, NEAR, SHORT, _line_facts

# Lines scored: this many non-blank lines above the article's first line (a box of video teasers
# may stand between a headline and its text), of at most this many words. The cross-check of
# `python -m benchmarks.headline_model ../shared/data` (2026-12-02) is the same at 30, 40 and
# 60 lines, lower at 20 (aeb half a 0.848 -> 0.823); each line scored costs time in every pass.
HEADRANK_MAX_LINES_DEFAULT = 30
HEADRANK_MAX_WORDS_DEFAULT = 30
# A date, byline or credit this close below (non-blank lines) is a headline's meta line.
HEADRANK_META_DISTANCE_DEFAULT = 3

# The ranker's pick is kept only when it scores above this: a line of tags or a toolbar's label
# in the headline place scores 0.5-1.7, headlines the rules miss 1.7-5 (2026-12-02, `python -m
# benchmarks.headline_model ../shared/data`, the pages where the two picks differ).
HEADRANK_MIN_SCORE_DEFAULT = 2.0
# The signals a menu's lines carry: a line right under one begins the page's own content.
_NAV = frozenset({"menu", "decided"})
# The features, in the weights' order (headrank.json names them too, checked on load): first what
# a line shows on its own (cached per line), then where it stands in the page.
OWN_FEATURES = (
    "log-words",  # log of its word count
    "few-words",  # three words or fewer
    "ends-stop",  # a full stop or colon at its end
    "ends-exclaim",  # '!' or '?' at its end
    "not-headline",  # a clock time, date, handle, link or credit (headline.py's _NOT_HEADLINE)
    "meta-line",  # a credit or author line (headline.py's _meta_line)
    "lower-case",  # a word in lower case (a tag line has none)
    "all-caps",  # every letter a capital
)
PAGE_FEATURES = (
    "log-distance",  # log of 1 + the lines between it and the article
    "topic-words",  # its words in the article's opening (at most 6), / 6
    "topic-share",  # the share of its words that are
    "on-topic",  # on topic by headline.py's rule (two words and half of them)
    "meta-below",  # a date, byline or credit within HEADRANK_META_DISTANCE_DEFAULT lines below
    "menu-above",  # the line above is a menu's (or there is none)
    "first-shaped",  # the nearest line of a headline's shape (4+ words, no stop at its end, no date)
    "no-signal",
    "low-stopwords",
    "repeated",
    "headline-list",
    "menu",
    "other-signal",  # a signal of its own other than what stands between a headline and its text
    "good",
    "near-good",
    "short",
    "prose-between",  # a paragraph of no signal between it and the article
    "rules-pick",  # headline.py's rules picked it
)
FEATURES = OWN_FEATURES + PAGE_FEATURES
_WEIGHTS_FILE = Path(__file__).with_name("headrank.json")


def load_weights(path: Path = _WEIGHTS_FILE) -> tuple[float, ...]:
    """The ranker's weights, one per feature; a file naming other features is refused."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES or len(data["weights"]) != len(FEATURES):
        raise ValueError(f"{path}: features {data['features']} are not {list(FEATURES)}")
    return tuple(float(w) for w in data["weights"])


WEIGHTS = load_weights()
# Signals with a feature of their own; what stands between a headline and its text has none.
_SIGNAL_FEATURES = {"": "no-signal", "low-stopwords": "low-stopwords", "repeated": "repeated"}
_SIGNAL_FEATURES |= {"headline-list": "headline-list", "menu": "menu"}
_CLASS_FEATURES = {GOOD: "good", NEAR: "near-good", SHORT: "short"}
# log1p of each distance scored, computed once.
_LOG_DISTANCE = tuple(math.log1p(d) for d in range(HEADRANK_MAX_LINES_DEFAULT))
_LOG_WORDS = (0.0, *(math.log(n) for n in range(1, HEADRANK_MAX_WORDS_DEFAULT + 1)))


def set_weights(weights: Sequence[float]) -> None:
    """Score with these weights from now on (the training benchmark tries its own)."""
    global WEIGHTS
    if len(weights) != len(FEATURES):
        raise ValueError(f"{len(weights)} weights for {len(FEATURES)} features")
    WEIGHTS = tuple(float(w) for w in weights)
    _own_score_rest.cache_clear()


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _own(raw: str) -> tuple[float, ...]:
    """What a non-blank line shows on its own, in OWN_FEATURES' order; cached, as every pass of
    clean() scores the same lines above the article again."""
    text = raw.strip()
    n = len(_line_facts(raw)[2])
    letters = [c for c in text if c.isalpha()]
    return (
        _LOG_WORDS[n] if n <= HEADRANK_MAX_WORDS_DEFAULT else math.log(n),
        float(n <= 3),
        float(text.endswith((".", ":"))),
        float(text.endswith(("!", "?"))),
        float(_not_headline(raw)),
        float(_meta_line(raw)),
        float(_has_lower(text)),
        float(bool(letters) and all(c.isupper() for c in letters)),
    )


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _own_score_rest(raw: str) -> float:
    """The own features' part of a line's score but its length's (log-words, few-words), with
    the weights in force."""
    return sum(w * f for w, f in zip(WEIGHTS[2 : len(OWN_FEATURES)], _own(raw)[2:], strict=True))


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _content(raw: str, lang: str | None) -> frozenset[str]:
    """A line's content words (3+ letters, no stopword of the page's language) by their stems."""
    stop = _stoplist(lang) if lang else frozenset()
    return frozenset(t[:HEADLINE_TOPIC_STEM_DEFAULT] for t in _line_facts(raw)[2] if len(t) >= 3 and t not in stop)


def _rows(
    lines: Sequence[str], cls: list[str | None], signal: list[str], words: list[int], start: int
) -> Iterator[tuple[int, int, bool, bool, bool]]:
    """Each line scored, nearest first: (line, distance, meta below, menu above, prose between)."""
    above: list[int] = []
    for k in range(start - 1, -1, -1):
        if cls[k] is not None:
            above.append(k)
            if len(above) >= HEADRANK_MAX_LINES_DEFAULT:
                break
    prose = False  # a paragraph of no signal lies between the line and the article
    last_meta = -HEADRANK_META_DISTANCE_DEFAULT - 1  # distance of the nearest meta line below
    for dist, k in enumerate(above):
        if 1 <= words[k] <= HEADRANK_MAX_WORDS_DEFAULT:
            over = above[dist + 1] if dist + 1 < len(above) else None
            meta = dist - last_meta <= HEADRANK_META_DISTANCE_DEFAULT
            yield k, dist, meta, over is None or signal[over] in _NAV, prose
        if signal[k] in _LIST_MARKERS_ABOVE or _meta_line(lines[k]):
            last_meta = dist
        if cls[k] is GOOD and not signal[k]:
            prose = True


def _on_topic(raw: str, lang: str | None, topic: set[str]) -> tuple[int, int]:
    """How many of a line's content words are in the article's opening, and how many it has."""
    content = _content(raw, lang)
    return len(content & topic), len(content)


def _shaped(raw: str, n: int) -> bool:
    """True for a line of ``n`` words of a headline's shape: 4+ words, no stop at its end, no
    date or credit (the own features few-words, ends-stop and not-headline all 0)."""
    return n > 3 and not raw.strip().endswith((".", ":")) and not _not_headline(raw)


def _topic_features(matched: int, content: int, n: int) -> tuple[float, float, float]:
    """topic-words, topic-share and on-topic of a line of ``n`` words."""
    enough = matched >= HEADLINE_TOPIC_MIN_WORDS_DEFAULT and matched >= HEADLINE_TOPIC_SHARE_DEFAULT * content
    return min(matched, 6) / 6, min(1.0, matched / n), float(enough)


def candidates(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    start: int,
    lang: str | None,
    pick: int | None,
) -> list[tuple[int, list[float]]]:
    """Each line above ``start`` that could be the headline, with its features (FEATURES' order)."""
    rows = list(_rows(lines, cls, signal, words, start))
    topic = _topic_words(lines, cls, start) if rows else set()
    first = next((r[0] for r in rows if _shaped(lines[r[0]], words[r[0]])), None)
    out = []
    for k, dist, meta, menu, prose in rows:
        sig = signal[k]
        named = _SIGNAL_FEATURES.get(sig)
        page = dict.fromkeys(PAGE_FEATURES, 0.0)
        tw, ts, on = _topic_features(*_on_topic(lines[k], lang, topic), words[k])
        page |= {
            "log-distance": _LOG_DISTANCE[dist],
            "topic-words": tw,
            "topic-share": ts,
            "on-topic": on,
            "meta-below": float(meta),
            "menu-above": float(menu),
            "first-shaped": float(k == first),
            "prose-between": float(prose),
            "rules-pick": float(k == pick),
        }
        if named is not None:
            page[named] = 1.0
        elif sig not in _BETWEEN:
            page["other-signal"] = 1.0
        if cls[k] in _CLASS_FEATURES:
            page[_CLASS_FEATURES[cls[k]]] = 1.0
        out.append((k, [*_own(lines[k]), *page.values()]))
    return out


def ranked_headline(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    start: int,
    lang: str | None,
    pick: int | None,
) -> tuple[int, float] | None:
    """The best-scoring line above ``start`` and its score, if above HEADRANK_MIN_SCORE_DEFAULT.

    The score is the weights' dot product with :func:`candidates`' features, summed here from
    its parts without building the vectors: this runs in every pass of every page. What costs
    (a line's words on topic, its own features' regular expressions) is read only while the
    rest of its score, with the most those could add, still reaches over the floor and the
    best so far: most lines above an article are a menu's, far below it.
    """
    w = dict(zip(FEATURES, WEIGHTS, strict=True))
    signal_w = {sig: w[name] for sig, name in _SIGNAL_FEATURES.items()}
    class_w = {c: w[name] for c, name in _CLASS_FEATURES.items()}
    plus = {name: max(0.0, w[name]) for name in ("topic-words", "topic-share", "on-topic")}
    own_max = sum(max(0.0, x) for x in WEIGHTS[2 : len(OWN_FEATURES)])  # all but the length's two
    topic: set[str] | None = None
    shaped = False  # the nearest line of a headline's shape is behind
    best: tuple[int, float] | None = None
    for k, dist, meta, menu, prose in _rows(lines, cls, signal, words, start):
        sig, n = signal[k], words[k]
        first = not shaped and _shaped(lines[k], n)
        shaped = shaped or first
        score = (
            w["log-words"] * _LOG_WORDS[n]
            + (w["few-words"] if n <= 3 else 0.0)
            + w["log-distance"] * _LOG_DISTANCE[dist]
            + (w["meta-below"] if meta else 0.0)
            + (w["menu-above"] if menu else 0.0)
            + (w["first-shaped"] if first else 0.0)
            + (w["prose-between"] if prose else 0.0)
            + (w["rules-pick"] if k == pick else 0.0)
            + signal_w.get(sig, 0.0 if sig in _BETWEEN else w["other-signal"])
            + class_w.get(cls[k], 0.0)
        )
        bar = best[1] if best is not None else HEADRANK_MIN_SCORE_DEFAULT
        # The most the topic can add: min(n, 6) words on topic, all of them, and (two or more) enough.
        most = plus["topic-words"] * min(n, 6) / 6 + plus["topic-share"] + (plus["on-topic"] if n >= 2 else 0.0)
        if score + most + own_max <= bar:
            continue  # cannot win, whatever its words on topic and its own features say
        topic = _topic_words(lines, cls, start) if topic is None else topic
        tw, ts, on = _topic_features(*_on_topic(lines[k], lang, topic), n)
        score += w["topic-words"] * tw + w["topic-share"] * ts + w["on-topic"] * on
        if score + own_max <= bar:
            continue
        score += _own_score_rest(lines[k])
        if score > bar:
            best = (k, score)
    return best
