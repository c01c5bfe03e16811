"""Region decoding: the article's run of lines, where it ends, its title, whether the page has one.

Step 6 of generic detection: the maximum-sum run of line scores (:func:`_main_region`), article
or broad mode, the cut before a teaser list (:func:`_cut_teasers`), and the title line just
above the region (:func:`_titles`). Where the article ends at a heading inside its region is
:mod:`cleaner.generic.ends`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from cleaner.generic.lines import GOOD, LENGTH_HIGH_DEFAULT, NEAR, SHORT

# Teasers after an article: headlines of other stories, with no marker (no 'Related', no
# timestamps) between them and its last paragraph. A headline is 3-15 words, no sentence end,
# title case (capitals on most words of 4+ letters: 'Pokemon GO Creators' Next Big Game'); at
# least this many among short lines after the region's last paragraph (long prose or a line
# ending in ':' above them stops the search: a list the article introduces). aeb 0.9034 ->
# 0.9037 (half a +0.0003, b +0.0003); wcxb-dev 0.8014 -> 0.8015 (a +0.0001, b +0.0001);
# big9-dev 0.9400 -> 0.9430 (word F1; Fox News' 'Related stories'). Without title case, an
# article ending in a checklist or a feature list lost it, pass after pass (wcxb-dev -0.001).
TEASER_MIN_WORDS_DEFAULT = 3
TEASER_MAX_WORDS_DEFAULT = 15
TEASER_MIN_RUN_DEFAULT = 3
TEASER_TITLE_SHARE_DEFAULT = 0.6

# Main region: a bad line costs its length plus this, so a run of short menu items adds up.
BAD_LINE_COST_DEFAULT = 20

# A short line costs this much inside a region (titles, subheads are cheap to bridge).
SHORT_LINE_COST_DEFAULT = 5

# A page is an article when its densest run scores at least this (about three paragraphs);
# below it, the page is a listing, a shop or a forum and is cleaned in broad mode.
ARTICLE_MIN_SCORE_DEFAULT = 1000

# ... or a short article: a run of at least this score holding at least this share of the
# page's prose (a two-paragraph story among headline lists; a listing's leads are spread out).
ARTICLE_SHORT_SCORE_DEFAULT = 400
ARTICLE_SHORT_SHARE_DEFAULT = 0.7

# ... and a short article's best run holds at least this share of what broad mode would keep
# (the region's broad-mode score: prose, plus half of short and list lines); under it, the page
# is a listing whose entries are short lines (products: name, maker, price). The prose share
# above alone flipped such pages between passes: once the first pass dropped the footer's
# prose, the second found the run held all the prose left and cut the list. wcxb-dev 0.799 ->
# 0.800 (half a +0.0011, half b +0.0014; listing +0.006, collection +0.007, product -0.001);
# aeb and big9-dev unchanged. At 0.4 aeb lost 0.005 (articles with teaser lists went broad).
LISTING_SHARE_DEFAULT = 0.3

# ... or a landing page: its best run's prose comes as lone descriptions (a short heading, one
# line of prose under LENGTH_HIGH_DEFAULT, a 'Learn more'), at least this many, making at least
# this share of the run's prose lines (see _feature_blocks). Article mode kept the descriptions
# and cut the headings; and once the first pass dropped the footer's prose, the second switched
# a broad page to article mode. wcxb-dev 0.8004 -> 0.8017 (half a +0.0011, half b +0.0016;
# service 0.793 -> 0.805, collection +0.004, documentation -0.0035 (a docs index whose sidebar
# broad mode keeps), product -0.0005); aeb shingle F1 0.902 -> 0.906 (a teaser page); big9-dev
# and seeds unchanged. 3..5 lines measure the same (3: listing -0.006); share 0.6 or 0.9 gain
# less; lone lines up to 150 characters (not 200) gain a third, up to 300 less.
FEATURE_BLOCKS_MIN_DEFAULT = 4
FEATURE_BLOCKS_SHARE_DEFAULT = 0.75

# Another run of content is kept when it holds at least this share of the main run's score.
SECOND_REGION_RATIO_DEFAULT = 0.5

# A thread (forum posts, a Q&A page's answers): the best run holds under this share of the
# page's prose (an article holds most of it: 2 aeb pages of 180 under 0.3, 15 forums of 64)...
FORUM_SHARE_DEFAULT = 0.3
# ... and at least this many lines read as a post header's date or 'name said:' ...
FORUM_MIN_POSTS_DEFAULT = 6
# ... then a run of content at least this share of the best is kept when such a header lies at
# most this many lines above it (name, title, join date, counts, date, '#N'). wcxb-dev 0.8041
# -> 0.8058 (half a +0.002, b +0.002; forum 0.548 -> 0.563); aeb and big9-dev unchanged.
# Without the header condition forum gained 0.003 more but service lost 0.0006 (a landing
# page's form); a share of 0.4 cost aeb 0.001, 0.2 gained a third as much.
FORUM_RATIO_DEFAULT = 0.1
FORUM_HEADER_LINES_DEFAULT = 8

# Lines above the main region searched for its title (title, then maybe a byline or date).
TITLE_DISTANCE_DEFAULT = 3


def _scores(cls: list[str | None], signal: list[str], length: list[int], broad: bool) -> list[int]:
    """Each line's weight for the main region: content counts its length, boilerplate against.

    Article mode: good or near-good +length, short -SHORT_LINE_COST_DEFAULT, bad
    -(length + BAD_LINE_COST_DEFAULT). Broad mode (no article on the page: listings, shops,
    forums): short lines, lists and plain low-stopword lines count half their length, since
    there they *are* the content; only menus, calls to action and the like count against.
    """
    score = [0] * len(cls)
    for i, c in enumerate(cls):
        if c is None:
            continue
        if c is GOOD or c is NEAR:
            score[i] = length[i]
        elif broad and signal[i] not in _BROAD_BAD:
            score[i] = length[i] // 2
        elif c is SHORT:
            score[i] = -SHORT_LINE_COST_DEFAULT
        else:
            score[i] = -(min(length[i], LENGTH_HIGH_DEFAULT) + BAD_LINE_COST_DEFAULT)
    return score


# Signals that are boilerplate on any kind of page (the others may be a listing's content).
_BROAD_BAD = frozenset(
    {"menu", "share-bar", "cta", "decided", "section-end", "cookie", "copyright", "copy", "disclaimer"}
)


def _main_region(score: list[int]) -> tuple[list[bool], int, tuple[int, int]]:
    """Keep the densest run of content and runs nearly as dense; return them and the top sum.

    The maximum-sum segment of line scores is the main region; other disjoint positive
    segments are kept while their sum is at least SECOND_REGION_RATIO_DEFAULT of the main one
    (forum posts, listing entries, a second article part after an inline ad block).
    """
    n = len(score)
    keep = [False] * n
    segments: list[tuple[int, int, int]] = []
    run, start, best = 0, 0, (0, 0, -1)
    for i in range(n):
        if run <= 0:  # Kadane restart: close the segment found so far
            if best[0] > 0:
                segments.append(best)
            run, start, best = 0, i, (0, 0, -1)
        run += score[i]
        if run > best[0]:
            best = (run, start, i)
    if best[0] > 0:
        segments.append(best)
    if not segments:
        return keep, 0, (0, -1)
    main = max(segments)
    for total, a, b in segments:
        if total >= SECOND_REGION_RATIO_DEFAULT * main[0]:
            for i in range(a, b + 1):
                keep[i] = True
    return keep, main[0], (main[1], main[2])


# An article's last sentence may be short ('No release date for the fourth Star Trek film has yet
# been announced.'): a short line costs the region more than it adds, so the densest run ended
# above it once what followed the article was gone (the second pass). Up to this many short
# sentence lines right after the region, with no signal of their own, join it.
REGION_TAIL_SENTENCES_DEFAULT = 1


def _extend_tail(
    cls: list[str | None], signal: list[str], ends: list[bool], region: list[bool], bounds: tuple[int, int]
) -> tuple[int, int]:
    """Add to the region the short sentence lines just after its end; return its new bounds."""
    a, b = bounds
    if b < a:
        return bounds
    added = 0
    k = b + 1
    while k < len(cls) and added < REGION_TAIL_SENTENCES_DEFAULT:
        if cls[k] is None:
            k += 1
            continue
        if cls[k] is not SHORT or signal[k] or not ends[k]:
            break
        region[k] = True
        b = k
        added += 1
        k += 1
    return a, b


# A list the article introduces after its last paragraph ('The Doobie Brothers 50th Anniversary
# Tour 2020 dates:' over 30 lines 'June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL'): the
# line ending in ':' at the region's end or just after it, then at least INTRODUCED_MIN_ITEMS_DEFAULT
# lines of at most INTRODUCED_ITEM_MAX_WORDS_DEFAULT words, most of them no sentence, none carrying a
# hard signal (a menu, a share bar, a heading of what follows), up to the first line that does,
# joins the region: the article goes on with its list. Not when the intro introduces other stories
# ('If you liked this post you might also like:', 'Other Posts:', 'Learn More in Our Plumbing
# Series:') nor when an item ends in ':' itself (a record's fields: 'Subjects:', 'Cite as:').
# 2026-12-03, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: aeb
# shingle F1 0.9148 -> 0.9176 (half a 0.9143 -> 0.9164, b 0.9152 -> 0.9187: a Black Friday list
# of 21 numbered offers, 0.49 -> 0.98 word F1; a tour's 30 dates, +0.24); wcxb-dev word F1
# 0.8124 -> 0.8126 (half a 0.8144 -> 0.8143, b 0.8105 -> 0.8108; product +0.0023, a shoe's
# 'Product Details:'; an essay's footnotes and a docs page's footer, -0.012 and -0.005); big9-dev
# and seeds unchanged. With repeated lines as items, a docs page's 'Edit this page' and 'Table of
# contents' joined too.
INTRODUCED_MIN_ITEMS_DEFAULT = 3
# ... or a short heading instead of the ':' ('The Doobie Brothers Tour Dates'), when this share of
# the items open alike: a date ('June 9 – ...'), a number ('1) ...'), a bullet (a teaser list's
# headlines open every which way). 2026-12-03, same commands: aeb 0.9176 -> 0.9187 (half a 0.9164
# -> 0.9186: the same tour's dates on another site, +0.21); wcxb-dev, big9-dev and seeds unchanged.
INTRODUCED_HEADING_MAX_WORDS_DEFAULT = 8
INTRODUCED_ALIKE_DEFAULT = 0.8
INTRODUCED_ITEM_MAX_WORDS_DEFAULT = 25
INTRODUCED_SENTENCE_SHARE_DEFAULT = 0.3
# Signals a list's item may carry and still be one: a few stopwords (a repeat is the site's).
_ITEM_SIGNALS = frozenset({"", "low-stopwords"})


def _introduced_list(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    ends: list[bool],
    region: list[bool],
) -> list[int]:
    """The intro and items of a list the article introduces right after its region (see
    INTRODUCED_MIN_ITEMS_DEFAULT), or [] when there is none."""
    n = len(cls)
    b = max((k for k in range(n) if region[k]), default=-1)  # the region's last line, after its cuts
    if b < 0:
        return []
    intro = b
    headed = False  # introduced by a heading ('The Doobie Brothers Tour Dates'), not by a ':'
    if not lines[b].rstrip().endswith(":"):
        intro = next((k for k in range(b + 1, n) if cls[k] is not None), -1)
        if intro < 0 or signal[intro] or cls[intro] is GOOD:
            return []
        if not lines[intro].rstrip().endswith(":"):
            if cls[intro] is not SHORT or ends[intro] or words[intro] > INTRODUCED_HEADING_MAX_WORDS_DEFAULT:
                return []
            headed = True
    if _TEASERS_INTRO.search(lines[intro].lower()):
        return []
    items: list[int] = []
    for k in range(intro + 1, n):
        if cls[k] is None:
            continue
        if signal[k] not in _ITEM_SIGNALS or words[k] > INTRODUCED_ITEM_MAX_WORDS_DEFAULT:
            break
        if lines[k].rstrip().endswith(":"):  # a label of its own: a form's or a record's fields
            return []
        items.append(k)
    sentences = sum(ends[k] for k in items)
    if len(items) < INTRODUCED_MIN_ITEMS_DEFAULT or sentences > INTRODUCED_SENTENCE_SHARE_DEFAULT * len(items):
        return []
    if headed:
        opening = Counter(_opening_kind(lines[k]) for k in items).most_common(1)[0]
        if opening[0] is None or opening[1] < INTRODUCED_ALIKE_DEFAULT * len(items):
            return []
    return ([intro] if intro > b else []) + items


_MONTH_OPEN = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d")
_NUMBER_OPEN = re.compile(r"\d+[.)]? ")


def _opening_kind(line: str) -> str | None:
    """How a list's item opens, when items of one list open alike: a date, a number, a bullet."""
    text = line.strip().lower()
    if _MONTH_OPEN.match(text):
        return "date"
    if _NUMBER_OPEN.match(text):
        return "number"
    if text[:1] in "•·-–—*▪◦":
        return "bullet"
    return None


