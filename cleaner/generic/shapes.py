"""Block shapes over runs of lines: second copies of the text, menus and share bars, headline lists.

Steps 3-5 of generic detection (:func:`_copies`, :func:`_menus`, :func:`_lists`): a line or a
run is boilerplate by the shape it makes with its neighbours, not by its own words.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import islice, pairwise

from cleaner.generic.lines import BAD, GOOD, LENGTH_HIGH_DEFAULT, LINE_CACHE_SIZE, NEAR, SHORT
from cleaner.generic.signals import _PHONE, _SOCIAL

# Headline lists: at least this many timestamp groups, no more than this many lines apart.
LIST_MIN_GROUPS_DEFAULT = 2
LIST_MAX_PERIOD_DEFAULT = 6
# An item's headline between two groups: 3 to this many words, no sentence end, and no ':' at
# its end (a line introducing what follows: a live blog's dateline '... (all times local):'
# between the story's date and its first entry's time). 2026-12-04, `python -m benchmarks.quality
# ../shared/data/SET --no-peers [--half a|b]`: aeb shingle F1 0.9333 -> 0.9335 (half b 0.9311 ->
# 0.9313: that dateline paragraph back, recall 0.89 -> 0.95); wcxb-dev word F1 0.8152 unchanged
# (forum 0.569 -> 0.572: three threads whose long first lines under their dates came back, +0.12
# to +0.17; a short post with a list lost 0.16 as its region moved); big9-dev and seeds unchanged.
# At 18 words an aeb page lost 0.07.
LIST_HEADLINE_MAX_WORDS_DEFAULT = 20

# An item number of a numbered list has at most this many digits (a list of 100+ is a table).
LIST_NUMBER_MAX_DIGITS = 2

# Menus: runs of at least 4 lines of at most 3 words (a nav bar, a tag list, a footer column);
# 3 words spans "Latin America", "Terms of Use"; 4 lines, since a title + byline + date is 3.
MENU_MAX_WORDS_DEFAULT = 3
MENU_MIN_RUN_DEFAULT = 4

# ... and at most 30 characters: \w+ sees a whole CJK sentence as one word.
MENU_MAX_CHARS_DEFAULT = 30

# A menu with this many social-network or share items is a share bar, which ends an article.
SHARE_BAR_MIN_DEFAULT = 2

# A long line that starts with an earlier line of the page and goes on with the whole line
# after it is a second copy of the text joined into one (schema.org articleBody, a summary for
# sharing): the lines it joins are its text, so it goes (the first copy stays, as for repeats).
# Both lines must hold this many characters: shorter ones ('Home', a date) start many lines by
# chance. aeb 0.897 -> 0.901 (half a +0.008, half b no such page: two Business Insider pages
# whose article came back as one line); wcxb-dev holds at 0.799 (one service page -0.01, three
# +0.001..0.004). Taking any line as the start, not only an earlier one, cost wcxb-dev 0.0003
# (a table cell repeating a paragraph's opening words, an article whose one-line copy came first).
COPY_MIN_CHARS_DEFAULT = 20

# ... and only the first this many earlier lines opening like a long line are tried as the start
# of its copy: a copy starts with the title or the first paragraph, near the top, and a page of
# thousands of lines with one opening (a log, a table) took quadratic time (8,000 lines: 2.8 s).
COPY_MAX_CANDIDATES = 64


def _copies(cls: list[str | None], signal: list[str], length: list[int], keys: list[str]) -> None:
    """Mark long lines that join other lines of the page into one: a second copy of the text.

    A line longer than LENGTH_HIGH_DEFAULT is a copy when it starts with an earlier line (at
    least COPY_MIN_CHARS_DEFAULT characters) and goes on with the whole line after that one,
    itself earlier too: pages carry their article again as one line (schema.org articleBody,
    a summary for sharing), which outweighs a short article and doubles it in the output.
    """
    size = COPY_MIN_CHARS_DEFAULT
    long = [i for i, c in enumerate(cls) if c is not None and length[i] > LENGTH_HIGH_DEFAULT and not signal[i]]
    if not long:
        return
    # Only lines opening like some long line can be the start of its copy.
    wanted = {keys[i][:size] for i in long}
    heads: dict[str, list[int]] = {}  # opening -> lines of at least `size` characters, in order
    for i, c in enumerate(cls):
        if c is not None and length[i] >= size and keys[i][:size] in wanted:
            heads.setdefault(keys[i][:size], []).append(i)
    n = len(cls)
    for i in long:
        key = keys[i]
        for j in islice(heads.get(key[:size], ()), COPY_MAX_CANDIDATES):
            if j >= i:
                break
            nxt = j + 1  # the next non-blank line
            while nxt < n and cls[nxt] is None:
                nxt += 1
            if nxt >= i or length[nxt] < size:
                continue
            if key.startswith(keys[j]) and key[len(keys[j]) :].lstrip().startswith(keys[nxt]):
                cls[i], signal[i] = BAD, "copy"
                break


def _menus(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    length: list[int],
    keys: list[str],
    ends: list[bool],
) -> None:
    """Mark runs of MENU_MIN_RUN_DEFAULT+ one-to-few-word lines without sentence ends: menus.

    Navigation, tag lists, footers and share bars are such runs; a title or subhead is alone.
    Lines already carrying a signal stay in the run (a 'Subscribe' item inside a menu).
    """
    run: list[int] = []
    for i in [*range(len(lines)), -1]:
        if i >= 0 and cls[i] is None:
            continue
        if (
            i >= 0
            and (cls[i] is SHORT or signal[i] in ("cta", "repeated", "timestamp", "copyright"))
            and words[i] <= MENU_MAX_WORDS_DEFAULT
            and length[i] <= MENU_MAX_CHARS_DEFAULT
            and not ends[i]
        ):
            run.append(i)
            continue
        # A run holding a phone number is a directory's entries or a contact block, no menu: the
        # region decides (a directory inside the article stays, a footer's address goes).
        # _PHONE opens with '+', '(' or a digit (a key has no space at its edges): other keys skip it.
        if len(run) >= MENU_MIN_RUN_DEFAULT and not any(
            _PHONE.fullmatch(keys[k]) for k in run if keys[k][:1] in _PHONE_OPENS or keys[k][:1].isdecimal()
        ):
            social = sum(keys[k] in _SOCIAL for k in run)
            name = "share-bar" if social >= SHARE_BAR_MIN_DEFAULT else "menu"
            for k in run:
                if not signal[k] or signal[k] in ("repeated", "cta"):
                    cls[k], signal[k] = BAD, name
        run = []


# The characters but digits a phone number (_PHONE) can open with.
_PHONE_OPENS = "+("


# Lines that stand once per item in headline lists: a date or time, a byline.
_LIST_MARKERS = frozenset({"timestamp", "byline"})
# A photo credit ('Photo Credit: www.littlebitsofhome.com', 'Фото: ...') reads as a byline; the
# same credit under picture after picture marks a gallery's captions ('Photo: Hau Dinh, AP'), but
# a credit seen once per item marks a list article's pictures (a roundup of projects from many
# sites: title, credit, description), no list of other stories. 2026-12-01, `python -m
# benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: big9-dev shingle F1 0.942 ->
# 0.945 (half a 0.951 -> 0.952, b 0.933 -> 0.937); aeb, wcxb-dev (each page type) and seeds the
# same to three places (wcxb-dev 4452 keeps its ten items). Without the count, an AP gallery's
# captions ('Photo: Hau Dinh, AP' under each) passed for the article: aeb half a -0.004.
_CREDIT_STARTS = ("photo", "фото", "image", "picture", "credit")


# A list whose markers are all pictures' credits, with a paragraph of this many words or more in
# most of its items, is a list article's entries ('Photo Courtesy of Noble Desktop', then the
# course's 100-word description), even when the credits repeat as a gallery's do (one school for
# several courses): a teaser's lead is a sentence or two, a gallery's caption too. 2026-12-03,
# `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: wcxb-dev word F1
# 0.8106 -> 0.8109 (half b 0.8078 -> 0.8084: a city guide's roundup, 0030, 0.54 -> 0.99; no other
# page changes); aeb, big9-dev and seeds unchanged. Without the credits, any list of items with
# paragraphs passed (dated conference listings, a comment thread): wcxb-dev 0.8106 -> 0.8093.
LIST_ENTRY_WORDS_DEFAULT = 50


def _item_number(line: str) -> int | None:
    """The number of a bare item number line ('1', '7.', '#3'), else None."""
    text = line.strip().lstrip("#").rstrip(".)")
    return int(text) if 0 < len(text) <= LIST_NUMBER_MAX_DIGITS and text.isdigit() else None


def _numbered(lines: Sequence[str], idx: list[int], signal: list[str]) -> set[int]:
    """Positions (in idx) of a numbered list's item numbers: bare numbers counting up or down
    by one from one to the next (1, 2, 3: a top-ten, a recipe roundup). An article holds such
    lists; a headline list's markers are dates, times and bylines, and a lone count is no list."""
    found = [
        (pos, num)
        for pos, i in enumerate(idx)
        if signal[i] == "timestamp" and (num := _item_number(lines[i])) is not None
    ]
    out: set[int] = set()
    for (p1, a), (p2, b) in pairwise(found):
        if abs(a - b) == 1 and p2 - p1 <= 2 * LIST_MAX_PERIOD_DEFAULT:
            out.update((p1, p2))
    return out


