"""Whole junk blocks: runs of repeated item shapes after the article, taken out as one block.

A 'Latest news', 'Most popular', 'Related' or comments block is a list of items of one shape:
time / headline / lead, headline / lead, name / date / comment, kicker / headline / source / lead.
Line by line each item may pass for content (a lead is a sentence, a headline a subhead), but
the run of three or more items of one shape, after the article's last long paragraph, is a
block of other things (``generic/item-list``). The seeds' 'ЩЕ ЗА ТЕМОЮ', 'ОСТАННЄ' and 'Статті' lists have the shape,
in any language, with or without a heading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise, repeat

from cleaner.generic.headline import (
    HEADLINE_MIN_WORDS_DEFAULT,
    HEADLINE_TOPIC_MIN_WORDS_DEFAULT,
    _on_topic,
    _topic_words,
)
from cleaner.generic.language import _stoplist
from cleaner.generic.lines import GOOD, NEAR, SHORT, _line_facts
from cleaner.generic.signals import _CTA

# An item's lead is a sentence or two: a line this long or longer is an article's paragraph,
# and the article's core ends at the last one (blocks are looked for after it).
LEAD_MAX_CHARS_DEFAULT = 320
# ... or, when its paragraphs are shorter, the last of this many prose lines in a row.
CORE_MIN_PARAGRAPHS = 3
# An item's headline: a few words without a sentence end ('Home Depot sales miss, shares plunge').
ITEM_HEAD_MIN_WORDS_DEFAULT = 2
ITEM_HEAD_MAX_WORDS_DEFAULT = 20
# A block is at least this many items of one shape in a row (two may be an article's subheads).
ITEM_MIN_RUN_DEFAULT = 3
# Headline/lead items with no date line are teasers when the site cut their leads with an ellipsis,
# this share of them ('... which sits under the Mac...'). Cut to one length was tried too: a
# service page's offer cards are cut alike (wcxb-dev 0169 lost 0.36), so it is not used.
LEAD_CUT_SHARE_DEFAULT = 0.75
# Shapes of one item, in lines: headline/lead is 2, time/headline/lead or name/date/comment 3,
# and a news aggregator's teaser 4 (below).
ITEM_PERIODS = (2, 3, 4)
# A teaser of four lines, kicker / headline / source and tags / lead ('REINDEER GAMES', 'Why
# Don't You Go Fight For The Reindeer?', '1 digg delacortereview.org Long Reads World', its
# lead): three short lines and a sentence, which needs no date or cut lead to be a block. A
# shop's or a service's cards are name / description, and an article's subheads have paragraphs.
# 2026-12-03, `python -m benchmarks.gate` and `python -m benchmarks.quality ../shared/data/SET
# --no-peers [--half a|b]`: aeb 0.9103 -> 0.9107 (Digg 680c2848, precision 0.58 -> 0.70);
# wcxb-dev collection pages 2953, 2954, 3003, 3028 and service 0702 precision +0.04 to +0.06,
# no page lower; big9-dev and seeds unchanged (pages with no long paragraph in the region are
# not searched for them, at no cost in speed: 3027 stays as it was). Three-line kicker /
# headline / lead items without a date took service pages' cards (wcxb-dev 1087, word F1 -0.60),
# and four-line items of other shapes cut a shop's name / description pairs into pairs of pairs.
_TEASER4 = ["H", "H", "H", "L"]
# A short line just above the block, of at most this many words, is its heading ('Most Popular').
ITEM_HEADING_MAX_WORDS_DEFAULT = 6

# Signals of an item's marker line: its date or time, its author.
_MARKERS = frozenset({"timestamp", "byline", "comment"})


# A relative date opening a line, in lower case as sites print it: '16 hours ago on iOS Blog'.
_AGO = re.compile(r"\d+\s+(?:sec|min|hour|hr|day|week|month|year)s?\b.{0,10}\bago\b")


# An item's stamp line with its author in it: a clock time or a numeric date in a short line
# without a sentence ('Mark Lewis - 10/18/02 12:15:12 PM ET'), which no signal of its own names
# (the timestamp signal wants the whole line a date). 2026-12-03, `python -m benchmarks.gate` and
# `python -m benchmarks.quality ../shared/data/SET --no-peers --half a|b`: aeb shingle F1 0.9098 ->
# 0.9102 (half a unchanged, b 0.913 -> 0.914: page 55bb6340, precision 0.72 -> 0.84), big9-dev
# 0.9648 -> 0.9654 (forbes-2005 volkswagen_1, precision 0.80 -> 0.995); no wcxb-dev page changes;
# seeds unchanged.
_STAMP = re.compile(r"\d:\d\d|(?<!\d)\d{1,2}([./-])\d{1,2}\1\d{2,4}(?!\d)")
ITEM_STAMP_MAX_WORDS_DEFAULT = 10


# An item's headline may carry these signals: a headline in title case reads as few stopwords
# ('Deal Alert: Save $50 on Apple's Powerbeats Pro wireless sport headphones'). With a line cut
# short between two leads read as the next item's headline (_cut_headlines), a 'Deals' block of
# headlines and cut leads holds together as one run. 2026-12-04, `python -m benchmarks.quality
# ../shared/data/SET --no-peers [--half a|b]`: aeb shingle F1 0.9318 -> 0.9333 (half a 0.9324 ->
# 0.9355: MSPoweruser aade2ec8, precision 0.42 -> 0.93); wcxb-dev 0.8146 unchanged (one article
# +0.02); big9-dev and seeds unchanged. Each alone changed nothing; any short line cut with an
# ellipsis as a headline broke a newsletter's date / headline / cut lead items (aeb -0.072).
_HEAD_SIGNALS = ("", "repeated", "low-stopwords")


def _stamped(text: str, words: int, end: bool) -> bool:
    """True for a short line holding a clock time or a numeric date, with no sentence end."""
    return words <= ITEM_STAMP_MAX_WORDS_DEFAULT and not end and _STAMP.search(text) is not None


def _shape(text: str, cls: str | None, signal: str, length: int, words: int, end: bool) -> str:
    """One line's part in an item: T marker, H headline, L lead, P paragraph, X anything else."""
    if signal in _MARKERS or (words <= ITEM_HEAD_MAX_WORDS_DEFAULT and "ago" in text and _AGO.match(text.strip())):
        return "T"
    if signal == "" and _stamped(text, words, end):
        return "T"
    if length >= LEAD_MAX_CHARS_DEFAULT and (cls is GOOD or cls is NEAR):
        return "P"
    if ITEM_HEAD_MIN_WORDS_DEFAULT <= words <= ITEM_HEAD_MAX_WORDS_DEFAULT and signal in _HEAD_SIGNALS and not end:
        return "H"
    if cls is GOOD or cls is NEAR or (cls is SHORT and end):
        return "L"
    return "X"