# What introduces other stories, not the article's own list: 'If you liked this post you might also like:'.
_TEASERS_INTRO = re.compile(
    r"\b(?:you (?:may|might|will) (?:also )?(?:like|enjoy|love)|related|recommended|read (?:more|next|also)|"
    r"more (?:from|on|stories|articles|posts|news)|popular|trending|see also|also on|don't miss|further reading|"
    r"other (?:posts|articles|stories|news)|learn more|recommends?|in (?:this|our|the) series)\b"
)


# A site's navigation between the region's first lines and the article: a run of at least this
# many lines holding no prose, this many of them menu items at least (a nav bar of sections; an
# inline box or a share bar inside an article is shorter), with under this share of the region's
# content above it, is no part of the article: the prose above it is another block of the page (an
# archive's banner describing the capture, a site's blurb), which Kadane joined to the article
# because the menu cost less than that prose brought. 2026-12-02, `python -m benchmarks.quality
# ../shared/data/SET --no-peers [--half a|b]`: big9-dev shingle F1 0.9479 -> 0.9551 (half a
# 0.9560 -> 0.9634, b 0.9398 -> 0.9467; 21 pages under a web archive's banner); aeb, seeds and
# wcxb-dev (every page type) unchanged. Without the headline condition (see _headline_at) and
# the position below, wcxb-dev lost 0.004 (articles and docs whose intro stands above a table
# or a tab bar, a shop's list above a policy popup).
HEAD_NAV_MIN_MENU_DEFAULT = 8
HEAD_NAV_MAX_SHARE_DEFAULT = 0.35
# ... and the navigation starts in the page's top part, within this share of its non-blank lines
# (a banner, then the site's header; a shop's footer menu above a policy popup is no such thing).
HEAD_NAV_MAX_POSITION_DEFAULT = 0.2


