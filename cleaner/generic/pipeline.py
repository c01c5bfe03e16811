"""The detector's steps in order, and the reasons it gives (:func:`detect`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from cleaner.generic.blocks import _cta_tail, _galleries, _item_runs, _off_topic_teasers, _thread
from cleaner.generic.context import _SOFT, CONTEXT_MAX_WORDS_DEFAULT, _near_prose, _revise, _safety_net
from cleaner.generic.ends import _cut_at_section_end
from cleaner.generic.headline import _headline, _headline_at, _soft_headlines
from cleaner.generic.headrank import ranked_headline
from cleaner.generic.lines import BAD, GOOD, NEAR, SHORT, _classify
from cleaner.generic.model import LineModel, Page
from cleaner.generic.region import (
    _BROAD_BAD,
    ARTICLE_MIN_SCORE_DEFAULT,
    ARTICLE_SHORT_SCORE_DEFAULT,
    ARTICLE_SHORT_SHARE_DEFAULT,
    FORUM_MIN_POSTS_DEFAULT,
    FORUM_SHARE_DEFAULT,
    LISTING_SHARE_DEFAULT,
    TEASER_MAX_WORDS_DEFAULT,
    TEASER_MIN_WORDS_DEFAULT,
    _article_span,
    _cut_head,
    _cut_teasers,
    _dated,
    _extend_tail,
    _feature_blocks,
    _forum_region,
    _introduced_list,
    _main_region,
    _opening,
    _scores,
    _title_case,
    _titles,
)
from cleaner.generic.shapes import _LIST_MARKERS, _copies, _glued_teasers, _lists, _menus
from cleaner.generic.signals import _CTA, _author_boxes
from cleaner.generic.tables import _tables
from cleaner.result import Reason

# What generic detection may remove on a page whose site has a rule file (its ``generic:`` key):
# "on" anything but the article (its headline through its last paragraph), "tail" only what
# follows the article. None: no rule file, the whole page is generic detection's.
SITE_MODES = ("on", "tail")


# A menu-shaped run inside the article (a review's 'Pros:' and 'Cons:' lists, a docs page's code,
# a list of names) is the article's when the region's prose stands at most ENCLOSED_GAP_DEFAULT
# non-blank lines above and below it, from the article's first paragraph on, with no call to
# action or shop button in it, no forum's posts around it (Reply, Quote, a member's post count
# between them), and fewer than one in ENCLOSED_NAV_SHARE_DEFAULT of its lines standing outside
# the region too (the site's navigation again, as a news site's mega-menu between its teaser
# cards: aeb c467d507). Losing a list the article holds is worse than keeping a menu line.
# 2026-12-03, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: wcxb-dev
# word F1 0.8109 -> 0.8112 (half a 0.8134 -> 0.8138, b 0.8084 -> 0.8086; shingle recall 0.8394 ->
# 0.8404, precision 0.7838 -> 0.7837; article +0.0004, documentation +0.0006, service +0.0007,
# product +0.0001, no page type down); aeb shingle F1 0.9147 -> 0.9148 (half a 0.9141 -> 0.9143);
# big9-dev and seeds unchanged. Six lines instead of three: wcxb-dev +0.0004 but aeb half b
# -0.0002 (a site's staff list between two paragraphs); without the navigation test, collection
# and forum pages lost 0.0001-0.0002 and the mega-menu stayed.
ENCLOSED_GAP_DEFAULT = 3
ENCLOSED_NAV_SHARE_DEFAULT = 3
# A shop's buttons: a run holding one is a grid of products, no list of the article's.
_SHOP_ACTION = re.compile(
    r"\b(?:add to (?:cart|bag|basket|wishlist|wish list)|buy now|shop now|choose options|select options|"
    r"view product|quick view|out of stock|in stock|sold out)\b",
    re.IGNORECASE,
)


def detect(
    lines: Sequence[str],
    decided: Sequence[Reason | None],
    protected: Sequence[bool],
    *,
    site_mode: str | None = None,
    model: LineModel | None = None,
) -> list[Reason | None]:
    """Return a Reason for each line generic detection removes, None for lines it keeps.

    Never a Reason for a blank, already decided or protected line. With ``site_mode`` (the
    page's site has rules: see SITE_MODES), never one for the article's headline or any line
    between it and the article's last paragraph, nor, in "tail" mode, for any line above.
    With ``model`` (a learned line model, :mod:`cleaner.generic.model`), the model revises the
    verdicts where it is sure, before the safety net; it never touches the headline.
    """
    n = len(lines)
    out: list[Reason | None] = [None] * n
    if not n:
        return out
    cls, signal, length, words, keys, ends, lang = _classify(lines, decided)
    _author_boxes(lines, signal, cls, BAD)
    _copies(cls, signal, length, keys)
    _menus(lines, cls, signal, words, length, keys, ends)
    in_list = _lists(lines, cls, signal, words, ends)
    for i, glued in enumerate(_glued_teasers(lines, cls, length)):
        in_list[i] = in_list[i] or glued
    for i in range(n):
        if in_list[i] and cls[i] is not None and signal[i] not in _LIST_MARKERS and signal[i] != "section-end":
            cls[i], signal[i] = BAD, "headline-list"
    posts = _numbered_posts(lines, cls, signal, ends)
    prose = sum(length[i] for i, c in enumerate(cls) if c is GOOD or c is NEAR)
    score, region, top, bounds = _article_region(cls, signal, length, prose)
    broad = top < ARTICLE_MIN_SCORE_DEFAULT and (
        top < ARTICLE_SHORT_SCORE_DEFAULT
        or top < ARTICLE_SHORT_SHARE_DEFAULT * _story_prose(lines, cls, words, ends, length)
    )
    broad = broad or _feature_blocks(cls, length, bounds)
    wide = None  # the broad-mode region, when already computed
    if not broad and top < ARTICLE_MIN_SCORE_DEFAULT:  # a short article, or a listing?
        wide_score = _scores(cls, signal, length, broad=True)
        wide, _, _ = _main_region(wide_score)
        broad = top < LISTING_SHARE_DEFAULT * sum(wide_score[i] for i in range(n) if wide[i])
    teasers: set[int] = set()  # lines _cut_teasers took out of the region, named so in their reason
    items: set[int] = set()  # lines of item blocks (_item_runs) taken out of the region
    thread: set[int] = set()  # lines of a comment thread (_thread) taken out of the region
    box: set[int] = set()  # lines of a newsletter box (_cta_tail) taken out of the region
    gallery: set[int] = set()  # lines of a gallery's items (_galleries) taken out of the region
    listed: list[int] = []  # a list the article introduces after its region (_introduced_list)
    # A table's cells, one per line (a docs page's parameters, a shop's grid of products), are
    # short lines of the text, not a menu: in an article, a table inside the text no longer
    # cuts it; on a page of no article, a listing's grid is its content.
    table = _tables(lines, cls, signal, words, ends, inside=not broad)
    cells = {i for i in range(n) if table[i] and cls[i] is not GOOD and cls[i] is not NEAR}
    for i in cells:
        cls[i], signal[i] = SHORT, ""
    if cells and not broad:
        score, region, top, bounds = _article_region(cls, signal, length, prose)
    if broad:  # no article here: keep the page body, drop only its furniture
        region = wide if wide is not None else _main_region(_scores(cls, signal, length, broad=True))[0]
    else:
        bounds = _cut_head(
            cls, signal, score, region, bounds, lambda a, b: _headline_at(lines, cls, bounds[0], a, b, lang)
        )
        bounds = _extend_tail(cls, signal, ends, region, bounds)
        bounds = _table_above(cls, cells, region, bounds)
        _cut_at_section_end(lines, cls, region, bounds, signal, score, keys, words, ends)
        thread = set(_thread(lines, cls, signal, words, ends, score, region))
        for i in thread:
            region[i] = False
        teasers = set(_cut_teasers(lines, cls, signal, region, words, ends))
        teasers.update(_off_topic_teasers(lines, cls, signal, region, words, ends, bounds[0], lang))
        items = set(_item_runs(lines, cls, signal, length, words, ends, region))
        for i in items:
            region[i] = False
        box = set(_cta_tail(lines, cls, signal, region))
        gallery = set(_galleries(lines, cls, region))
        for i in gallery:
            region[i] = False
        for i in box:
            region[i] = False
        listed = _introduced_list(lines, cls, signal, words, ends, region)
        for i in listed:
            region[i] = True
            if signal[i]:  # a soft signal: the item is the article's all the same
                cls[i], signal[i] = SHORT, ""
    for i in posts:  # a thread's posts, whatever the region (see POSTS_MIN_DEFAULT)
        region[i], signal[i] = True, ""
    revised: list[str] | None = None  # computed when first needed (many pages never need it)
    head = None if broad else _headline(lines, cls, signal, words, ends, bounds[0], lang)
    # The learned ranker's pick too, where it is another line (cleaner/generic/headrank.py).
    ranked = None if broad else ranked_headline(lines, cls, signal, words, bounds[0], lang, head)
    second = ranked[0] if ranked is not None else None
    if head is not None:
        for i in _opening(cls, signal, ends, head, bounds[0]):
            region[i] = True
    titles = _titles(cls, signal, region)
    for i in titles & (teasers | items | thread | box | gallery):  # a block's line is no region's title
        region[i] = False
        titles.discard(i)
    # A forum's posts have their furniture between them (Reply, Quote, a member's post count).
    thread_page = _thread_dates(signal, top, prose) is not None
    enclosed = set() if broad or thread_page else _enclosed_menus(lines, cls, signal, keys, region)
    if not broad:  # the article's headline inside the region, with a soft signal (HEADLINE_SOFT)
        enclosed |= _soft_headlines(lines, cls, signal, words, region, lang)
    for i in range(n):
        if cls[i] is None or decided[i] is not None or protected[i]:
            continue
        if (broad and region[i] and signal[i] not in _BROAD_BAD) or i in (head, second) or i in enclosed:
            continue
        if signal[i] and (
            signal[i] not in _SOFT or not region[i] or not _near_prose(cls, i) or _link_markup(lines[i], signal[i])
        ):
            out[i] = _SIGNAL_REASONS[signal[i]]
        elif not region[i]:
            out[i] = (
                _TEASERS
                if i in teasers
                else _ITEMS
                if i in items
                else _THREAD
                if i in thread
                else _BOX
                if i in box
                else _GALLERY
                if i in gallery
                else _OUTSIDE
            )
        elif (
            cls[i] is SHORT
            and words[i] <= CONTEXT_MAX_WORDS_DEFAULT
            and i not in titles
            and i not in cells
            and i not in listed
        ):
            if revised is None:
                # Soft signals are no evidence of boilerplate around a line: they count as short.
                revised = _revise([SHORT if signal[k] in _SOFT else c for k, c in enumerate(cls)])
            if revised[i] == BAD:
                out[i] = _CONTEXT
    if model is not None:
        facts = (lines, decided, protected, cls, signal, length, words, ends, score, region, bounds)
        model.revise(Page(*facts, broad, top, prose, head, titles, teasers | items | thread | box | gallery, lang), out)
    _safety_net(out, cls, signal, words)
    if site_mode is not None:
        span = _article_span(cls, signal, region, bounds, titles, head)
        head, end = span if span is not None else (0, n - 1 if site_mode == "tail" else -1)
        for i in range(0 if site_mode == "tail" else head, end + 1):
            out[i] = None
    return out


def _numbered_posts(lines: Sequence[str], cls: list[str | None], signal: list[str], ends: list[bool]) -> set[int]:
    """A thread's posts, each under its number ('#1', '#2', ...): the line right under it and the
    prose after that, up to the first line that is none (the next post's author, counts and date;
    a 'Last edited' line); a quote's 'name said:' header is part of the post (POSTS_MIN_DEFAULT)."""
    if sum(1 for line in lines if line.lstrip()[:1] == "#") < POSTS_MIN_DEFAULT:
        return set()
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _POST_NUMBER.fullmatch(line.strip()))]
    steps = sum(1 for (_, a), (_, b) in pairwise(numbered) if b == a + 1)  # counting up one by one
    if steps + 1 < POSTS_MIN_DEFAULT:
        return set()
    out: set[int] = set()
    n = len(lines)
    for i, _ in numbered:
        k, first = i + 1, True
        while k < n:
            c = cls[k]
            if c is not None and first and signal[k] == "cta":
                pass  # an ad's label between the number and the post ('Advertisement - Members don't see this ad')
            elif c is not None:
                prose = c is GOOD or c is NEAR or (c is SHORT and (ends[k] or first))
                if not (prose and not signal[k]) and signal[k] not in _POST_TEXT and signal[k] != "comment":
                    break
                out.add(k)
                first = False
            k += 1
    return out