def _cut_headlines(lines: Sequence[str], idx: list[int], shapes: list[str], words: list[int]) -> None:
    """A line cut short with an ellipsis between two leads is the next item's headline ('Microsoft
    offers "Build your own Surface Go Kids Bundle" plus JBL he...'), not a lead."""
    for p in range(1, len(shapes) - 1):
        if (
            shapes[p] == "L"
            and shapes[p - 1] == "L"
            and shapes[p + 1] == "L"
            and ITEM_HEAD_MIN_WORDS_DEFAULT <= words[idx[p]] <= ITEM_HEAD_MAX_WORDS_DEFAULT
            and lines[idx[p]].rstrip().endswith(("...", "…"))
        ):
            shapes[p] = "H"


def _cut_leads(lines: Sequence[str], idx: list[int], shapes: list[str], pos: int, size: int) -> bool:
    """True when most of a run's leads end in an ellipsis: teasers the site cut short; an
    article's own list items say all they need."""
    leads = [lines[idx[p]].strip() for p in range(pos, pos + size) if shapes[p] == "L"]
    if len(leads) < ITEM_MIN_RUN_DEFAULT:
        return False
    cut = sum(lead.endswith(("...", "…")) for lead in leads)
    return cut >= LEAD_CUT_SHARE_DEFAULT * len(leads)


