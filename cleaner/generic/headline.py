"""The article's headline: the line above the main region that reads most like one.

Part of step 7 of generic detection (:func:`_headline`): a headline is kept whatever soft signal
it carries, since losing it is worse than keeping a menu line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import compress

from cleaner.generic.language import _stoplist
from cleaner.generic.lines import GOOD, LINE_CACHE_SIZE, NEAR, _line_facts
from cleaner.generic.region import _CASED_WORD

# The article's headline: the nearest line above the main region that reads like one, within
# this many non-blank lines (a date, a rubric, a byline, a share bar or a photo credit may stand
# between a headline and its first paragraph: big9's Yahoo pages put a 10-line share bar there).
# 15 -> 20 lines: aeb <h1> kept 0.696 -> 0.715 (aeb 0.902 -> 0.901, wcxb-dev article -0.0005: their
# gold leaves headlines out); 25 measured the same as 20.
HEADLINE_MAX_LINES_DEFAULT = 20
# A headline is a few words, no sentence end: 'Huge layoffs push joblessness toward double digits'.
# A date or byline this close below a line (non-blank lines) makes it the headline over nearer ones.
# A short line holding a day's date that no signal reads counts as the date ('LinkNaija August 08,
# 2018' under a headline in title case). 2026-12-04, `python -m benchmarks.quality
# ../shared/data/SET --no-peers [--half a|b]`: aeb <h1> kept 0.904 -> 0.910, shingle F1 0.9315 ->
# 0.9311 (its gold leaves headlines out; half a 0.9332 -> 0.9324, b unchanged); wcxb-dev word F1
# unchanged (0.8138, three pages move, every page type the same); big9-dev and seeds unchanged.
HEADLINE_META_DISTANCE_DEFAULT = 3
# A line of few stopwords (tags read like a headline) is the headline, without a date line under
# it, only this close above the text and with a word in lower case (tag lines capitalise all).
HEADLINE_LOWER_DISTANCE_DEFAULT = 2
# Four words at least: shorter lines there are furniture ('Back to Gallery', 'written by Regan').
HEADLINE_MIN_WORDS_DEFAULT = 4
HEADLINE_MAX_WORDS_DEFAULT = 25
# ... but two are enough, and a menu's run no bar, right over the date line with a byline or an
# author's line next ('About bugs' / 'August 13, 2018' / 'Posted by Vortex'). 2026-12-04, `python
# -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb <h1> kept 0.933 ->
# 0.938, shingle F1 0.9335 unchanged (half b 0.9313 -> 0.9314); wcxb-dev word F1 0.8152 ->
# 0.8153 (listing +0.001: a listing's title back, 0193 +0.107; a dozen articles +-0.003); big9-dev
# and seeds unchanged. Three words with a date line alone under them measured the same.
HEADLINE_SHORT_MIN_WORDS_DEFAULT = 2

# Lines that stand between a headline and its article's first paragraph: skipped by the search.
_BETWEEN = frozenset(
    {
        "timestamp",
        "byline",
        "menu",
        "share-bar",
        "cta",
        "comment",
        "repeated",
        "low-stopwords",
        "copyright",
        "decided",
        "credit",
    }
)
# What a headline never holds: a clock time or a date, a handle, a link, a photo credit, a breadcrumb (the meta
# lines around it do: 'Associated Press November 19, 2019, 9:02 AM', 'Catherine Shu @catherineshu').
_NOT_HEADLINE = re.compile(
    r"\d:\d\d|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|@|https?:|www\.|"
    # a full date ('October 12, 2018') and a photo agency's credit ('Alex Wong | Getty Images')
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"getty images|shutterstock|ap photo|associated press|reuters|\bafp\b|"
    r"\s[>›»]\s|"  # a breadcrumb: 'BLOG > Weight Loss > Weight Loss Tips'
    # a photo credit at a caption's end: 'Amy K. Dragoo/AIMMEDIA', '... isn't easy.Kathrin Ziegler/Getty'
    r"(?-i:[^\W\d_]/[A-Z][\w-]*$)",
    re.IGNORECASE,
)
# A line's own signals no headline carries, though a list step may call it a list's item: 'Follow
# Victor Davis Hanson on Twitter' (a call to action) under the byline took the headline's place.
# 2026-12-04, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb,
# wcxb-dev (two pages up, one down by 0.003), big9-dev and seeds the same to four places.
_NOT_HEADLINE_SIGNALS = frozenset({"cta", "section-end", "comment", "copyright", "cookie"})
# A credit line under a headline that no byline signal reads: 'Written by Rachael Link, MS, RD on
# November 14, 2019', 'Posted on 12 March by admin', 'Reviewed by ...'.
_META_LINE = re.compile(
    r"(?:written|posted|published|updated|reviewed|edited)\s+(?:by|on)\b|by\s|"
    # a reading time ('5 min read', 'Tempo de leitura: 1 minuto'), an author's role at the end
    r".*\b(?:min(?:ute)?s? read|reading time|tempo de leitura|lesezeit)\b|"
    r".*\b(?:staff|writer|reporter|correspondent|contributor|columnist|editor)s?$",
    re.IGNORECASE,
)
# An author and the publication: 'Tanza Loudenback, Business Insider' (every word capitalised).
_AUTHOR_LINE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*,(?:\s+[A-Z][\w.'’&-]*){1,4}")
# HEADLINE_DATED: among the candidates on topic, one with a byline or a day's date within
# HEADLINE_META_DISTANCE_DEFAULT lines below it (no photo credit, no item of a headline list) is
# the headline over one with more words on topic that has neither, unless that one stands right
# above the text: a video carousel's titles or a photo's caption between a story's headline and
# its text share its topic (CNN, The Sun). A short line holding a day's date counts as the date
# line whatever its signal ('Updated 1909 GMT (0309 HKT) November 18, 2019'). 2026-12-03, `python
# -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb <h1> kept 0.842 -> 0.861
# (half a 0.833 -> 0.857, b 0.851 -> 0.865), shingle F1 0.9102 -> 0.9103; on wcxb-dev about 30
# pages change (most of them articles, up and down), every page type the same to 0.001 word F1;
# big9-dev and seeds unchanged. Without the 'right above the text' exception a teaser with its
# date took a post's title (wcxb-dev 0159); with a year or an author-shaped line as the date
# ('2020', 'Google Apps Sync, Including Gmail'), products' news items and feature lists won.
# A candidate's own date is no date line under it: a video's title right above the text ('Fox
# News Flash top entertainment headlines for Nov. 19') took a dated headline's place. 2026-12-03,
# same command: aeb <h1> kept 0.867 -> 0.873, shingle F1 0.9187 -> 0.9186; wcxb-dev, big9-dev and
# seeds unchanged.
# A day's date or a clock time, which a headline's date line holds ('18 Nov 2019, 19:09',
# 'Updated 0339 GMT (1139 HKT) November 19, 2019'); a year alone ('The Steam Awards' / '2020' under
# an award's name) or a gallery's count ('6') is no such line.
_DAY = re.compile(
    r"\d:\d\d|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\bago\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2}\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
# A line this short holding a day's date is a date line, whatever its signal.
HEADLINE_DATE_MAX_WORDS = 12
# A picture's credit, which no headline has under it as its byline ('... a rabbitCredit: Getty -
# Contributor' under a caption).
_CREDIT = re.compile(r"credit|getty|photo|image|picture|foto|фото", re.IGNORECASE)
# The lines that follow a headline: its date, its byline.
_LIST_MARKERS_ABOVE = frozenset({"timestamp", "byline"})
# Signals a headline may carry and still be kept: a soft signal, or a list's item shape.
_HEADLINE_SIGNALS = frozenset({"", "low-stopwords", "repeated", "headline-list"})


# A headline speaks of what its article says: of its words (3+ letters, no stopword of any
# the article's language), at least this share, and at least HEADLINE_TOPIC_MIN_WORDS_DEFAULT of them, are in
# the article's first HEADLINE_TOPIC_PROSE_LINES_DEFAULT prose lines ('Alibaba to raise up to
# $12.9bn in landmark Hong Kong listing' over 'Alibaba is set to raise up to $12.9bn ...'). Such
# a line wins over nearer candidates (a sidebar's teaser with its date, a photo caption, 'You are
# signed in as'), and is found past a teaser box or a 'Most Popular' heading. It does not need
# the date line under it, which a first pass removes: the pick stays the same pass after pass.
# 2026-12-01, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb <h1>
# kept 0.715 -> 0.810 (half a 0.762 -> 0.798, b 0.662 -> 0.824); shingle F1 aeb 0.901 -> 0.900
# (a 0.899 -> 0.899, b 0.903 -> 0.902: the aeb gold leaves headlines out), wcxb-dev 0.804 ->
# 0.804 (a 0.807 -> 0.806, b 0.801 -> 0.801; no page type down more than 0.001 word F1),
# big9-dev 0.942 -> 0.942 (word F1 0.943 -> 0.944), seeds 1.000. A candidate that is not on
# topic but shares as many words as the best one on topic stays the pick ('16-inch MacBook Pro
# review: ...' over 'Never miss an update Follow AppleInsider').
HEADLINE_TOPIC_SHARE_DEFAULT = 0.5
HEADLINE_TOPIC_MIN_WORDS_DEFAULT = 2
HEADLINE_TOPIC_PROSE_LINES_DEFAULT = 8
# ... and is searched this far up (non-blank lines), past a box of teasers or a gallery's captions.
HEADLINE_TOPIC_MAX_LINES_DEFAULT = 40
# Words match by their first letters, a poor man's stem: 'legal' in 'legalized', 'Syrian' in 'Syria'.
HEADLINE_TOPIC_STEM_DEFAULT = 5
# The stopwords left out of those words are the page's language's, as line classification
# found it: the dev sets' and seeds' verdicts are the same as with the language of the first
# three prose lines, which cost a second language detection per page.
# A word of letters, to tell a headline ('... is Rising in U.S. States') from a tag line (all capitals).
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _topic_words(lines: Sequence[str], cls: list[str | None], start: int) -> set[str]:
    """The stems of the tokens of the article's first prose lines from ``start`` on."""
    stems: list[frozenset[str]] = []
    for i in range(start, len(lines)):
        if cls[i] is GOOD or cls[i] is NEAR:
            line_stems = _line_stems(lines[i])
            if line_stems is not None:
                stems.append(line_stems)
            if len(stems) >= HEADLINE_TOPIC_PROSE_LINES_DEFAULT:
                break
    return set().union(*stems)


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _line_stems(raw: str) -> frozenset[str] | None:
    """The stems of a line's tokens (None if blank); cached, as the same prose lines open the
    article again in every pass of ``clean()``."""
    facts = _line_facts(raw)
    return None if facts is None else frozenset([t[:HEADLINE_TOPIC_STEM_DEFAULT] for t in facts[2]])


