"""Rule learning: draft a site's rule file from many of its pages (``cleaner learn``).

What recurs across the pages of one site is its template (menus, banners, list headings,
footers); what is unique is the article. The learner streams the pages three times and keeps
only per-*distinct-line* counts, never the pages, so memory grows with the number of distinct
lines and not with pages x lines:

1. *Count*: each line's normalised key (:func:`cleaner.normalize.normalize`) is *masked*
   (:func:`mask`: dates, times, numbers and month/weekday names next to them become tokens), and
   each page adds 1 to the document frequency of each masked key it holds.
2. *Cluster and look around*: masked keys seen in enough pages are clustered greedily with
   rapidfuzz (the matcher's own ratio threshold), cluster support (pages holding any member) is
   counted exactly, and the lines after each recurring line are summarised: a run of varying
   lines whose stamp lines (date/time-only) repeat is a headline list, learned as a block with
   the item *shape*, never the items.
3. *Check*: the candidate rules run on every training page. A rule that removes a line generic
   detection keeps as the article's core (a line of at least :data:`CORE_MIN_WORDS` words that
   :func:`cleaner.generic.detect` keeps on the page with no rules) is refused, and the report
   says so. What each kept rule removes is counted for ``--report``.

Support: a rule needs its cluster in at least ``min_support`` pages. By default, from 2 or 3
pages a line must be in every one of them (what two pages of a site share word for word is
template far more often than article); from 4 pages on, in half of them and never fewer than 3
(:data:`SUPPORT_FRACTION_DEFAULT`, :data:`SUPPORT_MIN_PAGES_DEFAULT`), so article text that a
few pages share (a quote, a byline) never becomes a rule.

The module is pure: it takes page texts and returns a :class:`LearnResult` holding the rules,
the YAML text of the rule file and the report; it never prints or touches files.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from . import generic as _generic
from .errors import CleanerError
from .matcher import ANCHOR, LINE, SiteMatcher, _best, _extent, matcher_for, recognize
from .normalize import is_blank, normalize, split_lines
from .rules import THRESHOLD_DEFAULT, RuleFile, RuleSet, parse_rule_text

# Two pages are enough to see what they share; one page shows nothing recurring.
MIN_PAGES = 2
# A rule must be seen in at least half of the pages, and in at least 3: a line in 2 of 10
# pages is a shared quote or byline more often than template.
SUPPORT_FRACTION_DEFAULT = 0.5
SUPPORT_MIN_PAGES_DEFAULT = 3
# The most rules a learned file holds (the highest-support ones are kept); hand-written files
# hold 3-10, but a whole-page scrape holds every menu item: big9-dev sites learn 30-250.
MAX_RULES_DEFAULT = 300
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
# A rule's own line in at least this share of pages is template even when generic keeps it.
TEMPLATE_SUPPORT = 0.5
# Fingerprints: lines in at least this share of pages, of at least this many words.
FINGERPRINT_SUPPORT = 0.8
# Two words: 'Всі статті' yes, 'Home' or 'ОСТАННЄ' alone too common a word to name a site.
FINGERPRINT_MIN_WORDS = 2
FINGERPRINT_MAX = 4
# Longer lines are kept out of fingerprints: a whole paragraph is hard to read in the file.
FINGERPRINT_MAX_CHARS = 120
# Texts or patterns per rule: a cluster's most common variants; fuzzy matching covers the rest.
MEMBERS_MAX = 5
# Pass 3 (the core check and the report) runs on at most about this many pages, a sample chosen
# by content: a rule found in half of 10,000 pages shows itself on 1,000 of them, and running
# generic detection on every page would cost more than the rest of learning.
EVAL_MAX_PAGES = 1000
# Distinct lines whose keys are cached (template lines recur on every page); bounded, so memory
# still grows only with distinct lines kept in the counts.
KEY_CACHE_SIZE = 1 << 12
# Lines shown per rule in the report.
REPORT_EXAMPLES = 3

# Mask tokens: private-use characters, which text rarely holds.
NUM, DATE, TIME, MONTH, WEEKDAY = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
# A page's own character from that range (icon fonts use private-use characters) is masked as
# OTHER, so it never passes for a token; its pattern is any one character.
OTHER = "\ue005"
_TOKENS = NUM + DATE + TIME + MONTH + WEEKDAY + OTHER
_OWN_TOKENS = str.maketrans(dict.fromkeys(_TOKENS, OTHER))
_TOKEN_REGEX = {
    NUM: r"\d+",
    DATE: r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}",
    TIME: r"\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?",
    MONTH: r"\pL+\.?",
    WEEKDAY: r"\pL+\.?",
    OTHER: ".",
}
_DATE_RE = re.compile(r"(?<![0-9])[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}(?![0-9])")
_TIME_RE = re.compile(r"(?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?[ap]\.?m\.?)?(?![0-9])")
_NUM_RE = re.compile(r"[0-9]+")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    "січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
    "понеділок|вівторок|середа|четвер|п'ятниця|субота|неділя|"
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
_TOK_CLASS = f"[{_TOKENS}]"


def _named(words: str) -> re.Pattern[str]:
    """A month/weekday name next to a mask token (so 'may' in prose stays a word)."""
    return re.compile(
        rf"(?P<pre>{_TOK_CLASS}[ ,.]{{0,2}})?(?<![\w'])(?P<word>{words})(?![\w'])\.?"
        rf"(?P<post>,?[ ,.]{{0,2}}{_TOK_CLASS})?"
    )


_MONTH_RE = _named(_MONTHS)
_WEEKDAY_RE = _named(_WEEKDAYS)
# What may stand beside tokens in a stamp line ('11:53, 09.03.2025', '10 Mar 2009 - 18 Oct 2016').
_STAMP_FILLER = re.compile(rf"[{_TOKENS}\s,.:;/|·•()\[\]\-]+")


# Set lookups and one regex search instead of a generator over every character (a third of
# the learner's time went there): the same answers.
_TOKEN_SET = frozenset(_TOKENS)
_ASCII_DIGIT = re.compile(r"[0-9]")


class NotEnoughPagesError(CleanerError):
    """Too few pages, or nothing recurring in them: no rule file can be drafted."""


def mask(key: str) -> str:
    """Mask a normalised key: dates, times, numbers, and month/weekday names beside them, as tokens.

    'країна 29.01.2026 14:00' and 'країна 02.09.2025 09:30' both mask to one key, so template
    lines that carry a date fall together when document frequency is counted.
    """
    if not _TOKEN_SET.isdisjoint(key):
        key = key.translate(_OWN_TOKENS)
    if not (_ASCII_DIGIT.search(key) if key.isascii() else any(c.isdigit() for c in key)):
        return key
    key = _DATE_RE.sub(DATE, key)
    key = _TIME_RE.sub(TIME, key)
    key = _NUM_RE.sub(NUM, key)
    for regex, token in ((_MONTH_RE, MONTH), (_WEEKDAY_RE, WEEKDAY)):
        key = regex.sub(lambda m, t=token: _replace_name(m, t), key)
    return key


def _replace_name(m: re.Match[str], token: str) -> str:
    """Replace the name only when a token stands beside it."""
    if m.group("pre") is None and m.group("post") is None:
        return m.group(0)
    return (m.group("pre") or "") + token + (m.group("post") or "")


def has_tokens(masked: str) -> bool:
    """True when a masked key holds a mask token."""
    return not _TOKEN_SET.isdisjoint(masked)


def is_stamp(masked: str) -> bool:
    """True for a line that is only dates, times and numbers ('11:53, 09.03.2025', '14:00')."""
    return has_tokens(masked) and not _STAMP_FILLER.sub("", masked)


_RE_META = frozenset("\\.^$|?*+()[]{}")


def _re2_literal(text: str) -> str:
    """Escape RE2's metacharacters only, so patterns stay readable ('\\d+ captures', not '\\d+\\ captures')."""
    return "".join("\\" + c if c in _RE_META else c for c in text)