def _room_for_teasers(cls: list[str | None], length: list[int], region: list[bool]) -> bool:
    """True when ITEM_MIN_RUN_DEFAULT four-line teasers fit in the region after its last long
    paragraph: a test over a few lists that spares most pages without markers the shapes."""
    last = next(
        (
            i
            for i in range(len(cls) - 1, -1, -1)
            if region[i] and length[i] >= LEAD_MAX_CHARS_DEFAULT and cls[i] in _PROSE
        ),
        None,
    )
    if last is None:
        return False
    after = sum(1 for i in range(last + 1, len(cls)) if region[i] and cls[i] is not None)
    return after >= len(_TEASER4) * ITEM_MIN_RUN_DEFAULT


_PROSE = (GOOD, NEAR)


def _core_end(shapes: list[str], inside: list[bool]) -> int | None:
    """Where the article's core ends: its last paragraph of LEAD_MAX_CHARS_DEFAULT or more, or
    the last of CORE_MIN_PARAGRAPHS prose lines in a row (items never hold two leads in a row)."""
    end = None
    run = 0
    for p, (shape, r) in enumerate(zip(shapes, inside, strict=True)):
        run = run + 1 if r and shape in "LP" else 0
        if r and (shape == "P" or run >= CORE_MIN_PARAGRAPHS):
            end = p
    return end


def _item_runs(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    length: list[int],
    words: list[int],
    ends: list[bool],
    region: list[bool],
) -> list[int]:
    """The lines of item blocks after the article's core, to be taken out of the region.

    After the article's core (:func:`_core_end`), a run of ITEM_MIN_RUN_DEFAULT or more items
    of one shape (ITEM_PERIODS lines each, holding a headline and a marker: a date, a time, an
    author, or a short line with a stamp in it ('Mark Lewis - 10/18/02 12:15:12 PM ET'); or a
    headline and a lead cut short with '...'; every item alike), with nothing of the
    article after it, is a block, with the short line above it as its heading. Lines of the
    region only; returns them in order.
    """
    # Every item holds a marker, a stamp or a cut lead: a page with fewer than a block's worth has
    # no block (most pages; counted at C speed, the stamps' regex only when still short of it).
    found = sum(map(_MARKERS.__contains__, signal))
    for sign in ("ago", "...", "…"):
        if found < ITEM_MIN_RUN_DEFAULT:
            found += sum(map(str.__contains__, lines, repeat(sign)))
    if found < ITEM_MIN_RUN_DEFAULT:
        found += sum(1 for i, line in enumerate(lines) if not signal[i] and _stamped(line, words[i], ends[i]))
    marked = found >= ITEM_MIN_RUN_DEFAULT  # else only teasers of kicker, headline, source, lead can be
    if not marked and not _room_for_teasers(cls, length, region):
        return []
    # Lines a rule removed ('8 comments' under each item) are no part of the shape.
    idx = [i for i, c in enumerate(cls) if c is not None and signal[i] != "decided"]
    shapes = [_shape(lines[i], cls[i], signal[i], length[i], words[i], ends[i]) for i in idx]
    _cut_headlines(lines, idx, shapes, words)
    core_end = _core_end(shapes, [region[i] for i in idx])
    if core_end is None:
        return []
    out: list[int] = []
    pos = core_end + 1
    while pos < len(idx):
        found = None
        for period in ITEM_PERIODS:
            item = shapes[pos : pos + period]
            if len(item) < period or item[0] not in "TH" or "H" not in item or ("T" not in item and "L" not in item):
                continue
            if any(s in "PX" for s in item) or (period == 4 and item != _TEASER4):
                continue
            count = 1
            while shapes[pos + count * period : pos + (count + 1) * period] == item:
                count += 1
            if count >= ITEM_MIN_RUN_DEFAULT and (
                (marked and ("T" in item or _cut_leads(lines, idx, shapes, pos, period * count))) or item == _TEASER4
            ):
                found = (period, count)
                break
        if found is None:
            pos += 1
            continue
        period, count = found
        stop = pos + period * count
        item = shapes[pos : pos + period]
        while stop < len(idx) and stop - pos - period * count < period and shapes[stop] == item[(stop - pos) % period]:
            stop += 1  # the last item's first lines, when the run began mid-item
        # The block is the region's tail: prose after it means the article goes on (a list the
        # article holds: a roundup's entries, a service's offers, then more text).
        if any(region[idx[p]] and shapes[p] in "LP" for p in range(stop, len(idx))):
            pos = stop
            continue
        run = [idx[p] for p in range(pos, stop)]
        head = pos - 1
        if head > core_end and shapes[head] in "HX" and words[idx[head]] <= ITEM_HEADING_MAX_WORDS_DEFAULT:
            run.insert(0, idx[head])

        out.extend(i for i in run if region[i])
        pos = stop
    return out