def _on_topic(line: str, topic: set[str], stop: frozenset[str]) -> tuple[int, bool]:
    """How many of the line's content words are in the article's opening, and whether enough (see above)."""
    facts = _line_facts(line)
    if facts is None:
        return 0, False
    content = {t[:HEADLINE_TOPIC_STEM_DEFAULT] for t in facts[2] if len(t) >= 3 and t not in stop}
    matched = len(content & topic)
    enough = matched >= HEADLINE_TOPIC_MIN_WORDS_DEFAULT and matched >= HEADLINE_TOPIC_SHARE_DEFAULT * len(content)
    return matched, enough


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _meta_line(raw: str) -> bool:
    """True for a credit or author line (_META_LINE, _AUTHOR_LINE); cached, as the search passes
    the same lines in every pass of ``clean()``."""
    stripped = raw.strip()
    return bool(_META_LINE.match(stripped) or _AUTHOR_LINE.fullmatch(stripped))


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _not_headline(raw: str) -> bool:
    """True when a line holds what a headline never does (_NOT_HEADLINE), or reads on its own as
    furniture (_NOT_HEADLINE_SIGNALS), whatever a later step made of it; cached like _meta_line."""
    if _NOT_HEADLINE.search(raw.rstrip()) is not None:
        return True
    facts = _line_facts(raw)
    return facts is not None and facts[3] in _NOT_HEADLINE_SIGNALS


