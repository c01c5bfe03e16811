"""Affix patterns for learning: short lines with a fixed start or end and a varying middle.

A site's bylines and credits recur on every page with other names inside them: 'By JENNIFER
LOVEN, Associated Press Writer', 'Brian Wingfield, 10.06.08, 12:35 PM EDT', 'Photo: Getty
Images'. No two are the same line, so line clustering never sees them, yet their fixed part
(the prefix before the names, the suffix after them) is template. A line's *affix keys* are its
masked words with one run of 1 to :data:`MIDDLE_MAX` words cut out; a key found in enough pages,
once or twice per page, with a substantial fixed part and several different middles, becomes an
anchored ``pattern`` rule whose middle matches any few words.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from .learnkeys import _TOKEN_SET, KEY_CACHE_SIZE, _keys, is_stamp, to_pattern
from .normalize import split_lines

# The varying middle (names, a credit) is at most this many words, and the whole line at most
# LINE_MAX_WORDS: a byline, never a sentence.
MIDDLE_MAX = 4
PREFIX_MAX = 3
LINE_MAX_WORDS = 14
# Affix keys are counted on at most this many pages, chosen by content (a CRC), never by order:
# every short line gives up to a dozen keys, so counting them on every page of a large set would
# hold far more than the line counts.
COUNT_MAX_PAGES = 64
# A key found more often than this per page holding it is a list item's form, not a byline.
PER_PAGE_MAX = 2
# Different middles a key needs: one middle only is one line, which line rules already learn.
MIDDLES_MIN = 3
# A single fixed word is a byline's or credit's opening word (the words generic detection's
# byline signal reads), before capitalised names, once a page: 'obama' or 'the' before a title
# are not.
BYLINE_WORDS = frozenset(
    ["by", "von", "par", "por", "di", "door", "від", "автор", "author", "text", "текст", "фото", "photo"]
)
_PUNCT = re.compile(r"[:|,()\[\]/–—-]")


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def affix_keys(masked: str) -> tuple[tuple[str, str, int], ...]:
    """A masked line's (prefix, suffix, middle words) cuts: one run of 1..MIDDLE_MAX words left out.

    Cached: a site's template lines come back on every page.
    """
    words = masked.split()
    n = len(words)
    if n < 2 or n > LINE_MAX_WORDS or is_stamp(masked):
        return ()
    out = []
    for a in range(min(PREFIX_MAX, n - 1) + 1):
        for m in range(1, min(MIDDLE_MAX, n - a) + 1):
            if a + m == n and a == 0:
                continue  # nothing fixed
            out.append((" ".join(words[:a]), " ".join(words[a + m :]), m))
    return tuple(out)


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def _affix_pairs(masked: str) -> tuple[tuple[str, str], ...]:
    """The (prefix, suffix) keys of :func:`affix_keys`, as pass 1 counts them."""
    return tuple((p, s) for p, s, _ in affix_keys(masked))


def substantial(prefix: str, suffix: str) -> bool:
    """A fixed part that says something: two words, or a word with a mask token or punctuation.

    'by' alone or 'the' alone could take any short line that starts with it (titles too): such
    a key is learned only when its lines stand once on each page (:meth:`AffixLearner.rules`).
    """
    fixed = f"{prefix} {suffix}".split()
    if len(fixed) >= 2:
        return True
    return bool(fixed) and len(fixed[0]) >= 3 and bool(_PUNCT.search(fixed[0]) or not _TOKEN_SET.isdisjoint(fixed[0]))


def affix_regex(prefix: str, suffix: str, middle_max: int) -> str:
    """The anchored RE2 pattern: the fixed parts as :func:`to_pattern` writes them, any 1..N words between."""
    middle = r"\S+" + (rf"(?: \S+){{0,{middle_max - 1}}}" if middle_max > 1 else "")
    head = to_pattern(prefix)[1:-1] + " " if prefix else ""
    tail = " " + to_pattern(suffix)[1:-1] if suffix else ""
    return f"^{head}{middle}{tail}$"


@dataclass
class _Affix:
    """One chosen affix key's evidence over the pages."""

    pages: int = 0
    lines: int = 0
    last_page: int = -1
    middle_max: int = 0
    middles: set[str] = field(default_factory=set)
    names: bool = True  # every middle word capitalised in the page's text ('By ANDY GELLER', 'By Jo Ray')
    example: str = ""


class AffixLearner:
    """Counts affix keys on a sample of the pages, then their exact support on every page."""

    def __init__(self, pages: Collection[str], support: int) -> None:
        self.total = len(pages)
        stride = max(1, math.ceil(self.total / COUNT_MAX_PAGES))
        self.stride = stride
        sampled = self.total if stride == 1 else math.ceil(self.total / stride)
        # The support scaled to the sample (at least 2 pages).
        self.floor = max(2, math.floor(support * sampled / self.total))
        self.df: Counter[tuple[str, str]] = Counter()
        self.ok: set[tuple[str, str]] = set()
        self.chosen: dict[tuple[str, str], _Affix] = defaultdict(_Affix)

    def count_page(self, text: str) -> None:
        """Pass 1 for one page: the affix keys of its short lines, once per page (sampled pages only)."""
        if self.stride > 1 and zlib.crc32(text.encode("utf-8", "surrogatepass")) % self.stride:
            return
        seen: set[tuple[str, str]] = set()
        for raw in dict.fromkeys(split_lines(text)):
            masked = _keys(raw)[1]
            if masked:
                seen.update(_affix_pairs(masked))
        self.df.update(seen)

    def settle(self) -> None:
        """Keep the keys seen on enough sampled pages with a substantial fixed part."""
        self.ok = {k for k, n in self.df.items() if n >= self.floor}
        self.df = Counter()

    def observe(self, number: int, lines: list[tuple[str, str]]) -> None:
        """Pass 2 for one page's varying lines (raw, masked): each takes its most specific key."""
        if not self.ok:
            return
        for raw, masked in lines:
            best = None
            for p, s, m in affix_keys(masked):
                if (p, s) in self.ok:
                    rank = (-len(f"{p} {s}".split()), -len(p) - len(s), p, s)
                    if best is None or rank < best[0]:
                        best = (rank, (p, s), m)
            if best is None:
                continue
            _, key, m = best
            info = self.chosen[key]
            if info.last_page != number:
                info.pages, info.last_page = info.pages + 1, number
            info.lines += 1
            info.middle_max = max(info.middle_max, m)
            words = masked.split()
            cut = slice(len(key[0].split()), len(words) - len(key[1].split()))
            info.middles.add(" ".join(words[cut]))
            raw_words = raw.split()
            info.names = info.names and len(raw_words) == len(words) and all(w[:1].isupper() for w in raw_words[cut])
            raw = raw.strip()
            if not info.example or raw < info.example:
                info.example = raw

    def rules(self, support: int) -> list[tuple[tuple[str, str], _Affix, str]]:
        """The keys in enough pages, few per page, with several middles: (key, evidence, regex)."""
        out = []
        for key, info in sorted(self.chosen.items()):
            if info.pages < support or info.lines > PER_PAGE_MAX * info.pages or len(info.middles) < MIDDLES_MIN:
                continue
            weak = not substantial(*key)
            if weak and (f"{key[0]}{key[1]}" not in BYLINE_WORDS or info.lines > info.pages or not info.names):
                continue  # a bare 'by': once a page, before names, is a byline; 'the' or 'rita' is a title
            out.append((key, info, affix_regex(*key, info.middle_max)))
        return out