def _cut_head(
    cls: list[str | None],
    signal: list[str],
    score: list[int],
    region: list[bool],
    bounds: tuple[int, int],
    headed: Callable[[int, int], bool],
) -> tuple[int, int]:
    """Take out of the region its first lines when a site's navigation (HEAD_NAV_MIN_MENU_DEFAULT
    menu lines among lines with no prose) separates them from the rest, they hold under
    HEAD_NAV_MAX_SHARE_DEFAULT of its content, and the article's headline stands at the
    navigation's end (``headed(first, prose)``: a line of the run from ``first`` to the prose
    line ``prose`` on the prose's topic); return the region's new bounds."""
    a, b = bounds
    if b < a:
        return bounds
    total = sum(max(0, score[i]) for i in range(a, b + 1))
    lines = sum(c is not None for c in cls)
    if sum(c is not None for c in cls[:a]) > HEAD_NAV_MAX_POSITION_DEFAULT * lines:
        return bounds
    above = 0
    run_start, menus = None, 0
    for i in range(a, b + 1):
        c = cls[i]
        if c is None:
            continue
        if c is GOOD or c is NEAR:
            if run_start is not None and menus >= HEAD_NAV_MIN_MENU_DEFAULT:
                if 0 < above < HEAD_NAV_MAX_SHARE_DEFAULT * total and headed(run_start, i):
                    for k in range(a, i):
                        region[k] = False
                    return i, b
                return bounds
            if above * 2 >= total:
                return bounds
            run_start, menus = None, 0
            above += max(0, score[i])
            continue
        if run_start is None:
            if sum(c is not None for c in cls[:i]) > HEAD_NAV_MAX_POSITION_DEFAULT * lines:
                return bounds
            run_start = i
        menus += signal[i] == "menu"
    return bounds