def to_pattern(masked: str) -> str:
    """An anchored RE2 pattern for a masked key: literal parts escaped, tokens as their regexes."""
    return "^" + "".join(_TOKEN_REGEX.get(c) or _re2_literal(c) for c in masked) + "$"


def resolve_support(min_support: float | None, pages: int) -> int:
    """Pages a rule needs: a fraction (< 1) of the pages or a count (>= 1); at least 2 always.

    The default: every page of 2 or 3, else half of them and at least 3.
    """
    if min_support is None:
        if pages <= SUPPORT_MIN_PAGES_DEFAULT:
            return pages
        return max(SUPPORT_MIN_PAGES_DEFAULT, math.ceil(SUPPORT_FRACTION_DEFAULT * pages))
    if min_support <= 0:
        raise CleanerError(f"min support must be above 0, got {min_support:g}")
    count = math.ceil(min_support * pages) if min_support < 1 else math.ceil(min_support)
    return max(2, count)


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class LearnedRule:
    """One learned rule with its evidence: support, an example, what it removes on the pages."""

    kind: str  # line, pattern or block
    cluster: int
    support: int
    members: tuple[str, ...]  # normalised (line, block anchors) or masked (pattern) keys
    example: str  # a raw line the rule stands for (the anchor, for a block)
    shape: tuple[dict, ...] = ()
    extent: str = "shape"  # blocks: 'shape' (a list) or 'end' (the page's tail)
    id: str = ""
    removed_lines: int = 0
    removed_pages: int = 0
    removed_examples: list[str] = field(default_factory=list)
    block_example: tuple[str, ...] = ()
    vetoed: str | None = None  # why the check refused it