# A comment thread or a dated news list after the article: at least this many date or time lines
# ('2 days ago at 07:52 am') inside the region, each within THREAD_MAX_GAP_DEFAULT non-blank
# lines of the one before (a comment is a name, its date, one to a few paragraphs, a rating).
# Its comments are prose and may outweigh the article, so neither the region's end nor the
# item shapes above (every item alike) catch it.
THREAD_MIN_MARKERS_DEFAULT = 4
THREAD_MAX_GAP_DEFAULT = 12
# ... after at least this much of the article (region score: about two paragraphs) with no
# date line among its paragraphs: a live blog or a timeline dates its entries from the first.
THREAD_MIN_BEFORE_DEFAULT = 400
# ... and most of its date lines stand next to a short line, the comment's author or the
# teaser's headline ('Nick A', then '2 days ago at 07:47 am'): a timeline's dates stand between
# its paragraphs. This share of them at least.
THREAD_NAMED_SHARE_DEFAULT = 0.75
# ... and it weighs (region score) at most this share of the article above it: a listing's or a
# forum's dated entries, a list article's numbered items, outweigh the lead above them and are
# the page's content (wcxb-dev keeps them), a 'Latest News' box under a story does not.
THREAD_MAX_WEIGHT_DEFAULT = 1.0
# ... unless a heading of what follows the article, seen once in the page, stands over the first
# item ('Top Rated Comments'): then the block goes whatever it weighs, with the rest of the region
# after it. 2026-12-02, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`:
# aeb shingle F1 0.9044 -> 0.9062 (half a 0.9010 -> 0.9010, b 0.9076 -> 0.9113; MacRumors'
# comments under a story, precision 0.19 -> 0.78); big9-dev, wcxb-dev (every page type) and
# seeds unchanged. Without the once-in-the-page condition an interview's 'Read' link above each
# book took the answers (wcxb-dev 4371, word F1 0.87 -> 0.44). The section-end heading keeps its
# signal inside a headline list's lines for this (and for the region's cut at a section end).
# A line just above the block, of at most this many words and no sentence, is its heading.
THREAD_HEADING_MAX_WORDS_DEFAULT = 4


# A date or a time, not a count or a measure: a clock time, a day's date, a year or 'ago'
# ('2 days ago at 07:52 am', '12 November 2019'); a gallery's '1 / 4', a quote box's '225.86', a
# spec table's 'XX hours' are no item's date.
_DATED = re.compile(
    r"\d:\d\d|(?:\d{1,2}|\d{4})([./-])\d{1,2}\1\d{2,4}|(?<!\d)(?:19|20)\d\d(?!\d)|\bago\b", re.IGNORECASE
)

# Bylines that credit a picture, not an item's author.
_CREDITS = ("photo", "фото", "image", "picture", "foto")


def _marker(text: str, signal: str, words: int) -> bool:
    """True for a date, time or author line of a thread's item (a word or a clock, not a count)."""
    if signal == "byline":  # an author, not a picture's credit ('Photo: Getty Images' under each)
        return not text.lstrip().lower().startswith(_CREDITS)
    if signal in _MARKERS:
        return signal != "timestamp" or bool(_DATED.search(text))
    return words <= ITEM_HEAD_MAX_WORDS_DEFAULT and "ago" in text and bool(_AGO.match(text.strip()))