def _dated(signal: list[str]) -> list[int]:
    """The lines that read as a post header's date or 'name said:' (a thread has one per post)."""
    return [i for i, s in enumerate(signal) if s == "timestamp" or s == "comment"]


def _forum_region(score: list[int], top: int, dated: list[int]) -> list[bool]:
    """Keep every maximal run of content that a post header's date opens, down to a share of the top.

    A thread's posts sit between their headers (name, join date, post count, '#3'); one
    Kadane run often spans several posts whose headers cost less than the posts bring, and
    keeps only its best prefix. Here the best run of each stretch is taken, then the best
    runs left and right of it, and so on (the maximal scoring segments of the page); a run
    scoring at least FORUM_RATIO_DEFAULT of the top one is kept when a dated line lies at
    most FORUM_HEADER_LINES_DEFAULT lines above it, as each post's header does.
    """
    n = len(score)
    keep = [False] * n
    near = [False] * (n + 1)  # near[i]: a dated line within FORUM_HEADER_LINES_DEFAULT above i
    for d in dated:
        for k in range(d + 1, min(n, d + 1 + FORUM_HEADER_LINES_DEFAULT)):
            near[k] = True
    floor = max(1, FORUM_RATIO_DEFAULT * top)
    stack = [(0, n)]
    while stack:
        lo, hi = stack.pop()
        run, start, best = 0, lo, (0, lo, lo - 1)
        for i in range(lo, hi):
            if run <= 0:
                run, start = 0, i
            run += score[i]
            if run > best[0]:
                best = (run, start, i)
        total, a, b = best
        if total < floor:
            continue
        if total >= SECOND_REGION_RATIO_DEFAULT * top or near[a]:
            for i in range(a, b + 1):
                keep[i] = True
        stack.append((lo, a))
        stack.append((b + 1, hi))
    return keep