@dataclass
class LearnResult:
    """What :func:`learn` returns: the rules kept, the refused ones, the YAML and the warnings."""

    site: str
    pages: int
    min_support: int
    rules: list[LearnedRule]
    refused: list[LearnedRule]
    dropped_for_max: list[LearnedRule]
    fingerprints: list[str]
    yaml: str
    rule_file: RuleFile
    warnings: list[str]
    evaluated: int = 0  # pages the check and the report ran on (a sample of large sets)

    def report(self) -> str:
        """What each rule removes on the training pages, then the rules refused and why."""
        out = [
            f"# learned {len(self.rules)} rules for {self.site} from {self.pages} pages "
            f"(min support {self.min_support} pages); removals counted on {self.evaluated} pages"
        ]
        for rule in self.rules:
            out.append(
                f"{rule.id}\t{rule.kind}\tin {rule.support} of {self.pages} pages\t"
                f"removes {rule.removed_lines} lines on {rule.removed_pages} pages"
            )
            out.extend(f"    - {_short(line)}" for line in rule.removed_examples)
        for rule in self.refused:
            out.append(f"REFUSED {rule.kind} {_short(rule.example)!r} (in {rule.support} pages): {rule.vetoed}")
        for rule in self.dropped_for_max:
            out.append(f"OVER --max-rules {rule.kind} {_short(rule.example)!r} (in {rule.support} pages)")
        return "\n".join(out) + "\n"


def _short(text: str, width: int = 100) -> str:
    """A line cut for display."""
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------------------------
# The passes


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def _keys(raw: str) -> tuple[str, str]:
    """A line's normalised and masked keys, cached: template lines come back on every page."""
    key = normalize(raw)
    return key, mask(key) if key else ""


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
                words = max(len(r.key.split()) for r in run)
                if words <= LIST_MAX_WORDS:
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
            block = self._block(c, support, example)
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
            else:
                rest = sorted(k for k in self.member_keys[c] | set(members) if k != first)
                out.append(LearnedRule("line", c, support, (first, *rest[: MEMBERS_MAX - 1]), example))
        return out

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
        if stats.short_pages >= self.support:
            words = max(w for w, n in stats.short_words.items())
            shape = [{"any": True, "max_words": words}]
            return LearnedRule("block", c, stats.short_pages, anchors, example, tuple(shape))
        return None


def _mode(counter: Counter) -> object:
    """The most common value; ties broken by the value itself, so file order never matters."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


# ---------------------------------------------------------------------------------------------
# YAML


# Characters YAML refuses in a stream (C0/C1 controls other than tab and newlines, surrogates,
# U+FFFE/FFFF): scraped text does hold them, so they are written as \u escapes.
# NEL and the Unicode line/paragraph separators are line breaks to YAML: escaped as well.
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _q(text: str) -> str:
    """A YAML scalar: a JSON string (valid YAML), with the characters YAML refuses escaped too."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _comment(text: str) -> str:
    """Text safe inside a one-line comment."""
    return _YAML_UNSAFE.sub("?", _short(text.replace("\r", " ").replace("\n", " "), 110))