# HEADLINE_BOX: a box of other stories between a headline and its text ('More on Slate Book
# Review' and four headlines, under the story's headline, dek, byline and photo caption): a
# candidate below the box's heading is one of its items when a candidate stands above the heading,
# so the search starts again there (and falls back on the box's pick when nothing above is one).
# A heading seen more than once in the page is the link after each of a list's entries ('Read
# Now'), no box. 2026-12-03, `python -m benchmarks.quality ../shared/data/SET --no-peers
# [--half a|b]`: aeb <h1> kept 0.861 -> 0.867 (half a unchanged, b one page more), shingle F1
# 0.9143 -> 0.9144; big9-dev 0.9657 -> 0.9658 (half b 0.9623 -> 0.9625); wcxb-dev word F1
# unchanged to four places, every page type too (three pages move by 0.001 or less); seeds
# unchanged. Without the 'seen once' test, a page's 'Read Now' links (wcxb-dev 0471) and a forum's
# section heading (0540) took the headline's place (-0.006 and -0.002). The heading's next line
# must be one of the candidates (the box holds them): a 'Recent Posts' heading in a site's
# navigation, over forum links and far above the headline, restarted the search there and the
# navigation's 'Contact us by e-mail' won (aeb 65bf3048, once 'Recent Posts' read as a heading).
_Search = tuple[
    int | None, int | None, dict[int, int], set[int], list[tuple[int, bool, bool, int]], list[tuple[int, int]]
]