# A cased word long enough to say whether a headline capitalises its words ('of', 'the' aside).
_CASED_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(text: str) -> bool:
    """True when most of the line's words of 4+ letters start with a capital: 'Cops Find Bone
    Fragment Near Kidnapping Suspect's Home'. False in scripts without case."""
    caps = [w[0].isupper() for w in _CASED_WORD.findall(text)]
    return len(caps) >= 2 and sum(caps) >= TEASER_TITLE_SHARE_DEFAULT * len(caps)


def _cut_teasers(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    region: list[bool],
    words: list[int],
    ends: list[bool],
) -> list[int]:
    """Take out of the region the short lines after its last paragraph when at least
    TEASER_MIN_RUN_DEFAULT of them are headlines (see TEASER_MIN_WORDS_DEFAULT): a teaser list
    of other stories with no heading to end the article. Lines carrying a signal may stand
    among them; a long line or a sentence-ended one above them ends the search, and when that
    line ends in ':' the lines are a list the article introduces: they stay. (A short line
    ending in ':' among them is no such sign: 'Related stories:' heads teasers.) Returns the
    lines taken out.
    """
    k = max((i for i, r in enumerate(region) if r), default=-1)
    tail: list[int] = []  # the region's last lines, bottom up, up to its last paragraph
    while k >= 0:
        if cls[k] is not None:
            if not region[k] or cls[k] is GOOD or (cls[k] is NEAR and (ends[k] or words[k] > TEASER_MAX_WORDS_DEFAULT)):
                break
            tail.append(k)
        k -= 1
    if len(tail) < TEASER_MIN_RUN_DEFAULT or (k >= 0 and lines[k].rstrip().endswith(":")):
        return []
    heads = sum(
        1
        for i in tail
        if not signal[i]
        and not ends[i]
        and TEASER_MIN_WORDS_DEFAULT <= words[i] <= TEASER_MAX_WORDS_DEFAULT
        and _title_case(lines[i])
    )
    if heads < TEASER_MIN_RUN_DEFAULT:
        return []
    for i in tail:
        region[i] = False
    return tail