def render_yaml(site: str, pages: int, support: int, rules: Sequence[LearnedRule], fingerprints: Sequence[str]) -> str:
    """The rule file: a header, the site keys, then rules by kind, each with its support and example."""
    out = [
        f"# Drafted by `cleaner learn` from {pages} pages of {_comment(site)}; a rule needed {support} or more pages.",
        "# Review it like a hand-written file: each rule says in how many pages it was found, with an",
        "# example line. Edit freely and test with `cleaner check`.",
        f"id: {_q(site)}",
        f"hosts: [{_q(site)}]",
    ]
    if fingerprints:
        out.append("fingerprints:")
        out += [f"  - {_q(fp)}" for fp in fingerprints]
        out.append(f"fingerprint_min: {min(2, len(fingerprints))}")
    out.append("rules:" if rules else "rules: []")
    for rule in rules:
        out.append("")
        out.append(f"  # in {rule.support} of {pages} pages; e.g. {_q(_comment(rule.example))}")
        if rule.kind == "line":
            texts = [rule.example if normalize(rule.example) == rule.members[0] else rule.members[0], *rule.members[1:]]
            out.append(f"  - {{id: {_q(rule.id)}, kind: line, texts: [{', '.join(_q(t) for t in texts)}]}}")
            continue
        out.append(f"  - id: {_q(rule.id)}")
        out.append(f"    kind: {rule.kind}")
        if rule.kind == "pattern":
            out.append(f"    patterns: [{', '.join(_q(to_pattern(m)) for m in rule.members)}]")
        else:
            anchors = [
                rule.example if normalize(rule.example) == rule.members[0] else rule.members[0],
                *rule.members[1:],
            ]
            out.append(f"    anchors: [{', '.join(_q(t) for t in anchors)}]")
            out.append(f"    extent: {rule.extent}")
            if rule.shape:
                out.append("    shape:")
            for element in rule.shape:
                parts = [f"{k}: {_q(v) if isinstance(v, str) else json.dumps(v)}" for k, v in element.items()]
                out.append(f"      - {{{', '.join(parts)}}}")
        drop = "\n".join(rule.block_example) if rule.kind == "block" else rule.example
        if drop.strip():
            out.append(f"    examples: {{drop: [{_q(drop)}]}}")
    return "\n".join(out) + "\n"


_KIND_ORDER = {"line": 0, "pattern": 1, "block": 2}


def _ordered(rules: Iterable[LearnedRule]) -> list[LearnedRule]:
    """By kind, then most supported first, then by text: the file's order whatever the input order."""
    return sorted(rules, key=lambda r: (_KIND_ORDER[r.kind], -r.support, r.members, r.extent, repr(r.shape)))


def _number(rules: list[LearnedRule]) -> None:
    """Ids by kind and position: line-01, pattern-01, block-01."""
    seen: Counter[str] = Counter()
    for rule in rules:
        seen[rule.kind] += 1
        rule.id = f"{rule.kind}-{seen[rule.kind]:02d}"


# ---------------------------------------------------------------------------------------------
# Pass 3: what each candidate removes, and the core-text check