_POST_NUMBER = re.compile(r"#(\d{1,4})")
# A thread's posts: at least this many post numbers counting up one by one ('#1', '#2', '#3':
# XenForo's and vBulletin's post headers end with them); under each, its first line and the prose
# after it, up to the next post's furniture, are the thread's text, kept whatever the region. The
# numbers themselves go (kept, they sent a later pass of some threads to broad mode: wcxb-dev
# forum 0.580 -> 0.577). 2026-12-04, `python -m benchmarks.quality ../shared/data/SET --no-peers
# [--half a|b]`: wcxb-dev word F1 0.8154 -> 0.8160 (half a 0.8171 -> 0.8172, b 0.8137 -> 0.8149;
# forum 0.572 -> 0.580: ResetEra 0.20 -> 0.55, basenotes 0.82 -> 0.88, eight more threads up;
# two down by 0.005 and 0.010); aeb, big9-dev and seeds unchanged. An ad's label between a number
# and its post is skipped (a call to action there): 0.8160 -> 0.8161 (Student Doctor Network's
# thread, 0.27 -> 0.32).
POSTS_MIN_DEFAULT = 3
# Signals a post's own line may carry, read alone or among the headers (a list step took a
# post under its date for a headline list's item; a post quoted again reads as repeated).
_POST_TEXT = frozenset({"headline-list", "repeated", "low-stopwords"})