def _box_heading(line: str, signal: str) -> bool:
    """True for the heading of what follows an article ('More on ...', 'Related'), a rule's
    verdict aside (the common rules take such headings before detection sees them)."""
    if signal == "section-end":
        return True
    facts = _line_facts(line) if signal == "decided" else None
    return facts is not None and facts[3] == "section-end"


def _once(lines: Sequence[str], k: int) -> bool:
    """True when line ``k`` stands once in the page: a box's heading, not the link after each of
    a list's entries ('Read Now')."""
    text = lines[k].strip()
    return sum(1 for line in lines if line.strip() == text) == 1


def _adjacent(cls: list[str | None], k: int, start: int) -> bool:
    """True when no non-blank line stands between line ``k`` and the article's first line ``start``."""
    return all(cls[i] is None for i in range(k + 1, start))


def _has_lower(text: str) -> bool:
    """True when a word of the line starts in lower case (or in a script without case)."""
    return any(not w[0].isupper() for w in _LETTERS.findall(text))


def _headline(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    ends: list[bool],
    start: int,
    lang: str | None,
) -> int | None:
    """The article's headline above its first line ``start``: the line reading most like one.

    Candidates lie within HEADLINE_MAX_LINES_DEFAULT non-blank lines up, past what stands
    between a headline and its text (dates, bylines, share bars, photo credits): lines of
    HEADLINE_MIN_WORDS_DEFAULT to HEADLINE_MAX_WORDS_DEFAULT words, no full stop, colon or
    '!' at the end, no clock time, date, handle or link. The nearest candidate with a date or
    byline within HEADLINE_META_DISTANCE_DEFAULT lines below it is the pick (a headline is
    followed by its date line; a sidebar's teaser is not); else the nearest with stopwords (a
    line of tags reads like a headline too). Candidates on the article's topic (see
    HEADLINE_TOPIC_SHARE_DEFAULT) win over a pick that is not when one has more words on
    topic; among them (the pick too, if it is one) the most words on topic win, then a word in
    lower case (a tag line has none), then a date or byline below, then the nearest; but one
    with its byline or day's date below wins over a best that has neither and does not stand
    right above the text (see HEADLINE_DATED). A paragraph above, or a line that is neither a
    candidate nor what stands between, ends the search but for candidates on topic. A box's
    heading above the candidates found so far starts the search again (HEADLINE_BOX).
    """
    topic: set[str] | None = None  # the article's opening words, read at the first candidate
    stop = _stoplist(lang) if lang else frozenset()  # the page's language, as _classify read it
    seen = 0
    nearest = None
    first_meta = None
    blocked = False  # past a paragraph or a heading: only a candidate on topic may still win
    shared: dict[int, int] = {}  # each candidate's words on topic
    topical: set[int] = set()  # the candidates on topic
    on_topic: list[tuple[int, bool, bool, int]] = []  # (words on topic, lower-case word, date below, line)
    dated: list[tuple[int, int]] = []  # (words on topic, line): those with a byline or a day below
    meta_after = HEADLINE_META_DISTANCE_DEFAULT + 1  # non-blank lines from k down to a date/byline
    dated_after = meta_after  # ... down to a byline or a date that is one (not a gallery's '6')
    credited_after = meta_after  # ... down to a byline or an author's line
    boxed: _Search | None = None  # the search's state below a box's heading (HEADLINE_BOX)
    for k in range(start - 1, -1, -1):
        if cls[k] is None:
            continue
        seen += 1
        meta_after += 1
        dated_after += 1
        credited_after += 1
        if seen > HEADLINE_TOPIC_MAX_LINES_DEFAULT:
            break
        if seen > HEADLINE_MAX_LINES_DEFAULT:
            blocked = True
        if cls[k] is GOOD and not signal[k]:
            blocked = True
            continue
        if signal[k] in _LIST_MARKERS_ABOVE or _meta_line(lines[k]):
            meta_after = 0
            if signal[k] == "byline" or _meta_line(lines[k]):
                credited_after = 0
            if (signal[k] == "byline" or _DAY.search(lines[k])) and not _CREDIT.search(lines[k]):
                dated_after = 0
            continue
        n = words[k]
        dated_below = dated_after  # a line's own date is no date line under it ('... for Nov. 19')
        if n <= HEADLINE_DATE_MAX_WORDS and _DAY.search(lines[k]) and not _CREDIT.search(lines[k]):
            dated_after = 0  # a date line no signal reads: 'Updated 1909 GMT (0309 HKT) November 18, 2019'
        # see HEADLINE_SHORT_MIN_WORDS_DEFAULT: right over its date, its byline next
        framed = meta_after == 1 and credited_after <= HEADLINE_META_DISTANCE_DEFAULT
        least = HEADLINE_SHORT_MIN_WORDS_DEFAULT if framed else HEADLINE_MIN_WORDS_DEFAULT
        candidate = signal[k] in _HEADLINE_SIGNALS or (framed and signal[k] == "menu")
        if candidate and least <= n <= HEADLINE_MAX_WORDS_DEFAULT:
            text = lines[k].rstrip()
            if not text.endswith((".", ":", "!")) and not _not_headline(lines[k]):
                meta = min(meta_after, dated_below) <= HEADLINE_META_DISTANCE_DEFAULT
                if topic is None:
                    topic = _topic_words(lines, cls, start)
                matched, enough = _on_topic(text, topic, stop)
                shared[k] = matched
                if enough:
                    topical.add(k)
                    on_topic.append((matched, _has_lower(text), meta, k))
                    if dated_below <= HEADLINE_META_DISTANCE_DEFAULT and signal[k] != "headline-list":
                        dated.append((matched, k))
                if blocked or first_meta is not None:
                    continue
                if meta:
                    first_meta = k
                    continue
                # A line of tags reads like a headline too, without its date line; close above the
                # text (as when a first pass removed the date), a headline has a word in lower case.
                near = seen <= HEADLINE_LOWER_DISTANCE_DEFAULT
                lower = near and any(w[0].islower() for w in _CASED_WORD.findall(text))
                if signal[k] != "low-stopwords" or lower:
                    nearest = k if nearest is None else nearest
                continue
        if (
            _box_heading(lines[k], signal[k])
            and not blocked
            and boxed is None
            and (nearest is not None or first_meta is not None)
            and _once(lines, k)
            and next((j for j in range(k + 1, start) if cls[j] is not None), start) in shared
        ):
            # A box between the headline and the text ('More on Slate Book Review', its teasers):
            # its items are no headline when one stands above it (see HEADLINE_BOX).
            boxed = (nearest, first_meta, dict(shared), set(topical), list(on_topic), list(dated))
            nearest = first_meta = None
            for below in (shared, topical, on_topic, dated):
                below.clear()
            continue
        if signal[k] and signal[k] not in _BETWEEN and signal[k] not in _HEADLINE_SIGNALS:
            blocked = True
    if boxed is not None and nearest is None and first_meta is None and not on_topic:
        nearest, first_meta, shared, topical, on_topic, dated = boxed  # none above the box: its own pick
    pick = first_meta if first_meta is not None else nearest
    if on_topic and (pick is None or pick in topical or shared[pick] < max(on_topic)[0]):
        best = max(on_topic)
        if dated and best[3] not in {k for _, k in dated} and not _adjacent(cls, best[3], start):
            return max(dated)[1]  # see HEADLINE_DATED: the one on topic with its byline or day under it
        return best[3]
    return pick