def _thread(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    ends: list[bool],
    score: list[int],
    region: list[bool],
) -> list[int]:
    """The lines of a comment thread (or a dated list) inside the region after the article.

    The first run of THREAD_MIN_MARKERS_DEFAULT or more date lines, each within
    THREAD_MAX_GAP_DEFAULT lines of the one before, most of them next to a short line (see
    THREAD_NAMED_SHARE_DEFAULT), after THREAD_MIN_BEFORE_DEFAULT of the region's score with no
    date line below its first paragraph. The block runs from the line after the article's
    last prose line above the run to the last date line's item (as long as the run's widest
    gap). Returns its lines in the region, in order.
    """
    if sum(map(_MARKERS.__contains__, signal)) + sum(map(str.__contains__, lines, repeat("ago"))) < (
        THREAD_MIN_MARKERS_DEFAULT
    ):
        return []
    idx = [i for i, c in enumerate(cls) if c is not None and signal[i] != "decided" and region[i]]
    marks = [p for p, i in enumerate(idx) if _marker(lines[i], signal[i], words[i])]
    if len(marks) < THREAD_MIN_MARKERS_DEFAULT:
        return []
    first_prose = next((p for p, i in enumerate(idx) if cls[i] is GOOD), None)
    run: list[int] = []
    for p in marks:
        if run and p - run[-1] > THREAD_MAX_GAP_DEFAULT:
            if len(run) >= THREAD_MIN_MARKERS_DEFAULT:
                break
            run = []
        run.append(p)
    if len(run) < THREAD_MIN_MARKERS_DEFAULT:
        return []
    # No date line among the article's paragraphs above the run (a live blog's entries).
    if first_prose is None or any(first_prose < p < run[0] for p in marks):
        return []
    before = sum(max(0, score[idx[p]]) for p in range(run[0]))
    if before < THREAD_MIN_BEFORE_DEFAULT:
        return []

    def short(p: int) -> bool:
        return 0 <= p < len(idx) and p not in run and (cls[idx[p]] not in (GOOD, NEAR) or bool(signal[idx[p]]))

    named = sum(short(p - 1) or short(p + 1) for p in run)
    if named < THREAD_NAMED_SHARE_DEFAULT * len(run):
        return []
    # Above its first date line, the block holds lines other signals removed ('[ 167 comments ]')
    # and the first item's author or headline (no sentence); then a short heading without a
    # sentence end ('Editors' Picks', 'Top Rated Comments'). A longer heading is the article's.
    start = run[0]
    while start - 1 > first_prose and signal[idx[start - 1]]:
        start -= 1
    if start == run[0] and start - 1 > first_prose and (cls[idx[start - 1]] is SHORT or not ends[idx[start - 1]]):
        start -= 1
    while start - 1 > first_prose and signal[idx[start - 1]]:
        start -= 1
    above = idx[start - 1]
    if start - 1 > first_prose and not ends[above] and words[above] <= THREAD_HEADING_MAX_WORDS_DEFAULT:
        start -= 1
    # The last item's lines, as many as the run's widest gap, up to two paragraphs in a row
    # (the article resuming after a box of dated teasers).
    gap = max(b - a for a, b in pairwise(run))
    stop = run[-1] + 1
    while stop < min(len(idx), run[-1] + gap) and not (cls[idx[stop]] is GOOD and cls[idx[stop - 1]] is GOOD):
        stop += 1
    # A heading of what follows the article above the first item ('Top Rated Comments', '[ 167
    # comments ]' aside) says the thread is no part of it, whatever it weighs; a heading seen
    # more than once in the page is a link in each entry ('Read'), no such heading.
    heads = [lines[idx[p]].strip().lower() for p in range(start, run[0]) if signal[idx[p]] == "section-end"]
    if heads:
        seen = Counter(lines[i].strip().lower() for i, s in enumerate(signal) if s == "section-end")
        heads = [h for h in heads if seen[h] == 1]
    headed = bool(heads)
    if headed:  # ... and what follows it in the region, as after any such heading (the article never resumes)
        stop = len(idx)
    if not headed and sum(max(0, score[idx[p]]) for p in range(start, stop)) > THREAD_MAX_WEIGHT_DEFAULT * before:
        return []
    return [idx[p] for p in range(start, stop)]


