"""A learned line rule never takes the page's headline: the guard that finds where one did.

A crawl's pages list each other's stories ('More stories', 'Also in Lifestyle'), and a crawl
snapshot shows the same list on many pages, so a story's title can be in half of the pages a
site was learned from and become a learned ``line`` rule. `cleaner learn` refuses a line that
stands above the article on some of its pages (:mod:`cleaner.learnpasses`), but the page whose
title it is may not be among them: then the rule removes that page's headline. Cleaning sees
what learning could not: the title-shaped line a learned line rule removed right above the
article's first paragraph, with nothing but removed lines and at most
:data:`TITLE_KEPT_BETWEEN` short kept lines (a byline) between them. That line is the page's
headline when it is on the article's topic (half its longer words are in the article's opening
lines), and the learned line rule does not apply to it.

Only learned files' line rules are concerned: a hand-written rule says what it means, and a
learned block or pattern never matches a headline's words. Pure: no printing, no exits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .matcher import Hit
from .result import Reason

# The article's first paragraph: the first kept line of at least this many words.
PROSE_MIN_WORDS = 12
# A headline's length in words (as `cleaner learn`'s title check reads one).
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 11
# Short kept lines allowed between the headline and the paragraph (byline, subtitle), and
# non-blank lines in all (dates, credits, share bars the rules or detection removed).
TITLE_KEPT_BETWEEN = 2
TITLE_DISTANCE = 8
# The article's opening lines (its first paragraph on) that a headline's words are looked for in.
TOPIC_LINES = 3
_WORD = re.compile(r"\w+")


def learned_title(lines: Sequence[str], reasons: Sequence[Reason | None], learned_ids: frozenset[str]) -> int | None:
    """The line a learned line rule removed that stands as the page's headline; None when none does."""
    first = next(
        (
            i
            for i, (line, r) in enumerate(zip(lines, reasons, strict=True))
            if r is None and _words(line) >= PROSE_MIN_WORDS
        ),
        None,
    )
    if first is None:
        return None
    kept = seen = 0
    for i in range(first - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        seen += 1
        if seen > TITLE_DISTANCE:
            return None
        reason = reasons[i]
        if reason is None:
            kept += 1
            if kept > TITLE_KEPT_BETWEEN:
                return None
            continue
        learned_line = reason.kind == "line" and reason.rule.split("/", 1)[0] in learned_ids
        if learned_line and _title_shaped(line) and _on_topic(line, lines, reasons, first):
            return i
    return None


def _on_topic(line: str, lines: Sequence[str], reasons: Sequence[Reason | None], first: int) -> bool:
    """Half the line's words of 4 letters or more, and two at least, are in the article's opening lines.

    A headline names what its article is about ('Lexus Readies Another Hybrid' above 'Toyota
    Motor's Lexus subsidiary ...'); a template line above the article ('E-mail this to a
    friend', 'Associated Press Writer') names nothing the article says.
    """
    words = _topic_words(line)
    opening = [lines[k] for k in range(first, len(lines)) if reasons[k] is None and lines[k].strip()]
    said = set().union(*map(_topic_words, opening[:TOPIC_LINES]))
    shared = len(words & said)
    return shared >= 2 and 2 * shared >= len(words)


def _topic_words(line: str) -> set[str]:
    """A line's words of 4 letters or more, case folded."""
    return {w for w in _WORD.findall(line.casefold()) if len(w) >= 4}


def without_learned_lines(hits: tuple[Hit, ...], learned_ids: frozenset[str]) -> tuple[Hit, ...]:
    """A line's hits less the learned files' line rules."""
    return tuple(h for h in hits if not (h.rule.kind == "line" and h.qualified.split("/", 1)[0] in learned_ids))


def _words(line: str) -> int:
    """Words in a line."""
    return len(line.split())


def _title_shaped(line: str) -> bool:
    """3 to 11 words, not ending as a sentence or a label does."""
    text = line.strip()
    return TITLE_MIN_WORDS <= _words(text) <= TITLE_MAX_WORDS and text[-1] not in ".:,;"
