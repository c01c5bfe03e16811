"""Apply compiled rule files to a page's lines: fuzzy lines, patterns, blocks, keep guards.

Matching runs on normalised keys (:func:`cleaner.normalize.normalize`). Fuzzy texts are looked
up exactly first; the lines left are scored per rule text in one rapidfuzz call with the rule's
cutoff, so the cost grows with the rules of *one* site, never with all sites loaded.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, islice
from typing import Any

import re2
from rapidfuzz import fuzz, process

from .result import Reason
from .rules import Rule, RuleFile, RuleSet, ShapeElement, compile_pattern, compile_pattern_set

# How many (matcher, key) pairs keep their hits between pages, over all the matchers of a rule
# set: a few pages' worth of distinct lines, a few megabytes.
HIT_CACHE_SIZE = 1 << 13

# Roles a fuzzy text or pattern plays: a junk line, a block's start or end, or a keep guard.
LINE, ANCHOR, UNTIL, KEEP = "line", "anchor", "until", "keep"


@dataclass(frozen=True, slots=True)
class _Entry:
    """One fuzzy text of one rule."""

    key: str
    threshold: float
    rule: Rule
    qualified: str  # "<file id>/<rule id>"
    role: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A match of a rule on a line."""

    qualified: str
    rule: Rule
    role: str
    score: float