# A newsletter box after the article: a call to action ('Sign Up for e-mail newsletters',
# 'Stay up to date with Ascom. Subscribe to our newsletter.') after the region's last good
# paragraph, and under it up to this many lines of prose, none good, to the region's end ('Get
# breaking space news...', 'No spam, we promise. You can unsubscribe at any time...').
# 2026-12-02, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb
# shingle F1 0.9085 -> 0.9090 (half a 0.9046 -> 0.9057, b 0.9122 -> 0.9122), big9-dev 0.9551 ->
# 0.9563 (a 0.9634 -> 0.9637, b 0.9467 -> 0.9490: Ars Technica's comment form), wcxb-dev word F1
# 0.8080 -> 0.8083 (collection +0.0012, article +0.0004, no type down); seeds 1.000. With one
# call enough, aeb lost 0.0024 recall ('Read more: ...' and 'Visit Website' inside last lines).
CTA_TAIL_MAX_PROSE_DEFAULT = 3
# ... and at least this many calls to action or menu items in it ('Subscribe', 'No thanks', a
# comment form's 'Your comment:'): a lone 'Read more: ...' or 'Visit Website' inside the
# article's last lines is no box.
CTA_TAIL_MIN_CALLS_DEFAULT = 2
# A line of prose is a call too when a call's words stand in its first this many characters
# ('Need more space? Subscribe to our sister title...'). 2026-12-02, same command: aeb 0.9094 ->
# 0.9105 (half a 0.9057 -> 0.9068, b 0.9130 -> 0.9141), big9-dev 0.9588 -> 0.9590, wcxb-dev
# 0.8083 -> 0.8085 (listing -0.0004, article +0.0003, no type down more); seeds 1.000. Anywhere
# in the line, a story's '... welcomed the deal, subscribing for so many shares' went (aeb recall
# 0.9595 -> 0.9583).
CTA_PROMO_START_CHARS_DEFAULT = 40


def _cta_tail(lines: Sequence[str], cls: list[str | None], signal: list[str], region: list[bool]) -> list[int]:
    """The lines of a newsletter box at the region's end (see CTA_TAIL_MAX_PROSE_DEFAULT), in order."""
    idx = [i for i, c in enumerate(cls) if c is not None and region[i]]
    last_good = max((p for p, i in enumerate(idx) if cls[i] is GOOD), default=None)
    if last_good is None:
        return []

    def call(k: int) -> bool:
        if signal[k] in ("cta", "menu") or (signal[k] == "decided" and _own_cta(lines[k])):
            return True
        # A promo too long for a call's own signal: 'Need more space? Subscribe to our sister title...'
        # near its start ('... welcomed the deal, subscribing for so many shares' is a story's).
        return cls[k] is NEAR and bool(_CTA.search(lines[k].lower(), 0, CTA_PROMO_START_CHARS_DEFAULT))

    for p in range(last_good + 1, len(idx)):
        if call(idx[p]):
            rest = idx[p:]
            calls = sum(map(call, rest))
            prose = sum(cls[k] is NEAR for k in rest) - sum(cls[k] is NEAR and call(k) for k in rest)
            if prose > CTA_TAIL_MAX_PROSE_DEFAULT or calls < CTA_TAIL_MIN_CALLS_DEFAULT:
                return []
            return rest
    return []


def _own_cta(line: str) -> bool:
    """True when a line's own signal (whatever a rule decided) is a call to action."""
    facts = _line_facts(line)
    return facts is not None and facts[3] == "cta"


# A gallery inside or around the article: counter lines 'Image 1 of 5', 'Photo 2 of 23', each
# over a picture's caption and credit ('(Image credit: Blue Origin)', 'Photo: Damian Dovarganes,
# AP'). Captions are no part of the article's text (the aeb gold leaves them out). Each item runs
# from its counter to the next (within twice this many lines, else the counter alone); the last
# one to its credit line, within this many lines, else the counter alone. 2026-12-02, `python -m
# benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb shingle F1 0.9090 -> 0.9094
# (half a 0.9057 -> 0.9057, b 0.9122 -> 0.9130); big9-dev, wcxb-dev (every page type) and seeds
# unchanged.
GALLERY_LAST_ITEM_LINES_DEFAULT = 3
_COUNTER = re.compile(r"(?:image|photo|picture|slide|foto|фото)\s+(\d{1,3})\s*(?:of|/|из|з)\s*(\d{1,3})", re.IGNORECASE)
_CREDIT = re.compile(
    r"\(?(?:image|photo|picture|foto|фото)?\s*(?:credit|courtesy|source)?s?\s*:|.*\b(?:getty|ap|reuters|afp|shutterstock)\b",
    re.IGNORECASE,
)