# An article may open with a table under one line of introduction (a stats post): the table's
# cells are short lines, so the region started below it. A run above the region's first line,
# mostly table cells (short lines else), with prose right above it, joins the region with that
# prose; the headline is then searched above. 2026-12-04, `python -m benchmarks.quality
# ../shared/data/SET --no-peers [--half a|b]`: aeb shingle F1 0.9315 -> 0.9318 (half b 0.9305 ->
# 0.9311), <h1> kept 0.910 -> 0.916; wcxb-dev, big9-dev and seeds unchanged.
def _table_above(
    cls: list[str | None], cells: set[int], region: list[bool], bounds: tuple[int, int]
) -> tuple[int, int]:
    """Take into the region a table right above its first line, and the prose introducing it."""
    a, b = bounds
    k = a - 1
    while k >= 0 and (cls[k] is None or k in cells or cls[k] is SHORT):
        k -= 1
    taken = sum(i in cells for i in range(k + 1, a))
    if k < 0 or taken * 2 <= sum(cls[i] is not None for i in range(k + 1, a)) or not (cls[k] is GOOD or cls[k] is NEAR):
        return bounds
    for i in range(k, a):
        region[i] = True
    return k, b


def _enclosed_menus(
    lines: Sequence[str], cls: list[str | None], signal: list[str], keys: list[str], region: list[bool]
) -> set[int]:
    """Lines of menu runs inside the article: the region's prose a few lines above and below them."""
    out: set[int] = set()
    n = len(cls)
    outside: set[str] | None = None  # the lines outside the region (the site's navigation), when first needed
    # From the article's first paragraph on: a site's navigation above it is no list of its own.
    i = next((k for k in range(n) if region[k] and (cls[k] is GOOD or cls[k] is NEAR)), n)
    while i < n:
        if signal[i] != "menu" or not region[i]:
            i += 1
            continue
        run: list[int] = []
        k = i
        while k < n and (cls[k] is None or (signal[k] == "menu" and region[k])):
            if cls[k] is not None:
                run.append(k)
            k += 1
        if (
            _prose_near(cls, signal, region, i - 1, -1)
            and _prose_near(cls, signal, region, k, 1)
            and not any(_SHOP_ACTION.search(lines[r]) or _CTA.search(keys[r]) for r in run)
        ):
            if outside is None:
                outside = {keys[j] for j in range(n) if cls[j] is not None and not region[j]}
            if sum(keys[r] in outside for r in run) * ENCLOSED_NAV_SHARE_DEFAULT < len(run):
                out.update(run)
        i = k
    return out


