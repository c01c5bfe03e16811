"""Each line alone: its facts (text, key, tokens, own signal, sentence end) and its class.

Step 2 of generic detection (:func:`_classify`): good, near-good, short or bad by jusText's
length and stopword bounds, or bad by a signal (its own, a repeat, few stopwords). What a line
shows on its own is kept in bounded LRU caches keyed by the line (``LINE_CACHE_SIZE``), so the
later passes of ``clean()`` cost a lookup; results never depend on the caches.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from cleaner.generic.language import _language, _stoplist, _stoplist_index, _tokens
from cleaner.generic.signals import _own_signal
from cleaner.normalize import _INVISIBLE_CHARS, is_blank
from cleaner.result import Reason

# jusText's own length bounds in characters (core.py LENGTH_LOW/HIGH_DEFAULT): a line shorter
# than LOW is "short" (titles, menu items, captions); longer than HIGH may be good on its own.
LENGTH_LOW_DEFAULT = 70
LENGTH_HIGH_DEFAULT = 200

# jusText's stopword density bounds (STOPWORDS_LOW/HIGH_DEFAULT): prose in any language with a
# stoplist runs 0.3-0.5; menus, tag lists and product specs run near 0.
STOPWORDS_LOW_DEFAULT = 0.30
STOPWORDS_HIGH_DEFAULT = 0.32

# A line ending like a sentence is prose with half that density (names, numbers, jargon).
SENTENCE_STOPWORDS_LOW_DEFAULT = 0.15

# A line repeated in the page is navigation or a widget unless it is a paragraph.
REPEATED_MAX_WORDS_DEFAULT = 10

# ... and a longer line seen this many times is a widget's text (ad notices, teasers) after
# its first time, since a forum quotes a post once or twice. The first stays: some pages
# carry their whole article three times (hidden copies for other screen sizes).
REPEATED_MIN_LONG_DEFAULT = 3

# Sentence end: . ! ? … possibly followed by closing quotes/brackets.
_SENTENCE_STOPS = frozenset(".!?…。！？")
_CLOSERS = "\"'»”’)]」』"


# A long line with few stopwords and marks of this many kinds is code, a short line, not bad:
# wcxb-dev 0.8058 -> 0.8070 (documentation 0.8915 -> 0.9032); aeb and big9-dev unchanged. Any
# three marks, ';' and '(' among them, took reference lists too (big9-dev -0.0007).
CODE_MIN_MARKS_DEFAULT = 2
# The marks of code, each kind counted once: a keyword, an assignment, a call, braces, a shell
# prompt, an operator of code. A reference list's '2017;7(3):169' or 'Dec;66(5)' has none.
_CODE_MARKS = tuple(
    re.compile(p)
    for p in (
        r"\b(?:import|def|return|function|const|var|async|await|lambda|self|None|null|elif)\b",
        r"[A-Za-z_\]]\s?=\s?[\w\"'(\[{]",
        r"[A-Za-z_]\((?:[\w\"'.,=\s]*)\)",
        r"[{}]",
        r"^\$ ",
        r"->|=>|::|==|!=|\+=",
    )
)


def _is_code(text: str) -> bool:
    """True when a line with few stopwords reads as code (a docs page's example, not a menu)."""
    if text.startswith("<"):  # leaked markup: an ad's <a href=...>
        return False
    return sum(1 for m in _CODE_MARKS if m.search(text)) >= CODE_MIN_MARKS_DEFAULT


GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"

_NO_TOKENS: list[str] = []
# A blank line's facts as _classify reads them: no text, no key, no tokens, no sentence end.
_BLANK_FACTS = ("", "", _NO_TOKENS, "", False)


# How many distinct lines keep their facts between calls: a later pass of clean() (the lines it
# kept) and boilerplate repeated from page to page are then looked up, not classified again.
# A page's worth of lines is enough (aeb pages have ~180, big ones a few thousand); an entry
# holds the line's tokens, so this bounds the memory at a few megabytes. A page with more
# lines only pays its second pass in full.
LINE_CACHE_SIZE = 1 << 13


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _line_facts(raw: str) -> tuple[str, str, list[str], str, bool] | None:
    """What a line shows on its own: stripped text, lower-cased key, tokens, signal, whether it
    ends like a sentence; None if blank.

    The signal is the first of the page-independent ones (timestamp, byline, section-end,
    comment, copyright, cta, cookie) that fits, else "". Cached: callers must not change the
    token list.
    """
    text = raw.strip()
    # is_blank (the caller's own test, so blank means the same on both sides), called only when
    # the line could be blank: empty once stripped, or starting with an invisible character.
    if not text or (text[0] in _INVISIBLE_CHARS and is_blank(raw)):
        return None
    key = text.lower()
    toks = _tokens(key)
    body = text.rstrip(_CLOSERS)  # _ends_sentence, inline: this runs once per distinct line
    end = bool(body) and body[-1] in _SENTENCE_STOPS
    return text, key, toks, _own_signal(text, key, toks, end), end


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _line_vector(raw: str) -> int:
    """A non-blank line's language vector: the sum of its tokens' stoplist vectors."""
    _, index, _ = _stoplist_index()
    return sum(filter(None, map(index.get, _line_facts(raw)[2])))


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _density(raw: str, lang: str) -> float:
    """A line's stopword density in a language (the share of its tokens in the stoplist)."""
    toks = _line_facts(raw)[2]
    return sum(map(_stoplist(lang).__contains__, toks)) / len(toks)


def clear_line_caches() -> None:
    """Forget every line seen so far (for benchmarks timing a page as if it came first)."""
    _line_facts.cache_clear()
    _line_vector.cache_clear()
    _density.cache_clear()
    from cleaner.generic import headline, headrank, tables  # they import this module

    for cached in (headline._line_stems, headline._meta_line, headline._not_headline):
        cached.cache_clear()
    for cached in (headrank._own, headrank._own_score_rest, headrank._content, tables._line_shape):
        cached.cache_clear()


def _classify(
    lines: Sequence[str], decided: Sequence[Reason | None]
) -> tuple[list[str | None], list[str], list[int], list[int], list[str], list[bool], str | None]:
    """Classify each line alone: (class or None for blank, signal name, length, word count,
    lower-cased stripped text, sentence end), and the page's language (None: none known)."""
    facts = list(map(_line_facts, lines))
    if not facts:
        return [], [], [], [], [], [], None
    cls: list[str | None] = [None if f is None or d is None else BAD for f, d in zip(facts, decided, strict=True)]
    signal = ["" if c is None else "decided" for c in cls]
    # The facts' columns at C speed, a blank line reading as empty text, key and tokens.
    texts, key_col, tok_col, _, end_col = zip(*[_BLANK_FACTS if f is None else f for f in facts], strict=True)
    length = list(map(len, texts))
    keys = list(key_col)
    toks: list[list[str]] = list(tok_col)
    ends = list(end_col)
    lang = _language(toks, lambda k: _line_vector(lines[k]), ends)
    stoplist = _stoplist(lang) if lang else None
    repeats = Counter(keys)
    seen: set[str] = set()
    for i, f in enumerate(facts):
        if f is None or cls[i] is not None:
            continue
        _, key, line_toks, own, end = f
        count = repeats[key]
        first = True  # a line seen once is its own first sighting: only repeats need the bookkeeping
        if count > 1:
            first = key not in seen
            seen.add(key)
        if own:
            # A picture's credit weighs as a short line: a photo inside the text does not cut it.
            cls[i], signal[i] = SHORT if own == "credit" else BAD, own
            continue
        nw = len(line_toks)
        if (count >= REPEATED_MIN_LONG_DEFAULT and not first) or (count > 1 and nw <= REPEATED_MAX_WORDS_DEFAULT):
            cls[i], signal[i] = BAD, "repeated"
        elif length[i] < LENGTH_LOW_DEFAULT:
            cls[i] = SHORT
        else:
            if stoplist is not None:
                density = _density(lines[i], lang) if nw else 0.0
            else:  # no known language: sentence punctuation stands in for stopwords
                density = STOPWORDS_HIGH_DEFAULT if end else 0.0
            if density >= STOPWORDS_HIGH_DEFAULT:
                cls[i] = GOOD if length[i] >= LENGTH_HIGH_DEFAULT else NEAR
            elif density >= STOPWORDS_LOW_DEFAULT or (density >= SENTENCE_STOPWORDS_LOW_DEFAULT and end):
                cls[i] = NEAR
            elif CODE_MIN_MARKS_DEFAULT and _is_code(f[0]):
                cls[i] = SHORT
            else:
                cls[i], signal[i] = BAD, "low-stopwords"
    return cls, signal, length, list(map(len, toks)), keys, ends, lang