def _galleries(lines: Sequence[str], cls: list[str | None], region: list[bool]) -> list[int]:
    """The lines of galleries' items in the region (see GALLERY_LAST_ITEM_LINES_DEFAULT), in order."""
    idx = [i for i, c in enumerate(cls) if c is not None]
    counters = [p for p, i in enumerate(idx) if len(lines[i]) < 30 and _COUNTER.fullmatch(lines[i].strip())]
    if not counters:
        return []
    out: list[int] = []
    for k, p in enumerate(counters):
        if k + 1 < len(counters):
            out.extend(
                idx[p : counters[k + 1]] if counters[k + 1] - p <= 2 * GALLERY_LAST_ITEM_LINES_DEFAULT else [idx[p]]
            )
            continue
        stop = p  # no credit line under it: the counter alone (the line under it may be the article's)
        for q in range(p + 1, min(len(idx), p + 1 + GALLERY_LAST_ITEM_LINES_DEFAULT)):
            if _CREDIT.match(lines[idx[q]].strip()):
                stop = q
                break
        out.extend(idx[p : stop + 1])
    return [i for i in out if region[i]]


# Teasers of other stories after the article's last paragraph, in sentence case ('Drunk man
# terrorizes streets of small Polish town in Soviet tank', RT's 'Podcasts' list), which the title-
# case teaser cut (region._cut_teasers) leaves: the region's lines after its last sentence-ended
# paragraph go when a line of page furniture stands among them (a newsletter call, a share bar: no
# list an article introduces has one) and at least OFF_TOPIC_MIN_HEADS_DEFAULT of them are
# headlines (up to OFF_TOPIC_MAX_WORDS_DEFAULT words, no sentence end), two thirds or more of
# those off the article's topic: fewer than HEADLINE_TOPIC_MIN_WORDS_DEFAULT of their words in its
# text (a checklist's items speak of what the article does). 2026-12-03, `python -m
# benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb shingle F1 0.9191 -> 0.9201
# (half a unchanged, b 0.9197 -> 0.9217: RT's list, page precision 0.49 -> 0.82); wcxb-dev word F1
# 0.8126 -> 0.8127 (forum +0.0008, a forum's and a case study's cards after the text; no page
# lower); big9-dev and seeds unchanged. Every headline off topic (not two thirds) gained nothing: a
# teaser shares a word or two with any story ('journalist', 'reported').
OFF_TOPIC_MIN_HEADS_DEFAULT = 3
OFF_TOPIC_MAX_WORDS_DEFAULT = 25
_FURNITURE = frozenset({"cta", "decided", "section-end", "share-bar", "menu", "copyright", "cookie"})


def _off_topic_teasers(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    region: list[bool],
    words: list[int],
    ends: list[bool],
    start: int,
    lang: str | None,
) -> list[int]:
    """Take the region's lines after its last sentence-ended paragraph out of it when they are
    teasers off the article's topic (see OFF_TOPIC_MIN_HEADS_DEFAULT); the lines taken out."""
    k = max((i for i, r in enumerate(region) if r), default=-1)
    tail: list[int] = []  # bottom up, to the last paragraph
    while k >= 0:
        if cls[k] is not None and region[k]:
            if (cls[k] is GOOD or cls[k] is NEAR) and ends[k] and not signal[k]:
                break
            tail.append(k)
        k -= 1
    if k < 0 or len(tail) < OFF_TOPIC_MIN_HEADS_DEFAULT or lines[k].rstrip().endswith(":"):
        return []  # no paragraph above, too few lines, or a list the article introduces
    heads = [
        i
        for i in tail
        if (cls[i] is GOOD or cls[i] is NEAR)
        and not signal[i]
        and not ends[i]
        and HEADLINE_MIN_WORDS_DEFAULT <= words[i] <= OFF_TOPIC_MAX_WORDS_DEFAULT
    ]
    if len(heads) < OFF_TOPIC_MIN_HEADS_DEFAULT or not any(signal[i] in _FURNITURE for i in tail):
        return []
    stop = _stoplist(lang) if lang else frozenset()
    topic = _topic_words(lines[: k + 1], cls, start)  # the article's words, to its last paragraph
    off = sum(_on_topic(lines[i].rstrip(), topic, stop)[0] < HEADLINE_TOPIC_MIN_WORDS_DEFAULT for i in heads)
    if off < OFF_TOPIC_MIN_HEADS_DEFAULT or off * 3 < len(heads) * 2:
        return []
    for i in tail:
        region[i] = False
    return tail