def _prose_near(cls: list[str | None], signal: list[str], region: list[bool], i: int, step: int) -> bool:
    """True when a prose line of the region stands within ENCLOSED_GAP_DEFAULT non-blank lines
    of the region from line ``i`` on (up when ``step`` is -1), no other menu between."""
    seen = 0
    while 0 <= i < len(cls) and seen <= ENCLOSED_GAP_DEFAULT:
        if cls[i] is not None:
            if not region[i] or signal[i] == "menu":
                return False
            if cls[i] is GOOD or cls[i] is NEAR:
                return True
            seen += 1
        i += step
    return False


def _article_region(
    cls: list[str | None], signal: list[str], length: list[int], prose: int
) -> tuple[list[int], list[bool], int, tuple[int, int]]:
    """The line scores, the main region, its score and bounds: the article's run of lines, or
    every post of a forum thread when no run holds FORUM_SHARE_DEFAULT of the prose."""
    score = _scores(cls, signal, length, broad=False)
    region, top, bounds = _main_region(score)
    dated = _thread_dates(signal, top, prose)
    if dated is not None:
        region = _forum_region(score, top, dated)
    return score, region, top, bounds


def _thread_dates(signal: list[str], top: int, prose: int) -> list[int] | None:
    """The post headers' dated lines when the page reads as a forum thread (no run holds
    FORUM_SHARE_DEFAULT of the prose, FORUM_MIN_POSTS_DEFAULT dated lines or more), else None."""
    if top >= FORUM_SHARE_DEFAULT * prose:
        return None
    dated = _dated(signal)
    return dated if len(dated) >= FORUM_MIN_POSTS_DEFAULT else None