class SiteMatcher:
    """The rules of one site plus the common rules, compiled for fast application."""

    def __init__(
        self, files: Sequence[RuleFile], cache: dict[tuple[SiteMatcher, str], tuple[Hit, ...]] | None = None
    ) -> None:
        """Compile the files' rules; ``cache`` may be shared by the matchers of one rule set."""
        self._cache = {} if cache is None else cache
        self.entries: list[_Entry] = []
        self.exact: defaultdict[str, list[_Entry]] = defaultdict(list)
        self.patterns: list[tuple[str, Rule, str, str]] = []  # (source, rule, qualified, role)
        self._pattern_set: Any = None
        self.blocks: list[tuple[Rule, str]] = []
        for rf in files:
            for rule in rf.rules:
                qualified = f"{rf.id}/{rule.id}"
                if rule.kind == "block":
                    self.blocks.append((rule, qualified))
                    self._add_texts(rule, qualified, rule.texts, ANCHOR)
                    self._add_texts(rule, qualified, rule.until, UNTIL)
                    self._add_patterns(rule, qualified, rule.until_patterns, UNTIL)
                else:
                    role = KEEP if rule.kind == "keep" else LINE
                    self._add_texts(rule, qualified, rule.texts, role)
                    self._add_patterns(rule, qualified, rule.patterns, role)
        self.exact = dict(self.exact)
        # The entries scored fuzzily, each with the key lengths that can reach its threshold,
        # computed once here rather than for every page.
        self._fuzzy = [(e, *_length_window(len(e.key), e.threshold)) for e in self.entries if e.threshold < 100]
        # Key lengths some fuzzy entry can reach: longer or shorter keys are never sorted or scored.
        self._fuzzy_lengths = (
            min((lo for _, lo, _ in self._fuzzy), default=0),
            max((hi for *_, hi in self._fuzzy), default=-1),
        )

    def _add_texts(self, rule: Rule, qualified: str, texts: Sequence[str], role: str) -> None:
        """Register fuzzy texts for exact lookup and batched scoring."""
        for key in texts:
            entry = _Entry(key, rule.threshold, rule, qualified, role)
            self.entries.append(entry)
            self.exact[key].append(entry)

    def _add_patterns(self, rule: Rule, qualified: str, patterns: Sequence[str], role: str) -> None:
        """Register patterns; they are matched together through one RE2 set."""
        for source in patterns:
            self.patterns.append((source, rule, qualified, role))

    def pattern_set(self) -> Any:
        """All patterns in one RE2 set: one call per line says which of them match (linear time).

        RE2 refuses a set past its memory budget ("failed to compile Set") even when every
        pattern compiles alone; the patterns are then split into as few sets as fit.
        """
        if self._pattern_set is None:
            sources = [source for source, *_ in self.patterns]
            try:
                self._pattern_set = compile_pattern_set(sources)
            except re2.error:
                self._pattern_set = PatternGroups(sources)
        return self._pattern_set

    def hits(self, keys: Sequence[str]) -> list[tuple[Hit, ...]]:
        """Every rule text and pattern that matches each line, with its score.

        A line's hits depend on its key alone, so each distinct key is matched once (pages
        repeat their menus and widgets) and lines with the same key share one tuple. Keys
        matched on earlier pages (a site's menus and footers) are looked up in a bounded cache.
        """
        # This page's hits are read into a dict of its own first, so another thread trimming the
        # shared cache meanwhile can cost a recomputation, never a missing key.
        cache = self._cache
        found: dict[str, tuple[Hit, ...]] = {}
        new = []
        for key in dict.fromkeys(keys):
            if key:
                hits = cache.get((self, key))
                if hits is None:
                    new.append(key)
                else:
                    found[key] = hits
        if new:
            matched = self._match(new)
            for key in new:
                found[key] = cache[self, key] = tuple(matched.get(key, ()))
        # Lines share their key's tuple of hits (read-only): no copy per line.
        found[""] = ()
        out = list(map(found.__getitem__, keys))
        if len(cache) > HIT_CACHE_SIZE:  # forget the oldest eighth, first in first out
            for old in list(islice(cache, len(cache) - HIT_CACHE_SIZE + HIT_CACHE_SIZE // 8)):
                cache.pop(old, None)
        return out

    def _match(self, distinct: Sequence[str]) -> dict[str, list[Hit]]:
        """The hits of each of these distinct non-empty keys that has any."""
        by_key: dict[str, list[Hit]] = {}
        exact = self.exact  # every key in it has at least one entry
        for key in distinct:
            if key in exact:
                by_key[key] = [Hit(e.qualified, e.rule, e.role, 100.0) for e in exact[key]]
        shortest, longest = self._fuzzy_lengths
        fuzzy = [key for key in distinct if shortest <= len(key) <= longest and key not in exact]
        if fuzzy:
            # Keys sorted by length: the keys within an entry's length window are one slice,
            # found by bisection.
            texts = sorted(fuzzy, key=len)
            lengths = list(map(len, texts))
            for entry, lo, hi in self._fuzzy:
                a, b = bisect_left(lengths, lo), bisect_right(lengths, hi)
                if a == b:
                    continue
                for _, score, j in process.extract(
                    entry.key, texts[a:b], scorer=fuzz.ratio, score_cutoff=entry.threshold, limit=None
                ):
                    hit = Hit(entry.qualified, entry.rule, entry.role, round(score, 1))
                    by_key.setdefault(texts[a + j], []).append(hit)
        if self.patterns:
            # Straight to the compiled RE2 set when the wrapper exposes it (the wrapper only
            # encodes the text and maps [] to None).
            pattern_set = self.pattern_set()
            raw = getattr(pattern_set, "_set", None)
            found_numbers = (
                map(raw.Match, map(str.encode, distinct)) if raw is not None else map(pattern_set.Match, distinct)
            )
            for key, numbers in zip(distinct, found_numbers, strict=True):
                if numbers:
                    found = by_key.setdefault(key, [])
                    for n in numbers:
                        _, rule, qualified, role = self.patterns[n]
                        found.append(Hit(qualified, rule, role, 100.0))
        for key, hs in by_key.items():
            if any(h.rule.max_words is not None for h in hs):
                words = len(key.split())
                by_key[key] = [h for h in hs if h.rule.max_words is None or words <= h.rule.max_words]
        return by_key

    def apply(
        self, keys: Sequence[str], hits: Sequence[tuple[Hit, ...]] | None = None
    ) -> tuple[list[Reason | None], list[str | None]]:
        """Decide every line: the removal reason (or None) and the keep rule protecting it.

        ``hits`` may be passed in: a line's hits depend on the line alone, so a later pass over
        fewer lines reuses them and only recomputes what depends on neighbours (blocks).
        """
        hits = self.hits(keys) if hits is None else hits
        # A line's own hit outranks its block, and a keep guard outranks both; lines without
        # hits (most of them) just keep their block's verdict.
        reasons = self._blocks(keys, hits)
        protected: list[str | None] = [None] * len(keys)
        for i, line_hits in enumerate(hits):
            if not line_hits:
                continue
            line_hit = pattern_hit = None
            for hit in line_hits:
                if hit.role == KEEP:
                    if protected[i] is None:
                        protected[i] = hit.qualified
                elif hit.role == LINE:
                    best = pattern_hit if hit.rule.kind == "pattern" else line_hit
                    if best is None or hit.score > best.score:
                        if hit.rule.kind == "pattern":
                            pattern_hit = hit
                        else:
                            line_hit = hit
            chosen = line_hit or pattern_hit
            if protected[i] is not None:
                reasons[i] = None
            elif chosen is not None:
                kind = chosen.rule.kind
                detail = "regex match" if kind == "pattern" else f"fuzzy {chosen.score:g}"
                reasons[i] = Reason(chosen.qualified, kind, chosen.score, detail)
        return reasons, protected

    def _blocks(self, keys: Sequence[str], hits: Sequence[tuple[Hit, ...]]) -> list[Reason | None]:
        """Reasons for lines inside blocks: each anchor occurrence starts one."""
        out: list[Reason | None] = [None] * len(keys)
        if not self.blocks:
            return out
        # Each rule's anchor lines, found in one sweep over the hits (the lines in order), rather
        # than every line asked about every block rule: learned files hold dozens of blocks. Most
        # lines hit nothing, and most pages have no anchor (the common rules' blocks run on all).
        anchored: defaultdict[int, list[int]] = defaultdict(list)
        for i in compress(range(len(hits)), hits):
            if keys[i]:
                for rule_id in {id(h.rule) for h in hits[i] if h.role == ANCHOR}:
                    anchored[rule_id].append(i)
        if not anchored:
            return out
        nonblank = [i for i, k in enumerate(keys) if k]
        position = {line: pos for pos, line in enumerate(nonblank)}
        for rule, qualified in self.blocks:
            for i in anchored.get(id(rule), ()):
                anchor = _best(hits[i], rule, ANCHOR)
                if anchor is None or out[i] is not None:
                    continue
                taken = _extent(rule, keys, hits, nonblank, position[i] + 1)
                if taken is None:
                    continue
                out[i] = Reason(qualified, "block", anchor.score, f"anchor, fuzzy {anchor.score:g}")
                for j in taken:
                    if out[j] is None:
                        out[j] = Reason(qualified, "block", anchor.score, f"in block from line {i + 1}")
        return out


class PatternGroups:
    """Patterns that RE2 cannot compile as one set, in the fewest sets it can (halving on failure).

    ``Match(text)`` returns the indices of the matching patterns in the original order, as an
    RE2 set's does.
    """

    def __init__(self, sources: Sequence[str]) -> None:
        self.groups: list[tuple[Any, int, bool]] = []  # (set or single pattern, first index, is a set)
        self._build(list(sources), 0)

    def _build(self, sources: list[str], offset: int) -> None:
        """Compile sources as one set, or split them in two until each part compiles."""
        try:
            self.groups.append((compile_pattern_set(sources), offset, True))
            return
        except re2.error:
            if len(sources) == 1:  # valid alone (checked when loaded), too big only for a set
                self.groups.append((compile_pattern(sources[0]), offset, False))
                return
        half = len(sources) // 2
        self._build(sources[:half], offset)
        self._build(sources[half:], offset + half)

    def Match(self, text: str) -> list[int]:  # the name RE2's sets use
        """Indices of the patterns that match the text, ascending."""
        found: list[int] = []
        for compiled, offset, is_set in self.groups:
            if is_set:
                found.extend(offset + n for n in compiled.Match(text) or ())
            elif compiled.search(text) is not None:
                found.append(offset)
        return sorted(found)


def _length_window(length: int, threshold: float) -> tuple[int, int]:
    """Key lengths that can reach ``threshold`` with fuzz.ratio against a text of ``length``.

    ratio = 100 * (1 - indel / (a + b)) and indel >= |a - b|, so ratio >= t needs
    b within [a * t / (200 - t), a * (200 - t) / t]; lines outside are never scored.
    """
    if threshold <= 0:
        return 0, 10**9
    return math.floor(length * threshold / (200 - threshold)), math.ceil(length * (200 - threshold) / threshold)


def _best(hits: Sequence[Hit], rule: Rule, role: str) -> Hit | None:
    """The best hit of one rule in one role on a line."""
    best = None
    for hit in hits:
        if hit.rule is rule and hit.role == role and (best is None or hit.score > best.score):
            best = hit
    return best


def _extent(
    rule: Rule, keys: Sequence[str], hits: Sequence[tuple[Hit, ...]], nonblank: list[int], start: int
) -> list[int] | None:
    """The line numbers a block takes after its anchor (blank lines are not counted); None: no block."""
    limit = min(len(nonblank), start + rule.max_lines)
    if rule.extent == "end":
        return nonblank[start:limit]
    if rule.extent == "until":
        for pos in range(start, limit):
            if _best(hits[nonblank[pos]], rule, UNTIL) is not None:
                return nonblank[start : pos + 1 if rule.include_until else pos]
        return None if rule.require_until else nonblank[start:limit]
    end = _shape_run(rule.shape, [keys[i] for i in nonblank[start:limit]])
    return nonblank[start : start + end]


def _fits(element: ShapeElement, key: str, compiled: dict[str, Any]) -> bool:
    """Does one line fit one shape element?"""
    words = len(key.split())
    if words < element.min_words or (element.max_words is not None and words > element.max_words):
        return False
    if element.pattern is None:
        return True
    pattern = compiled.get(element.pattern)
    if pattern is None:
        pattern = compiled[element.pattern] = compile_pattern(element.pattern)
    return pattern.search(key) is not None


def _item_ends(shape: Sequence[ShapeElement], keys: Sequence[str], start: int, compiled: dict[str, Any]) -> list[int]:
    """All positions where one item starting at ``start`` can end, longest first.

    A simulation of the shape as an automaton: after each element, the set of positions some
    way through the elements so far can reach. Work is elements x reachable positions (at most
    elements + 1), never the 2**optional paths a search through the choices would take.
    """
    return sorted((end for end in _reachable(shape, keys, start, compiled)[-1] if end > start), reverse=True)


def _reachable(
    shape: Sequence[ShapeElement], keys: Sequence[str], start: int, compiled: dict[str, Any]
) -> list[set[int]]:
    """Positions reachable from ``start`` before the first element and after each element."""
    steps = [{start}]
    current = {start}
    for element in shape:
        following = set(current) if element.optional else set()
        following.update(p + 1 for p in current if p < len(keys) and _fits(element, keys[p], compiled))
        steps.append(following)
        current = following
        if not current:
            break
    return steps


def _partial_at_end(shape: Sequence[ShapeElement], keys: Sequence[str], start: int, compiled: dict[str, Any]) -> bool:
    """True when the lines from ``start`` to the end are the beginning of an item (a cut list)."""
    return start < len(keys) and any(len(keys) in step for step in _reachable(shape, keys, start, compiled))


def _shape_run(shape: Sequence[ShapeElement], keys: Sequence[str]) -> int:
    """How many lines from the start keep the item shape (whole items, or a cut item at the end).

    Of an item's possible ends, the longest one after which another item (or the text's end)
    follows is taken, so an optional element never swallows the next item's first line.
    """
    compiled: dict[str, Any] = {}
    found: dict[int, list[int]] = {}  # item ends by start: the look-ahead's are the next step's

    def item_ends(start: int) -> list[int]:
        ends = found.get(start)
        if ends is None:
            ends = found[start] = _item_ends(shape, keys, start, compiled)
        return ends

    pos = 0
    while pos < len(keys):
        ends = item_ends(pos)
        if not ends:
            if _partial_at_end(shape, keys, pos, compiled):
                return len(keys)
            return pos
        chosen = next((e for e in ends if e == len(keys) or item_ends(e)), ends[0])
        pos = chosen
    return pos


# ---------------------------------------------------------------------------------------------
# Site selection


def matcher_for(ruleset: RuleSet, site: str | None, learned: RuleFile | None = None) -> SiteMatcher:
    """The compiled matcher for a site (or for the common rules only), cached per rule set.

    The site's file comes first, so on equal scores its own rule is the one a removal names;
    a ``learned`` file (a batch's site group, :mod:`cleaner.sitegroups`) comes before all of them.
    """
    files = [ruleset.sites[site], *ruleset.common] if site else list(ruleset.common)
    if learned is not None:
        return _learned_matcher(ruleset, [learned, *files], f"{site or ''}\0{learned.id}")
    key = f"matcher:{site or ''}"
    return ruleset.cached(key, lambda: SiteMatcher(files, ruleset.cached("hit-cache", dict)))


# Matchers with a learned file kept per rule set: a crawl may learn thousands of site groups,
# and a compiled matcher per group for every worker would grow with them.
LEARNED_MATCHERS_MAX = 256


def _learned_matcher(ruleset: RuleSet, files: list[RuleFile], key: str) -> SiteMatcher:
    """A matcher with a learned file first, from a bounded least-recently-used cache."""
    cache: OrderedDict[str, SiteMatcher] = ruleset.cached("learned-matchers", OrderedDict)
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found
    matcher = cache[key] = SiteMatcher(files, ruleset.cached("hit-cache", dict))
    if len(cache) > LEARNED_MATCHERS_MAX:
        cache.popitem(last=False)
    return matcher


def clear_hit_cache(ruleset: RuleSet) -> None:
    """Forget the rule hits of earlier pages (for benchmarks timing a page as if it came first)."""
    ruleset.cached("hit-cache", dict).clear()


class _FingerprintIndex:
    """Fingerprints of all sites, looked up exactly, then fuzzily among those sharing a word."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.exact: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
        self.by_word: defaultdict[str, list[tuple[str, str, int, float]]] = defaultdict(list)
        lo, hi = 10**9, 0
        for site in ruleset.sites.values():
            threshold = min((r.threshold for r in site.rules), default=90.0)
            for n, key in enumerate(site.fingerprints):
                self.exact[key].append((site.id, n))
                words = key.split()
                for word in {words[0], words[-1]} if words else ():
                    self.by_word[word].append((key, site.id, n, threshold))
                window = _length_window(len(key), threshold)
                lo, hi = min(lo, window[0]), max(hi, window[1])
        self.lengths = (lo, hi)  # lines outside this length range cannot match any fingerprint

    def matches(self, keys: Sequence[str]) -> defaultdict[str, set[int]]:
        """Site id -> indices of its fingerprints found among the keys."""
        found: defaultdict[str, set[int]] = defaultdict(set)
        lo, hi = self.lengths
        exact, by_word = self.exact, self.by_word  # every key in exact has at least one entry
        distinct = dict.fromkeys(keys)  # a key found twice adds nothing: found holds sets
        for key in [key for key in distinct if key and key in exact]:
            for site, n in exact[key]:
                found[site].add(n)
        for key in [key for key in distinct if key and lo <= len(key) <= hi and key not in exact]:
            # Keys are normalised (single spaces, no edge spaces): the first and last word
            # without splitting the whole line.
            first, last = key.partition(" ")[0], key.rpartition(" ")[2]
            if first not in by_word and last not in by_word:
                continue
            for word in {first, last}:
                for fp_key, site, n, threshold in by_word.get(word, ()):
                    if fuzz.ratio(key, fp_key, score_cutoff=threshold):
                        found[site].add(n)
        return found


def recognize(ruleset: RuleSet, keys: Sequence[str]) -> str | None:
    """The site whose fingerprints the page shows (at least fingerprint_min of them), if any.

    When several qualify, the one with the larger share of its fingerprints found wins, then
    the most found, then the id (so the choice never depends on load order).
    """
    if not ruleset.sites:
        return None
    index: _FingerprintIndex = ruleset.cached("fingerprints", lambda: _FingerprintIndex(ruleset))
    candidates = []
    for site_id, found in index.matches(keys).items():
        site = ruleset.sites[site_id]
        if len(found) >= site.fingerprint_min:
            candidates.append((-len(found) / len(site.fingerprints), -len(found), site_id))
    return min(candidates)[2] if candidates else None
