"""Line keys for learning: masking dates, times and numbers, stamp lines, patterns, and support.

Every pass of :mod:`cleaner.learn` sees a line through its normalised and *masked* key
(:func:`mask`), so template lines that carry a date fall together when pages are counted; the
page count a rule needs (:func:`resolve_support`) is decided here too. Kept apart from the
passes because the site-group learner (:mod:`cleaner.sitegroups`) uses the same masking.
"""

from __future__ import annotations

import functools
import math
import re

from .errors import CleanerError
from .normalize import normalize

# A rule must be seen in at least half of the pages, and in at least 3: a line in 2 of 10
# pages is a shared quote or byline more often than template.
SUPPORT_FRACTION_DEFAULT = 0.5
SUPPORT_MIN_PAGES_DEFAULT = 3
# Distinct lines whose keys are cached (template lines recur on every page); bounded, so memory
# still grows only with distinct lines kept in the counts.
KEY_CACHE_SIZE = 1 << 14

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


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def _keys(raw: str) -> tuple[str, str]:
    """A line's normalised and masked keys, cached: template lines come back on every page."""
    key = normalize(raw)
    return key, mask(key) if key else ""