def _feature_blocks(cls: list[str | None], length: list[int], bounds: tuple[int, int]) -> bool:
    """True when the region's prose comes as separate blocks: a landing page, not an article.

    A service or product page lists its offers as a short heading, a one- or two-sentence
    description and a 'Learn more': its prose lines stand alone between short lines, under
    LENGTH_HIGH_DEFAULT each. An article's paragraphs follow one another. At least
    FEATURE_BLOCKS_MIN_DEFAULT such lone descriptions, making FEATURE_BLOCKS_SHARE_DEFAULT of
    the region's prose lines, are such a page.
    """
    a, b = bounds
    idx = [i for i in range(a, b + 1) if cls[i] is not None]
    prose = [cls[i] is GOOD or cls[i] is NEAR for i in idx]
    alone = sum(
        1
        for k, i in enumerate(idx)
        if prose[k]
        and length[i] < LENGTH_HIGH_DEFAULT
        and not (k > 0 and prose[k - 1])
        and not (k + 1 < len(idx) and prose[k + 1])
    )
    return alone >= FEATURE_BLOCKS_MIN_DEFAULT and alone >= FEATURE_BLOCKS_SHARE_DEFAULT * sum(prose)


def _titles(cls: list[str | None], signal: list[str], region: list[bool]) -> set[int]:
    """Add to each region the short line just above it, its title; return those lines."""
    n = len(cls)
    titles = set()
    for i in range(1, n):
        if region[i] and not region[i - 1]:
            seen = 0
            k = i - 1
            while k >= 0 and seen < TITLE_DISTANCE_DEFAULT:
                if cls[k] is None:
                    k -= 1
                    continue
                seen += 1
                if cls[k] == SHORT and not signal[k]:
                    region[k] = True
                    titles.add(k)
                    break
                k -= 1
    return titles


def _article_span(
    cls: list[str | None],
    signal: list[str],
    region: list[bool],
    bounds: tuple[int, int],
    titles: set[int],
    headline: int | None = None,
) -> tuple[int, int] | None:
    """The article's first line (its headline) and last paragraph, for a page with site rules.

    The last paragraph is the region's last prose line. The headline is the one
    :func:`_headline` found, or the title found above the main region, else the region's first
    line; and when no more than TITLE_DISTANCE_DEFAULT
    lines the rules left stand above it (the rules took the page's top: what is left above is
    the title, a date, a rubric), the first of them. None when the page has no prose.
    """
    prose = [i for i, r in enumerate(region) if r and (cls[i] is GOOD or cls[i] is NEAR)]
    if not prose:
        return None
    a = bounds[0] if bounds[1] >= bounds[0] else prose[0]
    head = min([a] + [t for t in titles if t < a and a - t <= 2 * TITLE_DISTANCE_DEFAULT + 1])
    head = min(head, headline) if headline is not None else head
    above = [k for k in range(head) if cls[k] is not None and signal[k] != "decided"]
    if len(above) <= TITLE_DISTANCE_DEFAULT:
        head = above[0] if above else head
    return head, max(prose[-1], head)


# The article's opening paragraphs between its headline and the main region, held apart from it
# by a bar of short lines ('Article Controls', email, print, Digg It!): at least this many lines
# ending a sentence, one after the other. One such line alone there is a dek or a photo's caption,
# which the gold leaves out. 2026-12-03, `python -m benchmarks.gate` and `python -m
# benchmarks.quality ../shared/data/SET --no-peers --half a|b`: big9-dev shingle F1 0.9654 ->
# 0.9657 (forbes-2009 iphone_1, recall 0.89 -> 1.0); wcxb-dev article pages 0195, 0312, 4861
# recall +0.02 to +0.05, 0075 precision 0.956 -> 0.944, no page type down; aeb and seeds unchanged.
# Any prose line there, one alone included, took deks and captions: aeb 0.9102 -> 0.9096.
OPENING_MIN_LINES_DEFAULT = 2


def _opening(cls: list[str | None], signal: list[str], ends: list[bool], head: int, start: int) -> list[int]:
    """Runs of OPENING_MIN_LINES_DEFAULT or more prose lines ending a sentence, with no signal,
    between the headline ``head`` and the region's first line ``start``."""
    out: list[int] = []
    run: list[int] = []
    for i in range(head + 1, start + 1):
        if cls[i] is None:
            continue
        if i < start and (cls[i] is GOOD or cls[i] is NEAR) and not signal[i] and ends[i]:
            run.append(i)
            continue
        if len(run) >= OPENING_MIN_LINES_DEFAULT:
            out.extend(run)
        run = []
    return out
