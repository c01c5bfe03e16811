"""Passes 1 and 2 of learning: count lines, cluster them, and learn line, pattern and block rules.

:class:`_Learner` streams the pages and keeps only per-distinct-line counts between passes:
document frequency of masked keys, greedy rapidfuzz clusters, then exact cluster support and
what follows each recurring line, from which headline lists become shape blocks and a page's
recurring tail becomes an 'end' block. :mod:`cleaner.learn` runs it and checks what it proposes.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .learnaffix import AffixLearner
from .learndraft import LearnedRule
from .learnkeys import _keys, has_tokens, is_stamp, mask, to_pattern
from .normalize import normalize, split_lines
from .rules import THRESHOLD_DEFAULT

# Masked keys seen in fewer pages than this share of the support are never clustered: near-
# duplicates of a template line are rare variants, so half the support is plenty of margin,
# and it bounds clustering to the few thousand keys that matter.
CLUSTER_FLOOR_SHARE = 0.5
CLUSTER_MAX_KEYS = 5000
# Two keys are one line when rapidfuzz's ratio reaches the matcher's own default threshold.
CLUSTER_THRESHOLD = THRESHOLD_DEFAULT
# A line generic detection keeps with at least this many words is the article's core: no
# learned rule may remove it (12 words is a sentence, longer than menu items and headlines).
CORE_MIN_WORDS = 12
# A list without stamp lines is learned only when its items are short (headlines), so such a
# block can never swallow a core line.
LIST_MAX_WORDS = CORE_MIN_WORDS - 1
# A shape's item may have at most this many optional lines after its required ones.
SHAPE_MAX_OPTIONAL = 2
# A line of a story's title length ...
HEADLINE_MIN_WORDS = 3
# ... standing this close above prose (varying lines between; the template's share and print
# lines, within HEAD_WINDOW lines in all) heads an article.
HEAD_REACH = 3
HEAD_WINDOW = 8
# A line found in fewer than this share of the pages, that heads the article on a few of its pages
# only, is a story's title listed on its neighbours' pages: never a line rule.
TITLE_MAX_SUPPORT = 1.01
# Texts or patterns per rule: a cluster's most common variants; fuzzy matching covers the rest.
MEMBERS_MAX = 5


@dataclass(slots=True)
class _Line:
    """One line of a page as the learner sees it."""

    raw: str
    key: str
    masked: str
    cluster: int | None


@dataclass
class _RunStats:
    """What follows one recurring line, summed over pages (small counters only)."""

    pages_stamped: int = 0  # pages where a stamped list follows it
    last_stamped: int = -1  # the last page counted, so a page counts once
    lead: Counter[int] = field(default_factory=Counter)  # lines before the first stamp group
    group: Counter[tuple[str, ...]] = field(default_factory=Counter)  # masked stamp lines of a group
    gaps: Counter[int] = field(default_factory=Counter)  # lines between stamp groups
    short_pages: int = 0  # pages where a list of short lines follows it
    last_short: int = -1
    short_words: Counter[int] = field(default_factory=Counter)  # longest line of each short list


class _Learner:
    """Holds the per-distinct-line counts between passes."""

    def __init__(self, pages: Collection[str], support: int) -> None:
        self.pages = pages
        self.support = support
        self.df: Counter[str] = Counter()
        self.key_cluster: dict[str, int] = {}
        self.cluster_members: list[list[str]] = []
        self.cluster_df: Counter[int] = Counter()
        self.cluster_sum_df: list[int] = []
        self.example: dict[int, str] = {}
        self.member_keys: dict[int, set[str]] = defaultdict(set)  # normalised keys seen per cluster
        self.runs: dict[int, _RunStats] = defaultdict(_RunStats)
        self.tail_first: Counter[int] = Counter()  # pages where the cluster opens the page's tail
        self.tail_before: Counter[int] = Counter()  # pages where it stands before the article's end
        self.as_label: Counter[int] = Counter()  # times it was passed over as an item's label in a run
        self.heads: Counter[int] = Counter()  # pages where the cluster stands right above the article's prose
        self.affix = AffixLearner(pages, support)  # bylines and credits: a fixed part, names inside

    def read(self, text: str, with_clusters: bool) -> list[_Line]:
        """A page's lines with keys, masked keys and (after clustering) clusters."""
        out = []
        for raw in split_lines(text):
            key, masked = _keys(raw)
            cluster = self.key_cluster.get(masked) if with_clusters and masked else None
            out.append(_Line(raw, key, masked, cluster))
        return out

    # -- pass 1 ---------------------------------------------------------------------------

    def count(self) -> None:
        """Document frequency of every masked key."""
        for text in self.pages:
            masked = {_keys(raw)[1] for raw in split_lines(text)}
            masked.discard("")
            self.df.update(masked)
            self.affix.count_page(text)

    def cluster(self) -> None:
        """Greedy leader clustering of the frequent masked keys, most frequent first."""
        floor = max(2, math.ceil(self.support * CLUSTER_FLOOR_SHARE))
        keys = sorted((k for k, n in self.df.items() if n >= floor), key=lambda k: (-self.df[k], k))
        keys = keys[:CLUSTER_MAX_KEYS]
        leaders: list[str] = []
        for key in keys:
            found = process.extractOne(key, leaders, scorer=fuzz.ratio, score_cutoff=CLUSTER_THRESHOLD)
            if found is None:
                self.key_cluster[key] = len(leaders)
                leaders.append(key)
                self.cluster_members.append([key])
                self.cluster_sum_df.append(self.df[key])
            else:
                self.key_cluster[key] = found[2]
                self.cluster_members[found[2]].append(key)
                self.cluster_sum_df[found[2]] += self.df[key]
        self.df = Counter()  # the per-key counts are no longer needed
        self.affix.settle()

    # -- pass 2 ---------------------------------------------------------------------------

    def observe(self) -> None:
        """Exact cluster support, example lines, and what follows each recurring line."""
        for number, text in enumerate(self.pages):
            lines = [line for line in self.read(text, True) if line.key]
            self.cluster_df.update({line.cluster for line in lines if line.cluster is not None})
            for line in lines:
                if line.cluster is not None:
                    c = line.cluster
                    raw = line.raw.strip()
                    if c not in self.example or raw < self.example[c]:
                        self.example[c] = raw
                    if not has_tokens(line.masked):
                        self.member_keys[c].add(line.key)
            self._follow(number, lines)
            self._tail(lines)
            self._heads(lines)
            self.affix.observe(number, [(x.raw, x.masked) for x in lines if not self._recurring(x)])

    def _tail(self, lines: list[_Line]) -> None:
        """Note the first recurring line after the page's last prose line that varying lines follow.

        The tail of a page (footer, 'more from us' teasers) is what comes after its last long,
        unique line; a recurring line that opens it on most pages, and never stands before the
        article's end, anchors a block to the end of the page.
        """
        last = -1
        for k, line in enumerate(lines):
            if not self._recurring(line) and len(line.key.split()) >= CORE_MIN_WORDS:
                last = k
        if last < 0:
            return
        before = {line.cluster for line in lines[:last] if line.cluster is not None}
        self.tail_before.update(before)
        for k in range(last + 1, len(lines)):
            line = lines[k]
            if self._recurring(line) and not has_tokens(line.masked):
                varying = any(not self._recurring(x) and not is_stamp(x.masked) for x in lines[k + 1 :])
                if varying and line.cluster not in before:
                    self.tail_first[line.cluster] += 1
                return

    def _heads(self, lines: list[_Line]) -> None:
        """Note the clusters of title-length lines that stand right above prose on this page."""
        seen: set[int] = set()
        for i, line in enumerate(lines):
            c = line.cluster
            if c is None or c in seen or has_tokens(line.masked):
                continue
            if not HEADLINE_MIN_WORDS <= len(line.key.split()) < CORE_MIN_WORDS:
                continue
            varying = 0
            for nxt in lines[i + 1 : i + 1 + HEAD_WINDOW]:
                if self._recurring(nxt):
                    continue
                if len(nxt.key.split()) >= CORE_MIN_WORDS:
                    seen.add(c)
                    break
                varying += 1
                if varying >= HEAD_REACH:
                    break
        self.heads.update(seen)

    def _recurring(self, line: _Line) -> bool:
        """A line of a cluster whose members, summed, reach the support (an upper bound)."""
        return line.cluster is not None and self.cluster_sum_df[line.cluster] >= self.support

    @staticmethod
    def _labels(lines: list[_Line], j: int) -> bool:
        """A recurring line right before a stamp is an item's label ('Країна' / '29.01.2026'), not the list's end."""
        return j + 1 < len(lines) and is_stamp(lines[j + 1].masked)

    def _follow(self, number: int, lines: list[_Line]) -> None:
        """Summarise the run of varying lines after each recurring line of one page."""
        n = len(lines)
        # The page's first prose line: a list after it stands inside or after the article, so
        # it cannot hold the title, and may run straight into the next paragraph.
        prose_at = next(
            (k for k, x in enumerate(lines) if not self._recurring(x) and len(x.key.split()) >= CORE_MIN_WORDS), n
        )
        for i, line in enumerate(lines):
            if not self._recurring(line) or is_stamp(line.masked) or has_tokens(line.masked):
                continue
            j = i + 1
            stamp_seen = prose_seen = False
            while j < n:
                nxt = lines[j]
                if is_stamp(nxt.masked):
                    stamp_seen = True
                elif self._recurring(nxt):
                    # A recurring line before a stamp is an item's label inside a list; but one
                    # reached across prose, before any stamp, heads a list of its own.
                    if not self._labels(lines, j) or (prose_seen and not stamp_seen):
                        break
                    if not stamp_seen:
                        self.as_label[nxt.cluster] += 1
                elif not stamp_seen and len(nxt.key.split()) >= CORE_MIN_WORDS:
                    prose_seen = True
                j += 1
            run = lines[i + 1 : j]
            if len(run) < 2:
                continue
            stats = self.runs[line.cluster]
            stamped = [k for k, r in enumerate(run) if is_stamp(r.masked)]
            if stamped:
                self._stamped(stats, number, run, stamped)
            else:
                if i > prose_at:  # an in-article widget: its short lines up to the next paragraph
                    run = list(itertools.takewhile(lambda r: len(r.key.split()) <= LIST_MAX_WORDS, run))
                words = max((len(r.key.split()) for r in run), default=0)
                if len(run) >= 2 and words <= LIST_MAX_WORDS:
                    if stats.last_short != number:
                        stats.short_pages, stats.last_short = stats.short_pages + 1, number
                    stats.short_words[words] += 1

    @staticmethod
    def _stamped(stats: _RunStats, number: int, run: list[_Line], stamped: list[int]) -> None:
        """Record the item structure of a run holding stamp lines."""
        groups: list[list[int]] = []
        for k in stamped:
            if groups and groups[-1][-1] == k - 1:
                groups[-1].append(k)
            else:
                groups.append([k])
        if len(groups) < 2:
            return
        if stats.last_stamped != number:
            stats.pages_stamped, stats.last_stamped = stats.pages_stamped + 1, number
        stats.lead[groups[0][0]] += 1
        for g in groups:
            stats.group[tuple(run[k].masked for k in g)] += 1
        for a, b in itertools.pairwise(groups):
            stats.gaps[b[0] - a[-1] - 1] += 1

    # -- candidates -----------------------------------------------------------------------

    def candidates(self) -> list[LearnedRule]:
        """Line, pattern and block candidates from clusters with enough support."""
        out = []
        for c, members in enumerate(self.cluster_members):
            support = self.cluster_df[c]
            if support < self.support:
                continue
            example = self.example.get(c, members[0])
            first = normalize(example)
            title = self._title(c, support)
            block = None if title else self._block(c, support, example)
            if block is not None:
                out.append(block)
            if self.tail_first[c] >= self.support and not self.tail_before[c] and not has_tokens(members[0]):
                out.append(
                    LearnedRule("block", c, self.tail_first[c], self._anchors(c, example), example, extent="end")
                )
            if all(is_stamp(m) for m in members):
                # Generic detection removes lone date/time lines itself and finds headline lists
                # by them; a rule deciding them first would hide the lists from it.
                continue
            if any(has_tokens(m) for m in members):
                first = mask(first)
                rest = sorted(m for m in members if m != first)
                out.append(LearnedRule("pattern", c, support, (first, *rest[: MEMBERS_MAX - 1]), example))
            elif not title:
                rest = sorted(k for k in self.member_keys[c] | set(members) if k != first)
                out.append(LearnedRule("line", c, support, (first, *rest[: MEMBERS_MAX - 1]), example))
        for n, ((prefix, suffix), info, regex) in enumerate(self.affix.rules(self.support)):
            shown = f"{prefix} … {suffix}".strip()
            out.append(LearnedRule("pattern", -1 - n, info.pages, (shown,), info.example, regex=regex))
        return out

    def _title(self, c: int, support: int) -> bool:
        """A story's title: above the article's prose on a few of its pages (its own), in lists on the rest.

        A template line above the article ('Story Highlights') stands there on most of its pages.
        """
        heads = self.heads[c]
        return heads > 0 and 2 * heads < support and support < TITLE_MAX_SUPPORT * len(self.pages)

    def _anchors(self, c: int, example: str) -> tuple[str, ...]:
        """A block's anchor texts: the example's key first, then the cluster's other variants."""
        first = normalize(example)
        rest = sorted(k for k in self.member_keys[c] | set(self.cluster_members[c]) if k != first)
        return (first, *rest[: MEMBERS_MAX - 1])

    def _block(self, c: int, support: int, example: str) -> LearnedRule | None:
        """A shape block anchored on cluster c, when a list follows it on enough pages."""
        stats = self.runs.get(c)
        if stats is None or any(has_tokens(m) for m in self.cluster_members[c]):
            return None
        anchors = self._anchors(c, example)
        if stats.pages_stamped >= self.support:
            lead = _mode(stats.lead)
            if lead == 0 and self.as_label[c] >= self.support:
                # A stamp right after it, and it stands inside lists before stamps on most pages:
                # an item's label ('Країна' / '29.01.2026'), not a list's heading.
                return None
            group = _mode(stats.group)
            common_gaps = [g for g, n in stats.gaps.items() if n * 10 >= stats.gaps.total()]
            gap_lo, gap_hi = min(common_gaps), max(common_gaps)
            lead = min(lead, gap_lo)
            shape: list[dict] = [{"any": True}] * lead
            shape += [{"pattern": to_pattern(m)} for m in group]
            shape += [{"any": True}] * (gap_lo - lead)
            shape += [{"any": True, "optional": True}] * min(SHAPE_MAX_OPTIONAL, gap_hi - gap_lo)
            return LearnedRule("block", c, stats.pages_stamped, anchors, example, tuple(shape))
        # The anchor is in enough pages already (it is a line rule); its list need only follow
        # it on most of them: a widget shows one item on some pages.
        if stats.short_pages >= 2 and 2 * stats.short_pages >= support:
            words = max(w for w, n in stats.short_words.items())
            shape = [{"any": True, "max_words": words}]
            return LearnedRule("block", c, stats.short_pages, anchors, example, tuple(shape))
        return None


def _mode(counter: Counter) -> object:
    """The most common value; ties broken by the value itself, so file order never matters."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