# ... there, a third of its content words on the prose's topic is enough (two at least): 'Iran
# Makes North Korea Look Easy' over a story on North Korea's and Iran's nuclear programmes.
# 2026-12-02, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: big9-dev
# shingle F1 0.9563 -> 0.9570 (half a 0.9637 -> 0.9650, b 0.9490); aeb, wcxb-dev (every page
# type) and seeds unchanged.
HEAD_NAV_TOPIC_SHARE_DEFAULT = 1 / 3


def _near_topic(line: str, topic: set[str], stop: frozenset[str]) -> bool:
    """True when HEADLINE_TOPIC_MIN_WORDS_DEFAULT and HEAD_NAV_TOPIC_SHARE_DEFAULT of the line's
    content words are in the topic (see _on_topic)."""
    facts = _line_facts(line)
    if facts is None:
        return False
    content = {t[:HEADLINE_TOPIC_STEM_DEFAULT] for t in facts[2] if len(t) >= 3 and t not in stop}
    matched = len(content & topic)
    return matched >= HEADLINE_TOPIC_MIN_WORDS_DEFAULT and matched >= HEAD_NAV_TOPIC_SHARE_DEFAULT * len(content)


# The article's headline at a navigation's end is among its last this many non-blank lines
# (headline, byline, date, a share bar's few items).
HEAD_NAV_HEADLINE_LINES_DEFAULT = 6


