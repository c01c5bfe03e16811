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
the YAML text of the rule file and the report; it never prints or touches files. It holds the
entry point and pass 3; line keys and masking are in :mod:`cleaner.learnkeys`, passes 1 and 2 in
:mod:`cleaner.learnpasses`, the result types and the YAML in :mod:`cleaner.learndraft`. Their
public names are re-exported here, so ``from cleaner.learn import ...`` keeps working.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence

from . import generic as _generic
from .errors import CleanerError
from .learndraft import _KIND_ORDER, LearnedRule, LearnResult, _number, _ordered, _short, render_yaml
from .learnkeys import (
    DATE,
    KEY_CACHE_SIZE,
    MONTH,
    NUM,
    OTHER,
    SUPPORT_FRACTION_DEFAULT,
    SUPPORT_MIN_PAGES_DEFAULT,
    TIME,
    WEEKDAY,
    _keys,
    has_tokens,
    is_stamp,
    mask,
    resolve_support,
    to_pattern,
)
from .learnpasses import (
    CLUSTER_FLOOR_SHARE,
    CLUSTER_MAX_KEYS,
    CLUSTER_THRESHOLD,
    CORE_MIN_WORDS,
    LIST_MAX_WORDS,
    MEMBERS_MAX,
    SHAPE_MAX_OPTIONAL,
    _Learner,
)
from .matcher import ANCHOR, LINE, SiteMatcher, _best, _extent, matcher_for, recognize
from .normalize import is_blank, normalize, split_lines
from .rules import RuleFile, RuleSet, parse_rule_text

__all__ = [
    "CLUSTER_FLOOR_SHARE",
    "CLUSTER_MAX_KEYS",
    "CLUSTER_THRESHOLD",
    "CORE_MIN_WORDS",
    "DATE",
    "EVAL_MAX_PAGES",
    "FINGERPRINT_MAX",
    "FINGERPRINT_MAX_CHARS",
    "FINGERPRINT_MIN_WORDS",
    "FINGERPRINT_SUPPORT",
    "KEY_CACHE_SIZE",
    "LIST_MAX_WORDS",
    "MAX_RULES_DEFAULT",
    "MEMBERS_MAX",
    "MIN_PAGES",
    "MONTH",
    "NUM",
    "OTHER",
    "REPORT_EXAMPLES",
    "SHAPE_MAX_OPTIONAL",
    "SUPPORT_FRACTION_DEFAULT",
    "SUPPORT_MIN_PAGES_DEFAULT",
    "TEMPLATE_SUPPORT",
    "TIME",
    "WEEKDAY",
    "LearnResult",
    "LearnedRule",
    "NotEnoughPagesError",
    "has_tokens",
    "is_stamp",
    "learn",
    "mask",
    "render_yaml",
    "resolve_support",
    "to_pattern",
]

# Two pages are enough to see what they share; one page shows nothing recurring.
MIN_PAGES = 2
# The most rules a learned file holds (the highest-support ones are kept); hand-written files
# hold 3-10, but a whole-page scrape holds every menu item: big9-dev sites learn 30-250.
MAX_RULES_DEFAULT = 300
# A rule's own line in at least this share of pages is template even when generic keeps it.
TEMPLATE_SUPPORT = 0.5
# Fingerprints: lines in at least this share of pages, of at least this many words.
FINGERPRINT_SUPPORT = 0.8
# Two words: 'Всі статті' yes, 'Home' or 'ОСТАННЄ' alone too common a word to name a site.
FINGERPRINT_MIN_WORDS = 2
FINGERPRINT_MAX = 4
# Longer lines are kept out of fingerprints: a whole paragraph is hard to read in the file.
FINGERPRINT_MAX_CHARS = 120
# Pass 3 (the core check and the report) runs on at most about this many pages, a sample chosen
# by content: a rule found in half of 10,000 pages shows itself on 1,000 of them, and running
# generic detection on every page would cost more than the rest of learning.
EVAL_MAX_PAGES = 1000
# Lines shown per rule in the report.
REPORT_EXAMPLES = 3


class NotEnoughPagesError(CleanerError):
    """Too few pages, or nothing recurring in them: no rule file can be drafted."""


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
        # A list after the article's first paragraph cannot hold the title: it may run into prose.
        prose_at = next((p for p, i in enumerate(nonblank) if _article_like(keys[i], hits[i])), len(nonblank))
        for rule, _ in matcher.blocks:
            for pos, i in enumerate(nonblank):
                if _best(hits[i], rule, ANCHOR) is not None:
                    taken = [i, *(_extent(rule, keys, hits, nonblank, pos + 1) or ())]
                    removed[rule.id].extend(taken)
                    learned = rules[rule.id]
                    after = pos + len(taken)
                    shortlist = learned.extent == "shape" and not any(e.get("pattern") for e in learned.shape)
                    if learned.vetoed is None and shortlist:
                        nxt = nonblank[after] if after < len(nonblank) else None
                        last = taken[-1]
                        if (
                            nxt is not None
                            and pos <= prose_at
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
            # An affix pattern's varying part is a few words (names): what it removes of a long
            # line is the fixed part found on most pages, template however long the line.
            long_lines = [
                j
                for j in idx
                if not learned.regex
                and len(keys[j].split()) >= CORE_MIN_WORDS
                and not _template_line(learned, keys[j], pages)
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
