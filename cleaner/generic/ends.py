"""Where the article ends inside its region: a heading of what follows it, or the footer.

Part of step 6 of generic detection (:func:`_cut_at_section_end`): past the middle of the
region's content, a 'Related', 'Comments' or 'More from ...' heading, a copyright line or a
share bar ends the article, unless the article resumes after it (an inline box of other
stories, :func:`_article_resumes`) or the heading is the link after each entry of a list
('Read more', 'More on <artist>').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from cleaner.generic.blocks import _stamped
from cleaner.generic.lines import GOOD, NEAR, _line_facts
from cleaner.generic.region import ARTICLE_SHORT_SCORE_DEFAULT, _title_case
from cleaner.generic.signals import _BLOG_COMMENT, _COMMENTS_HEADING

# An inline 'Related' box holds a few headlines (Rolling Stone: 2); the article resumes after.
# The Atlantic's 'Recommended Reading' holds three, each with its author's line under it: 6 -> 8
# lines, 2026-12-04, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`:
# wcxb-dev word F1 0.8134 -> 0.8136 (half a 0.8153, b 0.8115 -> 0.8119; four articles get their
# text after such a box back, recall 0.62 -> 0.995 on the Atlantic's; a service page kept its
# footnotes after a contact box, -0.06, until _FOOTNOTE_MARKS); aeb, big9-dev and seeds
# unchanged. 10 lines lost on three more pages (a list of links, then the next story).
INLINE_BOX_LINES_DEFAULT = 8
# ... and a box of headlines alone ('Related Stories' and 15 headlines of the same story, Fox
# News), up to this many lines: the main region bridged it, and prose resumes after it.
# 2026-12-04, `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`:
# big9-dev 0.9693 -> 0.9699 (half b 0.9666 -> 0.9679: that story's last four paragraphs, recall
# 0.75 -> 0.99); wcxb-dev word F1 0.8137 -> 0.8136 (three articles keep what follows a box of
# title-case lines: a site's FAQ, an author's 'About Me', a sign-up dialog; -0.02 to -0.08,
# article 0.9268 -> 0.9266); aeb and seeds unchanged. Kept for the text it gives back.
INLINE_HEADLINE_BOX_LINES_DEFAULT = 20
# A headline there has this many words at least ('Use an Authenticator App', a dialog's button
# in title case, is none).
INLINE_HEADLINE_MIN_WORDS_DEFAULT = 5
# The marks that open a page's footnotes: prose under them after a heading or the footer is fine
# print, no article resuming. 2026-12-04, `python -m benchmarks.quality ../shared/data/SET
# --no-peers [--half a|b]`: one page changes (wcxb-dev 4891, the service page that kept its plans'
# footnotes after an 8-line box: +0.063), service 0.8107 -> 0.8111; aeb, big9-dev, seeds unchanged.
_FOOTNOTE_MARKS = frozenset("*†‡¹²³⁴⁵⁶⁷⁸⁹")


def _cut_at_section_end(
    lines: Sequence[str],
    cls: list[str | None],
    region: list[bool],
    bounds: tuple[int, int],
    signal: list[str],
    score: list[int],
    keys: list[str],
    words: list[int],
    ends: list[bool],
) -> None:
    """End the main region at a heading like 'Related articles' or 'Comments' inside it.

    Only a heading past the middle of the region's content cuts it, so an article is never
    reduced to its first part by a 'Read also' box between its paragraphs; and a heading
    followed within INLINE_BOX_LINES_DEFAULT lines by two paragraphs in a row is such a box:
    only the box goes. A blog comment's header, followed by at least one more, cuts after a
    short article's worth of content, since comments often outweigh the post; so does the page's
    one heading counting its comments ('10 comments:') with comments' stamps under it.

    A line a rule removed ('decided') ends the region too when its own text is such a heading
    (the common rules take 'Related', 'Read more', 'Comments' before detection sees them, and
    the teasers under them then passed for the article's last paragraphs); a section-end
    heading seen more than once in the page is a link after each entry ('Read more'), not the
    start of what follows the article, and ends nothing; so is one whose first two words open
    ENTRY_LINK_MIN_DEFAULT of the page's headings ('More on <artist>' after each review).
    aeb 0.902 -> 0.903 (half a +0.0012, b +0.0014); wcxb-dev 0.8004 -> 0.8014 (a +0.0011,
    b +0.0010; article +0.002, forum and service -0.002: a forum's 'Comments' over its
    replies); big9-dev 0.9402 -> 0.9400 (a 'Related Stories' box of 15 headlines inside an
    article, which resumes after it).
    """
    a, b = bounds
    total = sum(max(0, score[i]) for i in range(a, b + 1))
    # Blog comment headers from the region on, each with how many follow it (itself included).
    blog_at = [i for i in range(a, len(lines)) if signal[i] == "comment" and _BLOG_COMMENT.search(lines[i])]
    blog = {pos: len(blog_at) - k for k, pos in enumerate(blog_at)}
    counts: Counter[str] | None = None  # each line's count in the page, when first needed
    openings: Counter[str] = Counter()  # ... and how many headings open with each two words
    before = 0
    i = a
    while i <= b:
        if before * 2 >= total and (signal[i] == "section-end" or (signal[i] == "decided" and _own_end(lines[i]))):
            if counts is None:
                counts = Counter(keys)
                headings = (key for key, sig in zip(keys, signal, strict=True) if sig == "section-end")
                openings.update(map(_opening_words, headings))
            ends_here = counts[keys[i]] == 1 and openings[_opening_words(keys[i])] < ENTRY_LINK_MIN_DEFAULT
        else:
            ends_here = signal[i] in _ENDS
        if ends_here and before * 2 >= total:
            # Under a post's comments heading ('6 thoughts on “...”') the comments follow, no more of it.
            resume = None if _COMMENTS_HEADING.fullmatch(keys[i]) else _article_resumes(cls, i, b, lines)
            end = resume if resume is not None else b + 1
            for k in range(i, end):
                region[k] = False
            if resume is None:
                return
            i = resume
            continue
        if (
            before >= ARTICLE_SHORT_SCORE_DEFAULT
            and (signal[i] == "section-end" or signal[i] == "decided")
            and _COUNTED_COMMENTS.fullmatch(keys[i].strip())
            and _stamps_follow(lines, words, ends, i, b)
            and sum(1 for key in keys if key[:1].isdigit() and _COUNTED_COMMENTS.fullmatch(key.strip())) == 1
        ):
            for k in range(i, b + 1):  # see COUNTED_COMMENTS_STAMPS_DEFAULT
                region[k] = False
            return
        if signal[i] == "comment" and before >= ARTICLE_SHORT_SCORE_DEFAULT and blog.get(i, 0) >= 2:
            for k in range(i, b + 1):
                region[k] = False
            return
        before += max(0, score[i])
        i += 1


# A heading counting a post's comments ('10 comments:', '23 Responses') with comments' stamps
# under it ('AmySeptember 11, 2008 at 2:06 PM': Blogger glues the name to the date) ends the
# post after a short article's worth of it, before its middle: the thread outweighs the post.
# Only a page's one such line: a Q&A page prints '6 Comments' under each answer. 2026-12-04,
# `python -m benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: wcxb-dev word F1
# 0.8148 -> 0.8152 (half a 0.8163 -> 0.8170: a Blogger post, 0.48 -> 1.00, the one page that
# changes); aeb, big9-dev and seeds unchanged. Without the one-line test a Q&A page lost its
# answers (wcxb-dev 0564, -0.40).
_COUNTED_COMMENTS = re.compile(r"\d+ (?:comments?|responses?|replies|reacties|comentarios|kommentare)\W*")
# ... at least this many stamps within the next COUNTED_COMMENTS_LINES_DEFAULT lines.
COUNTED_COMMENTS_STAMPS_DEFAULT = 2
COUNTED_COMMENTS_LINES_DEFAULT = 15


def _stamps_follow(lines: Sequence[str], words: list[int], ends: list[bool], i: int, b: int) -> bool:
    """True when comments' stamps (a clock time or a date in a short line) follow heading i."""
    found = 0
    for k in range(i + 1, min(b, i + COUNTED_COMMENTS_LINES_DEFAULT) + 1):
        if _stamped(lines[k], words[k], ends[k]):
            found += 1
            if found >= COUNTED_COMMENTS_STAMPS_DEFAULT:
                return True
    return False


# A heading of what follows an article that opens this many of the page's headings ('More on
# Steve Davis & Gaz Williams', 'More on Anthony Child', ...) is the link after each entry of a
# roundup, as a heading seen more than once is, and ends nothing. 2026-12-04, `python -m
# benchmarks.quality ../shared/data/SET --no-peers [--half a|b]`: wcxb-dev word F1 0.8136 ->
# 0.8137 (half a 0.8153 -> 0.8156: a roundup of album reviews, recall 0.58 -> 0.94, the only page
# that changes); aeb, big9-dev and seeds unchanged.
ENTRY_LINK_MIN_DEFAULT = 3


def _opening_words(key: str) -> str:
    """A heading's first two words: what a roundup's 'More on <name>' links share."""
    return " ".join(key.split()[:2])


# Signals that end an article when past its middle: headings of what follows, the footer.
_ENDS = frozenset({"section-end", "copyright", "share-bar"})


def _own_end(line: str) -> bool:
    """True when a line's own signal (whatever a rule decided) is one of _ENDS."""
    facts = _line_facts(line)
    return facts is not None and facts[3] in _ENDS


def _article_resumes(cls: list[str | None], i: int, b: int, lines: Sequence[str] | None = None) -> int | None:
    """Where two prose lines in a row follow heading i closely (an inline box), else None; a box
    of headlines only may be longer (INLINE_HEADLINE_BOX_LINES_DEFAULT)."""
    seen: list[int] = []
    headlines = lines is not None  # every line of the box so far a headline in title case
    for k in range(i + 1, b + 1):
        if cls[k] is None:
            continue
        seen.append(k)
        if len(seen) >= 2 and cls[seen[-2]] is GOOD and cls[k] in (GOOD, NEAR):
            # fine print under a footnote's mark ('*The insurance is underwritten by ...') is no article
            return None if lines is not None and lines[seen[-2]].lstrip()[:1] in _FOOTNOTE_MARKS else seen[-2]
        if headlines and len(seen) > 1:
            text = lines[seen[-2]]  # type: ignore[index]
            headlines = (
                _title_case(text)
                and len(text.split()) >= INLINE_HEADLINE_MIN_WORDS_DEFAULT
                and not text.rstrip().endswith((".", "!", "?"))
            )
        limit = INLINE_HEADLINE_BOX_LINES_DEFAULT if headlines else INLINE_BOX_LINES_DEFAULT
        if len(seen) > limit + 1:
            return None
    return None