def _headline_at(
    lines: Sequence[str], cls: list[str | None], top: int, first: int, prose: int, lang: str | None
) -> bool:
    """True when one of the last HEAD_NAV_HEADLINE_LINES_DEFAULT non-blank lines from ``first``
    up to the prose line ``prose`` reads like a headline on the topic of the prose from
    ``prose`` on, and none does above ``first`` (the region from ``top`` and
    HEADLINE_TOPIC_MAX_LINES_DEFAULT lines over it): the article starts there, not above. A
    long article's subheads are on its topic, but so is its headline above them."""
    stop = _stoplist(lang) if lang else frozenset()
    topic = _topic_words(lines, cls, prose)

    def headline(k: int) -> bool:
        facts = _line_facts(lines[k])
        return (
            facts is not None
            and not facts[4]
            and not facts[0][0].islower()  # a command ('cargo install create-tauri-app'), no headline
            and HEADLINE_MIN_WORDS_DEFAULT <= len(facts[2]) <= HEADLINE_MAX_WORDS_DEFAULT
            and not _not_headline(lines[k])
            and _near_topic(lines[k], topic, stop)
        )

    seen = 0
    found = False
    for k in range(prose - 1, first - 1, -1):
        if cls[k] is None:
            continue
        seen += 1
        if seen > HEAD_NAV_HEADLINE_LINES_DEFAULT:
            break
        if headline(k):
            found = True
            break
    if not found:
        return False
    seen = 0
    for k in range(first - 1, -1, -1):
        if cls[k] is None:
            continue
        if k < top:
            seen += 1
            if seen > HEADLINE_TOPIC_MAX_LINES_DEFAULT:
                break
        if headline(k):
            return False
    return True