def _evaluate(pages: Collection[str], rule_file: RuleFile, rules: dict[str, LearnedRule]) -> int:
    """Run the candidates on the (sampled) pages: count removals, refuse rules that remove core lines."""
    evaluated = 0
    matcher = SiteMatcher([rule_file])
    by_id = {r.id: r for r in rule_file.rules}
    for text in _sample(pages):
        evaluated += 1
        lines = split_lines(text)
        keys = [_keys(line)[0] for line in lines]
        hits = matcher.hits(keys)
        removed: dict[str, list[int]] = defaultdict(list)
        for i, line_hits in enumerate(hits):
            for rid in {h.rule.id for h in line_hits if h.role == LINE}:
                removed[rid].append(i)
        nonblank = [i for i, k in enumerate(keys) if k]
        for rule, _ in matcher.blocks:
            for pos, i in enumerate(nonblank):
                if _best(hits[i], rule, ANCHOR) is not None:
                    taken = [i, *_extent(rule, keys, hits, nonblank, pos + 1)]
                    removed[rule.id].extend(taken)
                    learned = rules[rule.id]
                    after = pos + len(taken)
                    shortlist = learned.extent == "shape" and not any(e.get("pattern") for e in learned.shape)
                    if learned.vetoed is None and shortlist:
                        nxt = nonblank[after] if after < len(nonblank) else None
                        last = taken[-1]
                        if (
                            nxt is not None
                            and _article_like(keys[nxt], hits[nxt])
                            and not any(h.role == LINE for h in hits[last])
                            and not is_stamp(mask(keys[last]))
                        ):
                            learned.vetoed = (
                                "a list of short lines that runs into the article, so its last line may be the "
                                f"title: {_short(lines[taken[-1]], 60)!r} before {_short(lines[nxt], 60)!r}"
                            )
                    sample = tuple(lines[j] for j in taken[: 1 + 2 * max(1, len(by_id[rule.id].shape))])
                    if len(sample) >= 2 and (len(learned.block_example) < 2 or sample < learned.block_example):
                        learned.block_example = sample
        core: set[int] | None = None
        for rid, idx in removed.items():
            learned = rules[rid]
            learned.removed_pages += 1
            learned.removed_lines += len(set(idx))
            # The first lines it removes on one page: the page whose lines sort first, so the
            # report does not depend on the order of the pages either.
            shown = [lines[j].strip() for j in sorted(set(idx))][:REPORT_EXAMPLES]
            if not learned.removed_examples or shown < learned.removed_examples:
                learned.removed_examples = shown
            long_lines = [
                j for j in idx if len(keys[j].split()) >= CORE_MIN_WORDS and not _template_line(learned, keys[j], pages)
            ]
            if long_lines and learned.vetoed is None:
                if core is None:
                    core = _core_lines(lines, keys)
                hit = next((j for j in sorted(long_lines) if j in core), None)
                if hit is not None:
                    learned.vetoed = f"removes a core line on a training page: {_short(lines[hit], 80)!r}"
    return evaluated


def _sample(pages: Collection[str]) -> Iterator[str]:
    """At most about :data:`EVAL_MAX_PAGES` pages, chosen by content (a CRC), so never by file order."""
    stride = max(1, math.ceil(len(pages) / EVAL_MAX_PAGES))
    for text in pages:
        if stride == 1 or zlib.crc32(text.encode("utf-8", "surrogatepass")) % stride == 0:
            yield text


def _core_lines(lines: Sequence[str], keys: Sequence[str]) -> set[int]:
    """Lines generic detection keeps as the article's core: long prose it keeps on the page with no rules.

    When it keeps bare date/time lines as well, it found no article on the page and kept the
    page body (its broad mode: a short article beside long teasers does that), so its verdicts
    say nothing about the article's core and the page is left out of the check.
    """
    verdicts = _generic.detect(lines, [None] * len(lines), [False] * len(lines))
    kept = [j for j, v in enumerate(verdicts) if v is None and keys[j]]
    if any(is_stamp(mask(keys[j])) for j in kept):
        return set()
    return {j for j in kept if len(keys[j].split()) >= CORE_MIN_WORDS}


def _template_line(rule: LearnedRule, key: str, pages: Collection[str]) -> bool:
    """A line that is itself the rule's text, found in nearly every page: template, not article.

    The core check is for rules that reach too far (a fuzzy variant, a pattern, a block); a
    paragraph that stands word for word in 80% of a site's pages (a login notice, a cookie
    help text) is template even when generic detection, seeing one page, keeps it.
    """
    if rule.kind == "block" or rule.support < TEMPLATE_SUPPORT * len(pages):
        return False
    return (mask(key) if rule.kind == "pattern" else key) in rule.members


def _article_like(key: str, hits: Sequence) -> bool:
    """A long line no learned line rule matches: prose, likely the article's first paragraph."""
    return len(key.split()) >= CORE_MIN_WORDS and not any(h.role == LINE for h in hits)


def _default_block_examples(rules: list[LearnedRule]) -> None:
    """Blocks whose example could not be taken from a page get the anchor alone."""
    for rule in rules:
        if rule.kind == "block" and not rule.block_example:
            rule.block_example = (rule.example,)


# ---------------------------------------------------------------------------------------------
# The entry point