def _lists(
    lines: Sequence[str], cls: list[str | None], signal: list[str], words: list[int], ends: list[bool]
) -> list[bool]:
    """Mark headline+timestamp lists: repeated [section] date time headline [lead] shapes.

    Timestamp lines are grouped (a date line then a time line is one group). When at least
    LIST_MIN_GROUPS_DEFAULT groups follow each other at most LIST_MAX_PERIOD_DEFAULT non-blank
    lines apart, everything between them is list items, and so are up to (period - group size)
    lines before the first and after the last group: the items' headline and lead. Before the
    first group, only the line next to it may be long (its headline); further lines must be
    short (section names, the list's heading), so the article's last paragraph is not taken.
    Two prose lines in a row end a list: a story's title/byline/date above its paragraphs has
    the shape of one more item.
    """
    marked = [False] * len(lines)
    # A list holds LIST_MIN_GROUPS_DEFAULT groups, each of a marker line at least: a page with
    # fewer marker lines has none (most pages; counted at C speed).
    if sum(map(_LIST_MARKERS.__contains__, signal)) < LIST_MIN_GROUPS_DEFAULT:
        return marked
    idx = [i for i, c in enumerate(cls) if c is not None]  # non-blank lines, in order
    groups: list[tuple[int, int]] = []  # (first, last) positions in idx
    numbered = _numbered(lines, idx, signal)
    credits = Counter(
        key for i in idx if signal[i] == "byline" and (key := lines[i].strip().lower()).startswith(_CREDIT_STARTS)
    )
    for pos, i in enumerate(idx):
        if signal[i] in _LIST_MARKERS and pos not in numbered and credits[lines[i].strip().lower()] != 1:
            if groups and groups[-1][1] == pos - 1:
                groups[-1] = (groups[-1][0], pos)
            else:
                groups.append((pos, pos))
    if len(groups) < LIST_MIN_GROUPS_DEFAULT:  # no run of groups can be long enough
        return marked
    # Two sentence-ended prose lines in a row are an article's paragraphs, never one list
    # item's headline (no full stop) and lead.
    prose = [(cls[i] is GOOD or cls[i] is NEAR) and ends[i] for i in idx]
    pair = [p + 1 < len(idx) and prose[p] and prose[p + 1] for p in range(len(idx))]
    runs: list[list[tuple[int, int]]] = []
    for g in groups:
        if runs and g[0] - runs[-1][-1][1] - 1 <= LIST_MAX_PERIOD_DEFAULT and not any(pair[runs[-1][-1][1] + 1 : g[0]]):
            runs[-1].append(g)
        else:
            runs.append([g])
    for run in runs:
        if len(run) < LIST_MIN_GROUPS_DEFAULT:
            continue
        # Items between groups must mostly hold a headline (3+ words, no sentence end):
        # timestamps between paragraphs of a live blog are not a list.
        spans = [range(run[k][1] + 1, run[k + 1][0]) for k in range(len(run) - 1)]
        headed = sum(
            any(
                3 <= words[idx[p]] <= LIST_HEADLINE_MAX_WORDS_DEFAULT
                and not ends[idx[p]]
                and not lines[idx[p]].rstrip().endswith(":")
                for p in span
            )
            for span in spans
        )
        if headed * 2 < len(spans):
            continue
        # Items under pictures' credits that mostly hold a paragraph: a list article (LIST_ENTRY_WORDS_DEFAULT).
        markers = (lines[idx[p]].strip().lower() for g in run for p in range(g[0], g[1] + 1))
        if all(m.startswith(_CREDIT_STARTS) for m in markers):
            full = sum(
                any(cls[idx[p]] is GOOD and words[idx[p]] >= LIST_ENTRY_WORDS_DEFAULT for p in span) for span in spans
            )
            if full * 2 > len(spans):
                continue
        gaps = sorted(run[k + 1][0] - run[k][0] for k in range(len(run) - 1))
        period = gaps[len(gaps) // 2]
        size = max(1, min(g[1] - g[0] + 1 for g in run))
        reach = max(0, period - size)
        first, last = run[0][0], run[-1][1]
        for pos in range(first, last + 1):
            marked[idx[pos]] = True
        for step in range(1, reach + 1):  # before the first group
            pos = first - step
            if pos < 0:
                break
            i = idx[pos]
            if step > 1 and cls[i] != SHORT and signal[i] not in ("cta", "repeated", "decided"):
                break
            if (step == 1 and ends[i] and cls[i] == GOOD) or (pos > 0 and pair[pos - 1]):
                break
            marked[i] = True
        for step in range(1, reach + 1):  # after the last group
            pos = last + step
            if pos >= len(idx) or pair[pos]:
                break
            marked[idx[pos]] = True
    return marked


# Teasers whose headline runs into its lead: a link's heading and paragraph printed with no line
# between them ('Police: 2 In Custody After Death Of U of M-Dearborn Student-AthleteA 24-year-old
# woman and a 28-year-old man ...'). A line is one when, at a place where a word's lower-case
# end meets a capital (or a '?' does), the text before is a headline (from the line's start, at
# least GLUED_HEAD_MIN_WORDS_DEFAULT words, title case, no sentence end) and the text after a
# lead (at least GLUED_LEAD_MIN_WORDS_DEFAULT words, mostly lower case). Brand names glue the
# same way ('the Braun BrewSense is ...', 'WhatsApp'), one line at a time: only a run of at least
# GLUED_MIN_RUN_DEFAULT such lines in a row (one other line may stand between two) is a list of
# other stories. 2026-12-03, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half
# a|b]`: aeb shingle F1 0.9186 -> 0.9191 (half a 0.9185, b 0.9187 -> 0.9197: a CBS station's
# sidebars, precision 0.14 -> 0.30); wcxb-dev, big9-dev and seeds unchanged. Without 'no sentence
# before the glue', a review's ranked picks ('81/100 Rating – See at amazon.com. The Winston
# WorkStation stands out ...') went (wcxb-dev 4787, -0.33).
GLUED_MIN_RUN_DEFAULT = 3
GLUED_HEAD_MIN_WORDS_DEFAULT = 3
GLUED_LEAD_MIN_WORDS_DEFAULT = 8
GLUED_MIN_LENGTH = 60  # characters: a headline and a lead of a sentence at least
# Where a headline ends and its lead begins: a capitalised word ('Denny', 'The', or 'A' or 'I'
# alone) right after 2 lower-case letters, 3 digits or a lower-case letter and a closing mark
# ('RunDenny', '250,000The', 'Rise?Violence'). The regex finds capitalised words only (the engine
# skips to a capital at C speed) and :func:`_junctions` looks at what stands before each: a regex
# with look-behinds tried them at every character of every prose line, 1.4 ms a page.
_CAPITALISED = re.compile(r"[A-Z][a-z]*\b")
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_CLOSERS = frozenset("?!'’”)")
_OPENING_MARKS = "‘'\"“«([¿¡"


def _junctions(text: str, stop: int) -> Iterator[int]:
    """Where a word's lower-case end (or a number's last digits, or a closing mark) meets a
    capitalised word with no space between, before offset ``stop``: the offsets of the capitals."""
    for m in _CAPITALISED.finditer(text):
        p = m.start()
        if p >= stop:
            return
        if p < 2 or (m.end() - p == 1 and text[p] not in "AI"):
            continue
        a, b = text[p - 2], text[p - 1]
        lower = a in _ASCII_LOWER and (b in _ASCII_LOWER or b in _CLOSERS)
        if lower or (p >= 3 and text[p - 3 : p].isdigit() and text[p - 3 : p].isascii()):
            yield p


_GLUED_WORD = re.compile(r"[^\W_][\w'’.-]*")
_SENTENCE_INSIDE = re.compile(r"[.!?] ")
# A lead opening with its dateline in capitals, glued to the headline before it by a space: '...
# deemed stateless WASHINGTON: E...', '... return home from US NEW DELHI: Their ...' (a headline
# of any case, of GLUED_HEAD_MIN_WORDS_DEFAULT words at least, no sentence end). 2026-12-03, same
# command: aeb shingle F1 0.9201 -> 0.9219 (half a unchanged, b 0.9217 -> 0.9253: India Post's
# 'Breaking News' box, page word F1 +0.42); wcxb-dev, big9-dev and seeds unchanged.
_DATELINE = re.compile(r"[\w)’'\"”] (?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z.'’-]{2,}: ")


def _capitalised(words: list[str], least: int, share: float) -> bool:
    """True when at least ``least`` of the words of 4+ letters are and at least ``share`` of them
    start with a capital."""
    long = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    return len(long) >= least and sum(w[0].isupper() for w in long) >= share * len(long)


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _glued(raw: str) -> bool:
    """True when the line is a headline glued to its lead (see GLUED_MIN_RUN_DEFAULT); cached
    as the line's facts are."""
    text = raw.strip()
    dateline = _DATELINE.search(text) if ": " in text else None
    if dateline is not None:  # 'Indian-origin man pleads guilty to fraud scheme in US NEW YORK: An ...'
        head, lead = text[: dateline.start() + 1], text[dateline.end() :]
        if (
            not _SENTENCE_INSIDE.search(head)
            and len(_GLUED_WORD.findall(head)) >= GLUED_HEAD_MIN_WORDS_DEFAULT
            and len(_GLUED_WORD.findall(lead)) >= GLUED_LEAD_MIN_WORDS_DEFAULT
        ):
            return True
    # A title-case headline opens with two capitalised words (or numbers): a paragraph does not,
    # and most prose lines stop here (a cheap test: the search below costs 20 ns a character).
    opening = [w.lstrip(_OPENING_MARKS)[:1] for w in text[:40].split()[:2]]
    if len(opening) < 2 or not all(c.isupper() or c.isdigit() for c in opening):
        return False
    sentence = _SENTENCE_INSIDE.search(text)
    stop = len(text) if sentence is None else sentence.start() + 2  # past it, a sentence is in the head
    for p in _junctions(text, stop):
        head, lead = text[:p], text[p:]
        head_words, lead_words = _GLUED_WORD.findall(head), _GLUED_WORD.findall(lead)
        if len(head_words) < GLUED_HEAD_MIN_WORDS_DEFAULT or len(lead_words) < GLUED_LEAD_MIN_WORDS_DEFAULT:
            continue
        rest = [w for w in lead_words[1:] if len(w) >= 4 and w[0].isalpha()]
        if _capitalised(head_words, 2, 0.75) and len(rest) >= 3 and sum(w[0].isupper() for w in rest) * 2 <= len(rest):
            return True
    return False


def _glued_teasers(lines: Sequence[str], cls: list[str | None], length: list[int]) -> list[bool]:
    """Mark runs of GLUED_MIN_RUN_DEFAULT or more lines that are each a headline glued to its
    lead (:func:`_glued`), at most one other non-blank line between two of them."""
    marked = [False] * len(lines)
    run: list[int] = []
    gap = 0
    for i, c in enumerate(cls):
        if c is None:
            continue
        if (c is GOOD or c is NEAR) and length[i] >= GLUED_MIN_LENGTH and _glued(lines[i]):
            run.append(i)
            gap = 0
            continue
        gap += 1
        if gap <= 1 and run:
            continue
        if len(run) >= GLUED_MIN_RUN_DEFAULT:
            for k in run:
                marked[k] = True
        run = []
    if len(run) >= GLUED_MIN_RUN_DEFAULT:
        for k in run:
            marked[k] = True
    return marked