# HEADLINE_SOFT: inside the region, a line with a soft signal (the page repeats it: a 'Most
# Viewed' list names the story again; or few stopwords: a headline in title case) that reads like
# a headline and stands right above the article's prose, with at most this many of its date,
# byline or tag lines between, on the topic of that prose, is the article's headline: kept, when
# the search above the region (:func:`_headline`) looks elsewhere because a box of teasers the
# region took in stands above it. Its lines between stay removed. 2026-12-04, `python -m
# benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb <h1> kept 0.899 -> 0.904
# (CBS Detroit's story under glued teasers), shingle F1 0.9293 unchanged; wcxb-dev word F1 0.8132
# unchanged (two dozen pages within 0.01 each way, every page type the same to 0.001); big9-dev
# and seeds unchanged. Only the repeated signal, with a date line asked for between, kept the
# headline in the first pass and lost it in the second, which no longer sees the date.
HEADLINE_SOFT_BELOW_DEFAULT = 2
# The lines that may stand between such a headline and its prose.
_BELOW_HEADLINE = frozenset({"timestamp", "byline", "low-stopwords", "repeated"})
# The soft signals such a headline carries: repeated, and once a first pass took its copy, few stopwords.
_SOFT_HEADLINE = frozenset({"repeated", "low-stopwords"})


def _soft_headlines(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    region: list[bool],
    lang: str | None,
) -> set[int]:
    """The region's lines with a soft signal that read as the article's headline right above its
    prose (see HEADLINE_SOFT_BELOW_DEFAULT): the detector keeps them."""
    found: set[int] = set()
    stop = _stoplist(lang) if lang else frozenset()
    n = len(lines)
    for k in compress(range(n), map(_SOFT_HEADLINE.__contains__, signal)):  # the few soft lines, at C speed
        if not region[k]:
            continue
        if not HEADLINE_MIN_WORDS_DEFAULT <= words[k] <= HEADLINE_MAX_WORDS_DEFAULT:
            continue
        text = lines[k].rstrip()
        if text.endswith((".", ":", "!")) or _not_headline(lines[k]):
            continue
        seen = 0
        j = k + 1
        while j < n:
            if cls[j] is None:
                j += 1
                continue
            if (cls[j] is GOOD or cls[j] is NEAR) and not signal[j]:
                break
            seen += 1
            if seen > HEADLINE_SOFT_BELOW_DEFAULT or signal[j] not in _BELOW_HEADLINE:
                break
            j += 1
        if j >= n or not (cls[j] is GOOD or cls[j] is NEAR) or signal[j]:
            continue
        if _on_topic(text, _topic_words(lines, cls, j), stop)[1]:
            found.add(k)
    return found