def learn(
    pages: Collection[str],
    site: str,
    *,
    min_support: float | None = None,
    max_rules: int = MAX_RULES_DEFAULT,
    known: RuleSet | None = None,
) -> LearnResult:
    """Draft a rule file for ``site`` from its pages' texts.

    ``pages`` is iterated three times (pass a lazy collection to keep memory flat); the result
    does not depend on its order. ``min_support`` is a fraction of the pages (below 1) or a page
    count; ``known`` rules, if given, are used to warn when the pages look like several sites
    and to keep lines the common rules already remove out of the fingerprints.
    Raises :class:`NotEnoughPagesError` when there are too few pages or nothing recurs.
    """
    total = len(pages)
    if total < MIN_PAGES:
        raise NotEnoughPagesError(f"{total} pages given; learning needs at least {MIN_PAGES} pages of one site")
    if max_rules < 1:
        raise CleanerError(f"max rules must be at least 1, got {max_rules}")
    support = resolve_support(min_support, total)
    if support > total:
        raise NotEnoughPagesError(f"min support {support} pages is more than the {total} pages given")
    learner = _Learner(pages, support)
    learner.count()
    learner.cluster()
    learner.observe()
    candidates = _ordered(learner.candidates())
    if not candidates:
        raise NotEnoughPagesError(
            f"no line recurs in {support} or more of the {total} pages; nothing to learn (is this one site?)"
        )
    _number(candidates)
    _default_block_examples(candidates)
    draft = render_yaml(site, total, support, candidates, [])
    by_id = {r.id: r for r in candidates}
    evaluated = _evaluate(pages, parse_rule_text(draft, f"<learned {site}>"), by_id)

    refused = [r for r in candidates if r.vetoed is not None]
    kept = [r for r in candidates if r.vetoed is None and r.removed_lines > 0]
    anchored = {r.cluster for r in kept if r.kind == "block"}
    kept = [r for r in kept if not (r.kind == "line" and r.cluster in anchored)]
    by_support = sorted(kept, key=lambda r: (-r.support, _KIND_ORDER[r.kind], r.members))
    over = by_support[max_rules:]
    kept = _ordered(by_support[:max_rules])
    _number(kept)
    fingerprints = _fingerprints(kept, total, known)
    text = render_yaml(site, total, support, kept, fingerprints)
    rule_file = parse_rule_text(text, f"<learned {site}>")
    warnings = _warnings(pages, kept, total, known, site)
    return LearnResult(
        site, total, support, kept, refused, _ordered(over), fingerprints, text, rule_file, warnings, evaluated
    )


def _fingerprints(rules: Sequence[LearnedRule], pages: int, known: RuleSet | None) -> list[str]:
    """The longest literal lines (line rules, block headings) found in most pages, that the common
    rules do not already remove."""
    common = matcher_for(known, None) if known is not None else None
    pool = []
    for rule in rules:
        if rule.kind == "pattern" or rule.support < FINGERPRINT_SUPPORT * pages:
            continue
        key = rule.members[0]
        if len(key.split()) < FINGERPRINT_MIN_WORDS or len(key) > FINGERPRINT_MAX_CHARS:
            continue
        if common is not None and any(common.apply([key])[0]):
            continue
        if (key, rule.example) not in pool:
            pool.append((key, rule.example))
    return [example for _, example in sorted(pool, key=lambda p: (-len(p[0]), p[0]))[:FINGERPRINT_MAX]]


def _warnings(
    pages: Collection[str],
    rules: Sequence[LearnedRule],
    total: int,
    known: RuleSet | None,
    site: str,
) -> list[str]:
    """Signs that the folder mixes sites: recognition names several, or little is common to most pages."""
    out = []
    if known is not None and known.sites:
        seen: Counter[str] = Counter()
        for text in pages:
            found = recognize(known, [normalize(line) for line in split_lines(text) if not is_blank(line)])
            if found is not None:
                seen[found] += 1
        others = {s: n for s, n in seen.items() if s != site}
        if len(seen) > 1 or (others and sum(others.values()) < total):
            listing = ", ".join(f"{s} ({n} pages)" for s, n in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0])))
            out.append(f"the pages look like several sites: {listing}; learn each site from its own folder")
    if rules and max(r.support for r in rules) < FINGERPRINT_SUPPORT * total:
        out.append(
            f"no line is in {math.ceil(FINGERPRINT_SUPPORT * total)} or more of the {total} pages; "
            "the folder may mix sites or templates"
        )
    return out