def _story_prose(
    lines: Sequence[str], cls: list[str | None], words: list[int], ends: list[bool], length: list[int]
) -> int:
    """The page's prose, in characters, but for headlines of other stories (title case, 3-15
    words, no sentence end: 'Florida Family Shocked They Weren't Told New Home Was Scene of ...').

    A short article holds most of the page's prose (ARTICLE_SHORT_SHARE_DEFAULT); a page's lists
    of other headlines read as prose line by line, and 150 of them made a story of six paragraphs
    a page of no article, kept whole in broad mode. 2026-12-03, `python -m benchmarks.quality
    ../shared/data/SET --no-peers [--half a|b]`: aeb shingle F1 0.9219 -> 0.9228 (half a 0.9185 ->
    0.9203: a WSJ story, page word F1 +0.30; b unchanged), big9-dev 0.9658 -> 0.9680 (half a
    unchanged, b 0.9609 -> 0.9653: a Fox News story, +0.60); no wcxb-dev page changes; seeds
    unchanged.
    """
    return sum(
        length[i]
        for i, c in enumerate(cls)
        if (c is GOOD or c is NEAR)
        and not (
            not ends[i] and TEASER_MIN_WORDS_DEFAULT <= words[i] <= TEASER_MAX_WORDS_DEFAULT and _title_case(lines[i])
        )
    )


def _link_markup(line: str, signal: str) -> bool:
    """True for a long line of leaked link markup ('<a href="https://.../adserver...'): an ad, no
    prose, whatever lines stand around it (few stopwords is a soft signal next to prose). On the
    dev sets no such line is in the gold. 2026-12-02, `python -m benchmarks.quality
    ../shared/data/SET --no-peers [--half a|b]`: big9-dev shingle F1 0.9570 -> 0.9588 (half a
    0.9650 -> 0.9676, b 0.9490 -> 0.9500); aeb, wcxb-dev (every page type) and seeds unchanged."""
    return signal == "low-stopwords" and line.lstrip().startswith("<a ") and "href=" in line


_DETAILS = {
    "timestamp": "only a date, time or counter",
    "byline": "a byline (By ...)",
    "cta": "call to action or page furniture",
    "repeated": "line repeated in the page (navigation, widget)",
    "low-stopwords": "few stopwords (not prose)",
    "disclaimer": "a legal or medical disclaimer",
    "headline-list": "item of a list of other stories (headline and date, or headline glued to its lead)",
    "menu": "run of short lines (menu, tags, footer)",
    "share-bar": "share buttons (Facebook, Twitter, Email...)",
    "cookie": "cookie notice",
    "copyright": "copyright notice (the footer)",
    "comment": "a comment's header (name ... said:)",
    "section-end": "heading of what follows an article (related, comments)",
    "copy": "joins other lines of the page (a second copy of the text)",
    "credit": "a picture's credit or its caption with the credit",
}
# Reasons are immutable, so one instance per signal serves every line.
_SIGNAL_REASONS = {name: Reason(f"generic/{name}", "generic", 90.0, detail) for name, detail in _DETAILS.items()}
_OUTSIDE = Reason("generic/outside", "generic", 70.0, "outside the main text region")
_TEASERS = Reason("generic/teaser-list", "generic", 70.0, "headlines after the article's last paragraph")
_ITEMS = Reason(
    "generic/item-list", "generic", 80.0, "a run of items of one shape after the article (headline, lead, date)"
)
_THREAD = Reason(
    "generic/comment-thread", "generic", 80.0, "a run of dated items after the article (name, date, comment)"
)
_BOX = Reason(
    "generic/cta-box", "generic", 80.0, "a newsletter or comment-form box after the article (calls to action, notes)"
)
_GALLERY = Reason("generic/gallery", "generic", 80.0, "a gallery's items: 'Image 1 of 5', caption, credit")
_CONTEXT = Reason("generic/context", "generic", 60.0, "short label among boilerplate")
